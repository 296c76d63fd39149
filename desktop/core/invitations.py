"""Invitation letters (surat undangan pengambilan): which day each ready card's holder is
asked to come, and the letters and RT/RW cover lists as data.

Pickup days are working days, Monday to Friday: the offices serve the public on weekdays
only (Saturday and Sunday are never given, nor the holidays configured per workstation).
Each day at a site takes at most `cap` invited residents, counting those invited by
earlier plans, so the counters are not flooded; the cards are given days in letter order
(kelurahan, RW, RT, name), so neighbours come on the same day and an RT's letters carry
one or two days. The store (`desktop.store.invitations`) reads and records plans; the
papers (`desktop.documents.invitation_letters`) print these dataclasses; this module
knows neither.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from desktop.core.barcode import invitation_barcode
from desktop.core.progress import MONTHS

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
WORKING_WEEKDAYS = frozenset(range(5))  # Monday (0) to Friday (4)
PLAN_PREFIX = "SUP"  # SUP-MGS-01-000003: surat undangan pengambilan, one number per plan
# The hours the letters give. Placeholders like the offices' addresses: the Dinas sets
# the real ones. Friday closes early for the Friday prayer.
OFFICE_HOURS = {
    0: "08.00–15.00 WIB",
    1: "08.00–15.00 WIB",
    2: "08.00–15.00 WIB",
    3: "08.00–15.00 WIB",
    4: "08.00–11.00 WIB",
}


class ScheduleError(ValueError):
    """The days cannot be given as asked (a cap below one)."""


def long_date(day: date) -> str:
    """`Senin, 7 Desember 2026`."""
    return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def plain_date(day: date) -> str:
    """`7 Desember 2026`, as a letter is dated."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() in WORKING_WEEKDAYS and day not in holidays


def working_days(start: date, holidays: Collection[date] = ()) -> Iterator[date]:
    """Every working day from `start` (itself included when it is one), without end."""
    day = start
    while True:
        if is_working_day(day, holidays):
            yield day
        day += timedelta(days=1)


def next_working_day(after: date, holidays: Collection[date] = ()) -> date:
    """The first working day after `after` (the tab's default first pickup day)."""
    return next(working_days(after + timedelta(days=1), holidays))


def assign_days(
    cards: Sequence[str],
    *,
    first_day: date,
    cap: int,
    holidays: Collection[date] = (),
    booked: Mapping[date, int] | None = None,
) -> tuple[tuple[str, date], ...]:
    """Give each card (in the order given) a pickup day: working days from `first_day`
    on, each filled up to `cap` counting the `booked` invitations it already holds, a day
    at or over the cap skipped. Returns (card, day) pairs in the cards' order, the days
    never going backwards."""
    if cap < 1:
        raise ScheduleError(f"batas per hari {cap} terlalu kecil; isi 1 atau lebih")
    booked = booked or {}
    holidays = frozenset(holidays)
    assigned: list[tuple[str, date]] = []
    days = working_days(first_day, holidays)
    day, free = first_day, 0
    for card in cards:
        while free <= 0:
            day = next(days)
            free = cap - booked.get(day, 0)
        assigned.append((card, day))
        free -= 1
    return tuple(assigned)


def day_counts(assigned: Iterable[tuple[str, date]]) -> dict[date, int]:
    """How many cards each day got, days in order."""
    counts: dict[date, int] = {}
    for _, day in assigned:
        counts[day] = counts.get(day, 0) + 1
    return dict(sorted(counts.items()))


@dataclass(frozen=True)
class PlannedDay:
    day: date
    invited: int  # by this plan
    total: int  # at the site on that day, this plan included

    @property
    def text(self) -> str:
        return long_date(self.day)


@dataclass(frozen=True)
class Plan:
    """What one press of "Jadwalkan" did: how many cards got which days."""

    plan_no: str
    site: str
    kelurahan: str  # code
    kelurahan_name: str
    rw: str | None
    first_day: date
    cap: int
    days: tuple[PlannedDay, ...]

    @property
    def count(self) -> int:
        return sum(d.invited for d in self.days)

    @property
    def last_day(self) -> date:
        return self.days[-1].day


