"""Receipt PDF benchmark against DESIGN.md's target (< 50 ms). Not part of the normal run:
`.venv/bin/python -m pytest tests/bench/test_receipt_bench.py --benchmark-enable`."""

from __future__ import annotations

import itertools
from dataclasses import replace

from desktop.core.handover import OldKtp
from desktop.core.receipts import ReceiptData
from desktop.documents.receipt import receipt_pdf
from tests.documents.test_receipt import RECEIPT  # the same receipt the tests read back

_numbers = itertools.count(1)


def _fresh(template: ReceiptData) -> tuple[tuple[ReceiptData], dict]:
    """A receipt never rendered before, so no cache could flatter the figure."""
    return (replace(template, receipt_no=f"MGS-01-{next(_numbers):06d}"),), {}


def test_receipt_pdf_a5(benchmark) -> None:
    receipt_pdf(RECEIPT)  # fonts registered and parsed once, as in the running app
    pdf = benchmark.pedantic(receipt_pdf, setup=lambda: _fresh(RECEIPT), rounds=50)
    assert pdf.startswith(b"%PDF")
    assert benchmark.stats.stats.median < 0.050


def test_receipt_pdf_a5_copy_lost_ktp(benchmark) -> None:
    reprint = replace(RECEIPT, copy=True, old_ktp=OldKtp.LOST.value, police_letter="SKH/77/IX")
    receipt_pdf(reprint)
    benchmark.pedantic(receipt_pdf, setup=lambda: _fresh(reprint), rounds=50)
    assert benchmark.stats.stats.median < 0.050
