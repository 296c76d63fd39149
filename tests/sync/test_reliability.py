"""The reliability proof of sync, on loopback with the real loket-server process and a real
PostgreSQL: a lost answer, a server killed mid-push, a client killed mid-push or mid-pull,
and four devices pushing while others page the feed. After each, the server holds every
event exactly once, the feed is gap-free in commit order, and every store checks clean."""

# ruff: noqa: F811 - pytest fixtures imported from the harness are parameters here
from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from desktop.store.check import check_store
from desktop.store.sync_journal import CURSOR, TOKEN
from desktop.syncing import enroll_store
from sync.client import SyncError, SyncRefused
from tests.sync.harness import (  # noqa: F401 - fixtures
    ROOT,
    Loket,
    ServerProcess,
    Workstation,
    device_events,
    device_seqs,
    enrol_code,
    loket,
    pg,
    reference,
    server_event_ids,
    server_process,
    server_seqs,
)

pytestmark = pytest.mark.slow
DEADLINE = 60.0  # seconds any wait in this module may take


def _held_exactly_once(loket: Loket, station: Workstation, n: int) -> None:
    """The server holds the device's events 1..n, each once; the feed has no gap."""
    assert device_events(loket.database, station.device_id) == (n, n, n)
    assert device_seqs(loket.database, station.device_id) == list(range(1, n + 1))
    seqs = server_seqs(loket.database)
    assert seqs == list(range(1, len(seqs) + 1))
    assert station.acked() == station.own_max_seq() == n


def _nth_push(n: int):
    """A proxy matcher for the n-th push page it sees."""
    seen = 0

    def match(method: str, path: str) -> bool:
        nonlocal seen
        if method == "POST" and path.endswith("/events"):
            seen += 1
            return seen == n
        return False

    return match


# -- a lost answer --------------------------------------------------------------------------


@pytest.mark.parametrize("lost_page", [1, 2, 3])
def test_a_lost_push_answer_is_harmless(loket: Loket, lost_page: int) -> None:
    station = loket.workstation("MGS", 1)
    proxy = loket.proxy()
    station.point_at(proxy.url)
    station.append_notes(1200)
    station.hand_over()
    n = 1201  # three pages: 500, 500, 201
    proxy.drop_next(1, _nth_push(lost_page))

    with pytest.raises(SyncError) as failed:
        station.sync()
    assert failed.value.retry is True
    assert not isinstance(failed.value, SyncRefused)
    assert proxy.dropped == 1
    committed = min(lost_page * 500, n)  # the server took the page; the client never heard
    assert device_events(loket.database, station.device_id) == (committed,) * 3
    assert station.acked() == (lost_page - 1) * 500

    report = station.sync()
    assert report.duplicates == committed - (lost_page - 1) * 500  # the lost page, resent
    assert report.pushed == n - committed
    assert report.reconciled
    _held_exactly_once(loket, station, n)
    assert check_store(station.store).ok


def test_a_lost_feed_answer_is_pulled_again_without_doubles(loket: Loket) -> None:
    source = loket.workstation("DSP", 1)
    source.append_notes(700)
    source.sync()
    station = loket.workstation("MGS", 1, sync=False)
    proxy = loket.proxy()
    station.point_at(proxy.url)
    proxy.drop_next(1, lambda method, path: path.startswith("/v1/feed"))
    total = len(loket.reference) + 700

    with pytest.raises(SyncError):
        station.sync()
    assert station.cursor() == 0

    report = station.sync()
    assert report.pulled == total
    assert station.journal_ids() == server_event_ids(loket.database)
    assert station.cursor() == total
    assert check_store(station.store).ok


def test_a_lost_enrolment_answer_can_be_mended_with_a_new_code(loket: Loket) -> None:
    station = loket.workstation("MGS", 1, sync=False, enrol=False)
    proxy = loket.proxy()
    proxy.drop_next(1, lambda method, path: path.startswith("/v1/enroll"))
    with pytest.raises(SyncError) as failed:
        enroll_store(station.store, proxy.url, enrol_code(loket.database, "MGS", 1))
    assert failed.value.retry is True
    assert proxy.dropped == 1

    # The admin hands out a new code for the same workstation.
    enrolled = enroll_store(station.store, loket.url, enrol_code(loket.database, "MGS", 1))
    assert enrolled == station.device_id
    assert station.sync().reconciled


def _settled_count(loket: Loket, device_id: str, quiet: float = 0.5) -> int:
    """The device's event count once it has stopped changing: a page sent before a kill may
    still commit after it."""
    deadline = time.monotonic() + DEADLINE
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        held = device_events(loket.database, device_id)[0]
        if held != last:
            last, since = held, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return held
        time.sleep(0.05)
    raise AssertionError("the server's count never settled")


