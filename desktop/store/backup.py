"""Backups of the local store and restoring one: `loket-admin backup|restore`, the app's
daily and on-exit backup, and the backup taken before a schema upgrade.

A backup is made with SQLite's online backup API (never a file copy of a live database)
into a temporary file beside its final name, synced to disk, checked, and only then given
its name. A restore checks the copy with the same checks as `loket-admin check` before it
replaces anything, and keeps the replaced store aside.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from desktop.paths import private_folder
from desktop.store.store import CATCH_UP, STORE_FILE, Store, StoreError, _now, open_file

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"  # inside the data folder, unless the settings name another
LAST_OK = "backup.last_ok"
LAST_ERROR = "backup.last_error"
LAST_ERROR_AT = "backup.last_error_at"
STAMP = "%Y%m%d-%H%M%S"
RESTORING = ".restoring"  # the checked copy, before it takes the store's place
# A temporary file this old was left by a backup or restore that was killed (either takes
# seconds); younger ones may belong to one running in another process right now.
STALE_SECONDS = 3600
# The counter closes at 15.00; the app's end-of-day backup comes after that, once a day,
# so that a day's handovers are in a backup the same evening.
END_OF_DAY = clock_time(15, 30)
BACKUP_AGE = timedelta(days=1)  # older than this, the status bar warns
BACKUP_MODE = 0o600  # POSIX; on Windows the folder's permissions decide


@dataclass(frozen=True)
class BackupState:
    last_ok: datetime | None
    error: str | None  # the last attempt failed after the last good backup: why
    error_at: datetime | None


def _prefix(store: Store) -> str:
    device = store.device
    site, workstation = (device.site, device.workstation) if device else ("LOKET", 0)
    return f"loket-{site}-{workstation:02d}"


def default_folder(data_folder: Path) -> Path:
    return data_folder / BACKUP_FOLDER


def _fsync(path: Path) -> None:
    with open(path, "r+b") as handle:  # Windows flushes only a handle open for writing
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder to sync it; its renames are durable
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{s}") for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _copy_with_backup_api(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent, self-contained copy of `source` into the new file `target`."""
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
    finally:
        dest.close()


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/<stem><suffix>`, or `<stem>-2<suffix>`, `-3`, … when that name is taken:
    two backups in the same second (or two restores) never overwrite each other."""
    candidate, n = folder / f"{stem}{suffix}", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}{suffix}", n + 1
    return candidate


def _remove_stale(paths: list[Path], what: str) -> None:
    cutoff = time.time() - STALE_SECONDS
    for path in paths:
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                _remove(path)
                log.warning("%s yang tertinggal dihapus: %s", what, path.name)
        except OSError as exc:
            log.warning("%s yang tertinggal tidak dapat dihapus: %s (%s)", what, path, exc)


def _quick_check(path: Path) -> str | None:
    """None if the file opens as a sound SQLite database, else what is wrong."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows[:5])


def _target_folder(store: Store, folder: Path | str | None) -> Path:
    from desktop.store.settings import load_settings

    if folder is None:
        folder = load_settings(store).backup_folder
    default = default_folder(store.path.parent)
    target = Path(folder) if folder else default
    if target != default:
        if not target.is_dir():  # a USB disk that is not plugged in: never create it
            raise StoreError(
                f"folder cadangan {target} tidak ada (disk cadangan belum tersambung?); "
                "sambungkan disk cadangan atau ubah folder cadangan di Pengaturan"
            )
        return target
    try:
        private_folder(target)
    except OSError as exc:
        raise StoreError(
            f"folder cadangan {target} tidak dapat dibuat ({exc.strerror}); periksa izin "
            "folder data atau atur folder cadangan lain di Pengaturan"
        ) from exc
    return target


def _write_backup(store: Store, folder: Path, stem: str) -> Path:
    final = _free_name(folder, stem, ".sqlite")
    temp = folder / f"{final.name}.{os.getpid()}.tmp"  # another process's temp is not ours
    try:
        _remove(temp)
        _copy_with_backup_api(store.conn, temp)
        with contextlib.suppress(OSError):  # a share or FAT disk may not keep modes
            os.chmod(temp, BACKUP_MODE)  # on a USB disk or a share: its user's alone
        _fsync(temp)
        problem = _quick_check(temp)
        if problem:
            raise StoreError(
                f"cadangan di {folder} tidak lolos pemeriksaan ({problem}); periksa disk "
                "cadangan atau pakai folder cadangan lain"
            )
        os.replace(temp, final)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as exc:
        _remove(temp)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(
            f"folder cadangan {folder} tidak dapat ditulisi ({reason}); periksa disk "
            "cadangan (tersambung, tidak penuh, tidak terkunci) atau ubah folder cadangan "
            "di Pengaturan"
        ) from exc
    except BaseException:
        _remove(temp)
        raise
    return final


def _rotate(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` regular backups of this workstation, and temporary
    files its killed backups left; nothing else."""
    pattern = re.compile(rf"{re.escape(prefix)}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.sqlite")
    ours: list[tuple[str, int, Path]] = []
    for path in folder.iterdir():
        if match := pattern.fullmatch(path.name):
            ours.append((match[1], int(match[2] or 1), path))
    ours.sort()
    removed = [path for *_, path in ours[: max(0, len(ours) - keep)]]
    for old in removed:
        try:
            old.unlink()
        except OSError as exc:  # a read-only disk: the backup itself is made, say so
            log.warning("cadangan lama %s tidak dapat dihapus: %s", old.name, exc)
    _remove_stale(list(folder.glob(f"{prefix}-*.tmp")), "berkas sementara cadangan")
    return removed


def backup_store(
    store: Store,
    folder: Path | str | None = None,
    *,
    keep: int | None = None,
    now: datetime | None = None,
) -> Path:
    """Back the store up into `folder` (default: the workstation's backup folder) and
    rotate; returns the new backup's path. Records the time of the good backup."""
    from desktop.store.settings import load_settings

    if keep is None:
        keep = load_settings(store).backup_keep
    target = _target_folder(store, folder)
    when = now or datetime.now().astimezone()
    prefix = _prefix(store)
    path = _write_backup(store, target, f"{prefix}-{when.strftime(STAMP)}")
    _rotate(target, prefix, keep)
    with store.write():
        store.set_meta(LAST_OK, when.isoformat(timespec="seconds"))
        store.conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (LAST_ERROR, LAST_ERROR_AT))
    log.info("cadangan dibuat: %s", path)
    return path


