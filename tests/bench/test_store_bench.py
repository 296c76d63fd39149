"""Store benchmarks against DESIGN.md's targets. Run with the command in
docs/performance.md; they are not part of the normal test run."""

from __future__ import annotations

import itertools
import random
import sqlite3
from pathlib import Path

import pytest

from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.store import open_store
from desktop.store.demo import build_city, load_city
from desktop.store.handover import record_handover
from desktop.store.search import cards_for_nik, resident_by_nik, search_names
from tests.bench.conftest import p95_ms

ROUNDS = 2000


def _sample_niks(store, n: int = 5000) -> list[str]:
    rng = random.Random(1)
    niks = [r[0] for r in store.conn.execute("SELECT nik FROM residents")]
    return rng.sample(niks, min(n, len(niks)))


def _sample_queries(store, n: int = 2000) -> list[str]:
    """What operators type: a first name plus the start of a second, or one name."""
    rng = random.Random(2)
    names = [r[0] for r in store.conn.execute("SELECT nama FROM residents LIMIT 200000")]
    queries = []
    for name in rng.sample(names, n):
        words = name.split()
        queries.append(f"{words[0]} {words[1][:3]}" if len(words) > 1 else words[0])
    return queries


def _lookup(benchmark, store) -> None:
    niks = itertools.cycle(_sample_niks(store))

    def lookup() -> None:
        nik = next(niks)
        assert resident_by_nik(store.conn, nik) is not None
        cards_for_nik(store.conn, nik)

    benchmark.pedantic(lookup, rounds=ROUNDS, warmup_rounds=50)
    benchmark.extra_info["p95_ms"] = round(p95_ms(benchmark), 3)


def _search(benchmark, store) -> None:
    queries = itertools.cycle(_sample_queries(store))

    def search() -> None:
        assert search_names(store.conn, next(queries))

    benchmark.pedantic(search, rounds=ROUNDS, warmup_rounds=50)
    benchmark.extra_info["p95_ms"] = round(p95_ms(benchmark), 3)


def test_nik_lookup_demo(benchmark, demo_store) -> None:
    _lookup(benchmark, demo_store)


def test_nik_lookup_million(benchmark, million_store) -> None:
    _lookup(benchmark, million_store)


def test_name_search_demo(benchmark, demo_store) -> None:
    _search(benchmark, demo_store)


def test_name_search_million(benchmark, million_store) -> None:
    _search(benchmark, million_store)


@pytest.fixture
def handover_store(demo_dir: Path, tmp_path: Path):
    """A private copy of the demo store, so handovers don't accumulate between runs."""
    source = sqlite3.connect(demo_dir / "loket.sqlite3")
    target = sqlite3.connect(tmp_path / "loket.sqlite3")
    source.backup(target)
    source.close()
    target.close()
    with open_store(tmp_path) as store:
        yield store


def test_handover_commit(benchmark, handover_store) -> None:
    cards = iter(
        handover_store.conn.execute(
            "SELECT card_id, nik FROM cards WHERE site = 'MGS' AND status = 'ready'"
        ).fetchall()
    )

    def handover() -> None:
        card_id, nik = next(cards)
        record_handover(
            handover_store,
            card_id=card_id,
            operator="operator1",
            role=Role.OPERATOR,
            last_four=nik[-4:],
            old_ktp=OldKtp.WITHDRAWN,
        )

    benchmark.pedantic(handover, rounds=1000, warmup_rounds=20)
    benchmark.extra_info["p95_ms"] = round(p95_ms(benchmark), 3)


def test_bare_durable_insert(benchmark, tmp_path: Path) -> None:
    """The floor a handover is measured against: one row, one durable transaction."""
    conn = sqlite3.connect(tmp_path / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
    counter = itertools.count()

    def insert() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (payload) VALUES (?)", (f"row {next(counter)}",))
        conn.execute("COMMIT")

    benchmark.pedantic(insert, rounds=1000, warmup_rounds=20)
    benchmark.extra_info["p95_ms"] = round(p95_ms(benchmark), 3)


def test_demo_city_generated_and_imported(benchmark, tmp_path_factory) -> None:
    def build_and_import() -> None:
        folder = tmp_path_factory.mktemp("demo")
        with open_store(folder) as store:
            store.initialize("MGS", 1)
            load_city(store, build_city(seed=2012), actor="bench")

    benchmark.pedantic(build_and_import, rounds=1, iterations=1)
