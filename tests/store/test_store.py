"""Opening the store, its device identity, and the append-only journal."""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from itertools import pairwise
from pathlib import Path

import pytest

from desktop.core.events import SCHEMA_VERSION, Event, EventType, Timestamp
from desktop.store import Store, StoreError, open_store
from desktop.store.schema import KNOWN_STEPS, MIGRATION_SET
from desktop.store.store import STORE_FILE

from .conftest import AddResident, AppendEvent

HANDOVER = {
    "card_id": "B20120507-3576020101800001",
    "nik": "3576020101800001",
    "workstation": 1,
    "operator": "operator1",
    "receipt_no": "MGS-01-000001",
    "old_ktp": "withdrawn",
}

# An event that changes no card or resident: a status change of no known request.
NEUTRAL = {"request_no": "PRK-UJI", "status": "waiting"}


def journal_rows(path: Path) -> list[tuple]:
    """The journal as another program (the sqlite3 shell) would see it."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT device_id, seq, type FROM journal ORDER BY id").fetchall()


def raw_insert(conn: sqlite3.Connection, device_id: str, seq: int, hlc: str, **over) -> None:
    """Insert a journal row directly, as a sync pull or a hand edit would."""
    row = {
        "device_id": device_id,
        "seq": seq,
        "event_id": str(uuid.uuid4()),
        "site": "MGS",
        "type": EventType.RECORDING_STATUS_CHANGED.value,
        "schema": SCHEMA_VERSION,
        "wall_time": "2012-09-03T08:00:00+07:00",
        "hlc": hlc,
        "payload": json.dumps(NEUTRAL),
        **over,
    }
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO journal ({columns}) VALUES ({marks})", list(row.values()))


# -- open_store ----------------------------------------------------------------------------


def test_open_store_creates_folder_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "loket" / "data"
    with open_store(folder) as store:
        assert store.path == folder / STORE_FILE
        assert store.path.is_file()
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"meta", "journal", "audit", "residents", "cards", "handovers"} <= tables


@pytest.mark.parametrize("reopened", [False, True], ids=["created", "reopened"])
def test_connection_pragmas(data_dir: Path, reopened: bool) -> None:
    if reopened:
        open_store(data_dir).close()
    with open_store(data_dir) as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_foreign_keys_are_enforced(store: Store, append: AppendEvent) -> None:
    card = {
        "card_id": "X-1",
        "nik": "3576020101800001",
        "nama": "BUDI",
        "kode_kelurahan": "35.76.02.1003",
        "tanggal_cetak": "2012-05-01",
        "batch_id": "no-such-batch",
        "status": "ready",
    }
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), store.write():
        store.conn.execute(
            "INSERT INTO cards (card_id, nik, nama, kode_kelurahan, tanggal_cetak, batch_id,"
            " status, event_id) VALUES (:card_id, :nik, :nama, :kode_kelurahan,"
            " :tanggal_cetak, :batch_id, :status, 'e')",
            card,
        )
    assert store.conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 0


def test_all_migrations_recorded(store: Store) -> None:
    names = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            (MIGRATION_SET,),
        )
    ]
    assert names == list(KNOWN_STEPS)
    assert names[:2] == ["m001_journal", "m002_projections"]


def test_reopen_keeps_data(data_dir: Path, add_resident: AddResident) -> None:
    with open_store(data_dir) as store:
        device = store.initialize("DSP", 7)
        first = add_resident(store, "Sri Wahyuni")
        events = list(store.events())
    with open_store(data_dir) as store:
        assert store.device == device
        assert list(store.events()) == events
        assert store.conn.execute(
            "SELECT nama FROM residents WHERE nik = ?", (first["nik"],)
        ).fetchone() == ("Sri Wahyuni",)
        add_resident(store, "Agus Santoso")
        seqs = [e.seq for e in store.events()]
    assert seqs == [1, 2]


def test_newer_schema_step_is_refused(data_dir: Path) -> None:
    open_store(data_dir).close()
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as conn, conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES (?, 'm999_from_the_future', '2013-01-01 00:00:00+00:00')",
            (MIGRATION_SET,),
        )
    with pytest.raises(StoreError, match="lebih baru") as caught:
        open_store(data_dir)
    assert "m999_from_the_future" in str(caught.value)


def test_other_migration_sets_are_not_ours_to_judge(data_dir: Path) -> None:
    open_store(data_dir).close()
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as conn, conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('some-plugin', 'm999_other', '2013-01-01 00:00:00+00:00')"
        )
    with open_store(data_dir) as store:
        assert store.device is None


def test_non_sqlite_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / STORE_FILE).write_bytes(b"Daftar penerima e-KTP, bukan basis data.\n" * 200)
    with pytest.raises(StoreError, match="bukan penyimpanan Loket"):
        open_store(data_dir)


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="tidak dapat dibuat"):
        open_store(blocker)


# -- device identity -----------------------------------------------------------------------


def test_initialize_gives_device_id_with_site_and_workstation(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        assert store.device is None
        device = store.initialize("MGS", 3)
        assert device.site == "MGS"
        assert device.workstation == 3
        assert device.device_id.startswith("MGS-03-")
        assert len(device.device_id) > len("MGS-03-")
        assert store.meta("site") == "MGS"
        assert store.meta("workstation") == "3"
        assert store.meta("device_id") == device.device_id


def test_initialize_twice_with_the_same_identity(store: Store) -> None:
    first = store.device
    assert store.initialize("MGS", 1) == first
    assert store.meta("device_id") == first.device_id


@pytest.mark.parametrize(("site", "workstation"), [("DSP", 1), ("MGS", 2)])
def test_initialize_refuses_another_identity(store: Store, site: str, workstation: int) -> None:
    before = store.device
    with pytest.raises(StoreError, match="sudah milik MGS loket 1"):
        store.initialize(site, workstation)
    assert store.device == before
    assert store.meta("site") == "MGS"


@pytest.mark.parametrize(
    ("site", "workstation", "message"),
    [("XYZ", 1, "tidak dikenal"), ("MGS", 0, "1..99"), ("DSP", 100, "1..99")],
)
def test_initialize_rejects_bad_identity(
    data_dir: Path, site: str, workstation: int, message: str
) -> None:
    with open_store(data_dir) as store:
        with pytest.raises(StoreError, match=message):
            store.initialize(site, workstation)
        assert store.device is None


def test_append_before_initialize_says_run_init(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        with pytest.raises(StoreError, match="loket-admin init"), store.write():
            store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
        assert list(store.events()) == []


def test_append_outside_write_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="write"):
        store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    assert list(store.events()) == []


def test_nested_write_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="bersarang"), store.write(), store.write():
        pass
    assert not store.conn.in_transaction


# -- journal -------------------------------------------------------------------------------


def test_seqs_are_gap_free_across_transactions(store: Store) -> None:
    batches = [3, 1, 5, 2]
    for size in batches:
        with store.write():
            for _ in range(size):
                store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    device = store.device.device_id
    rows = journal_rows(store.path)
    assert [r[1] for r in rows] == list(range(1, sum(batches) + 1))
    assert {r[0] for r in rows} == {device}


def test_failed_write_rolls_back_journal_and_projections(
    store: Store, add_resident: AddResident
) -> None:
    kept = add_resident(store, "Dewi Lestari")
    with pytest.raises(RuntimeError, match="listrik padam"), store.write():
        store.append(EventType.RESIDENT_UPDATED, {**kept, "nama": "Dewi Berubah"})
        store.append(EventType.HANDOVER, HANDOVER)
        raise RuntimeError("listrik padam")
    assert [e.seq for e in store.events()] == [1]
    assert store.conn.execute("SELECT nama FROM residents").fetchall() == [("Dewi Lestari",)]
    assert store.conn.execute("SELECT count(*) FROM handovers").fetchone()[0] == 0
    with store.write():
        event = store.append(EventType.HANDOVER, HANDOVER)
    assert event.seq == 2
    assert [r[1] for r in journal_rows(store.path)] == [1, 2]


def test_failed_projection_rolls_back_the_whole_write(store: Store, append: AppendEvent) -> None:
    append(store, EventType.HANDOVER, HANDOVER)
    with pytest.raises(sqlite3.IntegrityError, match="operator"), store.write():
        store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
        store.append(EventType.HANDOVER, {**HANDOVER, "operator": None})  # NOT NULL column
    assert [(r[1], r[2]) for r in journal_rows(store.path)] == [(1, "handover")]
    assert append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL).seq == 2


def test_append_that_raises_leaves_no_journal_row(store: Store, append: AppendEvent) -> None:
    append(store, EventType.HANDOVER, HANDOVER)
    with store.write():
        with pytest.raises(sqlite3.IntegrityError):
            store.append(EventType.HANDOVER, {**HANDOVER, "operator": None})  # NOT NULL
        # The transaction carries on without a hole in the sequence.
        assert store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL).seq == 2
    assert rebuild_is_identical(store)
    assert [(r[1], r[2]) for r in journal_rows(store.path)] == [
        (1, "handover"),
        (2, "recording_status_changed"),
    ]


def rebuild_is_identical(store: Store) -> bool:
    before, after = store.rebuild()
    return before == after


@pytest.mark.parametrize("statement", ["UPDATE journal SET type = 'x'", "DELETE FROM journal"])
def test_journal_is_append_only(store: Store, append: AppendEvent, statement: str) -> None:
    append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    with (
        closing(sqlite3.connect(store.path)) as shell,
        pytest.raises(sqlite3.DatabaseError, match="append-only"),
    ):
        shell.execute(statement)
    assert [r[2] for r in journal_rows(store.path)] == ["recording_status_changed"]


@pytest.mark.parametrize("statement", ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"])
def test_audit_is_append_only(store: Store, statement: str) -> None:
    store.audit("supervisor", "view-resident", nik="3576020101800001")
    with closing(sqlite3.connect(store.path)) as shell:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            shell.execute(statement)
        assert shell.execute("SELECT actor FROM audit").fetchall() == [("supervisor",)]


def test_event_id_is_unique(store: Store, append: AppendEvent) -> None:
    event = append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    with pytest.raises(sqlite3.IntegrityError, match="event_id"):
        raw_insert(store.conn, "DSP-02-abcdef12", 1, event.hlc, event_id=event.event_id)
    uuid.UUID(event.event_id)  # a real UUID


def test_device_seq_is_unique(store: Store, append: AppendEvent) -> None:
    event = append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    with pytest.raises(sqlite3.IntegrityError, match="seq"):
        raw_insert(store.conn, event.device_id, 1, event.hlc)


def test_hlc_strictly_increases(store: Store) -> None:
    hlcs = []
    for size in (20, 1, 30):
        with store.write():
            hlcs += [
                store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL).hlc for _ in range(size)
            ]
    stamps = [Timestamp.parse(h) for h in hlcs]
    assert all(a < b for a, b in pairwise(stamps))
    assert all(a < b for a, b in pairwise(hlcs))  # the stored text sorts the same
    assert {s.node for s in stamps} == {store.device.device_id}


def test_hlc_survives_a_clock_that_was_ahead(store: Store, append: AppendEvent) -> None:
    """The journal remembers an event stamped while the clock ran a year ahead; a reopened
    store must still stamp after it."""
    device = store.device.device_id
    ahead = f"{9_999_999_999_999:013d}-{0:010d}-{device}"
    with store.write():
        raw_insert(store.conn, device, 1, ahead)
    store.close()
    with open_store(store.path.parent) as reopened:
        event = append(reopened, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    assert event.seq == 2
    assert Timestamp.parse(event.hlc) == Timestamp(9_999_999_999_999, 1, device)


def test_hlc_strictly_increases_with_two_store_objects(store: Store, append: AppendEvent) -> None:
    device = store.device.device_id
    ahead = f"{9_999_999_999_999:013d}-{0:010d}-{device}"
    with store.write():
        raw_insert(store.conn, device, 1, ahead)
    with open_store(store.path.parent) as other:
        append(other, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
        append(other, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
        hlcs = [e.hlc for e in other.events()]
    assert all(a < b for a, b in pairwise(hlcs)), hlcs


def test_events_round_trip_in_order(store: Store, append: AppendEvent) -> None:
    payloads = [
        {"nik": "3576024101800002", "nama": "Ñur Áini", "alamat": "Jl. Brawijaya ’Gang 3’"},
        {"card_id": "B1-1", "reason": "damaged", "actor": "supervisor"},
        {"nested": {"list": [1, 2.5, None, True], "text": "Ṣiti — 𝔑𝔲𝔯"}, "empty": {}},
    ]
    types = [
        EventType.RESIDENT_REGISTERED,
        EventType.CARD_WITHHELD,  # of a card this store does not have: no projection change
        EventType.CARD_CONFLICT,  # kept in the journal only
    ]
    payloads[0] |= {
        "jenis_kelamin": "P",
        "tempat_lahir": "Mojokerto",
        "tanggal_lahir": "1980-01-01",
        "rt": "001",
        "rw": "001",
        "kode_kelurahan": "35.76.02.1003",
        "tanggal_rekam": "2011-10-01",
    }
    with store.write():
        appended = [store.append(t, p) for t, p in zip(types, payloads, strict=True)]
    appended.append(
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL, wall_time="2012-09-03T08:15:00")
    )
    events = list(store.events())
    assert events == appended
    assert all(isinstance(e, Event) for e in events)
    assert [e.payload for e in events[:3]] == payloads
    assert events[0].payload["nama"] == "Ñur Áini"
    assert [e.type for e in events] == [*(t.value for t in types), "recording_status_changed"]
    assert {e.schema for e in events} == {SCHEMA_VERSION}
    assert {e.site for e in events} == {"MGS"}
    assert events[-1].wall_time == "2012-09-03T08:15:00"
    stored = store.conn.execute("SELECT payload FROM journal WHERE seq = 1").fetchone()[0]
    assert "Ñur Áini" in stored  # kept as text, not \u escapes
    assert json.loads(stored) == payloads[0]
    first_id = store.conn.execute("SELECT id FROM journal WHERE seq = 2").fetchone()[0]
    assert list(store.events(after_id=first_id)) == appended[2:]
