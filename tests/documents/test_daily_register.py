"""The daily register PDF, read back as text with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.registers import (
    CORRECTED,
    HANDED,
    HOME_VISIT,
    VOIDED,
    DailyRegister,
    DrawerRecord,
    RegisterRow,
    totals,
)
from desktop.documents.daily_register import register_pdf
from desktop.documents.fonts import REGULAR, register_fonts
from desktop.documents.paper import MAX_LINES, day_text, wrap

DAY = date(2012, 9, 3)  # a Monday
KELURAHAN = ("Gunung Gedangan", "Meri", "Magersari", "Gedongan", "Kedundung", "Wates")
OPERATORS = ("Agus Santoso", "Dewi Lestari", "Rina Kurniawati")
NAMES = ("Siti Aminah", "Muhammad Rizky Pratama", "Budi", "Sri Rahayu Ningsih", "Ahmad Fauzi")


def synthetic_register(n: int, *, reconciled: bool = True) -> DailyRegister:
    rows = []
    for i in range(n):
        minutes = 8 * 60 + i * 7 * 60 // max(n, 1)
        status = (
            VOIDED if i % 50 == 7
            else HOME_VISIT if i % 90 == 11
            else CORRECTED if i % 70 == 13
            else HANDED
        )  # fmt: skip
        reason = {VOIDED: "salah kartu", CORRECTED: "KTP lama ditarik → hilang: lupa"}
        rows.append(
            RegisterRow(
                time=f"{minutes // 60:02d}:{minutes % 60:02d}",
                receipt_no=f"MGS-{1 + i % 3:02d}-{i + 1:06d}",
                nik=f"357602{(i * 7919) % 10**10:010d}",
                name=f"{NAMES[i % len(NAMES)]} {i}",
                kelurahan=KELURAHAN[i % len(KELURAHAN)],
                operator=OPERATORS[i % len(OPERATORS)],
                status=status,
                reason=reason.get(status, ""),
            )
        )
    record = DrawerRecord(
        event_id="e1",
        site="MGS",
        day=DAY,
        start=812,
        received=0,
        handed_over=sum(r.status != VOIDED for r in rows),
        returned=2,
        expected=812 - sum(r.status != VOIDED for r in rows) - 2,
        counted=812 - sum(r.status != VOIDED for r in rows) - 3,
        difference=-1,
        note="satu kartu terselip di kotak B-12",
        supervisor="supervisor",
        supervisor_name="Hj. Sri Wahyuni",
        wall_time="2012-09-03T16:05:00+07:00",
    )
    return DailyRegister(
        site="MGS",
        office="Kantor Kecamatan Magersari",
        day=DAY,
        rows=rows,
        per_kelurahan=totals(rows, lambda r: r.kelurahan),
        per_operator=totals(rows, lambda r: r.operator),
        reconciliation=record if reconciled else None,
    )


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_day_text_uses_indonesian_day_names() -> None:
    assert day_text(DAY) == "Senin, 03-09-2012"
    assert day_text(date(2012, 9, 9)) == "Minggu, 09-09-2012"


def test_register_pdf_has_every_part() -> None:
    register = synthetic_register(20)
    pages = pages_text(register_pdf(register))
    text = flat(" ".join(pages))
    assert "Daftar Serah Terima KTP-el Harian" in text
    assert "Kantor Kecamatan Magersari" in text
    assert "Senin, 03-09-2012" in text
    for heading in ("No.", "Jam", "NIK", "Nama", "Kelurahan", "Petugas", "Keterangan"):
        assert heading in text
    for row in register.rows:
        assert row.receipt_no in text
        assert row.nik in text
        assert row.name in text
    assert "DIBATALKAN: salah kartu" in text
    assert "Kunjungan rumah" in text
    assert "DIKOREKSI, lihat catatan di bawah tabel" in text
    assert "Catatan pembatalan dan koreksi" in text
    assert "No. 14 · MGS-02-000014 · Dikoreksi: KTP lama ditarik → hilang: lupa" in text
    assert "No. 8 · MGS-02-000008 · Dibatalkan: salah kartu" in text
    assert f"Dikoreksi: {register.corrected}" in text and register.corrected == 1
    # totals: per kelurahan, per operator, and the grand total line
    assert "Rekapitulasi per kelurahan dan per petugas" in text
    for total in register.per_kelurahan + register.per_operator:
        assert f"{total.label} {total.handed_over} {total.voided}" in text
    assert f"Jumlah {register.handed_over} {register.voided}" in text
    # reconciliation
    rec = register.reconciliation
    assert f"Seharusnya ada di laci {rec.expected}" in text
    assert f"Hasil hitung fisik {rec.counted}" in text
    assert "Selisih -1" in text
    assert "satu kartu terselip di kotak B-12" in text
    # signature block
    assert "Mojokerto, 03-09-2012" in text
    assert "Mengetahui," in text and "Supervisor" in text
    assert "Hj. Sri Wahyuni" in text
    assert f"Hal. 1 dari {len(pages)}" in pages[0]


def test_register_without_handovers_or_count() -> None:
    register = DailyRegister("DSP", "Kantor Dispendukcapil", date(2012, 9, 8))
    text = flat(" ".join(pages_text(register_pdf(register))))
    assert "Sabtu, 08-09-2012" in text
    assert "Tidak ada serah terima pada hari ini." in text
    assert "Belum dicatat untuk hari ini." in text
    assert "Hal. 1 dari 1" in text


def test_1500_rows_spread_over_numbered_pages() -> None:
    register = synthetic_register(1500)
    pages = pages_text(register_pdf(register))
    total = len(pages)
    assert total > 1
    notes = next(k for k, page in enumerate(pages) if "Catatan pembatalan" in page)
    for k, page in enumerate(pages, start=1):
        assert f"Hal. {k} dari {total}" in page
        if "MGS-0" in page and k <= notes:  # every page of the table starts with its header
            assert "No. tanda" in page and "Keterangan" in page
    assert sum("MGS-0" in page for page in pages) >= total - 1
    text = flat(" ".join(pages))
    assert all(row.receipt_no in text for row in register.rows)
    assert "Mengetahui," in pages[-1]


def test_long_names_wrap_within_their_column() -> None:
    register_fonts()
    width = 60.0
    long_name = "Raden Ayu Kusumawardhani Puspitaningrum Setyaningsih Binti Abdurrahman Wahid"
    lines = wrap(long_name, width).split("\n")
    assert 1 < len(lines) <= MAX_LINES
    assert all(stringWidth(line, REGULAR, 7.5) <= width for line in lines)
    assert lines[-1].endswith("…")
    word = wrap("X" * 80, width)
    assert "\n" not in word and word.endswith("…")
    assert stringWidth(word, REGULAR, 7.5) <= width
    assert wrap("Budi", width) == "Budi"
