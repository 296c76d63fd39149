"""Replicas converge, whatever happens in between: a stateful test (hypothesis) with three
workstations (MGS 1, MGS 2, DSP 1) on one tiny reference city, the real loket-server
process and a real PostgreSQL, each workstation behind its own lossy proxy.

Steps: hand over a card that a workstation believes ready (two MGS workstations that have
not heard of each other can take the same card: a conflict), write cheap local events,
partition or heal a workstation, sync one, lose the answer to a workstation's next push.
After every step no store or server holds an event twice or has a gap, and each store's
card states agree with its own handovers. At the end everything heals and syncs twice:
every replica then holds the same events as the server, the same card states, and a card
is in conflict exactly when two workstations handed it over.
"""

# ruff: noqa: F811 - pytest fixtures imported from the harness are parameters here
from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from desktop.store import open_store
from desktop.syncing import enroll_store
from sync.client import SyncError, SyncRefused
from sync.server.db import Database
from tests.sync.harness import (  # noqa: F401 - fixtures
    Loket,
    LossyProxy,
    ServerProcess,
    Workstation,
    enrol_code,
    make_workstation,
    pg,
    publish,
    reference,
    reset,
    server_event_ids,
    server_process,
)

pytestmark = pytest.mark.slow
STATIONS = (("MGS", 1), ("MGS", 2), ("DSP", 1))
EXAMPLES = 15
STEPS = 25


def _server_devices(database: Database) -> dict[str, tuple[int, int, int]]:
    with database.connect() as conn:
        rows = conn.execute(
            "SELECT device_id, count(*), count(DISTINCT event_id), max(seq) FROM events"
            " GROUP BY device_id"
        ).fetchall()
    return {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in rows}


def _server_conflicts(database: Database) -> set[str]:
    with database.connect() as conn:
        rows = conn.execute("SELECT body FROM events WHERE type = 'card_conflict'").fetchall()
    return {json.loads(bytes(r[0]))["payload"]["card_id"] for r in rows}


def _status_mismatches(station: Workstation) -> list[tuple]:
    """Cards whose status disagrees with the count of their live handovers."""
    return station.store.conn.execute(
        "SELECT c.card_id, c.status, count(h.event_id) AS live FROM cards c"
        " LEFT JOIN handovers h ON h.card_id = c.card_id AND h.voided_by IS NULL"
        " GROUP BY c.card_id"
        " HAVING (c.status = 'conflict') != (live >= 2)"
        " OR (c.status = 'handed_over') != (live = 1)"
    ).fetchall()


def _templates(folder: Path, database: Database, url: str) -> list[Path]:
    """The three workstations once initialised, enrolled and synced with the reference
    data; each example starts from a copy and enrols it again under the same device id."""
    folders = []
    for site, number in STATIONS:
        station = make_workstation(folder / f"{site}-{number}", database, url, site, number)
        station.sync()
        station.close()
        folders.append(station.folder)
    return folders


