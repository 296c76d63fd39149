"""Print Loket's papers through Qt's print system: to a printer queue, a PDF file or a preview.

Each paper arrives as one SVG per page (reportlab draws it). QSvgRenderer paints the pages
as vectors onto a QPrinter, so the text stays text in the spooled job and in the PDF. All
three ways out share one painting function, so what the preview shows is what prints.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from desktop.core.resources import resource_path
from desktop.ui.qt import (
    QByteArray,
    QFontDatabase,
    QGuiApplication,
    QMarginsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPrinter,
    QPrinterInfo,
    QPrintPreviewDialog,
    QSizeF,
    QSvgRenderer,
    QWidget,
)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintResult:
    """Whether a paper went out, and a message in Bahasa Indonesia that says what to do."""

    ok: bool
    message: str


def available_printers() -> list[str]:
    """Names of the printer queues this workstation can print to."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str | None:
    """The system's default printer queue, or None when none is set."""
    name = QPrinterInfo.defaultPrinterName()
    return name or None


def print_svg_pages(
    pages: Sequence[str],
    page_size_pt: tuple[float, float],
    printer_name: str,
    *,
    title: str = "Loket",
) -> PrintResult:
    """Print the SVG pages on the named printer queue, each page filling one sheet.

    A missing printer or a print system that refuses to start the job gives a failed
    result, never an exception. Success means Qt handed the job to the print system: a
    stopped queue holds it until the printer runs again (the message then says so). Qt
    cannot see a CUPS queue that rejects jobs (`cupsreject`): that job is dropped while
    painting still reports success.
    """
    renderers = _renderers(pages)
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return PrintResult(
            False,
            f"Printer '{printer_name}' tidak ditemukan. Periksa nama printer di Pengaturan, "
            "lalu cetak ulang dari antrean cetak ulang.",
        )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    where = f"printer '{printer_name}'"
    failure = _setup(printer, page_size_pt, title, where) or _paint(printer, renderers, where)
    if failure:
        return PrintResult(
            False,
            f"{failure} Periksa printer menyala, terhubung dan berisi kertas, lalu cetak ulang "
            "dari antrean cetak ulang.",
        )
    # A stopped queue (CUPS `cupsdisable`, a printer paused or offline) still takes the job
    # and holds it; Qt reports that printer as Error. Printing again would print it twice.
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return PrintResult(
            True,
            f"{title} masuk antrean printer '{printer_name}', tetapi printer sedang berhenti "
            "atau bermasalah. Periksa kertas dan sambungan printer, lalu jalankan lagi "
            "printernya; jangan cetak ulang, kertas ini tercetak begitu printer berjalan.",
        )
    return PrintResult(True, f"{title} dikirim ke printer '{printer_name}'.")


def print_svg_to_pdf(
    pages: Sequence[str],
    page_size_pt: tuple[float, float],
    path: Path | str,
    *,
    title: str = "Loket",
) -> PrintResult:
    """Paint the SVG pages into a PDF file, as they would print: for archiving and previews."""
    renderers = _renderers(pages)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    where = f"berkas PDF '{path}'"
    failure = _setup(printer, page_size_pt, title, where) or _paint(printer, renderers, where)
    if failure:
        return PrintResult(
            False, f"{failure} Periksa folder itu ada dan bisa ditulis, atau pilih folder lain."
        )
    return PrintResult(True, f"{title} disimpan di '{path}'.")


def preview_svg_pages(
    pages: Sequence[str],
    page_size_pt: tuple[float, float],
    parent: QWidget | None = None,
    *,
    title: str = "Loket",
) -> QPrintPreviewDialog:
    """Open a print preview of the SVG pages (window-modal, not blocking) and return it.

    The preview, and printing from it, paint the pages with the same function as
    `print_svg_pages`. Keep the returned dialog referenced while it is open.
    """
    renderers = _renderers(pages)
    dialog = QPrintPreviewDialog(parent)
    dialog.setWindowTitle(f"Pratinjau cetak — {title}")
    _setup(dialog.printer(), page_size_pt, title, "pratinjau")

    def paint(printer: QPrinter) -> None:
        # A preview has no caller to hand a result to, so a failure goes to the log.
        failure = _paint(printer, renderers, "pratinjau")
        if failure:
            _log.warning("%s", failure)

    dialog.paintRequested.connect(paint)
    dialog.open()
    return dialog


def _renderers(pages: Sequence[str]) -> list[QSvgRenderer]:
    """Parse every page before anything reaches a printer, so a bad page prints nothing.

    A page that does not parse is a bug in the paper, not a printer problem: it raises.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("Printing needs a running QApplication; create it first.")
    if not pages:
        raise ValueError("A paper needs at least one page to print.")
    _load_bundled_fonts()
    renderers = []
    for number, svg in enumerate(pages, start=1):
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        if not renderer.isValid():
            raise ValueError(f"Page {number} is not a valid SVG document.")
        if _has_loose_clip_path(svg):
            raise ValueError(
                f"Page {number} has a <clipPath> outside <defs>, which QSvgRenderer paints as "
                "a black shape over the page; draw it with reportlab's "
                "renderSVG.drawToString(drawing, useClip=True)."
            )
        renderers.append(renderer)
    return renderers


_SVG = "{http://www.w3.org/2000/svg}"


def _has_loose_clip_path(svg: str) -> bool:
    """True when a <clipPath> sits outside <defs>, as reportlab's SVG renderer writes its
    page clip unless told `useClip=True`: QSvgRenderer then draws the clip rectangle itself."""
    root = ElementTree.fromstring(svg)
    clip_paths = sum(1 for _ in root.iter(f"{_SVG}clipPath"))
    in_defs = sum(len(defs.findall(f".//{_SVG}clipPath")) for defs in root.iter(f"{_SVG}defs"))
    return clip_paths > in_defs


def _setup(printer: QPrinter, page_size_pt: tuple[float, float], title: str, where: str) -> str:
    """Give the printer the paper's own size, full page with no margins; '' when accepted."""
    width, height = page_size_pt
    # QPageSize is always portrait-shaped; a wide paper is a portrait size turned landscape.
    if width > height:
        orientation = QPageLayout.Orientation.Landscape
        width, height = height, width
    else:
        orientation = QPageLayout.Orientation.Portrait
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    printer.setFullPage(True)
    printer.setDocName(title)
    printer.setCreator("Loket")
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    if not printer.setPageLayout(layout):
        return (
            f"Ukuran kertas {page_size_pt[0]:.0f}×{page_size_pt[1]:.0f} pt tidak diterima "
            f"oleh {where}."
        )
    return ""


def _paint(printer: QPrinter, renderers: Sequence[QSvgRenderer], where: str) -> str:
    """Paint one SVG page per sheet, each filling the whole sheet; '' when all went out."""
    painter = QPainter()
    if not painter.begin(printer):
        return f"Tidak bisa mulai mencetak ke {where}."
    sheet = printer.pageLayout().fullRectPixels(printer.resolution())
    for number, renderer in enumerate(renderers):
        if number and not printer.newPage():
            painter.end()
            return f"Halaman {number + 1} gagal dikirim ke {where}."
        renderer.render(painter, sheet.toRectF())
    if not painter.end():
        return f"Pekerjaan cetak tidak selesai dikirim ke {where}."
    return ""


@functools.cache
def _load_bundled_fonts() -> None:
    """Make the fonts shipped in resources/fonts known to Qt, so papers print in the face
    reportlab measured them with, also on workstations that do not have it installed."""
    folder = resource_path("fonts")
    if folder.is_dir():
        for path in sorted(folder.glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
