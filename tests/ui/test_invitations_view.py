"""The invitations tab through its real widgets on the tests' demo city, and the two
settings it takes from the workstation (holidays and the daily cap)."""

from __future__ import annotations

import io
import json
import time
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop.core.invitations import is_working_day, long_date, next_working_day
from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.store import Store
from desktop.store.invitations import overview
from desktop.store.sessions import Session, login
from desktop.store.settings import WorkstationSettings
from desktop.ui.dialogs import SettingsDialog
from desktop.ui.invitations_view import InvitationsTab
from desktop.ui.qt import QDate, Qt
from tests.cups import QUEUE, wait_for_pdf
from tests.ui.conftest import DEMO_PASSWORD, MISSING_PRINTER, wait_idle

SITE = "MGS"
BALONGSARI = "35.76.02.1008"  # the first kelurahan of Magersari by name
MERI = "35.76.02.1002"
HOLIDAY = next_working_day(date.today())  # the office is closed on the next working day
CAP = 25


@pytest.fixture
def supervisor(store: Store) -> Session:
    return login(store, "supervisor", DEMO_PASSWORD)


@pytest.fixture
def tab(qtbot, ops, supervisor: Session) -> InvitationsTab:
    page = InvitationsTab(ops)
    qtbot.addWidget(page)
    page.session, page.site = supervisor, SITE
    page.settings = WorkstationSettings(holidays=HOLIDAY.isoformat(), invitation_cap=CAP)
    page.resize(1280, 700)
    page.show()
    page.refresh()
    wait_idle(qtbot, ops)
    return page


def choose(qtbot, ops, combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))
    wait_idle(qtbot, ops)


def click(qtbot, ops, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)


def table(tab: InvitationsTab) -> list[list[str]]:
    return [
        [tab.table.item(r, c).text() for c in range(tab.table.columnCount())]
        for r in range(tab.table.rowCount())
    ]


