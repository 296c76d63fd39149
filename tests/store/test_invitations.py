"""Planning invitation pickup days on the small demo city, and reading the letters and the
RT/RW cover lists back: what is chosen, what is refused, what is recorded."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest

from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.invitations import is_working_day, next_working_day
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.invitations import (
    InvitationRefused,
    cover_list,
    letters,
    overview,
    plan_invitations,
    record_invitation_paper,
)
from desktop.store.sessions import Session, login
from tests.store.conftest import append_event

SITE = "MGS"
MERI = "35.76.02.1002"  # Kelurahan Meri, Magersari: 59 ready cards in the small city
KRANGGAN = "35.76.01.1001"  # Prajurit Kulon: served at Dispendukcapil (DSP)
TODAY = date.today()
FIRST = next_working_day(TODAY)


@pytest.fixture
def supervisor(small_city: Store) -> Session:
    return login(small_city, "supervisor", DEMO_PASSWORD)


def waiting_cards(store: Store, kelurahan: str, rw: str | None = None) -> list[tuple]:
    """(card_id, nik, nama, rw, rt) of the kelurahan's waiting cards at MGS."""
    sql = (
        "SELECT c.card_id, c.nik, r.nama, r.rw, r.rt FROM cards c JOIN residents r"
        " ON r.nik = c.nik WHERE r.kode_kelurahan = ? AND c.site = ?"
        " AND c.status IN ('ready', 'uncollected')"
    )
    params: list = [kelurahan, SITE]
    if rw is not None:
        sql += " AND r.rw = ?"
        params.append(rw)
    return store.conn.execute(sql, params).fetchall()


