"""What every A4 paper of Loket shares: the Dinas heading, margins, colours, the measured
word-wrap for table cells, the paragraph styles and the "Hal. x dari y" footer.

The daily register, the progress report and the lists of uncollected cards are laid out
with reportlab's platypus on top of these, so they read as one family of papers.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from desktop.documents.fonts import BOLD, REGULAR
from desktop.documents.measure import wrap_words

HEADING = ("PEMERINTAH KOTA MOJOKERTO", "DINAS KEPENDUDUKAN DAN CATATAN SIPIL")
PLACE = "Mojokerto"
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MARGIN = 12 * mm
BODY = 7.5  # table font size
PAD = 2.0  # cell padding left and right, points
MAX_LINES = 3  # a cell never grows past this; the rest is cut with an ellipsis
GREY = colors.Color(0.45, 0.45, 0.45)
VOID_FILL = colors.Color(0.96, 0.90, 0.90)
HEADER_FILL = colors.Color(0.88, 0.88, 0.88)
ZEBRA = colors.Color(0.965, 0.965, 0.965)


def day_text(day: date) -> str:
    """`Senin, 03-09-2012`."""
    return f"{DAYS[day.weekday()]}, {day:%d-%m-%Y}"


def fit(word: str, width: float, font: str, size: float) -> str:
    """Cut one over-long word to `width`, ending in an ellipsis."""
    if stringWidth(word, font, size) <= width:
        return word
    while word and stringWidth(word + "…", font, size) > width:
        word = word[:-1]
    return word + "…"


def wrap(text: str, width: float, font: str = REGULAR, size: float = BODY) -> str:
    """Word-wrap `text` to `width` points in at most MAX_LINES lines, joined by newlines."""
    if stringWidth(text, font, size) <= width:
        return text
    lines = wrap_words(
        text, font, size, width, long_word=lambda word: [fit(word, width, font, size)]
    )
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1].rstrip("…")
        while last and stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return "\n".join(lines)


class NumberedCanvas(pdfcanvas.Canvas):
    """Keeps every page until the end, then stamps "Hal. x dari y" with the real total."""

    footer_left = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        width, _ = A4
        y = 8 * mm
        self.saveState()
        self.setStrokeColor(GREY)
        self.setLineWidth(0.4)
        self.line(MARGIN, y + 9, width - MARGIN, y + 9)
        self.setFont(REGULAR, 7.5)
        self.setFillColor(GREY)
        self.drawString(MARGIN, y, self.footer_left)
        self.setFillColor(colors.black)
        self.drawRightString(width - MARGIN, y, f"Hal. {number} dari {total}")
        self.restoreState()


def paper_styles() -> dict[str, ParagraphStyle]:
    return {
        "heading": ParagraphStyle(
            "heading", fontName=BOLD, fontSize=10, leading=12.5, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceBefore=4
        ),
        "sub": ParagraphStyle(
            "sub", fontName=REGULAR, fontSize=9.5, leading=12.5, alignment=TA_CENTER
        ),
        "section": ParagraphStyle(
            "section", fontName=BOLD, fontSize=9.5, leading=12, spaceBefore=8, spaceAfter=3
        ),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=8.5, leading=11),
    }


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_a4(story: list, *, title: str, canvasmaker: type[NumberedCanvas]) -> bytes:
    """Lay `story` out on A4 portrait between the papers' margins; the PDF's bytes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=12 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="Loket",
    )
    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


def row_table_commands() -> list[tuple]:
    """The look every table of rows shares: a bold header on grey that repeats on each
    page, body text at BODY size, a thin grid and a heavier line under the header. Column
    alignment is each table's own."""
    return [
        ("FONT", (0, 0), (-1, 0), BOLD, BODY, BODY + 1.5),
        ("FONT", (0, 1), (-1, -1), REGULAR, BODY, BODY + 1.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("GRID", (0, 0), (-1, -1), 0.3, GREY),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
    ]


def summary_table_commands() -> list[tuple]:
    """The look of a summary table: bold header on grey and a bold total row under a
    heavier line. Column alignment is each table's own."""
    return [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5, 11),
        ("FONT", (0, 0), (-1, 0), BOLD, 8.5, 11),
        ("FONT", (0, -1), (-1, -1), BOLD, 8.5, 11),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.3, GREY),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]


class Section(Flowable):
    """Takes no room; tells the canvas which section (an RW, an RT) the page belongs to."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.section = self.label


class SectionedCanvas(NumberedCanvas):
    """Numbered pages whose footer also numbers each section's own sheets ("lembar 2 dari
    5"), so a pile handed to one RW or RT head can be checked; pages before the first
    `Section` are the summary."""

    title = ""
    section = ""

    def save(self) -> None:
        for state in self._pages:
            state.setdefault("section", "")
        self._sheets = Counter(state["section"] for state in self._pages)
        self._seen: Counter[str] = Counter()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        section = self.section
        if section:
            self._seen[section] += 1
            self.footer_left = (
                f"{self.title} · {section} · lembar {self._seen[section]} "
                f"dari {self._sheets[section]}"
            )
        else:
            self.footer_left = f"{self.title} · ringkasan"
        super()._footer(number, total)


def supervisor_signature(day: date, name: str = "") -> Table:
    """The supervisor's signature block at the right of the page: place and date,
    "Mengetahui, Supervisor", room to sign, the name (bold) on a line, and the NIP."""
    block = [
        [f"{PLACE}, {day:%d-%m-%Y}"],
        ["Mengetahui,"],
        ["Supervisor"],
        [""],
        [name or " "],
        ["NIP. ...................................."],
    ]
    inner = Table(block, colWidths=[70 * mm], rowHeights=[11, 11, 11, 36, 13, 14])
    inner.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9, 11),
                ("FONT", (0, 4), (0, 4), BOLD, 9, 11),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LINEBELOW", (0, 4), (0, 4), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("VALIGN", (0, 5), (0, 5), "TOP"),
                ("TOPPADDING", (0, 5), (0, 5), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    outer = Table([["", inner]], colWidths=[186 * mm - 70 * mm, 70 * mm])
    outer.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return outer
