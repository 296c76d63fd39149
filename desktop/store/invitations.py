"""Invitation letters: giving the ready cards of a kelurahan pickup days, and reading the
letters and the RT/RW cover lists back for printing.

A card is invited when it waits at the site (ready or uncollected) and its holder lives
in the kelurahan (the register's address, which the letter goes to). A plan takes the
cards that have no pickup day today or later; a card whose day passed without its holder
coming may be planned again, and the later plan's day replaces the earlier. A day's load
at the site counts the invitations of cards still waiting: a card handed over early no
longer takes a place at the counter.

Permission: `Permission.PLAN_INVITATIONS` (supervisors) for all of it: the plan decides
who is asked to come when, and the letters carry names and addresses out of the office.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date

from desktop.core.events import EventType
from desktop.core.invitations import (
    PLAN_PREFIX,
    CoverList,
    InvitationLetters,
    Letter,
    Overview,
    Plan,
    PlannedDay,
    assign_days,
    cover_list_of,
    day_counts,
    letter_key,
)
from desktop.core.regions import Kelurahan, regions
from desktop.core.roles import Permission, require
from desktop.core.services import service_number
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError

__all__ = [
    "InvitationRefused",
    "cover_list",
    "letters",
    "overview",
    "plan_invitations",
    "record_invitation_paper",
]

WAITING = ("ready", "uncollected")
_WAITING_SQL = "('ready', 'uncollected')"
MAX_CAP = 5000  # as WorkstationSettings.validate


class InvitationRefused(StoreError):
    """The plan or the letters cannot be made as asked; the message says what to change."""


def _kelurahan(site: str, code: str) -> Kelurahan:
    """The kelurahan of `code`, which must be served at `site`."""
    if not site:
        raise InvitationRefused("situs belum dipilih; pilih MGS atau DSP")
    reference = regions()
    found = reference.find_kelurahan(code or "")
    if found is None:
        raise InvitationRefused(
            f"kode kelurahan '{code}' tidak dikenal; pilih kelurahan dari daftar"
        )
    if found.site != site:
        serving = reference.sites.get(found.site)
        name = serving.name if serving else found.site
        raise InvitationRefused(
            f"Kelurahan {found.name} dilayani di {name} ({found.site}), bukan di {site}; "
            f"undangannya dibuat di {found.site}"
        )
    return found


def _selection(code: str, rw: str | None) -> tuple[str, list]:
    """The WHERE part shared by every query here: the holders of one kelurahan (and RW),
    walked by the residents' (kelurahan, rw, rt) index, their cards looked up by NIK."""
    where = "r.kode_kelurahan = ?"
    params: list = [code]
    if rw is not None:
        where += " AND r.rw = ?"
        params.append(rw)
    return where, params


def _uninvited(store: Store, site: str, code: str, rw: str | None, today: date) -> list[tuple]:
    """Waiting cards of the selection without a pickup day today or later, in letter
    order: (card_id, nik, nama, rw, rt)."""
    where, params = _selection(code, rw)
    rows = store.conn.execute(
        f"""
        SELECT c.card_id, c.nik, r.nama, r.rw, r.rt
        FROM residents r CROSS JOIN cards c ON c.nik = r.nik
        WHERE {where} AND c.site = ? AND c.status IN {_WAITING_SQL}
          AND NOT EXISTS (
            SELECT 1 FROM invitations i WHERE i.card_id = c.card_id AND i.pickup_day >= ?
          )
        """,
        [*params, site, today.isoformat()],
    ).fetchall()
    return sorted(rows, key=lambda r: letter_key(r[2], r[1], r[3], r[4]))


def _booked(store: Store, site: str, since: date) -> dict[date, int]:
    """Invitations per day at the site from `since` on, of cards still waiting."""
    rows = store.conn.execute(
        f"""
        SELECT i.pickup_day, count(*)
        FROM invitations i JOIN cards c ON c.card_id = i.card_id
        WHERE i.site = ? AND i.pickup_day >= ? AND c.status IN {_WAITING_SQL}
        GROUP BY i.pickup_day
        """,
        (site, since.isoformat()),
    ).fetchall()
    return {date.fromisoformat(day): n for day, n in rows}


