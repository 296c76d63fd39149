"""The accounts a supervisor manages, with what the account screen shows about each:
role, site, whether it can sign in today, and who created it.

Reading only; the changes themselves are in `desktop.store.supervision`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desktop.core.events import EventType
from desktop.core.roles import LABELS as ROLE_LABELS
from desktop.core.roles import Permission, Role, require

# The sign-in's own lockout rule, so the screen and the login panel cannot disagree.
from desktop.store.sessions import Session, locked_until
from desktop.store.store import Store

# The order accounts are listed in, within active and inactive ones.
_ROLE_ORDER = (Role.SUPERVISOR, Role.OPERATOR, Role.OUTSOURCED, Role.ADMIN)


class AccountStatus(StrEnum):
    """Whether an account can sign in now; the first that applies, in this order."""

    INACTIVE = "inactive"
    EXPIRED = "expired"
    LOCKED = "locked"
    ACTIVE = "active"


@dataclass(frozen=True)
class AccountInfo:
    username: str
    full_name: str
    role: Role
    site: str | None  # None: may sign in at either office
    active: bool
    expires_on: date | None
    expired: bool  # the expiry date has passed (the last day itself still works)
    locked_until: datetime | None  # too many wrong passwords; None when not locked now
    last_login: str | None  # ISO time of the last sign-in recorded on this workstation
    created_by: str | None  # None for accounts made by installation scripts

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def locked(self) -> bool:
        return self.locked_until is not None

    @property
    def status(self) -> AccountStatus:
        if not self.active:
            return AccountStatus.INACTIVE
        if self.expired:
            return AccountStatus.EXPIRED
        if self.locked:
            return AccountStatus.LOCKED
        return AccountStatus.ACTIVE


def _creators(store: Store) -> dict[str, str]:
    """Who created each account, from the journal: accounts made at another workstation
    arrive by sync, so the local audit log does not know them all."""
    rows = store.conn.execute(
        "SELECT json_extract(payload, '$.username'), json_extract(payload, '$.by')"
        " FROM journal WHERE type = ?",
        (EventType.OPERATOR_ADDED.value,),
    )
    return {username: by for username, by in rows if by}


def _last_login(store: Store, username: str) -> str | None:
    # The audit_actor index (actor, action) serves this, newest row first.
    row = store.conn.execute(
        "SELECT at FROM audit WHERE actor = ? AND action = 'login' ORDER BY id DESC LIMIT 1",
        (username,),
    ).fetchone()
    return row[0] if row else None


def list_accounts(
    store: Store, actor: Session, *, now: datetime | None = None
) -> list[AccountInfo]:
    """Every account, active ones first, then by role and name. Supervisors and Admin TI
    only (Permission.MANAGE_ACCOUNTS). `now` decides expiry and lockout (default: now)."""
    require(actor.role, Permission.MANAGE_ACCOUNTS)
    now = now or datetime.now().astimezone()
    today = now.date()
    creators = _creators(store)
    accounts = []
    rows = store.conn.execute(
        "SELECT username, full_name, role, site, active, expires_on FROM operators"
    ).fetchall()
    for username, full_name, role, site, active, expires_on in rows:
        until = date.fromisoformat(expires_on) if expires_on else None
        accounts.append(
            AccountInfo(
                username=username,
                full_name=full_name,
                role=Role(role),
                site=site,
                active=bool(active),
                expires_on=until,
                expired=until is not None and until < today,
                locked_until=locked_until(store, username, now),
                last_login=_last_login(store, username),
                created_by=creators.get(username),
            )
        )
    accounts.sort(key=lambda a: (not a.active, _ROLE_ORDER.index(a.role), a.username))
    return accounts


__all__ = ["AccountInfo", "AccountStatus", "list_accounts"]
