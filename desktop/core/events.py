"""Event types, the event envelope, and the hybrid logical clock that orders events.

Every change in Loket is an event appended to the journal. Wall time is kept for the
papers only; order comes from `(device_id, seq)` and the HLC, because counter clocks
can be wrong.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1


class EventType(StrEnum):
    RESIDENT_REGISTERED = "resident_registered"
    RESIDENT_UPDATED = "resident_updated"
    CARD_RECEIVED = "card_received"  # sorted into a place, or misrouted; may supersede
    CARD_WITHHELD = "card_withheld"
    CARD_RELEASED = "card_released"
    CARD_RETURNED = "card_returned"
    HOLDER_DECEASED = "holder_deceased"
    HOLDER_MOVED = "holder_moved"
    CARD_UNCOLLECTED = "card_uncollected"
    HANDOVER = "handover"
    HANDOVER_VOIDED = "handover_voided"
    HANDOVER_CORRECTED = "handover_corrected"  # the old-KTP record fixed, co-signed
    RECEIPT_PRINTED = "receipt_printed"
    RECEIPT_NOT_PRINTED = "receipt_not_printed"
    CARD_CONFLICT = "card_conflict"
    CONFLICT_RESOLVED = "conflict_resolved"
    IMPORT_COMPLETED = "import_completed"
    OPERATOR_ADDED = "operator_added"
    OPERATOR_CHANGED = "operator_changed"
    RECORDING_REQUESTED = "recording_requested"  # perekaman: a new applicant or a mover
    RECORDING_STATUS_CHANGED = "recording_status_changed"  # waiting → recorded → sent
    POPULATION_EVENT_REPORTED = "population_event_reported"  # lapor peristiwa at the counter
    INVITATIONS_PLANNED = "invitations_planned"  # pickup days given to ready cards
    DRAWER_COUNTED = "drawer_counted"  # end-of-day physical count of the card drawer


@dataclass(frozen=True)
class Event:
    """One journal entry, in the shape the sync protocol carries."""

    event_id: str
    device_id: str
    site: str
    seq: int
    type: str
    schema: int
    wall_time: str
    hlc: str
    payload: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def canonical(self) -> bytes:
        """Canonical JSON (sorted keys, no spaces, UTF-8): equal bytes mean equal content."""
        return canonical_json(self.to_dict())


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True, order=True)
class Timestamp:
    """An HLC reading: physical milliseconds, a counter, and the node as tie-break."""

    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:010d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter), node)


class HybridLogicalClock:
    """Kulkarni et al.'s HLC: monotonic per node, never behind any timestamp it has seen."""

    def __init__(self, node: str, last: Timestamp | None = None, clock=time.time) -> None:
        self.node = node
        self._clock = clock
        self._millis = last.millis if last else 0
        self._counter = last.counter if last else 0

    def _physical(self) -> int:
        return int(self._clock() * 1000)

    def now(self) -> Timestamp:
        physical = self._physical()
        if physical > self._millis:
            self._millis, self._counter = physical, 0
        else:
            self._counter += 1
        return Timestamp(self._millis, self._counter, self.node)

    def observe(self, remote: Timestamp) -> Timestamp:
        """Advance past a timestamp received from another node."""
        physical = self._physical()
        top = max(physical, self._millis, remote.millis)
        if top == self._millis == remote.millis:
            self._counter = max(self._counter, remote.counter) + 1
        elif top == self._millis:
            self._counter += 1
        elif top == remote.millis:
            self._counter = remote.counter + 1
        else:
            self._counter = 0
        self._millis = top
        return Timestamp(self._millis, self._counter, self.node)
