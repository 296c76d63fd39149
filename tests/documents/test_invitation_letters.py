"""The invitation letters and the RT/RW cover list as PDFs: read back with pypdf, and the
letters' barcodes read back from the page as the desk prints it (pdfium at 200 dpi)."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdfium2
from pypdf import PdfReader
from reportlab.graphics.barcode.code128 import Code128

from desktop.core.invitations import CoverList, InvitationLetters, Letter, cover_list_of
from desktop.documents.invitation_letters import BARCODE_BASE, MODULE, cover_list_pdf, letters_pdf

MONDAY = date(2026, 12, 7)
FRIDAY = date(2026, 12, 11)
PRINT_DPI = 200  # as desktop.ui.papers prints


def letter(n: int, name: str, rt: str, rw: str = "003", day: date = MONDAY) -> Letter:
    return Letter(
        card_id=f"B20120903-35760212128000{n:02d}",
        number=f"SUP-MGS-01-000004/{n:04d}",
        dated=date(2026, 11, 30),
        name=name,
        address=f"Jl. Majapahit No. {n}",
        rt=rt,
        rw=rw,
        kelurahan="Meri",
        kecamatan="Magersari",
        pickup_day=day,
    )


NAMES = ("Ani Susanti", "Bambang", "Citra Lestari", "Dedi Kurniawan", "Eko Prasetyo")
RUN = InvitationLetters(
    site="MGS",
    office="Kantor Kecamatan Magersari",
    office_address="Kecamatan Magersari, Kota Mojokerto",
    kelurahan="35.76.02.1002",
    kelurahan_name="Meri",
    kecamatan="Magersari",
    rw=None,
    today=date(2026, 11, 30),
    letters=(
        *(letter(n, name, "001") for n, name in enumerate(NAMES, start=1)),
        letter(6, "Fitri Handayani", "002", day=FRIDAY),
        letter(7, "Gunawan", "002", day=FRIDAY),
    ),
)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


# -- reading a Code 128 barcode back from the rendered page --------------------------------

_SYMBOLS: dict[tuple[int, ...], int] = {}


def _symbol_table() -> dict[tuple[int, ...], int]:
    """Code 128's bar/space widths of each symbol value, from reportlab's own table."""
    if not _SYMBOLS:
        code = Code128(quiet=0)
        for value in range(107):
            code.encoded = [value]
            widths = tuple(ord(ch.lower()) - 96 for ch in code.decompose())
            _SYMBOLS[widths] = value
    return _SYMBOLS


def read_code128(row: list[int], module_px: float) -> str:
    """Decode one scan line (grey values) across a Code 128 symbol, checksum included."""
    runs: list[int] = []
    dark = [v < 128 for v in row]
    start = dark.index(True)
    end = len(dark) - dark[::-1].index(True)
    previous, width = dark[start], 0
    for pixel in dark[start:end]:
        if pixel == previous:
            width += 1
        else:
            runs.append(width)
            previous, width = pixel, 1
    runs.append(width)
    modules = [max(1, round(w / module_px)) for w in runs]
    table = _symbol_table()
    values = [table[tuple(modules[i : i + 6])] for i in range(0, len(modules) - 7, 6)]
    assert table[tuple(modules[-7:])] == 106, "no stop symbol"
    start_value, *data, check = values
    assert (start_value + sum(i * v for i, v in enumerate(data, start=1))) % 103 == check
    charset = {103: "A", 104: "B", 105: "C"}[start_value]
    switches = {("C", 100): "B", ("C", 101): "A", ("A", 99): "C", ("B", 99): "C",
                ("A", 100): "B", ("B", 101): "A"}  # fmt: skip
    text = ""
    for value in data:
        if (charset, value) in switches:
            charset = switches[charset, value]
        elif charset == "C":
            text += f"{value:02d}"
        else:  # printable ASCII in sets A and B alike (no control characters here)
            text += chr(value + 32)
    return text


def barcode_rows(pdf: bytes, page_number: int) -> tuple[list[list[int]], float]:
    """The scan lines through the two barcodes of a page rendered as the desk prints it,
    and a module's width in pixels."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[page_number]
        bitmap = page.render(scale=PRINT_DPI / 72, grayscale=True)
        image = bitmap.to_pil()
        width, height = image.size
        pixels = image.load()
        per_point = width / page.get_width()
        rows = []
        for half_top in (0, height / 2):
            # 5 mm above the barcode text, left half of the page only (the bars are there).
            y = int(half_top + (BARCODE_BASE - 8) * 72 / 25.4 * per_point)
            rows.append([pixels[x, y] for x in range(int(width * 0.62))])
        return rows, MODULE * per_point
    finally:
        document.close()


# -- letters -------------------------------------------------------------------------------


