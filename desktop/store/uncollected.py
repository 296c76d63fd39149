"""Cards that wait at a site for their holders: the lists the lurah and RT/RW chase with.

A card is uncollected here when it is at the site, in status ready or uncollected, and its
holder is in the register (the register gives the address, RT and RW). It has been
waiting since the day its `card_received` event was recorded.

Permission: `Permission.EXPORT`, which supervisors and Admin TI hold and counter staff do
not. The list carries names, NIKs and addresses of people who are not at the counter, and
it leaves the office on paper; that is an export of personal data, not a counter lookup.
(`PRINT_REGISTER` would leave Admin TI out, and the register is about the day's
handovers, not about residents who have not come.)
"""

from __future__ import annotations

import json
from datetime import date

from desktop.core.cards import CardStatus
from desktop.core.events import EventType
from desktop.core.regions import regions
from desktop.core.roles import Permission, require
from desktop.core.uncollected import UncollectedCard, UncollectedList, group_cards
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError

__all__ = ["WAITING", "UncollectedRefused", "record_uncollected_paper", "uncollected_list"]

WAITING = (CardStatus.READY, CardStatus.UNCOLLECTED)
_STATUS = {s.value: s for s in WAITING}


class UncollectedRefused(StoreError):
    """The list cannot be made as asked; the message says what to change."""


def _check_filters(site: str, kelurahan: str | None, rw: str | None, min_days: int) -> None:
    if not site:
        raise UncollectedRefused("situs belum dipilih; pilih MGS atau DSP")
    if min_days < 0:
        raise UncollectedRefused(
            f"lama menunggu minimal {min_days} hari tidak mungkin; isi 0 atau lebih"
        )
    if rw is not None and kelurahan is None:
        raise UncollectedRefused("pilih kelurahannya dahulu sebelum memilih RW")


def uncollected_list(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str | None = None,
    rw: str | None = None,
    min_days: int = 0,
    today: date | None = None,
) -> UncollectedList:
    """The cards waiting at `site`, optionally of one kelurahan (code) and one RW, waiting
    at least `min_days` days on `today`; grouped per kelurahan and RW, sorted by RT and
    name."""
    require(actor.role, Permission.EXPORT)
    _check_filters(site, kelurahan, rw, min_days)
    today = today or date.today()
    reference = regions()
    where = ["c.site = ?", f"c.status IN ({', '.join('?' for _ in WAITING)})"]
    params: list = [site, *(s.value for s in WAITING)]
    if kelurahan is not None:
        where.append("r.kode_kelurahan = ?")
        params.append(kelurahan)
    if rw is not None:
        where.append("r.rw = ?")
        params.append(rw)
    # One kelurahan: walk its residents by the (kelurahan, rw, rt) index and look their
    # cards up by NIK; the whole site: walk the site's waiting cards.
    joined = (
        "residents r CROSS JOIN cards c ON c.nik = r.nik"
        if kelurahan is not None
        else "cards c JOIN residents r ON r.nik = c.nik"
    )
    # Most waiting cards still carry the event that announced them; the others (released,
    # marked uncollected, a voided handover) are looked up in the journal below.
    rows = store.conn.execute(
        f"""
        SELECT c.card_id, c.nik, r.nama, r.alamat, r.rt, r.rw, r.kode_kelurahan,
               c.box, c.slot, c.status, j.wall_time
        FROM {joined}
        LEFT JOIN journal j ON j.event_id = c.event_id AND j.type = ?
        WHERE {" AND ".join(where)}
        """,
        [EventType.CARD_RECEIVED.value, *params],
    ).fetchall()
    received = {row[0]: row[10][:10] for row in rows if row[10]}
    missing = [row[0] for row in rows if not row[10]]
    if missing:
        received.update(_received_days(store, missing))

    names: dict[str, str] = {}
    kecamatan: dict[str, str] = {}
    days: dict[str, date] = {}
    cards = []
    for card_id, nik, nama, alamat, rt, rw_, code, box, slot, status, _ in rows:
        text = received.get(card_id)
        if text is not None and text not in days:
            days[text] = date.fromisoformat(text)
        day = days[text] if text is not None else None
        waited = (today - day).days if day else None
        if min_days and (waited is None or waited < min_days):
            continue
        if code not in names:
            found = reference.find_kelurahan(code)
            names[code] = found.name if found else code
            kecamatan[code] = found.kecamatan.name if found else ""
        cards.append(
            UncollectedCard(
                card_id=card_id,
                nik=nik,
                name=nama,
                address=alamat,
                rt=rt,
                rw=rw_,
                kelurahan_code=code,
                kelurahan=names[code],
                box=box,
                slot=slot,
                status=_STATUS[status],
                received=day,
                days_waiting=waited,
            )
        )
    known = reference.sites.get(site)
    return UncollectedList(
        site=site,
        office=known.name if known else site,
        today=today,
        kelurahan=kelurahan,
        rw=rw,
        min_days=min_days,
        groups=group_cards(cards, kecamatan),
    )


def _received_days(store: Store, card_ids: list[str]) -> dict[str, str]:
    """The first `card_received` day of each card, read from the journal (one scan)."""
    found = store.conn.execute(
        """
        SELECT json_extract(payload, '$.card_id'), min(wall_time)
        FROM journal
        WHERE type = ? AND json_extract(payload, '$.card_id') IN (SELECT value FROM json_each(?))
        GROUP BY 1
        """,
        (EventType.CARD_RECEIVED.value, json.dumps(card_ids)),
    )
    return {card_id: wall[:10] for card_id, wall in found}


def record_uncollected_paper(
    store: Store, actor: Session, lst: UncollectedList, *, how: str
) -> None:
    """Note in the audit log that a list of uncollected cards was laid out to print or to
    save (`how`: "cetak" or "pdf"): the names and addresses on it go to the lurah and RT/RW.
    Recorded when the paper is made, before the print or save dialog, which may still be
    cancelled."""
    require(actor.role, Permission.EXPORT)
    store.audit(
        actor.username,
        "uncollected-list",
        detail={
            "site": lst.site,
            "kelurahan": lst.kelurahan,
            "rw": lst.rw,
            "min_days": lst.min_days,
            "rows": lst.count,
            "how": how,
        },
    )