def backup_before_upgrade(store: Store) -> Path:
    """A backup into `<data folder>/backups` before migrating; never rotated away."""
    target = _target_folder(store, default_folder(store.path.parent))
    stamp = datetime.now().strftime(STAMP)
    return _write_backup(store, target, f"{_prefix(store)}-sebelum-upgrade-{stamp}")


def backup_or_record(store: Store, *, now: datetime | None = None) -> Path | None:
    """The app's backup (daily, on exit): never raises; a failure is logged and kept in
    the meta table so the next start can say so."""
    try:
        return backup_store(store, now=now)
    except Exception as exc:
        log.warning("pencadangan gagal: %s", exc)
        message = str(exc) if isinstance(exc, StoreError) else type(exc).__name__
        try:
            with store.write():
                store.set_meta(LAST_ERROR, message)
                store.set_meta(LAST_ERROR_AT, _now())
        except Exception as again:  # the store itself is gone: the log has it
            log.warning("kegagalan pencadangan tidak dapat dicatat: %s", again)
        return None


def backup_due(last_ok: datetime | None, now: datetime) -> bool:
    """Whether the app's daily backup is due at `now` (an aware time): when there is no
    backup yet, when the last one is a day old, and once after END_OF_DAY each day."""
    if last_ok is None or now - last_ok >= BACKUP_AGE:
        return True
    closing = datetime.combine(now.date(), END_OF_DAY, now.tzinfo)
    return last_ok < closing <= now


def _when(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def last_backup(store: Store) -> datetime | None:
    return _when(store.meta(LAST_OK))


def backup_state(store: Store) -> BackupState:
    return BackupState(last_backup(store), store.meta(LAST_ERROR), _when(store.meta(LAST_ERROR_AT)))


# -- restore -------------------------------------------------------------------------------


def _lock_current(path: Path) -> sqlite3.Connection | None:
    """Open the current store alone (exclusive), or refuse because something has it open."""
    if not path.exists():
        return None
    conn = sqlite3.connect(path, isolation_level=None, timeout=0.5)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the lock
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                f"penyimpanan {path} sedang dibuka (aplikasi Loket atau loket-admin lain); "
                "tutup aplikasi Loket di komputer ini dahulu, lalu ulangi"
            ) from exc
        raise StoreError(f"penyimpanan {path} tidak dapat dibuka: {exc}") from exc
    except sqlite3.DatabaseError:
        conn.close()
        return None  # a damaged store: restoring is what it needs; it is kept aside as is
    return conn