@dataclass(frozen=True)
class Overview:
    """Where a kelurahan (or RW) stands before planning, and the site's coming days."""

    site: str
    kelurahan: str  # code
    rw: str | None
    rws: tuple[str, ...]  # the kelurahan's RWs that have ready cards at the site
    waiting: int  # ready cards of the selection with no pickup day today or later
    planned: int  # ready cards of the selection with a pickup day today or later
    days: tuple[PlannedDay, ...]  # from today on: invited = of the selection, total = site


@dataclass(frozen=True)
class Letter:
    """One resident's invitation, as printed on half an A4 page."""

    card_id: str
    number: str  # SUP-MGS-01-000003/0042: the plan's number and the letter's place in it
    dated: date  # the day the plan was made
    name: str
    address: str  # alamat as in the register
    rt: str
    rw: str
    kelurahan: str  # its name
    kecamatan: str  # its name, or "" for a kelurahan outside the reference
    pickup_day: date

    @property
    def barcode(self) -> str:
        """What the counter's scanner types: `UND-<card id>`."""
        return invitation_barcode(self.card_id)

    @property
    def hours(self) -> str:
        return OFFICE_HOURS.get(self.pickup_day.weekday(), "")


@dataclass(frozen=True)
class RtGroup:
    """The letters of one RT, for its head: in name order."""

    rw: str
    rt: str
    letters: tuple[Letter, ...]

    @property
    def count(self) -> int:
        return len(self.letters)

    @property
    def label(self) -> str:
        return f"RT {self.rt} / RW {self.rw}"


@dataclass(frozen=True)
class InvitationLetters:
    """The letters of a kelurahan (or one of its RWs) at a site, in letter order."""

    site: str
    office: str  # the office's name
    office_address: str
    kelurahan: str  # code
    kelurahan_name: str
    kecamatan: str  # name
    rw: str | None  # None: every RW
    today: date  # the day the letters were read
    letters: tuple[Letter, ...]

    @property
    def count(self) -> int:
        return len(self.letters)

    @property
    def where(self) -> str:
        """`Kelurahan Meri, Kecamatan Magersari — RW 003`."""
        text = f"Kelurahan {self.kelurahan_name}"
        if self.kecamatan:
            text += f", Kecamatan {self.kecamatan}"
        return text + (f" — RW {self.rw}" if self.rw is not None else "")

    @property
    def groups(self) -> tuple[RtGroup, ...]:
        """The letters per RT within RW, as the RT heads receive them."""
        return tuple(
            RtGroup(rw, rt, tuple(members))
            for (rw, rt), members in groupby(self.letters, key=lambda x: (x.rw, x.rt))
        )


@dataclass(frozen=True)
class CoverList:
    """The RT/RW heads' list of the letters they hand out: per RT within RW, each with
    the names, addresses and pickup days, and a line to sign for receiving them."""

    site: str
    office: str
    kelurahan: str  # code
    kelurahan_name: str
    kecamatan: str
    rw: str | None
    today: date
    groups: tuple[RtGroup, ...]

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def where(self) -> str:
        text = f"Kelurahan {self.kelurahan_name}"
        if self.kecamatan:
            text += f", Kecamatan {self.kecamatan}"
        return text


def cover_list_of(letters: InvitationLetters) -> CoverList:
    return CoverList(
        site=letters.site,
        office=letters.office,
        kelurahan=letters.kelurahan,
        kelurahan_name=letters.kelurahan_name,
        kecamatan=letters.kecamatan,
        rw=letters.rw,
        today=letters.today,
        groups=letters.groups,
    )


def letter_key(name: str, nik: str, rw: str, rt: str) -> tuple:
    """Letter order within a kelurahan: RW, RT, then name, then NIK for equal names."""
    return (rw, rt, name.casefold(), nik)
