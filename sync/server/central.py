"""What the central store does, independent of HTTP: enrol devices, take pages of events,
serve the feed, reconcile. Each write is one PostgreSQL transaction."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg

from sync.protocol import (
    CENTRAL_DEVICE,
    CLOCK_SKEW_LIMIT_MS,
    SERVER_DEVICE,
    SITES,
    ConflictingDuplicate,
    Forbidden,
    Gap,
    Unauthorized,
    WireEvent,
    canonical,
    reconcile_digest,
)

CODE_LIFETIME = timedelta(hours=24)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Device:
    device_id: str
    site: str
    workstation: int


# -- enrolment -------------------------------------------------------------------------


def create_enrol_code(conn: psycopg.Connection, site: str, workstation: int) -> str:
    if site not in SITES:
        raise ValueError(f"site must be one of {', '.join(SITES)}")
    if not 1 <= workstation <= 99:
        raise ValueError("workstation must be 1..99")
    code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    conn.execute(
        "INSERT INTO enrol_codes (code_hash, site, workstation, expires_at)"
        " VALUES (%s, %s, %s, %s)",
        (_hash(code), site, workstation, now() + CODE_LIFETIME),
    )
    return code


def enrol(
    conn: psycopg.Connection, code: str, hostname: str, proposed_id: str | None = None
) -> tuple[Device, str]:
    """Exchange a one-time code for a device and its token (returned once, kept hashed)."""
    with conn.transaction():
        row = conn.execute(
            "SELECT site, workstation, expires_at, used_at FROM enrol_codes"
            " WHERE code_hash = %s FOR UPDATE",
            (_hash(code.strip().upper()),),
        ).fetchone()
        if row is None or row[3] is not None or row[2] < now():
            raise Forbidden("kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa")
        site, workstation = row[0], row[1]
        prefix = f"{site}-{workstation:02d}-"
        device_id = proposed_id if _acceptable_id(proposed_id, prefix) else None
        token = secrets.token_urlsafe(32)
        if (
            device_id
            and conn.execute("SELECT 1 FROM devices WHERE device_id = %s", (device_id,)).fetchone()
        ):
            # The same workstation again, with a fresh code from the admin (its last answer
            # was lost, or it was revoked and is being let back in): it keeps its id and
            # journal, and only the new token works from now on.
            conn.execute(
                "UPDATE devices SET token_hash = %s, hostname = %s, revoked_at = NULL,"
                " enrolled_at = now() WHERE device_id = %s",
                (_hash(token), hostname[:200], device_id),
            )
        else:
            device_id = device_id or prefix + secrets.token_hex(4)
            conn.execute(
                "INSERT INTO devices (device_id, site, workstation, hostname, token_hash)"
                " VALUES (%s, %s, %s, %s, %s)",
                (device_id, site, workstation, hostname[:200], _hash(token)),
            )
        conn.execute(
            "UPDATE enrol_codes SET used_at = now(), device_id = %s WHERE code_hash = %s",
            (device_id, _hash(code.strip().upper())),
        )
    return Device(device_id, site, workstation), token


def _acceptable_id(proposed: str | None, prefix: str) -> bool:
    """A workstation may keep its own id when it names the same site and counter."""
    return bool(
        proposed
        and proposed.startswith(prefix)
        and len(proposed) <= 40
        and all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in proposed)
    )


def revoke(conn: psycopg.Connection, device_id: str) -> bool:
    result = conn.execute(
        "UPDATE devices SET revoked_at = now() WHERE device_id = %s AND revoked_at IS NULL",
        (device_id,),
    )
    return result.rowcount == 1


def authenticate(conn: psycopg.Connection, authorization: str | None) -> Device:
    if not authorization or not authorization.startswith("Bearer "):
        raise Unauthorized("token perangkat tidak ada; daftarkan loket ini dahulu")
    row = conn.execute(
        "SELECT device_id, site, workstation, revoked_at FROM devices WHERE token_hash = %s",
        (_hash(authorization.removeprefix("Bearer ").strip()),),
    ).fetchone()
    if row is None:
        raise Unauthorized("token perangkat tidak dikenal; daftarkan ulang loket ini")
    if row[3] is not None:
        raise Unauthorized("perangkat ini sudah dicabut oleh admin Dinas; hubungi tim TI")
    return Device(row[0], row[1], row[2])


# -- push ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PushResult:
    acked_through: int
    stored: int
    duplicates: int


def push(
    conn: psycopg.Connection,
    device: Device,
    path_device: str,
    events: list[WireEvent],
    clock_skew_ms: int | None = None,
) -> PushResult:
    """Store a page of one device's events, all or nothing (see PROTOCOL.md)."""
    if path_device != device.device_id:
        raise Forbidden("token ini bukan milik perangkat di alamat itu")
    for event in events:
        if event.device_id != device.device_id or event.site != device.site:
            raise Forbidden(
                f"event seq {event.seq} bukan milik perangkat ini ({device.device_id}, "
                f"{device.site}); sebuah situs hanya boleh mengirim event-nya sendiri"
            )
    skew = clock_skew_ms if clock_skew_ms and abs(clock_skew_ms) > CLOCK_SKEW_LIMIT_MS else None
    with conn.transaction():
        return _store_page(conn, device.device_id, events, skew)