def test_replicas_converge_whatever_happens_in_between(
    pg: Database, reference: list, server_process: ServerProcess, tmp_path: Path
) -> None:
    if not server_process.alive:
        server_process.start()
    reset(pg)
    publish(pg, reference)
    templates = _templates(tmp_path / "template", pg, server_process.url)
    proxies = [LossyProxy(server_process.port) for _ in STATIONS]
    examples = iter(range(10**6))

    class Counters(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            for proxy in proxies:
                proxy.clear()
            # The same reference events in the same order: the copies' feed cursors hold.
            reset(pg)
            publish(pg, reference)
            self.world = Loket(pg, server_process, reference, tmp_path / f"ex{next(examples)}")
            self.stations: list[Workstation] = []
            for (site, number), template, proxy in zip(STATIONS, templates, proxies, strict=True):
                folder = shutil.copytree(template, self.world.folder / template.name)
                station = Workstation(open_store(folder), folder, site, number)
                self.world.stations.append(station)
                enroll_store(station.store, server_process.url, enrol_code(pg, site, number))
                station.point_at(proxy.url)
                self.stations.append(station)
            self.partitioned = [False] * len(STATIONS)
            self.lost_push = [False] * len(STATIONS)  # an answer was lost; resend next time
            self.handed: dict[str, list[str]] = defaultdict(list)  # card -> handover events

        @rule(i=st.sampled_from(range(len(STATIONS))), pick=st.integers(0, 2))
        def hand_over(self, i: int, pick: int) -> None:
            # Only among the first few ready cards, so two MGS workstations that have not
            # synced take the same card often enough.
            ready = self.stations[i].ready_cards()
            if ready:
                receipt = self.stations[i].hand_over(ready[min(pick, len(ready) - 1)][0])
                self.handed[receipt.card_id].append(receipt.event_id)

        @initialize(contested=st.booleans())
        def start(self, contested: bool) -> None:
            if contested:  # both MGS workstations hand the same card over before any sync
                self.both_mgs_hand_over(0)

        @rule(pick=st.integers(0, 2))
        def both_mgs_hand_over(self, pick: int) -> None:
            for i, (site, _) in enumerate(STATIONS):
                if site == "MGS":
                    self.hand_over(i, pick)

        @rule(i=st.sampled_from(range(len(STATIONS))), n=st.integers(1, 3))
        def write_notes(self, i: int, n: int) -> None:
            self.stations[i].append_notes(n)

        @rule(i=st.sampled_from(range(len(STATIONS))))
        def partition(self, i: int) -> None:
            self.partitioned[i] = proxies[i].blocked = True

        @rule(i=st.sampled_from(range(len(STATIONS))))
        def heal(self, i: int) -> None:
            self.partitioned[i] = proxies[i].blocked = False

        @rule(i=st.sampled_from(range(len(STATIONS))))
        def lose_next_push_answer(self, i: int) -> None:
            if not proxies[i].armed:
                proxies[i].drop_next(1)

        @rule(i=st.sampled_from(range(len(STATIONS))), lose=st.booleans())
        def sync(self, i: int, lose: bool) -> None:
            if lose:
                self.lose_next_push_answer(i)
            station = self.stations[i]
            waiting = station.own_max_seq() > station.acked()
            if self.partitioned[i] or (waiting and proxies[i].armed):
                with pytest.raises(SyncError) as failed:
                    station.sync()
                assert not isinstance(failed.value, SyncRefused), failed.value
                if not self.partitioned[i]:
                    assert not proxies[i].armed  # the push went through; its answer did not
                    self.lost_push[i] = True
                return
            report = station.sync()
            assert report.reconciled, report
            if self.lost_push[i]:
                assert report.duplicates >= 1  # the page whose answer was lost, resent
                self.lost_push[i] = False
            assert station.acked() == station.own_max_seq()

        @invariant()
        def nothing_twice_and_no_gaps(self) -> None:
            for device, (count, distinct, high) in _server_devices(pg).items():
                assert count == distinct == high, device
            for station in self.stations:
                assert station.acked() <= station.own_max_seq()
                assert _status_mismatches(station) == []

        def teardown(self) -> None:
            try:
                if self.stations:
                    self.heal_everything_and_check()
            finally:
                self.world.close()

        def heal_everything_and_check(self) -> None:
            for proxy in proxies:
                proxy.clear()
            for _ in range(2):
                for station in self.stations:
                    assert station.sync().reconciled
            held = server_event_ids(pg)
            for station in self.stations:
                assert station.journal_ids() == held
                assert station.acked() == station.own_max_seq()
            states = [station.card_states() for station in self.stations]
            assert states[1:] == states[:-1]
            expected = {card: len(events) for card, events in self.handed.items()}
            for station in self.stations:
                assert station.live_handovers() == expected
                assert _status_mismatches(station) == []
                status = dict(station.card_states())
                assert {c for c, s in status.items() if s == "conflict"} == {
                    c for c, n in expected.items() if n >= 2
                }
            assert _server_conflicts(pg) == {c for c, n in expected.items() if n >= 2}
            for station in self.stations:
                n = station.own_max_seq()
                assert _server_devices(pg).get(station.device_id, (0, 0, 0)) == (n, n, n)

    try:
        run_state_machine_as_test(
            Counters,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
    finally:
        for proxy in proxies:
            proxy.stop()
