"""What a scanner types into the search field, and the receipt check code that lets a
supervisor tell a genuine paper from an altered one."""

from __future__ import annotations

import dataclasses
import re

import pytest

from desktop.core.barcode import INVITATION_PREFIX, Scan, invitation_barcode, parse_scan
from desktop.core.receipts import QR_PREFIX, ReceiptData, check_code, parse_qr

CARD_ID = "B20120507-3576022503450008"


def receipt(**over: object) -> ReceiptData:
    values: dict[str, object] = {
        "receipt_no": "MGS-01-000123",
        "issued_at": "2012-09-03T09:15:02+07:00",
        "site": "MGS",
        "office_name": "Kantor Kecamatan Magersari",
        "office_address": "Kantor Kecamatan Magersari, Kota Mojokerto",
        "workstation": 1,
        "card_id": CARD_ID,
        "nik": "3576022503450008",
        "nama": "Lurhur",
        "tempat_lahir": "Mojokerto",
        "tanggal_lahir": "1945-03-25",
        "alamat": "Jl. Ahmad Yani No. 145",
        "rt": "005",
        "rw": "001",
        "kelurahan": "Meri",
        "kecamatan": "Magersari",
        "old_ktp": "withdrawn",
        "police_letter": None,
        "operator_name": "Agus Santoso",
    }
    values.update(over)
    return ReceiptData(**values)  # type: ignore[arg-type]


# -- barcodes --------------------------------------------------------------------------------


def test_invitation_barcode_round_trips() -> None:
    text = invitation_barcode(CARD_ID)
    assert text == f"{INVITATION_PREFIX}{CARD_ID}"
    assert parse_scan(text) == Scan("invitation", card_id=CARD_ID)


def test_invitation_scan_tolerates_whitespace_and_lower_case_prefix() -> None:
    assert parse_scan(f"  und-{CARD_ID}\n") == Scan("invitation", card_id=CARD_ID)


def test_bare_invitation_prefix_is_not_a_scan() -> None:
    assert parse_scan(INVITATION_PREFIX) is None


def test_receipt_qr_is_recognised() -> None:
    data = receipt()
    scan = parse_scan(data.qr_text())
    assert scan == Scan("receipt", receipt_no="MGS-01-000123", check_code=data.check_code())


@pytest.mark.parametrize(
    "text",
    [
        "3576022503450008",
        "3576 0225 0345 0008",
        "3.57602E+15",
        "Lurhur",
        "Siti Nur'aini",
        'O\'Neil "AND" (x',
        "",
        "   ",
    ],
)
def test_what_a_person_types_is_not_a_scan(text: str) -> None:
    assert parse_scan(text) is None


# -- receipt QR ------------------------------------------------------------------------------


def test_qr_text_carries_prefix_number_and_code() -> None:
    data = receipt()
    assert data.qr_text() == f"{QR_PREFIX}|MGS-01-000123|{data.check_code()}"
    assert parse_qr(data.qr_text()) == ("MGS-01-000123", data.check_code())


@pytest.mark.parametrize(
    "text",
    [
        "LOKET-TT2|MGS-01-000123|ABCDE-12345",  # another version of the format
        "loket-tt1|MGS-01-000123|ABCDE-12345",  # the prefix is exact
        "OTHER|MGS-01-000123|ABCDE-12345",
        "LOKET-TT1|MGS-01-000123",  # too few parts
        "LOKET-TT1|MGS-01-000123|ABCDE-12345|extra",  # too many
        "MGS-01-000123",
        "",
    ],
)
def test_parse_qr_rejects_anything_else(text: str) -> None:
    assert parse_qr(text) is None


# -- check code ------------------------------------------------------------------------------


def test_check_code_shape_and_stability() -> None:
    code = receipt().check_code()
    assert re.fullmatch(r"[0-9A-F]{5}-[0-9A-F]{5}", code), code
    assert check_code(receipt()) == code  # a pure function of the content
    assert receipt().check_code() == code


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nik", "3576022503450009"),
        ("nama", "Lurhur Santoso"),
        ("receipt_no", "MGS-01-000124"),
        ("issued_at", "2012-09-03T09:15:03+07:00"),
        ("operator_name", "Dewi Lestari"),
        ("old_ktp", "lost"),
        ("police_letter", "LP/123/IX/2012"),
        ("card_id", "B20120528-3576022503450008"),
        ("site", "DSP"),
        ("workstation", 2),
    ],
)
def test_check_code_changes_with_every_stated_field(field: str, value: object) -> None:
    original = receipt()
    altered = dataclasses.replace(original, **{field: value})
    assert altered.check_code() != original.check_code()
    assert parse_qr(altered.qr_text()) != parse_qr(original.qr_text())


def test_police_letter_none_and_empty_are_told_apart() -> None:
    assert receipt(police_letter="").check_code() != receipt(police_letter=None).check_code()


def test_copy_flag_is_not_part_of_the_code() -> None:
    original = receipt()
    copy = dataclasses.replace(original, copy=True)
    assert copy.check_code() == original.check_code()
    assert copy.qr_text() == original.qr_text()
