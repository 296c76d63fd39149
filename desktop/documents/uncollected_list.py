""" "Daftar KTP-el Belum Diambil": the cards waiting at a site, per kelurahan and RW, on A4.

Every RW starts on a page of its own, so the lurah can hand each RW head exactly their
sheets; the footer names the kelurahan and RW and numbers the sheets within the RW beside
the overall "Hal. x dari y". A list of more than one RW opens with a summary of counts.
Rows run by RT, then by name, with a blank "Keterangan" column for the RT/RW to write
what they found (moved away, died, told to come) before the sheets come back.

The NIK is printed masked, `3576••••••••0001`. These sheets leave the office and pass
through RT/RW heads and neighbours, who are not bound by the office's access rules; a
full NIK beside a name and an address is what identity fraud needs, and its middle digits
spell out the birth date and sex (UU 24/2013, UU 27/2022). The RT/RW finds people by name,
address and RT, not by NIK; the last four digits still tell apart two people of one name
in one house, and the counter finds the card by the resident's own NIK or name. The full
NIK stays in the supervisor's audited CSV/XLSX export.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)

from desktop.core.uncollected import KelurahanGroup, RwGroup, UncollectedList, mask_nik
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.paper import (
    GREY,
    HEADER_FILL,
    HEADING,
    PAD,
    ZEBRA,
    Section,
    SectionedCanvas,
    build_a4,
    day_text,
    escape,
    paper_styles,
    summary_table_commands,
    wrap,
)

TITLE = "Daftar KTP-el Belum Diambil"
COLUMNS = ("No.", "Nama", "NIK", "Alamat", "RT", "Kotak/ slot", "Menunggu sejak", "Keterangan")
# Widths in mm; they add up to the 186 mm between the 12 mm margins.
WIDTHS_MM = (8, 44, 30, 37, 8, 15, 20, 24)
BODY = 8.0  # table font size: these sheets are read by RT/RW heads of every age
LEADING = BODY + 1.6
ROW_PAD = 2.5  # above and below the text of a row, points
MIN_LINES = 2  # every row has room for a handwritten note in "Keterangan"
SUMMARY_COLUMNS = ("Kelurahan", "Kecamatan", "RW", "Jumlah kartu", "Menunggu terlama")
SUMMARY_WIDTHS_MM = (54, 46, 20, 30, 36)


def _number(n: int) -> str:
    """`37.436`, the Indonesian way."""
    return f"{n:,}".replace(",", ".")


def _bold(text: str) -> str:
    """Bold inside a Paragraph (the TTF faces are not registered as one family)."""
    return f'<font name="{BOLD}">{text}</font>'


def _rw_text(rw: str) -> str:
    return f"RW {rw}"


class _SheetCanvas(SectionedCanvas):
    title = TITLE


def _filter_text(lst: UncollectedList) -> str:
    parts = []
    if lst.min_days:
        parts.append(f"menunggu sekurang-kurangnya {lst.min_days} hari")
    return ("Hanya kartu yang " + ", ".join(parts) + ".") if parts else ""


def _heading(styles, lst: UncollectedList, where: str) -> list:
    story: list = [
        *(Paragraph(line, styles["heading"]) for line in HEADING),
        Paragraph(TITLE, styles["title"]),
        Paragraph(escape(where), styles["sub"]),
        Paragraph(f"Keadaan per {day_text(lst.today)}", styles["sub"]),
        Spacer(1, 3 * mm),
    ]
    return story


def _cell_lines(text: str) -> int:
    return text.count("\n") + 1


def _rw_table(rw: RwGroup) -> LongTable:
    widths = [w * mm for w in WIDTHS_MM]
    inner = [w - 2 * PAD for w in widths]
    header = [wrap(c, inner[i], BOLD, BODY) for i, c in enumerate(COLUMNS)]
    data: list[list[str]] = [header]
    heights = [max(_cell_lines(c) for c in header) * LEADING + 2 * ROW_PAD]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, 0), BOLD, BODY, LEADING),
        ("FONT", (0, 1), (-1, -1), REGULAR, BODY, LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("ALIGN", (4, 0), (5, -1), "CENTER"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), ROW_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PAD),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("GRID", (0, 0), (-1, -1), 0.3, GREY),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
    ]
    previous_rt = None
    for n, card in enumerate(rw.cards, start=1):
        since = (
            f"{card.received:%d-%m-%Y}\n{card.days_waiting} hari"
            if card.received is not None
            else "-"
        )
        cells = (
            str(n),
            wrap(card.name, inner[1], REGULAR, BODY),
            mask_nik(card.nik),
            wrap(card.address, inner[3], REGULAR, BODY),
            card.rt,
            card.place,
            since,
            "",
        )
        data.append(list(cells))
        heights.append(max(MIN_LINES, *(_cell_lines(c) for c in cells)) * LEADING + 2 * ROW_PAD)
        if previous_rt is not None and card.rt != previous_rt:
            commands.append(("LINEABOVE", (0, n), (-1, n), 1.0, colors.black))
        previous_rt = card.rt
    table = LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _summary(lst: UncollectedList, styles) -> list:
    widths = [w * mm for w in SUMMARY_WIDTHS_MM]
    data = [list(SUMMARY_COLUMNS)]
    for kelurahan in lst.groups:
        for rw in kelurahan.rws:
            longest = rw.longest_wait
            data.append(
                [
                    kelurahan.name,
                    kelurahan.kecamatan or "-",
                    rw.rw,
                    _number(rw.count),
                    f"{longest} hari" if longest is not None else "-",
                ]
            )
    data.append(["Jumlah", "", "", _number(lst.count), ""])
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                *summary_table_commands(),
                ("ALIGN", (2, 0), (2, -1), "CENTER"),
                ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return [Paragraph("Ringkasan per kelurahan dan RW", styles["section"]), table]


def _where(kelurahan: KelurahanGroup) -> str:
    if kelurahan.kecamatan:
        return f"Kelurahan {kelurahan.name}, Kecamatan {kelurahan.kecamatan}"
    return f"Kelurahan {kelurahan.name}"


def _rw_section(lst: UncollectedList, kelurahan: KelurahanGroup, rw: RwGroup, styles) -> list:
    where = f"{_where(kelurahan)} — {_rw_text(rw.rw)}"
    filters = _filter_text(lst)
    return [
        Section(f"Kel. {kelurahan.name} {_rw_text(rw.rw)}"),
        *_heading(styles, lst, where),
        Paragraph(
            f"Jumlah: {_bold(_number(rw.count))} kartu belum diambil. {escape(filters)}",
            styles["body"],
        ),
        Paragraph(
            "KTP-el hanya diserahkan kepada pemiliknya sendiri (tidak dapat diwakilkan) di "
            f"{_bold(escape(lst.office))} pada hari dan jam kerja, dengan membawa KTP lama. "
            "Mohon warga di bawah ini diberi tahu. Kolom Keterangan dapat diisi (misalnya: "
            "sudah diberi tahu, pindah, meninggal) lalu daftar dikembalikan ke kelurahan. "
            "NIK dicetak tersamar untuk melindungi data pribadi.",
            styles["body"],
        ),
        Spacer(1, 2 * mm),
        _rw_table(rw),
        Spacer(1, 2 * mm),
        Paragraph(
            f"Jumlah {_rw_text(rw.rw)} Kelurahan {escape(kelurahan.name)}: "
            f"{_bold(_number(rw.count))} kartu",
            styles["body"],
        ),
    ]


def uncollected_pdf(lst: UncollectedList) -> bytes:
    """Lay the list out on A4 portrait and return the PDF's bytes."""
    register_fonts()
    styles = paper_styles()
    title = f"{TITLE} {lst.site} {lst.today:%d-%m-%Y}"
    story: list = []
    if lst.rw_count != 1:
        story += _heading(styles, lst, lst.office)
        filters = _filter_text(lst)
        story.append(
            Paragraph(
                f"Jumlah: {_bold(_number(lst.count))} kartu belum diambil di {lst.rw_count} RW. "
                + escape(filters),
                styles["body"],
            )
        )
        if lst.count:
            story += _summary(lst, styles)
        else:
            story.append(Spacer(1, 4 * mm))
            story.append(
                Paragraph("Tidak ada kartu yang belum diambil untuk pilihan ini.", styles["body"])
            )
    for kelurahan in lst.groups:
        for rw in kelurahan.rws:
            if story:
                story.append(PageBreak())
            story += _rw_section(lst, kelurahan, rw, styles)
    return build_a4(story, title=title, canvasmaker=_SheetCanvas)
