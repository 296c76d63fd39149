"""What the counter screen asks of the store: find a resident from whatever was typed or
scanned, say what may be done with their card here, and the receipts of handovers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from desktop.core.barcode import parse_scan
from desktop.core.cards import HANDABLE, CardStatus, WithholdReason
from desktop.core.events import EventType
from desktop.core.nik import NikError, looks_like_nik, parse_nik
from desktop.core.receipts import ReceiptData
from desktop.core.regions import Site, regions
from desktop.store.search import Card, Resident, cards_for_nik, resident_by_nik, search_names
from desktop.store.store import Store, StoreError


class PanelCase(StrEnum):
    READY_HERE = "ready_here"
    OTHER_SITE = "other_site"
    NOT_ARRIVED = "not_arrived"
    HANDED_OVER = "handed_over"
    CONFLICT = "conflict"
    WITHHELD = "withheld"
    MISROUTED = "misrouted"
    SUPERSEDED = "superseded"
    DECEASED = "deceased"
    MOVED = "moved"
    RETURNED = "returned"
    NOT_SORTED = "not_sorted"
    NOT_REGISTERED = "not_registered"


@dataclass(frozen=True)
class HandoverInfo:
    event_id: str
    receipt_no: str
    wall_time: str
    site: str
    workstation: int
    operator: str
    operator_name: str
    old_ktp: str
    printed: bool


@dataclass(frozen=True)
class CardPanel:
    """Everything the card panel shows for one resident, decided here and not in widgets."""

    case: PanelCase
    nik: str
    resident: Resident | None
    card: Card | None
    handovers: tuple[HandoverInfo, ...] = ()
    other_site: Site | None = None

    @property
    def can_hand_over(self) -> bool:
        return self.case is PanelCase.READY_HERE


@dataclass
class FindResult:
    panel: CardPanel | None = None
    matches: list[Resident] = field(default_factory=list)
    error: str | None = None  # what is wrong with the text, said so the operator can fix it
    receipt_check: bool | None = None  # a scanned receipt QR: does its code match?


# Which card of a resident the panel is about: one that can still be handed over first.
_PREFERENCE = [
    CardStatus.READY,
    CardStatus.UNCOLLECTED,
    CardStatus.CONFLICT,
    CardStatus.HANDED_OVER,
    CardStatus.WITHHELD,
    CardStatus.RECEIVED,
    CardStatus.MISROUTED,
    CardStatus.DECEASED,
    CardStatus.MOVED,
    CardStatus.RETURNED,
    CardStatus.SUPERSEDED,
]

_CASE_OF_STATUS = {
    CardStatus.CONFLICT: PanelCase.CONFLICT,
    CardStatus.HANDED_OVER: PanelCase.HANDED_OVER,
    CardStatus.WITHHELD: PanelCase.WITHHELD,
    CardStatus.RECEIVED: PanelCase.NOT_SORTED,
    CardStatus.MISROUTED: PanelCase.MISROUTED,
    CardStatus.DECEASED: PanelCase.DECEASED,
    CardStatus.MOVED: PanelCase.MOVED,
    CardStatus.RETURNED: PanelCase.RETURNED,
    CardStatus.SUPERSEDED: PanelCase.SUPERSEDED,
}

WITHHOLD_LABELS = {
    WithholdReason.DAMAGED.value: "kartu rusak",
    WithholdReason.DATA_ERROR.value: "data pada kartu salah",
    WithholdReason.DECEASED_REPORTED.value: "pemilik dilaporkan meninggal",
}


def handovers_of_card(store: Store, card_id: str) -> tuple[HandoverInfo, ...]:
    rows = store.conn.execute(
        "SELECT h.event_id, h.receipt_no, h.wall_time, h.site, h.workstation, h.operator,"
        " coalesce(o.full_name, h.operator), h.old_ktp, h.printed"
        " FROM handovers h LEFT JOIN operators o ON o.username = h.operator"
        " WHERE h.card_id = ? AND h.voided_by IS NULL ORDER BY h.hlc",
        (card_id,),
    ).fetchall()
    return tuple(HandoverInfo(*r[:8], bool(r[8])) for r in rows)


def panel_for_nik(store: Store, nik: str) -> CardPanel:
    device = store.require_device()
    resident = resident_by_nik(store.conn, nik)
    cards = cards_for_nik(store.conn, nik)
    if not cards:
        case = PanelCase.NOT_ARRIVED if resident else PanelCase.NOT_REGISTERED
        return CardPanel(case, nik, resident, None)
    card = min(cards, key=lambda c: _PREFERENCE.index(CardStatus(c.status)))
    status = CardStatus(card.status)
    handovers = handovers_of_card(store, card.card_id)
    if status in HANDABLE:
        if card.site and card.site != device.site:
            return CardPanel(
                PanelCase.OTHER_SITE, nik, resident, card, other_site=regions().sites[card.site]
            )
        return CardPanel(PanelCase.READY_HERE, nik, resident, card)
    return CardPanel(_CASE_OF_STATUS[status], nik, resident, card, handovers)


def panel_for_card(store: Store, card_id: str) -> CardPanel | None:
    row = store.conn.execute("SELECT nik FROM cards WHERE card_id = ?", (card_id,)).fetchone()
    return panel_for_nik(store, row[0]) if row else None


def find(store: Store, text: str, *, actor: str) -> FindResult:
    """Interpret what was typed or scanned. Every resident shown is recorded in the audit."""
    text = text.strip()
    if not text:
        return FindResult()
    scan = parse_scan(text)
    if scan and scan.kind == "invitation":
        panel = panel_for_card(store, scan.card_id or "")
        if panel is None:
            return FindResult(
                error="undangan ini untuk kartu yang tidak dikenal; ketik NIK penduduknya"
            )
        store.audit(actor, "view", nik=panel.nik, detail={"via": "invitation"})
        return FindResult(panel=panel)
    if scan and scan.kind == "receipt":
        return _verify_receipt(store, scan.receipt_no or "", scan.check_code or "", actor)
    if looks_like_nik(text):
        try:
            nik = parse_nik(text).value
        except NikError as exc:
            return FindResult(error=f"NIK tidak sah: {exc}")
        store.audit(actor, "view", nik=nik, detail={"via": "nik"})
        return FindResult(panel=panel_for_nik(store, nik))
    matches = search_names(store.conn, text, limit=50)
    store.audit(actor, "search", detail={"results": [m.nik for m in matches]})
    if len(matches) == 1:
        store.audit(actor, "view", nik=matches[0].nik, detail={"via": "name"})
        return FindResult(panel=panel_for_nik(store, matches[0].nik), matches=matches)
    if not matches:
        return FindResult(error=f"tidak ada penduduk bernama '{text}'; periksa ejaannya")
    return FindResult(matches=matches)


def open_resident(store: Store, nik: str, *, actor: str) -> CardPanel:
    """The operator picked one resident from a list of names."""
    store.audit(actor, "view", nik=nik, detail={"via": "list"})
    return panel_for_nik(store, nik)


def _verify_receipt(store: Store, receipt_no: str, code: str, actor: str) -> FindResult:
    row = store.conn.execute(
        "SELECT card_id, nik FROM handovers WHERE receipt_no = ?", (receipt_no,)
    ).fetchone()
    if row is None:
        return FindResult(error=f"tanda terima {receipt_no} tidak ada di penyimpanan ini")
    data = receipt_data(store, receipt_no)
    genuine = data.check_code() == code or any(
        replace(data, old_ktp=old_ktp, police_letter=letter).check_code() == code
        for old_ktp, letter in _earlier_records(store, receipt_no)
    )
    store.audit(actor, "verify-receipt", nik=row[1], detail={"receipt_no": receipt_no})
    return FindResult(panel=panel_for_nik(store, row[1]), receipt_check=genuine)


def _earlier_records(store: Store, receipt_no: str) -> list[tuple[str, str | None]]:
    """What a corrected handover recorded about the old KTP before each correction: a
    receipt printed before the correction is still a genuine paper."""
    rows = store.conn.execute(
        "SELECT json_extract(payload, '$.was.old_ktp'),"
        " json_extract(payload, '$.was.police_letter') FROM journal"
        " WHERE type = ? AND json_extract(payload, '$.receipt_no') = ?",
        (EventType.HANDOVER_CORRECTED.value, receipt_no),
    ).fetchall()
    return [(old_ktp, letter) for old_ktp, letter in rows]


def receipt_data(store: Store, receipt_no: str, *, copy: bool = False) -> ReceiptData:
    """The content of a receipt, rebuilt from the store (for printing and for checking)."""
    row = store.conn.execute(
        "SELECT h.card_id, h.nik, h.site, h.workstation, h.old_ktp, h.police_letter,"
        " h.wall_time, coalesce(h.operator_name, o.full_name, h.operator), h.holder_name"
        " FROM handovers h LEFT JOIN operators o ON o.username = h.operator"
        " WHERE h.receipt_no = ?",
        (receipt_no,),
    ).fetchone()
    if row is None:
        raise StoreError(f"tanda terima {receipt_no} tidak ditemukan")
    card_id, nik, site, workstation, old_ktp, police, wall_time, operator_name, holder = row
    resident = resident_by_nik(store.conn, nik)
    office = regions().sites[site]
    return ReceiptData(
        receipt_no=receipt_no,
        issued_at=wall_time,
        site=site,
        office_name=office.name,
        office_address=office.address,
        workstation=workstation,
        card_id=card_id,
        nik=nik,
        # The names as printed at the handover: a later correction must not make a
        # genuine paper fail its check.
        nama=holder or (resident.nama if resident else _card_name(store, card_id)),
        tempat_lahir=resident.tempat_lahir if resident else "",
        tanggal_lahir=resident.tanggal_lahir if resident else "",
        alamat=resident.alamat if resident else "",
        rt=resident.rt if resident else "",
        rw=resident.rw if resident else "",
        kelurahan=resident.kelurahan if resident else "",
        kecamatan=resident.kecamatan if resident else "",
        old_ktp=old_ktp,
        police_letter=police,
        operator_name=operator_name,
        copy=copy,
    )


def _card_name(store: Store, card_id: str) -> str:
    row = store.conn.execute("SELECT nama FROM cards WHERE card_id = ?", (card_id,)).fetchone()
    return row[0] if row else ""


def mark_printed(store: Store, receipt_no: str, *, copy: bool, actor: str) -> None:
    with store.write():
        store.append(EventType.RECEIPT_PRINTED, {"receipt_no": receipt_no, "copy": copy})
        store.audit(actor, "print-receipt", detail={"receipt_no": receipt_no, "copy": copy})


def mark_not_printed(store: Store, receipt_no: str, error: str, *, actor: str) -> None:
    with store.write():
        store.append(EventType.RECEIPT_NOT_PRINTED, {"receipt_no": receipt_no, "error": error})
        store.audit(actor, "print-failed", detail={"receipt_no": receipt_no})


@dataclass(frozen=True)
class QueuedReceipt:
    receipt_no: str
    nik: str
    nama: str
    wall_time: str
    error: str | None


def reprint_queue(store: Store) -> list[QueuedReceipt]:
    """This workstation's receipts that never reached paper, oldest first."""
    device = store.require_device()
    rows = store.conn.execute(
        "SELECT h.receipt_no, h.nik, coalesce(r.nama, c.nama), h.wall_time, h.print_error"
        " FROM handovers h LEFT JOIN residents r ON r.nik = h.nik"
        " LEFT JOIN cards c ON c.card_id = h.card_id"
        " WHERE h.device_id = ? AND h.printed = 0 AND h.voided_by IS NULL"
        " ORDER BY h.receipt_no",
        (device.device_id,),
    ).fetchall()
    return [QueuedReceipt(*r) for r in rows]


def handovers_today(store: Store, today: date | None = None) -> int:
    """Handovers at this workstation on the local calendar day."""
    device = store.require_device()
    day = (today or date.today()).isoformat()
    (count,) = store.conn.execute(
        "SELECT count(*) FROM handovers WHERE device_id = ? AND substr(wall_time, 1, 10) = ?"
        " AND voided_by IS NULL",
        (device.device_id, day),
    ).fetchone()
    return count