def _store_page(
    conn: psycopg.Connection, device_id: str, events: list[WireEvent], skew: int | None
) -> PushResult:
    (last,) = conn.execute("SELECT last FROM feed_counter WHERE id = 1 FOR UPDATE").fetchone()
    held = _held(conn, device_id)
    stored = duplicates = 0
    # One query for the whole page: which of its ids are already taken, and by what.
    known = {
        str(event_id): (owner, seq)
        for event_id, owner, seq in conn.execute(
            "SELECT event_id, device_id, seq FROM events WHERE event_id = ANY(%s)",
            ([uuid.UUID(e.event_id) for e in events],),
        )
    }
    with conn.pipeline():  # the inserts go out without a round trip each
        for event in events:
            body = event.canonical()
            if event.seq <= held:
                row = conn.execute(
                    "SELECT body FROM events WHERE device_id = %s AND seq = %s",
                    (device_id, event.seq),
                ).fetchone()
                if bytes(row[0]) != body:
                    raise ConflictingDuplicate(event.event_id)
                duplicates += 1
                continue
            if event.seq != held + 1:
                raise Gap(held + 1)
            if str(uuid.UUID(event.event_id)) in known:
                raise ConflictingDuplicate(event.event_id)
            last = _insert(conn, last, event, body, skew)
            known[str(uuid.UUID(event.event_id))] = (device_id, event.seq)
            held += 1
            stored += 1
        conn.execute("UPDATE feed_counter SET last = %s WHERE id = 1", (last,))
    return PushResult(held, stored, duplicates)


def _held(conn: psycopg.Connection, device_id: str) -> int:
    # Pages are refused on any gap, so the stored seqs are always 1..max.
    (held,) = conn.execute(
        "SELECT coalesce(max(seq), 0) FROM events WHERE device_id = %s", (device_id,)
    ).fetchone()
    return held


def _insert(
    conn: psycopg.Connection, last: int, event: WireEvent, body: bytes, skew: int | None
) -> int:
    last += 1
    conn.execute(
        "INSERT INTO events (server_seq, device_id, seq, event_id, site, type, schema, body,"
        " clock_skew_ms) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            last,
            event.device_id,
            event.seq,
            uuid.UUID(event.event_id),
            event.site,
            event.type,
            event.schema,
            body,
            skew,
        ),
    )
    return _track_handovers(conn, last, event)


