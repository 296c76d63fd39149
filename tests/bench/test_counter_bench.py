"""Counter benchmarks on the demo city: start-up, search to card panel, handover to a
printed receipt PDF. Run with the command in docs/performance.md."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.documents.receipt import page_size, receipt_svg
from desktop.store import open_store
from desktop.store.counter import find, receipt_data
from desktop.store.handover import record_handover
from tests.bench.conftest import p95_ms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path) -> Path:
    source = sqlite3.connect(demo_dir / "loket.sqlite3")
    target = sqlite3.connect(tmp_path / "loket.sqlite3")
    source.backup(target)
    source.close()
    target.close()
    return tmp_path


def test_app_start_to_usable_screen(benchmark, demo_copy: Path) -> None:
    """From launching `loket` to its window shown and taking input (interpreter included)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def start() -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop.ui.app", "--data-dir", str(demo_copy)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert "siap dalam" in line, line
        finally:
            proc.kill()
            proc.wait()

    benchmark.pedantic(start, rounds=5, warmup_rounds=1)


def test_search_to_panel(benchmark, demo_copy: Path, qapp) -> None:
    """What the operator waits for after Enter: find + the card panel filled in."""
    from desktop.store.counter import PanelCase
    from desktop.ui.card_panel import CardPanelView

    store = open_store(demo_copy)
    niks = [
        r[0]
        for r in store.conn.execute(
            "SELECT nik FROM cards WHERE status = 'ready' AND site = 'MGS' LIMIT 2000"
        )
    ]
    view = CardPanelView()
    iterator = iter(niks)

    def search() -> None:
        result = find(store, next(iterator), actor="bench")
        assert result.panel is not None and result.panel.case is PanelCase.READY_HERE
        view.show_panel(result.panel)
        qapp.processEvents()

    benchmark.pedantic(search, rounds=1000, warmup_rounds=10)
    benchmark.extra_info["p95_ms"] = round(p95_ms(benchmark), 3)
    store.close()


def test_handover_to_printed_pdf(benchmark, demo_copy: Path, tmp_path: Path, qapp) -> None:
    """Commit a handover, build its receipt and print it through Qt into a PDF file."""
    from desktop.ui.printing import print_svg_to_pdf

    store = open_store(demo_copy)
    cards = iter(
        store.conn.execute(
            "SELECT card_id, nik FROM cards WHERE site = 'MGS' AND status = 'ready'"
        ).fetchall()
    )
    size = page_size("a5")

    def hand_over_and_print() -> None:
        card_id, nik = next(cards)
        receipt = record_handover(
            store,
            card_id=card_id,
            operator="operator1",
            role=Role.OPERATOR,
            last_four=nik[-4:],
            old_ktp=OldKtp.WITHDRAWN,
        )
        data = receipt_data(store, receipt.receipt_no)
        out = tmp_path / f"{receipt.receipt_no}.pdf"
        print_svg_to_pdf([receipt_svg(data, "a5")], size, out)
        assert out.stat().st_size > 0

    started = time.perf_counter()
    benchmark.pedantic(hand_over_and_print, rounds=100, warmup_rounds=3)
    benchmark.extra_info["p95_ms"] = round(p95_ms(benchmark), 3)
    assert time.perf_counter() - started < 600
    store.close()
