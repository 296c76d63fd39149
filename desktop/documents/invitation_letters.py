"""Invitation letters (surat undangan pengambilan KTP-el), two to an A4 page, and the
cover list the RT/RW heads sign when they receive them.

Letters: each half of a portrait A4 sheet is one letter, with a dashed cut line between.
Every RT starts on a sheet of its own and its letters are laid out for cut-and-stack:
the top halves carry the RT's first half of letters, the bottom halves the rest, so
after one cut through the RT's sheets the bottom pile goes under the top pile and the
letters run by name again. A small line at each letter's foot says which RT it belongs
to and its place there, so a pile can be checked.

A kelurahan is thousands of letters, so they are drawn on the canvas directly (no
platypus): the parts that are the same on every letter (heading, labels, the notes, the
cut line) are drawn once into a PDF form and placed on each half, and only the name,
address, day, number and barcode are drawn per letter. The barcode is Code 128 of
`UND-<card id>` (what the counter's scanner types), with its text under it; its bars
are 0.381 mm wide, three pixels at the 200 dpi the desk prints at, placed on that
pixel grid, so the printed edges stay sharp.

Cover list: per RT within RW, on pages of its own, the names, addresses and pickup
days, with lines for the officer who hands the letters over and the RT head who
receives them; "Hal. x dari y" at the foot, like every other A4 paper.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.invitations import (
    OFFICE_HOURS,
    CoverList,
    InvitationLetters,
    Letter,
    RtGroup,
    long_date,
    plain_date,
)
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.measure import wrap_words
from desktop.documents.paper import (
    GREY,
    HEADER_FILL,
    HEADING,
    PAD,
    PLACE,
    ZEBRA,
    Section,
    SectionedCanvas,
    build_a4,
    escape,
    fit,
    paper_styles,
    summary_table_commands,
    wrap,
)

LETTER_TITLE = "Surat Undangan Pengambilan KTP-el"
COVER_TITLE = "Daftar Penerimaan Surat Undangan Pengambilan KTP-el"

PAGE_W, PAGE_H = A4
HALF = PAGE_H / 2
SIDE = 18 * mm  # left and right margin of a letter
TEXT_W = PAGE_W - 2 * SIDE
# The desk prints pages as 200 dpi images: a module of three pixels, on the pixel grid.
PIXEL = 72 / 200
MODULE = 3 * PIXEL  # 1.08 pt = 0.381 mm
BAR_HEIGHT = 13 * mm
QUIET = 12 * MODULE  # white space left and right of the bars (Code 128 asks for 10)


def _y(from_top_mm: float) -> float:
    """A baseline `from_top_mm` below the top edge of a half page (form coordinates)."""
    return HALF - from_top_mm * mm


def _snap(x: float) -> float:
    """`x` on the 200 dpi pixel grid."""
    return round(x / PIXEL) * PIXEL


# -- letters ---------------------------------------------------------------------------


NOTES = (
    "KTP-el hanya diserahkan kepada pemiliknya sendiri dan tidak dapat diwakilkan.",
    "Bawa surat undangan ini dan KTP lama (bila hilang: surat keterangan kehilangan dari "
    "kepolisian).",
    "Bila berhalangan pada hari itu, datanglah pada hari kerja sesudahnya pada jam yang sama.",
)
INTRO = (
    "Dengan hormat, KTP-el Saudara/i sudah selesai dicetak. Kami mengundang Saudara/i "
    "datang sendiri untuk mengambilnya pada:"
)
LABEL_X = SIDE + 4 * mm  # the labels inside the box
VALUE_X = SIDE + 34 * mm  # and their values
BOX_TOP, BOX_BOTTOM = 71.0, 96.5  # mm from the half's top
NOTES_TOP = 101.5
BARCODE_BASE = 140.5  # the barcode text's baseline, mm from the half's top


def _heading(c: Canvas, office: str, address: str) -> None:
    centre = PAGE_W / 2
    c.setFont(BOLD, 10.5)
    c.drawCentredString(centre, _y(12), HEADING[0])
    c.setFont(BOLD, 12)
    c.drawCentredString(centre, _y(17.5), HEADING[1])
    c.setFont(REGULAR, 8.5)
    c.drawCentredString(centre, _y(22), fit(f"{office} · {address}", TEXT_W, REGULAR, 8.5))
    c.setLineWidth(1.2)
    c.line(SIDE, _y(24.5), PAGE_W - SIDE, _y(24.5))
    c.setLineWidth(0.4)
    c.line(SIDE, _y(25.3), PAGE_W - SIDE, _y(25.3))


def _static_letter(c: Canvas, run: InvitationLetters) -> None:
    """Everything that is the same on every letter of the run, in half-page coordinates."""
    _heading(c, run.office, run.office_address)
    c.setFont(REGULAR, 9.5)
    c.drawString(SIDE, _y(31), "Nomor")
    c.drawString(SIDE + 18 * mm, _y(31), ":")
    c.drawString(SIDE, _y(35.5), "Perihal")
    c.drawString(SIDE + 18 * mm, _y(35.5), ":")
    c.setFont(BOLD, 9.5)
    c.drawString(SIDE + 20 * mm, _y(35.5), "Undangan pengambilan KTP-el")
    c.setFont(REGULAR, 9.5)
    c.drawString(SIDE, _y(42.5), "Kepada Yth.")
    where = f"Kelurahan {run.kelurahan_name}"
    if run.kecamatan:
        where += f", Kecamatan {run.kecamatan}"
    c.drawString(SIDE, _y(56.8), fit(f"{where}, {PLACE}", TEXT_W, REGULAR, 9.5))

    lines = wrap_words(INTRO, REGULAR, 9.5, TEXT_W, long_word=lambda w: [w])
    for n, line in enumerate(lines):
        c.drawString(SIDE, _y(63.5 + 4.5 * n), line)

    c.setFillColor(colors.Color(0.95, 0.95, 0.95))
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.8)
    c.roundRect(SIDE, _y(BOX_BOTTOM), TEXT_W, (BOX_BOTTOM - BOX_TOP) * mm, 2 * mm, stroke=1, fill=1)
    c.setFillColor(colors.black)
    c.setFont(REGULAR, 10)
    for label, top in (("Hari, tanggal", 78), ("Jam", 84.5), ("Tempat", 90.5)):
        c.drawString(LABEL_X, _y(top), label)
        c.drawString(VALUE_X - 3 * mm, _y(top), ":")
    c.setFont(BOLD, 10)
    place_w = PAGE_W - SIDE - 4 * mm - VALUE_X
    c.drawString(VALUE_X, _y(90.5), fit(run.office, place_w, BOLD, 10))
    c.setFont(REGULAR, 8.5)
    c.drawString(VALUE_X, _y(94.3), fit(run.office_address, place_w, REGULAR, 8.5))

    c.setFont(BOLD, 9)
    c.drawString(SIDE, _y(NOTES_TOP), "Perhatikan:")
    c.setFont(REGULAR, 9)
    top = NOTES_TOP + 4.5
    for n, note in enumerate(NOTES, start=1):
        c.drawString(SIDE, _y(top), f"{n}.")
        for line in wrap_words(note, REGULAR, 9, TEXT_W - 5 * mm, long_word=lambda w: [w]):
            c.drawString(SIDE + 5 * mm, _y(top), line)
            top += 4.2

    c.setFont(REGULAR, 8)
    c.drawString(SIDE, _y(BARCODE_BASE - 18.5), "Tunjukkan kode ini di loket:")
    right = PAGE_W - SIDE
    c.setFont(REGULAR, 9)
    c.drawCentredString(right - 30 * mm, _y(122), "Hormat kami,")
    c.setFont(BOLD, 9)
    c.drawCentredString(right - 30 * mm, _y(126.5), "Dinas Kependudukan")
    c.drawCentredString(right - 30 * mm, _y(130.5), "dan Catatan Sipil")
    c.drawCentredString(right - 30 * mm, _y(134.5), "Kota Mojokerto")


def _cut_line(c: Canvas) -> None:
    """A dashed line across the middle of the sheet, "potong di sini" on a white gap."""
    c.saveState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    c.setDash(3, 3)
    c.line(6 * mm, HALF, PAGE_W - 6 * mm, HALF)
    c.setFont(REGULAR, 6.5)
    text = "potong di sini"
    width = stringWidth(text, REGULAR, 6.5) + 4
    c.setFillColor(colors.white)
    c.rect(PAGE_W / 2 - width / 2, HALF - 3, width, 6, stroke=0, fill=1)
    c.setFillColor(GREY)
    c.drawCentredString(PAGE_W / 2, HALF - 2.2, text)
    c.restoreState()


class _Bars:
    """Code 128 of a value (reportlab's encoder) as PDF operators: one rectangle per bar,
    in a coordinate system of one module by one bar height, so each bar is a few bytes
    and the thousands of letters of a kelurahan stay quick to write and small. Every
    symbol is 11 modules wide (the stop symbol 13), so a symbol's bars at its place in
    the code are worked out once and reused."""

    def __init__(self) -> None:
        self._encoder = Code128(quiet=0)
        self._symbols: dict[tuple[int, int], str] = {}

    def _symbol(self, value: int, index: int) -> str:
        key = (value, index)
        if key not in self._symbols:
            self._encoder.encoded = [value]
            parts, at = [], 11 * index
            for ch in self._encoder.decompose():
                width = ord(ch) - (64 if ch.isupper() else 96)
                if ch.isupper():
                    parts.append(f"{at} 0 {width} 1 re")
                at += width
            self._symbols[key] = " ".join(parts)
        return self._symbols[key]

    def operators(self, value: str) -> tuple[str, int]:
        """The bars as `re` operators and the code's width in modules."""
        code = self._encoder
        code.value = value
        code.validate()
        encoded = code.encode()
        bars = " ".join(self._symbol(v, i) for i, v in enumerate(encoded))
        return bars, 11 * len(encoded) + 2


def _barcode(c: Canvas, bars: _Bars, value: str, x: float, y: float) -> float:
    """Draw the bars with their left edge at `x` (snapped to the print grid) and their
    foot at `y`; returns the bars' width in points."""
    operators, modules = bars.operators(value)
    c.addLiteral(f"q {MODULE:.2f} 0 0 {BAR_HEIGHT:.4f} {_snap(x):.2f} {y:.4f} cm {operators} f Q")
    return modules * MODULE


def _day_form(c: Canvas, day: date) -> str:
    """The pickup day and its hours, drawn once per day of the run."""
    name = f"day{day:%Y%m%d}"
    c.beginForm(name, lowerx=0, lowery=0, upperx=PAGE_W, uppery=HALF)
    c.setFont(BOLD, 12)
    c.drawString(VALUE_X, _y(78), long_date(day))
    c.setFont(BOLD, 10)
    c.drawString(VALUE_X, _y(84.5), OFFICE_HOURS.get(day.weekday(), ""))
    c.endForm()
    return name


def _dated_form(c: Canvas, dated: date) -> str:
    """`Mojokerto, 30 November 2026` at the top right, once per plan day of the run."""
    name = f"dated{dated:%Y%m%d}"
    c.beginForm(name, lowerx=0, lowery=0, upperx=PAGE_W, uppery=HALF)
    c.setFont(REGULAR, 9.5)
    c.drawRightString(PAGE_W - SIDE, _y(31), f"{PLACE}, {plain_date(dated)}")
    c.endForm()
    return name


def _fitted(text: str, font: str, size: float) -> str:
    """`fit` to the letter's width, measured only when the text could be too long (a
    DejaVu glyph is at most an em wide)."""
    return text if len(text) * size <= TEXT_W else fit(text, TEXT_W, font, size)


def _letter(c: Canvas, bars: _Bars, letter: Letter, place: int, of: int) -> None:
    """The parts of one letter that only it has, in half-page coordinates."""
    c.setFont(REGULAR, 9.5)
    c.drawString(SIDE + 20 * mm, _y(31), letter.number)
    c.setFont(BOLD, 11.5)
    c.drawString(SIDE, _y(48), _fitted(letter.name, BOLD, 11.5))
    c.setFont(REGULAR, 9.5)
    address = f"{letter.address}, RT {letter.rt} / RW {letter.rw}"
    c.drawString(SIDE, _y(52.5), _fitted(address, REGULAR, 9.5))

    left = _snap(SIDE + QUIET)
    width = _barcode(c, bars, letter.barcode, left, _y(BARCODE_BASE - 3))
    c.setFont(REGULAR, 9)
    c.drawCentredString(left + width / 2, _y(BARCODE_BASE), letter.barcode)
    c.setFont(REGULAR, 6.5)
    c.setFillColor(GREY)
    c.drawRightString(
        PAGE_W - SIDE, _y(BARCODE_BASE), f"RT {letter.rt} / RW {letter.rw} · {place} dari {of}"
    )
    c.setFillColor(colors.black)


def _sheets(group: RtGroup) -> list[tuple[tuple[int, Letter], tuple[int, Letter] | None]]:
    """The RT's letters two to a sheet for cut-and-stack: sheet k carries letter k on top
    and letter k + sheets below (numbers from 1)."""
    letters = group.letters
    sheets = (len(letters) + 1) // 2
    pairs = []
    for k in range(sheets):
        bottom = k + sheets
        pairs.append(
            ((k + 1, letters[k]), (bottom + 1, letters[bottom]) if bottom < len(letters) else None)
        )
    return pairs


def letters_pdf(run: InvitationLetters) -> bytes:
    """The letters of the run, two to an A4 portrait page, each RT on sheets of its own."""
    register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(f"{LETTER_TITLE} {run.site} {run.where}")
    c.setAuthor("Loket")
    # What repeats is drawn once, as forms: the letter itself, the cut line, each pickup
    # day with its hours, each date the letters are dated.
    c.beginForm("letter", lowerx=0, lowery=0, upperx=PAGE_W, uppery=HALF)
    _static_letter(c, run)
    c.endForm()
    c.beginForm("cut")
    _cut_line(c)
    c.endForm()
    days = {day: _day_form(c, day) for day in sorted({x.pickup_day for x in run.letters})}
    dated = {day: _dated_form(c, day) for day in sorted({x.dated for x in run.letters})}
    bars = _Bars()
    if not run.letters:
        c.setFont(REGULAR, 11)
        c.drawString(SIDE, PAGE_H - 30 * mm, f"Tidak ada surat undangan untuk {run.where}.")
        c.showPage()
    for group in run.groups:
        for top, bottom in _sheets(group):
            for (place, letter), origin in (
                ((top, HALF), (bottom, 0.0)) if bottom else ((top, HALF),)
            ):
                c.saveState()
                c.translate(0, origin)
                c.doForm("letter")
                c.doForm(days[letter.pickup_day])
                c.doForm(dated[letter.dated])
                _letter(c, bars, letter, place, group.count)
                c.restoreState()
            c.doForm("cut")
            c.showPage()
    c.save()
    return buffer.getvalue()


# -- cover list ------------------------------------------------------------------------

COLUMNS = ("No.", "Nama", "Alamat", "Hari pengambilan", "Keterangan")
WIDTHS_MM = (9, 55, 50, 42, 30)  # 186 mm between the 12 mm margins
BODY = 8.5
LEADING = BODY + 2
ROW_PAD = 2.5
SUMMARY_COLUMNS = ("RW", "RT", "Surat", "Hari pengambilan")
SUMMARY_WIDTHS_MM = (20, 20, 22, 124)


class _CoverCanvas(SectionedCanvas):
    title = COVER_TITLE


def _days_text(group: RtGroup) -> str:
    days = sorted({letter.pickup_day for letter in group.letters})
    return ", ".join(long_date(d) for d in days)


def _heading_story(styles, lst: CoverList, where: str) -> list:
    return [
        *(Paragraph(line, styles["heading"]) for line in HEADING),
        Paragraph(COVER_TITLE, styles["title"]),
        Paragraph(escape(where), styles["sub"]),
        Paragraph(escape(lst.office), styles["sub"]),
        Spacer(1, 3 * mm),
    ]


def _rt_table(group: RtGroup) -> LongTable:
    widths = [w * mm for w in WIDTHS_MM]
    inner = [w - 2 * PAD for w in widths]
    data: list[list[str]] = [[wrap(c, inner[i], BOLD, BODY) for i, c in enumerate(COLUMNS)]]
    heights = [LEADING + 2 * ROW_PAD]
    for n, letter in enumerate(group.letters, start=1):
        cells = (
            str(n),
            wrap(letter.name, inner[1], REGULAR, BODY),
            wrap(letter.address, inner[2], REGULAR, BODY),
            wrap(long_date(letter.pickup_day), inner[3], REGULAR, BODY),
            "",
        )
        data.append(list(cells))
        lines = max(c.count("\n") + 1 for c in cells)
        heights.append(max(lines, 2) * LEADING + 2 * ROW_PAD)
    table = LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), BOLD, BODY, LEADING),
                ("FONT", (0, 1), (-1, -1), REGULAR, BODY, LEADING),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), ROW_PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PAD),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                ("GRID", (0, 0), (-1, -1), 0.3, GREY),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ]
        )
    )
    return table


