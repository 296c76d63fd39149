"""Opening the local store, its device identity, and appending events to the journal."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.core.events import SCHEMA_VERSION, Event, EventType, HybridLogicalClock, Timestamp
from desktop.paths import private_folder
from desktop.store import audit, projections
from desktop.store.schema import KNOWN_STEPS, MIGRATION_SET, migrations

STORE_FILE = "loket.sqlite3"
# Set on a restored copy of an enrolled store: the server may hold this device's events made
# after the backup; until a sync has brought them back, new events of ours would take their
# numbers (seq, receipt numbers). Cleared by the first sync that reconciles.
CATCH_UP = "sync.catch_up_after_restore"
SITES = ("MGS", "DSP")
CENTRAL_DEVICE = "central"


class StoreError(Exception):
    """Something a person can fix; the message says what to do."""


class CatchUpFirst(StoreError):
    """A restored workstation must sync before it records anything new."""


@dataclass(frozen=True)
class Device:
    device_id: str
    site: str
    workstation: int


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _configure(path: Path, conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout = 10000")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise StoreError(f"{path}: SQLite tidak dapat memakai mode WAL (mode: {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


class Store:
    """The local SQLite store of one workstation. Use `open_store()` to get one."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.db = Database(conn)
        self._device: Device | None = None
        self._next_seq: int | None = None
        self._restored: str | None = None  # CATCH_UP's value, read once per transaction
        self._clock: HybridLogicalClock | None = None

    # -- identity -------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def device(self) -> Device | None:
        if self._device is None:
            device_id = self.meta("device_id")
            if device_id:
                self._device = Device(
                    device_id, self.meta("site") or "", int(self.meta("workstation") or 0)
                )
        return self._device

    def require_device(self) -> Device:
        device = self.device
        if device is None:
            raise StoreError(
                f"penyimpanan {self.path.parent} belum disiapkan untuk loket mana pun; "
                "jalankan 'loket-admin init --site MGS|DSP --workstation N' dahulu"
            )
        return device

    def initialize(self, site: str, workstation: int) -> Device:
        """Give this store its device identity; refuses to change an existing one."""
        if site not in SITES:
            raise StoreError(f"situs '{site}' tidak dikenal; pilih MGS atau DSP")
        if not 1 <= workstation <= 99:
            raise StoreError(f"nomor loket harus 1..99, bukan {workstation}")
        current = self.device
        if current:
            if (current.site, current.workstation) == (site, workstation):
                return current
            raise StoreError(
                f"penyimpanan ini sudah milik {current.site} loket {current.workstation}; "
                "pakai folder data lain untuk loket lain"
            )
        device_id = f"{site}-{workstation:02d}-{uuid.uuid4().hex[:8]}"
        with self.write():
            self.set_meta("device_id", device_id)
            self.set_meta("site", site)
            self.set_meta("workstation", str(workstation))
            self.set_meta("created_at", _now())
        self._device = None
        return self.require_device()

    def initialize_central(self) -> Device:
        """Make this store the Dinas's central journal: reference data imported here goes
        to every workstation through the sync feed as device `central`."""
        current = self.device
        if current:
            if current.device_id == CENTRAL_DEVICE:
                return current
            raise StoreError("penyimpanan ini milik sebuah loket, bukan jurnal pusat")
        with self.write():
            self.set_meta("device_id", CENTRAL_DEVICE)
            self.set_meta("site", "DINAS")
            self.set_meta("workstation", "0")
            self.set_meta("created_at", _now())
        self._device = None
        return self.require_device()

    # -- transactions ---------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One durable write transaction; everything inside commits together or not at all."""
        if self.conn.in_transaction:
            raise StoreError("transaksi bersarang tidak didukung")  # a programming error
        self.conn.execute("BEGIN IMMEDIATE")
        # Another Store object (the app and loket-admin on one folder) may have appended
        # since our last transaction: read the clock and the next seq afresh.
        self._clock = None
        self._restored = None
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._next_seq = None
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._next_seq = None

    def _hlc(self, device: Device) -> HybridLogicalClock:
        """The clock starts past every timestamp in the journal, ours and other devices'
        (HLCs begin with digits; anything else a peer sent is not a timestamp)."""
        if self._clock is None:
            row = self.conn.execute(
                "SELECT hlc FROM journal WHERE hlc < 'A' ORDER BY hlc DESC LIMIT 1"
            ).fetchone()
            last = None
            if row:
                try:
                    last = Timestamp.parse(row[0])
                except ValueError:
                    last = None
            self._clock = HybridLogicalClock(device.device_id, last)
        return self._clock

    def append(
        self,
        event_type: EventType,
        payload: dict[str, Any],
        *,
        wall_time: str | None = None,
        guarded: bool = True,
    ) -> Event:
        """Append one event from this device and fold it into the projections.

        Must run inside `write()`; the caller's transaction makes event and projection one.
        A guarded append is undone alone if folding fails, so the caller may carry on;
        bulk imports, which abandon their whole transaction on any error, pass
        `guarded=False` and save a savepoint per row.
        """
        if not self.conn.in_transaction:
            raise StoreError("append() harus di dalam write()")  # a programming error
        device = self.require_device()
        if self._restored is None:
            self._restored = self.meta(CATCH_UP) or ""
        if self._restored:
            raise CatchUpFirst(
                f"loket ini dipulihkan dari cadangan ({self._restored}) dan belum sinkron "
                "dengan server; serah terima dan catatan baru ditolak sampai sinkron berhasil "
                "(Ctrl+S di aplikasi, atau 'loket-admin sync'), agar yang dicatat sesudah "
                "cadangan itu diambil kembali dari server dan nomornya tidak terulang"
            )
        if self._next_seq is None:
            self._next_seq = self.conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM journal WHERE device_id = ?",
                (device.device_id,),
            ).fetchone()[0]
        event = Event(
            event_id=str(uuid.uuid4()),
            device_id=device.device_id,
            site=device.site,
            seq=self._next_seq,
            type=event_type.value,
            schema=SCHEMA_VERSION,
            wall_time=wall_time or _now(),
            hlc=str(self._hlc(device).now()),
            payload=payload,
        )
        # A savepoint per event: if folding it fails, its journal row goes too, and the
        # caller's transaction can carry on without a hole in the sequence.
        if guarded:
            self.conn.execute("SAVEPOINT append_event")
            try:
                self._insert(event)
            except BaseException:
                self.conn.execute("ROLLBACK TO append_event")
                self.conn.execute("RELEASE append_event")
                raise
            self.conn.execute("RELEASE append_event")
        else:
            self._insert(event)
        self._next_seq += 1
        return event

    def ingest(self, event: Event) -> None:
        """Store another device's event as it is (sync); the caller holds the transaction."""
        if not self.conn.in_transaction:
            raise StoreError("ingest() harus di dalam write()")  # a programming error
        self._insert(event)

    def observe_hlc(self, remote: Timestamp | None) -> None:
        """Keep our clock ahead of every timestamp seen from other devices."""
        device = self.device
        if remote is not None and device is not None:
            self._hlc(device).observe(remote)

    def _insert(self, event: Event) -> None:
        self.conn.execute(
            "INSERT INTO journal (device_id, seq, event_id, site, type, schema, wall_time,"
            " hlc, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.device_id,
                event.seq,
                event.event_id,
                event.site,
                event.type,
                event.schema,
                event.wall_time,
                event.hlc,
                json.dumps(event.payload, ensure_ascii=False, sort_keys=True),
            ),
        )
        projections.apply(self.conn, event)

    def audit(
        self, actor: str, action: str, *, nik: str | None = None, detail: dict | None = None
    ) -> None:
        """Record a processing activity; joins the open transaction or makes its own."""
        if self.conn.in_transaction:
            audit.append(self.conn, actor, action, nik=nik, detail=detail)
        else:
            with self.write():
                audit.append(self.conn, actor, action, nik=nik, detail=detail)

    # -- journal reading ------------------------------------------------------------

    def events(self, *, after_id: int = 0) -> Iterator[Event]:
        """Every journal event in local apply order."""
        cursor = self.conn.execute(
            "SELECT event_id, device_id, site, seq, type, schema, wall_time, hlc, payload"
            " FROM journal WHERE id > ? ORDER BY id",
            (after_id,),
        )
        for row in cursor:
            yield Event(*row[:8], payload=json.loads(row[8]))

    def rebuild(self) -> tuple[str, str]:
        """Recompute every projection from the journal; returns (digest before, after)."""
        before = projections.digest(self.conn)
        with self.write():
            projections.clear(self.conn)
            for event in self.events():
                projections.apply(self.conn, event)
        return before, projections.digest(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(data_dir: Path | str) -> Store:
    """Open (creating if needed) the store in `data_dir`, migrated to the current schema.

    The data folder is made (or tightened to be) readable by its user only. An existing
    store from an older Loket is backed up into `<data folder>/backups` before it is
    migrated; a store written by a newer Loket is refused rather than guessed at.
    """
    folder = Path(data_dir)
    try:
        private_folder(folder)
    except OSError as exc:
        raise StoreError(f"folder data {folder} tidak dapat dibuat: {exc.strerror}") from exc
    store = open_file(folder / STORE_FILE, backup_before_upgrade=True)
    from desktop.store.backup import clear_interrupted_restore

    clear_interrupted_restore(folder)
    return store


def open_file(path: Path, *, backup_before_upgrade: bool = False) -> Store:
    """Open one store file (the store, or a backup being restored), migrated."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} tidak dapat dibuka: {exc}") from exc
    try:
        _configure(path, conn)
    except (sqlite3.DatabaseError, StoreError) as exc:
        conn.close()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"{path} bukan penyimpanan Loket yang dapat dibuka: {exc}") from exc
    try:
        _migrate(path, conn, backup_first=backup_before_upgrade)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(
                f"{path} rusak dan tidak dapat dibuka ({exc}); pulihkan dari cadangan "
                "terakhir atau hubungi tim TI Dinas"
            ) from exc
        raise
    return Store(path, conn)


def _migrate(path: Path, conn: sqlite3.Connection, *, backup_first: bool = False) -> None:
    db = Database(conn)
    applied = {m.name for m in migrations.applied(db)}
    unknown = sorted(applied - set(KNOWN_STEPS))
    if unknown:
        raise StoreError(
            f"{path} dibuat oleh versi Loket yang lebih baru (langkah skema {unknown[0]}); "
            "pasang versi Loket terbaru, jangan buka dengan versi ini"
        )
    if set(KNOWN_STEPS) - applied:
        if applied and backup_first:  # an older Loket's store: keep it as it was first
            from desktop.store.backup import backup_before_upgrade

            try:
                backup_before_upgrade(Store(path, conn))
            except StoreError as exc:
                raise StoreError(
                    f"{path} perlu diperbarui ke versi ini, tetapi cadangan sebelum "
                    f"pembaruan gagal: {exc}"
                ) from exc
        conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds in migrations
        migrations.apply(db)
        conn.execute("PRAGMA foreign_keys = ON")


__all__ = ["MIGRATION_SET", "Device", "Store", "StoreError", "open_store"]