def invited(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT card_id, pickup_day FROM invitations"))


def test_opens_on_the_sites_first_kelurahan_with_the_workstations_settings(tab, store, supervisor):
    names = [tab.kelurahan.itemText(i) for i in range(tab.kelurahan.count())]
    assert names == sorted(k.name for k in regions().kelurahan.values() if k.site == SITE)
    assert tab.kelurahan.currentData() == BALONGSARI
    expected = overview(store, supervisor, site=SITE, kelurahan=BALONGSARI)
    rws = [tab.rw.itemData(i) for i in range(tab.rw.count())]
    assert tab.rw.itemText(0) == "Semua RW" and rws == [None, *expected.rws]
    assert tab.cap.value() == CAP
    assert tab.first_day.date().toPython() == next_working_day(HOLIDAY)
    assert f"{HOLIDAY:%d-%m-%Y}" in tab.holidays.text()
    assert tab.count.text() == (
        f"Kelurahan Balongsari: {expected.waiting} kartu siap belum punya hari pengambilan,"
        " 0 sudah diundang."
    )
    assert tab.plan_button.isEnabled()
    assert not tab.print_letters.isEnabled() and not tab.save_cover.isEnabled()
    assert table(tab) == []


def test_jadwalkan_spreads_the_kelurahan_over_working_days_under_the_cap(
    qtbot, ops, store, tab, supervisor
):
    waiting = overview(store, supervisor, site=SITE, kelurahan=BALONGSARI).waiting
    click(qtbot, ops, tab.plan_button)

    days = invited(store)
    assert len(days) == waiting > CAP
    given = sorted({date.fromisoformat(d) for d in days.values()})
    assert HOLIDAY not in given and all(is_working_day(d) for d in given)
    assert given[0] == next_working_day(HOLIDAY)
    plan = tab.plan
    assert plan is not None and plan.count == waiting
    assert tab.message.property("tone") == "ok"
    assert tab.message.text() == (
        f"{waiting} kartu diundang pada {len(given)} hari kerja, {long_date(given[0])} sampai "
        f"{long_date(given[-1])} ({plan.plan_no})."
    )
    shown = table(tab)
    assert [row[0] for row in shown] == [long_date(d) for d in given]
    assert sum(int(row[1]) for row in shown) == waiting
    assert all(int(row[2]) <= CAP for row in shown) and shown[0][2] == str(CAP)
    free = CAP - int(shown[-1][2])
    assert shown[0][3] == "penuh" and shown[-1][3] == (str(free) if free else "penuh")
    assert tab.count.text().endswith(f": 0 kartu siap belum punya hari pengambilan, {waiting}"
                                     " sudah diundang.")  # fmt: skip
    assert not tab.plan_button.isEnabled()
    assert tab.print_letters.isEnabled() and tab.save_letters.isEnabled()
    assert tab.print_cover.isEnabled() and tab.save_cover.isEnabled()


def test_one_rw_at_a_time_and_the_cap_typed_in(qtbot, ops, store, tab, supervisor):
    choose(qtbot, ops, tab.kelurahan, MERI)
    assert tab.rw.count() > 2
    rw = tab.rw.itemData(2)
    choose(qtbot, ops, tab.rw, rw)
    tab.cap.setValue(3)
    first = date.today() + timedelta(days=14)
    tab.first_day.setDate(QDate(first.year, first.month, first.day))
    in_rw = overview(store, supervisor, site=SITE, kelurahan=MERI, rw=rw).waiting

    click(qtbot, ops, tab.plan_button)

    cards = store.conn.execute(
        "SELECT r.kode_kelurahan, r.rw, i.pickup_day FROM invitations i"
        " JOIN cards c ON c.card_id = i.card_id JOIN residents r ON r.nik = c.nik"
    ).fetchall()
    assert len(cards) == in_rw and {(k, r) for k, r, _ in cards} == {(MERI, rw)}
    assert min(d for *_, d in cards) >= first.isoformat()
    assert all(int(row[1]) <= 3 for row in table(tab))
    assert tab.rw.currentData() == rw  # the choice stays for the letters
    assert tab.cap.value() == 3  # a refresh keeps what was typed in


def test_letters_and_cover_list_saved_as_pdf_and_audited(
    qtbot, ops, store, tab, supervisor, tmp_path
):
    choose(qtbot, ops, tab.rw, tab.rw.itemData(1))
    rw = tab.rw.currentData()
    click(qtbot, ops, tab.plan_button)
    names = [
        n
        for (n,) in store.conn.execute(
            "SELECT r.nama FROM invitations i JOIN cards c ON c.card_id = i.card_id"
            " JOIN residents r ON r.nik = c.nik"
        )
    ]
    assert names

    letters_path = tmp_path / "undangan.pdf"
    with qtbot.waitSignal(tab.output.done, timeout=30_000) as saved:
        tab.save_paper("letters", letters_path)
    assert saved.args[0].ok, saved.args[0].message
    assert f"Surat undangan MGS Balongsari RW {rw}" in tab.message.text()
    reader = PdfReader(io.BytesIO(letters_path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert all(name in text for name in names)
    assert text.count("UND-") == len(names)
    assert len(reader.pages) >= (len(names) + 1) // 2

    cover_path = tmp_path / "daftar.pdf"
    with qtbot.waitSignal(tab.output.done, timeout=30_000) as saved:
        tab.save_paper("cover", cover_path)
    assert saved.args[0].ok, saved.args[0].message
    text = " ".join(p.extract_text() for p in PdfReader(str(cover_path)).pages)
    assert "Daftar Penerimaan Surat Undangan" in text and f"/ RW {rw}" in text
    assert all(name in text for name in names)

    audited = store.conn.execute(
        "SELECT action, detail FROM audit WHERE action LIKE 'invitation-%' ORDER BY id"
    ).fetchall()
    assert [a for a, _ in audited] == ["invitation-letters", "invitation-cover"]
    assert json.loads(audited[0][1]) == {
        "site": SITE,
        "kelurahan": BALONGSARI,
        "rw": rw,
        "rows": len(names),
        "how": "pdf",
    }


def test_printing_to_a_missing_printer_says_so(qtbot, ops, tab):
    choose(qtbot, ops, tab.rw, tab.rw.itemData(1))
    click(qtbot, ops, tab.plan_button)
    with qtbot.waitSignal(tab.output.done, timeout=30_000) as printed:
        tab.print_paper("letters", MISSING_PRINTER)
    assert not printed.args[0].ok
    assert tab.message.property("tone") == "error"
    assert f"Printer '{MISSING_PRINTER}' tidak ditemukan" in tab.message.text()


def test_letters_print_through_cups(qtbot, ops, store, tab, cups_pdf_queue):
    choose(qtbot, ops, tab.rw, tab.rw.itemData(1))
    click(qtbot, ops, tab.plan_button)
    since = time.time()
    with qtbot.waitSignal(tab.output.done, timeout=60_000) as printed:
        tab.print_paper("letters", QUEUE)
    assert printed.args[0].ok, printed.args[0].message
    job = wait_for_pdf(cups_pdf_queue, since)
    assert len(PdfReader(str(job)).pages) >= 1


def test_new_settings_are_taken_over(qtbot, ops, tab):
    later = next_working_day(next_working_day(HOLIDAY))
    tab.settings = WorkstationSettings(
        holidays=f"{HOLIDAY.isoformat()}, {later.isoformat()}", invitation_cap=40
    )
    tab.refresh()
    wait_idle(qtbot, ops)
    assert tab.cap.value() == 40
    assert f"{HOLIDAY:%d-%m-%Y}, {later:%d-%m-%Y}" in tab.holidays.text()

    tab.settings = WorkstationSettings()
    tab.refresh()
    wait_idle(qtbot, ops)
    assert tab.cap.value() == 150
    assert "Belum ada hari libur" in tab.holidays.text()


def test_counter_staff_are_refused_by_the_store(qtbot, ops):
    page = InvitationsTab(ops)
    qtbot.addWidget(page)
    page.session = Session("operator1", "Operator Satu", Role.OPERATOR)
    page.refresh()
    wait_idle(qtbot, ops)
    assert page.message.property("tone") == "error"
    assert "tidak berhak" in page.message.text()
    assert not page.plan_button.isEnabled() and not page.print_letters.isEnabled()


# -- the workstation settings ----------------------------------------------------------------


def test_settings_dialog_takes_holidays_and_the_cap(qtbot):
    chosen = WorkstationSettings(holidays="2026-12-25, 2027-01-01", invitation_cap=120)
    dialog = SettingsDialog(chosen)
    qtbot.addWidget(dialog)
    assert dialog.result_settings() == chosen
    assert dialog.findChild(type(dialog.holidays), "holidays") is dialog.holidays
    assert dialog.invitation_cap.objectName() == "invitationCap"


def test_settings_dialog_refuses_a_holiday_that_is_not_a_date(qtbot):
    dialog = SettingsDialog(WorkstationSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.holidays, "2026-12-25, 25-12-2026")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.message.isVisible() and dialog.message.property("tone") == "error"
    assert dialog.message.text() == (
        "Hari libur '25-12-2026' bukan tanggal; tulis sebagai TTTT-BB-HH, dipisah koma"
    )

    dialog.holidays.setText("2026-12-25, 2027-01-01")
    dialog.invitation_cap.setValue(90)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    chosen = dialog.result_settings()
    assert chosen.holiday_dates() == {date(2026, 12, 25), date(2027, 1, 1)}
    assert chosen.invitation_cap == 90