@pytest.mark.parametrize("new_events", [0, 3])
def test_a_server_restored_from_an_older_backup_gets_the_lost_events_again(
    loket: Loket, new_events: int
) -> None:
    station = loket.workstation("DSP", 1)
    station.append_notes(10)
    station.sync()
    with loket.database.connect() as conn:  # the backup was taken after seq 4
        conn.execute("DELETE FROM events WHERE device_id = %s AND seq > 4", (station.device_id,))
    station.append_notes(new_events)
    n = 10 + new_events

    report = station.sync()
    assert report.reconciled
    assert report.pushed == n - 4
    assert device_events(loket.database, station.device_id) == (n, n, n)
    assert device_seqs(loket.database, station.device_id) == list(range(1, n + 1))
    assert station.acked() == n


# -- the server killed mid-push -----------------------------------------------------------------


def _wait_for_events(dsn: str, device_id: str, at_least: int, running) -> int:
    """Poll the central store until it holds `at_least` of the device's events."""
    deadline = time.monotonic() + DEADLINE
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            (held,) = conn.execute(
                "SELECT count(*) FROM events WHERE device_id = %s", (device_id,)
            ).fetchone()
            if held >= at_least:
                return held
            assert running(), "the push ended before it could be interrupted"
            time.sleep(0.002)
    raise AssertionError(f"the server never held {at_least} events of {device_id}")


def test_server_killed_mid_push_loses_and_doubles_nothing(loket: Loket) -> None:
    station = loket.workstation("MGS", 1)
    station.append_notes(2999)
    station.hand_over()
    n = 3000  # six pages
    outcome: dict[str, object] = {}

    def push() -> None:
        try:
            outcome["report"] = station.sync()
        except SyncError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=push)
    worker.start()
    _wait_for_events(loket.database.dsn, station.device_id, 1, worker.is_alive)
    loket.server.kill()
    worker.join(DEADLINE)
    assert not worker.is_alive()
    assert isinstance(outcome.get("error"), SyncError), outcome
    assert outcome["error"].retry is True
    held = _settled_count(loket, station.device_id)
    assert 0 < held < n
    assert device_events(loket.database, station.device_id) == (held, held, held)
    assert station.acked() <= held

    loket.server.restart()
    report = station.sync()
    assert report.reconciled
    assert report.pushed == n - held
    _held_exactly_once(loket, station, n)
    with loket.database.connect() as conn:
        (tracked,) = conn.execute("SELECT count(*) FROM card_handovers").fetchone()
    assert tracked == 1  # the handover in the last page, counted once


# -- the client killed ----------------------------------------------------------------------------


