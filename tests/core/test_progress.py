"""The progress report's data: where a card stands, the percentages, the chart axis, and
the figures written the Indonesian way."""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.cards import CardStatus
from desktop.core.progress import (
    AreaProgress,
    DayProgress,
    ProgressReport,
    SiteSeen,
    axis_ticks,
    month_text,
    number_text,
    percent_text,
    standing,
)


def test_every_card_status_stands_somewhere() -> None:
    places = {status: standing(status) for status in CardStatus}
    assert {s for s, place in places.items() if place == "handed"} == {
        CardStatus.HANDED_OVER,
        CardStatus.CONFLICT,  # handed over twice: still out of the box
    }
    assert {s for s, place in places.items() if place == "waiting"} == {
        CardStatus.READY,
        CardStatus.UNCOLLECTED,
    }
    assert places[CardStatus.WITHHELD] == places[CardStatus.RECEIVED] == "other"
    assert set(places.values()) == {"handed", "waiting", "other"}


def test_the_citys_published_figure() -> None:
    city = AreaProgress("35.76", "Kota Mojokerto", 85_636, 67_536, 20_000, 47_400, 136)
    assert round(city.received_percent, 2) == 78.86
    assert city.handed_percent == pytest.approx(100 * 20_000 / 67_536)
    assert percent_text(city.received_percent) == "78,86 %"


def test_percentages_of_nothing_are_zero() -> None:
    empty = AreaProgress("35.76.01.1001", "Kranggan", 0, 0, 0, 0, 0)
    assert (empty.received_percent, empty.handed_percent) == (0.0, 0.0)
    unregistered = AreaProgress("", "Kartu tanpa data register", 0, 24, 0, 0, 24)
    assert unregistered.received_percent == 0.0


def test_summed_adds_every_figure() -> None:
    a = AreaProgress("a", "A", 10, 8, 3, 4, 1)
    b = AreaProgress("b", "B", 5, 5, 5, 0, 0)
    assert AreaProgress.summed("k", "K", [a, b]) == AreaProgress("k", "K", 15, 13, 8, 4, 1)
    assert AreaProgress.summed("k", "K", []) == AreaProgress("k", "K", 0, 0, 0, 0, 0)


def test_report_helpers() -> None:
    kec = AreaProgress("35.76.01", "Prajurit Kulon", 3, 3, 1, 2, 0)
    miji = AreaProgress("35.76.01.1002", "Miji", 3, 3, 1, 2, 0)
    meri = AreaProgress("35.76.02.1002", "Meri", 0, 0, 0, 0, 0)
    days = (
        DayProgress(date(2012, 9, 3), 5, 0, 0),
        DayProgress(date(2012, 9, 4), 0, 0, 0),
        DayProgress(date(2012, 9, 5), 0, 7, 2),
    )
    report = ProgressReport(
        as_of=datetime(2012, 9, 5, 16, 0),
        total=kec,
        kecamatan=(kec,),
        kelurahan=(miji, meri),
        unregistered=AreaProgress("", "x", 0, 0, 0, 0, 0),
        days=days,
        sites=(SiteSeen("MGS", 2, 10, "2012-09-05T15:00:00+07:00"),),
    )
    assert report.kelurahan_of(kec) == (miji,)
    assert (report.first_day, report.last_day) == (date(2012, 9, 3), date(2012, 9, 5))
    assert (report.received_in_range, report.handed_in_range, report.voided_in_range) == (5, 7, 2)
    assert [d.active for d in days] == [True, False, True]
    assert report.site_codes == ("MGS",)


def test_site_names() -> None:
    assert SiteSeen("MGS", 1, 1, "").name == "Kantor Kecamatan Magersari"
    assert SiteSeen("DSP", 1, 1, "").short == "Dispendukcapil"
    assert SiteSeen("DINAS", 1, 1, "").name == "Jurnal pusat Dinas"
    assert SiteSeen("XYZ", 1, 1, "").short == "XYZ"


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (6, [0, 2, 4, 6]),
        (67, [0, 20, 40, 60, 80]),
        (734, [0, 200, 400, 600, 800]),
        (67_536, [0, 20_000, 40_000, 60_000, 80_000]),
    ],
)
def test_axis_ticks(maximum: int, ticks: list[int]) -> None:
    assert axis_ticks(maximum) == ticks


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=2, max_value=10))
def test_axis_ticks_cover_the_maximum_in_round_steps(maximum: int, most: int) -> None:
    ticks = axis_ticks(maximum, most)
    step = ticks[1]
    assert ticks[0] == 0 and ticks[-1] >= maximum and len(ticks) - 1 <= most
    assert all(b - a == step for a, b in pairwise(ticks))
    assert int(str(step).rstrip("0")) in (1, 2, 5)
    assert ticks[-2] < maximum or maximum == 0  # no empty step at the top


def test_indonesian_figures() -> None:
    assert number_text(85_636) == "85.636"
    assert number_text(0) == "0"
    assert number_text(1_234_567) == "1.234.567"
    assert percent_text(12.3456) == "12,35 %"
    assert percent_text(100, 1) == "100,0 %"
    assert month_text(date(2012, 9, 1)) == "September 2012"
    assert month_text(date(2012, 8, 1), short=True) == "Agt 2012"
