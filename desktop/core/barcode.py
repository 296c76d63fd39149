"""What a scanner can type into the search field: an invitation barcode, a receipt QR,
or (like a person) a NIK or a name."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.receipts import parse_qr

INVITATION_PREFIX = "UND-"  # invitation letters carry UND-<card id>


@dataclass(frozen=True)
class Scan:
    kind: str  # "invitation" or "receipt"
    card_id: str | None = None
    receipt_no: str | None = None
    check_code: str | None = None


def invitation_barcode(card_id: str) -> str:
    return f"{INVITATION_PREFIX}{card_id}"


def parse_scan(text: str) -> Scan | None:
    """A recognised barcode, or None when the text is something a person typed."""
    text = text.strip()
    if text.upper().startswith(INVITATION_PREFIX) and len(text) > len(INVITATION_PREFIX):
        return Scan("invitation", card_id=text[len(INVITATION_PREFIX) :])
    receipt = parse_qr(text)
    if receipt:
        return Scan("receipt", receipt_no=receipt[0], check_code=receipt[1])
    return None