def invitations(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT card_id, pickup_day FROM invitations"))


def plan(store: Store, actor: Session, **kwargs) -> object:
    args = {"site": SITE, "kelurahan": MERI, "first_day": FIRST, "cap": 10, **kwargs}
    return plan_invitations(store, actor, **args)


def hand_over(store: Store, card_id: str, nik: str) -> None:
    append_event(
        store,
        EventType.HANDOVER,
        {
            "card_id": card_id,
            "nik": nik,
            "workstation": 1,
            "operator": "operator1",
            "receipt_no": "MGS-01-000901",
            "old_ktp": OldKtp.WITHDRAWN.value,
            "police_letter": None,
        },
    )


# -- planning ------------------------------------------------------------------------------


def test_a_plan_gives_every_ready_card_of_the_kelurahan_a_working_day(small_city, supervisor):
    cards = waiting_cards(small_city, MERI)
    assert len(cards) == 59
    made = plan(small_city, supervisor, cap=10)

    assert made.plan_no == "SUP-MGS-01-000001"
    assert made.count == 59 and made.kelurahan_name == "Meri"
    days = invitations(small_city)
    assert set(days) == {card_id for card_id, *_ in cards}
    counts = Counter(days.values())
    assert max(counts.values()) == 10 and len(counts) == 6  # 10+10+10+10+10+9
    for day in counts:
        assert is_working_day(date.fromisoformat(day)) and date.fromisoformat(day) >= FIRST
    assert [(d.day.isoformat(), d.invited, d.total) for d in made.days] == [
        (day, n, n) for day, n in sorted(counts.items())
    ]
    assert made.first_day == FIRST and made.days[0].day == FIRST


def test_the_plan_follows_the_letter_order_rw_rt_name(small_city, supervisor):
    plan(small_city, supervisor, cap=10)
    (payload,) = [
        json.loads(raw)
        for (raw,) in small_city.conn.execute(
            "SELECT payload FROM journal WHERE type = ?", (EventType.INVITATIONS_PLANNED.value,)
        )
    ]
    by_card = {card_id: (rw, rt, nama.casefold(), nik) for card_id, nik, nama, rw, rt in
               waiting_cards(small_city, MERI)}  # fmt: skip
    order = [by_card[card_id] for card_id, _ in payload["invitations"]]
    assert order == sorted(order)
    days = [day for _, day in payload["invitations"]]
    assert days == sorted(days)
    assert payload["site"] == SITE and payload["kelurahan"] == MERI and payload["cap"] == 10
    assert payload["plan_no"] == "SUP-MGS-01-000001" and payload["actor"] == "supervisor"


def test_one_event_and_one_audit_entry(small_city, supervisor):
    events = small_city.conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    plan(small_city, supervisor, cap=20)
    assert small_city.conn.execute("SELECT count(*) FROM journal").fetchone()[0] == events + 1
    rows = small_city.conn.execute(
        "SELECT actor, detail FROM audit WHERE action = 'plan-invitations'"
    ).fetchall()
    assert len(rows) == 1
    actor, detail = rows[0][0], json.loads(rows[0][1])
    assert actor == "supervisor"
    assert detail["cards"] == 59 and detail["kelurahan"] == MERI and detail["cap"] == 20
    assert sum(detail["days"].values()) == 59


def test_a_second_plan_fills_what_the_first_left_free_and_counts_it(small_city, supervisor):
    first = plan(small_city, supervisor, rw="001", cap=4)  # RW 001 has 3 cards
    assert first.count == 3 and [d.day for d in first.days] == [FIRST]
    second = plan(small_city, supervisor, rw="003", cap=4)
    assert second.plan_no == "SUP-MGS-01-000002"
    # One place was left on the first day; RW 003's six cards take it, then four, then one.
    assert [(d.invited, d.total) for d in second.days] == [(1, 4), (4, 4), (1, 1)]
    loads = Counter(invitations(small_city).values())
    assert all(n <= 4 for n in loads.values())


def test_holidays_and_weekends_are_skipped(small_city, supervisor):
    holidays = {FIRST, next_working_day(FIRST)}
    made = plan(small_city, supervisor, cap=30, holidays=holidays)
    given = {date.fromisoformat(day) for day in invitations(small_city).values()}
    assert not given & holidays
    assert all(is_working_day(day) for day in given)
    assert made.days[0].day == next_working_day(next_working_day(FIRST))


def test_planned_cards_are_not_planned_again_until_their_day_passes(small_city, supervisor):
    plan(small_city, supervisor, cap=30)
    before = invitations(small_city)
    with pytest.raises(InvitationRefused, match="tidak ada kartu siap di Kelurahan Meri"):
        plan(small_city, supervisor, cap=30)
    assert invitations(small_city) == before

    # Once every day has passed (nobody came), the same cards are planned again.
    later = date.fromisoformat(max(before.values())) + timedelta(days=1)
    start = next_working_day(later)
    again = plan(small_city, supervisor, cap=30, first_day=start, today=later)
    assert again.count == 59
    after = invitations(small_city)
    assert set(after) == set(before)
    assert all(date.fromisoformat(day) >= start for day in after.values())


def test_a_card_handed_over_leaves_the_letters_and_frees_its_place(small_city, supervisor):
    plan(small_city, supervisor, cap=10)
    card_id, nik, *_ = waiting_cards(small_city, MERI)[0]
    day = invitations(small_city)[card_id]
    hand_over(small_city, card_id, nik)

    run = letters(small_city, supervisor, site=SITE, kelurahan=MERI)
    assert card_id not in {x.card_id for x in run.letters} and run.count == 58
    seen = overview(small_city, supervisor, site=SITE, kelurahan=MERI)
    assert {d.day.isoformat(): d.total for d in seen.days}[day] == 9


# -- refusals and permissions --------------------------------------------------------------


def test_a_first_day_in_the_past_is_refused(small_city, supervisor):
    with pytest.raises(InvitationRefused, match="sudah lewat"):
        plan(small_city, supervisor, first_day=TODAY - timedelta(days=1))
    assert invitations(small_city) == {}


def test_a_kelurahan_served_elsewhere_says_which_site_serves_it(small_city, supervisor):
    with pytest.raises(InvitationRefused) as refused:
        plan(small_city, supervisor, kelurahan=KRANGGAN)
    message = str(refused.value)
    assert "Kranggan" in message and "DSP" in message
    assert "Kantor Dinas Kependudukan dan Catatan Sipil Kota Mojokerto" in message
    with pytest.raises(InvitationRefused, match="tidak dikenal"):
        plan(small_city, supervisor, kelurahan="35.76.02.9999")


def test_an_empty_selection_says_so(small_city, supervisor):
    with pytest.raises(InvitationRefused, match="tidak ada kartu siap di Kelurahan Meri RW 099"):
        plan(small_city, supervisor, rw="099")
    assert small_city.conn.execute(
        "SELECT count(*) FROM journal WHERE type = ?", (EventType.INVITATIONS_PLANNED.value,)
    ).fetchone() == (0,)


def test_a_cap_out_of_range_is_refused(small_city, supervisor):
    with pytest.raises(InvitationRefused, match="1 sampai 5000"):
        plan(small_city, supervisor, cap=0)


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.OUTSOURCED, Role.ADMIN])
def test_only_supervisors_plan_and_read_letters(small_city, supervisor, role):
    plan(small_city, supervisor)
    someone = Session("someone", "Someone", role)
    where = {"site": SITE, "kelurahan": MERI}
    with pytest.raises(PermissionDenied):
        plan(small_city, someone)
    with pytest.raises(PermissionDenied):
        letters(small_city, someone, **where)
    with pytest.raises(PermissionDenied):
        cover_list(small_city, someone, **where)
    with pytest.raises(PermissionDenied):
        overview(small_city, someone, **where)
    run = letters(small_city, supervisor, **where)
    with pytest.raises(PermissionDenied):
        record_invitation_paper(small_city, someone, paper="letters", lst=run, how="pdf")


