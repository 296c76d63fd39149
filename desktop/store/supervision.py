"""The supervisor's desk in the store: operator accounts, and the counter actions that
need a supervisor's co-sign at the same workstation.

Every permission is checked here, below any screen, so a hidden button is never the only
guard. Each operation is one write transaction holding its event and one audit entry,
and every event names the person who acted and, where a supervisor approved, the
supervisor too ("operator" and "approved_by").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desktop.core.cards import LABELS as CARD_LABELS
from desktop.core.cards import CardStatus
from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.roles import LABELS as ROLE_LABELS
from desktop.core.roles import Permission, PermissionDenied, Role, allows, require
from desktop.store.accounts import add_operator, hash_password
from desktop.store.handover import (
    HandoverRefused,
    Receipt,
    handover_in_transaction,
    resolve_conflict,
)
from desktop.store.sessions import PASSWORD_RESET, LoginRefused, Session, authenticate
from desktop.store.store import SITES, Store, StoreError

MIN_PASSWORD = 8
_COSIGNERS = frozenset({Role.SUPERVISOR})


class AccountRefused(StoreError):
    """An account change that may not happen as asked; the message says what to fix."""


# -- accounts -----------------------------------------------------------------------


def _account(store: Store, username: str) -> tuple[str, Role, int, str | None] | None:
    row = store.conn.execute(
        "SELECT full_name, role, active, expires_on FROM operators WHERE username = ?",
        (username,),
    ).fetchone()
    return (row[0], Role(row[1]), row[2], row[3]) if row else None


def _require_manager(store: Store, actor: Session, target_role: Role | None = None) -> None:
    """The actor may manage accounts, is still active, and may touch `target_role`."""
    require(actor.role, Permission.MANAGE_ACCOUNTS)
    own = _account(store, actor.username)
    if own is None or not own[2]:
        raise AccountRefused(
            f"akun {actor.username} tidak aktif lagi; keluar dan masuk dengan akun yang aktif"
        )
    if target_role is Role.ADMIN and actor.role is not Role.ADMIN:
        raise PermissionDenied(
            actor.role,
            Permission.MANAGE_ACCOUNTS,
            "hanya Admin TI yang boleh mengelola akun Admin TI; minta tim TI Dinas",
        )


def _check_expiry(role: Role, expires_on: str | None, today: date) -> str | None:
    if not expires_on:
        if role is Role.OUTSOURCED:
            raise AccountRefused(
                "akun operator alih daya wajib punya tanggal berakhir (TTTT-BB-HH), "
                "misalnya hari terakhir masa tugasnya"
            )
        return None
    try:
        until = date.fromisoformat(expires_on.strip())
    except ValueError:
        raise AccountRefused(
            f"tanggal berakhir '{expires_on}' tidak sah; tulis sebagai TTTT-BB-HH"
        ) from None
    if until < today:
        raise AccountRefused(
            f"tanggal berakhir {until.isoformat()} sudah lewat; pilih hari ini atau sesudahnya"
        )
    return until.isoformat()


def create_operator(
    store: Store,
    actor: Session,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    *,
    site: str | None = None,
    expires_on: str | None = None,
    today: date | None = None,
) -> None:
    """A supervisor or admin adds an account; an outsourced account must say when it ends."""
    role = Role(role)
    _require_manager(store, actor, role)
    if not full_name.strip():
        raise AccountRefused("isi nama lengkap petugas")
    if site is not None and site not in SITES:
        raise AccountRefused(f"situs '{site}' tidak dikenal; pilih MGS atau DSP, atau kosongkan")
    until = _check_expiry(role, expires_on, today or date.today())
    with store.write():
        add_operator(
            store,
            username,
            full_name.strip(),
            role,
            password,
            site=site,
            expires_on=until,
            by=actor.username,
        )
        store.audit(
            actor.username,
            "create-operator",
            detail={"username": username, "role": role.value, "site": site, "expires_on": until},
        )


def _target(store: Store, actor: Session, username: str) -> tuple[str, Role, int, str | None]:
    username = username.strip().lower()
    account = _account(store, username)
    if account is None:
        raise AccountRefused(f"akun '{username}' tidak ada; periksa nama penggunanya")
    _require_manager(store, actor, account[1])
    return account


def reset_password(store: Store, actor: Session, username: str, new_password: str) -> None:
    """Set a new password chosen with the person; it also lifts a lockout."""
    username = username.strip().lower()
    _target(store, actor, username)
    if len(new_password) < MIN_PASSWORD:
        raise AccountRefused(f"kata sandi minimal {MIN_PASSWORD} karakter")
    password_hash = hash_password(new_password)
    with store.write():
        store.append(
            EventType.OPERATOR_CHANGED,
            {
                "username": username,
                "password_hash": password_hash,
                "change": "password_reset",
                "by": actor.username,
            },
        )
        store.audit(actor.username, PASSWORD_RESET, detail={"username": username})


def deactivate(store: Store, actor: Session, username: str, reason: str) -> None:
    """Stop an account from signing in; its past work stays in the journal under its name."""
    username = username.strip().lower()
    if username == actor.username:
        raise AccountRefused(
            "akun sendiri tidak dapat dinonaktifkan; minta supervisor lain atau Admin TI"
        )
    _, _, active, _ = _target(store, actor, username)
    if not reason.strip():
        raise AccountRefused("tuliskan alasan menonaktifkan akun ini")
    if not active:
        raise AccountRefused(f"akun '{username}' sudah tidak aktif")
    with store.write():
        store.append(
            EventType.OPERATOR_CHANGED,
            {
                "username": username,
                "active": 0,
                "change": "deactivated",
                "reason": reason.strip(),
                "by": actor.username,
            },
        )
        store.audit(
            actor.username,
            "deactivate-operator",
            detail={"username": username, "reason": reason.strip()},
        )


def extend_expiry(
    store: Store, actor: Session, username: str, expires_on: str, *, today: date | None = None
) -> None:
    """Give an outsourced operator more days, as the expired-login message suggests."""
    username = username.strip().lower()
    _, role, _, _ = _target(store, actor, username)
    until = _check_expiry(role, expires_on, today or date.today())
    with store.write():
        store.append(
            EventType.OPERATOR_CHANGED,
            {
                "username": username,
                "expires_on": until,
                "change": "expiry",
                "by": actor.username,
            },
        )
        store.audit(
            actor.username, "extend-operator", detail={"username": username, "expires_on": until}
        )


# -- co-sign ------------------------------------------------------------------------


def cosign(store: Store, username: str, password: str, *, now: datetime | None = None) -> Session:
    """A supervisor signs in with their own password to approve an action here.

    Wrong passwords count towards the lockout exactly like failed logins, and inactive,
    expired or other-site accounts are refused as at the login panel.
    """
    return authenticate(
        store,
        username,
        password,
        now=now,
        purpose="cosign",
        roles=_COSIGNERS,
        role_refused=(
            "persetujuan ini harus ditandatangani supervisor; minta supervisor yang bertugas "
            "masuk dengan nama pengguna dan kata sandinya sendiri"
        ),
    )


def _require_cosigned(operator: Session, supervisor: Session, permission: Permission) -> None:
    if supervisor.role not in _COSIGNERS:
        raise PermissionDenied(
            supervisor.role,
            permission,
            f"persetujuan {ROLE_LABELS[supervisor.role]} tidak cukup; minta supervisor "
            "masuk untuk menyetujui",
        )
    require(supervisor.role, permission)


def _names(operator: Session, supervisor: Session) -> dict[str, Any]:
    return {
        "operator": operator.username,
        "operator_name": operator.full_name,
        "approved_by": supervisor.username,
        "approved_by_name": supervisor.full_name,
    }


def _reason(reason: str, what: str) -> str:
    if not reason.strip():
        raise HandoverRefused(f"tuliskan alasan {what}")
    return reason.strip()


def _require_counter_staff(operator: Session, permission: Permission, what: str) -> None:
    """Permanent operators and supervisors start a co-signed change to a handover;
    outsourced peak-day operators do not."""
    if operator.role is Role.OUTSOURCED or not allows(operator.role, Permission.HANDOVER):
        raise PermissionDenied(
            operator.role,
            permission,
            f"peran {ROLE_LABELS[operator.role]} tidak dapat {what}; "
            "minta operator tetap atau supervisor",
        )


def _live_handover(store: Store, handover_event_id: str, what: str) -> tuple[str, str, str]:
    """The card, NIK and receipt number of a live handover recorded at this site; inside
    the caller's write transaction."""
    row = store.conn.execute(
        "SELECT card_id, nik, receipt_no, site, voided_by FROM handovers WHERE event_id = ?",
        (handover_event_id,),
    ).fetchone()
    if row is None:
        raise HandoverRefused("serah terima itu tidak ditemukan; cari ulang dari kuitansinya")
    card_id, nik, receipt_no, handover_site, voided_by = row
    if voided_by:
        raise HandoverRefused(f"serah terima {receipt_no} sudah dibatalkan sebelumnya")
    site = store.require_device().site
    if handover_site != site:
        raise HandoverRefused(
            f"serah terima {receipt_no} dicatat di situs {handover_site}; {what} di sana"
        )
    return card_id, nik, receipt_no


