"""The proofs of a recording request and of an event report: their text read back from the
PDF with pypdf, on A5 and on the 80 mm roll, and the longest values the checks allow kept
on the page without overlapping."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm

from desktop.core.services import (
    LIMITS,
    CardOutcome,
    ErrorField,
    RecordingKind,
    ReportKind,
    ReportProof,
    RequestProof,
    card_outcome_text,
)
from desktop.documents.proof import (
    REPORT_TITLE,
    REQUEST_TITLE,
    build_proof,
    proof_page,
    proof_pdf,
)
from desktop.documents.receipt import page_size

LAYOUTS = ["a5", "roll80"]
MARGIN = {"a5": 10 * mm, "roll80": 4 * mm}

REQUEST = RequestProof(
    request_no="PRK-MGS-01-000012",
    issued_at="2012-09-10T09:41:00+07:00",
    site="MGS",
    office_name="Kantor Kecamatan Magersari",
    office_address="Kecamatan Magersari, Kota Mojokerto",
    workstation=1,
    kind=RecordingKind.PEMULA,
    nik="3576025203950077",
    nama="Siti Nur Aisyah",
    jenis_kelamin="P",
    tempat_lahir="Mojokerto",
    tanggal_lahir="1995-03-12",
    alamat="Jl. Empunala Gg. Melati No. 17",
    rt="3",
    rw="12",
    kelurahan="Gunung Gedangan",
    kecamatan="Magersari",
    married=False,
    origin_region=None,
    moving_letter_no=None,
    operator_name="Agus Santoso",
    pickup_office="Kantor Kecamatan Magersari",
)
MOVER = replace(
    REQUEST,
    kind=RecordingKind.PINDAH_DATANG,
    nik="3515080605900044",
    origin_region="Kabupaten Sidoarjo",
    moving_letter_no="474.2/1234/404.3.9/2012",
)
YOUNG_MARRIED = replace(REQUEST, tanggal_lahir="1996-06-01", married=True)
LONGEST = replace(
    MOVER,
    nama="Raden Ayu Siti Nurhayati Kusumawardhani Rahayuningsih Putri",
    tempat_lahir="T" * LIMITS["tempat_lahir"][1],
    alamat=(
        "Perumahan Griya Permata Asri Blok C-17 Nomor 23A, Jalan Raya Empunala Gang Kenanga "
        "Timur III, Dusun Balongcangkring"
    ),
    origin_region="Kabupaten Sidoarjo, Provinsi Jawa Timur, Kecamatan Waru, Desa Tambak",
    moving_letter_no="474.2/12345/404.3.9/2012/SKPWNI/ANTAR-KABUPATEN-KOTA-PROV",
    married=True,
    tanggal_lahir="1996-06-01",
)

REPORT = ReportProof(
    report_no="LPR-MGS-01-000003",
    issued_at="2012-09-10T10:02:00+07:00",
    site="MGS",
    office_name="Kantor Kecamatan Magersari",
    office_address="Kecamatan Magersari, Kota Mojokerto",
    workstation=1,
    kind=ReportKind.DECEASED,
    error_field=None,
    nik="3576022503450008",
    nama="Lurhur Wicaksono",
    reporter_name="Budi Santoso",
    reporter_relation="anak",
    document_no="474.3/88/417.302/2012",
    event_date="2012-09-01",
    note="meninggal di RSUD",
    card_id="B20120507-3576022503450008",
    card_outcome=CardOutcome.WITHHELD,
    card_text=card_outcome_text(CardOutcome.WITHHELD, reason="deceased_reported"),
    operator_name="Agus Santoso",
)
WRONG_NAME = replace(
    REPORT,
    kind=ReportKind.DATA_ERROR,
    error_field=ErrorField.NAME,
    reporter_name="Lurhur Wicaksono",
    reporter_relation="diri sendiri",
    document_no=None,
    event_date=None,
    note="tertulis LURHUR WICAKSONI",
    card_text=card_outcome_text(CardOutcome.WITHHELD, reason="data_error"),
)
LONGEST_REPORT = replace(
    REPORT,
    nama="Raden Ayu Siti Nurhayati Kusumawardhani Rahayuningsih Putri",
    reporter_name="Raden Mas Bagus Hadikusumo Wiryonegoro Sastrowardoyo Putro",
    reporter_relation="R" * LIMITS["reporter_relation"][1],
    document_no="D" * LIMITS["document_no"][1],
    note=" ".join(["keterangan"] * 18)[: LIMITS["note"][1]],
)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def strings(drawing: Drawing) -> list[String]:
    return [shape for shape in drawing.contents if isinstance(shape, String)]


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_request_proof_says_what_to_bring_and_where(layout: str) -> None:
    text = pdf_text(proof_pdf(REQUEST, layout))
    for expected in (
        "PEMERINTAH KOTA MOJOKERTO",
        REQUEST_TITLE,
        "PRK-MGS-01-000012",
        "10-09-2012 09:41 WIB",
        "Magersari, Loket 1",
        "Wajib KTP pemula",
        "3576025203950077",
        "Siti Nur Aisyah",
        "Mojokerto, 12-03-1995",
        "RT 003 / RW 012",
        "Kel. Gunung Gedangan, Kec. Magersari",
        "Dibawa saat perekaman:",
        "bukti pendaftaran ini",
        "Kartu Keluarga (KK) asli",
        "hari kerja",
        "sidik jari",
        "diambil sendiri",
        "Pemohon,",
        "Petugas,",
        "Agus Santoso",
    ):
        assert expected in text, expected
    assert "SKPWNI" not in text and "buku nikah" not in text


def test_a_movers_proof_carries_origin_and_letter() -> None:
    text = pdf_text(proof_pdf(MOVER))
    for expected in ("Pindah datang", "Asal pindah", "Kabupaten Sidoarjo", "No. SKPWNI"):
        assert expected in text, expected
    assert "474.2/1234/404.3.9/2012" in text
    assert "Surat Keterangan Pindah WNI (SKPWNI) asli" in text


def test_a_young_married_applicant_brings_the_marriage_book() -> None:
    text = pdf_text(proof_pdf(YOUNG_MARRIED))
    assert "buku nikah atau akta perkawinan asli" in text
    assert "sudah/pernah menikah" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_report_proof_says_what_happened_to_the_card(layout: str) -> None:
    text = pdf_text(proof_pdf(REPORT, layout))
    for expected in (
        REPORT_TITLE,
        "LPR-MGS-01-000003",
        "Kematian",
        "Lurhur Wicaksono",
        "3576022503450008",
        "Tanggal meninggal",
        "01-09-2012",
        "No. akta/surat kematian",
        "Budi Santoso (anak)",
        "meninggal di RSUD",
        "Tindak lanjut kartu:",
        "Kartu ditahan (pemilik dilaporkan meninggal)",
        "Pelapor,",
    ):
        assert expected in text, expected
    assert "B20120507-3576022503450008" in text.replace(" ", "")


def test_a_wrong_card_report_says_it_is_reprinted() -> None:
    text = pdf_text(proof_pdf(WRONG_NAME))
    assert "Kesalahan data kartu: nama salah" in text
    assert "Kartu ditahan untuk dicetak ulang" in text
    assert "diambil sendiri oleh pemiliknya" in text
    assert "Tanggal meninggal" not in text and "No. dokumen" not in text


def test_a_report_about_a_card_already_handed_over() -> None:
    handed = replace(
        REPORT,
        card_outcome=CardOutcome.ALREADY_HANDED_OVER,
        card_text=card_outcome_text(CardOutcome.ALREADY_HANDED_OVER),
    )
    assert "Kartu sudah diserahkan sebelumnya" in pdf_text(proof_pdf(handed))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    "proof",
    [REQUEST, MOVER, LONGEST, REPORT, WRONG_NAME, LONGEST_REPORT],
    ids=["request", "mover", "longest", "report", "wrong-name", "longest-report"],
)
def test_text_stays_on_the_page_and_never_overlaps(layout: str, proof) -> None:
    drawing = build_proof(proof, layout)
    width, height = drawing.width, drawing.height
    if layout == "a5":  # one sheet of A5, whatever it holds
        assert (width, height) == page_size(layout)
    else:  # the roll is cut at the receipt's length, or further down for a long proof
        assert width == page_size(layout)[0] and height >= page_size(layout)[1]
    shapes = strings(drawing)
    boxes = [s.getBounds() for s in shapes]
    for (x0, y0, x1, y1), shape in zip(boxes, shapes, strict=True):
        assert x0 >= MARGIN[layout] - 0.01 and x1 <= width - MARGIN[layout] + 0.01, shape.text
        assert y0 >= MARGIN[layout] - 0.01 and y1 <= height - MARGIN[layout], shape.text
    for (a, sa), (b, sb) in itertools.combinations(zip(boxes, shapes, strict=True), 2):
        assert not overlap(a, b), (sa.text, sb.text)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_svg_is_one_page_qt_can_print(layout: str) -> None:
    svg, (width, height) = proof_page(MOVER, layout)
    assert (width, height) == page_size(layout)
    root = ElementTree.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {width:.3f} {height:.3f}"
    assert "DejaVu Sans" in svg
    namespace = "{http://www.w3.org/2000/svg}"
    assert not [c for c in root.iter(f"{namespace}clipPath")]  # QSvgRenderer paints it black


def test_a_long_proof_runs_further_down_the_roll() -> None:
    _, (_, long) = proof_page(LONGEST, "roll80")
    _, (_, short) = proof_page(REQUEST, "roll80")
    assert short == page_size("roll80")[1] < long
