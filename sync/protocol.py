"""The sync wire contract, version 1, shared by the workstation client and the server.

Everything both sides must agree on lives here: the event envelope and its validation,
page limits, the reconcile digest, and the typed errors with their HTTP status. See
../shared/PROTOCOL.md for the contract in prose.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

PROTOCOL_VERSION = 1
SCHEMA_MIN = 1
SCHEMA_MAX = 1
MAX_PAGE = 500
MAX_BODY = 1024 * 1024  # bytes
MAX_SEQ = 2**53
CLOCK_SKEW_LIMIT_MS = 5 * 60 * 1000
CENTRAL_DEVICE = "central"
SERVER_DEVICE = "server"
SITES = ("MGS", "DSP")
CLIENT_TIME_HEADER = "X-Loket-Client-Time"

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "event_id": str,
    "device_id": str,
    "site": str,
    "seq": int,
    "type": str,
    "schema": int,
    "wall_time": str,
    "hlc": str,
    "payload": dict,
}
_MAX_TEXT = 200  # envelope text fields; payloads are bounded by the page size


class ProtocolError(Exception):
    """A refusal with its HTTP status and JSON body, raised by either side."""

    status = 400
    error = "bad_request"

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "detail": self.message, **self.extra}


class Invalid(ProtocolError):
    status, error = 422, "invalid"


class Unauthorized(ProtocolError):
    status, error = 401, "unauthorized"


class Forbidden(ProtocolError):
    status, error = 403, "forbidden"


class TooLarge(ProtocolError):
    status, error = 413, "too_large"


class Gap(ProtocolError):
    status, error = 409, "gap"

    def __init__(self, expected_seq: int) -> None:
        super().__init__(f"seq tidak bersambung; server menunggu seq {expected_seq}")
        self.extra = {"expected_seq": expected_seq}


class ConflictingDuplicate(ProtocolError):
    status, error = 409, "conflicting_duplicate"

    def __init__(self, event_id: str) -> None:
        super().__init__(f"event {event_id} sudah tersimpan dengan isi lain")
        self.extra = {"event_id": event_id}


ERRORS = {cls.error: cls for cls in (Invalid, Unauthorized, Forbidden, TooLarge)}


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8. Equal bytes mean equal content."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class WireEvent:
    event_id: str
    device_id: str
    site: str
    seq: int
    type: str
    schema: int
    wall_time: str
    hlc: str
    payload: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    def canonical(self) -> bytes:
        return canonical(self.to_dict())


def parse_event(raw: Any, index: int = 0) -> WireEvent:
    """Validate one event of a page; `Invalid` names the field (and the event's place)."""
    where = f"events[{index}]"
    if not isinstance(raw, dict):
        raise Invalid(f"{where}: harus objek JSON")
    for name, kind in _FIELDS.items():
        if name not in raw:
            raise Invalid(f"{where}.{name}: wajib ada")
        value = raw[name]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise Invalid(f"{where}.{name}: harus bilangan bulat")
        if not isinstance(value, kind):
            raise Invalid(f"{where}.{name}: jenis salah, harus {kind.__name__}")
        if kind is str and not 0 < len(value) <= _MAX_TEXT:
            raise Invalid(f"{where}.{name}: panjang harus 1..{_MAX_TEXT}")
    if not 1 <= raw["seq"] <= MAX_SEQ:
        raise Invalid(f"{where}.seq: harus 1..2^53")
    if not SCHEMA_MIN <= raw["schema"] <= SCHEMA_MAX:
        raise Invalid(f"{where}.schema: versi {raw['schema']} tidak diterima server ini")
    try:
        uuid.UUID(raw["event_id"])
    except ValueError:
        raise Invalid(f"{where}.event_id: bukan UUID") from None
    try:
        datetime.fromisoformat(raw["wall_time"])
    except ValueError:
        raise Invalid(f"{where}.wall_time: bukan waktu ISO 8601") from None
    event = WireEvent(**{name: raw[name] for name in _FIELDS})
    try:
        event.canonical()
    except UnicodeEncodeError:
        raise Invalid(f"{where}: teks berisi karakter yang bukan Unicode sah") from None
    if _has_nul(raw):
        raise Invalid(f"{where}: teks tidak boleh berisi karakter NUL")
    return event


def _has_nul(value: Any) -> bool:
    """PostgreSQL text cannot hold NUL; refuse it rather than fail inside the store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def parse_page(body: Any) -> list[WireEvent]:
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        raise Invalid("events: wajib berupa daftar")
    events = body["events"]
    if len(events) > MAX_PAGE:
        raise TooLarge(f"paling banyak {MAX_PAGE} event per halaman, ini {len(events)}")
    return [parse_event(raw, i) for i, raw in enumerate(events)]


def reconcile_digest(event_ids: Iterable[str]) -> str:
    """SHA-256 hex of the event ids in seq order joined by newlines (PROTOCOL.md)."""
    return hashlib.sha256("\n".join(event_ids).encode()).hexdigest()
