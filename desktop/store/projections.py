"""Projections: the tables the counter reads, derived only from journal events.

`apply` runs inside the transaction that appends the event; `rebuild` empties the
projections and replays the whole journal through the same function, so the two paths
cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from desktop.core.cards import CardStatus
from desktop.core.events import Event, EventType
from desktop.store.schema import PROJECTION_TABLES, REGISTER_COLUMNS

RESIDENT_FIELDS = (*REGISTER_COLUMNS, "nik_warning")

Handler = Callable[[sqlite3.Connection, Event], None]
_HANDLERS: dict[str, Handler] = {}


def handles(*types: EventType) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for t in types:
            _HANDLERS[t.value] = fn
        return fn

    return register


def apply(conn: sqlite3.Connection, event: Event) -> None:
    """Fold one event into the projections. Unknown types are kept in the journal only."""
    handler = _HANDLERS.get(event.type)
    if handler:
        handler(conn, event)


@handles(EventType.RESIDENT_REGISTERED, EventType.RESIDENT_UPDATED)
def _resident(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    old = conn.execute("SELECT id, nama FROM residents WHERE nik = ?", (p["nik"],)).fetchone()
    values = [p.get(f) for f in RESIDENT_FIELDS]
    if old:
        conn.execute(
            "INSERT INTO residents_fts (residents_fts, rowid, nama) VALUES ('delete', ?, ?)", old
        )
        assignments = ", ".join(f"{f} = ?" for f in RESIDENT_FIELDS)
        conn.execute(
            f"UPDATE residents SET {assignments}, event_id = ? WHERE id = ?",
            [*values, event.event_id, old[0]],
        )
        row_id = old[0]
    else:
        columns = ", ".join(RESIDENT_FIELDS)
        marks = ", ".join("?" for _ in RESIDENT_FIELDS)
        row_id = conn.execute(
            f"INSERT INTO residents ({columns}, event_id) VALUES ({marks}, ?)",
            [*values, event.event_id],
        ).lastrowid
    conn.execute("INSERT INTO residents_fts (rowid, nama) VALUES (?, ?)", (row_id, p["nama"]))


@handles(EventType.IMPORT_COMPLETED)
def _import(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "INSERT INTO imports (sha256, kind, file_name, batch_id, rows, event_id, wall_time)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            p["sha256"],
            p["kind"],
            p["file_name"],
            p.get("batch_id"),
            p["rows"],
            event.event_id,
            event.wall_time,
        ),
    )
    if p["kind"] == "cards":
        conn.execute(
            "INSERT OR IGNORE INTO card_batches (batch_id, sha256, event_id) VALUES (?, ?, ?)",
            (p["batch_id"], p["sha256"], event.event_id),
        )


@handles(EventType.CARD_RECEIVED)
def _card_received(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "INSERT OR IGNORE INTO card_batches (batch_id, sha256, event_id) VALUES (?, ?, ?)",
        (p["batch_id"], p.get("batch_sha256", ""), event.event_id),
    )
    conn.execute(
        # A card announced twice (the same manifest imported at two places) keeps the
        # first announcement; the journal keeps both.
        "INSERT INTO cards (card_id, nik, nama, kode_kelurahan, tanggal_cetak, batch_id,"
        " status, site, box, slot, reason, event_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (card_id) DO NOTHING",
        (
            p["card_id"],
            p["nik"],
            p["nama"],
            p["kode_kelurahan"],
            p["tanggal_cetak"],
            p["batch_id"],
            p["status"],
            p.get("site"),
            p.get("box"),
            p.get("slot"),
            p.get("reason"),
            event.event_id,
        ),
    )
    for old in p.get("supersedes", []):
        conn.execute(
            "UPDATE cards SET status = ?, superseded_by = ?, event_id = ? WHERE card_id = ?",
            (CardStatus.SUPERSEDED.value, p["card_id"], event.event_id, old),
        )


_STATUS_OF = {
    EventType.CARD_WITHHELD.value: CardStatus.WITHHELD,
    EventType.CARD_RELEASED.value: CardStatus.READY,
    EventType.CARD_RETURNED.value: CardStatus.RETURNED,
    EventType.HOLDER_DECEASED.value: CardStatus.DECEASED,
    EventType.HOLDER_MOVED.value: CardStatus.MOVED,
    EventType.CARD_UNCOLLECTED.value: CardStatus.UNCOLLECTED,
}


@handles(
    EventType.CARD_WITHHELD,
    EventType.CARD_RELEASED,
    EventType.CARD_RETURNED,
    EventType.HOLDER_DECEASED,
    EventType.HOLDER_MOVED,
    EventType.CARD_UNCOLLECTED,
)
def _card_status(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "UPDATE cards SET status = ?, reason = ?, event_id = ? WHERE card_id = ?",
        (_STATUS_OF[event.type].value, p.get("reason"), event.event_id, p["card_id"]),
    )


def _settle_card(conn: sqlite3.Connection, card_id: str, event_id: str) -> None:
    """Set a card's status from its live handovers: none, one, or a conflict."""
    live = conn.execute(
        "SELECT count(*) FROM handovers WHERE card_id = ? AND voided_by IS NULL", (card_id,)
    ).fetchone()[0]
    if live == 0:
        status = CardStatus.READY
    elif live == 1:
        status = CardStatus.HANDED_OVER
    else:
        status = CardStatus.CONFLICT
    conn.execute(
        "UPDATE cards SET status = ?, event_id = ? WHERE card_id = ?",
        (status.value, event_id, card_id),
    )


