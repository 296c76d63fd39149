"""The distribution progress report as data: per area, per day, and where the events came from.

The model is the figure the city published in September 2012: 67,536 cards received =
78.86 % of the 85,636 residents (wajib KTP) who had recorded their data. Beside it the
report follows each received card to the counter: handed over, still waiting, or out of
the count for another reason. Built from the store by `desktop.store.progress`, printed by
`desktop.documents.progress_report` and shown by `desktop.ui.progress_view`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from desktop.core.cards import CardStatus
from desktop.core.regions import regions

CITY_NAME = "Kota Mojokerto"

# Where a received card stands. A card in conflict was handed over (twice): it is gone
# from the box. Everything that is neither handed over nor waiting is "other".
HANDED_STATUSES = frozenset({CardStatus.HANDED_OVER, CardStatus.CONFLICT})
WAITING_STATUSES = frozenset({CardStatus.READY, CardStatus.UNCOLLECTED})

_OTHER_SITE_NAMES = {"DINAS": "Jurnal pusat Dinas"}  # the central device's reference data


def standing(status: str) -> str:
    """`handed`, `waiting` or `other`: where a card in `status` stands in the report."""
    if status in HANDED_STATUSES:
        return "handed"
    if status in WAITING_STATUSES:
        return "waiting"
    return "other"


def percent_of(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


@dataclass(frozen=True)
class AreaProgress:
    """One line of the report: the city, a kecamatan, a kelurahan, or the cards whose
    holder is not in the register.

    `received = handed_over + waiting + other`: every card that arrived, once, in the
    holder's domicile from the register (the same count as `loket-admin stats`).
    """

    code: str
    name: str
    recorded: int  # residents (wajib KTP) who recorded their data
    received: int  # cards that arrived for them
    handed_over: int  # cards with a live handover (status handed_over or conflict)
    waiting: int  # cards in a box at the counter: ready or uncollected
    other: int  # withheld, returned, deceased, moved, misrouted, superseded, not sorted

    @property
    def received_percent(self) -> float:
        """Cards received as a share of recorded residents (the city's 78.86 %)."""
        return percent_of(self.received, self.recorded)

    @property
    def handed_percent(self) -> float:
        """Cards handed over as a share of cards received."""
        return percent_of(self.handed_over, self.received)

    @classmethod
    def summed(cls, code: str, name: str, lines: Iterable[AreaProgress]) -> AreaProgress:
        lines = list(lines)
        return cls(
            code,
            name,
            sum(line.recorded for line in lines),
            sum(line.received for line in lines),
            sum(line.handed_over for line in lines),
            sum(line.waiting for line in lines),
            sum(line.other for line in lines),
        )


@dataclass(frozen=True)
class DayProgress:
    """One calendar day (local wall time of the events).

    `received`: cards first announced that day. `handed_over`: handovers recorded that day
    that still stand; `voided`: handovers recorded that day that were later voided. The
    last two are the daily registers' "Diserahkan" and "Dibatalkan", both sites together.
    """

    day: date
    received: int
    handed_over: int
    voided: int

    @property
    def active(self) -> bool:
        return bool(self.received or self.handed_over or self.voided)


@dataclass(frozen=True)
class SiteSeen:
    """A site whose events are in this store, and how far they go."""

    code: str  # MGS, DSP, or DINAS for the central journal
    devices: int
    events: int
    last_event: str  # local wall time of the site's latest event (ISO 8601)

    @property
    def name(self) -> str:
        """`Kantor Kecamatan Magersari`."""
        known = regions().sites.get(self.code)
        return known.name if known else _OTHER_SITE_NAMES.get(self.code, self.code)

    @property
    def short(self) -> str:
        """`Magersari`, for a screen with little room."""
        known = regions().sites.get(self.code)
        return known.short if known else _OTHER_SITE_NAMES.get(self.code, self.code)


@dataclass(frozen=True)
class ProgressReport:
    as_of: datetime  # when the figures were read
    total: AreaProgress  # the city: every kecamatan plus `unregistered`
    kecamatan: tuple[AreaProgress, ...]
    kelurahan: tuple[AreaProgress, ...]  # in reference order, kecamatan by kecamatan
    unregistered: AreaProgress  # cards whose holder is not in the register (misrouted)
    days: tuple[DayProgress, ...]  # every day of the range, oldest first
    sites: tuple[SiteSeen, ...]  # sites whose events the figures include

    @property
    def first_day(self) -> date:
        return self.days[0].day

    @property
    def last_day(self) -> date:
        return self.days[-1].day

    def kelurahan_of(self, kecamatan: AreaProgress) -> tuple[AreaProgress, ...]:
        return tuple(k for k in self.kelurahan if k.code.startswith(kecamatan.code + "."))

    @property
    def handed_in_range(self) -> int:
        return sum(d.handed_over for d in self.days)

    @property
    def voided_in_range(self) -> int:
        return sum(d.voided for d in self.days)

    @property
    def received_in_range(self) -> int:
        return sum(d.received for d in self.days)

    @property
    def site_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.sites)


# -- Indonesian figures, shared by the paper and the screen --------------------------------


def number_text(n: float, decimals: int = 0) -> str:
    """Indonesian digits: `85.636` and `78,86`."""
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent_text(value: float, decimals: int = 2) -> str:
    """`78,86 %`."""
    return f"{number_text(value, decimals)} %"


def axis_ticks(maximum: int, most: int = 5) -> list[int]:
    """Round tick values from 0 for a chart axis that reaches at least `maximum`: steps of
    1, 2 or 5 times a power of ten, at most `most` steps (`axis_ticks(67)` → 0, 20 … 80)."""
    maximum = max(maximum, 1)
    power = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * power
            steps = -(-maximum // step)  # ceiling
            if steps <= most:
                return [step * n for n in range(steps + 1)]
        power *= 10


MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


MONTHS_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip


def month_text(day: date, *, short: bool = False) -> str:
    """`September 2012`, or `Sep 2012` where room is short."""
    return f"{(MONTHS_SHORT if short else MONTHS)[day.month - 1]} {day.year}"
