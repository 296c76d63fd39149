"""Restoring an enrolled workstation from an older backup, against the real loket-server and
PostgreSQL: what it handed over after the backup and pushed is taken back from the server,
receipt numbers go on where they were, and until that sync it records nothing new (a new
event would take a number the server already holds from this device)."""

# ruff: noqa: F811 - pytest fixtures imported from the harness are parameters here
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli import cli
from desktop.store import open_store
from desktop.store.backup import backup_store, restore_store
from desktop.store.check import check_store
from desktop.store.store import CATCH_UP, CatchUpFirst
from desktop.syncing import sync_store
from tests.sync.harness import (  # noqa: F401 - fixtures
    Loket,
    Workstation,
    device_seqs,
    loket,
    pg,
    reference,
    server_process,
)


def _receipts(station: Workstation) -> list[str]:
    rows = station.store.conn.execute("SELECT receipt_no FROM handovers ORDER BY receipt_no")
    return [r[0] for r in rows]


def _lose_the_disk(station: Workstation) -> tuple[Path, list[str]]:
    """A handover, a backup, two handovers synced after it, one never synced; then the
    store is closed as IT would find it. Returns the backup and the synced receipts."""
    first = station.hand_over()
    station.sync()
    backup = backup_store(station.store)  # into <data folder>/backups
    after = [station.hand_over(), station.hand_over()]
    station.sync()
    station.hand_over()  # never reached the server: lost with the disk
    station.close()
    return backup, [first.receipt_no, *(r.receipt_no for r in after)]


def _reopen(loket: Loket, station: Workstation) -> Workstation:
    again = Workstation(open_store(station.folder), station.folder, station.site, station.number)
    loket.stations.append(again)
    return again


def test_a_restored_workstation_takes_back_what_the_server_holds(
    loket: Loket, tmp_path: Path
) -> None:
    station = loket.workstation("MGS", 1)
    backup, synced = _lose_the_disk(station)
    on_server = device_seqs(loket.database, station.device_id)

    restore_store(station.folder, backup)
    restored = _reopen(loket, station)
    assert _receipts(restored) == synced[:1]
    assert restored.store.meta(CATCH_UP).startswith(backup.name)
    with pytest.raises(CatchUpFirst, match="belum sinkron dengan server"):
        restored.hand_over()
    assert _receipts(restored) == synced[:1]  # nothing half-written

    report = sync_store(restored.store)
    assert report.reconciled and report.pulled >= 2
    assert restored.store.meta(CATCH_UP) is None
    assert _receipts(restored) == synced  # the two handovers after the backup are back
    assert restored.own_max_seq() == max(on_server)
    assert check_store(restored.store).ok

    receipt = restored.hand_over()  # numbers go on; the lost, never-synced one is reused
    assert receipt.receipt_no == "MGS-01-000004"
    restored.sync()
    assert device_seqs(loket.database, station.device_id) == [*on_server, max(on_server) + 1]


def test_loket_admin_restore_syncs_at_once_or_says_it_could_not(
    loket: Loket, tmp_path: Path
) -> None:
    station = loket.workstation("MGS", 1)
    backup, synced = _lose_the_disk(station)
    runner = CliRunner()
    argv = ["restore", str(backup), "--yes", "--data-dir", str(station.folder)]

    loket.server.kill()  # the Dinas server cannot be reached
    try:
        answer = runner.invoke(cli, argv)
    finally:
        loket.server.restart()
    assert answer.exit_code == 0, answer.output
    assert "Belum sinkron:" in answer.stderr and "loket-admin sync" in answer.stderr
    restored = _reopen(loket, station)
    with pytest.raises(CatchUpFirst):
        restored.hand_over()
    restored.close()

    answer = runner.invoke(cli, argv)  # restored again, the server back
    assert answer.exit_code == 0, answer.output
    assert "loket siap dipakai" in answer.stdout
    again = _reopen(loket, station)
    assert again.store.meta(CATCH_UP) is None
    assert _receipts(again) == synced
