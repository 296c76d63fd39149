"""The account list behind the supervisor's account screen: what it says about each
account agrees with what the sign-in actually does, and only account managers may read it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store.account_list import AccountInfo, AccountStatus, list_accounts
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.sessions import LOCKOUT, MAX_FAILURES, LoginRefused, Session, login
from desktop.store.supervision import create_operator, deactivate, reset_password

WIB = timezone(timedelta(hours=7))
PEAK_DAY = datetime(2012, 9, 3, 9, 0, tzinfo=WIB)


def session(store: Store, username: str) -> Session:
    """A signed-in session without spending an argon2 check on it."""
    full_name, role = store.conn.execute(
        "SELECT full_name, role FROM operators WHERE username = ?", (username,)
    ).fetchone()
    return Session(username, full_name, Role(role))


def by_name(accounts: list[AccountInfo]) -> dict[str, AccountInfo]:
    return {a.username: a for a in accounts}


def test_lists_every_demo_account_with_role_site_and_status(small_city: Store) -> None:
    accounts = list_accounts(small_city, session(small_city, "supervisor"), now=PEAK_DAY)

    assert [a.username for a in accounts] == [
        "supervisor", "operator1", "operator2", "operator3", "alihdaya1", "admin",
    ]  # fmt: skip
    info = by_name(accounts)
    assert (info["operator3"].full_name, info["operator3"].role, info["operator3"].site) == (
        "Bambang Wijaya",
        Role.OPERATOR,
        "DSP",
    )
    assert info["alihdaya1"].role_label == "Operator alih daya"
    assert info["admin"].role_label == "Admin TI"
    assert info["supervisor"].site is None
    assert info["alihdaya1"].expires_on == date(2012, 12, 31)
    assert info["operator1"].expires_on is None
    assert all(a.status is AccountStatus.ACTIVE for a in accounts)
    # Made by the installation script, not by a person; nobody has signed in yet.
    assert {a.created_by for a in accounts} == {None}
    assert {a.last_login for a in accounts} == {None}


def test_expired_agrees_with_the_sign_in_on_the_last_day_and_after(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    last_day = datetime(2012, 12, 31, 16, 0, tzinfo=WIB)
    next_day = last_day + timedelta(days=1)

    on_last_day = by_name(list_accounts(small_city, sup, now=last_day))["alihdaya1"]
    assert (on_last_day.expired, on_last_day.status) == (False, AccountStatus.ACTIVE)
    assert login(small_city, "alihdaya1", DEMO_PASSWORD, now=last_day).username == "alihdaya1"

    after = by_name(list_accounts(small_city, sup, now=next_day))["alihdaya1"]
    assert (after.expired, after.status) == (True, AccountStatus.EXPIRED)
    with pytest.raises(LoginRefused, match="berakhir"):
        login(small_city, "alihdaya1", DEMO_PASSWORD, now=next_day)


def test_created_by_and_last_sign_in(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    create_operator(
        small_city, sup, "alihdaya2", "Siti Aminah", Role.OUTSOURCED, "puncak-2012",
        site="MGS", expires_on="2012-09-30", today=PEAK_DAY.date(),
    )  # fmt: skip
    with pytest.raises(LoginRefused):
        login(small_city, "operator1", "salah-sandi")  # a failed attempt is no sign-in
    login(small_city, "operator1", DEMO_PASSWORD)
    (signed_in_at,) = small_city.conn.execute(
        "SELECT at FROM audit WHERE actor = 'operator1' AND action = 'login'"
    ).fetchone()

    info = by_name(list_accounts(small_city, sup, now=PEAK_DAY))
    new = info["alihdaya2"]
    assert (new.created_by, new.role, new.site, new.expires_on) == (
        "supervisor",
        Role.OUTSOURCED,
        "MGS",
        date(2012, 9, 30),
    )
    assert info["operator1"].last_login == signed_in_at
    assert info["operator2"].last_login is None
    assert new.last_login is None


def test_lockout_shows_until_it_ends_or_a_reset_lifts_it(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefused):
            login(small_city, "operator2", "salah-sandi")
    now = datetime.now().astimezone()

    locked = by_name(list_accounts(small_city, sup, now=now))["operator2"]
    assert locked.locked and locked.status is AccountStatus.LOCKED
    assert now < locked.locked_until <= now + LOCKOUT
    assert not by_name(list_accounts(small_city, sup, now=now))["operator1"].locked
    later = now + LOCKOUT + timedelta(minutes=1)
    assert by_name(list_accounts(small_city, sup, now=later))["operator2"].status is (
        AccountStatus.ACTIVE
    )

    reset_password(small_city, sup, "operator2", "sandi-baru-2")
    assert not by_name(list_accounts(small_city, sup, now=now))["operator2"].locked


def test_deactivated_accounts_come_last_and_say_so(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    deactivate(small_city, sup, "operator1", "pindah tugas")
    # An expired account that was deactivated too shows as deactivated: that is final.
    deactivate(small_city, sup, "alihdaya1", "masa tugas selesai")

    accounts = list_accounts(small_city, sup, now=datetime(2013, 2, 1, tzinfo=WIB))
    assert [a.username for a in accounts][-2:] == ["operator1", "alihdaya1"]
    info = by_name(accounts)
    assert (info["operator1"].active, info["operator1"].status) == (False, AccountStatus.INACTIVE)
    assert info["alihdaya1"].expired and info["alihdaya1"].status is AccountStatus.INACTIVE


def test_admin_may_list_accounts(small_city: Store) -> None:
    assert len(list_accounts(small_city, session(small_city, "admin"))) == 6


@pytest.mark.parametrize("username", ["operator1", "alihdaya1"])
def test_counter_staff_may_not_list_accounts(small_city: Store, username: str) -> None:
    with pytest.raises(PermissionDenied, match="tidak berhak"):
        list_accounts(small_city, session(small_city, username))
