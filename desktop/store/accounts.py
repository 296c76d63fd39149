"""Operator accounts kept in the journal, with argon2 password hashes (works offline)."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop.core.events import EventType
from desktop.core.roles import Role
from desktop.store.store import Store, StoreError

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_operator(
    store: Store,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    *,
    site: str | None = None,
    expires_on: str | None = None,
    by: str | None = None,
) -> None:
    """Add an account; run inside or outside an open write transaction. `by` names the
    person who created it (none for accounts set up by installation scripts)."""
    if not _USERNAME.match(username):
        raise StoreError(
            f"nama pengguna '{username}' tidak sah; pakai 3-32 huruf kecil, angka, titik, "
            "garis bawah atau minus, diawali huruf"
        )
    if len(password) < 8:
        raise StoreError("kata sandi minimal 8 karakter")
    payload = {
        "username": username,
        "full_name": full_name,
        "role": role.value,
        "site": site,
        "password_hash": hash_password(password),
        "active": 1,
        "expires_on": expires_on,
    }
    if by is not None:
        payload["by"] = by
    exists = store.conn.execute(
        "SELECT 1 FROM operators WHERE username = ?", (username,)
    ).fetchone()
    if exists:
        raise StoreError(f"akun '{username}' sudah ada; pilih nama pengguna lain")
    if store.conn.in_transaction:
        store.append(EventType.OPERATOR_ADDED, payload)
    else:
        with store.write():
            store.append(EventType.OPERATOR_ADDED, payload)
