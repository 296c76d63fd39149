"""Tests for desktop.documents.receipt: real PDFs read back with pypdf, the Drawing's
geometry, and the SVG painted by Qt the way the counter prints it."""

from __future__ import annotations

import io
import itertools
import os
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Line, Path, Rect, String
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from desktop.core.handover import LABELS, OldKtp
from desktop.core.receipts import ReceiptData
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.receipt import (
    COPY_NOTE,
    FOOTER,
    HEADING,
    STATEMENT,
    TITLE,
    build_receipt,
    format_date,
    format_issued_at,
    page_size,
    receipt_fields,
    receipt_pdf,
    receipt_svg,
    wrap_text,
)

LAYOUTS = ["a5", "roll80"]
# The printable area the papers must keep to: office printers need ~10 mm on A5, an
# 80 mm thermal head prints the middle 72 mm.
MARGIN = {"a5": 10 * mm, "roll80": 4 * mm}

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
LONG_NAME = "RADEN AJENG SRI WAHYUNINGSIH KUSUMAWARDHANI PUSPITASARI DEWI"
LONG_ADDRESS = (
    "PERUMAHAN GRIYA PERMATA MOJOKERTO INDAH BLOK C-17 NOMOR 123A GANG MAWAR MERAH "
    "JALAN RAYA BY PASS KEDUNDUNG UJUNG SELATAN"
)
POLICE_LETTER = "SKH/1234/IX/2012/SPKT Polresta Mojokerto"
# The worst case the papers are designed for: every long value at once, at the Dinas
# (whose office name is the longest), lost KTP, reprinted as a copy.
LONG = replace(
    RECEIPT,
    site="DSP",
    office_name="Kantor Dinas Kependudukan dan Catatan Sipil Kota Mojokerto",
    office_address="Jl. Bhayangkara No. 5, Kota Mojokerto",
    nama=LONG_NAME,
    alamat=LONG_ADDRESS,
    old_ktp=OldKtp.LOST.value,
    police_letter=POLICE_LETTER,
    copy=True,
)


def test_long_sample_is_as_long_as_promised() -> None:
    assert len(LONG_NAME) == 60
    assert len(LONG_ADDRESS) == 120


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def strings(drawing: Drawing) -> list[String]:
    return [shape for shape in drawing.contents if isinstance(shape, String)]


def qr_widgets(drawing: Drawing) -> list[QrCodeWidget]:
    return [shape for shape in drawing.contents if isinstance(shape, QrCodeWidget)]


