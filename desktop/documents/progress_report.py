"""The progress report, "Laporan Kemajuan Distribusi KTP-el", as an A4 portrait PDF.

The same heading, footer and table look as the daily register: the city's figures in one
sentence, tables per kecamatan and per kelurahan (recorded residents, cards received,
handed over, waiting), a bar chart per kelurahan, a chart of handovers per day over the
report's range with the days' figures, and which sites' events the figures include.
Charts are reportlab drawings in a light and a dark blue (apart on a grey printer too) and
a red for handovers voided later.
"""

from __future__ import annotations

from itertools import pairwise

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.core.progress import (
    AreaProgress,
    ProgressReport,
    axis_ticks,
    month_text,
    number_text,
    percent_text,
)
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.paper import (
    GREY,
    HEADER_FILL,
    HEADING,
    PAD,
    ZEBRA,
    NumberedCanvas,
    build_a4,
    day_text,
    escape,
    paper_styles,
    wrap,
)

TITLE = "Laporan Kemajuan Distribusi KTP-el"
WIDTH = 186 * mm  # between the 12 mm margins
COLUMNS = (
    "Wilayah",
    "Wajib KTP terekam",
    "KTP-el diterima",
    "% diterima",
    "Diserahkan",
    "% diserahkan",
    "Menunggu di loket",
    "Lainnya",
)
WIDTHS_MM = (45, 21, 20, 18, 21, 21, 23, 17)
BODY = 8
RECEIVED_FILL = colors.Color(0.70, 0.80, 0.90)
HANDED_FILL = colors.Color(0.10, 0.27, 0.45)
VOIDED_FILL = colors.Color(0.70, 0.15, 0.15)
GROUP_FILL = colors.Color(0.93, 0.95, 0.97)
NOTE = (
    "Diterima: KTP-el yang sudah tiba, dihitung pada kelurahan domisili pemiliknya menurut "
    "register. Diserahkan: kartu yang serah terimanya berlaku (tidak dibatalkan). Menunggu di "
    "loket: kartu siap diserahkan atau belum diambil. Lainnya: ditahan, dikembalikan ke Dinas, "
    "pemilik meninggal atau pindah, salah alamat, diganti cetak ulang, atau belum disortir. "
    "% diterima dihitung dari wajib KTP terekam; % diserahkan dari KTP-el yang diterima."
)


def _cells(line: AreaProgress, name: str, font: str = REGULAR) -> list[str]:
    inner = WIDTHS_MM[0] * mm - 2 * PAD
    return [
        wrap(name, inner, font, BODY),
        number_text(line.recorded) if line.recorded or line.code else "–",
        number_text(line.received),
        percent_text(line.received_percent) if line.recorded else "–",
        number_text(line.handed_over),
        percent_text(line.handed_percent) if line.received else "–",
        number_text(line.waiting),
        number_text(line.other),
    ]


def _table(rows: list[list[str]], extra: list[tuple]) -> Table:
    widths = [w * mm for w in WIDTHS_MM]
    header = [wrap(c, widths[i] - 2 * PAD, BOLD, BODY) for i, c in enumerate(COLUMNS)]
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, BODY, BODY + 2),
                ("FONT", (0, 0), (-1, 0), BOLD, BODY, BODY + 1.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.3, GREY),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *extra,
            ]
        )
    )
    return table


def _kecamatan_table(report: ProgressReport) -> Table:
    rows = [_cells(kec, f"Kec. {kec.name}") for kec in report.kecamatan]
    if report.unregistered.received:
        rows.append(_cells(report.unregistered, report.unregistered.name))
    rows.append(_cells(report.total, report.total.name, BOLD))
    return _table(
        rows,
        [
            ("FONT", (0, -1), (-1, -1), BOLD, BODY, BODY + 2),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ],
    )


def _kelurahan_table(report: ProgressReport) -> Table:
    rows: list[list[str]] = []
    extra: list[tuple] = []
    for kec in report.kecamatan:
        rows.append([f"Kecamatan {kec.name}", *[""] * (len(COLUMNS) - 1)])
        n = len(rows)
        extra += [
            ("SPAN", (0, n), (-1, n)),
            ("FONT", (0, n), (-1, n), BOLD, BODY, BODY + 2),
            ("BACKGROUND", (0, n), (-1, n), GROUP_FILL),
        ]
        for i, kel in enumerate(report.kelurahan_of(kec)):
            rows.append(_cells(kel, kel.name))
            if i % 2:
                extra.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), ZEBRA))
        rows.append(_cells(kec, f"Jumlah Kec. {kec.name}", BOLD))
        n = len(rows)
        extra += [
            ("FONT", (0, n), (-1, n), BOLD, BODY, BODY + 2),
            ("LINEABOVE", (0, n), (-1, n), 0.8, colors.black),
        ]
    return _table(rows, extra)


