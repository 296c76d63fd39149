"""The workstation side of sync against the real loket-server (a subprocess on loopback) and
a real PostgreSQL: enrolment, the first pull of the reference data, offline handovers at
both sites meeting on every replica, `loket-admin sync`, and each way sync can be refused
or fail while the counter keeps working."""

# ruff: noqa: F811 - pytest fixtures imported from the harness are parameters here
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from click.testing import CliRunner

from desktop.cli import cli
from desktop.core.cards import CardStatus
from desktop.core.events import Timestamp
from desktop.store import StoreError, projections
from desktop.store.sync_journal import ACKED, CURSOR, TOKEN, StoreJournal
from desktop.syncing import enroll_store, sync_status
from sync import client as sync_client
from sync.client import SyncClient, SyncError, SyncRefused, SyncReport
from sync.protocol import CLOCK_SKEW_LIMIT_MS
from sync.server import central
from tests.sync.harness import (  # noqa: F401 - fixtures
    Loket,
    count_events,
    device_events,
    enrol_code,
    free_port,
    loket,
    pg,
    reference,
    server_process,
)


def _local_state(station) -> tuple:
    store = station.store
    (events,) = store.conn.execute("SELECT count(*) FROM journal").fetchone()
    return projections.digest(store.conn), events, store.meta(ACKED), store.meta(CURSOR)


# -- enrolment --------------------------------------------------------------------------------


def test_enrol_keeps_the_token_and_the_device_id(loket: Loket) -> None:
    station = loket.workstation("MGS", 1, sync=False, enrol=False)
    device_id = enroll_store(station.store, loket.url, enrol_code(loket.database, "MGS", 1))
    assert device_id == station.device_id  # the server took the id the store proposed
    assert station.store.meta(TOKEN)
    with loket.database.connect() as conn:
        row = conn.execute(
            "SELECT site, workstation, token_hash FROM devices WHERE device_id = %s",
            (device_id,),
        ).fetchone()
    assert row[:2] == ("MGS", 1)
    assert row[2] != station.store.meta(TOKEN)  # kept only hashed


def test_enrol_with_a_code_for_another_site_is_refused(loket: Loket) -> None:
    station = loket.workstation("MGS", 1, sync=False, enrol=False)
    code = enrol_code(loket.database, "DSP", 1)
    with pytest.raises(StoreError, match=r"DSP loket 1.*MGS loket 1"):
        enroll_store(station.store, loket.url, code)
    assert not station.store.meta(TOKEN)


def test_a_used_or_unknown_code_is_refused(loket: Loket) -> None:
    first = loket.workstation("MGS", 1, sync=False, enrol=False)
    second = loket.workstation("MGS", 1, sync=False, enrol=False)
    code = enrol_code(loket.database, "MGS", 1)
    enroll_store(first.store, loket.url, code)
    with pytest.raises(SyncRefused, match="sudah dipakai"):
        enroll_store(second.store, loket.url, code)
    with pytest.raises(SyncRefused, match="tidak dikenal"):
        enroll_store(second.store, loket.url, "DEAD-BEEF-0000-0000")
    assert not second.store.meta(TOKEN)


# -- syncing ----------------------------------------------------------------------------------


def test_first_sync_pulls_the_whole_reference_data(loket: Loket) -> None:
    station = loket.workstation("MGS", 1, sync=False)
    report = station.sync()
    assert report.pulled == len(loket.reference)
    assert report.pushed == 0
    assert report.reconciled
    assert station.journal_ids() == {e.event_id for e in loket.reference}
    assert station.cursor() == len(loket.reference)
    conn = station.store.conn
    cards = sum(1 for e in loket.reference if e.type == "card_received")
    residents = sum(1 for e in loket.reference if e.type == "resident_registered")
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == cards
    assert conn.execute("SELECT count(*) FROM residents").fetchone()[0] == residents
    ready = conn.execute(
        "SELECT count(*), count(box), count(slot) FROM cards WHERE status = 'ready'"
    ).fetchone()
    assert ready[0] > 100
    assert ready[0] == ready[1] == ready[2]  # every ready card has its box and slot
    operators = {r[0] for r in conn.execute("SELECT username FROM operators")}
    assert {"operator1", "operator3", "supervisor"} <= operators
    # A second round has nothing to move.
    again = station.sync()
    assert (again.pushed, again.pulled, again.reconciled) == (0, 0, True)


