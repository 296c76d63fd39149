"""The proofs the counter prints for the other services: "Bukti Pendaftaran Perekaman
KTP-el" for an applicant and "Bukti Laporan Peristiwa" for a reporter.

They look like the handover receipt and are drawn the same way (one reportlab Drawing of
String and Line shapes, SVG for Qt's printer and PDF for the archive and the tests, on A5
or an 80 mm roll), with the receipt's letterhead, sheet and signature pieces. They carry
no check code: nothing is handed over against them.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing, Line
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.regions import regions
from desktop.core.services import (
    DOCUMENT_LABELS,
    EVENT_DATE_LABELS,
    CardOutcome,
    ErrorField,
    RecordingKind,
    ReportKind,
    ReportProof,
    RequestProof,
)
from desktop.documents.fonts import BOLD, REGULAR, register_fonts, svg_font_hacks
from desktop.documents.receipt import (
    Layout,
    _does_not_fit,
    _letterhead,
    _padded,
    _Sheet,
    _signature,
    _signature_height,
    _Style,
    _style,
    format_date,
    format_issued_at,
    wrap_text,
)

__all__ = [
    "REPORT_TITLE",
    "REQUEST_TITLE",
    "build_proof",
    "proof_page",
    "proof_pdf",
    "proof_svg",
]

REQUEST_TITLE = "BUKTI PENDAFTARAN PEREKAMAN KTP-EL"
REPORT_TITLE = "BUKTI LAPORAN PERISTIWA"
REQUEST_FOOTER = "Simpan bukti ini sampai KTP-el Anda terima. Bukti ini bukan pengganti KTP."
REPORT_FOOTER = "Simpan bukti laporan ini. Tunjukkan bila Dinas menanyakan laporan ini."
BULLET = "•"
COMPACT = {"body": 9, "small": 8, "title": 12, "signature_space": 26}
TIGHT = {"body": 8, "small": 7, "title": 11, "signature_space": 22}  # every field at its limit

Proof = RequestProof | ReportProof
Rows = list[tuple[str, list[str]]]
Sections = list[tuple[str, list[str], bool]]  # heading, paragraphs, as bullets?


def build_proof(proof: Proof, layout: Layout = "a5") -> Drawing:
    """The whole proof page as one Drawing, ready for renderPDF or renderSVG."""
    register_fonts()
    if isinstance(proof, RequestProof):
        title, rows, sections = REQUEST_TITLE, request_rows(proof), request_sections(proof)
        footer = request_footer(proof)
        signatures = [("Pemohon,", proof.nama), ("Petugas,", proof.operator_name)]
    else:
        title, rows, sections = REPORT_TITLE, report_rows(proof), report_sections(proof)
        footer = REPORT_FOOTER
        signatures = [("Pelapor,", proof.reporter_name), ("Petugas,", proof.operator_name)]
    style = _style(layout)
    parts = (title, rows, sections, signatures, footer)
    if not style.wide:
        # The roll is cut where the proof ends: at the receipt's length, or longer.
        sheet = _draw(proof, replace(style, height=style.height * 3), *parts)
        used = style.height * 3 - sheet.y + style.margin_bottom
        return _draw(proof, replace(style, height=max(style.height, used)), *parts).drawing
    # Long names and addresses on A5: the same page a size smaller, not a second page.
    for sizes in ({}, COMPACT):
        try:
            return _draw(proof, replace(style, **sizes), *parts).drawing
        except ValueError:
            continue
    return _draw(proof, replace(style, **TIGHT), *parts).drawing


def _draw(proof: Proof, style: _Style, *parts) -> _Sheet:
    sheet = _Sheet(style)
    _letterhead(sheet, proof)  # uses the office's name and address only
    _body(sheet, *parts)
    return sheet


def proof_pdf(proof: Proof, layout: Layout = "a5") -> bytes:
    """The proof as a one-page PDF with the fonts embedded."""
    return renderPDF.drawToString(build_proof(proof, layout))


def proof_svg(proof: Proof, layout: Layout = "a5") -> str:
    """The proof as SVG for Qt to print (see `desktop.documents.receipt.receipt_svg`)."""
    return proof_page(proof, layout)[0]


def proof_page(proof: Proof, layout: Layout = "a5") -> tuple[str, tuple[float, float]]:
    """The SVG to print and its paper size in points: A5, or the roll cut at the receipt's
    length or, for a long proof, where it ends."""
    drawing = build_proof(proof, layout)
    svg = renderSVG.drawToString(
        drawing,
        fontHacks=svg_font_hacks(),
        useClip=True,
        svgAttrs={"viewBox": f"0 0 {drawing.width:.3f} {drawing.height:.3f}"},
    )
    return svg, (drawing.width, drawing.height)


# -- what each proof says -----------------------------------------------------------------


def _place(proof: Proof) -> str:
    site = regions().sites.get(proof.site)
    return f"{site.short if site else proof.office_name}, Loket {proof.workstation}"


def request_rows(proof: RequestProof) -> Rows:
    rows: Rows = [
        ("Nomor pendaftaran", [proof.request_no]),
        ("Tanggal dan jam", [format_issued_at(proof.issued_at)]),
        ("Tempat layanan", [_place(proof)]),
        ("Jenis permohonan", [proof.kind_label]),
        ("NIK", [proof.nik]),
        ("Nama", [proof.nama]),
        ("Tempat/tanggal lahir", [f"{proof.tempat_lahir}, {format_date(proof.tanggal_lahir)}"]),
        (
            "Alamat",
            [
                proof.alamat,
                f"RT {_padded(proof.rt)} / RW {_padded(proof.rw)}",
                f"Kel. {proof.kelurahan}, Kec. {proof.kecamatan}",
            ],
        ),
    ]
    if proof.kind is RecordingKind.PINDAH_DATANG:
        rows.append(("Asal pindah", [proof.origin_region or "-"]))
        rows.append(("No. SKPWNI", [proof.moving_letter_no or "-"]))
    if proof.married_minor:
        rows.append(("Status", ["sudah/pernah menikah (wajib KTP sebelum 17 tahun)"]))
    rows.append(("Petugas", [proof.operator_name]))
    return rows


def request_sections(proof: RequestProof) -> Sections:
    return [
        ("Dibawa saat perekaman:", list(proof.to_bring()), True),
        (
            "Waktu dan tempat perekaman:",
            [
                "Datang sendiri pada hari kerja (Senin–Jumat, jam layanan) ke "
                f"{proof.office_name} untuk perekaman foto, sidik jari, iris mata dan tanda "
                "tangan; tunjukkan bukti ini kepada petugas."
            ],
            False,
        ),
    ]


def request_footer(proof: RequestProof) -> str:
    return (
        "Setelah kartu dicetak Anda menerima undangan pengambilan; KTP-el diambil sendiri "
        f"(tidak dapat diwakilkan) di {proof.pickup_office}. {REQUEST_FOOTER}"
    )


def report_rows(proof: ReportProof) -> Rows:
    rows: Rows = [
        ("Nomor laporan", [proof.report_no]),
        ("Tanggal dan jam", [format_issued_at(proof.issued_at)]),
        ("Tempat layanan", [_place(proof)]),
        ("Jenis laporan", [proof.kind_label]),
        ("Nama", [proof.nama or "-"]),
        ("NIK", [proof.nik]),
    ]
    if proof.kind in EVENT_DATE_LABELS:
        shown = format_date(proof.event_date) if proof.event_date else "-"
        rows.append((EVENT_DATE_LABELS[proof.kind], [shown]))
    if proof.kind is not ReportKind.DATA_ERROR or proof.document_no:
        rows.append((DOCUMENT_LABELS[proof.kind], [proof.document_no or "-"]))
    rows.append(("Pelapor", [f"{proof.reporter_name} ({proof.reporter_relation})"]))
    if proof.note:
        rows.append(("Keterangan", [proof.note]))
    rows.append(("Petugas", [proof.operator_name]))
    return rows


def report_sections(proof: ReportProof) -> Sections:
    card = proof.card_text[:1].upper() + proof.card_text[1:] + "."
    if proof.card_id:
        card += f" Nomor kartu: {proof.card_id}."
    after = [
        "Laporan ini diteruskan ke Dinas Kependudukan dan Catatan Sipil untuk pemutakhiran "
        "data kependudukan."
    ]
    if proof.kind is ReportKind.DATA_ERROR and proof.card_outcome is CardOutcome.WITHHELD:
        what = "dicetak ulang" if proof.error_field is ErrorField.DAMAGED else "diperbaiki"
        after.append(
            f"Kartu {what} oleh pusat; kartu penggantinya diambil sendiri oleh pemiliknya "
            "setelah undangan pengambilan diterima."
        )
    return [("Tindak lanjut kartu:", [card], False), ("Selanjutnya:", after, False)]


# -- laying it out --------------------------------------------------------------------------


def _rows(sheet: _Sheet, rows: Rows) -> None:
    """Label: value rows, the name in bold."""
    style = sheet.style
    size = style.body
    leading = style.leading(size)
    label_width = max(stringWidth(label, REGULAR, size) for label, _ in rows)
    colon_x = sheet.left + label_width + 4
    value_x = colon_x + stringWidth(": ", REGULAR, size)
    for label, paragraphs in rows:
        top = sheet.y
        sheet.string(label, REGULAR, size, sheet.left, colon_x, "left", top - size)
        sheet.string(":", REGULAR, size, colon_x, colon_x, "left", top - size)
        font = BOLD if label == "Nama" else REGULAR
        for paragraph in paragraphs:
            sheet.paragraph(paragraph or "-", font, size, value_x, sheet.right)
        sheet.y = min(sheet.y, top - leading) - leading * 0.2


def _sections(sheet: _Sheet, sections: Sections) -> None:
    style = sheet.style
    size = style.small
    indent = stringWidth(BULLET + " ", REGULAR, size) + 2
    for heading, paragraphs, bullets in sections:
        sheet.space(4)
        sheet.paragraph(heading, BOLD, size)
        for paragraph in paragraphs:
            if bullets:
                sheet.string(BULLET, REGULAR, size, sheet.left, sheet.left, "left", sheet.y - size)
                sheet.paragraph(paragraph, REGULAR, size, sheet.left + indent)
            else:
                sheet.paragraph(paragraph, REGULAR, size)


def _body(
    sheet: _Sheet,
    title: str,
    rows: Rows,
    sections: Sections,
    signatures: list[tuple[str, str]],
    footer: str,
) -> None:
    style = sheet.style
    sheet.paragraph(title, BOLD, style.title, align="center")
    sheet.space(6)
    _rows(sheet, rows)
    _sections(sheet, sections)
    if style.wide:
        _wide_foot(sheet, signatures, footer)
    else:
        _narrow_foot(sheet, signatures, footer)


def _wide_foot(sheet: _Sheet, signatures: list[tuple[str, str]], footer: str) -> None:
    """A5: the footer at the bottom margin, the two signatures side by side above it."""
    style = sheet.style
    content_bottom = sheet.y
    lines = wrap_text(footer, REGULAR, style.small, sheet.right - sheet.left)
    sheet.y = sheet.bottom + len(lines) * style.leading(style.small)
    foot_top = sheet.y + 6
    sheet.drawing.add(Line(sheet.left, foot_top, sheet.right, foot_top, strokeWidth=0.5))
    sheet.text_lines(lines, REGULAR, style.small, align="center")
    gap = 16
    half = (sheet.right - sheet.left - gap) / 2
    columns = [
        (signatures[0][0], signatures[0][1], sheet.left, sheet.left + half),
        (signatures[1][0], signatures[1][1], sheet.right - half, sheet.right),
    ]
    height = max(_signature_height(sheet, name, half) for _, name, _, _ in columns)
    top = foot_top + 10 + height
    if top > content_bottom - 6:
        raise _does_not_fit()
    for caption, name, left, right in columns:
        _signature(sheet, caption, name, left, right, top)


def _narrow_foot(sheet: _Sheet, signatures: list[tuple[str, str]], footer: str) -> None:
    """The 80 mm roll: signatures stacked, then the footer."""
    style = sheet.style
    sheet.space(10)
    for caption, name in signatures:
        _signature(sheet, caption, name, sheet.left, sheet.right, sheet.y)
        sheet.space(10)
    sheet.rule(0.5, before=0, after=4)
    sheet.paragraph(footer, REGULAR, style.small, align="center")
    sheet.check_fits(sheet.y)
