"""Pickup days for invitation letters: working days only, a daily cap that counts what a day
already holds, the letter order kept; and the letters' grouping per RT."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.invitations import (
    InvitationLetters,
    Letter,
    ScheduleError,
    assign_days,
    cover_list_of,
    day_counts,
    is_working_day,
    long_date,
    next_working_day,
    plain_date,
    working_days,
)

FRIDAY = date(2026, 12, 4)
SATURDAY = date(2026, 12, 5)
MONDAY = date(2026, 12, 7)


def test_long_dates_are_indonesian() -> None:
    assert long_date(MONDAY) == "Senin, 7 Desember 2026"
    assert long_date(date(2027, 1, 1)) == "Jumat, 1 Januari 2027"
    assert long_date(date(2026, 8, 16)) == "Minggu, 16 Agustus 2026"
    assert plain_date(MONDAY) == "7 Desember 2026"


def test_working_days_are_monday_to_friday_without_holidays() -> None:
    christmas = date(2026, 12, 25)  # a Friday
    assert is_working_day(FRIDAY)
    assert not is_working_day(SATURDAY) and not is_working_day(SATURDAY + timedelta(days=1))
    assert not is_working_day(christmas, {christmas})
    days = working_days(date(2026, 12, 24), {christmas})
    assert [next(days) for _ in range(3)] == [
        date(2026, 12, 24),
        date(2026, 12, 28),
        date(2026, 12, 29),
    ]
    assert next_working_day(FRIDAY) == MONDAY
    assert next_working_day(date(2026, 12, 24), {christmas}) == date(2026, 12, 28)


def test_each_day_is_filled_up_to_the_cap_in_order() -> None:
    assigned = assign_days(list("abcde"), first_day=FRIDAY, cap=2)
    assert assigned == (
        ("a", FRIDAY),
        ("b", FRIDAY),
        ("c", MONDAY),
        ("d", MONDAY),
        ("e", MONDAY + timedelta(days=1)),
    )
    assert day_counts(assigned) == {FRIDAY: 2, MONDAY: 2, MONDAY + timedelta(days=1): 1}


def test_a_weekend_first_day_starts_on_monday() -> None:
    assert assign_days(["a"], first_day=SATURDAY, cap=5) == (("a", MONDAY),)


def test_what_a_day_already_holds_counts_against_the_cap() -> None:
    booked = {FRIDAY: 2, MONDAY: 3, MONDAY + timedelta(days=1): 1}
    assigned = assign_days(list("abcd"), first_day=FRIDAY, cap=3, booked=booked)
    # Friday has room for one, Monday is full, Tuesday has room for two.
    assert [day for _, day in assigned] == [
        FRIDAY,
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=2),
    ]


def test_a_day_booked_over_the_cap_is_skipped() -> None:
    assigned = assign_days(["a"], first_day=FRIDAY, cap=3, booked={FRIDAY: 9})
    assert assigned == (("a", MONDAY),)


def test_holidays_are_never_given() -> None:
    holidays = {FRIDAY, MONDAY}
    assigned = assign_days(list("abc"), first_day=FRIDAY, cap=2, holidays=holidays)
    assert [day for _, day in assigned] == [
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=2),
    ]


def test_no_cards_no_days_and_a_cap_below_one_is_refused() -> None:
    assert assign_days([], first_day=FRIDAY, cap=1) == ()
    with pytest.raises(ScheduleError, match="1 atau lebih"):
        assign_days(["a"], first_day=FRIDAY, cap=0)


START = date(2026, 11, 23)
days_near = st.integers(min_value=0, max_value=90).map(lambda n: START + timedelta(days=n))


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(min_value=0, max_value=300),
    first_day=days_near,
    cap=st.integers(min_value=1, max_value=40),
    holidays=st.frozensets(days_near, max_size=25),
    booked=st.dictionaries(days_near, st.integers(min_value=0, max_value=60), max_size=40),
)
def test_schedule_properties(count, first_day, cap, holidays, booked) -> None:
    cards = [f"card-{n:04d}" for n in range(count)]
    assigned = assign_days(cards, first_day=first_day, cap=cap, holidays=holidays, booked=booked)

    # Every card gets a day, in the order given, and the days never go back.
    assert [card for card, _ in assigned] == cards
    days = [day for _, day in assigned]
    assert days == sorted(days)
    # Never before the first day, never on a weekend or a holiday.
    for day in set(days):
        assert day >= first_day
        assert day.weekday() < 5
        assert day not in holidays
    # Never above the cap, counting what the day already held.
    counts = day_counts(assigned)
    for day, n in counts.items():
        assert n + booked.get(day, 0) <= cap
    # Filled up to the cap: every working day before the last one given is full.
    if days:
        day = first_day
        while day < days[-1]:
            if is_working_day(day, holidays):
                assert counts.get(day, 0) + booked.get(day, 0) >= cap, day
            day += timedelta(days=1)


def _letter(name: str, rw: str, rt: str, day: date = MONDAY) -> Letter:
    return Letter(
        card_id=f"B20120903-{name}",
        number="SUP-MGS-01-000001/0001",
        dated=FRIDAY,
        name=name,
        address="Jl. Majapahit No. 7",
        rt=rt,
        rw=rw,
        kelurahan="Meri",
        kecamatan="Magersari",
        pickup_day=day,
    )


def test_letters_group_per_rt_within_rw_and_carry_their_barcode() -> None:
    letters = (
        _letter("Ani", "001", "001"),
        _letter("Budi", "001", "001"),
        _letter("Citra", "001", "002"),
        _letter("Dewi", "002", "001", FRIDAY),
    )
    run = InvitationLetters(
        site="MGS",
        office="Kantor Kecamatan Magersari",
        office_address="Kota Mojokerto",
        kelurahan="35.76.02.1002",
        kelurahan_name="Meri",
        kecamatan="Magersari",
        rw=None,
        today=FRIDAY,
        letters=letters,
    )
    assert [(g.rw, g.rt, g.count) for g in run.groups] == [
        ("001", "001", 2),
        ("001", "002", 1),
        ("002", "001", 1),
    ]
    assert run.groups[0].label == "RT 001 / RW 001"
    assert letters[0].barcode == "UND-B20120903-Ani"
    assert letters[0].hours == "08.00–15.00 WIB"
    assert letters[3].hours == "08.00–11.00 WIB"  # Friday closes early
    assert run.where == "Kelurahan Meri, Kecamatan Magersari"
    cover = cover_list_of(run)
    assert cover.count == 4 and cover.groups == run.groups
