"""What a handover records besides the card: the fate of the old paper KTP."""

from __future__ import annotations

from enum import StrEnum


class OldKtp(StrEnum):
    WITHDRAWN = "withdrawn"  # old KTP taken back at the counter
    LOST = "lost"  # needs the police letter number
    NONE = "none"  # first-time applicant (Wajib KTP Pemula)


LABELS = {
    OldKtp.WITHDRAWN: "KTP lama ditarik",
    OldKtp.LOST: "KTP lama hilang (surat kehilangan kepolisian)",
    OldKtp.NONE: "tidak punya KTP lama (pemula)",
}
