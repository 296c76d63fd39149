""" "Daftar Permohonan Perekaman KTP-el": the recording requests of a day or a range of
days, in one status or all, on A4 for the supervisor to check, sign and send on.

It opens with the totals per kind and status, then one row per request in time order
(the mover's origin and SKPWNI number, a young married applicant and the note of the last
status change under "Keterangan"), and ends with the supervisor's signature block. The
full NIK is printed: the list stays in the office and goes to the recording session, like
the daily register.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from desktop.core.services import (
    RECORDING_KIND_LABELS,
    RECORDING_STATUS_LABELS,
    RecordingKind,
    RecordingStatus,
    RequestList,
)
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.paper import (
    BODY,
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
    row_table_commands,
    supervisor_signature,
    wrap,
)
from desktop.documents.receipt import wrap_text

TITLE = "Daftar Permohonan Perekaman KTP-el"
COLUMNS = (
    "No.",
    "No. pendaftaran, waktu",
    "Jenis",
    "NIK",
    "Nama",
    "Kelurahan, RT/RW",
    "Status",
    "Keterangan",
)
# Widths in mm; they add up to the 186 mm between the 12 mm margins.
WIDTHS_MM = (7, 30, 14, 29, 34, 24, 16, 32)
REMARK = len(COLUMNS) - 1  # the one column that grows as long as its text needs
SHORT_KIND = {RecordingKind.PEMULA: "Pemula", RecordingKind.PINDAH_DATANG: "Pindah datang"}
SHORT_STATUS = {
    RecordingStatus.WAITING: "menunggu",
    RecordingStatus.RECORDED: "direkam",
    RecordingStatus.SENT: "dikirim",
}


def range_text(lst: RequestList) -> str:
    if lst.start == lst.end:
        return f"Hari/tanggal: {day_text(lst.start)}"
    return f"Tanggal: {lst.start:%d-%m-%Y} s.d. {lst.end:%d-%m-%Y}"


def status_text(lst: RequestList) -> str:
    if lst.status is None:
        return "Status: semua"
    return f"Status: {RECORDING_STATUS_LABELS[lst.status]}"


def _totals(lst: RequestList) -> Table:
    statuses = list(RecordingStatus)
    widths = [50 * mm, 34 * mm, 34 * mm, 34 * mm, 22 * mm]
    titles = ["Jenis permohonan", *(RECORDING_STATUS_LABELS[s] for s in statuses), "Jumlah"]
    data = [[wrap(t, w - 2 * PAD, BOLD, 8.5) for t, w in zip(titles, widths, strict=True)]]
    for kind in RecordingKind:
        data.append(
            [
                RECORDING_KIND_LABELS[kind],
                *(str(lst.count(kind, s)) for s in statuses),
                str(lst.count(kind)),
            ]
        )
    data.append(["Jumlah", *(str(lst.count(status=s)) for s in statuses), str(lst.count())])
    table = Table(data, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5, 11),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5, 11),
                ("FONT", (0, -1), (-1, -1), BOLD, 8.5, 11),
                ("FONT", (-1, 0), (-1, -1), BOLD, 8.5, 11),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.3, GREY),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table


def _rows_table(lst: RequestList) -> LongTable:
    widths = [w * mm for w in WIDTHS_MM]
    inner = [w - 2 * PAD for w in widths]
    header = [wrap(c, inner[i], BOLD) for i, c in enumerate(COLUMNS)]
    data: list[list[str]] = [header]
    commands: list[tuple] = [
        *row_table_commands(),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
    ]
    one_day = lst.start == lst.end
    for n, row in enumerate(lst.rows, start=1):
        when = row.time if one_day else f"{row.day:%d-%m-%Y} {row.time}"
        cells = (
            str(n),
            f"{row.request_no} {when}",
            SHORT_KIND[row.kind],
            row.nik,
            row.nama,
            f"{row.kelurahan} {row.rt}/{row.rw}",
            SHORT_STATUS[row.status],
            row.remark,
        )
        data.append([wrap(text, inner[i]) for i, text in enumerate(cells[:REMARK])])
        # The origin and SKPWNI number are what the recording session checks: never cut.
        data[-1].append("\n".join(wrap_text(cells[REMARK], REGULAR, BODY, inner[REMARK])))
        if n % 2 == 0:
            commands.append(("BACKGROUND", (0, n), (-1, n), ZEBRA))
    if not lst.rows:
        data.append(["", "Tidak ada permohonan untuk pilihan ini.", *[""] * (len(COLUMNS) - 2)])
        commands.append(("SPAN", (1, 1), (-1, 1)))
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _signature(lst: RequestList) -> Table:
    return supervisor_signature(lst.made_on)


def request_list_pdf(lst: RequestList) -> bytes:
    """Lay the list out on A4 portrait and return the PDF's bytes."""
    register_fonts()
    styles = paper_styles()
    when = (
        f"{lst.start:%d-%m-%Y}"
        if lst.start == lst.end
        else f"{lst.start:%d-%m-%Y} s.d. {lst.end:%d-%m-%Y}"
    )
    story: list = [
        *(Paragraph(line, styles["heading"]) for line in HEADING),
        Paragraph(TITLE, styles["title"]),
        Paragraph(escape(lst.office), styles["sub"]),
        Paragraph(escape(range_text(lst)), styles["sub"]),
        Paragraph(escape(status_text(lst)), styles["sub"]),
        Spacer(1, 3 * mm),
        Paragraph(f"Jumlah: <b>{lst.count()}</b> permohonan.", styles["body"]),
        Spacer(1, 2 * mm),
        _totals(lst),
        Spacer(1, 4 * mm),
        _rows_table(lst),
        KeepTogether([Spacer(1, 6 * mm), _signature(lst)]),
    ]

    class Canvas(NumberedCanvas):
        footer_left = f"{TITLE} · {lst.site or 'semua kantor'} · {when}"

    return build_a4(story, title=f"{TITLE} {when}", canvasmaker=Canvas)
