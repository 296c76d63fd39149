"""Benchmark fixtures: stores at the demo scale and at 1,000,000 residents, built once and
kept in $LOKET_BENCH_DIR (default /tmp/loket-bench) between runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from desktop.store import Store, open_store
from desktop.store.demo import RESIDENTS, build_city, load_city
from desktop.store.importers import REGISTER_COLUMNS, import_register, table_from_records

BENCH_DIR = Path(os.environ.get("LOKET_BENCH_DIR", "/tmp/loket-bench"))
MILLION = 1_000_000


def _cached(name: str, build) -> Path:
    folder = BENCH_DIR / name
    ready = folder / "READY"
    if not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        with open_store(folder) as store:
            store.initialize("MGS", 1)
            build(store)
        ready.touch()
    return folder


def _demo(store: Store) -> None:
    load_city(store, build_city(seed=2012), actor="bench")


def _million(store: Store) -> None:
    city = build_city(seed=1000, scale=MILLION / RESIDENTS)
    register = city.register[:MILLION]
    import_register(store, table_from_records("million", REGISTER_COLUMNS, register), actor="bench")


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return _cached("demo", _demo)


@pytest.fixture(scope="session")
def million_dir() -> Path:
    return _cached("million", _million)


@pytest.fixture
def demo_store(demo_dir: Path):
    with open_store(demo_dir) as store:
        yield store


@pytest.fixture
def million_store(million_dir: Path):
    with open_store(million_dir) as store:
        yield store


def p95_ms(benchmark) -> float:
    data = sorted(benchmark.stats.stats.data)
    return 1000 * data[min(len(data) - 1, int(0.95 * len(data)))]


def pytest_terminal_summary(terminalreporter) -> None:
    """Print each benchmark's p95 (pytest-benchmark's table has no percentiles)."""
    session = terminalreporter.config._benchmarksession
    rows = [
        (bench.name, bench.extra_info.get("p95_ms"), 1000 * bench.stats.median)
        for bench in session.benchmarks
        if bench.stats
    ]
    if rows:
        terminalreporter.write_sep("-", "p95 and median per call (ms)")
        for name, p95, median in rows:
            shown = f"{p95:10.3f}" if p95 is not None else " " * 10
            terminalreporter.write_line(f"{name:<45} p95 {shown}   median {median:10.3f}")
        for bench in session.benchmarks:
            extra = {k: v for k, v in bench.extra_info.items() if k != "p95_ms"}
            if extra:
                terminalreporter.write_line(f"{bench.name:<45} {extra}")
