"""The lists of uncollected cards, on real stores of the small demo city."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop.core.cards import CardStatus
from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.handover import record_handover
from desktop.store.sessions import Session, login
from desktop.store.uncollected import (
    UncollectedRefused,
    record_uncollected_paper,
    uncollected_list,
)
from tests.store.conftest import AppendEvent

TODAY = date.today()


def session(store: Store, username: str = "supervisor") -> Session:
    return login(store, username, DEMO_PASSWORD)


def waiting_by_sql(store: Store, site: str = "MGS") -> set[str]:
    """The definition, written out plainly: the site's ready or uncollected cards whose
    holder is in the register."""
    return {
        card_id
        for (card_id,) in store.conn.execute(
            "SELECT c.card_id FROM cards c WHERE c.site = ?"
            " AND c.status IN ('ready', 'uncollected')"
            " AND EXISTS (SELECT 1 FROM residents r WHERE r.nik = c.nik)",
            (site,),
        )
    }


def a_ready_card(store: Store, offset: int = 0) -> tuple[str, str]:
    return store.conn.execute(
        "SELECT card_id, nik FROM cards WHERE site = 'MGS' AND status = 'ready'"
        " ORDER BY card_id LIMIT 1 OFFSET ?",
        (offset,),
    ).fetchone()


def test_lists_exactly_the_sites_waiting_cards_of_registered_residents(small_city: Store):
    lst = uncollected_list(small_city, session(small_city), site="MGS", today=TODAY)
    listed = [card.card_id for card in lst.cards]
    assert len(listed) == len(set(listed)) == lst.count
    assert set(listed) == waiting_by_sql(small_city)
    statuses = dict(small_city.conn.execute("SELECT card_id, status FROM cards"))
    # Withheld, superseded, misrouted and the other site's cards are not on it.
    assert {"withheld", "superseded", "misrouted"} <= set(statuses.values())
    assert all(statuses[card_id] == "ready" for card_id in listed)
    dsp = uncollected_list(small_city, session(small_city), site="DSP", today=TODAY)
    assert dsp.count and not set(listed) & {c.card_id for c in dsp.cards}
    assert lst.office == "Kantor Kecamatan Magersari"


def test_cards_carry_the_register_address_place_and_received_day(small_city: Store):
    lst = uncollected_list(small_city, session(small_city), site="MGS", today=TODAY)
    card = next(lst.cards)
    resident = small_city.conn.execute(
        "SELECT nama, alamat, rt, rw, kode_kelurahan FROM residents WHERE nik = ?", (card.nik,)
    ).fetchone()
    assert (card.name, card.address, card.rt, card.rw, card.kelurahan_code) == resident
    box, slot, wall = small_city.conn.execute(
        "SELECT c.box, c.slot, j.wall_time FROM cards c JOIN journal j"
        " ON j.type = 'card_received' AND json_extract(j.payload, '$.card_id') = c.card_id"
        " WHERE c.card_id = ?",
        (card.card_id,),
    ).fetchone()
    assert card.place == f"{box}/{slot}"
    assert card.received == date.fromisoformat(wall[:10])
    assert card.days_waiting == (TODAY - card.received).days
    assert card.status is CardStatus.READY and card.status_label == "siap diserahkan"


def test_grouped_by_kelurahan_then_rw_sorted_by_rt_and_name(small_city: Store):
    lst = uncollected_list(small_city, session(small_city), site="MGS", today=TODAY)
    names = [g.name for g in lst.groups]
    assert names == sorted(names, key=str.casefold) and len(set(names)) == len(names)
    assert len(lst.groups) > 1
    for kelurahan in lst.groups:
        assert kelurahan.kecamatan == "Magersari"
        rws = [g.rw for g in kelurahan.rws]
        assert rws == sorted(rws) and len(set(rws)) == len(rws)
        assert kelurahan.count == sum(g.count for g in kelurahan.rws)
        for rw in kelurahan.rws:
            assert {(c.kelurahan_code, c.rw) for c in rw.cards} == {(kelurahan.code, rw.rw)}
            keys = [(c.rt, c.name.casefold()) for c in rw.cards]
            assert keys == sorted(keys)
    assert lst.count == sum(g.count for g in lst.groups)
    assert lst.rw_count == sum(len(g.rws) for g in lst.groups)


def test_filters_by_kelurahan_and_rw(small_city: Store):
    supervisor = session(small_city)
    everything = uncollected_list(small_city, supervisor, site="MGS", today=TODAY)
    group = max(everything.groups, key=lambda g: len(g.rws))
    one = uncollected_list(small_city, supervisor, site="MGS", kelurahan=group.code, today=TODAY)
    assert [g.code for g in one.groups] == [group.code]
    assert [c.card_id for c in one.cards] == [c.card_id for rw in group.rws for c in rw.cards]
    rw = group.rws[1]
    narrow = uncollected_list(
        small_city, supervisor, site="MGS", kelurahan=group.code, rw=rw.rw, today=TODAY
    )
    assert narrow.rw_count == 1 and [c.card_id for c in narrow.cards] == [
        c.card_id for c in rw.cards
    ]
    assert (narrow.kelurahan, narrow.rw) == (group.code, rw.rw)
    nowhere = uncollected_list(
        small_city, supervisor, site="MGS", kelurahan="35.76.01.1001", today=TODAY
    )
    assert nowhere.count == 0 and nowhere.groups == ()


def test_refuses_filters_that_make_no_sense(small_city: Store):
    supervisor = session(small_city)
    with pytest.raises(UncollectedRefused, match="kelurahannya dahulu"):
        uncollected_list(small_city, supervisor, site="MGS", rw="001")
    with pytest.raises(UncollectedRefused, match="0 atau lebih"):
        uncollected_list(small_city, supervisor, site="MGS", min_days=-1)


def test_handed_over_cards_leave_the_list_and_chased_ones_stay(
    small_city: Store, append: AppendEvent
):
    supervisor = session(small_city)
    handed, handed_nik = a_ready_card(small_city, 0)
    chased, _ = a_ready_card(small_city, 1)
    withheld, _ = a_ready_card(small_city, 2)
    record_handover(
        small_city,
        card_id=handed,
        operator="operator1",
        role=Role.OPERATOR,
        last_four=handed_nik[-4:],
        old_ktp=OldKtp.WITHDRAWN,
    )
    append(small_city, EventType.CARD_UNCOLLECTED, {"card_id": chased, "reason": "dicari RT"})
    append(small_city, EventType.CARD_WITHHELD, {"card_id": withheld, "reason": "damaged"})
    lst = uncollected_list(small_city, supervisor, site="MGS", today=TODAY)
    cards = {c.card_id: c for c in lst.cards}
    assert handed not in cards and withheld not in cards
    assert cards[chased].status is CardStatus.UNCOLLECTED
    assert cards[chased].status_label == "belum diambil"
    # Its projection row now points at the uncollected event; the day still comes from
    # the card's arrival in the journal.
    (arrived,) = small_city.conn.execute(
        "SELECT wall_time FROM journal WHERE type = 'card_received'"
        " AND json_extract(payload, '$.card_id') = ?",
        (chased,),
    ).fetchone()
    assert cards[chased].received == date.fromisoformat(arrived[:10])
    assert set(cards) == waiting_by_sql(small_city)


def test_waiting_days_come_from_the_card_received_event(small_city: Store, append: AppendEvent):
    """A card that arrived 40 days ago, and a released one whose arrival is looked up in
    the journal: "waiting at least N days" keeps exactly the cards that have."""
    supervisor = session(small_city)
    nik, nama, code = small_city.conn.execute(
        "SELECT nik, nama, kode_kelurahan FROM residents r WHERE kode_kelurahan LIKE"
        " '35.76.02.%' AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.nik = r.nik)"
        " ORDER BY nik LIMIT 1"
    ).fetchone()
    arrived = TODAY - timedelta(days=40)
    old_card = f"B-OLD-{nik}"
    append(
        small_city,
        EventType.CARD_RECEIVED,
        {
            "card_id": old_card,
            "batch_id": "B-OLD",
            "nik": nik,
            "nama": nama.upper(),
            "kode_kelurahan": code,
            "tanggal_cetak": (arrived - timedelta(days=10)).isoformat(),
            "status": "ready",
            "site": "MGS",
            "box": 900,
            "slot": 1,
            "reason": None,
        },
        wall_time=f"{arrived.isoformat()}T10:00:00+07:00",
    )
    # Withheld then released: back to ready, its projection row points at the release.
    append(small_city, EventType.CARD_WITHHELD, {"card_id": old_card, "reason": "damaged"})
    append(small_city, EventType.CARD_RELEASED, {"card_id": old_card, "reason": "diperiksa"})
    everything = uncollected_list(small_city, supervisor, site="MGS", today=TODAY)
    old = next(c for c in everything.cards if c.card_id == old_card)
    assert (old.received, old.days_waiting, old.place) == (arrived, 40, "900/1")

    kept = uncollected_list(small_city, supervisor, site="MGS", min_days=30, today=TODAY)
    assert [c.card_id for c in kept.cards] == [old_card]
    assert kept.min_days == 30
    assert uncollected_list(small_city, supervisor, site="MGS", min_days=41, today=TODAY).count == 0
    assert uncollected_list(small_city, supervisor, site="MGS", min_days=40, today=TODAY).count == 1


def test_supervisor_and_admin_only(small_city: Store):
    # The demo's outsourced account has expired; its session is what a login gave before.
    outsourced = Session("alihdaya1", "Rina Kurniawati", Role.OUTSOURCED)
    for actor in (session(small_city, "operator1"), outsourced):
        with pytest.raises(PermissionDenied):
            uncollected_list(small_city, actor, site="MGS")
    admin = uncollected_list(small_city, session(small_city, "admin"), site="MGS")
    assert admin.count == len(waiting_by_sql(small_city))


def test_a_list_put_on_paper_is_in_the_audit_log(small_city: Store):
    supervisor = session(small_city)
    lst = uncollected_list(small_city, supervisor, site="MGS", today=TODAY)
    record_uncollected_paper(small_city, supervisor, lst, how="cetak")
    actor, action, detail = small_city.conn.execute(
        "SELECT actor, action, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert (actor, action) == ("supervisor", "uncollected-list")
    assert json.loads(detail) == {
        "site": "MGS",
        "kelurahan": None,
        "rw": None,
        "min_days": 0,
        "rows": lst.count,
        "how": "cetak",
    }
    with pytest.raises(PermissionDenied):
        record_uncollected_paper(small_city, session(small_city, "operator1"), lst, how="pdf")
