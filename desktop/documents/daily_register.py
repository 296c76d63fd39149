"""The daily register, "Daftar Serah Terima KTP-el Harian", as an A4 portrait PDF.

Printed from the PDF (not through Qt's SVG path like the receipt), so reportlab's platypus
lays it out: one long table whose header repeats on every page, the recaps per kelurahan
and per operator, the drawer reconciliation when it was recorded, and the supervisor's
signature block. Cells are plain strings wrapped here by measured width, which keeps a
1,500-row register well under two seconds; nothing is clipped, over-long words are cut
with an ellipsis.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.registers import CORRECTED, HOME_VISIT, DailyRegister, Total
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.paper import (
    BODY,
    GREY,
    HEADER_FILL,
    HEADING,
    PAD,
    VOID_FILL,
    ZEBRA,
    NumberedCanvas,
    build_a4,
    day_text,
    escape,
    paper_styles,
    row_table_commands,
    supervisor_signature,
    wrap,
)

TITLE = "Daftar Serah Terima KTP-el Harian"
COLUMNS = (
    "No.",
    "Jam",
    "No. tanda terima",
    "NIK",
    "Nama",
    "Kelurahan",
    "Petugas",
    "Keterangan",
)
# Widths in mm; they add up to the 186 mm between the 12 mm margins.
WIDTHS_MM = (9, 9.5, 24, 29.5, 41, 23, 25, 25)


def _register_table(register: DailyRegister) -> LongTable:
    widths = [w * mm for w in WIDTHS_MM]
    inner = [w - 2 * PAD for w in widths]
    header = [wrap(c, inner[i], BOLD) for i, c in enumerate(COLUMNS)]
    data: list[list[str]] = [header]
    commands: list[tuple] = [
        *row_table_commands(),
        ("ALIGN", (0, 1), (1, -1), "RIGHT"),
    ]
    for n, row in enumerate(register.rows, start=1):
        if row.voided:
            remark = "DIBATALKAN" + (f": {row.reason}" if row.reason else "")
        elif row.status == CORRECTED:
            remark = "DIKOREKSI, lihat catatan di bawah tabel"
        elif row.status == HOME_VISIT:
            remark = "Kunjungan rumah"
        else:
            remark = "Diserahkan"
        cells = (
            str(n),
            row.time,
            row.receipt_no,
            row.nik,
            row.name,
            row.kelurahan,
            row.operator,
            remark,
        )
        data.append([wrap(text, inner[i]) for i, text in enumerate(cells)])
        if row.voided:
            commands += [
                ("BACKGROUND", (0, n), (-1, n), VOID_FILL),
                ("TEXTCOLOR", (0, n), (6, n), GREY),
                ("FONT", (7, n), (7, n), BOLD, BODY, BODY + 1.5),
                ("TEXTCOLOR", (7, n), (7, n), colors.Color(0.6, 0.05, 0.05)),
            ]
        elif n % 2 == 0:
            commands.append(("BACKGROUND", (0, n), (-1, n), ZEBRA))
    if not register.rows:
        data.append(["", "", "Tidak ada serah terima pada hari ini.", "", "", "", "", ""])
        commands.append(("SPAN", (2, 1), (-1, 1)))
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _total_table(title: str, totals: list[Total], width: float) -> Table:
    label_w = width - 2 * 22 * mm
    data = [[title, "Diserahkan", "Dibatalkan"]]
    data += [
        [wrap(t.label, label_w - 2 * PAD, size=8), str(t.handed_over), str(t.voided)]
        for t in totals
    ]
    data.append(
        [
            "Jumlah",
            str(sum(t.handed_over for t in totals)),
            str(sum(t.voided for t in totals)),
        ]
    )
    table = Table(data, colWidths=[label_w, 22 * mm, 22 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
                ("FONT", (0, 0), (-1, 0), BOLD, 8, 10),
                ("FONT", (0, -1), (-1, -1), BOLD, 8, 10),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.3, GREY),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table


def _notes(register: DailyRegister, styles) -> list:
    """The full reasons of voided and corrected handovers, which the table's last column
    has no room for: what a supervisor signs must say what was changed and why."""
    lines = [
        (n, row)
        for n, row in enumerate(register.rows, start=1)
        if row.reason and (row.voided or row.status == CORRECTED)
    ]
    if not lines:
        return []
    story: list = [Paragraph("Catatan pembatalan dan koreksi", styles["section"])]
    for n, row in lines:
        what = "Dibatalkan" if row.voided else "Dikoreksi"
        story.append(
            Paragraph(
                f"No. {n} · {row.receipt_no} · <b>{what}</b>: {escape(row.reason)}",
                styles["body"],
            )
        )
    return story


def _reconciliation(register: DailyRegister, styles) -> list:
    rec = register.reconciliation
    if rec is None:
        return [
            Paragraph("Rekonsiliasi laci kartu", styles["section"]),
            Paragraph("Belum dicatat untuk hari ini.", styles["body"]),
        ]
    lines = [
        ("Kartu di laci pada awal hari", str(rec.start)),
        ("Kartu masuk hari ini", f"+ {rec.received}"),
        ("Diserahkan hari ini", f"− {rec.handed_over}"),
        ("Dikembalikan ke Dinas hari ini", f"− {rec.returned}"),
        ("Seharusnya ada di laci", str(rec.expected)),
        ("Hasil hitung fisik", str(rec.counted)),
        ("Selisih", f"{rec.difference:+d}" if rec.difference else "0"),
        ("Catatan", rec.note or "-"),
        ("Dihitung oleh", f"{rec.supervisor_name} ({rec.wall_time[11:16]})"),
    ]
    value_w = 186 * mm - 60 * mm
    data = [[label, wrap(value, value_w - 2 * PAD, size=8)] for label, value in lines]
    table = Table(data, colWidths=[60 * mm, value_w])
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
        ("FONT", (0, 4), (-1, 6), BOLD, 8, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    if rec.difference:
        style += [
            ("BACKGROUND", (0, 6), (-1, 6), VOID_FILL),
            ("TEXTCOLOR", (1, 6), (1, 6), colors.Color(0.6, 0.05, 0.05)),
        ]
    table.setStyle(TableStyle(style))
    return [Paragraph("Rekonsiliasi laci kartu", styles["section"]), table]


def _signature(register: DailyRegister) -> Table:
    name = register.reconciliation.supervisor_name if register.reconciliation else ""
    return supervisor_signature(register.day, name)


def register_pdf(register: DailyRegister) -> bytes:
    """Lay the register out on A4 portrait and return the PDF's bytes."""
    register_fonts()
    styles = paper_styles()
    title = f"{TITLE} {register.site} {register.day:%d-%m-%Y}"
    story: list = [
        *(Paragraph(line, styles["heading"]) for line in HEADING),
        Paragraph(TITLE, styles["title"]),
        Paragraph(escape(register.office), styles["sub"]),
        Paragraph(f"Hari/tanggal: {day_text(register.day)}", styles["sub"]),
        Spacer(1, 3 * mm),
        Paragraph(
            f"Diserahkan: <b>{register.handed_over}</b> "
            f"(kunjungan rumah: {register.home_visits}) · "
            f"Dibatalkan: <b>{register.voided}</b> · "
            f"Dikoreksi: {register.corrected} · "
            f"Jumlah baris: {len(register.rows)}",
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        _register_table(register),
        *_notes(register, styles),
    ]
    half = (186 * mm - 6 * mm) / 2
    recap = Table(
        [
            [
                _total_table("Kelurahan", register.per_kelurahan, half),
                _total_table("Petugas", register.per_operator, half),
            ]
        ],
        colWidths=[half + 3 * mm, half + 3 * mm],
    )
    recap.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [
        KeepTogether(
            [Paragraph("Rekapitulasi per kelurahan dan per petugas", styles["section"]), recap]
        ),
        KeepTogether([*_reconciliation(register, styles), Spacer(1, 6 * mm), _signature(register)]),
    ]

    class Canvas(NumberedCanvas):
        footer_left = f"{TITLE} · {register.site} · {register.day:%d-%m-%Y}"

    return build_a4(story, title=title, canvasmaker=Canvas)
