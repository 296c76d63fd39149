"""The hash-chained audit log and `loket-admin check`: edits and deletions made behind the
app's back (the sqlite3 shell, triggers dropped) are found and named."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop.core.events import SCHEMA_VERSION, EventType
from desktop.store import Store, StoreError, audit, open_store
from desktop.store.audit import GENESIS, ChainBreak
from desktop.store.check import check_store, first_journal_gap
from desktop.store.demo import DemoCity

from .conftest import AddResident, AppendEvent

WIB = timezone(timedelta(hours=7))

# An event that changes no card or resident: a status change of no known request.
NEUTRAL = {"request_no": "PRK-UJI", "status": "waiting"}


@contextmanager
def sqlite_shell(path: Path) -> Iterator[sqlite3.Connection]:
    """Someone at the sqlite3 prompt, outside Loket, committing as they go."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def drop_triggers(path: Path, table: str) -> None:
    with sqlite_shell(path) as shell:
        shell.execute(f"DROP TRIGGER {table}_no_update")
        shell.execute(f"DROP TRIGGER {table}_no_delete")


def fill_audit(store: Store, count: int) -> None:
    for i in range(count):
        store.audit(
            f"operator{i % 3}",
            "view-resident",
            nik=f"357602010180{i + 1:04d}",
            detail={"screen": "cari", "i": i},
        )


def audit_rows(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id").fetchall()


# -- the chain -----------------------------------------------------------------------------


def test_append_chains_hashes(store: Store) -> None:
    fill_audit(store, 4)
    rows = audit_rows(store)
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert rows[0][1] == GENESIS
    assert [r[1] for r in rows[1:]] == [r[2] for r in rows[:-1]]
    assert len({r[2] for r in rows}) == 4
    assert all(len(r[2]) == 64 and int(r[2], 16) >= 0 for r in rows)
    assert audit.verify(store.conn) is None


def test_append_records_who_what_when_and_nik(store: Store) -> None:
    at = datetime(2012, 9, 3, 8, 15, 42, 123456, tzinfo=WIB)
    with store.write():
        row_id = audit.append(
            store.conn,
            "operator1",
            "view-resident",
            nik="3576024101800002",
            detail={"nama": "Ñur Áini", "layar": "serah"},
            at=at,
        )
    assert row_id == 1
    row = store.conn.execute("SELECT at, actor, action, nik, detail FROM audit").fetchone()
    assert row[:4] == (
        "2012-09-03T08:15:42+07:00",
        "operator1",
        "view-resident",
        "3576024101800002",
    )
    assert json.loads(row[4]) == {"nama": "Ñur Áini", "layar": "serah"}
    assert "Ñur Áini" in row[4]


def test_store_audit_joins_the_open_transaction(store: Store, append: AppendEvent) -> None:
    with pytest.raises(RuntimeError), store.write():
        store.append(EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
        store.audit("operator1", "recording-request")
        raise RuntimeError("batal")
    assert audit_rows(store) == []
    store.audit("operator1", "login")  # no transaction open: makes its own
    assert [r[0] for r in audit_rows(store)] == [1]
    assert not store.conn.in_transaction


def test_verify_intact_chain_and_empty_log(store: Store) -> None:
    assert audit.verify(store.conn) is None
    fill_audit(store, 6)
    assert audit.verify(store.conn) is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("detail", '{"screen": "cari", "i": 99}'),
        ("actor", "supervisor"),
        ("nik", None),
        ("at", "2012-09-03T08:00:00+07:00"),
        ("action", "print-register"),
    ],
)
def test_edited_row_is_named(store: Store, column: str, value: str | None) -> None:
    fill_audit(store, 5)
    drop_triggers(store.path, "audit")
    with sqlite_shell(store.path) as shell:
        shell.execute(f"UPDATE audit SET {column} = ? WHERE id = 3", (value,))

    broken = audit.verify(store.conn)
    assert isinstance(broken, ChainBreak)
    assert broken.row_id == 3
    assert "diubah" in broken.reason
    report = check_store(store)
    assert not report.ok
    assert report.findings == [str(broken)]
    assert report.findings[0].startswith("audit baris 3:")


def test_forged_row_with_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    """A forger who knows the formula can make row 3 consistent in itself, but not row 4's
    link to it: the break shows right after the forged row."""
    fill_audit(store, 5)
    drop_triggers(store.path, "audit")
    with sqlite_shell(store.path) as shell:
        at, actor, nik, detail, prev = shell.execute(
            "SELECT at, actor, nik, detail, prev_hash FROM audit WHERE id = 3"
        ).fetchone()
        forged = audit._row_hash(prev, 3, at, actor, "forged", nik, detail)
        shell.execute("UPDATE audit SET action = 'forged', hash = ? WHERE id = 3", (forged,))

    broken = audit.verify(store.conn)
    assert broken is not None
    assert broken.row_id == 4
    assert "tidak tersambung" in broken.reason
    assert check_store(store).findings == [str(broken)]


@pytest.mark.parametrize(("deleted", "named"), [(3, 3), (1, 1), ((2, 3), 2)])
def test_deleted_row_is_named(store: Store, deleted: int | tuple, named: int) -> None:
    fill_audit(store, 5)
    drop_triggers(store.path, "audit")
    ids = deleted if isinstance(deleted, tuple) else (deleted,)
    with sqlite_shell(store.path) as shell:
        shell.executemany("DELETE FROM audit WHERE id = ?", [(i,) for i in ids])

    broken = audit.verify(store.conn)
    assert broken is not None
    assert broken.row_id == named
    assert "hilang" in broken.reason
    report = check_store(store)
    assert report.findings == [f"audit baris {named}: {broken.reason}"]
    assert report.audit_rows == 5 - len(ids)


