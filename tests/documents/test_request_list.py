"""The A4 list of recording requests: heading, totals per kind and status, one row per
request with the mover's origin and letter never cut, pages numbered, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from desktop.core.services import (
    RecordingKind,
    RecordingStatus,
    RequestList,
    RequestRow,
)
from desktop.documents.request_list import TITLE, request_list_pdf

STATUSES = list(RecordingStatus)


def row(n: int, *, kind=RecordingKind.PEMULA, status=RecordingStatus.WAITING, day=10, **kw):
    values = {
        "request_no": f"PRK-MGS-01-{n:06d}",
        "wall_time": f"2012-09-{day:02d}T{8 + n % 8:02d}:{n % 60:02d}:00+07:00",
        "site": "MGS",
        "workstation": 1,
        "kind": kind,
        "nik": f"357602520395{n:04d}",
        "nama": f"Pemohon Nomor {n}",
        "tanggal_lahir": "1995-03-12",
        "alamat": "Jl. Benteng 3",
        "rt": "003",
        "rw": "012",
        "kode_kelurahan": "35.76.02.1001",
        "kelurahan": "Gunung Gedangan",
        "married": False,
        "origin_region": None,
        "moving_letter_no": None,
        "status": status,
        "status_note": None,
        "status_time": None,
        "status_by": None,
        "operator_name": "Agus Santoso",
    }
    values.update(kw)
    return RequestRow(**values)


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def one_day(rows, status=None) -> RequestList:
    return RequestList(
        start=date(2012, 9, 10),
        end=date(2012, 9, 10),
        status=status,
        site="MGS",
        office="Kantor Kecamatan Magersari",
        rows=tuple(rows),
        made_on=date(2012, 9, 10),
    )


def test_a_day_with_totals_rows_and_signature() -> None:
    mover = row(
        2,
        kind=RecordingKind.PINDAH_DATANG,
        status=RecordingStatus.RECORDED,
        origin_region="Kabupaten Sidoarjo",
        moving_letter_no="474.2/12345/404.3.9/2012/SKPWNI",
        status_note="direkam sesi pagi",
    )
    lst = one_day([row(1), mover, row(3, status=RecordingStatus.SENT)])
    (text,) = pages(request_list_pdf(lst))
    for expected in (
        "PEMERINTAH KOTA MOJOKERTO",
        TITLE,
        "Kantor Kecamatan Magersari",
        "Hari/tanggal: Senin, 10-09-2012",
        "Status: semua",
        "Jumlah: 3 permohonan",
        "Wajib KTP pemula 1 0 1 2",
        "Pindah datang 0 1 0 1",
        "Jumlah 1 1 1 3",
        "PRK-MGS-01-000001",
        "Pemohon Nomor 2",
        "3576025203950002",
        "Pindah datang",
        "menunggu",
        "direkam",
        "dikirim",
        "Mengetahui,",
        "Supervisor",
        "Hal. 1 dari 1",
    ):
        assert expected in text, expected
    squeezed = text.replace(" ", "")
    assert "474.2/12345/404.3.9/2012/SKPWNI" in squeezed  # split over lines, never cut
    assert "direkamsesipagi" in squeezed


def test_a_range_and_a_status_filter_are_said() -> None:
    rows = [row(n, day=10 + n % 3, status=RecordingStatus.RECORDED) for n in range(1, 4)]
    lst = RequestList(
        start=date(2012, 9, 10),
        end=date(2012, 9, 12),
        status=RecordingStatus.RECORDED,
        site="MGS",
        office="Kantor Kecamatan Magersari",
        rows=tuple(rows),
        made_on=date(2012, 9, 13),
    )
    (text,) = pages(request_list_pdf(lst))
    assert "Tanggal: 10-09-2012 s.d. 12-09-2012" in text
    assert "Status: sudah direkam" in text
    assert "11-09-2012" in text  # each row says its day
    assert "Mojokerto, 13-09-2012" in text


def test_an_empty_list_says_so() -> None:
    (text,) = pages(request_list_pdf(one_day([], status=RecordingStatus.WAITING)))
    assert "Tidak ada permohonan untuk pilihan ini." in text
    assert "Jumlah: 0 permohonan" in text


def test_a_long_list_runs_over_pages_with_its_header_repeated() -> None:
    lst = one_day([row(n) for n in range(1, 121)])
    texts = pages(request_list_pdf(lst))
    assert len(texts) > 2
    for number, text in enumerate(texts, start=1):
        assert f"Hal. {number} dari {len(texts)}" in text
        assert "No. pendaftaran" in text  # the table header on every page
    every = " ".join(texts)
    assert len(re.findall(r"PRK-MGS-01-\d{6}", every)) == 120
