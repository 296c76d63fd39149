"""The supervisor's A4 papers (registers, reports, lists): saved as PDF or printed.

reportlab lays these papers out as PDF. Saving writes that PDF as it is, so the text stays
text. Printing goes through Qt's print system like the receipts: pdfium draws each page at
200 dpi in grey and the page is painted onto the QPrinter, one page in memory at a time,
on a thread of its own (a 40-page register takes a few seconds; the counter keeps working).

`PaperOutput` is what a screen uses: it reads the store on the store worker, lays the PDF
out on a thread of its own (a whole site's list of uncollected cards is a thousand pages;
the store worker must not wait for reportlab meanwhile), then saves or prints it and says
how it went through `message`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from desktop.store import Store, StoreError
from desktop.ui.operations import Operations
from desktop.ui.printing import PrintResult, default_printer
from desktop.ui.qt import (
    QDialog,
    QFileDialog,
    QImage,
    QObject,
    QPainter,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QRectF,
    QRunnable,
    QStandardPaths,
    QThreadPool,
    QWidget,
    Signal,
)
from desktop.ui.text import fill

PRINT_DPI = 200  # grey at 200 dpi: 8-point type reads well, a page is ~1 MB


@dataclass(frozen=True)
class Draft:
    """What the store worker hands back: the data read, and how to lay it out later."""

    layout: Callable[[], Paper]


@dataclass(frozen=True)
class Paper:
    """A built paper: the PDF's bytes, the title the print queue shows, a file name."""

    pdf: bytes
    title: str
    filename: str  # suggested, e.g. "register-MGS-2026-11-30.pdf"


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def save_pdf(paper: Paper, path: Path | str) -> PrintResult:
    """Write the PDF next to its final name first, then move it in place: a full disk or a
    pulled USB stick leaves no half-written file under the chosen name."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".loket-", suffix=".pdf", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(paper.pdf)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        return PrintResult(
            False,
            f"{paper.title} tidak tersimpan di '{target}': {error.strerror or error}. "
            "Periksa folder itu ada dan bisa ditulis, atau pilih folder lain.",
        )
    return PrintResult(True, f"{paper.title} disimpan di '{target}'.")


def paint_pdf(pdf: bytes, printer: QPrinter, *, dpi: int = PRINT_DPI) -> str | None:
    """Paint every page of `pdf` onto `printer` (already set up), one sheet per page,
    scaled to the printable page. Returns a failure text, or None when all pages went."""
    document = pypdfium2.PdfDocument(pdf)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            return "Pencetakan tidak dapat dimulai."
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        for number in range(len(document)):
            if number and not printer.newPage():
                return f"Halaman {number + 1} tidak dapat dikirim ke printer."
            page = document[number]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                _image_format(bitmap.n_channels),
            )
            # Fit the page into the printable area, keeping its proportions.
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(0, 0, width, height), image)
            bitmap.close()
            page.close()
    finally:
        if painter.isActive():
            painter.end()
        document.close()
    return None


def _image_format(channels: int) -> QImage.Format:
    return {
        1: QImage.Format.Format_Grayscale8,
        3: QImage.Format.Format_BGR888,
        4: QImage.Format.Format_RGB32,
    }[channels]


def _printer_for(paper: Paper, printer: QPrinter) -> None:
    printer.setDocName(paper.title)
    printer.setFullPage(False)


def print_pdf(paper: Paper, printer_name: str) -> PrintResult:
    """Print the paper on the named queue (the print dialog is skipped)."""
    if QPrinterInfo.printerInfo(printer_name).isNull():
        return PrintResult(
            False,
            f"Printer '{printer_name}' tidak ditemukan. Pilih printer lain, atau simpan "
            "sebagai PDF dan cetak dari komputer lain.",
        )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    return _print_on(paper, printer, f"printer '{printer_name}'")


def _print_on(paper: Paper, printer: QPrinter, where: str) -> PrintResult:
    _printer_for(paper, printer)
    failure = paint_pdf(paper.pdf, printer)
    if failure:
        return PrintResult(
            False,
            f"{paper.title}: {failure} Periksa {where} menyala, terhubung dan berisi kertas, "
            "lalu cetak lagi.",
        )
    return PrintResult(True, f"{paper.title} dikirim ke {where}.")


class _PrintJob(QRunnable):
    """Runs a print or layout job off the GUI thread and reports through `finished`."""

    def __init__(self, job: Callable[[], object], finished) -> None:
        super().__init__()
        self.job, self.finished = job, finished

    def run(self) -> None:
        try:
            result = self.job()
        except Exception as error:  # reported on the GUI thread like any failed print
            result = PrintResult(False, f"Pencetakan gagal: {error}")
        self.finished.emit(self.job, result)


class PaperOutput(QObject):
    """Save or print a paper built on the store worker; `message(text, tone)` reports."""

    message = Signal(str, str)  # text, tone ("ok" or "error")
    done = Signal(object)  # the PrintResult, for tests and screens that wait on it

    _finished = Signal(object, object)  # the job, its PrintResult; crosses back to the GUI

    def __init__(self, ops: Operations, parent: QWidget) -> None:
        super().__init__(parent)
        self._jobs: list[Callable] = []  # running off the GUI thread, kept alive till done
        self._waiting: dict[Callable, Callable[[Paper], None]] = {}
        self._finished.connect(self._job_done)
        self.ops = ops
        self.widget = parent
        self.printer_name = ""  # the workstation's printer setting; empty: system default

    def save(self, build: Callable[[Store], Draft], path: Path | str | None = None) -> None:
        """Build the paper and save it; without `path` the supervisor picks the file."""

        def built(paper: Paper) -> None:
            target = path or self._ask_path(paper)
            if not target:
                self._report(PrintResult(False, self.tr("Tidak disimpan.")), tone="")
                return
            self._report(save_pdf(paper, target))

        self._build(build, built)

    def print(self, build: Callable[[Store], Draft], printer_name: str | None = None) -> None:
        """Build the paper and print it; without `printer_name` the print dialog asks."""

        def built(paper: Paper) -> None:
            if printer_name:
                self._in_background(lambda: print_pdf(paper, printer_name))
                return
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            chosen = self.printer_name or default_printer()
            if chosen:
                printer.setPrinterName(chosen)
            dialog = QPrintDialog(printer, self.widget)
            dialog.setWindowTitle(fill(self.tr("Cetak — %1"), paper.title))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._report(PrintResult(False, self.tr("Tidak dicetak.")), tone="")
                return
            self._in_background(
                lambda: _print_on(paper, printer, f"printer '{printer.printerName()}'")
            )

        self._build(build, built)

    def _build(self, build: Callable[[Store], Draft], then: Callable[[Paper], None]) -> None:
        """Read on the store worker, lay out on a thread of its own, then `then(paper)` on
        the GUI thread."""
        self.message.emit(self.tr("Menyiapkan…"), "")

        def read(draft: Draft) -> None:
            def layout() -> Paper | PrintResult:
                try:
                    return draft.layout()
                except Exception as error:  # reported on the GUI thread like any failure
                    return PrintResult(False, f"Kertas tidak dapat disusun: {error}")

            self._jobs.append(layout)
            self._waiting[layout] = then
            QThreadPool.globalInstance().start(_PrintJob(layout, self._finished))

        self.ops.run(build, on_done=read, on_error=self._failed)

    def _in_background(self, job: Callable[[], PrintResult]) -> None:
        self.message.emit(self.tr("Mencetak…"), "")
        self._jobs.append(job)  # kept alive until it reports
        QThreadPool.globalInstance().start(_PrintJob(job, self._finished))

    def _ask_path(self, paper: Paper) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self.widget,
            fill(self.tr("Simpan %1"), paper.title),
            str(Path(folder) / paper.filename),
            "PDF (*.pdf)",
        )
        return path

    def _job_done(self, job: Callable, result: Paper | PrintResult) -> None:
        self._jobs.remove(job)
        then = self._waiting.pop(job, None)
        if isinstance(result, Paper) and then is not None:
            then(result)
        else:
            self._report(result)

    @property
    def printing(self) -> bool:
        return bool(self._jobs)

    def _report(self, result: PrintResult, tone: str | None = None) -> None:
        self.message.emit(
            result.message, tone if tone is not None else "ok" if result.ok else "error"
        )
        self.done.emit(result)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, StoreError | PermissionError):
            self._report(PrintResult(False, str(error)))
        else:
            self.ops.report(error)
            self.done.emit(PrintResult(False, str(error)))