def test_offline_handovers_at_both_sites_reach_both_workstations(loket: Loket) -> None:
    mgs = loket.workstation("MGS", 1)
    dsp = loket.workstation("DSP", 1)
    at_mgs = mgs.hand_over()  # both offline: neither has synced since
    at_dsp = dsp.hand_over()
    assert (at_mgs.receipt_no, at_dsp.receipt_no) == ("MGS-01-000001", "DSP-01-000001")

    assert mgs.sync().pushed == 1
    report = dsp.sync()
    assert (report.pushed, report.pulled, report.reconciled) == (1, 1, True)
    assert mgs.sync().pulled == 1

    for station in (mgs, dsp):
        receipts = station.store.conn.execute(
            "SELECT receipt_no, card_id, device_id FROM handovers ORDER BY receipt_no"
        ).fetchall()
        assert receipts == [
            (at_dsp.receipt_no, at_dsp.card_id, dsp.device_id),
            (at_mgs.receipt_no, at_mgs.card_id, mgs.device_id),
        ]
        states = dict(station.card_states())
        assert states[at_mgs.card_id] == states[at_dsp.card_id] == CardStatus.HANDED_OVER
    assert mgs.journal_ids() == dsp.journal_ids()
    assert device_events(loket.database, mgs.device_id) == (1, 1, 1)
    assert device_events(loket.database, dsp.device_id) == (1, 1, 1)


def test_loket_admin_sync_prints_the_summary(loket: Loket) -> None:
    station = loket.workstation("MGS", 1, sync=False)
    runner = CliRunner()
    first = runner.invoke(cli, ["sync", "--data-dir", str(station.folder)])
    assert first.exit_code == 0, first.output
    pulled = f"{len(loket.reference):,}".replace(",", ".")
    assert f"Sinkron: 0 event dikirim (0 sudah ada), {pulled} event diterima" in first.output
    assert "cocok dengan server." in first.output
    station.hand_over()
    second = runner.invoke(cli, ["sync", "--data-dir", str(station.folder)])
    assert second.exit_code == 0, second.output
    assert "Sinkron: 1 event dikirim (0 sudah ada), 0 event diterima" in second.output
    assert "peringatan" not in second.output


def test_loket_admin_sync_on_an_unenrolled_store_says_to_enrol(loket: Loket) -> None:
    station = loket.workstation("MGS", 1, sync=False, enrol=False)
    result = CliRunner().invoke(cli, ["sync", "--data-dir", str(station.folder)])
    assert result.exit_code == 1
    assert "belum terdaftar" in result.output
    assert "loket-admin enroll" in result.output


def test_an_unenrolled_store_is_told_to_enrol(loket: Loket) -> None:
    station = loket.workstation("DSP", 2, sync=False, enrol=False)
    with pytest.raises(StoreError, match=r"belum terdaftar.*loket-admin enroll"):
        station.sync()


# -- refusals and failures --------------------------------------------------------------------


def test_a_revoked_device_is_refused_in_plain_words_and_nothing_changes(loket: Loket) -> None:
    station = loket.workstation("MGS", 1)
    other = loket.workstation("MGS", 2)
    other.hand_over()
    other.sync()  # something new waits in the feed for `station`
    station.hand_over()  # and something waits to be pushed
    before = _local_state(station)
    with loket.database.connect() as conn:
        assert central.revoke(conn, station.device_id)

    with pytest.raises(SyncRefused) as refused:
        station.sync()
    assert refused.value.retry is False
    assert "dicabut" in str(refused.value)
    assert "daftarkan ulang" in str(refused.value)
    assert _local_state(station) == before
    assert count_events(loket.database, station.device_id) == 0
    status = sync_status(station.store)
    assert status.waiting == 1
    assert "dicabut" in status.last_error


class FutureJournal(StoreJournal):
    """A workstation whose data is of a schema version no server takes yet."""

    def schema_version(self) -> int:
        return 99


