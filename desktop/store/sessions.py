"""Signing operators in against the local store: argon2 hashes, works offline, locks an
account for a while after five wrong passwords. Every attempt is in the audit log."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from desktop.core.regions import regions
from desktop.core.roles import LABELS, Role
from desktop.store.accounts import hash_password, password_matches
from desktop.store.store import Store, StoreError

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)


class LoginRefused(StoreError):
    """The sign-in did not succeed; the message says why and what to do."""


@dataclass(frozen=True)
class Session:
    username: str
    full_name: str
    role: Role

    @property
    def role_label(self) -> str:
        return LABELS[self.role]


# Password checks at the login panel, at the lock screen and for a supervisor's co-sign
# count alike towards a lockout; a supervisor's password reset ends a run of failures.
_ATTEMPTS = "('login', 'login-failed', 'unlock', 'unlock-failed', 'cosign', 'cosign-failed')"
PASSWORD_RESET = "reset-password"


def _recent_attempts(store: Store, username: str) -> list[tuple[str, str]]:
    return store.conn.execute(
        f"SELECT action, at FROM audit WHERE (actor = ? AND action IN {_ATTEMPTS})"
        " OR (action = ? AND json_extract(detail, '$.username') = ?)"
        " ORDER BY id DESC LIMIT ?",
        (username, PASSWORD_RESET, username, MAX_FAILURES),
    ).fetchall()


def locked_until(store: Store, username: str, now: datetime) -> datetime | None:
    """When a locked-out account opens again, or None when it is not locked now."""
    rows = _recent_attempts(store, username)
    if len(rows) < MAX_FAILURES or any(not a.endswith("-failed") for a, _ in rows):
        return None
    until = datetime.fromisoformat(rows[0][1]) + LOCKOUT
    return until if until > now else None


def login(store: Store, username: str, password: str, *, now: datetime | None = None) -> Session:
    """Check a username and password; returns the session or raises LoginRefused."""
    return authenticate(store, username, password, now=now)


def authenticate(
    store: Store,
    username: str,
    password: str,
    *,
    now: datetime | None = None,
    purpose: str = "login",
    roles: frozenset[Role] | None = None,
    role_refused: str = "",
) -> Session:
    """The sign-in checks shared by the login panel and a supervisor's co-sign: the audit
    actions are named after `purpose`, and an account whose role is not in `roles` is
    refused with `role_refused` once its password has been checked."""
    now = now or datetime.now().astimezone()
    username = username.strip().lower()
    if not username or not password:
        raise LoginRefused("isi nama pengguna dan kata sandi")
    locked = locked_until(store, username, now)
    if locked:
        store.audit(username, f"{purpose}-refused", detail={"reason": "locked"})
        log.info("%s ditolak: akun %s terkunci", purpose, username)
        raise LoginRefused(
            f"akun terkunci karena {MAX_FAILURES} kali salah kata sandi; coba lagi pukul "
            f"{locked:%H:%M} atau minta supervisor mengatur ulang kata sandi"
        )
    row = store.conn.execute(
        "SELECT full_name, role, site, password_hash, active, expires_on FROM operators"
        " WHERE username = ?",
        (username,),
    ).fetchone()
    # An unknown name costs the same argon2 check as a wrong password, so the time taken
    # does not tell whether the account exists.
    if not password_matches(row[3] if row else _decoy_hash(), password) or row is None:
        store.audit(username, f"{purpose}-failed")
        # A name that is no account may be a password typed into the wrong field: not logged.
        log.info("%s gagal: %s", purpose, username if row else "nama pengguna tak dikenal")
        left = MAX_FAILURES - _failures_in_a_row(store, username)
        hint = f" ({left} kali lagi sebelum akun terkunci)" if 0 < left < MAX_FAILURES else ""
        if left <= 0:
            hint = f"; akun kini terkunci {LOCKOUT.seconds // 60} menit"
        raise LoginRefused(f"nama pengguna atau kata sandi salah{hint}")
    full_name, role, site, _, active, expires_on = row
    device = store.require_device()
    if not active:
        store.audit(username, f"{purpose}-refused", detail={"reason": "inactive"})
        raise LoginRefused("akun ini sudah dinonaktifkan; hubungi supervisor")
    if expires_on and date.fromisoformat(expires_on) < now.date():
        store.audit(username, f"{purpose}-refused", detail={"reason": "expired"})
        raise LoginRefused(
            f"akun operator alih daya ini berakhir pada {expires_on}; minta supervisor "
            "memperpanjangnya bila masih bertugas"
        )
    if site and site != device.site:
        store.audit(username, f"{purpose}-refused", detail={"reason": "site"})
        raise LoginRefused(f"akun ini untuk {regions().sites[site].name}, bukan untuk loket ini")
    if roles is not None and Role(role) not in roles:
        store.audit(username, f"{purpose}-refused", detail={"reason": "role"})
        raise LoginRefused(role_refused)
    store.audit(username, purpose, detail={"workstation": device.workstation})
    log.info("%s: %s (%s) di loket %s", purpose, username, role, device.workstation)
    return Session(username, full_name, Role(role))


@cache
def _decoy_hash() -> str:
    return hash_password("loket-decoy-password")


def _failures_in_a_row(store: Store, username: str) -> int:
    count = 0
    for action, _ in _recent_attempts(store, username):
        if not action.endswith("-failed"):
            break
        count += 1
    return count


def unlock(store: Store, session: Session, password: str) -> None:
    """Unlock the idle lock screen: only the signed-in person's password opens it, and
    wrong guesses here lock the account just as at the sign-in panel."""
    locked = locked_until(store, session.username, datetime.now().astimezone())
    if locked:
        store.audit(session.username, "unlock-refused", detail={"reason": "locked"})
        raise LoginRefused(
            f"akun terkunci karena {MAX_FAILURES} kali salah kata sandi sampai pukul "
            f"{locked:%H:%M}; pilih Keluar dan minta supervisor"
        )
    row = store.conn.execute(
        "SELECT password_hash FROM operators WHERE username = ?", (session.username,)
    ).fetchone()
    if row is None or not password_matches(row[0], password):
        store.audit(session.username, "unlock-failed")
        log.info("buka kunci gagal: %s", session.username)
        raise LoginRefused("kata sandi salah; atau pilih Keluar untuk berganti petugas")
    store.audit(session.username, "unlock")
    log.info("buka kunci: %s", session.username)


def logout(store: Store, session: Session) -> None:
    store.audit(session.username, "logout")
    log.info("logout: %s", session.username)
