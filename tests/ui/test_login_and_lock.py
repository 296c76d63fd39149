"""Who is at the counter: signing in, refusals, the idle lock and signing out, all through
the login panel, the lock screen and the keyboard."""

from __future__ import annotations

from desktop.store.sessions import MAX_FAILURES
from desktop.ui.qt import Qt
from tests.ui.conftest import DEMO_PASSWORD, Cast, focused, log_in, press, type_login, wait_idle

ENTER = Qt.Key.Key_Return


def refused_with(qtbot, ops, window) -> str:
    """Wait for the store's answer and return what the login panel says."""
    wait_idle(qtbot, ops)
    assert window.stack.currentWidget() is window.login_panel
    assert window.session is None
    return window.login_panel.message.text()


def test_login_shows_who_and_todays_count(qtbot, ops, window):
    assert window.stack.currentWidget() is window.login_panel
    assert not window.header.isVisible()
    assert focused() is window.login_panel.username

    log_in(qtbot, window, "operator1")
    wait_idle(qtbot, ops)

    assert window.header.isVisible()
    assert window.who.text() == "Agus Santoso · Operator"
    assert window.status_count.text() == "Hari ini: 0 serah terima"
    assert window.reprint_button.text() == "Cetak ulang (0)"
    assert focused() is window.counter.search


def test_supervisor_role_is_named(qtbot, ops, window):
    log_in(qtbot, window, "supervisor")
    assert window.who.text() == "Hj. Sri Wahyuni · Supervisor"


def test_wrong_password_is_refused_in_the_panel(qtbot, ops, window):
    type_login(qtbot, window, "operator1", "bukan-sandinya")
    message = refused_with(qtbot, ops, window)

    assert message.startswith("Nama pengguna atau kata sandi salah")
    assert f"{MAX_FAILURES - 1} kali lagi" in message  # how many tries are left
    assert window.login_panel.message.property("tone") == "error"
    assert window.login_panel.password.text() == ""
    assert focused() is window.login_panel.password  # retype the password straight away
    assert window.login_panel.button.isEnabled()


def test_five_wrong_passwords_lock_the_account(qtbot, ops, window):
    for _ in range(MAX_FAILURES):
        type_login(qtbot, window, "operator2", "salah-lagi")
        refused_with(qtbot, ops, window)

    type_login(qtbot, window, "operator2", DEMO_PASSWORD)
    message = refused_with(qtbot, ops, window)

    assert "terkunci" in message
    assert "supervisor" in message  # what to do about it


def test_expired_outsourced_account_is_refused(qtbot, ops, window):
    type_login(qtbot, window, "alihdaya1", DEMO_PASSWORD)  # expired on 2012-12-31
    message = refused_with(qtbot, ops, window)

    assert "berakhir pada 2012-12-31" in message
    assert "supervisor" in message


def test_account_of_the_other_office_is_refused(qtbot, ops, window):
    type_login(qtbot, window, "operator3", DEMO_PASSWORD)  # a Dispendukcapil operator
    message = refused_with(qtbot, ops, window)

    assert "bukan untuk loket ini" in message


def test_idle_lock_keeps_the_work_and_opens_only_with_the_password(
    qtbot, ops, make_window, cast: Cast
):
    window = make_window(idle_ms=300)
    log_in(qtbot, window)
    press(qtbot, *cast.ready_nik, ENTER)
    wait_idle(qtbot, ops)
    assert window.counter.panel.headline.text() == "Kartu siap diserahkan"

    qtbot.waitUntil(lambda: window.locked, timeout=3_000)

    lock = window.lock
    assert "Agus Santoso" in lock.who.text()
    assert focused() is lock.password
    # Underneath, the counter is as the operator left it.
    assert window.counter.search.text() == cast.ready_nik
    assert window.counter.panel.panel is not None
    assert window.counter.panel.panel.nik == cast.ready_nik

    press(qtbot, *"tebakan-orang-lain", ENTER)
    wait_idle(qtbot, ops)
    assert window.locked
    assert "kata sandi salah" in lock.message.text().lower()
    assert "Keluar" in lock.message.text()  # or sign out to change operator
    assert lock.password.text() == ""

    press(qtbot, *DEMO_PASSWORD, ENTER)
    qtbot.waitUntil(lambda: not window.locked, timeout=3_000)

    assert window.stack.currentWidget() is window.counter
    assert window.session is not None and window.session.username == "operator1"
    assert window.counter.search.text() == cast.ready_nik
    assert window.counter.panel.panel is not None
    assert window.counter.panel.panel.nik == cast.ready_nik


def test_ctrl_l_locks_at_once(qtbot, ops, window):
    log_in(qtbot, window)
    press(qtbot, (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier))
    assert window.locked
    assert focused() is window.lock.password


def test_ctrl_q_logs_out_to_the_login_panel(qtbot, ops, window, cast: Cast):
    log_in(qtbot, window)
    press(qtbot, *cast.ready_nik, ENTER)
    wait_idle(qtbot, ops)

    press(qtbot, (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier))
    wait_idle(qtbot, ops)

    assert window.stack.currentWidget() is window.login_panel
    assert window.session is None
    assert not window.header.isVisible()
    assert window.login_panel.username.text() == ""
    assert focused() is window.login_panel.username
    # The next operator finds no trace of the last resident.
    assert window.counter.search.text() == ""
    assert window.counter.panel.panel is None


def test_signing_out_is_in_the_audit(qtbot, ops, store, window):
    log_in(qtbot, window)
    press(qtbot, (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier))
    wait_idle(qtbot, ops)
    actions = [
        a
        for (a,) in store.conn.execute(
            "SELECT action FROM audit WHERE actor = 'operator1' ORDER BY id"
        ).fetchall()
    ]
    assert actions[-2:] == ["login", "logout"]


def test_wrong_passwords_on_the_lock_screen_count_towards_the_lockout(qtbot, ops, window):
    log_in(qtbot, window)
    press(qtbot, (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier))
    for _ in range(MAX_FAILURES):
        press(qtbot, *"tebakan", ENTER)
        wait_idle(qtbot, ops)
    assert window.locked

    press(qtbot, *DEMO_PASSWORD, ENTER)
    wait_idle(qtbot, ops)

    assert window.locked
    assert "terkunci" in window.lock.message.text()
