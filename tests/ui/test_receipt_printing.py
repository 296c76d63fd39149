"""A handover's receipt goes through the app's receipt printer, Qt's print system and a
real CUPS queue, and the PDF that comes out says what the receipt must say."""

from __future__ import annotations

import time
from pathlib import Path

from pypdf import PdfReader

from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.documents.receipt import page_size
from desktop.store.counter import receipt_data, reprint_queue
from desktop.store.handover import record_handover
from desktop.store.settings import WorkstationSettings
from desktop.ui.receipt_printer import ReceiptPrinter
from tests.cups import QUEUE, wait_for_pdf
from tests.ui.conftest import wait_idle


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _hand_over(store, cast) -> str:
    nik = cast.ready_nik
    receipt = record_handover(
        store,
        card_id=cast.ready_card,
        operator="operator1",
        role=Role.OPERATOR,
        last_four=nik[-4:],
        old_ktp=OldKtp.LOST,
        police_letter="LP/12/IX/2012/Polsek",
    )
    return receipt.receipt_no


def test_receipt_printed_to_a_cups_queue(qtbot, ops, store, cast, cups_pdf_queue: Path) -> None:
    receipt_no = _hand_over(store, cast)
    data = receipt_data(store, receipt_no)
    printer = ReceiptPrinter(ops, WorkstationSettings(printer=QUEUE, receipt_layout="a5"))
    printer.actor = "operator1"
    since = time.time()
    with qtbot.waitSignal(printer.printed, timeout=20_000) as printed:
        printer.print_receipt(receipt_no)
    assert printed.args == [receipt_no]
    wait_idle(qtbot, ops)

    pdf = wait_for_pdf(cups_pdf_queue, since)
    text = _text(pdf)
    for expected in (
        "TANDA TERIMA KTP ELEKTRONIK",
        receipt_no,
        data.nik,
        data.nama,
        data.check_code(),
        "LP/12/IX/2012/Polsek",
        "Agus Santoso",
    ):
        assert expected in text, expected
    assert "SALINAN" not in text
    width, height = PdfReader(pdf).pages[0].mediabox.upper_right
    expected_width, expected_height = page_size("a5")
    assert abs(float(width) - expected_width) < 2 and abs(float(height) - expected_height) < 2
    assert reprint_queue(store) == []  # marked printed


def test_copy_on_a_roll_says_salinan(qtbot, ops, store, cast, cups_pdf_queue: Path) -> None:
    receipt_no = _hand_over(store, cast)
    printer = ReceiptPrinter(ops, WorkstationSettings(printer=QUEUE, receipt_layout="roll80"))
    since = time.time()
    with qtbot.waitSignal(printer.printed, timeout=20_000):
        printer.print_receipt(receipt_no, copy=True)
    wait_idle(qtbot, ops)
    text = _text(wait_for_pdf(cups_pdf_queue, since))
    assert "SALINAN" in text and receipt_no in text
    copies = store.conn.execute(
        "SELECT copies FROM handovers WHERE receipt_no = ?", (receipt_no,)
    ).fetchone()[0]
    assert copies == 1
