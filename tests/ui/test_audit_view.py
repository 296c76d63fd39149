"""The audit tab of the supervisor's desk, driven through its filters: by person, NIK and
dates, the count and the chain's verdict, a tampered entry shown as such, and a refresh
that does not log another look at the log."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from desktop.core.nik import Sex, make_nik
from desktop.core.roles import Role
from desktop.store import Store, audit
from desktop.store.sessions import Session
from desktop.ui.account_dialogs import to_qdate
from desktop.ui.audit_view import AuditTab
from desktop.ui.qt import QApplication, Qt
from tests.ui.conftest import wait_idle

WIB = timezone(timedelta(hours=7))
CLICK = Qt.MouseButton.LeftButton
NIK_A = make_nik("35.76.02", date(1980, 1, 1), Sex.MALE, 21)
NIK_B = make_nik("35.76.01", date(1975, 6, 4), Sex.FEMALE, 22)
ID, WHEN, WHO, WHAT, NIK, DETAIL = range(6)


def session(store: Store, username: str) -> Session:
    full_name, role = store.conn.execute(
        "SELECT full_name, role FROM operators WHERE username = ?", (username,)
    ).fetchone()
    return Session(username, full_name, Role(role))


def add(store: Store, actor: str, action: str, at: datetime, **kwargs) -> None:
    with store.write():
        audit.append(store.conn, actor, action, at=at, **kwargs)


@pytest.fixture
def log(store: Store) -> Store:
    """Two days at the counter, 3 and 4 September 2012."""
    for n in range(2):
        at = datetime(2012, 9, 3 + n, 8, 0, tzinfo=WIB)
        add(store, "operator1", "login", at, detail={"workstation": 1})
        add(store, "operator1", "handover", at + timedelta(minutes=2), nik=NIK_A,
            detail={"receipt_no": f"MGS-01-00000{n + 1}"})  # fmt: skip
        add(store, "operator2", "view", at + timedelta(minutes=3), nik=NIK_B,
            detail={"via": "name"})  # fmt: skip
    return store


def make_tab(qtbot, ops, store: Store, username: str = "supervisor") -> AuditTab:
    tab = AuditTab(ops)
    qtbot.addWidget(tab)
    tab.session = session(store, username)
    tab.resize(1240, 600)
    tab.show()
    tab.refresh()
    wait_idle(qtbot, ops)
    return tab


@pytest.fixture
def tab(qtbot, ops, log: Store) -> AuditTab:
    return make_tab(qtbot, ops, log)


def column(tab: AuditTab, col: int) -> list[str]:
    return [tab.table.item(row, col).text() for row in range(tab.table.rowCount())]


def show(qtbot, ops, tab: AuditTab) -> None:
    qtbot.mouseClick(tab.show_button, CLICK)
    wait_idle(qtbot, ops)


def audit_size(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_opening_shows_the_newest_entries_and_an_intact_chain(qtbot, ops, log, tab):
    size = audit_size(log)
    assert tab.table.rowCount() == size
    assert column(tab, WHAT)[:3] == ["Lihat log audit", "Lihat data penduduk", "Serah terima"]
    assert column(tab, WHO)[0] == "supervisor"
    assert tab.table.item(0, WHO).toolTip() == "Hj. Sri Wahyuni"
    assert column(tab, ID) == [str(n) for n in range(size, 0, -1)]
    assert tab.table.item(2, WHEN).text() == "04-09-2012 08:02:00"
    assert tab.table.item(2, DETAIL).text() == "tanda terima: MGS-01-000002"
    assert tab.count.text() == f"Menampilkan {size} dari {size} entri"
    assert tab.chain_label.text() == f"Rantai hash utuh: {size} entri"
    assert tab.chain_label.property("tone") == "ok"
    people = [tab.person.itemText(i) for i in range(tab.person.count())]
    assert people[0] == "Semua petugas"
    assert "Agus Santoso (operator1)" in people

    tab.refresh()  # as the desk does after other work: no new look at the log is logged
    wait_idle(qtbot, ops)
    assert audit_size(log) == size


def test_filter_by_person(qtbot, ops, log, tab):
    tab.person.setCurrentIndex(tab.person.findData("operator2"))
    show(qtbot, ops, tab)

    assert column(tab, WHO) == ["operator2", "operator2"]
    assert column(tab, DETAIL) == ["lewat: nama", "lewat: nama"]
    assert tab.count.text() == "Menampilkan 2 dari 2 entri"


def test_filter_by_nik(qtbot, ops, log, tab):
    qtbot.keyClicks(tab.nik, NIK_A)
    qtbot.keyClick(tab.nik, Qt.Key.Key_Return)
    wait_idle(qtbot, ops)

    # The resident's history, starting with this look at it.
    assert column(tab, WHAT) == ["Lihat log audit", "Serah terima", "Serah terima"]
    assert set(column(tab, NIK)) == {NIK_A}
    assert tab.count.text() == "Menampilkan 3 dari 3 entri"

    tab.nik.clear()
    qtbot.keyClicks(tab.nik, "3576-02")
    show(qtbot, ops, tab)
    assert tab.message.text().startswith("NIK harus 16 digit, ini 6 digit")
    assert tab.message.property("tone") == "error"


def test_filter_by_dates(qtbot, ops, log, tab):
    assert not tab.start.isEnabled()
    tab.all_dates.setChecked(False)
    assert tab.start.isEnabled() and tab.end.isEnabled()
    tab.start.setDate(to_qdate(date(2012, 9, 4)))
    tab.end.setDate(to_qdate(date(2012, 9, 4)))
    show(qtbot, ops, tab)

    assert {when[:10] for when in column(tab, WHEN)} == {"04-09-2012"}
    assert tab.count.text() == "Menampilkan 3 dari 3 entri"

    tab.start.setDate(to_qdate(date(2012, 9, 5)))
    show(qtbot, ops, tab)
    assert tab.message.text() == (
        "Tanggal akhir 2012-09-04 sebelum tanggal awal 2012-09-05; tukar kedua tanggal"
    )


def test_a_tampered_entry_breaks_the_chain_on_screen(qtbot, ops, log, tab):
    (row_id,) = log.conn.execute(
        "SELECT id FROM audit WHERE action = 'handover' ORDER BY id LIMIT 1"
    ).fetchone()
    shell = sqlite3.connect(log.path, isolation_level=None)  # someone outside Loket
    try:
        shell.execute("DROP TRIGGER audit_no_update")
        shell.execute("UPDATE audit SET actor = 'operator2' WHERE id = ?", (row_id,))
    finally:
        shell.close()

    show(qtbot, ops, tab)

    text = tab.chain_label.text()
    assert text.startswith(f"Rantai hash RUSAK pada entri {row_id}: isi tidak cocok")
    assert "laporkan hari ini ke tim TI Dinas" in text
    assert tab.chain_label.property("tone") == "error"
    row = column(tab, ID).index(str(row_id))
    assert tab.table.item(row, WHO).text() == "operator2"  # as it now reads
    assert tab.table.item(row, WHAT).foreground().color().name() == "#922b21"
    assert tab.table.item(row - 1, WHAT).foreground().color().name() != "#922b21"


@pytest.mark.parametrize("username", ["operator1", "alihdaya1"])
def test_counter_staff_get_the_stores_refusal(qtbot, ops, log, username):
    size = audit_size(log)
    tab = make_tab(qtbot, ops, log, username)

    assert tab.table.rowCount() == 0
    assert "tidak berhak" in tab.message.text()
    assert tab.message.property("tone") == "error"
    assert audit_size(log) == size
    assert QApplication.activeModalWidget() is None
