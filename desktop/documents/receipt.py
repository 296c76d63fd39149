"""The handover receipt, "Tanda Terima KTP Elektronik", on A5 paper or an 80 mm roll.

The page is one reportlab Drawing built only from String, Line, Rect and a QR widget
drawn as a Path, because the counter prints it through Qt as SVG while the archive keeps
the PDF: those shapes look the same in both renderers. Long values are wrapped here, never clipped.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Group, Line, Path, Rect, String
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.handover import LABELS, OldKtp
from desktop.core.receipts import ReceiptData
from desktop.core.regions import regions
from desktop.documents.fonts import BOLD, REGULAR, register_fonts, svg_font_hacks
from desktop.documents.measure import wrap_words

Layout = Literal["a5", "roll80"]
Align = Literal["left", "center"]

TITLE = "TANDA TERIMA KTP ELEKTRONIK"
COPY_MARK = "SALINAN"
COPY_NOTE = "Salinan — bukan tanda terima asli"
STATEMENT = "Telah diterima KTP Elektronik atas nama tersebut di atas oleh pemiliknya sendiri."
FOOTER = "Kartu tidak boleh difotokopi. Simpan tanda terima ini."
HEADING = ("PEMERINTAH KOTA MOJOKERTO", "DINAS KEPENDUDUKAN DAN CATATAN SIPIL")

_ZONES = {
    timedelta(hours=7): "WIB",
    timedelta(hours=8): "WITA",
    timedelta(hours=9): "WIT",
}


@dataclass(frozen=True)
class _Style:
    """Sizes in points for one paper. Font sizes are whole points: Qt's SVG renderer
    rounds a font size to an integer, so 8.5 pt text would print wider than the PDF's."""

    width: float
    height: float
    margin_x: float
    margin_top: float
    margin_bottom: float
    heading: float  # the two bold lines of the letterhead
    office: float
    title: float
    body: float
    small: float
    stamp: float  # the SALINAN mark
    qr: float
    signature_space: float  # blank height to sign in
    signature_line: float
    wide: bool  # A5: QR beside the fields, signatures side by side, footer at the bottom

    def leading(self, size: float) -> float:
        return round(size * 1.3, 2)


_STYLES: dict[str, _Style] = {
    "a5": _Style(
        width=A5[0],
        height=A5[1],
        margin_x=12 * mm,
        margin_top=10 * mm,
        margin_bottom=10 * mm,
        heading=11,
        office=10,
        title=13,
        body=10,
        small=9,
        stamp=16,
        qr=27 * mm,
        signature_space=34,
        signature_line=150,
        wide=True,
    ),
    "roll80": _Style(
        width=80 * mm,
        height=265 * mm,
        margin_x=4 * mm,
        margin_top=5 * mm,
        margin_bottom=5 * mm,
        heading=8,
        office=8,
        title=10,
        body=8,
        small=8,
        stamp=14,
        qr=25 * mm,
        signature_space=30,
        signature_line=140,
        wide=False,
    ),
}


def page_size(layout: Layout) -> tuple[float, float]:
    """Width and height of the paper in points: A5 portrait, or 80 mm roll cut at 265 mm."""
    style = _style(layout)
    return style.width, style.height


def build_receipt(data: ReceiptData, layout: Layout = "a5") -> Drawing:
    """The whole receipt page as one Drawing, ready for renderPDF or renderSVG."""
    register_fonts()
    style = _style(layout)
    sheet = _Sheet(style)
    _letterhead(sheet, data)
    if style.wide:
        _wide_body(sheet, data)
    else:
        _narrow_body(sheet, data)
    return sheet.drawing


def receipt_pdf(data: ReceiptData, layout: Layout = "a5") -> bytes:
    """The receipt as a one-page PDF with the fonts embedded."""
    return renderPDF.drawToString(build_receipt(data, layout))