def _next_plan_no(store: Store) -> str:
    """Gap-free per site and workstation, counted inside the plan's write transaction."""
    device = store.require_device()
    (count,) = store.conn.execute(
        "SELECT count(*) FROM journal WHERE type = ? AND site = ?"
        " AND json_extract(payload, '$.workstation') = ?",
        (EventType.INVITATIONS_PLANNED.value, device.site, device.workstation),
    ).fetchone()
    return service_number(PLAN_PREFIX, device.site, device.workstation, count + 1)


def plan_invitations(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str,
    rw: str | None = None,
    first_day: date,
    cap: int,
    holidays: Collection[date] = (),
    today: date | None = None,
) -> Plan:
    """Give the waiting cards of `kelurahan` (and `rw`) at `site` that have no pickup day
    yet pickup days from `first_day` on, at most `cap` a day at the site, skipping
    weekends and `holidays`. One INVITATIONS_PLANNED event and one audit entry."""
    require(actor.role, Permission.PLAN_INVITATIONS)
    today = today or date.today()
    found = _kelurahan(site, kelurahan)
    if first_day < today:
        raise InvitationRefused(
            f"hari pertama {first_day.isoformat()} sudah lewat; pilih hari ini "
            f"({today.isoformat()}) atau sesudahnya"
        )
    if not 1 <= cap <= MAX_CAP:
        raise InvitationRefused(f"batas per hari {cap} tidak mungkin; isi 1 sampai {MAX_CAP}")
    where = f"Kelurahan {found.name}" + (f" RW {rw}" if rw is not None else "")
    with store.write():
        cards = _uninvited(store, site, found.code, rw, today)
        if not cards:
            raise InvitationRefused(
                f"tidak ada kartu siap di {where} yang belum punya hari pengambilan; "
                "pilih kelurahan atau RW lain"
            )
        booked = _booked(store, site, first_day)
        assigned = assign_days(
            [card_id for card_id, *_ in cards],
            first_day=first_day,
            cap=cap,
            holidays=holidays,
            booked=booked,
        )
        plan_no = _next_plan_no(store)
        counts = day_counts(assigned)
        store.append(
            EventType.INVITATIONS_PLANNED,
            {
                "site": site,
                "invitations": [[card_id, day.isoformat()] for card_id, day in assigned],
                "plan_no": plan_no,
                "kelurahan": found.code,
                "rw": rw,
                "first_day": first_day.isoformat(),
                "cap": cap,
                "holidays": sorted(d.isoformat() for d in holidays),
                "workstation": store.require_device().workstation,
                "actor": actor.username,
            },
        )
        store.audit(
            actor.username,
            "plan-invitations",
            detail={
                "plan_no": plan_no,
                "site": site,
                "kelurahan": found.code,
                "rw": rw,
                "first_day": first_day.isoformat(),
                "cap": cap,
                "cards": len(assigned),
                "days": {day.isoformat(): n for day, n in counts.items()},
            },
        )
    return Plan(
        plan_no=plan_no,
        site=site,
        kelurahan=found.code,
        kelurahan_name=found.name,
        rw=rw,
        first_day=first_day,
        cap=cap,
        days=tuple(PlannedDay(day, n, booked.get(day, 0) + n) for day, n in counts.items()),
    )


def overview(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str,
    rw: str | None = None,
    today: date | None = None,
) -> Overview:
    """How many waiting cards of the selection have a coming pickup day and how many do
    not, the kelurahan's RWs, and the site's coming days with their loads."""
    require(actor.role, Permission.PLAN_INVITATIONS)
    today = today or date.today()
    found = _kelurahan(site, kelurahan)
    where, params = _selection(found.code, None)
    rows = store.conn.execute(
        f"""
        SELECT r.rw, i.pickup_day
        FROM residents r CROSS JOIN cards c ON c.nik = r.nik
        LEFT JOIN invitations i ON i.card_id = c.card_id AND i.pickup_day >= ?
        WHERE {where} AND c.site = ? AND c.status IN {_WAITING_SQL}
        """,
        [today.isoformat(), *params, site],
    ).fetchall()
    rws = tuple(sorted({r for r, _ in rows}))
    chosen = [day for r, day in rows if rw is None or r == rw]
    here: dict[date, int] = {}
    for day in filter(None, chosen):
        d = date.fromisoformat(day)
        here[d] = here.get(d, 0) + 1
    total = _booked(store, site, today)
    return Overview(
        site=site,
        kelurahan=found.code,
        rw=rw,
        rws=rws,
        waiting=sum(1 for day in chosen if day is None),
        planned=sum(1 for day in chosen if day is not None),
        days=tuple(PlannedDay(day, here.get(day, 0), n) for day, n in sorted(total.items())),
    )


