"""Papers go through Qt's real print system: to a CUPS queue (cups-pdf), a PDF file and the
print preview, and come out with the right pages, page size and text."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.resources import resource_path
from desktop.ui.printing import (
    available_printers,
    preview_svg_pages,
    print_svg_pages,
    print_svg_to_pdf,
)
from desktop.ui.qt import QPrinter
from tests.cups import QUEUE, wait_for_pdf

A4 = (595.28, 841.89)
ROLL_80MM = (226.77, 425.2)  # 80 mm × 150 mm: a receipt cut from a thermal roll
DEJAVU = resource_path("fonts", "DejaVuSans.ttf")
if not DEJAVU.exists():
    DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core
_ENV = {**os.environ, "LC_ALL": "C"}


def _page_lines(number: int) -> list[str]:
    return [f"Tanda Terima e-KTP — halaman {number}", f"NIK 357602120512000{number}"]


def _paper(size: tuple[float, float], pages: int = 2, **svg_options: object) -> list[str]:
    """A small paper drawn the way Loket draws its papers: a reportlab Drawing per page."""
    if "LoketTestSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LoketTestSans", str(DEJAVU)))
    width, height = size
    svg_options.setdefault("useClip", True)
    svgs = []
    for number in range(1, pages + 1):
        drawing = Drawing(width, height)
        drawing.add(Rect(10, 10, width - 20, height - 20, fillColor=None, strokeWidth=0.5))
        heading, nik = _page_lines(number)
        drawing.add(String(20, height - 40, heading, fontName="LoketTestSans", fontSize=11))
        drawing.add(String(20, height - 60, nik, fontName="Helvetica", fontSize=10))
        svgs.append(
            renderSVG.drawToString(
                drawing, fontHacks={"LoketTestSans": {"family": "DejaVu Sans"}}, **svg_options
            )
        )
    return svgs


def _assert_paper(pdf: Path, size: tuple[float, float], pages: int = 2) -> None:
    reader = PdfReader(pdf)
    assert len(reader.pages) == pages
    for number, page in enumerate(reader.pages, start=1):
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=1)
        text = " ".join(page.extract_text().split())
        for line in _page_lines(number):
            assert line in text
    assert 0.001 < _ink(pdf) < 0.1, "page 1 is blank or painted over"


def _ink(pdf: Path) -> float:
    """The share of dark pixels on page 1, rendered by poppler at 30 dpi."""
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    # Binary PGM: a header "P5 width height maxval", then one byte per pixel at the end.
    _, width, height, _ = pgm.split(maxsplit=4)[:4]
    count = int(width) * int(height)
    return sum(1 for value in pgm[-count:] if value < 128) / count


@pytest.mark.parametrize("size", [A4, ROLL_80MM], ids=["A4", "80mm-roll"])
def test_paper_prints_through_cups(qapp, cups_pdf_queue: Path, size) -> None:
    assert QUEUE in available_printers()
    since = time.time()

    result = print_svg_pages(_paper(size), size, QUEUE, title="Tanda Terima")

    assert result.ok, result.message
    _assert_paper(wait_for_pdf(cups_pdf_queue, since), size)


def test_missing_printer_is_a_result_not_an_exception(qapp) -> None:
    result = print_svg_pages(_paper(A4), A4, "Printer-Loket-Tidak-Ada")

    assert not result.ok
    assert "'Printer-Loket-Tidak-Ada' tidak ditemukan" in result.message


def test_paper_to_pdf_file(qapp, tmp_path: Path) -> None:
    pdf = tmp_path / "tanda-terima.pdf"

    result = print_svg_to_pdf(_paper(A4), A4, pdf)

    assert result.ok, result.message
    _assert_paper(pdf, A4)


def test_pdf_in_a_missing_folder_is_a_result(qapp, tmp_path: Path) -> None:
    result = print_svg_to_pdf(_paper(A4), A4, tmp_path / "tidak-ada" / "x.pdf")

    assert not result.ok
    assert "tidak-ada" in result.message


def test_preview_paints_the_same_pages(qapp, qtbot, tmp_path: Path) -> None:
    dialog = preview_svg_pages(_paper(ROLL_80MM), ROLL_80MM)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "pratinjau.pdf"))
    printer.setPageLayout(dialog.printer().pageLayout())

    dialog.paintRequested.emit(printer)

    _assert_paper(tmp_path / "pratinjau.pdf", ROLL_80MM)


def test_reportlab_page_clip_is_refused(qapp, tmp_path: Path) -> None:
    # reportlab's SVG renderer writes its page clip as a <clipPath> outside <defs> unless
    # told useClip=True; QSvgRenderer (Qt 6.12) then paints the clip rectangle solid black.
    with pytest.raises(ValueError, match="useClip=True"):
        print_svg_to_pdf(_paper(A4, useClip=False), A4, tmp_path / "hitam.pdf")


@pytest.fixture
def stopped_queue(cups_pdf_queue: Path) -> Iterator[Path]:
    subprocess.run(["cupsdisable", QUEUE], check=True, env=_ENV)
    try:
        yield cups_pdf_queue
    finally:
        subprocess.run(["cupsenable", QUEUE], check=True, env=_ENV)


def test_stopped_queue_holds_the_job_until_enabled(qapp, stopped_queue: Path) -> None:
    # A disabled (stopped) CUPS queue still accepts the job: Qt hands it over and painting
    # succeeds, and the job waits in the queue. Qt reports the printer's state as Error, so
    # the result is ok (printing again would print twice) with a message that says the
    # printer must be started again. Once it is, the waiting job prints by itself.
    # (A queue that rejects jobs, `cupsreject`, is different and not detectable from Qt: the
    # job is dropped while painting still reports success.)
    since = time.time()

    result = print_svg_pages(_paper(A4), A4, QUEUE, title="Tertahan")

    assert result.ok, result.message
    assert "sedang berhenti" in result.message
    assert "jangan cetak ulang" in result.message
    waiting = subprocess.run(
        ["lpstat", "-o", QUEUE], capture_output=True, text=True, check=True, env=_ENV
    ).stdout
    assert len(waiting.splitlines()) == 1, waiting
    assert not [path for path in stopped_queue.glob("*.pdf") if path.stat().st_mtime >= since]

    subprocess.run(["cupsenable", QUEUE], check=True, env=_ENV)

    _assert_paper(wait_for_pdf(stopped_queue, since), A4)
