"""NIK (Nomor Induk Kependudukan) parsing and validation.

A NIK is 16 digits: province (2), kabupaten/kota (2) and kecamatan (2) of first
registration, the birth date as DDMMYY with 40 added to the day for women, and a serial
0001-9999. There is no checksum and the year has two digits. The prefix never changes
when a person moves, so a Mojokerto resident may carry another region's prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

NIK_LENGTH = 16
_SCIENTIFIC = re.compile(r"^\s*\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$")


class NikProblem(StrEnum):
    """Why a text is not a NIK. The value is a stable code for tests and logs."""

    EMPTY = "empty"
    SCIENTIFIC = "scientific"
    NON_DIGITS = "non_digits"
    LENGTH = "length"
    MONTH = "month"
    DAY = "day"
    SERIAL = "serial"
    REGION = "region"


_EXPLANATIONS = {
    NikProblem.EMPTY: "NIK kosong",
    NikProblem.SCIENTIFIC: (
        "NIK tertulis sebagai angka ilmiah ({text}); aplikasi lembar kerja mengubahnya "
        "menjadi angka dan digit terakhirnya hilang. Format kolom NIK sebagai Teks lalu "
        "isi ulang dari sumber aslinya"
    ),
    NikProblem.NON_DIGITS: "NIK hanya boleh berisi angka, ditemukan '{detail}'",
    NikProblem.LENGTH: "NIK harus 16 digit, ini {detail} digit",
    NikProblem.MONTH: "bulan lahir pada NIK (digit 9-10) tidak sah: {detail}",
    NikProblem.DAY: "tanggal lahir pada NIK (digit 7-8) tidak sah: {detail}",
    NikProblem.SERIAL: "nomor urut NIK (digit 13-16) tidak boleh 0000",
    NikProblem.REGION: "kode wilayah pada NIK (digit 1-6) tidak boleh berisi 00: {detail}",
}


class NikError(ValueError):
    """A text that is not a valid NIK; `problem` says why, `str()` says it in words."""

    def __init__(self, problem: NikProblem, text: str, detail: str = "") -> None:
        self.problem = problem
        self.text = text
        self.detail = detail
        super().__init__(_EXPLANATIONS[problem].format(text=text, detail=detail))


class Sex(StrEnum):
    MALE = "L"  # laki-laki
    FEMALE = "P"  # perempuan


@dataclass(frozen=True)
class Nik:
    """A parsed NIK."""

    value: str
    province: str  # "35"
    regency: str  # "76"
    district: str  # "02"
    birth_date: date
    sex: Sex
    serial: int

    @property
    def region_code(self) -> str:
        """Kecamatan of first registration, Kemendagri style: `35.76.02`."""
        return f"{self.province}.{self.regency}.{self.district}"

    @property
    def last_four(self) -> str:
        return self.value[-4:]

    def __str__(self) -> str:
        return self.value


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_birth(yy: int, month: int, day: int, today: date) -> date | None:
    """Two-digit years: the most recent valid date that is not after `today`."""
    recent = _valid_date(2000 + yy, month, day)
    if recent is not None and recent <= today:
        return recent
    return _valid_date(1900 + yy, month, day)


def clean_nik_text(text: str) -> str:
    """Strip the whitespace, dots and dashes people type inside a NIK."""
    return re.sub(r"[\s.\-]", "", text) if not _SCIENTIFIC.match(text) else text.strip()


def parse_nik(text: str, *, today: date | None = None) -> Nik:
    """Parse and validate a NIK, raising `NikError` with the precise reason.

    `today` fixes the century of the two-digit birth year (default: the real today).
    """
    today = today or date.today()
    raw = text.strip()
    if not raw:
        raise NikError(NikProblem.EMPTY, text)
    if _SCIENTIFIC.match(raw):
        raise NikError(NikProblem.SCIENTIFIC, raw)
    value = clean_nik_text(raw)
    bad = sorted({ch for ch in value if not ch.isascii() or not ch.isdigit()})
    if bad:
        raise NikError(NikProblem.NON_DIGITS, raw, "".join(bad))
    if len(value) != NIK_LENGTH:
        raise NikError(NikProblem.LENGTH, raw, str(len(value)))
    province, regency, district = value[0:2], value[2:4], value[4:6]
    for part in (province, regency, district):
        if part == "00":
            raise NikError(NikProblem.REGION, raw, f"{province}.{regency}.{district}")
    day_code, month, yy = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if not 1 <= month <= 12:
        raise NikError(NikProblem.MONTH, raw, value[8:10])
    sex = Sex.FEMALE if day_code > 40 else Sex.MALE
    day = day_code - 40 if sex is Sex.FEMALE else day_code
    birth = _resolve_birth(yy, month, day, today)
    if birth is None:
        raise NikError(NikProblem.DAY, raw, f"{value[6:8]} untuk bulan {month:02d}")
    serial = int(value[12:16])
    if serial == 0:
        raise NikError(NikProblem.SERIAL, raw)
    return Nik(value, province, regency, district, birth, sex, serial)


def looks_like_nik(text: str) -> bool:
    """Did someone mean to type a NIK (even a broken one) rather than a name?

    All digits, a spreadsheet's scientific notation, or a long run that is digits but for
    a slip or two (`357602140164003O`) counts; such text gets the NIK's precise error.
    """
    cleaned = clean_nik_text(text)
    if not cleaned:
        return False
    if cleaned.isdigit() or _SCIENTIFIC.match(text):
        return True
    digits = sum(ch.isdigit() for ch in cleaned)
    return len(cleaned) >= 12 and digits >= len(cleaned) - 2


def is_nik(text: str) -> bool:
    try:
        parse_nik(text)
    except NikError:
        return False
    return True


def birth_date_warning(nik: Nik, recorded: date) -> str | None:
    """A warning when the NIK's date disagrees with the recorded birth date, else None.

    Only day, month and the two-digit year are compared: the NIK cannot tell centuries.
    This is never a reason to refuse a record: old registrations hold such mistakes.
    """
    same = (
        nik.birth_date.day == recorded.day
        and nik.birth_date.month == recorded.month
        and nik.birth_date.year % 100 == recorded.year % 100
    )
    if same:
        return None
    return (
        f"tanggal lahir pada NIK ({nik.birth_date:%d-%m-%y}) berbeda dengan tanggal lahir "
        f"tercatat ({recorded:%d-%m-%Y}); periksa data kependudukan"
    )


def make_nik(region_code: str, birth: date, sex: Sex, serial: int) -> str:
    """Compose a NIK from its parts (used by the demo city and tests)."""
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1..9999, got {serial}")
    day = birth.day + (40 if sex is Sex.FEMALE else 0)
    return f"{region_code.replace('.', '')}{day:02d}{birth:%m}{birth.year % 100:02d}{serial:04d}"
