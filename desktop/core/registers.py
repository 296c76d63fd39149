"""The daily handover register as data: rows, recaps and the day's drawer count.

Built from the store by `desktop.store.registers`, printed by
`desktop.documents.daily_register`; this module knows neither.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

HANDED = "diserahkan"
VOIDED = "dibatalkan"
HOME_VISIT = "kunjungan rumah"
CORRECTED = "dikoreksi"  # handed over; the old-KTP record was corrected later


@dataclass(frozen=True)
class RegisterRow:
    time: str  # HH:MM, local wall time of the handover
    receipt_no: str
    nik: str
    name: str
    kelurahan: str
    operator: str
    status: str  # HANDED, VOIDED, HOME_VISIT or CORRECTED
    reason: str = ""  # why a handover was voided, or what a correction changed and why
    home_visit: bool = False  # handed over at the holder's home (status says so unless
    # the handover was voided or corrected later)

    @property
    def voided(self) -> bool:
        return self.status == VOIDED


@dataclass(frozen=True)
class Total:
    """One line of a recap: live handovers (home visits included) and voided ones."""

    label: str
    handed_over: int
    voided: int


@dataclass(frozen=True)
class DrawerRecord:
    """A recorded end-of-day count (the latest one of the day is the one that stands)."""

    event_id: str
    site: str
    day: date
    start: int
    received: int
    handed_over: int
    returned: int
    expected: int
    counted: int
    difference: int
    note: str
    supervisor: str
    supervisor_name: str
    wall_time: str


@dataclass(frozen=True)
class DailyRegister:
    site: str
    office: str
    day: date
    rows: list[RegisterRow] = field(default_factory=list)
    per_kelurahan: list[Total] = field(default_factory=list)
    per_operator: list[Total] = field(default_factory=list)
    reconciliation: DrawerRecord | None = None

    @property
    def handed_over(self) -> int:
        return sum(1 for r in self.rows if not r.voided)

    @property
    def voided(self) -> int:
        return sum(1 for r in self.rows if r.voided)

    @property
    def corrected(self) -> int:
        return sum(1 for r in self.rows if r.status == CORRECTED)

    @property
    def home_visits(self) -> int:
        return sum(1 for r in self.rows if r.home_visit and not r.voided)


def totals(rows: list[RegisterRow], key) -> list[Total]:
    """Recap `rows` by `key(row)`: live and voided handovers per label, sorted by label."""
    live: Counter[str] = Counter()
    voided: Counter[str] = Counter()
    for row in rows:
        (voided if row.voided else live)[key(row)] += 1
    labels = sorted(set(live) | set(voided), key=str.casefold)
    return [Total(label, live[label], voided[label]) for label in labels]
