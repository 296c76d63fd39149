"""Signing in at the counter against the demo city's accounts: every attempt is audited,
five wrong passwords lock the account for five minutes, and a refusal says why.

Each password check is a real argon2 verification (about a quarter of a second), so the
tests below are frugal with them."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from desktop.core.events import EventType
from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.store import Store
from desktop.store import audit as audit_log
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.sessions import LOCKOUT, MAX_FAILURES, LoginRefused, Session, login, logout
from desktop.store.sessions import unlock as unlock_screen

from .conftest import AppendEvent

WIB = timezone(timedelta(hours=7))


def audit_of(store: Store, actor: str) -> list[tuple[str, str | None, dict]]:
    rows = store.conn.execute(
        "SELECT action, nik, detail FROM audit WHERE actor = ? ORDER BY id", (actor,)
    ).fetchall()
    return [(action, nik, json.loads(detail)) for action, nik, detail in rows]


def actions_of(store: Store, actor: str) -> list[str]:
    return [action for action, _, _ in audit_of(store, actor)]


def audit_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


# -- success ---------------------------------------------------------------------------------


def test_login_returns_the_session_and_audits_it(small_city: Store) -> None:
    session = login(small_city, "operator1", DEMO_PASSWORD)
    assert session == Session("operator1", "Agus Santoso", Role.OPERATOR)
    assert session.role_label == "Operator"
    assert audit_of(small_city, "operator1")[-1] == ("login", None, {"workstation": 1})


def test_username_is_trimmed_and_case_folded(small_city: Store) -> None:
    session = login(small_city, "  Operator2 ", DEMO_PASSWORD)
    assert (session.username, session.full_name) == ("operator2", "Dewi Lestari")
    assert actions_of(small_city, "operator2") == ["login"]


def test_supervisor_without_a_site_signs_in_at_any_counter(small_city: Store) -> None:
    session = login(small_city, "supervisor", DEMO_PASSWORD)
    assert (session.full_name, session.role) == ("Hj. Sri Wahyuni", Role.SUPERVISOR)


# -- wrong passwords and the lockout ---------------------------------------------------------


def test_wrong_passwords_count_down_then_lock_then_unlock_after_the_window(
    small_city: Store,
) -> None:
    assert MAX_FAILURES == 5 and timedelta(minutes=5) == LOCKOUT
    for left in (4, 3, 2, 1):
        with pytest.raises(LoginRefused, match=rf"salah \({left} kali lagi sebelum"):
            login(small_city, "operator1", f"wrong-{left}")
    with pytest.raises(LoginRefused, match="akun kini terkunci 5 menit"):
        login(small_city, "operator1", "wrong-0")
    assert actions_of(small_city, "operator1") == ["login-failed"] * 5

    # The sixth attempt, even with the right password, is refused with the unlock time.
    (last_failure,) = small_city.conn.execute(
        "SELECT at FROM audit WHERE actor = 'operator1' AND action = 'login-failed'"
        " ORDER BY id DESC LIMIT 1"
    ).fetchone()
    until = datetime.fromisoformat(last_failure) + LOCKOUT
    with pytest.raises(LoginRefused) as locked:
        login(small_city, "operator1", DEMO_PASSWORD)
    message = str(locked.value)
    assert "terkunci" in message
    assert f"pukul {until:%H:%M}" in message
    assert "supervisor" in message  # says what to do next
    assert audit_of(small_city, "operator1")[-1] == ("login-refused", None, {"reason": "locked"})

    # Still locked four minutes on; refusals during the lock do not extend it.
    soon = datetime.fromisoformat(last_failure) + timedelta(minutes=4)
    with pytest.raises(LoginRefused, match="terkunci"):
        login(small_city, "operator1", DEMO_PASSWORD, now=soon)

    # The lock is per account: a colleague signs in meanwhile.
    assert login(small_city, "operator2", DEMO_PASSWORD).username == "operator2"

    # Six minutes later the right password works again.
    later = datetime.now().astimezone() + timedelta(minutes=6)
    session = login(small_city, "operator1", DEMO_PASSWORD, now=later)
    assert session.username == "operator1"
    assert actions_of(small_city, "operator1")[-1] == "login"
    assert audit_log.verify(small_city.conn) is None


def test_a_successful_login_resets_the_count(small_city: Store) -> None:
    with pytest.raises(LoginRefused, match=r"\(4 kali lagi"):
        login(small_city, "operator2", "not-the-password")
    login(small_city, "operator2", DEMO_PASSWORD)
    with pytest.raises(LoginRefused, match=r"\(4 kali lagi"):
        login(small_city, "operator2", "not-the-password")


def test_unknown_user_is_refused_exactly_like_a_wrong_password(small_city: Store) -> None:
    with pytest.raises(LoginRefused) as unknown:
        login(small_city, "nobody", DEMO_PASSWORD)
    with pytest.raises(LoginRefused) as wrong:
        login(small_city, "operator2", "not-the-password")
    assert str(unknown.value) == str(wrong.value)
    assert "nobody" not in str(unknown.value)
    assert actions_of(small_city, "nobody") == ["login-failed"]
    assert actions_of(small_city, "operator2") == ["login-failed"]


# -- accounts that may not sign in here ------------------------------------------------------


def test_outsourced_account_works_through_its_last_day(small_city: Store) -> None:
    session = login(
        small_city, "alihdaya1", DEMO_PASSWORD, now=datetime(2012, 12, 31, 15, 0, tzinfo=WIB)
    )
    assert (session.full_name, session.role) == ("Rina Kurniawati", Role.OUTSOURCED)
    assert session.role_label == "Operator alih daya"


def test_expired_outsourced_account_is_refused_with_the_date(small_city: Store) -> None:
    with pytest.raises(LoginRefused, match="2012-12-31") as refused:
        login(small_city, "alihdaya1", DEMO_PASSWORD, now=datetime(2013, 1, 2, 8, 0, tzinfo=WIB))
    assert "supervisor" in str(refused.value)
    assert audit_of(small_city, "alihdaya1") == [("login-refused", None, {"reason": "expired"})]


def test_deactivated_account_is_refused(small_city: Store, append: AppendEvent) -> None:
    append(small_city, EventType.OPERATOR_CHANGED, {"username": "operator2", "active": 0})
    with pytest.raises(LoginRefused, match="dinonaktifkan"):
        login(small_city, "operator2", DEMO_PASSWORD)
    assert audit_of(small_city, "operator2") == [("login-refused", None, {"reason": "inactive"})]


def test_operator_of_the_other_site_is_refused_naming_the_office(small_city: Store) -> None:
    office = regions().sites["DSP"].name
    with pytest.raises(LoginRefused) as refused:
        login(small_city, "operator3", DEMO_PASSWORD)
    assert office in str(refused.value)
    assert "loket ini" in str(refused.value)
    assert audit_of(small_city, "operator3") == [("login-refused", None, {"reason": "site"})]


@pytest.mark.parametrize(
    ("username", "password"),
    [("", DEMO_PASSWORD), ("   ", DEMO_PASSWORD), ("operator1", ""), ("", "")],
)
def test_empty_fields_are_refused_before_anything_else(
    small_city: Store, username: str, password: str
) -> None:
    before = audit_count(small_city)
    with pytest.raises(LoginRefused, match="isi nama pengguna dan kata sandi"):
        login(small_city, username, password)
    assert audit_count(small_city) == before


# -- the idle lock screen and signing out ----------------------------------------------------


def test_unlock_with_the_right_password(small_city: Store) -> None:
    session = Session("operator1", "Agus Santoso", Role.OPERATOR)
    unlock_screen(small_city, session, DEMO_PASSWORD)
    assert actions_of(small_city, "operator1") == ["unlock"]


def test_unlock_with_a_wrong_password_is_refused_and_audited(small_city: Store) -> None:
    session = Session("operator1", "Agus Santoso", Role.OPERATOR)
    with pytest.raises(LoginRefused, match="Keluar"):
        unlock_screen(small_city, session, "not-the-password")
    assert actions_of(small_city, "operator1") == ["unlock-failed"]


def test_unlock_only_takes_the_signed_in_persons_password(small_city: Store) -> None:
    session = Session("nobody", "Nobody", Role.OPERATOR)
    with pytest.raises(LoginRefused):
        unlock_screen(small_city, session, DEMO_PASSWORD)
    assert actions_of(small_city, "nobody") == ["unlock-failed"]


def test_logout_is_audited(small_city: Store) -> None:
    logout(small_city, Session("operator2", "Dewi Lestari", Role.OPERATOR))
    assert actions_of(small_city, "operator2") == ["logout"]
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT.*",
        small_city.conn.execute("SELECT at FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0],
    )
