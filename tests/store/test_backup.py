"""Backups and restores against real store files: the online backup, rotation, a missing
backup disk, restore with its checks, a failed and a killed restore, folder permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.store import Store, StoreError, open_store
from desktop.store import backup as backup_module
from desktop.store.backup import (
    backup_or_record,
    backup_state,
    backup_store,
    last_backup,
    restore_store,
)
from desktop.store.check import check_store
from desktop.store.settings import WorkstationSettings, load_settings, save_settings
from desktop.store.store import STORE_FILE
from tests.store.conftest import AddResident

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 2, 17, 0, 0).astimezone()


def _residents(store_or_path: Store | Path) -> int:
    if isinstance(store_or_path, Store):
        return store_or_path.conn.execute("SELECT count(*) FROM residents").fetchone()[0]
    conn = sqlite3.connect(store_or_path)
    try:
        return conn.execute("SELECT count(*) FROM residents").fetchone()[0]
    finally:
        conn.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- backup ---------------------------------------------------------------------------------


def test_backup_is_a_checked_copy_with_the_workstation_name(small_city: Store) -> None:
    assert last_backup(small_city) is None
    path = backup_store(small_city, now=T0)
    assert path == small_city.path.parent / "backups" / "loket-MGS-01-20261102-170000.sqlite"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp left
    assert not Path(f"{path}-wal").exists()  # one self-contained file
    assert _residents(path) == _residents(small_city) > 0
    with open_store(_restored_folder(path)) as copy:
        assert check_store(copy).ok
        assert copy.require_device() == small_city.require_device()
    assert last_backup(small_city) == T0


def _restored_folder(backup: Path) -> Path:
    folder = backup.parent.parent.parent / f"open-{backup.stem}"
    folder.mkdir()
    (folder / STORE_FILE).write_bytes(backup.read_bytes())
    return folder


def test_backup_sees_committed_writes_still_in_the_wal(small_city: Store) -> None:
    with small_city.write():
        small_city.set_meta("marker", "in-the-wal")
    assert Path(f"{small_city.path}-wal").stat().st_size > 0
    path = backup_store(small_city, now=T0)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone() == ("in-the-wal",)
    conn.close()


def test_rotation_keeps_the_newest_of_this_workstation_only(
    small_city: Store, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    others = ["loket-MGS-02-20261101-170000.sqlite", "catatan.txt",
              "loket-MGS-01-sebelum-upgrade-20261001-080000.sqlite"]  # fmt: skip
    for name in others:
        (usb / name).write_text("not ours")
    made = [backup_store(small_city, usb, keep=3, now=T0 + timedelta(days=d)) for d in range(5)]
    names = sorted(p.name for p in usb.iterdir())
    assert names == sorted([*others, *(p.name for p in made[-3:])])
    assert last_backup(small_city) == T0 + timedelta(days=4)


def test_rotation_default_and_backup_folder_come_from_the_settings(
    small_city: Store, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    save_settings(small_city, WorkstationSettings(backup_folder=str(share), backup_keep=2))
    assert load_settings(small_city).backup_keep == 2
    for day in range(3):
        backup_store(small_city, now=T0 + timedelta(days=day))
    assert len(list(share.iterdir())) == 2
    assert not (small_city.path.parent / "backups").exists()


def test_backup_keep_is_bounded() -> None:
    with pytest.raises(StoreError, match="antara 1 dan 365"):
        WorkstationSettings(backup_keep=0).validate()


def test_missing_backup_disk_says_which_folder_and_leaves_nothing(
    small_city: Store, tmp_path: Path
) -> None:
    usb = tmp_path / "media" / "usb"
    with pytest.raises(StoreError, match=f"folder cadangan {usb} tidak ada") as refused:
        backup_store(small_city, usb, now=T0)
    assert "sambungkan disk cadangan" in str(refused.value)
    assert not usb.exists()  # never created on the wrong disk
    assert last_backup(small_city) is None


def test_unwritable_backup_folder_leaves_nothing_behind(small_city: Store, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    taken = f"loket-MGS-01-20261102-170000.sqlite.{os.getpid()}.tmp"
    (blocked / taken).mkdir()  # the temp name is taken by a folder
    with pytest.raises(StoreError, match=f"folder cadangan {blocked} tidak dapat ditulisi"):
        backup_store(small_city, blocked, now=T0)
    assert [p.name for p in blocked.iterdir()] == [taken]
    assert last_backup(small_city) is None


def test_two_backups_in_the_same_second_are_both_kept(small_city: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    first, second, third = (backup_store(small_city, usb, keep=3, now=T0) for _ in range(3))
    assert [first.name, second.name, third.name] == [
        "loket-MGS-01-20261102-170000.sqlite",
        "loket-MGS-01-20261102-170000-2.sqlite",
        "loket-MGS-01-20261102-170000-3.sqlite",
    ]
    later = backup_store(small_city, usb, keep=2, now=T0 + timedelta(seconds=1))
    # rotation orders -2 and -3 after their plain name, not before it
    assert sorted(p.name for p in usb.iterdir()) == sorted([third.name, later.name])


def test_a_killed_backups_temporary_file_goes_with_the_next_backup(
    small_city: Store, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    stale = usb / "loket-MGS-01-20261101-170000.sqlite.4242.tmp"
    running = usb / "loket-MGS-01-20261102-165959.sqlite.4343.tmp"  # another process, now
    other = usb / "loket-MGS-02-20261101-170000.sqlite.4444.tmp"  # another workstation's
    for leftover in (stale, running, other):
        leftover.write_bytes(b"half a backup")
    hours_ago = datetime.now().timestamp() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    made = backup_store(small_city, usb, now=T0)
    assert sorted(p.name for p in usb.iterdir()) == sorted([made.name, running.name, other.name])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_backup_folder_is_refused(small_city: Store, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreError, match="tidak dapat ditulisi"):
        backup_store(small_city, locked, now=T0)
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize(
    ("last", "now", "due"),
    [
        (None, "2026-11-02 09:00", True),  # never backed up
        ("2026-11-02 08:00", "2026-11-02 15:29", False),  # this morning, counter still open
        ("2026-11-02 08:00", "2026-11-02 15:30", True),  # the end-of-day backup
        ("2026-11-02 15:31", "2026-11-02 16:40", False),  # made already this evening
        ("2026-11-01 16:00", "2026-11-02 09:00", False),  # last evening's
        ("2026-11-01 16:00", "2026-11-02 15:45", True),  # today's end of day
        ("2026-10-30 16:00", "2026-11-02 08:00", True),  # after a weekend: over a day old
        ("2026-11-01 08:00", "2026-11-02 08:00", True),  # exactly a day
    ],
)
def test_the_daily_backup_is_due_after_closing_or_after_a_day(
    last: str | None, now: str, due: bool
) -> None:
    def at(text: str) -> datetime:
        return datetime.strptime(text, "%Y-%m-%d %H:%M").astimezone()

    assert backup_module.backup_due(at(last) if last else None, at(now)) is due


def test_app_backup_records_a_failure_for_the_next_start(small_city: Store, tmp_path: Path) -> None:
    save_settings(small_city, WorkstationSettings(backup_folder=str(tmp_path / "gone")))
    assert backup_or_record(small_city, now=T0) is None
    state = backup_state(small_city)
    assert state.last_ok is None
    assert "tidak ada" in state.error and state.error_at is not None
    (tmp_path / "gone").mkdir()
    assert backup_or_record(small_city, now=T0) is not None
    assert backup_state(small_city) == backup_module.BackupState(T0, None, None)


# -- restore --------------------------------------------------------------------------------


@pytest.fixture
def backed_up(small_city: Store, add_resident: AddResident) -> tuple[Path, Path, int]:
    """(data folder, a backup of it, residents in it); the store is then changed and
    closed, as restore wants it."""
    folder = small_city.path.parent
    backup = backup_store(small_city, now=T0)
    count = _residents(small_city)
    add_resident(small_city, "Sesudah Cadangan")
    with small_city.write():
        small_city.set_meta("after-backup", "yes")
    small_city.close()
    return folder, backup, count


def _meta(folder: Path, key: str) -> str | None:
    with open_store(folder) as store:
        return store.meta(key)


def test_restore_puts_the_backup_in_place_and_keeps_the_old_store(
    backed_up: tuple[Path, Path, int],
) -> None:
    folder, backup, count = backed_up
    aside = restore_store(folder, backup)
    assert aside is not None and aside.parent == folder
    assert aside.name.startswith(f"{STORE_FILE}.replaced-")
    assert _meta(folder, "after-backup") is None  # the backup's content
    with open_store(folder) as restored:
        assert _residents(restored) == count
        assert check_store(restored).ok
    assert sqlite3.connect(aside).execute(  # the replaced store, its WAL folded in
        "SELECT value FROM meta WHERE key = 'after-backup'"
    ).fetchone() == ("yes",)
    assert not list(folder.glob("*.restoring*"))
    assert backup.exists()  # the backup itself is untouched


def test_two_restores_in_the_same_second_keep_both_replaced_stores(
    backed_up: tuple[Path, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, backup, count = backed_up

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:
            return datetime(2026, 11, 2, 18, 0, 0)

    monkeypatch.setattr(backup_module, "datetime", Frozen)
    first = restore_store(folder, backup)
    second = restore_store(folder, backup)
    assert first is not None and second is not None
    assert (first.name, second.name) == (
        f"{STORE_FILE}.replaced-20261102-180000",
        f"{STORE_FILE}.replaced-20261102-180000-2",
    )
    assert _residents(first) == count + 1  # the store as it was before the first restore
    assert _residents(second) == count


def test_opening_the_store_clears_a_killed_restores_copy(
    backed_up: tuple[Path, Path, int],
) -> None:
    folder, backup, _ = backed_up
    copy = folder / f"{STORE_FILE}.restoring"
    copy.write_bytes(backup.read_bytes())
    with open_store(folder):
        pass
    assert copy.exists()  # young: a restore may be running in another process
    hours_ago = datetime.now().timestamp() - 2 * 3600
    os.utime(copy, (hours_ago, hours_ago))
    with open_store(folder) as store:
        assert store.meta("after-backup") == "yes"  # the store itself untouched
    assert not copy.exists()


def test_restore_refuses_while_the_store_is_open(backed_up: tuple[Path, Path, int]) -> None:
    folder, backup, _ = backed_up
    with open_store(folder) as running, pytest.raises(StoreError, match="sedang dibuka"):
        running.conn.execute("SELECT count(*) FROM journal").fetchone()
        restore_store(folder, backup)
    assert _meta(folder, "after-backup") == "yes"
    assert not list(folder.glob(f"{STORE_FILE}.*"))


def test_restore_refuses_another_workstations_backup(
    backed_up: tuple[Path, Path, int], tmp_path: Path
) -> None:
    folder, _, _ = backed_up
    with open_store(tmp_path / "other") as other:
        other.initialize("MGS", 2)
        foreign = backup_store(other, now=T0)
    with pytest.raises(StoreError, match="milik perangkat MGS-02-"):
        restore_store(folder, foreign)
    assert _meta(folder, "after-backup") == "yes"
    assert not list(folder.glob(f"{STORE_FILE}.*"))


def test_restore_refuses_a_backup_that_fails_the_check(
    backed_up: tuple[Path, Path, int], tmp_path: Path
) -> None:
    folder, backup, _ = backed_up
    tampered = tmp_path / "tampered.sqlite"
    tampered.write_bytes(backup.read_bytes())
    conn = sqlite3.connect(tampered)
    conn.execute("DROP TRIGGER journal_no_delete")
    conn.execute("DELETE FROM journal WHERE seq = 3")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"tidak lolos pemeriksaan: jurnal perangkat .* seq 3"):
        restore_store(folder, tampered)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="tidak dapat dipakai"):
        restore_store(folder, garbage)
    with pytest.raises(StoreError, match="tidak ada"):
        restore_store(folder, tmp_path / "missing.sqlite")
    assert _meta(folder, "after-backup") == "yes"
    assert not list(folder.glob(f"{STORE_FILE}.*"))


def test_restore_into_an_empty_folder_sets_nothing_aside(
    backed_up: tuple[Path, Path, int], tmp_path: Path
) -> None:
    _, backup, count = backed_up
    fresh = tmp_path / "new-pc"
    assert restore_store(fresh, backup) is None
    with open_store(fresh) as restored:
        assert _residents(restored) == count


def test_failed_final_rename_keeps_the_old_store(
    backed_up: tuple[Path, Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, backup, count = backed_up

    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup_module, "_replace", refuse)
    with pytest.raises(StoreError, match="penyimpanan lama tetap dipakai"):
        restore_store(folder, backup)
    assert _meta(folder, "after-backup") == "yes"  # the old store, whole
    assert not list(folder.glob("*.restoring*"))
    (aside,) = folder.glob(f"{STORE_FILE}.replaced-*")  # and its copy, kept
    assert _residents(aside) == count + 1


KILLED_RESTORE = textwrap.dedent(
    """
    import os, sys, time
    from desktop.store import backup

    def stop_at(point):
        def hook(*args):
            if point == "after":
                real(*args)
            print("at", point, flush=True)
            time.sleep(60)
        return hook

    real = backup._replace
    point = sys.argv[3]
    if point == "copy":
        backup._fsync = stop_at("copy")  # the copy written, not yet checked
    else:
        backup._replace = stop_at(point)
    backup.restore_store(sys.argv[1], sys.argv[2])
    """
)


@pytest.mark.parametrize("point", ["copy", "before", "after"])
def test_killed_restore_leaves_the_old_or_the_new_store_whole(
    backed_up: tuple[Path, Path, int], point: str
) -> None:
    folder, backup, count = backed_up
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_RESTORE, str(folder), str(backup), point],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout.readline().strip() == f"at {point}"
    finally:
        child.kill()
        child.wait()
    with open_store(folder) as store:
        assert check_store(store).ok
        restored = store.meta("after-backup") is None
        assert _residents(store) == (count if restored else count + 1)
    assert restored == (point == "after")
    if point != "copy":  # past the checks: the old store was kept before anything moved
        (aside,) = folder.glob(f"{STORE_FILE}.replaced-*")
        assert sqlite3.connect(aside).execute(
            "SELECT value FROM meta WHERE key = 'after-backup'"
        ).fetchone() == ("yes",)
    assert restore_store(folder, backup) is not None  # a leftover temp does not get in the way
    assert _meta(folder, "after-backup") is None


# -- folder permissions ---------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="Windows: the user profile protects it")
def test_data_and_backup_folders_are_private(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh" / "data"
    with open_store(fresh) as store:
        store.initialize("MGS", 1)
        backup = backup_store(store, now=T0)
    assert _mode(fresh) == 0o700
    assert _mode(backup.parent) == 0o700
    usb = tmp_path / "usb"
    usb.mkdir(mode=0o755)
    with open_store(fresh) as store:
        on_usb = backup_store(store, usb, now=T0)
    assert _mode(backup) == _mode(on_usb) == 0o600  # also where the folder is open to all
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    open_store(loose).close()
    assert _mode(loose) == 0o700  # an existing folder is tightened