def test_two_letters_a_page_each_rt_on_its_own_sheets_for_cut_and_stack():
    text = pages_text(letters_pdf(RUN))
    # RT 001: five letters on three sheets (1+4, 2+5, 3); RT 002: two letters on one.
    assert len(text) == 4
    on_page = [[n for n in (*NAMES, "Fitri Handayani", "Gunawan") if n in t] for t in text]
    assert on_page == [
        ["Ani Susanti", "Dedi Kurniawan"],
        ["Bambang", "Eko Prasetyo"],
        ["Citra Lestari"],
        ["Fitri Handayani", "Gunawan"],
    ]
    assert "RT 001 / RW 003 · 4 dari 5" in text[0]
    assert "RT 002 / RW 003 · 2 dari 2" in text[3]


def test_each_letter_says_who_where_when_and_carries_its_barcode_text():
    text = pages_text(letters_pdf(RUN))
    first = text[0]
    for needed in (
        "PEMERINTAH KOTA MOJOKERTO",
        "DINAS KEPENDUDUKAN DAN CATATAN SIPIL",
        "Kepada Yth.",
        "Ani Susanti",
        "Jl. Majapahit No. 1, RT 001 / RW 003",
        "Kelurahan Meri, Kecamatan Magersari, Mojokerto",
        "SUP-MGS-01-000004/0001",
        "Mojokerto, 30 November 2026",
        "Senin, 7 Desember 2026",
        "08.00–15.00 WIB",
        "Kantor Kecamatan Magersari",
        "KTP lama",
        "tidak dapat diwakilkan",
        "UND-B20120903-3576021212800001",
        "UND-B20120903-3576021212800004",
    ):
        assert needed in first, needed
    assert first.count("Kepada Yth.") == 2
    assert "Jumat, 11 Desember 2026" in text[3] and "08.00–11.00 WIB" in text[3]
    barcodes = re.findall(r"UND-\S+", "\n".join(text))
    assert sorted(barcodes) == sorted(x.barcode for x in RUN.letters)


def test_the_barcodes_read_back_from_the_printed_page_and_stay_sharp():
    pdf = letters_pdf(RUN)
    rows, module_px = barcode_rows(pdf, 0)
    assert [read_code128(row, module_px) for row in rows] == [
        RUN.letters[0].barcode,
        RUN.letters[3].barcode,
    ]
    # Three pixels a module at 200 dpi, on the pixel grid: no bar edge is smeared over a
    # pixel. (pdfium rounds the page to whole pixels, so the grid drifts by a quarter pixel
    # at most across the code: edge pixels stay under a third grey.)
    assert round(module_px, 1) == 3.0
    for row in rows:
        assert not [v for v in row if 80 < v < 176]


def test_a_long_name_is_cut_to_the_letter_and_a_page_without_letters_says_so():
    long_name = "Raden Mas " + "Adiwijaya " * 9 + "Kusumanegara"
    run = InvitationLetters(**{**vars(RUN), "letters": (letter(1, long_name, "001"),)})
    text = pages_text(letters_pdf(run))[0]
    assert "Raden Mas Adiwijaya" in text and "…" in text and long_name not in text

    empty = InvitationLetters(**{**vars(RUN), "letters": ()})
    (only,) = pages_text(letters_pdf(empty))
    assert "Tidak ada surat undangan untuk Kelurahan Meri" in only


# -- cover list ----------------------------------------------------------------------------


def test_the_cover_list_has_a_summary_and_one_section_per_rt_with_signatures():
    cover: CoverList = cover_list_of(RUN)
    text = pages_text(cover_list_pdf(cover))
    assert len(text) == 3
    total = len(text)
    for number, page in enumerate(text, start=1):
        assert f"Hal. {number} dari {total}" in page
    assert "Ringkasan per RT" in text[0] and "Jumlah: 7 surat undangan untuk 2 RT" in text[0]
    rt1, rt2 = text[1], text[2]
    assert "Kelurahan Meri, Kecamatan Magersari — RT 001 / RW 003" in rt1
    assert all(name in rt1 for name in NAMES) and "Gunawan" not in rt1
    assert "Jl. Majapahit No. 3" in rt1 and "Senin, 7 Desember 2026" in rt1
    assert "Yang menerima," in rt1 and "Ketua RT 001 / RW 003" in rt1
    assert "sebanyak 5 lembar" in rt1
    assert "Fitri Handayani" in rt2 and "Jumat, 11 Desember 2026" in rt2
    assert "lembar 1 dari 1" in rt2


def test_a_single_rt_has_no_summary():
    one = InvitationLetters(**{**vars(RUN), "rw": "003", "letters": RUN.letters[5:]})
    text = pages_text(cover_list_pdf(cover_list_of(one)))
    assert len(text) == 1 and "Ringkasan" not in text[0] and "Gunawan" in text[0]