def _numbers(store: Store, plan_event_ids: set[str]) -> dict[str, tuple[str, date, int]]:
    """card_id → (plan number, the plan's day, the card's place in the plan), read from
    the plans' events (one per plan; a kelurahan has a handful)."""
    numbers: dict[str, tuple[str, date, int]] = {}
    for event_id in plan_event_ids:
        row = store.conn.execute(
            "SELECT payload, wall_time FROM journal WHERE event_id = ?", (event_id,)
        ).fetchone()
        if row is None:
            continue
        payload = json.loads(row[0])
        plan_no = payload.get("plan_no") or event_id[:8]
        dated = date.fromisoformat(row[1][:10])
        for place, (card_id, _) in enumerate(payload["invitations"], start=1):
            numbers[card_id] = (plan_no, dated, place)
    return numbers


def letters(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str,
    rw: str | None = None,
    today: date | None = None,
) -> InvitationLetters:
    """The letters for the cards of `kelurahan` (and `rw`) still waiting at `site` whose
    pickup day is today or later, in letter order (RW, RT, name)."""
    require(actor.role, Permission.PLAN_INVITATIONS)
    today = today or date.today()
    found = _kelurahan(site, kelurahan)
    where, params = _selection(found.code, rw)
    rows = store.conn.execute(
        f"""
        SELECT c.card_id, c.nik, r.nama, r.alamat, r.rt, r.rw, i.pickup_day, i.plan_event_id,
               i.wall_time
        FROM residents r CROSS JOIN cards c ON c.nik = r.nik
        CROSS JOIN invitations i ON i.card_id = c.card_id
        WHERE {where} AND c.site = ? AND c.status IN {_WAITING_SQL}
          AND i.site = ? AND i.pickup_day >= ?
        """,
        [*params, site, site, today.isoformat()],
    ).fetchall()
    rows.sort(key=lambda r: letter_key(r[2], r[1], r[5], r[4]))
    numbers = _numbers(store, {row[7] for row in rows})
    days: dict[str, date] = {}
    made = []
    for card_id, _nik, nama, alamat, rt, rw_, day, _event_id, wall_time in rows:
        if day not in days:
            days[day] = date.fromisoformat(day)
        plan_no, dated, place = numbers.get(card_id, ("-", date.fromisoformat(wall_time[:10]), 0))
        made.append(
            Letter(
                card_id=card_id,
                number=f"{plan_no}/{place:04d}",
                dated=dated,
                name=nama,
                address=alamat,
                rt=rt,
                rw=rw_,
                kelurahan=found.name,
                kecamatan=found.kecamatan.name,
                pickup_day=days[day],
            )
        )
    office = regions().sites[site]
    return InvitationLetters(
        site=site,
        office=office.name,
        office_address=office.address,
        kelurahan=found.code,
        kelurahan_name=found.name,
        kecamatan=found.kecamatan.name,
        rw=rw,
        today=today,
        letters=tuple(made),
    )


def cover_list(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str,
    rw: str | None = None,
    today: date | None = None,
) -> CoverList:
    """The same letters per RT within RW, for the RT/RW heads who hand them out."""
    return cover_list_of(letters(store, actor, site=site, kelurahan=kelurahan, rw=rw, today=today))


def record_invitation_paper(
    store: Store, actor: Session, *, paper: str, lst: InvitationLetters | CoverList, how: str
) -> None:
    """Note in the audit log that letters or a cover list (`paper`: "letters" or "cover")
    were laid out to print or save (`how`: "cetak" or "pdf"): names and addresses leave
    the office on them."""
    require(actor.role, Permission.PLAN_INVITATIONS)
    store.audit(
        actor.username,
        f"invitation-{paper}",
        detail={
            "site": lst.site,
            "kelurahan": lst.kelurahan,
            "rw": lst.rw,
            "rows": lst.count,
            "how": how,
        },
    )
