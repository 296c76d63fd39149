"""What a handover receipt says, and the check code that lets a supervisor verify a paper.

The check code is derived from the receipt's content, so a paper whose name, NIK, time
or number was altered no longer matches the code printed beside it, and the QR code lets
a supervisor compare the paper with the store at a glance.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from desktop.core.events import canonical_json

QR_PREFIX = "LOKET-TT1"


@dataclass(frozen=True)
class ReceiptData:
    receipt_no: str  # MGS-01-000123
    issued_at: str  # local wall time of the handover, ISO 8601
    site: str  # MGS or DSP
    office_name: str
    office_address: str
    workstation: int
    card_id: str
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: str  # ISO date
    alamat: str
    rt: str
    rw: str
    kelurahan: str
    kecamatan: str
    old_ktp: str  # desktop.core.handover.OldKtp value
    police_letter: str | None
    operator_name: str
    copy: bool = False  # a reprint is marked as a copy

    def check_code(self) -> str:
        return check_code(self)

    def qr_text(self) -> str:
        return f"{QR_PREFIX}|{self.receipt_no}|{self.check_code()}"


def check_code(receipt: ReceiptData) -> str:
    """Ten characters in five-pair groups: a hash of what the paper states (not `copy`)."""
    content = canonical_json(
        [
            receipt.receipt_no,
            receipt.issued_at,
            receipt.site,
            receipt.workstation,
            receipt.card_id,
            receipt.nik,
            receipt.nama,
            receipt.old_ktp,
            receipt.police_letter,
            receipt.operator_name,
        ]
    )
    digest = hashlib.sha256(content).hexdigest().upper()[:10]
    return f"{digest[:5]}-{digest[5:]}"


def parse_qr(text: str) -> tuple[str, str] | None:
    """(receipt number, check code) from a scanned receipt QR, or None if it is not one."""
    parts = text.strip().split("|")
    if len(parts) != 3 or parts[0] != QR_PREFIX:
        return None
    return parts[1], parts[2]
