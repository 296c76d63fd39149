"""Progress figures: recorded residents against cards received, by kecamatan and kelurahan."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop.core.events import EventType
from desktop.store import Store
from desktop.store.demo import DemoCity
from desktop.store.stats import Line, city_stats

from .conftest import AppendEvent

PRAJURIT_KULON = "35.76.01"
MAGERSARI = "35.76.02"


def card_rows(city: DemoCity) -> list[dict]:
    return [card for batch in city.batches for card in batch.cards]


def test_totals_match_the_imported_rows(small_city: Store, city: DemoCity) -> None:
    stats = city_stats(small_city)
    assert stats.total.code == "35.76"
    assert stats.total.residents == len(city.register) == 856
    assert stats.total.cards == len(card_rows(city)) == 675
    assert stats.total.percent == pytest.approx(100 * 675 / 856)
    assert stats.handed_over == 0


def test_misrouted_are_cards_whose_nik_is_not_registered(small_city: Store, city: DemoCity) -> None:
    registered = {person["nik"] for person in city.register}
    expected = sum(1 for card in card_rows(city) if card["nik"] not in registered)
    assert expected >= 2  # the demo city always has some
    assert city_stats(small_city).misrouted == expected
    in_store = small_city.conn.execute(
        "SELECT count(*) FROM cards WHERE nik NOT IN (SELECT nik FROM residents)"
    ).fetchone()[0]
    assert in_store == expected


def test_kelurahan_lines_follow_the_register(small_city: Store, city: DemoCity) -> None:
    domicile = {person["nik"]: person["kode_kelurahan"] for person in city.register}
    residents = Counter(domicile.values())
    cards = Counter(domicile[c["nik"]] for c in card_rows(city) if c["nik"] in domicile)
    stats = city_stats(small_city)
    assert len(stats.kelurahan) == 18
    assert {line.code for line in stats.kelurahan} == set(residents)
    for line in stats.kelurahan:
        assert (line.residents, line.cards) == (residents[line.code], cards[line.code]), line
    by_code = {line.code: line for line in stats.kelurahan}
    assert by_code["35.76.02.1003"].name == "Magersari"
    assert by_code["35.76.01.1002"].name == "Miji"


def test_kecamatan_lines_sum_their_kelurahan(small_city: Store) -> None:
    stats = city_stats(small_city)
    assert [(k.code, k.name) for k in stats.kecamatan] == [
        (PRAJURIT_KULON, "Prajurit Kulon"),
        (MAGERSARI, "Magersari"),
    ]
    for kecamatan in stats.kecamatan:
        lines = [k for k in stats.kelurahan if k.code.startswith(kecamatan.code + ".")]
        assert len(lines) == (8 if kecamatan.code == PRAJURIT_KULON else 10)
        assert kecamatan.residents == sum(k.residents for k in lines)
        assert kecamatan.cards == sum(k.cards for k in lines)
    assert sum(k.residents for k in stats.kecamatan) == stats.total.residents
    assert sum(k.cards for k in stats.kecamatan) + stats.misrouted == stats.total.cards


def test_handed_over_counts_cards_not_handovers(small_city: Store, append: AppendEvent) -> None:
    (one, one_nik), (two, two_nik) = small_city.conn.execute(
        "SELECT card_id, nik FROM cards WHERE status = 'ready' ORDER BY card_id LIMIT 2"
    ).fetchall()

    def hand(card_id: str, nik: str, receipt: str) -> None:
        append(
            small_city,
            EventType.HANDOVER,
            {
                "card_id": card_id,
                "nik": nik,
                "workstation": 1,
                "operator": "operator1",
                "receipt_no": receipt,
                "old_ktp": "withdrawn",
            },
        )

    hand(one, one_nik, "R-1")
    hand(two, two_nik, "R-2")
    hand(two, two_nik, "R-3")  # a conflict is still one card out of the box
    assert city_stats(small_city).handed_over == 2


def test_empty_store(store: Store) -> None:
    stats = city_stats(store)
    assert (stats.total.residents, stats.total.cards, stats.misrouted) == (0, 0, 0)
    assert stats.total.percent == 0.0
    assert len(stats.kelurahan) == 18
    assert all((k.residents, k.cards) == (0, 0) for k in stats.kelurahan + stats.kecamatan)


def test_line_percent() -> None:
    assert Line("x", "x", 85_636, 67_536).percent == pytest.approx(78.86, abs=0.005)
    assert Line("x", "x", 0, 5).percent == 0.0
