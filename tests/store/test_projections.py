"""Projections follow the journal, and `rebuild` recomputes exactly the same state."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from desktop.core.events import Event, EventType
from desktop.core.roles import Role
from desktop.store import Store
from desktop.store.accounts import add_operator, password_matches
from desktop.store.demo import DemoCity
from desktop.store.projections import digest
from desktop.store.search import search_names

from .conftest import AddResident, AppendEvent

BATCH = "B20120507"


def card_payload(card_id: str, nik: str, **over: Any) -> dict[str, Any]:
    return {
        "card_id": card_id,
        "batch_id": BATCH,
        "nik": nik,
        "nama": "BUDI SANTOSO",
        "kode_kelurahan": "35.76.02.1003",
        "tanggal_cetak": "2012-04-27",
        "status": "ready",
        "site": "MGS",
        "box": 1,
        "slot": 1,
        "reason": None,
        **over,
    }


def handover_payload(card_id: str, nik: str, receipt_no: str) -> dict[str, Any]:
    return {
        "card_id": card_id,
        "nik": nik,
        "workstation": 1,
        "operator": "operator1",
        "receipt_no": receipt_no,
        "old_ktp": "withdrawn",
    }


def card_row(conn: sqlite3.Connection, card_id: str) -> dict[str, Any]:
    cursor = conn.execute("SELECT * FROM cards WHERE card_id = ?", (card_id,))
    columns = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    assert row is not None, f"card {card_id} not in the projection"
    return dict(zip(columns, row, strict=True))


def status(conn: sqlite3.Connection, card_id: str) -> str:
    return card_row(conn, card_id)["status"]


def ready_cards(conn: sqlite3.Connection, count: int) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT card_id, nik FROM cards WHERE status = 'ready' ORDER BY card_id LIMIT ?",
        (count,),
    ).fetchall()
    assert len(rows) == count
    return rows


# -- residents -----------------------------------------------------------------------------


def test_resident_registered_then_updated(
    store: Store, add_resident: AddResident, append: AppendEvent
) -> None:
    record = add_resident(store, "Siti Aminah")
    (row_id,) = store.conn.execute(
        "SELECT id FROM residents WHERE nik = ?", (record["nik"],)
    ).fetchone()
    update = {**record, "nama": "Siti Aminah Rahayu", "alamat": "Jl. Gajah Mada No. 1"}
    event = append(store, EventType.RESIDENT_UPDATED, update)
    rows = store.conn.execute(
        "SELECT id, nama, alamat, event_id FROM residents WHERE nik = ?", (record["nik"],)
    ).fetchall()
    assert rows == [(row_id, "Siti Aminah Rahayu", "Jl. Gajah Mada No. 1", event.event_id)]
    # the name index follows: the new name is found, the old full name no longer is
    assert [r.nama for r in search_names(store.conn, "rahayu")] == ["Siti Aminah Rahayu"]
    append(store, EventType.RESIDENT_UPDATED, {**update, "nama": "Siti Rahayu"})
    assert search_names(store.conn, "aminah") == []


# -- cards ---------------------------------------------------------------------------------


def test_card_received_and_reprint_supersedes(store: Store, append: AppendEvent) -> None:
    nik = "3576020101800001"
    first = append(store, EventType.CARD_RECEIVED, card_payload("B1-1", nik))
    assert card_row(store.conn, "B1-1") == {
        **card_payload("B1-1", nik),
        "superseded_by": None,
        "event_id": first.event_id,
    }
    assert store.conn.execute("SELECT batch_id, event_id FROM card_batches").fetchall() == [
        (BATCH, first.event_id)
    ]
    reprint = append(
        store,
        EventType.CARD_RECEIVED,
        card_payload("B2-1", nik, batch_id="B2", box=9, slot=4, supersedes=["B1-1"]),
    )
    old = card_row(store.conn, "B1-1")
    assert (old["status"], old["superseded_by"], old["event_id"]) == (
        "superseded",
        "B2-1",
        reprint.event_id,
    )
    assert status(store.conn, "B2-1") == "ready"


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        (EventType.CARD_WITHHELD, "withheld"),
        (EventType.CARD_RELEASED, "ready"),
        (EventType.CARD_RETURNED, "returned"),
        (EventType.HOLDER_DECEASED, "deceased"),
        (EventType.HOLDER_MOVED, "moved"),
        (EventType.CARD_UNCOLLECTED, "uncollected"),
    ],
)
def test_card_status_events(
    store: Store, append: AppendEvent, event_type: EventType, expected: str
) -> None:
    append(store, EventType.CARD_RECEIVED, card_payload("B1-1", "3576020101800001"))
    append(store, EventType.CARD_RECEIVED, card_payload("B1-2", "3576020101800002", slot=2))
    if event_type is EventType.CARD_RELEASED:
        append(store, EventType.CARD_WITHHELD, {"card_id": "B1-1", "reason": "damaged"})
    event = append(store, event_type, {"card_id": "B1-1", "reason": "catatan supervisor"})
    row = card_row(store.conn, "B1-1")
    assert (row["status"], row["reason"], row["event_id"]) == (
        expected,
        "catatan supervisor",
        event.event_id,
    )
    assert status(store.conn, "B1-2") == "ready"  # the other card is untouched


def test_two_live_handovers_are_a_conflict_until_voided(store: Store, append: AppendEvent) -> None:
    nik = "3576020101800001"
    append(store, EventType.CARD_RECEIVED, card_payload("B1-1", nik))
    first = append(store, EventType.HANDOVER, handover_payload("B1-1", nik, "MGS-01-000001"))
    assert status(store.conn, "B1-1") == "handed_over"
    second = append(store, EventType.HANDOVER, handover_payload("B1-1", nik, "DSP-01-000001"))
    assert status(store.conn, "B1-1") == "conflict"

    void_first = append(
        store,
        EventType.HANDOVER_VOIDED,
        {"handover_event_id": first.event_id, "card_id": "B1-1", "reason": "salah kartu"},
    )
    assert status(store.conn, "B1-1") == "handed_over"
    void_second = append(
        store,
        EventType.HANDOVER_VOIDED,
        {"handover_event_id": second.event_id, "card_id": "B1-1"},
    )
    assert status(store.conn, "B1-1") == "ready"
    voided = store.conn.execute(
        "SELECT event_id, voided_by FROM handovers ORDER BY receipt_no DESC"
    ).fetchall()
    assert voided == [
        (first.event_id, void_first.event_id),
        (second.event_id, void_second.event_id),
    ]


def test_conflict_resolved_voids_the_listed_handovers(store: Store, append: AppendEvent) -> None:
    nik = "3576020101800001"
    append(store, EventType.CARD_RECEIVED, card_payload("B1-1", nik))
    kept = append(store, EventType.HANDOVER, handover_payload("B1-1", nik, "R-1"))
    wrong = append(store, EventType.HANDOVER, handover_payload("B1-1", nik, "R-2"))
    assert status(store.conn, "B1-1") == "conflict"
    append(
        store,
        EventType.CONFLICT_RESOLVED,
        {"card_id": "B1-1", "voided_handovers": [wrong.event_id]},
    )
    assert status(store.conn, "B1-1") == "handed_over"
    live = store.conn.execute("SELECT event_id FROM handovers WHERE voided_by IS NULL").fetchall()
    assert live == [(kept.event_id,)]


def test_handover_row_carries_the_event(store: Store, append: AppendEvent) -> None:
    nik = "3576020101800001"
    append(store, EventType.CARD_RECEIVED, card_payload("B1-1", nik))
    payload = handover_payload("B1-1", nik, "MGS-01-000009") | {
        "old_ktp": "lost",
        "police_letter": "LP/123/IX/2012",
    }
    event = append(store, EventType.HANDOVER, payload, wall_time="2012-09-03T09:00:00+07:00")
    row = store.conn.execute(
        "SELECT card_id, nik, device_id, site, workstation, operator, receipt_no, old_ktp,"
        " police_letter, wall_time, hlc, voided_by FROM handovers"
    ).fetchall()
    assert row == [
        (
            "B1-1",
            nik,
            store.device.device_id,
            "MGS",
            1,
            "operator1",
            "MGS-01-000009",
            "lost",
            "LP/123/IX/2012",
            "2012-09-03T09:00:00+07:00",
            event.hlc,
            None,
        )
    ]


def test_unknown_card_handover_is_kept(store: Store, append: AppendEvent) -> None:
    """The handover happened: keep it even when the card is not (yet) known here."""
    append(store, EventType.HANDOVER, handover_payload("B9-404", "3576020101800001", "R-1"))
    assert store.conn.execute("SELECT card_id FROM handovers").fetchall() == [("B9-404",)]
    assert store.conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 0


# -- operators -----------------------------------------------------------------------------


def test_operator_added_then_changed_merges(store: Store, append: AppendEvent) -> None:
    add_operator(store, "operator7", "Rina Kurniawati", Role.OUTSOURCED, "rahasia-123", site="MGS")
    change = append(store, EventType.OPERATOR_CHANGED, {"username": "operator7", "active": 0})
    row = store.conn.execute(
        "SELECT full_name, role, site, password_hash, active, expires_on, event_id"
        " FROM operators WHERE username = 'operator7'"
    ).fetchone()
    assert row[:3] == ("Rina Kurniawati", "outsourced", "MGS")
    assert password_matches(row[3], "rahasia-123")
    assert not password_matches(row[3], "rahasia-124")
    assert row[4:] == (0, None, change.event_id)


# -- rebuild -------------------------------------------------------------------------------


def test_events_without_projection_change_nothing(store: Store, append: AppendEvent) -> None:
    before = digest(store.conn)
    append(store, EventType.CARD_CONFLICT, {"card_id": "B1-1", "event_ids": []})
    append(store, EventType.RECORDING_STATUS_CHANGED, {"request_no": "PRK-X", "status": "sent"})
    assert digest(store.conn) == before  # no such request here: nothing to change
    assert [e.type for e in store.events()] == ["card_conflict", "recording_status_changed"]


def test_rebuild_of_an_empty_store(store: Store) -> None:
    before, after = store.rebuild()
    assert before == after == digest(store.conn)


def _busy_day(store: Store, city: DemoCity, append: AppendEvent) -> list[Event]:
    """Resident corrections, a withheld card, a new operator and handovers (one voided,
    one card in conflict) on top of the loaded city."""
    conn = store.conn
    events = []
    for person in city.register[:3]:
        events.append(
            append(store, EventType.RESIDENT_UPDATED, {**person, "alamat": "Jl. Baru No. 1"})
        )
    events.append(
        append(
            store,
            EventType.RESIDENT_UPDATED,
            {**city.register[3], "nama": "Ñur Áini", "nik_warning": None},
        )
    )
    (withheld, _), (handed, handed_nik), (doubled, doubled_nik), (voided, voided_nik) = ready_cards(
        conn, 4
    )
    events.append(
        append(store, EventType.CARD_WITHHELD, {"card_id": withheld, "reason": "damaged"})
    )
    add_operator(store, "petugas.baru", "Yuli Astuti", Role.OPERATOR, "kata-sandi-1", site="MGS")
    events.append(
        append(store, EventType.HANDOVER, handover_payload(handed, handed_nik, "MGS-01-000001"))
    )
    for receipt in ("MGS-01-000002", "DSP-02-000001"):
        events.append(
            append(store, EventType.HANDOVER, handover_payload(doubled, doubled_nik, receipt))
        )
    wrong = append(store, EventType.HANDOVER, handover_payload(voided, voided_nik, "X-1"))
    events.append(
        append(
            store,
            EventType.HANDOVER_VOIDED,
            {"handover_event_id": wrong.event_id, "card_id": voided, "reason": "salah orang"},
        )
    )
    assert [status(conn, c) for c in (withheld, handed, doubled, voided)] == [
        "withheld",
        "handed_over",
        "conflict",
        "ready",
    ]
    return events


def test_rebuild_gives_the_same_state(
    small_city: Store, city: DemoCity, append: AppendEvent
) -> None:
    _busy_day(small_city, city, append)
    conn = small_city.conn
    live = digest(conn)
    statuses = conn.execute("SELECT status, count(*) FROM cards GROUP BY 1 ORDER BY 1").fetchall()
    found = [r.nik for r in search_names(conn, "nur aini")]

    before, after = small_city.rebuild()

    assert before == after == live
    assert conn.execute("SELECT status, count(*) FROM cards GROUP BY 1 ORDER BY 1").fetchall() == (
        statuses
    )
    assert dict(statuses)["conflict"] == 1
    assert [r.nik for r in search_names(conn, "nur aini")] == found == [city.register[3]["nik"]]
    assert conn.execute("SELECT count(*) FROM operators").fetchone()[0] == 7
    assert conn.execute("SELECT count(*) FROM residents").fetchone()[0] == len(city.register)


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE cards SET box = 999 WHERE card_id = (SELECT min(card_id) FROM cards)",
        "UPDATE residents SET nama = 'Orang Lain' WHERE id = 5",
        "DELETE FROM handovers",
        "UPDATE operators SET active = 0 WHERE username = 'supervisor'",
        "DELETE FROM imports WHERE kind = 'register'",
    ],
)
def test_rebuild_repairs_a_tampered_projection(
    small_city: Store, city: DemoCity, append: AppendEvent, tamper: str
) -> None:
    _busy_day(small_city, city, append)
    original = digest(small_city.conn)
    small_city.conn.execute(tamper)
    tampered = digest(small_city.conn)
    assert tampered != original

    before, after = small_city.rebuild()

    assert (before, after) == (tampered, original)
    assert digest(small_city.conn) == original
    assert small_city.rebuild() == (original, original)