# -- letters, cover list, overview ---------------------------------------------------------


def test_letters_carry_the_address_the_office_and_a_number_in_the_plan(small_city, supervisor):
    plan(small_city, supervisor, cap=10)
    run = letters(small_city, supervisor, site=SITE, kelurahan=MERI)
    days = invitations(small_city)
    assert run.count == 59
    assert run.office == "Kantor Kecamatan Magersari" and run.kelurahan_name == "Meri"
    assert [x.number for x in run.letters] == [f"SUP-MGS-01-000001/{n:04d}" for n in range(1, 60)]
    first = run.letters[0]
    nama, alamat, rt, rw = small_city.conn.execute(
        "SELECT r.nama, r.alamat, r.rt, r.rw FROM cards c JOIN residents r ON r.nik = c.nik"
        " WHERE c.card_id = ?",
        (first.card_id,),
    ).fetchone()
    assert (first.name, first.address, first.rt, first.rw) == (nama, alamat, rt, rw)
    assert (first.kelurahan, first.kecamatan) == ("Meri", "Magersari")
    assert first.dated == TODAY
    assert all(x.pickup_day.isoformat() == days[x.card_id] for x in run.letters)
    assert first.barcode == f"UND-{first.card_id}"

    one_rw = letters(small_city, supervisor, site=SITE, kelurahan=MERI, rw="003")
    assert {x.rw for x in one_rw.letters} == {"003"} and one_rw.count == 6


def test_letters_leave_out_days_that_have_passed(small_city, supervisor):
    plan(small_city, supervisor, cap=10)
    last = max(invitations(small_city).values())
    later = date.fromisoformat(last)
    run = letters(small_city, supervisor, site=SITE, kelurahan=MERI, today=later)
    assert {x.pickup_day for x in run.letters} == {later}


def test_the_cover_list_groups_the_letters_per_rt(small_city, supervisor):
    plan(small_city, supervisor, cap=10)
    cover = cover_list(small_city, supervisor, site=SITE, kelurahan=MERI)
    expected = Counter((rw, rt) for *_, rw, rt in waiting_cards(small_city, MERI))
    assert [(g.rw, g.rt) for g in cover.groups] == sorted(expected)
    assert {(g.rw, g.rt): g.count for g in cover.groups} == expected
    assert cover.count == 59


def test_the_overview_counts_what_is_planned_and_what_waits(small_city, supervisor):
    seen = overview(small_city, supervisor, site=SITE, kelurahan=MERI)
    assert (seen.waiting, seen.planned, seen.days) == (59, 0, ())
    assert seen.rws == tuple(sorted({rw for *_, rw, _ in waiting_cards(small_city, MERI)}))
    plan(small_city, supervisor, rw="003", cap=4)
    seen = overview(small_city, supervisor, site=SITE, kelurahan=MERI, rw="003")
    assert (seen.waiting, seen.planned) == (0, 6)
    whole = overview(small_city, supervisor, site=SITE, kelurahan=MERI)
    assert (whole.waiting, whole.planned) == (53, 6)
    assert [(d.invited, d.total) for d in whole.days] == [(4, 4), (2, 2)]


def test_papers_are_noted_in_the_audit_log(small_city, supervisor):
    plan(small_city, supervisor)
    run = letters(small_city, supervisor, site=SITE, kelurahan=MERI)
    record_invitation_paper(small_city, supervisor, paper="letters", lst=run, how="cetak")
    (detail,) = small_city.conn.execute(
        "SELECT detail FROM audit WHERE action = 'invitation-letters'"
    ).fetchone()
    assert json.loads(detail) == {
        "site": SITE,
        "kelurahan": MERI,
        "rw": None,
        "rows": 59,
        "how": "cetak",
    }


def test_a_rebuild_gives_the_same_pickup_days(small_city, supervisor):
    plan(small_city, supervisor, rw="003", cap=4)
    plan(small_city, supervisor, cap=10)
    before = invitations(small_city)
    digest_before, digest_after = small_city.rebuild()
    assert digest_before == digest_after
    assert invitations(small_city) == before