def _track_handovers(conn: psycopg.Connection, last: int, event: WireEvent) -> int:
    """A second live handover of one card is a conflict: keep both, and say so in the feed."""
    payload = event.payload
    if event.type == "handover" and isinstance(payload.get("card_id"), str):
        card_id = payload["card_id"]
        conn.execute(
            "INSERT INTO card_handovers (card_id, event_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (card_id, uuid.UUID(event.event_id)),
        )
        live = [
            str(r[0])
            for r in conn.execute(
                "SELECT event_id FROM card_handovers WHERE card_id = %s AND live ORDER BY event_id",
                (card_id,),
            )
        ]
        if len(live) > 1:
            last = _server_event(
                conn, last, "card_conflict", {"card_id": card_id, "event_ids": live}
            )
    elif event.type in ("handover_voided", "conflict_resolved"):
        voided = payload.get("voided_handovers")
        if not isinstance(voided, list):
            voided = [payload.get("handover_event_id")]
        for event_id in voided:
            try:
                key = uuid.UUID(str(event_id))
            except ValueError:
                continue
            conn.execute("UPDATE card_handovers SET live = false WHERE event_id = %s", (key,))
    return last


def _server_event(conn: psycopg.Connection, last: int, kind: str, payload: dict) -> int:
    seq = _held(conn, SERVER_DEVICE) + 1
    stamp = now()
    event = WireEvent(
        event_id=str(uuid.uuid4()),
        device_id=SERVER_DEVICE,
        site="DINAS",
        seq=seq,
        type=kind,
        schema=1,
        wall_time=stamp.isoformat(timespec="seconds"),
        hlc=f"{int(stamp.timestamp() * 1000):013d}-{0:010d}-{SERVER_DEVICE}",
        payload=payload,
    )
    last += 1
    conn.execute(
        "INSERT INTO events (server_seq, device_id, seq, event_id, site, type, schema, body)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (last, SERVER_DEVICE, seq, uuid.UUID(event.event_id), "DINAS", kind, 1,
         event.canonical()),
    )  # fmt: skip
    return last


def ingest_central(conn: psycopg.Connection, events: list[WireEvent]) -> PushResult:
    """Reference data imported at the centre joins the feed as device `central`."""
    for event in events:
        if event.device_id != CENTRAL_DEVICE:
            raise ValueError(f"not a central event: {event.device_id}")
    with conn.transaction():
        return _store_page(conn, CENTRAL_DEVICE, events, None)


# -- feed and reconcile ------------------------------------------------------------------


@dataclass(frozen=True)
class FeedPage:
    events: list[dict]
    next: int
    more: bool


def feed(conn: psycopg.Connection, since: int, limit: int) -> FeedPage:
    rows = conn.execute(
        "SELECT server_seq, body, received_at FROM events WHERE server_seq > %s"
        " ORDER BY server_seq LIMIT %s",
        (since, limit + 1),
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    events = []
    for server_seq, body, received_at in rows:
        event = json.loads(bytes(body))
        event["server_seq"] = server_seq
        event["received_at"] = received_at.isoformat(timespec="seconds")
        events.append(event)
    return FeedPage(events, rows[-1][0] if rows else since, more)


@dataclass(frozen=True)
class Reconciliation:
    match: bool
    server_max_seq: int
    server_count: int


def reconcile(
    conn: psycopg.Connection, device: Device, path_device: str, max_seq: int, count: int,
    digest: str,
) -> Reconciliation:  # fmt: skip
    if path_device != device.device_id:
        raise Forbidden("token ini bukan milik perangkat di alamat itu")
    held = _held(conn, device.device_id)
    ids = [
        str(r[0])
        for r in conn.execute(
            "SELECT event_id FROM events WHERE device_id = %s AND seq <= %s ORDER BY seq",
            (device.device_id, max_seq),
        )
    ]
    match = held == max_seq and len(ids) == count and reconcile_digest(ids) == digest
    return Reconciliation(match, held, len(ids))


__all__ = ["Device", "canonical"]
