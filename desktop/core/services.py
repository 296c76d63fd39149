"""The other services at the counter, as words and kinds: recording requests (perekaman)
for first-time applicants and people who moved in, and reports of deaths, moves and card
errors (lapor peristiwa). The rules that check them live beside these kinds."""

from __future__ import annotations

from enum import StrEnum


class RecordingKind(StrEnum):
    PEMULA = "pemula"  # Wajib KTP Pemula: 17 years old, or younger and married
    PINDAH_DATANG = "pindah_datang"  # moved into the city, with a moving letter (SKPWNI)


class RecordingStatus(StrEnum):
    WAITING = "waiting"  # registered at the counter, waiting for the recording session
    RECORDED = "recorded"  # photo, fingerprints and signature taken
    SENT = "sent"  # sent to the centre for printing


class ReportKind(StrEnum):
    DECEASED = "deceased"  # the holder died: the card is withheld
    MOVED_OUT = "moved_out"  # the holder moved out of the city: the card is not handed here
    DATA_ERROR = "data_error"  # something on the card is wrong: withheld for reprint


class ErrorField(StrEnum):
    NAME = "name"
    ADDRESS = "address"
    PHOTO = "photo"
    DAMAGED = "damaged"  # the print is damaged, not the data


RECORDING_KIND_LABELS = {
    RecordingKind.PEMULA: "Wajib KTP pemula",
    RecordingKind.PINDAH_DATANG: "Pindah datang",
}
RECORDING_STATUS_LABELS = {
    RecordingStatus.WAITING: "menunggu perekaman",
    RecordingStatus.RECORDED: "sudah direkam",
    RecordingStatus.SENT: "dikirim ke pusat",
}
REPORT_KIND_LABELS = {
    ReportKind.DECEASED: "Kematian",
    ReportKind.MOVED_OUT: "Pindah keluar",
    ReportKind.DATA_ERROR: "Kesalahan data kartu",
}
ERROR_FIELD_LABELS = {
    ErrorField.NAME: "nama salah",
    ErrorField.ADDRESS: "alamat salah",
    ErrorField.PHOTO: "foto salah",
    ErrorField.DAMAGED: "cetakan rusak",
}

REQUEST_PREFIX = "PRK"  # PRK-MGS-01-000001: perekaman
REPORT_PREFIX = "LPR"  # LPR-MGS-01-000001: laporan peristiwa


def service_number(prefix: str, site: str, workstation: int, sequence: int) -> str:
    """Gap-free per site and workstation, like receipt numbers."""
    return f"{prefix}-{site}-{workstation:02d}-{sequence:06d}"