def _admin_sync(folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "sync", "--data-dir", str(folder)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill(proc: subprocess.Popen) -> None:
    proc.kill()  # SIGKILL
    proc.communicate(timeout=DEADLINE)


@pytest.mark.parametrize(("kill_after", "seed"), [(1, 1), (1201, 2), (2401, 3)])
def test_client_killed_mid_push_loses_and_doubles_nothing(
    loket: Loket, kill_after: int, seed: int
) -> None:
    station = loket.workstation("DSP", 1)
    station.append_notes(2999)
    station.hand_over()
    n = 3000
    proc = _admin_sync(station.folder)
    try:
        _wait_for_events(
            loket.database.dsn, station.device_id, kill_after, lambda: proc.poll() is None
        )
        time.sleep(random.Random(seed).uniform(0, 0.05))  # somewhere in the next page
    finally:
        _kill(proc)
    assert proc.returncode == -signal.SIGKILL, "the sync finished before the kill"
    # The page in flight may still commit: then the client dies between the server's commit
    # and recording the acknowledgement.
    held = _settled_count(loket, station.device_id)
    acked_at_kill = station.acked()
    assert acked_at_kill <= held  # the acknowledgement is recorded only after the commit

    again = _admin_sync(station.folder)
    out, err = again.communicate(timeout=DEADLINE)
    assert again.returncode == 0, out + err
    resent = held - acked_at_kill
    assert f"Sinkron: {n - held:,} event dikirim ({resent} sudah ada)".replace(",", ".") in out
    assert "cocok dengan server." in out
    _held_exactly_once(loket, station, n)
    report = check_store(station.store)
    assert report.ok, report.findings


def test_client_killed_mid_pull_keeps_cursor_and_journal_together(loket: Loket) -> None:
    station = loket.workstation("MGS", 2)
    start = station.cursor()
    source = loket.workstation("MGS", 1)
    source.append_notes(3000)
    source.sync()
    proc = _admin_sync(station.folder)
    try:
        deadline = time.monotonic() + DEADLINE
        reader = sqlite3.connect(station.store.path, timeout=10, isolation_level=None)
        try:
            while time.monotonic() < deadline:
                rows = reader.execute("SELECT value FROM meta WHERE key = ?", (CURSOR,))
                if int(rows.fetchall()[0][0]) > start:
                    break
                assert proc.poll() is None, "the pull ended before it could be interrupted"
                time.sleep(0.002)
        finally:
            reader.close()
    finally:
        _kill(proc)
    assert proc.returncode == -signal.SIGKILL, "the sync finished before the kill"
    cursor = station.cursor()
    assert start < cursor < start + 3000, "the pull finished before the kill"
    with loket.database.connect() as conn:
        upto = {
            str(r[0])
            for r in conn.execute("SELECT event_id FROM events WHERE server_seq <= %s", (cursor,))
        }
    assert station.journal_ids() == upto  # the cursor moved with exactly what was applied
    assert check_store(station.store).ok

    again = _admin_sync(station.folder)
    out, err = again.communicate(timeout=DEADLINE)
    assert again.returncode == 0, out + err
    assert station.journal_ids() == server_event_ids(loket.database)
    assert check_store(station.store).ok


# -- many devices at once -------------------------------------------------------------------------


def _first_gap(seqs: list[int], total: int) -> str:
    if seqs == list(range(1, total + 1)):
        return "none"
    for expected, got in enumerate(seqs, start=1):
        if got != expected:
            return f"at {expected}: got {got}"
    return f"ends at {len(seqs)} of {total}"


def test_four_devices_push_while_readers_page_the_feed(loket: Loket, tmp_path: Path) -> None:
    """Four workstations push ~400 events each at once (four rounds of 100, so pushes and
    reads interleave) through two server processes on one database, while two readers page
    the feed 20 at a time; every reader sees every event exactly once, server_seq 1..N with
    no gap.

    With a plain sequence (nextval outside the locked counter row) this could fail: a
    transaction that drew seq k may commit after one that drew k+1, and a reader that has
    already paged past k+1 asks `since=k+1` and never sees k.
    """
    second = ServerProcess(loket.database.dsn, tmp_path / "second-server.log")
    try:
        _four_devices(loket, [loket.url, second.url])
    finally:
        second.stop()


def _four_devices(loket: Loket, urls: list[str]) -> None:
    stations = [
        loket.workstation("MGS", 1),
        loket.workstation("MGS", 2),
        loket.workstation("DSP", 1),
        loket.workstation("DSP", 2),
    ]
    for k, station in enumerate(stations):
        station.point_at(urls[k % 2])  # the API tier is stateless: any server will do
        station.hand_over()  # both MGS stations take one card, both DSP another: conflicts
    token = loket.workstation("DSP", 9, sync=False).store.meta(TOKEN)
    writers_done = threading.Event()
    start = threading.Barrier(len(stations) + 2)
    seen: list[list[dict]] = [[], []]
    reports: dict[str, object] = {}
    failures: list[BaseException] = []

    def write(station: Workstation) -> None:
        start.wait(DEADLINE)
        try:
            for _ in range(4):
                station.append_notes(100)
                reports[station.device_id] = station.sync()
        except Exception as exc:  # reported below
            failures.append(exc)

    def read(into: list[dict], url: str) -> None:
        cursor = 0
        deadline = time.monotonic() + DEADLINE
        try:
            with httpx.Client(
                base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=15
            ) as http:
                start.wait(DEADLINE)
                while time.monotonic() < deadline:
                    finished = writers_done.is_set()  # before the page: nothing comes after
                    answer = http.get("/v1/feed", params={"since": cursor, "limit": 20})
                    answer.raise_for_status()
                    page = answer.json()
                    into.extend(page["events"])
                    cursor = page["next"]
                    if not page["more"]:
                        if finished:
                            return
                        time.sleep(0.005)
            raise AssertionError("the reader ran out of time")
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(s,)) for s in stations]
    threads += [threading.Thread(target=read, args=(seen[k], urls[k])) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads[: len(stations)]:
        thread.join(DEADLINE)
    writers_done.set()
    for thread in threads[len(stations) :]:
        thread.join(DEADLINE)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []

    for station in stations:
        assert reports[station.device_id].reconciled
        assert device_events(loket.database, station.device_id) == (401, 401, 401)
    everything = server_event_ids(loket.database)
    total = len(loket.reference) + 4 * 401 + 2  # and the server's two card_conflict events
    assert len(everything) == total
    for events in seen:
        seqs = [e["server_seq"] for e in events]
        assert seqs == list(range(1, total + 1)), _first_gap(seqs, total)
        ids = [e["event_id"] for e in events]
        assert len(ids) == len(set(ids)) and set(ids) == everything
        assert sum(e["type"] == "card_conflict" for e in events) == 2