@handles(EventType.HANDOVER)
def _handover(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "INSERT INTO handovers (event_id, card_id, nik, device_id, site, workstation,"
        " operator, receipt_no, old_ktp, police_letter, wall_time, hlc, holder_name,"
        " operator_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.event_id,
            p["card_id"],
            p["nik"],
            event.device_id,
            event.site,
            p["workstation"],
            p["operator"],
            p["receipt_no"],
            p["old_ktp"],
            p.get("police_letter"),
            event.wall_time,
            event.hlc,
            p.get("holder_name"),
            p.get("operator_name"),
        ),
    )
    _settle_card(conn, p["card_id"], event.event_id)


@handles(EventType.HANDOVER_VOIDED, EventType.CONFLICT_RESOLVED)
def _handover_voided(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    for voided in p.get("voided_handovers", [p.get("handover_event_id")]):
        if voided:
            conn.execute(
                "UPDATE handovers SET voided_by = ? WHERE event_id = ?", (event.event_id, voided)
            )
    _settle_card(conn, p["card_id"], event.event_id)


@handles(EventType.HANDOVER_CORRECTED)
def _handover_corrected(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "UPDATE handovers SET old_ktp = ?, police_letter = ?, corrected_by = ? WHERE event_id = ?",
        (p["old_ktp"], p.get("police_letter"), event.event_id, p["handover_event_id"]),
    )


@handles(EventType.RECEIPT_PRINTED)
def _receipt_printed(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "UPDATE handovers SET printed = 1, print_error = NULL, copies = copies + ?"
        " WHERE receipt_no = ?",
        (1 if p.get("copy") else 0, p["receipt_no"]),
    )


@handles(EventType.RECEIPT_NOT_PRINTED)
def _receipt_not_printed(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "UPDATE handovers SET print_error = ? WHERE receipt_no = ? AND printed = 0",
        (p.get("error") or "", p["receipt_no"]),
    )


@handles(EventType.OPERATOR_ADDED, EventType.OPERATOR_CHANGED)
def _operator(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    current = conn.execute(
        "SELECT full_name, role, site, password_hash, active, expires_on FROM operators"
        " WHERE username = ?",
        (p["username"],),
    ).fetchone()
    fields = ("full_name", "role", "site", "password_hash", "active", "expires_on")
    merged: dict[str, Any] = dict(zip(fields, current, strict=True)) if current else {}
    merged.update({f: p[f] for f in fields if f in p})
    conn.execute(
        "INSERT OR REPLACE INTO operators (username, full_name, role, site, password_hash,"
        " active, expires_on, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (p["username"], *(merged.get(f) for f in fields), event.event_id),
    )


_REQUEST_FIELDS = (
    "request_no", "kind", "nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir",
    "alamat", "rt", "rw", "kode_kelurahan", "married", "origin_region", "moving_letter_no",
    "workstation", "operator", "operator_name",
)  # fmt: skip


@handles(EventType.RECORDING_REQUESTED)
def _recording_requested(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    values = [int(bool(p.get(f))) if f == "married" else p.get(f) for f in _REQUEST_FIELDS]
    conn.execute(
        f"INSERT OR REPLACE INTO recording_requests ({', '.join(_REQUEST_FIELDS)}, site,"
        " wall_time, status, event_id, hlc)"
        f" VALUES ({', '.join('?' * len(_REQUEST_FIELDS))}, ?, ?, 'waiting', ?, ?)",
        (*values, event.site, event.wall_time, event.event_id, event.hlc),
    )


@handles(EventType.RECORDING_STATUS_CHANGED)
def _recording_status(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "UPDATE recording_requests SET status = ?, status_note = ?, status_by = ?,"
        " status_time = ? WHERE request_no = ?",
        (p["status"], p.get("note"), p.get("by"), event.wall_time, p["request_no"]),
    )


_REPORT_FIELDS = (
    "report_no", "kind", "error_field", "nik", "card_id", "reporter_name",
    "reporter_relation", "document_no", "event_date", "note", "workstation", "operator",
    "operator_name",
)  # fmt: skip


@handles(EventType.POPULATION_EVENT_REPORTED)
def _population_event(conn: sqlite3.Connection, event: Event) -> None:
    """The report itself; what it does to a card travels as its own card event."""
    p = event.payload
    conn.execute(
        f"INSERT OR REPLACE INTO population_reports ({', '.join(_REPORT_FIELDS)}, site,"
        f" wall_time, event_id, hlc) VALUES ({', '.join('?' * len(_REPORT_FIELDS))}, ?, ?, ?, ?)",
        (*(p.get(f) for f in _REPORT_FIELDS), event.site, event.wall_time, event.event_id,
         event.hlc),
    )  # fmt: skip


@handles(EventType.INVITATIONS_PLANNED)
def _invitations_planned(conn: sqlite3.Connection, event: Event) -> None:
    """A later plan for the same card replaces the earlier pickup day."""
    conn.executemany(
        "INSERT OR REPLACE INTO invitations (card_id, site, pickup_day, plan_event_id,"
        " wall_time) VALUES (?, ?, ?, ?, ?)",
        [
            (card_id, event.payload["site"], day, event.event_id, event.wall_time)
            for card_id, day in event.payload["invitations"]
        ],
    )


@handles(EventType.DRAWER_COUNTED)
def _drawer_counted(conn: sqlite3.Connection, event: Event) -> None:
    p = event.payload
    conn.execute(
        "INSERT INTO drawer_counts (event_id, site, day, start_count, received, handed_over,"
        " returned, expected, counted, difference, note, supervisor, supervisor_name,"
        " wall_time, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.event_id,
            p["site"],
            p["day"],
            p.get("start", 0),
            p.get("received", 0),
            p.get("handed_over", 0),
            p.get("returned", 0),
            p["expected"],
            p["counted"],
            p["difference"],
            p.get("note") or "",
            p["supervisor"],
            p.get("supervisor_name"),
            event.wall_time,
            event.hlc,
        ),
    )


def clear(conn: sqlite3.Connection) -> None:
    """Empty every projection (inside the caller's transaction)."""
    conn.execute("INSERT INTO residents_fts (residents_fts) VALUES ('delete-all')")
    for table in reversed(PROJECTION_TABLES):
        conn.execute(f"DELETE FROM {table}")


def digest(conn: sqlite3.Connection) -> str:
    """SHA-256 over every projection row in key order: equal digests mean equal state."""
    h = hashlib.sha256()
    for table in PROJECTION_TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        h.update(f"\x1e{table}\x1f{','.join(columns)}".encode())
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
            h.update(json.dumps(row, ensure_ascii=False).encode())
    return h.hexdigest()