def box(shape: String) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a String: its advance width, from descender to font size."""
    return shape.getBounds()


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("data", [RECEIPT, LONG], ids=["short", "long"])
def test_every_label_and_value_is_printed(layout: str, data: ReceiptData) -> None:
    text = pdf_text(receipt_pdf(data, layout))
    for label, paragraphs in receipt_fields(data):
        assert label in text
        for paragraph in paragraphs:
            assert paragraph in text
    for line in (*HEADING, data.office_name, data.office_address, TITLE, STATEMENT, FOOTER):
        assert line in text
    assert "Yang menerima," in text
    assert "Petugas," in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_values_are_formatted_for_the_reader(layout: str) -> None:
    text = pdf_text(receipt_pdf(RECEIPT, layout))
    for expected in (
        "MGS-01-000123",
        "10-09-2012 08:15 WIB",
        "Magersari, Loket 1",
        "3576024509870003",
        "SITI AMINAH",
        "MOJOKERTO, 05-09-1987",
        "JL. MERAK NO. 12",
        "RT 001 / RW 002",
        "Kel. Magersari, Kec. Magersari",
        LABELS[OldKtp.WITHDRAWN],
        "Budi Santoso",
    ):
        assert expected in text


def test_service_place_uses_the_site_short_name() -> None:
    fields = dict(receipt_fields(replace(RECEIPT, site="DSP", workstation=3)))
    assert fields["Tempat layanan"] == ["Dispendukcapil, Loket 3"]
    unknown = dict(receipt_fields(replace(RECEIPT, site="XYZ", office_name="Kantor Baru")))
    assert unknown["Tempat layanan"] == ["Kantor Baru, Loket 1"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_copy_says_so_and_an_original_does_not(layout: str) -> None:
    copy = pdf_text(receipt_pdf(replace(RECEIPT, copy=True), layout))
    original = pdf_text(receipt_pdf(RECEIPT, layout))
    assert "SALINAN" in copy
    assert COPY_NOTE in copy
    assert "salinan" not in original.lower()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("data", [RECEIPT, LONG], ids=["short", "long"])
def test_printed_check_code_is_the_receipts(layout: str, data: ReceiptData) -> None:
    text = pdf_text(receipt_pdf(data, layout))
    assert re.findall(r"Kode periksa: ([0-9A-F]{5}-[0-9A-F]{5})", text) == [data.check_code()]


def test_a_copy_has_the_same_check_code_as_the_original() -> None:
    assert replace(RECEIPT, copy=True).check_code() == RECEIPT.check_code()
    assert RECEIPT.check_code() in pdf_text(receipt_pdf(replace(RECEIPT, copy=True)))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_lost_ktp_shows_the_police_letter(layout: str) -> None:
    lost = replace(RECEIPT, old_ktp=OldKtp.LOST.value, police_letter="SKH/77/IX/2012")
    text = pdf_text(receipt_pdf(lost, layout))
    assert LABELS[OldKtp.LOST] in text
    assert "No. surat kepolisian: SKH/77/IX/2012" in text
    assert "kepolisian" not in pdf_text(receipt_pdf(RECEIPT, layout))


def test_first_time_applicant_is_labelled() -> None:
    first = replace(RECEIPT, old_ktp=OldKtp.NONE.value)
    assert LABELS[OldKtp.NONE] in pdf_text(receipt_pdf(first))


@pytest.mark.parametrize(
    ("layout", "size"), [("a5", A5), ("roll80", (80 * mm, None))]
)  # fmt: skip
def test_page_size(layout: str, size: tuple[float, float | None]) -> None:
    width, height = page_size(layout)
    assert width == pytest.approx(size[0])
    if size[1] is not None:
        assert height == pytest.approx(size[1])
    box = PdfReader(io.BytesIO(receipt_pdf(RECEIPT, layout))).pages[0].mediabox
    assert float(box.width) == pytest.approx(width, abs=0.01)
    assert float(box.height) == pytest.approx(height, abs=0.01)
    drawing = build_receipt(RECEIPT, layout)
    assert (drawing.width, drawing.height) == (width, height)


def test_roll_is_portrait_and_a5_is_portrait() -> None:
    for layout in LAYOUTS:
        width, height = page_size(layout)
        assert height > width


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("data", [RECEIPT, LONG, replace(RECEIPT, copy=True)])
def test_text_stays_on_the_page_and_never_overlaps(layout: str, data: ReceiptData) -> None:
    drawing = build_receipt(data, layout)
    width, height = page_size(layout)
    boxes = [box(s) for s in strings(drawing)]
    for (x0, y0, x1, y1), shape in zip(boxes, strings(drawing), strict=True):
        assert x0 >= MARGIN[layout] - 0.01, shape.text
        assert x1 <= width - MARGIN[layout] + 0.01, shape.text
        assert y0 >= MARGIN[layout] and y1 <= height - MARGIN[layout], shape.text
    for (a, sa), (b, sb) in itertools.combinations(zip(boxes, strings(drawing), strict=True), 2):
        assert not overlap(a, b), (sa.text, sb.text)
    (qr,) = qr_widgets(drawing)
    qr_box = (qr.x, qr.y, qr.x + qr.barWidth, qr.y + qr.barHeight)
    assert qr_box[0] >= MARGIN[layout] and qr_box[2] <= width - MARGIN[layout]
    for b, s in zip(boxes, strings(drawing), strict=True):
        assert not overlap(b, qr_box), s.text


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("data", [RECEIPT, LONG])
def test_rules_and_boxes_do_not_cross_text(layout: str, data: ReceiptData) -> None:
    drawing = build_receipt(data, layout)
    boxes = {s.text: box(s) for s in strings(drawing)}
    for line in (s for s in drawing.contents if isinstance(s, Line)):
        assert line.y1 == line.y2  # only horizontal rules and signature lines
        for text, (x0, y0, x1, y1) in boxes.items():
            crosses = x0 < max(line.x1, line.x2) and min(line.x1, line.x2) < x1
            assert not (crosses and y0 < line.y1 < y1), text
    for rect in (s for s in drawing.contents if isinstance(s, Rect)):
        area = (rect.x, rect.y, rect.x + rect.width, rect.y + rect.height)
        inside = [text for text, b in boxes.items() if overlap(b, area)]
        assert inside == ["SALINAN"]
        x0, y0, x1, y1 = boxes["SALINAN"]
        assert area[0] < x0 and x1 < area[2] and area[1] < y0 and y1 < area[3]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_long_name_and_address_wrap(layout: str) -> None:
    short = [s.text for s in strings(build_receipt(RECEIPT, layout))]
    long = [s.text for s in strings(build_receipt(LONG, layout))]
    assert RECEIPT.nama in short
    assert LONG_NAME not in long
    assert LONG_ADDRESS not in long
    # the name is wrapped in the fields and again under the signature line
    first_word, last_word = LONG_NAME.split()[0], LONG_NAME.split()[-1]
    assert sum(t.startswith(first_word) for t in long) == 2
    assert sum(t.endswith(last_word) for t in long) == 2
    assert not any(t.startswith(first_word) and t.endswith(last_word) for t in long)
    address_lines = [t for t in long if t in LONG_ADDRESS]
    assert " ".join(address_lines) == LONG_ADDRESS


def test_a_receipt_that_cannot_fit_is_refused_with_advice() -> None:
    huge = replace(RECEIPT, alamat="JALAN PANJANG SEKALI " * 40)
    for layout in LAYOUTS:
        with pytest.raises(ValueError, match="shorten the name or address"):
            build_receipt(huge, layout)


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="roll80"):
        page_size("a4")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="roll80"):
        build_receipt(RECEIPT, "letter")  # type: ignore[arg-type]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_encodes_the_receipt_number_and_check_code(layout: str) -> None:
    (qr,) = qr_widgets(build_receipt(LONG, layout))
    assert qr.value == LONG.qr_text()
    assert qr.value == f"LOKET-TT1|{LONG.receipt_no}|{LONG.check_code()}"
    assert qr.barWidth >= 24 * mm  # big enough for a phone camera on a thermal print


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_path_paints_exactly_the_dark_modules(layout: str) -> None:
    (qr,) = qr_widgets(build_receipt(RECEIPT, layout))
    (path,) = qr.draw().contents
    assert isinstance(path, Path)
    count = qr.qr.getModuleCount()
    module = qr.barWidth / (count + 2 * qr.barBorder)
    left = qr.x + qr.barBorder * module
    top = qr.y + qr.barHeight - qr.barBorder * module
    painted = set()
    points = list(zip(path.points[::2], path.points[1::2], strict=True))
    for corners in (points[i : i + 4] for i in range(0, len(points), 4)):
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        row = round((top - max(ys)) / module)
        first, last = round((min(xs) - left) / module), round((max(xs) - left) / module)
        assert round((max(ys) - min(ys)) / module) == 1
        painted |= {(row, column) for column in range(first, last)}
    dark = {(r, c) for r, row in enumerate(qr.qr.modules) for c, on in enumerate(row) if on}
    assert painted == dark


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_uses_the_shipped_dejavu_fonts(layout: str) -> None:
    page = PdfReader(io.BytesIO(receipt_pdf(LONG, layout))).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert fonts
    assert all(re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", font) for font in fonts), fonts
    families = {s.fontName for s in strings(build_receipt(LONG, layout))}
    assert families == {REGULAR, BOLD}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_svg_names_the_font_family_and_has_the_text(layout: str) -> None:
    svg = receipt_svg(LONG, layout)
    assert svg.startswith("<?xml")
    assert "RADEN AJENG SRI" in svg
    assert RECEIPT.nama in receipt_svg(RECEIPT, layout)
    assert "font-family: DejaVu Sans" in svg
    assert "font-weight: bold" in svg
    # QSvgRenderer paints a <clipPath> rectangle as a black page
    assert "<clipPath" not in svg


def test_register_fonts_is_idempotent() -> None:
    register_fonts()
    register_fonts()
    names = pdfmetrics.getRegisteredFontNames()
    assert names.count(REGULAR) == 1
    assert names.count(BOLD) == 1


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2012-09-10T08:15:00+07:00", "10-09-2012 08:15 WIB"),
        ("2012-09-10T08:15:59+08:00", "10-09-2012 08:15 WITA"),
        ("2012-09-10T16:05:00+09:00", "10-09-2012 16:05 WIT"),
        ("2012-09-10T08:15:00+05:30", "10-09-2012 08:15 UTC+05:30"),
        ("2012-09-10T01:15:00Z", "10-09-2012 01:15 UTC+00:00"),
        ("2012-09-10T08:15:00-03:00", "10-09-2012 08:15 UTC-03:00"),
        ("2012-09-10T08:15:00", "10-09-2012 08:15"),
    ],
)
def test_issued_at_is_shown_in_local_time_with_its_zone(iso: str, expected: str) -> None:
    assert format_issued_at(iso) == expected


def test_birth_date_is_day_month_year() -> None:
    assert format_date("1987-09-05") == "05-09-1987"
    assert format_date("tidak diketahui") == "tidak diketahui"


def test_wrap_text_keeps_to_the_width() -> None:
    register_fonts()
    lines = wrap_text(LONG_ADDRESS, REGULAR, 10, 150)
    assert len(lines) > 1
    assert " ".join(lines) == LONG_ADDRESS
    assert all(pdfmetrics.stringWidth(line, REGULAR, 10) <= 150 for line in lines)
    assert wrap_text("", REGULAR, 10, 150) == [""]
    assert wrap_text("pendek", REGULAR, 10, 150) == ["pendek"]


def test_wrap_text_splits_a_word_longer_than_the_line() -> None:
    register_fonts()
    word = "X" * 80
    lines = wrap_text(f"a {word} b", BOLD, 10, 100)
    assert "".join(lines).replace(" ", "") == f"a{word}b"
    assert all(pdfmetrics.stringWidth(line, BOLD, 10) <= 100 for line in lines)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qt_paints_the_svg_as_a_white_page_with_ink_inside_the_margins(layout: str) -> None:
    """The counter prints the SVG through QSvgRenderer; it must look like the PDF."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qt_widgets = pytest.importorskip("PySide6.QtWidgets")
    qt_core = pytest.importorskip("PySide6.QtCore")
    qt_gui = pytest.importorskip("PySide6.QtGui")
    qt_svg = pytest.importorskip("PySide6.QtSvg")
    _app = qt_widgets.QApplication.instance() or qt_widgets.QApplication([])
    width, height = page_size(layout)
    scale = 2  # 144 dpi
    image = qt_gui.QImage(
        int(width * scale), int(height * scale), qt_gui.QImage.Format.Format_Grayscale8
    )
    image.fill(255)
    renderer = qt_svg.QSvgRenderer(qt_core.QByteArray(receipt_svg(LONG, layout).encode()))
    assert renderer.isValid()
    painter = qt_gui.QPainter(image)
    renderer.render(painter, qt_core.QRectF(0, 0, image.width(), image.height()))
    painter.end()

    ink_rows, ink_columns, dark = [], [], 0
    for y in range(image.height()):
        row = bytes(image.constScanLine(y))[: image.width()]
        columns = [x for x, value in enumerate(row) if value < 128]
        if columns:
            ink_rows.append(y)
            ink_columns += (columns[0], columns[-1])
            dark += len(columns)
    assert 0.01 < dark / (image.width() * image.height()) < 0.3
    margin = MARGIN[layout] * scale
    assert min(ink_columns) >= margin - 1 and max(ink_columns) <= image.width() - margin + 1
    assert min(ink_rows) >= margin - 1 and max(ink_rows) <= image.height() - margin + 1
