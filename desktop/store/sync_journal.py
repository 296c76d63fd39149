"""The local store as sync sees it (sync.client.Journal): this device's events to push,
the feed cursor, and applying other devices' events with their projections in one
transaction per page."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from desktop.core.events import SCHEMA_VERSION, Event, Timestamp
from desktop.store.store import CATCH_UP, Store, StoreError

ACKED = "sync.acked_seq"
CURSOR = "sync.feed_cursor"
SERVER_URL = "sync.server_url"
TOKEN = "sync.token"
LAST_SUCCESS = "sync.last_success"
LAST_ERROR = "sync.last_error"
CLOCK_SKEW = "sync.clock_skew_ms"


class StoreJournal:
    def __init__(self, store: Store) -> None:
        self.store = store

    def device_id(self) -> str:
        return self.store.require_device().device_id

    def schema_version(self) -> int:
        return SCHEMA_VERSION

    def acked_seq(self) -> int:
        return int(self.store.meta(ACKED) or 0)

    def set_acked_seq(self, seq: int) -> None:
        with self.store.write():
            self.store.set_meta(ACKED, str(seq))

    def own_max_seq(self) -> int:
        (high,) = self.store.conn.execute(
            "SELECT coalesce(max(seq), 0) FROM journal WHERE device_id = ?", (self.device_id(),)
        ).fetchone()
        return high

    def pending(self, after_seq: int, limit: int) -> list[dict[str, Any]]:
        rows = self.store.conn.execute(
            "SELECT event_id, device_id, site, seq, type, schema, wall_time, hlc, payload"
            " FROM journal WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (self.device_id(), after_seq, limit),
        ).fetchall()
        return [_wire(row) for row in rows]

    def own_event_ids(self, max_seq: int) -> list[str]:
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT event_id FROM journal WHERE device_id = ? AND seq <= ? ORDER BY seq",
                (self.device_id(), max_seq),
            )
        ]

    def feed_cursor(self) -> int:
        return int(self.store.meta(CURSOR) or 0)

    def reset_feed_cursor(self) -> None:
        with self.store.write():
            self.store.set_meta(CURSOR, "0")

    def apply_feed(self, events: list[dict[str, Any]], next_cursor: int) -> int:
        """Apply a feed page and move the cursor in one local transaction. Events already
        held (our own, or seen before) are skipped; returns how many were new."""
        applied = 0
        held_through: dict[str, int] = {}  # per device: journals are gap-free, so seq ≤ max
        with self.store.write():
            for raw in events:
                event = Event(
                    event_id=raw["event_id"],
                    device_id=raw["device_id"],
                    site=raw["site"],
                    seq=int(raw["seq"]),
                    type=raw["type"],
                    schema=int(raw["schema"]),
                    wall_time=raw["wall_time"],
                    hlc=raw["hlc"],
                    payload=raw["payload"],
                )
                if event.device_id not in held_through:
                    held_through[event.device_id] = self.store.conn.execute(
                        "SELECT coalesce(max(seq), 0) FROM journal WHERE device_id = ?",
                        (event.device_id,),
                    ).fetchone()[0]
                if event.seq <= held_through[event.device_id]:
                    held = self.store.conn.execute(
                        "SELECT event_id FROM journal WHERE device_id = ? AND seq = ?",
                        (event.device_id, event.seq),
                    ).fetchone()
                    if held is None or held[0] != event.event_id:
                        raise StoreError(
                            f"event {event.device_id} seq {event.seq} dari server berbeda "
                            "dengan yang tersimpan di loket ini; hubungi tim TI"
                        )
                    continue
                # Our own events the journal lacks come back only after a restore from an
                # older backup; continuing the journal, they are taken back like any other.
                if event.seq != held_through[event.device_id] + 1:
                    raise StoreError(
                        f"feed melompat untuk perangkat {event.device_id} (seq {event.seq} "
                        f"setelah {held_through[event.device_id]}); sinkron ulang dari awal"
                    )
                self.store.ingest(event)
                held_through[event.device_id] = event.seq
                self.store.observe_hlc(_timestamp(event.hlc))
                applied += 1
            self.store.set_meta(CURSOR, str(next_cursor))
        return applied

    # -- what the app shows --------------------------------------------------------------

    def record_success(self, clock_skew_ms: int, *, reconciled: bool = True) -> None:
        with self.store.write():
            if reconciled:  # a restored store holds all the server has of ours again
                self.store.conn.execute("DELETE FROM meta WHERE key = ?", (CATCH_UP,))
            self.store.set_meta(LAST_SUCCESS, datetime.now().astimezone().isoformat("T", "seconds"))
            self.store.set_meta(LAST_ERROR, "")
            self.store.set_meta(CLOCK_SKEW, str(clock_skew_ms))

    def record_error(self, message: str) -> None:
        with self.store.write():
            self.store.set_meta(LAST_ERROR, message)

    def waiting(self) -> int:
        return max(0, self.own_max_seq() - self.acked_seq())


def _timestamp(text: str) -> Timestamp | None:
    try:
        return Timestamp.parse(text)
    except ValueError:
        return None


def _wire(row: tuple) -> dict[str, Any]:
    event_id, device_id, site, seq, kind, schema, wall_time, hlc, payload = row
    return {
        "event_id": event_id,
        "device_id": device_id,
        "site": site,
        "seq": seq,
        "type": kind,
        "schema": schema,
        "wall_time": wall_time,
        "hlc": hlc,
        "payload": json.loads(payload),
    }
