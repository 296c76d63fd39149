"""The account tab of the supervisor's desk, driven through its buttons and dialogs: an
outsourced peak-day account made here signs in until its last day and is refused after,
a new password works at once, a deactivated account is refused, and a role that may not
manage accounts gets the store's refusal on the screen."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop.core.roles import Role
from desktop.store import Store
from desktop.store.sessions import LoginRefused, Session, login
from desktop.store.supervision import deactivate
from desktop.ui.account_dialogs import (
    AddAccountDialog,
    DeactivateDialog,
    ExtendDialog,
    ResetPasswordDialog,
    to_qdate,
)
from desktop.ui.accounts_view import STATUS_COLUMN, AccountsTab
from desktop.ui.qt import Qt
from tests.ui.conftest import DEMO_PASSWORD, wait_idle

CLICK = Qt.MouseButton.LeftButton


def session(store: Store, username: str) -> Session:
    """A signed-in session without spending an argon2 check on it."""
    full_name, role = store.conn.execute(
        "SELECT full_name, role FROM operators WHERE username = ?", (username,)
    ).fetchone()
    return Session(username, full_name, Role(role))


def make_tab(qtbot, ops, store: Store, username: str = "supervisor") -> AccountsTab:
    tab = AccountsTab(ops)
    qtbot.addWidget(tab)
    tab.session = session(store, username)
    tab.resize(1240, 600)
    tab.show()
    tab.refresh()
    wait_idle(qtbot, ops)
    return tab


@pytest.fixture
def tab(qtbot, ops, store: Store) -> AccountsTab:
    return make_tab(qtbot, ops, store)


def row_of(tab: AccountsTab, username: str) -> int:
    for row in range(tab.table.rowCount()):
        if tab.table.item(row, 1).text() == username:
            return row
    raise AssertionError(f"{username} is not in the account table")


def status_of(tab: AccountsTab, username: str) -> str:
    return tab.table.item(row_of(tab, username), STATUS_COLUMN).text()


def choose(qtbot, tab: AccountsTab, username: str) -> None:
    table = tab.table
    rect = table.visualItemRect(table.item(row_of(tab, username), 0))
    qtbot.mouseClick(table.viewport(), CLICK, pos=rect.center())
    assert tab.selected().username == username


def open_dialog(qtbot, tab: AccountsTab, button, kind):
    qtbot.mouseClick(button, CLICK)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, kind) and tab.dialog.isVisible())
    return tab.dialog


def submit(qtbot, ops, dialog) -> None:
    qtbot.mouseClick(dialog.ok, CLICK)
    wait_idle(qtbot, ops)


def fill_new_account(qtbot, dialog: AddAccountDialog, username: str, role_text: str) -> None:
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.full_name, "Siti Aminah")
    dialog.role.setCurrentIndex(dialog.role.findText(role_text))
    qtbot.keyClicks(dialog.password, "puncak-2012")
    qtbot.keyClicks(dialog.password_again, "puncak-2012")


def at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9, 0)).astimezone()


def test_outsourced_account_made_here_works_until_its_last_day(qtbot, ops, store, tab):
    today = date.today()
    dialog = open_dialog(qtbot, tab, tab.add_button, AddAccountDialog)
    assert dialog.objectName() == "addAccount"
    assert not dialog.expires_on.isVisibleTo(dialog)  # an operator's account does not end
    fill_new_account(qtbot, dialog, "alihdaya2", "Operator alih daya")
    assert dialog.expires_on.isVisibleTo(dialog)
    assert dialog.expires_on.date() == to_qdate(today + timedelta(days=2))
    assert dialog.site.currentData() == "MGS"  # this workstation's office
    last_day = today + timedelta(days=3)
    dialog.expires_on.setDate(to_qdate(last_day))

    submit(qtbot, ops, dialog)

    assert tab.dialog is None  # closed (and deleted)
    assert tab.message.property("tone") == "ok"
    assert tab.message.text() == f"Akun alihdaya2 dibuat; berlaku sampai {last_day:%d-%m-%Y}."
    assert status_of(tab, "alihdaya2") == f"Aktif s.d. {last_day:%d-%m-%Y}"
    row = row_of(tab, "alihdaya2")
    assert tab.table.item(row, 2).text() == "Operator alih daya"
    assert tab.table.item(row, 6).text() == "supervisor"
    assert tab.selected().username == "alihdaya2"

    assert login(store, "alihdaya2", "puncak-2012").role is Role.OUTSOURCED
    assert login(store, "alihdaya2", "puncak-2012", now=at_nine(last_day)).username == "alihdaya2"
    with pytest.raises(LoginRefused, match=f"berakhir pada {last_day.isoformat()}"):
        login(store, "alihdaya2", "puncak-2012", now=at_nine(last_day + timedelta(days=1)))


def test_the_add_dialog_says_what_is_missing_and_keeps_a_refusal_fixable(qtbot, ops, store, tab):
    accounts = store.conn.execute("SELECT count(*) FROM operators").fetchone()[0]
    dialog = open_dialog(qtbot, tab, tab.add_button, AddAccountDialog)
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == [
        "Operator",
        "Operator alih daya",
        "Supervisor",
    ]  # Admin TI only for Admin TI

    qtbot.mouseClick(dialog.ok, CLICK)
    assert dialog.message.text() == "Isi nama pengguna"
    assert dialog.message.property("tone") == "error"
    qtbot.keyClicks(dialog.username, "operator1")  # taken
    qtbot.keyClicks(dialog.full_name, "Siti Aminah")
    qtbot.keyClicks(dialog.password, "pendek")
    qtbot.mouseClick(dialog.ok, CLICK)
    assert dialog.message.text() == "Kata sandi minimal 8 karakter"
    assert dialog.focusWidget() is dialog.password  # the field to fix
    qtbot.keyClicks(dialog.password, "-sekali")
    qtbot.keyClicks(dialog.password_again, "pendek-sekalI")
    qtbot.mouseClick(dialog.ok, CLICK)
    assert dialog.message.text() == "Kedua kata sandi tidak sama; ketik ulang keduanya"

    dialog.password_again.clear()
    qtbot.keyClicks(dialog.password_again, "pendek-sekali")
    submit(qtbot, ops, dialog)
    # The store refuses; the dialog stays open with everything typed, and says why.
    assert tab.dialog is dialog and dialog.isVisible()
    assert "sudah ada" in dialog.message.text()
    assert "sudah ada" in tab.message.text() and tab.message.property("tone") == "error"
    assert dialog.ok.isEnabled()

    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "Operator4")  # capitals are lowered
    submit(qtbot, ops, dialog)
    assert tab.dialog is None
    assert status_of(tab, "operator4") == "Aktif"
    assert store.conn.execute("SELECT count(*) FROM operators").fetchone()[0] == accounts + 1


def test_a_new_password_lifts_a_lockout_and_works_at_once(qtbot, ops, store, tab):
    for _ in range(5):  # as five wrong passwords at the login panel leave it
        store.audit("operator1", "login-failed")
    tab.refresh()
    wait_idle(qtbot, ops)
    assert status_of(tab, "operator1").startswith("Terkunci s.d. ")
    choose(qtbot, tab, "operator1")

    dialog = open_dialog(qtbot, tab, tab.reset_button, ResetPasswordDialog)
    assert "Agus Santoso (operator1)" in dialog.intro.text()
    qtbot.keyClicks(dialog.password, "sandi-baru-1")
    qtbot.keyClicks(dialog.password_again, "sandi-baru-1")
    submit(qtbot, ops, dialog)

    assert tab.message.text() == "Kata sandi operator1 diganti; akun dapat dipakai lagi."
    assert status_of(tab, "operator1") == "Aktif"
    assert login(store, "operator1", "sandi-baru-1").username == "operator1"
    with pytest.raises(LoginRefused, match="salah"):
        login(store, "operator1", DEMO_PASSWORD)


def test_a_deactivated_account_is_refused_at_login(qtbot, ops, store, tab):
    choose(qtbot, tab, "operator2")
    dialog = open_dialog(qtbot, tab, tab.deactivate_button, DeactivateDialog)
    qtbot.mouseClick(dialog.ok, CLICK)
    assert dialog.message.text() == "Tulis alasan menonaktifkan akun ini"
    qtbot.keyClicks(dialog.reason, "pindah tugas")
    submit(qtbot, ops, dialog)

    assert tab.message.text() == "Akun operator2 dinonaktifkan."
    assert status_of(tab, "operator2") == "Nonaktif"
    assert row_of(tab, "operator2") == tab.table.rowCount() - 1  # inactive ones last
    assert tab.selected().username == "operator2"
    assert not tab.deactivate_button.isEnabled() and not tab.reset_button.isEnabled()
    with pytest.raises(LoginRefused, match="dinonaktifkan"):
        login(store, "operator2", DEMO_PASSWORD)


def test_an_expired_outsourced_account_is_extended(qtbot, ops, store, tab):
    # The demo's outsourced account ended on 31 December 2012.
    assert status_of(tab, "alihdaya1") == "Kedaluwarsa 31-12-2012"
    choose(qtbot, tab, "operator1")
    assert not tab.extend_button.isEnabled()  # only outsourced accounts end
    choose(qtbot, tab, "alihdaya1")
    assert tab.extend_button.isEnabled()
    with pytest.raises(LoginRefused, match="berakhir pada 2012-12-31"):
        login(store, "alihdaya1", DEMO_PASSWORD)

    dialog = open_dialog(qtbot, tab, tab.extend_button, ExtendDialog)
    assert "berakhir pada 31-12-2012" in dialog.intro.text()
    until = date.today() + timedelta(days=2)
    assert dialog.expires_on.date() == to_qdate(until)
    submit(qtbot, ops, dialog)

    assert status_of(tab, "alihdaya1") == f"Aktif s.d. {until:%d-%m-%Y}"
    assert login(store, "alihdaya1", DEMO_PASSWORD).username == "alihdaya1"


def test_admin_is_offered_admin_accounts(qtbot, ops, store):
    tab = make_tab(qtbot, ops, store, "admin")
    dialog = open_dialog(qtbot, tab, tab.add_button, AddAccountDialog)
    assert dialog.role.findText("Admin TI") >= 0
    dialog.reject()


@pytest.mark.parametrize("username", ["operator1", "alihdaya1"])
def test_counter_staff_get_the_stores_refusal(qtbot, ops, store, username):
    tab = make_tab(qtbot, ops, store, username)

    assert tab.table.rowCount() == 0
    assert "tidak berhak" in tab.message.text()
    assert tab.message.property("tone") == "error"
    assert not tab.add_button.isEnabled()


def test_the_store_refuses_even_when_the_screen_still_offers_the_action(qtbot, ops, store, tab):
    """A screen left open from a supervisor's session, now acting for an operator: the
    buttons are still there, the store says no."""
    accounts = store.conn.execute("SELECT count(*) FROM operators").fetchone()[0]
    tab.session = session(store, "operator1")  # no refresh: the screen is stale
    dialog = open_dialog(qtbot, tab, tab.add_button, AddAccountDialog)
    fill_new_account(qtbot, dialog, "baru1", "Operator")
    submit(qtbot, ops, dialog)

    assert "tidak berhak" in tab.message.text() and tab.message.property("tone") == "error"
    assert "tidak berhak" in dialog.message.text()
    assert store.conn.execute("SELECT count(*) FROM operators").fetchone()[0] == accounts
    dialog.reject()

    # A supervisor deactivated meanwhile (by Admin TI) can no longer manage either.
    tab.session = session(store, "supervisor")
    deactivate(store, session(store, "admin"), "supervisor", "purna tugas")
    choose(qtbot, tab, "operator3")
    dialog = open_dialog(qtbot, tab, tab.deactivate_button, DeactivateDialog)
    qtbot.keyClicks(dialog.reason, "pindah tugas")
    submit(qtbot, ops, dialog)
    assert "tidak aktif lagi" in tab.message.text()
    active = store.conn.execute("SELECT active FROM operators WHERE username = 'operator3'")
    assert active.fetchone()[0] == 1
