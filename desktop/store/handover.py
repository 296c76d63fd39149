"""Recording a handover: one transaction holds the event, the card's new state, the
receipt number and the audit entry, or none of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.cards import HANDABLE, LABELS, CardStatus
from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.roles import Permission, Role, require
from desktop.store.store import Store, StoreError


class HandoverRefused(StoreError):
    """The handover may not happen; the message tells the operator why and what to do."""


@dataclass(frozen=True)
class Receipt:
    receipt_no: str
    event_id: str
    card_id: str
    nik: str
    wall_time: str


def next_receipt_no(store: Store) -> str:
    """Per site and workstation, gap-free and never reused: handovers are never deleted,
    and a reinstalled workstation continues its predecessor's numbers once it has them."""
    device = store.require_device()
    (count,) = store.conn.execute(
        "SELECT count(*) FROM handovers WHERE site = ? AND workstation = ?",
        (device.site, device.workstation),
    ).fetchone()
    return f"{device.site}-{device.workstation:02d}-{count + 1:06d}"


def record_handover(
    store: Store,
    *,
    card_id: str,
    operator: str,
    role: Role,
    last_four: str,
    old_ktp: OldKtp,
    police_letter: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Receipt:
    """Hand a ready card to its holder, checked against the card actually picked up.

    `extra` adds fields to the event (a home visit's approval); it cannot replace any.
    """
    with store.write():
        receipt = handover_in_transaction(
            store,
            card_id=card_id,
            operator=operator,
            role=role,
            last_four=last_four,
            old_ktp=old_ktp,
            police_letter=police_letter,
            extra=extra,
        )
        store.audit(
            operator, "handover", nik=receipt.nik, detail={"receipt_no": receipt.receipt_no}
        )
    return receipt


def handover_in_transaction(
    store: Store,
    *,
    card_id: str,
    operator: str,
    role: Role,
    last_four: str,
    old_ktp: OldKtp,
    police_letter: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Receipt:
    """The checks and the event of `record_handover`, inside the caller's write
    transaction and without its audit entry, for operations that record more."""
    require(role, Permission.HANDOVER)
    device = store.require_device()
    if old_ktp is OldKtp.LOST and not (police_letter or "").strip():
        raise HandoverRefused(
            "KTP lama hilang: isi nomor surat kehilangan dari kepolisian, atau pilih opsi lain"
        )
    row = store.conn.execute(
        "SELECT nik, status, site FROM cards WHERE card_id = ?", (card_id,)
    ).fetchone()
    if row is None:
        raise HandoverRefused(f"kartu {card_id} tidak dikenal; cari ulang penduduknya")
    nik, status, site = row
    if CardStatus(status) not in HANDABLE:
        raise HandoverRefused(
            f"kartu ini berstatus '{LABELS[CardStatus(status)]}' dan tidak dapat diserahkan"
        )
    if site != device.site:
        raise HandoverRefused(f"kartu ini dilayani di situs {site}, bukan di sini ({device.site})")
    if last_four.strip() != nik[-4:]:
        raise HandoverRefused(
            "empat digit terakhir tidak cocok dengan NIK penduduk: kartu yang diambil "
            "dari kotak kemungkinan salah. Periksa lagi kartunya"
        )
    holder = store.conn.execute(
        "SELECT coalesce(r.nama, c.nama) FROM cards c LEFT JOIN residents r"
        " ON r.nik = c.nik WHERE c.card_id = ?",
        (card_id,),
    ).fetchone()[0]
    officer = store.conn.execute(
        "SELECT full_name FROM operators WHERE username = ?", (operator,)
    ).fetchone()
    receipt_no = next_receipt_no(store)
    payload = {
        "card_id": card_id,
        "nik": nik,
        "workstation": device.workstation,
        "operator": operator,
        "receipt_no": receipt_no,
        "old_ktp": old_ktp.value,
        "police_letter": (police_letter or "").strip() or None,
        "holder_name": holder,
        "operator_name": officer[0] if officer else operator,
    }
    clash = set(extra or {}) & set(payload)
    if clash:
        raise ValueError(f"extra may not replace handover fields: {sorted(clash)}")
    payload.update(extra or {})
    event = store.append(EventType.HANDOVER, payload)
    return Receipt(receipt_no, event.event_id, card_id, nik, event.wall_time)


def resolve_conflict(
    store: Store,
    *,
    card_id: str,
    keep_event_id: str,
    supervisor: str,
    role: Role,
    reason: str,
    extra: dict[str, Any] | None = None,
) -> str:
    """A supervisor settles a card handed over twice: the handover that really happened
    stays, the others are voided, with the reason. Returns the resolution's event id.

    The resolution is a new event, so it reaches every replica by sync and clears the
    conflict there too; nothing already recorded is changed or lost. `extra` adds fields
    to the event and its audit entry (who acted under the supervisor's co-sign).
    """
    require(role, Permission.APPROVE)
    if not reason.strip():
        raise HandoverRefused("tuliskan alasan penyelesaian konflik")
    with store.write():
        live = [
            r[0]
            for r in store.conn.execute(
                "SELECT event_id FROM handovers WHERE card_id = ? AND voided_by IS NULL",
                (card_id,),
            )
        ]
        if len(live) < 2:
            raise HandoverRefused(f"kartu {card_id} tidak sedang dalam konflik")
        if keep_event_id not in live:
            raise HandoverRefused("serah terima yang dipertahankan bukan salah satu yang konflik")
        event = store.append(
            EventType.CONFLICT_RESOLVED,
            {
                "card_id": card_id,
                "kept_handover": keep_event_id,
                "voided_handovers": [e for e in live if e != keep_event_id],
                "supervisor": supervisor,
                "reason": reason.strip(),
                **(extra or {}),
            },
        )
        nik = store.conn.execute("SELECT nik FROM cards WHERE card_id = ?", (card_id,)).fetchone()
        store.audit(
            supervisor,
            "resolve-conflict",
            nik=nik[0] if nik else None,
            detail={"card_id": card_id, "kept": keep_event_id, **(extra or {})},
        )
    return event.event_id
