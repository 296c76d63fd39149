"""The supervisor's desk on the demo city: the progress report (figures and PDF) and the
register printed through Qt's print path (pdfium pages painted onto a PDF QPrinter). Not
part of the normal run: `.venv/bin/python -m pytest tests/bench/test_desk_bench.py
--benchmark-enable`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.roles import Role
from desktop.documents.daily_register import register_pdf
from desktop.documents.progress_report import progress_pdf
from desktop.store.progress import progress_report
from desktop.store.sessions import Session
from desktop.ui.papers import paint_pdf
from desktop.ui.qt import QPrinter
from tests.bench.conftest import p95_ms
from tests.documents.test_daily_register import synthetic_register

SUPERVISOR = Session("supervisor", "Hj. Sri Wahyuni", Role.SUPERVISOR)


def _note(benchmark) -> None:
    if benchmark.stats:  # None under the default --benchmark-disable
        benchmark.extra_info["p95_ms"] = p95_ms(benchmark)


def test_progress_report_figures_demo_city(benchmark, demo_store) -> None:
    report = benchmark.pedantic(
        progress_report, args=(demo_store, SUPERVISOR), rounds=10, iterations=1
    )
    assert report.total.recorded == 85_636
    _note(benchmark)


def test_progress_report_pdf_demo_city(benchmark, demo_store) -> None:
    report = progress_report(demo_store, SUPERVISOR)
    progress_pdf(report)  # fonts registered once, as in the app
    pdf = benchmark.pedantic(progress_pdf, args=(report,), rounds=10, iterations=1)
    assert pdf.startswith(b"%PDF")
    _note(benchmark)


@pytest.mark.parametrize("rows", [40, 1500])
def test_register_printed_through_qt(benchmark, qapp, tmp_path: Path, rows: int) -> None:
    pdf = register_pdf(synthetic_register(rows))

    def print_once() -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "register-printed.pdf"))
        assert paint_pdf(pdf, printer) is None

    benchmark.pedantic(print_once, rounds=3, iterations=1)
    _note(benchmark)


KELURAHAN = "35.76.02.1003"  # Kelurahan Magersari


def test_uncollected_list_whole_site(benchmark, demo_store) -> None:
    from desktop.store.uncollected import uncollected_list

    lst = benchmark.pedantic(
        uncollected_list, args=(demo_store, SUPERVISOR), kwargs={"site": "MGS"},
        rounds=3, iterations=1,
    )  # fmt: skip
    assert lst.count > 30_000
    _note(benchmark)


def test_uncollected_pdf_one_kelurahan(benchmark, demo_store) -> None:
    from desktop.documents.uncollected_list import uncollected_pdf
    from desktop.store.uncollected import uncollected_list

    lst = uncollected_list(demo_store, SUPERVISOR, site="MGS", kelurahan=KELURAHAN)
    pdf = benchmark.pedantic(uncollected_pdf, args=(lst,), rounds=3, iterations=1)
    assert pdf.startswith(b"%PDF")
    benchmark.extra_info["cards"] = lst.count
    _note(benchmark)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_uncollected_whole_site(benchmark, demo_store, tmp_path: Path, suffix) -> None:
    from desktop.store.exports import export_uncollected

    rows = benchmark.pedantic(
        export_uncollected, args=(demo_store, SUPERVISOR, tmp_path / f"belum{suffix}"),
        kwargs={"site": "MGS"}, rounds=1 if suffix == ".xlsx" else 3, iterations=1,
    )  # fmt: skip
    assert rows > 30_000
    _note(benchmark)
