"""Opening a store written by an older Loket: backed up first, then migrated in place."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.store import StoreError, open_store
from desktop.store.check import check_store
from desktop.store.schema import KNOWN_STEPS
from desktop.store.store import STORE_FILE

# Written by `loket-admin demo --scale 0.002` at commit 7edad1c (schema steps m001..m005,
# the last release before the schema changes of Dec 2026), plus 5 handovers at MGS-01.
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store-7edad1c.sqlite"
OLD_STEPS = 5


def _counts(conn: sqlite3.Connection) -> tuple[int, ...]:
    return tuple(
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("residents", "cards", "handovers", "journal", "audit")
    )


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURE, folder / STORE_FILE)
    return folder


def test_old_store_is_backed_up_then_migrated_in_place(old_folder: Path) -> None:
    conn = sqlite3.connect(FIXTURE)
    before = _counts(conn)
    steps = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    assert steps == OLD_STEPS < len(KNOWN_STEPS)  # the fixture is really older
    assert before[:3] == (171, 135, 5)

    with open_store(old_folder) as store:
        assert check_store(store).ok
        assert _counts(store.conn) == before
        applied = {r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")}
        assert applied == set(KNOWN_STEPS)
        device = store.require_device()
        receipts = [r[0] for r in store.conn.execute("SELECT receipt_no FROM handovers")]
    assert (device.site, device.workstation) == ("MGS", 1)
    assert sorted(receipts) == [f"MGS-01-{n:06d}" for n in range(1, 6)]

    (saved,) = (old_folder / "backups").iterdir()
    assert saved.name.startswith("loket-MGS-01-sebelum-upgrade-")
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == OLD_STEPS
    assert _counts(conn) == before
    conn.close()

    open_store(old_folder).close()  # already current: no second backup
    assert len(list((old_folder / "backups").iterdir())) == 1


def test_failed_pre_upgrade_backup_leaves_the_old_store_unmigrated(old_folder: Path) -> None:
    (old_folder / "backups").write_text("a file where the backup folder should be")
    with pytest.raises(StoreError, match="cadangan sebelum pembaruan gagal"):
        open_store(old_folder)
    conn = sqlite3.connect(old_folder / STORE_FILE)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == OLD_STEPS
    conn.close()


def test_newer_store_is_still_refused_without_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    open_store(folder).close()
    conn = sqlite3.connect(folder / STORE_FILE)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('loket', 'm999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="versi Loket yang lebih baru"):
        open_store(folder)
    assert not (folder / "backups").exists()
