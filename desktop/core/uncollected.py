"""Cards waiting at a site that nobody has come for, as data for the lurah and RT/RW.

Built from the store by `desktop.store.uncollected`, printed by
`desktop.documents.uncollected_list`; this module knows neither. Cards are grouped by
kelurahan, then RW; within an RW they run by RT, then by name, the order in which an
RW head walks the neighbourhood.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from desktop.core.cards import LABELS, CardStatus

MASK = "•"


@dataclass(frozen=True)
class UncollectedCard:
    card_id: str
    nik: str
    name: str
    address: str  # alamat as recorded in the register
    rt: str
    rw: str
    kelurahan_code: str
    kelurahan: str  # its name
    box: int | None
    slot: int | None
    status: CardStatus  # READY or UNCOLLECTED
    received: date | None  # the day the card_received event was recorded
    days_waiting: int | None  # whole days from `received` to the list's day

    @property
    def place(self) -> str:
        """`12/37` (box/slot), or `-` for a card that was never given a place."""
        if self.box is None:
            return "-"
        return f"{self.box}/{self.slot}" if self.slot is not None else str(self.box)

    @property
    def status_label(self) -> str:
        return LABELS[self.status]


@dataclass(frozen=True)
class RwGroup:
    rw: str
    cards: tuple[UncollectedCard, ...]

    @property
    def count(self) -> int:
        return len(self.cards)

    @property
    def longest_wait(self) -> int | None:
        waits = [c.days_waiting for c in self.cards if c.days_waiting is not None]
        return max(waits) if waits else None


@dataclass(frozen=True)
class KelurahanGroup:
    code: str
    name: str
    kecamatan: str  # its name, or "" for a kelurahan outside the reference
    rws: tuple[RwGroup, ...]

    @property
    def count(self) -> int:
        return sum(g.count for g in self.rws)


@dataclass(frozen=True)
class UncollectedList:
    """Every card of a site waiting to be collected, filtered as asked, on a given day."""

    site: str
    office: str  # the site's office name, printed under the title
    today: date
    kelurahan: str | None  # the kelurahan code asked for, or None for all
    rw: str | None  # the RW asked for, or None for all
    min_days: int  # only cards waiting at least this many days
    groups: tuple[KelurahanGroup, ...]

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def cards(self) -> Iterator[UncollectedCard]:
        for kelurahan in self.groups:
            for rw in kelurahan.rws:
                yield from rw.cards

    @property
    def rw_count(self) -> int:
        return sum(len(g.rws) for g in self.groups)


def sort_key(card: UncollectedCard) -> tuple:
    """Kelurahan name, RW, RT, name, then NIK so equal names keep a stable order."""
    return (
        card.kelurahan.casefold(),
        card.kelurahan_code,
        card.rw,
        card.rt,
        card.name.casefold(),
        card.nik,
    )


def group_cards(
    cards: Iterable[UncollectedCard], kecamatan_of: dict[str, str] | None = None
) -> tuple[KelurahanGroup, ...]:
    """Sort `cards` and group them per kelurahan and RW. `kecamatan_of` maps a kelurahan
    code to its kecamatan's name."""
    kecamatan_of = kecamatan_of or {}
    ordered = sorted(cards, key=sort_key)
    groups = []
    for (_, code), in_kelurahan in groupby(ordered, key=lambda c: (c.kelurahan, c.kelurahan_code)):
        members = list(in_kelurahan)
        rws = tuple(RwGroup(rw, tuple(in_rw)) for rw, in_rw in groupby(members, key=lambda c: c.rw))
        groups.append(KelurahanGroup(code, members[0].kelurahan, kecamatan_of.get(code, ""), rws))
    return tuple(groups)


def mask_nik(nik: str) -> str:
    """`3576021212800001` → `3576••••••••0001`: the city and the serial stay readable, the
    kecamatan and the birth date (with the sex folded into it) do not."""
    if len(nik) <= 8:
        return nik
    return nik[:4] + MASK * (len(nik) - 8) + nik[-4:]