def _signatures(lst: CoverList, group: RtGroup) -> Table:
    def block(*lines: str) -> Table:
        rows = [[line] for line in lines] + [[""], ["(....................................)"]]
        inner = Table(rows, colWidths=[75 * mm], rowHeights=[11] * len(lines) + [34, 13])
        inner.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), REGULAR, 9, 11),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return inner

    handed = block(" ", "Yang menyerahkan,", f"Petugas {lst.office}")
    received = block(
        f"{PLACE}, ............................", "Yang menerima,", f"Ketua {group.label}"
    )
    outer = Table([[handed, "", received]], colWidths=[75 * mm, 36 * mm, 75 * mm])
    outer.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return outer


def _rt_section(lst: CoverList, group: RtGroup, styles) -> list:
    where = f"{lst.where} — {group.label}"
    received = (
        f"Surat undangan sebanyak <b>{group.count}</b> lembar untuk warga {group.label} "
        "di bawah ini telah diterima untuk disampaikan kepada yang bersangkutan."
    )
    return [
        Section(f"Kel. {lst.kelurahan_name} {group.label}"),
        *_heading_story(styles, lst, where),
        Paragraph(
            f"Kepada Yth. Ketua {group.label}: mohon surat undangan berikut disampaikan "
            "kepada warga yang namanya tercantum. KTP-el hanya diserahkan kepada pemiliknya "
            f"sendiri di <b>{escape(lst.office)}</b> pada hari yang tertulis di suratnya, "
            "dengan membawa surat undangan dan KTP lama. Kolom Keterangan dapat diisi "
            "(misalnya: pindah, meninggal, tidak dikenal).",
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        _rt_table(group),
        Spacer(1, 4 * mm),
        KeepTogether(
            [Paragraph(received, styles["body"]), Spacer(1, 2 * mm), _signatures(lst, group)]
        ),
    ]


def _summary(lst: CoverList, styles) -> list:
    widths = [w * mm for w in SUMMARY_WIDTHS_MM]
    data = [list(SUMMARY_COLUMNS)]
    for group in lst.groups:
        data.append(
            [
                group.rw,
                group.rt,
                str(group.count),
                wrap(_days_text(group), widths[3] - 2 * PAD, REGULAR, 8.5),
            ]
        )
    data.append(["Jumlah", "", str(lst.count), ""])
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                *summary_table_commands(),
                ("ALIGN", (0, 0), (1, -1), "CENTER"),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return [Paragraph("Ringkasan per RT", styles["section"]), table]


def cover_list_pdf(lst: CoverList) -> bytes:
    """The cover list on A4 portrait: a summary when there is more than one RT, then each
    RT on pages of its own."""
    register_fonts()
    styles = paper_styles()
    title = f"{COVER_TITLE} {lst.site} Kelurahan {lst.kelurahan_name}"
    if lst.rw is not None:
        title += f" RW {lst.rw}"
    story: list = []
    if len(lst.groups) != 1:
        where = lst.where + (f" — RW {lst.rw}" if lst.rw is not None else "")
        story += _heading_story(styles, lst, where)
        story.append(
            Paragraph(
                f"Jumlah: <b>{lst.count}</b> surat undangan untuk {len(lst.groups)} RT.",
                styles["body"],
            )
        )
        if lst.groups:
            story += _summary(lst, styles)
        else:
            story.append(Spacer(1, 4 * mm))
            story.append(Paragraph("Tidak ada surat undangan untuk pilihan ini.", styles["body"]))
    for group in lst.groups:
        if story:
            story.append(PageBreak())
        story += _rt_section(lst, group, styles)
    return build_a4(story, title=title, canvasmaker=_CoverCanvas)
