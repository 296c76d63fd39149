"""Finding residents by NIK and by name; typed text never becomes FTS5 syntax."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.events import EventType
from desktop.core.nik import Sex
from desktop.store import Store, open_store
from desktop.store.search import (
    Card,
    Resident,
    cards_for_nik,
    fts_query,
    resident_by_nik,
    search_names,
)

from .conftest import SITE, WORKSTATION, AddResident, AppendEvent, resident_payload

MERI = "35.76.02.1002"
MAGERSARI = "35.76.02.1003"
MIJI = "35.76.01.1002"


@pytest.fixture
def people(store: Store, add_resident: AddResident) -> dict[str, dict]:
    """Three residents whose names test folding, plus a namesake in another kelurahan."""
    return {
        "aini": add_resident(
            store, "Siti Nur'aini", sex=Sex.FEMALE, birth=date(1985, 3, 14), kode_kelurahan=MERI
        ),
        "hayati": add_resident(
            store,
            "SÍTI Ñurhayati",
            sex=Sex.FEMALE,
            birth=date(1990, 7, 2),
            kode_kelurahan=MAGERSARI,
        ),
        "budi": add_resident(store, "Budi Santoso", birth=date(1979, 12, 31), kode_kelurahan=MIJI),
        "budi2": add_resident(store, "Budiono", birth=date(1979, 12, 31), kode_kelurahan=MAGERSARI),
    }


def names(store: Store, text: str, **kwargs) -> list[str]:
    return [r.nama for r in search_names(store.conn, text, **kwargs)]


# -- NIK -----------------------------------------------------------------------------------


def test_resident_by_nik_is_exact(store: Store, people: dict[str, dict]) -> None:
    budi = people["budi"]
    found = resident_by_nik(store.conn, budi["nik"])
    assert found == Resident(**budi)
    assert found.kelurahan == "Miji"
    assert found.kecamatan == "Prajurit Kulon"
    assert resident_by_nik(store.conn, budi["nik"][:-1]) is None
    assert resident_by_nik(store.conn, budi["nik"][:-1] + "9") is None
    assert resident_by_nik(store.conn, " " + budi["nik"]) is None
    assert resident_by_nik(store.conn, "") is None


def test_resident_by_nik_uses_the_index(store: Store) -> None:
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM residents WHERE nik = ?", ("3576020101800001",)
    ).fetchall()
    assert any("USING INDEX" in row[-1] for row in plan), plan


def test_cards_for_nik_newest_first(store: Store, append: AppendEvent) -> None:
    nik = "3576020101800001"
    common = {"nik": nik, "nama": "BUDI", "kode_kelurahan": MAGERSARI, "status": "ready"}
    append(
        store,
        EventType.CARD_RECEIVED,
        {**common, "card_id": "B1-x", "batch_id": "B1", "tanggal_cetak": "2012-04-27"},
    )
    append(
        store,
        EventType.CARD_RECEIVED,
        {**common, "card_id": "B0-other", "batch_id": "B1", "tanggal_cetak": "2012-04-27"}
        | {"nik": "3576020101800002"},
    )
    append(
        store,
        EventType.CARD_RECEIVED,
        {
            **common,
            "card_id": "B2-x",
            "batch_id": "B2",
            "tanggal_cetak": "2012-08-20",
            "site": "MGS",
            "box": 3,
            "slot": 17,
            "supersedes": ["B1-x"],
        },
    )
    cards = cards_for_nik(store.conn, nik)
    assert cards == [
        Card("B2-x", nik, "BUDI", "B2", "2012-08-20", "ready", "MGS", 3, 17, None, None),
        Card("B1-x", nik, "BUDI", "B1", "2012-04-27", "superseded", None, None, None, None, "B2-x"),
    ]
    assert cards_for_nik(store.conn, "3576020101800009") == []


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("siti", ["SÍTI Ñurhayati", "Siti Nur'aini"]),
        ("SITI", ["SÍTI Ñurhayati", "Siti Nur'aini"]),
        ("síti", ["SÍTI Ñurhayati", "Siti Nur'aini"]),
        ("ñurhayati", ["SÍTI Ñurhayati"]),
        ("NURHAYATI", ["SÍTI Ñurhayati"]),
        ("nur aini", ["Siti Nur'aini"]),
        ("Nur'aini", ["Siti Nur'aini"]),
        ("siti nur", ["SÍTI Ñurhayati", "Siti Nur'aini"]),
        ("aini siti", ["Siti Nur'aini"]),  # word order does not matter
        ("bud", ["Budi Santoso", "Budiono"]),  # prefixes
        ("bu", ["Budi Santoso", "Budiono"]),
        ("budi", ["Budi Santoso", "Budiono"]),
        ("budi san", ["Budi Santoso"]),  # every word required
        ("budi siti", []),
        ("santoso", ["Budi Santoso"]),
        ("antoso", []),  # prefixes of words, not infixes
        ("Agus", []),
    ],
)
def test_search_names(store: Store, people: dict[str, dict], text: str, expected: list) -> None:
    assert sorted(names(store, text)) == sorted(expected)


def test_search_returns_whole_residents(store: Store, people: dict[str, dict]) -> None:
    assert search_names(store.conn, "santoso") == [Resident(**people["budi"])]


def test_search_filters_by_kelurahan(store: Store, people: dict[str, dict]) -> None:
    assert names(store, "siti", kelurahan=MERI) == ["Siti Nur'aini"]
    assert names(store, "siti", kelurahan=MAGERSARI) == ["SÍTI Ñurhayati"]
    assert names(store, "siti", kelurahan=MIJI) == []
    assert names(store, "bud", kelurahan=MAGERSARI) == ["Budiono"]


def test_search_filters_by_birth_date(store: Store, people: dict[str, dict]) -> None:
    assert names(store, "siti", birth_date=date(1990, 7, 2)) == ["SÍTI Ñurhayati"]
    assert names(store, "siti", birth_date=date(1990, 7, 3)) == []
    assert sorted(names(store, "bud", birth_date=date(1979, 12, 31))) == [
        "Budi Santoso",
        "Budiono",
    ]
    assert names(store, "bud", birth_date=date(1979, 12, 31), kelurahan=MIJI) == ["Budi Santoso"]


def test_search_limit(store: Store, add_resident: AddResident) -> None:
    for i in range(7):
        add_resident(store, f"Sri Wahyuni {chr(ord('A') + i)}")
    assert len(search_names(store.conn, "wahyuni")) == 7
    assert len(search_names(store.conn, "wahyuni", limit=3)) == 3
    assert names(store, "wahyuni", limit=1) == ["Sri Wahyuni A"]  # ties ordered by name


def test_search_ranks_closer_names_first(store: Store, add_resident: AddResident) -> None:
    for nama in ("Budi Santoso Wijaya Kusuma Putra", "Budi", "Budi Santoso"):
        add_resident(store, nama)
    assert names(store, "budi") == ["Budi", "Budi Santoso", "Budi Santoso Wijaya Kusuma Putra"]


# -- hostile text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("budi", '"budi"*'),
        ("  Siti   Nur'aini ", '"Siti"* "Nur"* "aini"*'),
        ('O\'Neil "AND" (x', '"O"* "Neil"* "AND"* "x"*'),
        ("NEAR(a b)", '"NEAR"* "a"* "b"*'),
        ("nama:budi", '"nama"* "budi"*'),
        ("-budi", '"budi"*'),
        ("^budi", '"budi"*'),
        ("*", None),
        ('"', None),
        ("", None),
        ("   ", None),
        ("!@#$%^&*()[]{}:;'\",.<>/?\\|`~-+=", None),
    ],
)
def test_fts_query_quotes_every_word(text: str, query: str | None) -> None:
    assert fts_query(text) == query


HOSTILE = [
    'O\'Neil "AND" (x',
    "NEAR(a b)",
    "NEAR(budi santoso, 2)",
    "*",
    '"',
    '""',
    "-budi",
    "budi OR siti",
    "budi AND NOT siti",
    "nama:budi",
    "{nama}: budi",
    "^budi",
    "budi*",
    "bu* + di",
    "",
    "   ",
    "!@#$%^&*()",
    "_",
    "\x00budi",
    "siti\u0301",
    "🙂 siti",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_raises(store: Store, people: dict[str, dict], text: str) -> None:
    assert isinstance(search_names(store.conn, text), list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("budi OR siti", []),  # OR is a word here, and nobody's name starts with it
        ("budi AND NOT siti", []),
        ("nama:budi", []),  # no column filter: 'nama' is a word nobody has
        ("^budi", ["Budi Santoso", "Budiono"]),
        ("-budi", ["Budi Santoso", "Budiono"]),
        ("budi*", ["Budi Santoso", "Budiono"]),
        ("NEAR(budi santoso, 2)", []),  # NEAR and 2 are required words
        ("*", []),
        ("!@#$%^&*()", []),
    ],
)
def test_operators_are_plain_words(
    store: Store, people: dict[str, dict], text: str, expected: list
) -> None:
    assert sorted(names(store, text)) == expected


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A read-only store shared by the property tests (hypothesis reruns one test many times)."""
    folder: Path = tmp_path_factory.mktemp("search")
    store = open_store(folder)
    store.initialize(SITE, WORKSTATION)
    with store.write():
        for i, nama in enumerate(("Siti Nur'aini", "SÍTI Ñurhayati", "Budi Santoso")):
            store.append(EventType.RESIDENT_REGISTERED, resident_payload(nama, serial=i + 1))
    yield store
    store.close()


_SAFE_QUERY = re.compile(r'^"\w+"\*( "\w+"\*)*$')


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_is_a_safe_query(text: str) -> None:
    query = fts_query(text)
    assert query is None or _SAFE_QUERY.match(query), query


@settings(max_examples=400, deadline=None)
@given(
    text=st.text()
    | st.lists(
        st.sampled_from(['"', "*", "(", ")", ":", "^", "-", "+", "AND", "OR", "NOT", "NEAR"])
        | st.text(max_size=4),
        max_size=8,
    ).map(" ".join)
)
def test_any_text_searches_without_error(searchable: Store, text: str) -> None:
    found = search_names(searchable.conn, text)
    assert len(found) <= 3
