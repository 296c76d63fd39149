"""Printing receipts after a handover, and again from the reprint queue. A printer
failure never touches the handover: the receipt is marked not printed and waits in the
reprint queue."""

from __future__ import annotations

import logging

from desktop.documents.receipt import page_size, receipt_svg
from desktop.store.counter import mark_not_printed, mark_printed, receipt_data
from desktop.store.settings import WorkstationSettings
from desktop.ui import printing
from desktop.ui.operations import Operations
from desktop.ui.qt import QObject, QWidget, Signal
from desktop.ui.text import fill

log = logging.getLogger(__name__)


class ReceiptPrinter(QObject):
    printed = Signal(str)  # receipt number
    failed = Signal(str, str, bool)  # receipt number, what to do, was it a copy

    def __init__(self, ops: Operations, settings: WorkstationSettings, parent=None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.settings = settings
        self.actor = "?"
        self.window: QWidget | None = None
        self.preview: QWidget | None = None

    def print_receipt(self, receipt_no: str, *, copy: bool = False) -> None:
        self.ops.run(
            lambda store: receipt_data(store, receipt_no, copy=copy),
            on_done=lambda data: self._print(data, copy),
        )

    def _print(self, data, copy: bool) -> None:
        layout = self.settings.receipt_layout
        svg = receipt_svg(data, layout)
        size = page_size(layout)
        if self.settings.print_preview:
            # Kept on self: the preview is not modal and would be collected otherwise.
            self.preview = printing.preview_svg_pages(
                [svg], size, self.window, title=fill(self.tr("Tanda terima %1"), data.receipt_no)
            )
        printer = self.settings.printer or printing.default_printer() or ""
        if not printer:
            result = printing.PrintResult(
                False,
                self.tr(
                    "Belum ada printer. Pilih printer di Pengaturan, lalu cetak dari antrean "
                    "cetak ulang."
                ),
            )
        else:
            result = printing.print_svg_pages(
                [svg], size, printer, title=fill(self.tr("Tanda terima %1"), data.receipt_no)
            )
        actor = self.actor
        kind = "salinan tanda terima" if copy else "tanda terima"
        if result.ok:
            log.info("%s %s dicetak ke %s", kind, data.receipt_no, printer)
            self.ops.run(
                lambda store: mark_printed(store, data.receipt_no, copy=copy, actor=actor),
                on_done=lambda _: self.printed.emit(data.receipt_no),
                writes=True,
            )
        else:
            log.warning("%s %s tidak tercetak: %s", kind, data.receipt_no, result.message)
            self.ops.run(
                lambda store: mark_not_printed(store, data.receipt_no, result.message, actor=actor),
                on_done=lambda _: self.failed.emit(data.receipt_no, result.message, copy),
                writes=True,
            )
