"""Receipt PDF benchmark against DESIGN.md's target (< 50 ms). Not part of the normal run:
`.venv/bin/python -m pytest tests/bench/test_receipt_bench.py --benchmark-enable`."""

from __future__ import annotations

import itertools
from dataclasses import replace

from desktop.core.handover import OldKtp
from desktop.core.receipts import ReceiptData
from desktop.documents.receipt import receipt_pdf

RECEIPT = ReceiptData(
    receipt_no="MGS-01-000123",
    issued_at="2012-09-10T08:15:00+07:00",
    site="MGS",
    office_name="Kantor Kecamatan Magersari",
    office_address="Jl. Gajah Mada No. 1, Kota Mojokerto",
    workstation=1,
    card_id="B20120910-0001",
    nik="3576024509870003",
    nama="SITI AMINAH",
    tempat_lahir="MOJOKERTO",
    tanggal_lahir="1987-09-05",
    alamat="JL. MERAK NO. 12",
    rt="1",
    rw="2",
    kelurahan="Magersari",
    kecamatan="Magersari",
    old_ktp=OldKtp.WITHDRAWN.value,
    police_letter=None,
    operator_name="Budi Santoso",
)


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