def _string(x: float, y: float, text: str, size: float = 7, *, font: str = REGULAR, **kw):
    return String(x, y, text, fontName=font, fontSize=size, **kw)


def _bar(x: float, y: float, width: float, height: float, fill) -> Rect:
    return Rect(x, y, width, height, fillColor=fill, strokeColor=None)


def _swatch(drawing: Drawing, x: float, y: float, fill, label: str) -> float:
    """A legend entry at (x, y); returns the x after it."""
    drawing.add(_bar(x, y, 9, 7, fill))
    drawing.add(_string(x + 12, y + 0.5, label, 7.5))
    return x + 12 + stringWidth(label, REGULAR, 7.5) + 14


def kelurahan_chart(report: ProgressReport) -> Drawing:
    """Per kecamatan and kelurahan, two bars on a 0–100 % scale: cards received as a share
    of recorded residents, and cards handed over as a share of cards received; the two
    percentages are printed at the right, as in the tables."""
    row_h, bar_h = 18.0, 6.0
    label_w, figures_w = 36 * mm, 40 * mm
    x0, x1 = label_w, WIDTH - figures_w - 4
    unit = (x1 - x0) / 100
    groups = [(kec, report.kelurahan_of(kec)) for kec in report.kecamatan]
    rows = sum(1 + len(kels) for _, kels in groups)
    top_pad, bottom_pad = 30.0, 12.0
    height = top_pad + rows * row_h + bottom_pad
    drawing = Drawing(WIDTH, height)

    x = _swatch(drawing, x0, height - 10, RECEIVED_FILL, "% diterima dari wajib KTP terekam")
    _swatch(drawing, x, height - 10, HANDED_FILL, "% diserahkan dari KTP-el diterima")
    right = WIDTH - 2
    percent_x = right - 62
    drawing.add(_string(percent_x, height - 26, "% diterima", 7, font=BOLD, textAnchor="end"))
    drawing.add(_string(right, height - 26, "% diserahkan", 7, font=BOLD, textAnchor="end"))

    def row(line: AreaProgress, y: float, label: str, font: str, shade: bool) -> None:
        middle = y + row_h / 2
        if shade:  # every other row on a light band, so each pair of bars reads as one
            drawing.add(_bar(0, y, WIDTH, row_h, ZEBRA))
        drawing.add(_string(6 if font == REGULAR else 0, middle - 2.5, label, 7.5, font=font))
        # A share above 100 % (reprints counted beside their originals) stops at the frame.
        received, handed = min(line.received_percent, 100), min(line.handed_percent, 100)
        drawing.add(_bar(x0, middle + 0.5, received * unit, bar_h, RECEIVED_FILL))
        drawing.add(_bar(x0, middle - 0.5 - bar_h, handed * unit, bar_h, HANDED_FILL))
        for x, value in ((percent_x, line.received_percent), (right, line.handed_percent)):
            drawing.add(
                _string(x, middle - 2.5, percent_text(value, 1), 7.5, font=font, textAnchor="end")
            )

    y, n = height - top_pad, 0
    for kec, kels in groups:
        for line, label, font in (
            (kec, f"Kec. {kec.name}", BOLD),
            *((k, k.name, REGULAR) for k in kels),
        ):
            y -= row_h
            n += 1
            row(line, y, label, font, n % 2 == 0)
    plot_top, plot_bottom = height - top_pad + 4, bottom_pad
    for tick in range(0, 101, 25):
        tx = x0 + tick * unit
        width = 0.6 if tick in (0, 100) else 0.25
        drawing.add(Line(tx, plot_bottom, tx, plot_top, strokeColor=GREY, strokeWidth=width))
        drawing.add(_string(tx, plot_bottom - 9, f"{tick} %", 6.5, textAnchor="middle"))
    return drawing