def test_a_schema_version_the_server_does_not_take_keeps_working_offline(
    loket: Loket,
) -> None:
    station = loket.workstation("MGS", 1)
    station.hand_over()
    before = _local_state(station)
    token = station.store.meta(TOKEN)
    with (
        SyncClient(loket.url, token, FutureJournal(station.store)) as client,
        pytest.raises(SyncRefused) as refused,
    ):
        client.sync_once()
    message = str(refused.value)
    assert "versi data 1..1" in message and "ini 99" in message
    assert "offline" in message
    assert _local_state(station) == before
    assert count_events(loket.database, station.device_id) == 0
    station.hand_over()  # the counter goes on
    assert station.own_max_seq() == 2


def test_server_down_is_retryable_and_the_counter_keeps_working(loket: Loket) -> None:
    station = loket.workstation("DSP", 1)
    station.point_at(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    with pytest.raises(SyncError) as failed:
        station.sync()
    assert not isinstance(failed.value, SyncRefused)
    assert failed.value.retry is True
    assert "tidak terjangkau" in str(failed.value)

    receipt = station.hand_over()
    assert receipt.receipt_no == "DSP-01-000001"
    status = sync_status(station.store)
    assert status.waiting == 1
    assert "tidak terjangkau" in status.last_error

    station.point_at(loket.url)  # the server is back
    report = station.sync()
    assert (report.pushed, report.reconciled) == (1, True)
    assert sync_status(station.store).waiting == 0
    assert sync_status(station.store).last_error is None


def test_clock_skew_is_measured_and_flagged(loket: Loket, monkeypatch) -> None:
    station = loket.workstation("MGS", 1)
    report = station.sync()
    assert abs(report.clock_skew_ms) < 5_000
    assert not report.clock_off

    # The workstation's clock runs ten minutes fast (only the client's clock is moved;
    # the server is another process).
    real_now = sync_client._now
    monkeypatch.setattr(sync_client, "_now", lambda: real_now() + timedelta(minutes=10))
    station.hand_over()
    skewed = station.sync()
    assert abs(skewed.clock_skew_ms - 600_000) < 5_000
    assert skewed.clock_off
    assert abs(sync_status(station.store).clock_skew_ms - 600_000) < 5_000
    with loket.database.connect() as conn:
        (kept,) = conn.execute(
            "SELECT clock_skew_ms FROM events WHERE device_id = %s", (station.device_id,)
        ).fetchone()
    assert abs(kept - 600_000) < 5_000  # the server keeps the skew beside the event

    result = CliRunner().invoke(cli, ["sync", "--data-dir", str(station.folder)])
    assert result.exit_code == 0, result.output
    assert "peringatan: jam komputer ini selisih" in result.output


def test_an_event_made_after_a_pull_is_ordered_after_what_was_pulled(loket: Loket) -> None:
    station = loket.workstation("MGS", 1)
    # A DSP workstation whose clock runs an hour fast pushes one event.
    fast = loket.workstation("DSP", 2, sync=False)
    ahead = int((datetime.now(UTC) + timedelta(hours=1)).timestamp() * 1000)
    remote_hlc = f"{ahead:013d}-{0:010d}-{fast.device_id}"
    event = {
        "event_id": str(uuid.uuid4()), "device_id": fast.device_id, "site": "DSP", "seq": 1,
        "type": "recording_status_changed", "schema": 1,
        "wall_time": "2012-09-10T09:15:02+07:00", "hlc": remote_hlc,
        "payload": {"request_no": "PRK-UJI", "status": "waiting", "note": "from a fast clock"},
    }  # fmt: skip
    answer = httpx.post(
        f"{loket.url}/v1/devices/{fast.device_id}/events",
        json={"events": [event]},
        headers={"Authorization": f"Bearer {fast.store.meta(TOKEN)}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    assert station.sync().pulled == 1

    receipt = station.hand_over()  # made after the fast event was seen
    (own_hlc,) = station.store.conn.execute(
        "SELECT hlc FROM journal WHERE event_id = ?", (receipt.event_id,)
    ).fetchone()
    assert Timestamp.parse(own_hlc) > Timestamp.parse(remote_hlc)


@pytest.mark.parametrize(
    ("skew", "off"),
    [(0, False), (CLOCK_SKEW_LIMIT_MS, False), (CLOCK_SKEW_LIMIT_MS + 1, True),
     (-CLOCK_SKEW_LIMIT_MS - 1, True)],
)  # fmt: skip
def test_clock_off_is_more_than_five_minutes_either_way(skew: int, off: bool) -> None:
    assert SyncReport(clock_skew_ms=skew).clock_off is off