def void_handover(
    store: Store, operator: Session, supervisor: Session, handover_event_id: str, reason: str
) -> str:
    """Cancel a handover recorded by mistake; the card is ready again, and the receipt
    number stays used. Returns the voiding event's id."""
    _require_counter_staff(operator, Permission.VOID_HANDOVER, "membatalkan serah terima")
    _require_cosigned(operator, supervisor, Permission.VOID_HANDOVER)
    text = _reason(reason, "pembatalan serah terima")
    with store.write():
        card_id, nik, receipt_no = _live_handover(store, handover_event_id, "batalkan")
        event = store.append(
            EventType.HANDOVER_VOIDED,
            {
                "card_id": card_id,
                "nik": nik,
                "handover_event_id": handover_event_id,
                "receipt_no": receipt_no,
                "reason": text,
                **_names(operator, supervisor),
            },
        )
        store.audit(
            operator.username,
            "void-handover",
            nik=nik,
            detail={"receipt_no": receipt_no, "approved_by": supervisor.username, "reason": text},
        )
    return event.event_id


def correct_handover(
    store: Store,
    operator: Session,
    supervisor: Session,
    handover_event_id: str,
    *,
    old_ktp: OldKtp,
    police_letter: str | None,
    reason: str,
) -> str:
    """Fix what a handover recorded about the old KTP (ticked "withdrawn" when the
    resident had lost it, say). The handover stands, the register shows it as corrected
    with the reason, and a copy of the receipt prints the corrected record. Returns the
    correcting event's id."""
    _require_counter_staff(operator, Permission.VOID_HANDOVER, "mengoreksi serah terima")
    _require_cosigned(operator, supervisor, Permission.VOID_HANDOVER)
    text = _reason(reason, "koreksi serah terima")
    old_ktp = OldKtp(old_ktp)
    letter = (police_letter or "").strip() or None
    if old_ktp is OldKtp.LOST and not letter:
        raise HandoverRefused(
            "KTP lama hilang: isi nomor surat kehilangan dari kepolisian, atau pilih opsi lain"
        )
    if old_ktp is not OldKtp.LOST:
        letter = None
    with store.write():
        card_id, nik, receipt_no = _live_handover(store, handover_event_id, "koreksi")
        before = store.conn.execute(
            "SELECT old_ktp, police_letter FROM handovers WHERE event_id = ?",
            (handover_event_id,),
        ).fetchone()
        if (before[0], before[1]) == (old_ktp.value, letter):
            raise HandoverRefused(
                f"serah terima {receipt_no} sudah tercatat seperti itu; tidak ada yang dikoreksi"
            )
        event = store.append(
            EventType.HANDOVER_CORRECTED,
            {
                "card_id": card_id,
                "nik": nik,
                "handover_event_id": handover_event_id,
                "receipt_no": receipt_no,
                "old_ktp": old_ktp.value,
                "police_letter": letter,
                "was": {"old_ktp": before[0], "police_letter": before[1]},
                "reason": text,
                **_names(operator, supervisor),
            },
        )
        store.audit(
            operator.username,
            "correct-handover",
            nik=nik,
            detail={
                "receipt_no": receipt_no,
                "approved_by": supervisor.username,
                "old_ktp": old_ktp.value,
                "reason": text,
            },
        )
    return event.event_id