def _device_of(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _check_copy(temp: Path, backup_file: Path, current_device: str | None) -> None:
    from desktop.store.check import check_store

    try:
        copy = open_file(temp)
    except StoreError as exc:
        raise StoreError(f"cadangan {backup_file.name} tidak dapat dipakai: {exc}") from exc
    try:
        device = copy.device
        if device is None:
            raise StoreError(
                f"cadangan {backup_file.name} belum disiapkan untuk loket mana pun; "
                "pilih file cadangan loket ini"
            )
        if current_device and device.device_id != current_device:
            raise StoreError(
                f"cadangan {backup_file.name} milik perangkat {device.device_id}, bukan "
                f"loket ini ({current_device}); pilih cadangan loket ini"
            )
        report = check_store(copy)
        if not report.ok:
            raise StoreError(
                f"cadangan {backup_file.name} tidak lolos pemeriksaan: "
                + "; ".join(report.findings[:3])
                + "; pilih cadangan lain"
            )
        if copy.meta("sync.token"):  # enrolled: the server may hold newer events of ours
            with copy.write():
                copy.set_meta(CATCH_UP, f"{backup_file.name}, {_now()}")
        copy.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        copy.close()


def _set_aside(current: Path, conn: sqlite3.Connection, aside: Path) -> None:
    """Fold the current store's -wal into it and copy it to `aside` (it stays in place)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _remove(aside)
    try:
        _copy_with_backup_api(conn, aside)
        _fsync(aside)
    except BaseException:
        _remove(aside)
        raise


def _replace(source: Path, target: Path) -> None:
    os.replace(source, target)


def restore_store(data_folder: Path | str, backup_file: Path | str) -> Path | None:
    """Put `backup_file` in place of the store in `data_folder` (which must not be open).

    Returns where the replaced store was kept (`<store file>.replaced-<time>`), or None if
    the folder had no store. The store file is at every moment either the old store or the
    checked new one: the new one takes its place with one atomic rename.
    """
    folder = Path(data_folder)
    source = Path(backup_file)
    if not source.is_file():
        raise StoreError(f"file cadangan {source} tidak ada; periksa nama dan foldernya")
    try:
        private_folder(folder)
    except OSError as exc:
        raise StoreError(f"folder data {folder} tidak dapat dibuat: {exc.strerror}") from exc
    current = folder / STORE_FILE
    temp = folder / f"{STORE_FILE}{RESTORING}"
    lock = _lock_current(current)
    try:
        current_device = _device_of(lock) if lock else None
        _remove(temp)
        try:
            shutil.copyfile(source, temp)  # the backup is a closed file, not a live store
            _fsync(temp)
            _check_copy(temp, source, current_device)
            _fsync(temp)
        except OSError as exc:
            raise StoreError(
                f"cadangan {source} tidak dapat disalin ke {folder} ({exc.strerror}); "
                "periksa ruang disk dan izin folder data"
            ) from exc
        aside = None
        if current.exists():
            aside = _free_name(folder, f"{STORE_FILE}.replaced-{datetime.now():{STAMP}}", "")
            try:
                if lock is not None:
                    _set_aside(current, lock, aside)
                else:  # damaged beyond opening: keep its bytes (and its -wal) as they are
                    for sidecar in ("", "-wal"):
                        if Path(f"{current}{sidecar}").exists():
                            shutil.copyfile(f"{current}{sidecar}", f"{aside}{sidecar}")
                            _fsync(Path(f"{aside}{sidecar}"))
            except (OSError, sqlite3.Error) as exc:
                raise StoreError(
                    f"penyimpanan lama tidak dapat disisihkan ke {aside} ({exc}); tidak ada "
                    "yang diganti. Periksa ruang disk lalu ulangi"
                ) from exc
        if lock is not None:
            lock.close()  # Windows renames only files nobody holds open
            lock = None
        try:
            _replace(temp, current)
            _fsync_folder(folder)
        except OSError as exc:
            raise StoreError(
                f"cadangan tidak dapat dipasang sebagai {current} ({exc.strerror}); "
                "penyimpanan lama tetap dipakai"
                + (f" dan salinannya ada di {aside.name}" if aside else "")
            ) from exc
    except BaseException:
        _remove(temp)
        raise
    finally:
        if lock is not None:
            lock.close()
    for sidecar in ("-wal", "-shm"):  # the old store's, already folded in and empty
        Path(f"{current}{sidecar}").unlink(missing_ok=True)
    log.info("cadangan %s dipulihkan ke %s", source.name, folder)
    return aside


def clear_interrupted_restore(data_folder: Path) -> None:
    """Remove the checked copy a killed restore left beside the store (`open_store` calls
    this; the store itself was never touched by it)."""
    _remove_stale([data_folder / f"{STORE_FILE}{RESTORING}"], "salinan pemulihan")
