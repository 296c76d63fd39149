"""Invitation letters for the largest kelurahan of the demo city (about 5,700 ready cards,
2,900 pages): the plan, the letters read and laid out, the RT/RW cover list. Not part of
the normal run: `.venv/bin/python -m pytest tests/bench/test_invitations_bench.py
--benchmark-enable`."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.core.invitations import next_working_day
from desktop.core.roles import Role
from desktop.documents.invitation_letters import cover_list_pdf, letters_pdf
from desktop.store import Store, open_store
from desktop.store.invitations import cover_list, letters, plan_invitations
from desktop.store.sessions import Session
from desktop.store.store import STORE_FILE
from tests.bench.conftest import p95_ms

SUPERVISOR = Session("supervisor", "Hj. Sri Wahyuni", Role.SUPERVISOR)
SITE = "MGS"
FIRST = next_working_day(date.today())


def _note(benchmark) -> None:
    if benchmark.stats:  # None under the default --benchmark-disable
        benchmark.extra_info["p95_ms"] = p95_ms(benchmark)


def _copy(demo_dir: Path, folder: Path) -> Path:
    """A private copy of the cached demo city: plans write to it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(demo_dir / STORE_FILE)
    target = sqlite3.connect(folder / STORE_FILE)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return folder


def _largest_kelurahan(store: Store) -> tuple[str, int]:
    return store.conn.execute(
        "SELECT r.kode_kelurahan, count(*) FROM cards c JOIN residents r ON r.nik = c.nik"
        " WHERE c.site = ? AND c.status IN ('ready', 'uncollected')"
        " GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
        (SITE,),
    ).fetchone()


def _plan(store: Store, kelurahan: str):
    return plan_invitations(
        store, SUPERVISOR, site=SITE, kelurahan=kelurahan, first_day=FIRST, cap=150
    )


@pytest.fixture(scope="module")
def planned_dir(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _copy(demo_dir, tmp_path_factory.mktemp("invitations") / "demo")
    with open_store(folder) as store:
        _plan(store, _largest_kelurahan(store)[0])
    return folder


@pytest.fixture
def planned(planned_dir: Path):
    with open_store(planned_dir) as store:
        yield store


def test_plan_largest_kelurahan(benchmark, demo_dir: Path, tmp_path: Path) -> None:
    with open_store(_copy(demo_dir, tmp_path / "demo")) as store:
        kelurahan, cards = _largest_kelurahan(store)
        made = benchmark.pedantic(_plan, args=(store, kelurahan), rounds=1, iterations=1)
    assert made.count == cards > 5000
    benchmark.extra_info["cards"] = cards
    benchmark.extra_info["days"] = len(made.days)
    _note(benchmark)


def test_letters_largest_kelurahan(benchmark, planned: Store) -> None:
    """What "Simpan surat PDF…" does: read the letters, lay them out."""
    kelurahan, cards = _largest_kelurahan(planned)

    def build() -> bytes:
        return letters_pdf(letters(planned, SUPERVISOR, site=SITE, kelurahan=kelurahan))

    build()  # fonts registered once, as in the app
    pdf = benchmark.pedantic(build, rounds=3, iterations=1)
    assert pdf.startswith(b"%PDF")
    benchmark.extra_info["letters"] = cards
    benchmark.extra_info["pdf_mb"] = round(len(pdf) / 1e6, 1)
    _note(benchmark)


def test_cover_list_largest_kelurahan(benchmark, planned: Store) -> None:
    kelurahan, cards = _largest_kelurahan(planned)

    def build() -> bytes:
        return cover_list_pdf(cover_list(planned, SUPERVISOR, site=SITE, kelurahan=kelurahan))

    pdf = benchmark.pedantic(build, rounds=3, iterations=1)
    assert pdf.startswith(b"%PDF")
    benchmark.extra_info["rows"] = cards
    _note(benchmark)