# -- check ---------------------------------------------------------------------------------


def test_check_fresh_store(store: Store) -> None:
    report = check_store(store)
    assert report.ok
    assert report.findings == []
    assert (report.events, report.devices, report.audit_rows) == (0, 0, 0)


def test_check_loaded_store(small_city: Store, city: DemoCity) -> None:
    report = check_store(small_city)
    assert report.ok, report.findings
    events = (
        len(city.register)
        + 1  # register import
        + sum(len(b.cards) + 1 for b in city.batches)  # cards + one import event per batch
        + len(city.withheld)
        + 6  # demo operators
    )
    assert report.events == events
    assert report.devices == 1
    assert report.audit_rows == 1 + len(city.batches)  # one entry per import


def _event_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM journal").fetchone()[0]


def test_journal_gap_names_device_and_seq(store: Store, append: AppendEvent) -> None:
    for _ in range(6):
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    assert first_journal_gap(store.conn) is None
    drop_triggers(store.path, "journal")
    with sqlite_shell(store.path) as shell:
        shell.execute("DELETE FROM journal WHERE seq IN (3, 5)")

    device = store.device.device_id
    gap = first_journal_gap(store.conn)
    assert gap is not None
    assert f"jurnal perangkat {device}: seq 3 hilang" in gap
    assert "berikutnya yang ada: 4" in gap
    report = check_store(store)
    assert report.findings == [gap]
    assert report.events == 4


def test_journal_gap_of_a_second_device(store: Store, append: AppendEvent) -> None:
    """Events pulled from another counter: only the device whose journal has the hole is
    named, at the first missing seq."""
    for _ in range(3):
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    other = "DSP-02-0badc0de"
    with store.write():
        for seq in (1, 2, 4, 5, 7):
            store.conn.execute(
                "INSERT INTO journal (device_id, seq, event_id, site, type, schema, wall_time,"
                " hlc, payload) VALUES (?, ?, ?, 'DSP', 'recording_status_changed', ?, ?, ?, ?)",
                (
                    other,
                    seq,
                    str(uuid.uuid4()),
                    SCHEMA_VERSION,
                    "2012-09-03T08:00:00+07:00",
                    f"{1346634000000 + seq:013d}-{0:010d}-{other}",
                    json.dumps(NEUTRAL),
                ),
            )
    report = check_store(store)
    assert report.devices == 2
    assert report.events == 8
    assert len(report.findings) == 1
    assert f"jurnal perangkat {other}: seq 3 hilang" in report.findings[0]
    assert store.device.device_id not in report.findings[0]


def test_journal_starting_after_one_is_a_gap(store: Store, append: AppendEvent) -> None:
    for _ in range(3):
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    drop_triggers(store.path, "journal")
    with sqlite_shell(store.path) as shell:
        shell.execute("DELETE FROM journal WHERE seq = 1")
    gap = first_journal_gap(store.conn)
    assert gap is not None
    assert "seq 1 hilang" in gap


def test_check_finds_a_broken_name_index_and_rebuild_mends_it(
    store: Store, add_resident: AddResident
) -> None:
    add_resident(store, "Siti Nur'aini")
    with sqlite_shell(store.path) as shell:
        shell.execute("INSERT INTO residents_fts (rowid, nama) VALUES (4242, 'hantu')")
    report = check_store(store)
    assert len(report.findings) == 1
    assert "indeks pencarian nama rusak" in report.findings[0]
    assert "loket-admin rebuild" in report.findings[0]

    store.rebuild()
    assert check_store(store).ok


def test_check_reports_both_a_journal_gap_and_an_audit_break(
    store: Store, append: AppendEvent
) -> None:
    for _ in range(3):
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    fill_audit(store, 3)
    drop_triggers(store.path, "journal")
    drop_triggers(store.path, "audit")
    with sqlite_shell(store.path) as shell:
        shell.execute("DELETE FROM journal WHERE seq = 2")
        shell.execute("UPDATE audit SET detail = '{}' WHERE id = 2")
    findings = check_store(store).findings
    assert len(findings) == 2
    assert "seq 2 hilang" in findings[0]
    assert findings[1].startswith("audit baris 2:")


def damage_table(store: Store, table: str) -> Path:
    """Close the store and scribble over the root page of `table` (the file header stays
    readable), as a failing disk would."""
    page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = store.conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    store.close()
    data = bytearray(store.path.read_bytes())
    start = (root - 1) * page_size + 8  # keep the page type byte and its cell count
    data[start : root * page_size] = b"\xa5" * (root * page_size - start)
    store.path.write_bytes(bytes(data))
    return store.path.parent


def test_check_on_a_damaged_file_stops_at_integrity(store: Store, append: AppendEvent) -> None:
    for _ in range(5):
        append(store, EventType.RECORDING_STATUS_CHANGED, NEUTRAL)
    fill_audit(store, 2)
    folder = damage_table(store, "journal")
    with open_store(folder) as damaged:
        report = check_store(damaged)
    assert not report.ok
    assert all(f.startswith("integrity_check:") for f in report.findings)
    assert any("malformed" in f or "page" in f for f in report.findings)
    assert (report.events, report.audit_rows) == (0, 0)  # stopped before reading more


def test_damaged_schema_record_gives_store_error(store: Store) -> None:
    folder = damage_table(store, "_sqlite_migrations")
    with pytest.raises(StoreError, match=r"rusak.*pulihkan dari cadangan"):
        open_store(folder).close()