def daily_chart(report: ProgressReport) -> Drawing:
    """Handovers per day over the report's range: a dark bar for those that stand, a red
    cap for those later voided, the number over each bar when it fits."""
    height = 62 * mm
    drawing = Drawing(WIDTH, height)
    axis_w, bottom, top = 14 * mm, 22.0, height - 16
    plot_w = WIDTH - axis_w
    days = report.days
    slot = plot_w / len(days)
    bar_w = max(slot * 0.7, 1.0)
    peak = max((d.handed_over + d.voided for d in days), default=0)
    ticks = axis_ticks(peak)
    scale = (top - bottom) / ticks[-1]
    for tick in ticks:
        ty = bottom + tick * scale
        drawing.add(Line(axis_w, ty, WIDTH, ty, strokeColor=GREY, strokeWidth=0.25))
        drawing.add(_string(axis_w - 3, ty - 2.5, number_text(tick), 6.5, textAnchor="end"))
    drawing.add(Line(axis_w, bottom, WIDTH, bottom, strokeColor=colors.black, strokeWidth=0.6))

    x = _swatch(drawing, axis_w, height - 9, HANDED_FILL, "Diserahkan")
    _swatch(drawing, x, height - 9, VOIDED_FILL, "Dibatalkan kemudian")

    label_size = 6.5
    every = 1
    while slot * every < stringWidth("00", REGULAR, label_size) + 3:
        every += 1
    for n, entry in enumerate(days):
        cx = axis_w + slot * (n + 0.5)
        handed_h, voided_h = entry.handed_over * scale, entry.voided * scale
        if handed_h:
            drawing.add(_bar(cx - bar_w / 2, bottom, bar_w, handed_h, HANDED_FILL))
        if voided_h:
            drawing.add(_bar(cx - bar_w / 2, bottom + handed_h, bar_w, voided_h, VOIDED_FILL))
        value = number_text(entry.handed_over)
        if entry.handed_over and stringWidth(value, REGULAR, 6) <= slot - 1:
            y = bottom + handed_h + voided_h + 2
            drawing.add(_string(cx, y, value, 6, textAnchor="middle"))
        if n % every == 0:
            weekend = entry.day.weekday() >= 5  # Saturday and Sunday in grey
            drawing.add(
                _string(cx, bottom - 9, f"{entry.day.day:02d}", label_size, textAnchor="middle",
                        fillColor=GREY if weekend else colors.black)
            )  # fmt: skip
    for x, text in _month_labels(report, axis_w, slot):
        drawing.add(_string(x, bottom - 19, text, 6.5, fillColor=GREY))
    if not peak:
        drawing.add(
            _string(axis_w + plot_w / 2, (bottom + top) / 2,
                    "Belum ada serah terima dalam rentang ini.", 8.5, textAnchor="middle",
                    fillColor=GREY)
        )  # fmt: skip
    return drawing


def _month_labels(report: ProgressReport, x0: float, slot: float) -> list[tuple[float, str]]:
    """`September 2012` under the first day of each month in the range (`Sep 2012` when a
    long range leaves less room); the first, partial month's name is left out when the next
    month's would run into it."""
    starts = [(n, entry.day) for n, entry in enumerate(report.days) if n == 0 or entry.day.day == 1]
    full = len(starts) < 2 or all(
        slot * (b - a) >= stringWidth(month_text(day), REGULAR, 6.5) + 4
        for (a, day), (b, _) in pairwise(starts[1:])
    )
    labels = [(x0 + slot * n, month_text(day, short=not full)) for n, day in starts]
    return [
        (x, text)
        for (x, text), following in zip(labels, [*labels[1:], None], strict=True)
        if following is None or following[0] - x >= stringWidth(text, REGULAR, 6.5) + 4
    ]


def _days_table(report: ProgressReport) -> Table:
    active = [d for d in report.days if d.active]
    data = [["Tanggal", "KTP-el diterima", "Diserahkan", "Dibatalkan"]]
    data += [
        [day_text(d.day), number_text(d.received), number_text(d.handed_over),
         number_text(d.voided)]
        for d in active
    ]  # fmt: skip
    if not active:
        data.append(["Tidak ada kegiatan dalam rentang ini.", "", "", ""])
    data.append(
        [
            "Jumlah",
            number_text(report.received_in_range),
            number_text(report.handed_in_range),
            number_text(report.voided_in_range),
        ]
    )
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, BODY, BODY + 2),
        ("FONT", (0, 0), (-1, 0), BOLD, BODY, BODY + 2),
        ("FONT", (0, -1), (-1, -1), BOLD, BODY, BODY + 2),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.3, GREY),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    if not active:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=[40 * mm, 28 * mm, 28 * mm, 28 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _sites_table(report: ProgressReport) -> Table:
    data = [["Kantor", "Perangkat", "Event", "Event terakhir"]]
    name_w = WIDTH - 3 * 28 * mm
    for site in report.sites:
        data.append(
            [
                wrap(f"{site.name} ({site.code})", name_w - 2 * PAD, size=BODY),
                number_text(site.devices),
                number_text(site.events),
                _wall_text(site.last_event),
            ]
        )
    if not report.sites:
        data.append(["Belum ada data di penyimpanan ini.", "", "", ""])
    table = Table(data, colWidths=[name_w, 28 * mm, 28 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, BODY, BODY + 2),
                ("FONT", (0, 0), (-1, 0), BOLD, BODY, BODY + 2),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.3, GREY),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table


def _wall_text(iso: str) -> str:
    """`2012-09-04T16:02:11+07:00` → `04-09-2012 16:02`, as written on the papers."""
    if len(iso) < 16:
        return iso
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]} {iso[11:16]}"