def release_withheld(
    store: Store, operator: Session, supervisor: Session, card_id: str, reason: str
) -> str:
    """Put a withheld card back into service; returns the event id."""
    require(operator.role, Permission.LOOKUP)
    _require_cosigned(operator, supervisor, Permission.APPROVE)
    text = _reason(reason, "melepas kartu yang ditahan")
    with store.write():
        row = store.conn.execute(
            "SELECT nik, status FROM cards WHERE card_id = ?", (card_id,)
        ).fetchone()
        if row is None:
            raise HandoverRefused(f"kartu {card_id} tidak dikenal; cari ulang penduduknya")
        nik, status = row
        if CardStatus(status) is not CardStatus.WITHHELD:
            raise HandoverRefused(
                f"kartu ini berstatus '{CARD_LABELS[CardStatus(status)]}', tidak sedang "
                "ditahan; tidak ada yang perlu dilepas"
            )
        event = store.append(
            EventType.CARD_RELEASED,
            {"card_id": card_id, "nik": nik, "reason": text, **_names(operator, supervisor)},
        )
        store.audit(
            operator.username,
            "release-card",
            nik=nik,
            detail={"card_id": card_id, "approved_by": supervisor.username, "reason": text},
        )
    return event.event_id


def approve_home_visit(
    store: Store,
    operator: Session,
    supervisor: Session,
    card_id: str,
    *,
    last_four: str,
    old_ktp: OldKtp,
    police_letter: str | None = None,
    note: str,
) -> Receipt:
    """Hand a card to a housebound holder at home, approved by a supervisor; the same
    checks as at the counter, recorded as a home visit."""
    _require_cosigned(operator, supervisor, Permission.APPROVE)
    text = _reason(note, "kunjungan rumah (misalnya sakit dan tidak dapat datang)")
    with store.write():
        receipt = handover_in_transaction(
            store,
            card_id=card_id,
            operator=operator.username,
            role=operator.role,
            last_four=last_four,
            old_ktp=old_ktp,
            police_letter=police_letter,
            extra={
                "home_visit": True,
                "note": text,
                "approved_by": supervisor.username,
                "approved_by_name": supervisor.full_name,
            },
        )
        store.audit(
            operator.username,
            "handover-home-visit",
            nik=receipt.nik,
            detail={"receipt_no": receipt.receipt_no, "approved_by": supervisor.username},
        )
    return receipt


def resolve_conflict_cosigned(
    store: Store,
    operator: Session,
    supervisor: Session,
    card_id: str,
    keep_event_id: str,
    reason: str,
) -> str:
    """`handover.resolve_conflict` with the acting operator and the approving supervisor
    both named in the event; returns the resolution's event id."""
    require(operator.role, Permission.LOOKUP)
    _require_cosigned(operator, supervisor, Permission.APPROVE)
    return resolve_conflict(
        store,
        card_id=card_id,
        keep_event_id=keep_event_id,
        supervisor=supervisor.username,
        role=supervisor.role,
        reason=reason,
        extra={"operator": operator.username, "approved_by": supervisor.username},
    )


__all__ = [
    "AccountRefused",
    "LoginRefused",
    "approve_home_visit",
    "correct_handover",
    "cosign",
    "create_operator",
    "deactivate",
    "extend_expiry",
    "release_withheld",
    "reset_password",
    "resolve_conflict_cosigned",
    "void_handover",
]