def receipt_svg(data: ReceiptData, layout: Layout = "a5") -> str:
    """The receipt as SVG for Qt to print.

    Fonts are named by their real family so Qt finds them; the page clip is an attribute
    rather than a <clipPath>, which QSvgRenderer paints as a black page; the viewBox is
    exact so the page maps 1:1 onto the printer's page.
    """
    drawing = build_receipt(data, layout)
    return renderSVG.drawToString(
        drawing,
        fontHacks=svg_font_hacks(),
        useClip=True,
        svgAttrs={"viewBox": f"0 0 {drawing.width:.3f} {drawing.height:.3f}"},
    )


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break text into lines no wider than width; a word longer than a line is split."""

    def split(word: str) -> list[str]:
        pieces = []
        while stringWidth(word, font, size) > width:
            cut = _longest_prefix(word, font, size, width)
            pieces.append(word[:cut])
            word = word[cut:]
        return [*pieces, word]

    return wrap_words(text, font, size, width, long_word=split) or [""]


def format_issued_at(iso: str) -> str:
    """`2012-09-10T08:15:00+07:00` → `10-09-2012 08:15 WIB`; other offsets are spelled out."""
    moment = datetime.fromisoformat(iso)
    text = moment.strftime("%d-%m-%Y %H:%M")
    offset = moment.utcoffset()
    if offset is None:
        return text
    zone = _ZONES.get(offset)
    if zone is None:
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        hours, minutes = divmod(abs(minutes), 60)
        zone = f"UTC{sign}{hours:02d}:{minutes:02d}"
    return f"{text} {zone}"


def format_date(iso: str) -> str:
    """An ISO date as DD-MM-YYYY; anything else is printed as given."""
    try:
        return date.fromisoformat(iso).strftime("%d-%m-%Y")
    except ValueError:
        return iso


def receipt_fields(data: ReceiptData) -> list[tuple[str, list[str]]]:
    """The label: value rows of the receipt; a value may have several paragraphs."""
    try:
        old_ktp = LABELS[OldKtp(data.old_ktp)]
    except ValueError:
        old_ktp = data.old_ktp
    old_ktp_lines = [old_ktp]
    if data.old_ktp == OldKtp.LOST:
        old_ktp_lines.append(f"No. surat kepolisian: {data.police_letter or '-'}")
    site = regions().sites.get(data.site)
    place = site.short if site else data.office_name
    return [
        ("Nomor tanda terima", [data.receipt_no]),
        ("Tanggal dan jam", [format_issued_at(data.issued_at)]),
        ("Tempat layanan", [f"{place}, Loket {data.workstation}"]),
        ("NIK", [data.nik]),
        ("Nama", [data.nama]),
        ("Tempat/tanggal lahir", [f"{data.tempat_lahir}, {format_date(data.tanggal_lahir)}"]),
        (
            "Alamat",
            [
                data.alamat,
                f"RT {_padded(data.rt)} / RW {_padded(data.rw)}",
                f"Kel. {data.kelurahan}, Kec. {data.kecamatan}",
            ],
        ),
        ("KTP lama", old_ktp_lines),
        ("Petugas", [data.operator_name]),
    ]


def _style(layout: str) -> _Style:
    try:
        return _STYLES[layout]
    except KeyError:
        raise ValueError(f"Unknown receipt layout {layout!r}; use 'a5' or 'roll80'.") from None


def _does_not_fit() -> ValueError:
    return ValueError(
        "The receipt does not fit on the paper: shorten the name or address in the register "
        "(the name at most 60 characters, the address at most 120)."
    )


def _padded(number: str) -> str:
    return number.zfill(3) if number.isdigit() else number


def _longest_prefix(word: str, font: str, size: float, width: float) -> int:
    cut = 1
    while cut < len(word) and stringWidth(word[: cut + 1], font, size) <= width:
        cut += 1
    return cut


class _Sheet:
    """A drawing filled from the top down: `y` is the top of the space still free."""

    def __init__(self, style: _Style) -> None:
        self.style = style
        # Without an initial font the PDF canvas would reference Helvetica, though unused.
        self.drawing = Drawing(style.width, style.height, initialFontName=REGULAR)
        self.left = style.margin_x
        self.right = style.width - style.margin_x
        self.bottom = style.margin_bottom
        self.y = style.height - style.margin_top

    def text_lines(
        self,
        lines: list[str],
        font: str,
        size: float,
        left: float | None = None,
        right: float | None = None,
        align: Align = "left",
    ) -> None:
        left = self.left if left is None else left
        right = self.right if right is None else right
        for line in lines:
            self.string(line, font, size, left, right, align, self.y - size)
            self.y -= self.style.leading(size)

    def paragraph(
        self,
        text: str,
        font: str,
        size: float,
        left: float | None = None,
        right: float | None = None,
        align: Align = "left",
    ) -> None:
        left = self.left if left is None else left
        right = self.right if right is None else right
        self.text_lines(wrap_text(text, font, size, right - left), font, size, left, right, align)

    def string(
        self, text: str, font: str, size: float, left: float, right: float, align: Align, y: float
    ) -> None:
        # renderSVG truncates 2*y to whole points when it flips text upright; on half
        # points the SVG that Qt prints puts every line exactly where the PDF does.
        # Rounding down keeps the text inside the top margin.
        y = math.floor(y * 2) / 2
        if align == "center":
            middle = (left + right) / 2
            shape = String(middle, y, text, fontName=font, fontSize=size, textAnchor="middle")
            self.drawing.add(shape)
        else:
            self.drawing.add(String(left, y, text, fontName=font, fontSize=size))

    def rule(self, width: float = 0.6, before: float = 0, after: float = 0) -> None:
        self.y -= before
        self.drawing.add(Line(self.left, self.y, self.right, self.y, strokeWidth=width))
        self.y -= after

    def space(self, height: float) -> None:
        self.y -= height

    def check_fits(self, lowest: float) -> None:
        if lowest < self.bottom - 0.01:
            raise _does_not_fit()


def _letterhead(sheet: _Sheet, data: ReceiptData) -> None:
    style = sheet.style
    for line in HEADING:
        sheet.paragraph(line, BOLD, style.heading, align="center")
    sheet.paragraph(data.office_name, REGULAR, style.office, align="center")
    sheet.paragraph(data.office_address, REGULAR, style.small, align="center")
    sheet.rule(1.4, before=2)
    sheet.rule(0.5, before=1.6, after=7 if style.wide else 6)


class ReceiptQr(QrCodeWidget):
    """A QrCodeWidget drawn as one Path instead of one Rect per run of dark modules.

    It renders in half the time, and Qt's antialiasing leaves no hairline seams between
    rows of a single filled path as it can between touching rectangles.
    """

    def draw(self) -> Group:
        self.qr.make()
        count = self.qr.getModuleCount()
        module = min(self.barWidth, self.barHeight) / (count + 2 * self.barBorder)
        left = self.x + self.barBorder * module
        top = self.y + self.barHeight - self.barBorder * module
        path = Path(fillColor=self.barFillColor, strokeColor=None, strokeWidth=0)
        for row, modules in enumerate(self.qr.modules):
            y = top - (row + 1) * module
            column = 0
            for dark, run in itertools.groupby(modules, key=bool):
                length = len(list(run))
                if dark:
                    x0, x1 = left + column * module, left + (column + length) * module
                    path.moveTo(x0, y)
                    path.lineTo(x1, y)
                    path.lineTo(x1, y + module)
                    path.lineTo(x0, y + module)
                    path.closePath()
                column += length
        return Group(path)


def _qr(data: ReceiptData, x: float, y: float, size: float) -> QrCodeWidget:
    return ReceiptQr(data.qr_text(), barLevel="M", barWidth=size, barHeight=size, x=x, y=y)


def _copy_mark(sheet: _Sheet, left: float, right: float, align: Align) -> None:
    """A boxed SALINAN with the note beside it (A5) or under it (roll)."""
    style = sheet.style
    pad = 4
    text_width = stringWidth(COPY_MARK, BOLD, style.stamp)
    box_width = text_width + 2 * pad
    box_height = style.stamp * 1.2 + 2 * pad
    box_left = left if align == "left" else (left + right - box_width) / 2
    top = sheet.y
    sheet.drawing.add(
        Rect(box_left, top - box_height, box_width, box_height, strokeWidth=1.6, fillColor=None)
    )
    baseline = top - pad - style.stamp
    sheet.string(COPY_MARK, BOLD, style.stamp, box_left + pad, box_left + pad, "left", baseline)
    if align == "left":
        note_left = box_left + box_width + 8
        lines = wrap_text(COPY_NOTE, BOLD, style.small, right - note_left)
        block = len(lines) * style.leading(style.small)
        sheet.y = top - max(0, (box_height - block) / 2)
        sheet.text_lines(lines, BOLD, style.small, note_left, right)
        sheet.y = min(sheet.y, top - box_height)
    else:
        sheet.y = top - box_height - 3
        sheet.paragraph(COPY_NOTE, BOLD, style.small, left, right, align="center")


def _fields(sheet: _Sheet, data: ReceiptData, narrow_above: float, narrow_right: float) -> None:
    """Label: value rows; rows that start above `narrow_above` end at `narrow_right`."""
    style = sheet.style
    size = style.body
    leading = style.leading(size)
    rows = receipt_fields(data)
    label_width = max(stringWidth(label, REGULAR, size) for label, _ in rows)
    colon_x = sheet.left + label_width + 4
    value_x = colon_x + stringWidth(": ", REGULAR, size)
    for label, paragraphs in rows:
        right = narrow_right if sheet.y > narrow_above else sheet.right
        top = sheet.y
        sheet.string(label, REGULAR, size, sheet.left, colon_x, "left", top - size)
        sheet.string(":", REGULAR, size, colon_x, colon_x, "left", top - size)
        for paragraph in paragraphs:
            font = BOLD if label == "Nama" else REGULAR
            sheet.paragraph(paragraph or "-", font, size, value_x, right)
        sheet.y = min(sheet.y, top - leading) - leading * 0.2


def _signature(
    sheet: _Sheet, caption: str, name: str, left: float, right: float, top: float
) -> None:
    """Caption, room to sign, a line and the name under it."""
    style = sheet.style
    size = style.body
    sheet.y = top
    sheet.paragraph(caption, REGULAR, size, left, right, align="center")
    sheet.y -= style.signature_space
    middle = (left + right) / 2
    half = min(style.signature_line, right - left) / 2
    sheet.drawing.add(Line(middle - half, sheet.y, middle + half, sheet.y, strokeWidth=0.6))
    sheet.y -= 3
    sheet.paragraph(name, BOLD, style.small, left, right, align="center")


def _signature_height(sheet: _Sheet, name: str, width: float) -> float:
    style = sheet.style
    lines = len(wrap_text(name, BOLD, style.small, width))
    return (
        style.leading(style.body) + lines * style.leading(style.small) + style.signature_space + 3
    )


def _wide_body(sheet: _Sheet, data: ReceiptData) -> None:
    """A5: title and fields with the QR block at the right; signatures and footer at the
    foot of the page."""
    style = sheet.style
    code = data.check_code()
    code_width = stringWidth(code, BOLD, style.body)
    column = max(style.qr, code_width)
    column_left = sheet.right - column
    top = sheet.y
    sheet.drawing.add(_qr(data, column_left + (column - style.qr) / 2, top - style.qr, style.qr))
    sheet.y = top - style.qr - 2
    sheet.paragraph("Kode periksa:", REGULAR, style.small, column_left, sheet.right, "center")
    sheet.paragraph(code, BOLD, style.body, column_left, sheet.right, "center")
    qr_bottom = sheet.y

    text_right = column_left - 10
    sheet.y = top
    sheet.paragraph(TITLE, BOLD, style.title, right=text_right)
    sheet.space(4)
    if data.copy:
        _copy_mark(sheet, sheet.left, text_right, "left")
        sheet.space(6)
    else:
        sheet.space(4)
    _fields(sheet, data, qr_bottom, text_right)
    sheet.y = min(sheet.y, qr_bottom) - 6
    sheet.paragraph(STATEMENT, REGULAR, style.body)
    content_bottom = sheet.y

    # The foot: a rule and the footer at the bottom margin, signatures above them.
    footer_lines = wrap_text(FOOTER, REGULAR, style.small, sheet.right - sheet.left)
    footer_height = len(footer_lines) * style.leading(style.small)
    sheet.y = sheet.bottom + footer_height
    foot_top = sheet.y + 6
    sheet.drawing.add(Line(sheet.left, foot_top, sheet.right, foot_top, strokeWidth=0.5))
    sheet.text_lines(footer_lines, REGULAR, style.small, align="center")

    gap = 16
    half = (sheet.right - sheet.left - gap) / 2
    columns = [
        ("Yang menerima,", data.nama, sheet.left, sheet.left + half),
        ("Petugas,", data.operator_name, sheet.right - half, sheet.right),
    ]
    height = max(_signature_height(sheet, name, half) for _, name, _, _ in columns)
    signatures_top = foot_top + 10 + height
    if signatures_top > content_bottom - 10:
        raise _does_not_fit()
    for caption, name, left, right in columns:
        _signature(sheet, caption, name, left, right, signatures_top)


def _narrow_body(sheet: _Sheet, data: ReceiptData) -> None:
    """The 80 mm roll: everything in one column, signatures stacked, QR near the end."""
    style = sheet.style
    sheet.paragraph(TITLE, BOLD, style.title, align="center")
    sheet.space(4)
    if data.copy:
        _copy_mark(sheet, sheet.left, sheet.right, "center")
        sheet.space(4)
    _fields(sheet, data, sheet.y, sheet.right)
    sheet.space(4)
    sheet.paragraph(STATEMENT, REGULAR, style.body)
    sheet.space(10)
    for caption, name in (("Yang menerima,", data.nama), ("Petugas,", data.operator_name)):
        _signature(sheet, caption, name, sheet.left, sheet.right, sheet.y)
        sheet.space(10)
    middle = (sheet.left + sheet.right) / 2
    sheet.drawing.add(_qr(data, middle - style.qr / 2, sheet.y - style.qr, style.qr))
    sheet.y -= style.qr + 2
    sheet.paragraph(f"Kode periksa: {data.check_code()}", BOLD, style.body, align="center")
    sheet.rule(0.5, before=2, after=4)
    sheet.paragraph(FOOTER, REGULAR, style.small, align="center")
    sheet.check_fits(sheet.y)