def sites_text(report: ProgressReport) -> str:
    """`Kantor Kecamatan Magersari (MGS) dan Kantor Dinas … (DSP)`."""
    names = [f"{s.name} ({s.code})" for s in report.sites]
    if not names:
        return "belum ada data"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " dan " + names[-1]


def _figures(report: ProgressReport) -> Table:
    """The city's four figures in large type, the way the Dinas quotes them."""
    t = report.total
    style = ParagraphStyle("figure", fontName=REGULAR, fontSize=8, leading=10, alignment=TA_CENTER)
    received, handed = percent_text(t.received_percent), percent_text(t.handed_percent)
    cells = [
        ("Wajib KTP terekam", number_text(t.recorded), "sudah merekam data"),
        ("KTP-el diterima", number_text(t.received), f"{received} dari terekam"),
        ("Sudah diserahkan", number_text(t.handed_over), f"{handed} dari diterima"),
        ("Menunggu di loket", number_text(t.waiting), f"lainnya {number_text(t.other)}"),
    ]
    row = [
        Paragraph(
            f"{caption}<br/><font name='{BOLD}' size='16'>{value}</font><br/>{note}",
            ParagraphStyle("f", parent=style, leading=19),
        )
        for caption, value, note in cells
    ]
    table = Table([row], colWidths=[WIDTH / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("LINEBEFORE", (1, 0), (-1, 0), 0.3, GREY),
                ("BACKGROUND", (0, 0), (-1, -1), GROUP_FILL),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def summary_text(report: ProgressReport) -> str:
    """The city in one sentence, in the form the Dinas published its figures."""
    t = report.total
    return (
        f"{report.total.name}: <b>{number_text(t.received)}</b> KTP-el diterima = "
        f"<b>{percent_text(t.received_percent)}</b> dari {number_text(t.recorded)} wajib KTP "
        f"yang sudah merekam data. Sudah diserahkan <b>{number_text(t.handed_over)}</b> "
        f"({percent_text(t.handed_percent)} dari yang diterima); "
        f"menunggu di loket {number_text(t.waiting)}; lainnya {number_text(t.other)}."
    )


def progress_pdf(report: ProgressReport) -> bytes:
    """Lay the report out on A4 portrait and return the PDF's bytes."""
    register_fonts()
    styles = paper_styles()
    styles["body"].leading = 12
    printed = f"{report.as_of:%d-%m-%Y %H:%M}"
    title = f"{TITLE} {report.as_of:%d-%m-%Y}"
    range_text = f"{report.first_day:%d-%m-%Y} s.d. {report.last_day:%d-%m-%Y}"
    story: list = [
        *(Paragraph(line, styles["heading"]) for line in HEADING),
        Paragraph(TITLE, styles["title"]),
        Paragraph(
            f"Keadaan per {day_text(report.as_of.date())} pukul {report.as_of:%H:%M}",
            styles["sub"],
        ),
        Paragraph(f"Data dari: {escape(sites_text(report))}", styles["sub"]),
        Spacer(1, 4 * mm),
        _figures(report),
        Spacer(1, 2 * mm),
        Paragraph(summary_text(report), styles["body"]),
        Paragraph("Per kecamatan", styles["section"]),
        _kecamatan_table(report),
        Paragraph("Per kelurahan", styles["section"]),
        _kelurahan_table(report),
        Spacer(1, 2 * mm),
        Paragraph(NOTE, styles["body"]),
        KeepTogether(
            [
                Paragraph("Grafik per kelurahan: % diterima dan % diserahkan", styles["section"]),
                kelurahan_chart(report),
            ]
        ),
        KeepTogether(
            [
                Paragraph(f"Serah terima per hari, {range_text}", styles["section"]),
                daily_chart(report),
            ]
        ),
        Spacer(1, 3 * mm),
        _days_table(report),
        KeepTogether(
            [
                Paragraph(
                    "Sumber data: kantor yang event-nya sudah ada di penyimpanan ini",
                    styles["section"],
                ),
                _sites_table(report),
            ]
        ),
    ]

    class Canvas(NumberedCanvas):
        footer_left = f"{TITLE} · dicetak {printed} · {', '.join(report.site_codes) or '-'}"

    return build_a4(story, title=title, canvasmaker=Canvas)
