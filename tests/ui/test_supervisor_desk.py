"""The supervisor's desk in the real main window: who sees it, the day's register on screen,
the drawer count, and the register saved and printed through the real print path."""

from __future__ import annotations

import io
import json
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.store.handover import record_handover
from desktop.store.sessions import Session
from desktop.ui.papers import Paper, save_pdf
from desktop.ui.qt import Qt
from desktop.ui.register_view import RegisterTab
from tests.cups import QUEUE, wait_for_pdf
from tests.ui.conftest import Cast, log_in, press, wait_idle


def hand_over_today(store, cast: Cast) -> str:
    receipt = record_handover(
        store,
        card_id=cast.ready_card,
        operator="operator1",
        role=Role.OPERATOR,
        last_four=cast.ready_nik[-4:],
        old_ktp=OldKtp.WITHDRAWN,
    )
    return receipt.receipt_no


def open_desk(qtbot, window, ops, tab: str):
    press(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.desk)
    page = window.desk.show_tab(tab)
    wait_idle(qtbot, ops)
    return page


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join((page.extract_text() or "") for page in reader.pages)


def test_operators_have_no_desk(qtbot, window, ops):
    log_in(qtbot, window, "operator1")
    assert not window.desk_button.isVisible()
    press(qtbot, Qt.Key.Key_F9)
    assert window.stack.currentWidget() is window.counter
    assert window.open_desk() is None


def test_each_role_sees_the_tabs_it_may_use(qtbot, window, ops):
    log_in(qtbot, window, "supervisor")
    assert window.desk_button.isVisible()
    names = [window.desk.tabs.widget(i).objectName() for i in range(window.desk.tabs.count())]
    assert names[0] == "register" and "audit" in names and "accounts" in names
    window.log_out()

    log_in(qtbot, window, "admin")
    names = [window.desk.tabs.widget(i).objectName() for i in range(window.desk.tabs.count())]
    assert "register" not in names  # Dinas IT staff do not sign the day's papers
    assert "accounts" in names and "audit" in names


def test_desk_and_back_with_the_keyboard(qtbot, window, ops):
    log_in(qtbot, window, "supervisor")
    open_desk(qtbot, window, ops, "register")
    assert not window.desk_button.isVisible()  # the desk has its own way back
    press(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.counter
    assert window.counter.search.hasFocus()
    assert window.desk_button.isVisible()


def test_register_tab_shows_todays_handovers(qtbot, window, ops, store, cast: Cast):
    receipt_no = hand_over_today(store, cast)
    log_in(qtbot, window, "supervisor")
    tab = open_desk(qtbot, window, ops, "register")

    assert tab.rows.rowCount() == 1
    assert tab.rows.item(0, 1).text() == receipt_no
    assert tab.rows.item(0, 2).text() == cast.ready_nik
    assert "Diserahkan 1" in tab.summary.text()
    assert "Seharusnya ada di laci" in tab.figures.text()
    assert tab.recorded.text() == "Belum dicatat untuk hari ini."


def test_drawer_count_with_a_difference_needs_a_note(qtbot, window, ops, store, cast: Cast):
    hand_over_today(store, cast)
    log_in(qtbot, window, "supervisor")
    tab = open_desk(qtbot, window, ops, "register")
    expected = tab.expected.expected
    assert tab.counted.value() == expected  # starts at what should be there

    tab.counted.setValue(expected - 1)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    assert tab.message.property("tone") == "error"
    assert "catatan" in tab.message.text()
    assert store.conn.execute("SELECT count(*) FROM drawer_counts").fetchone()[0] == 0

    qtbot.keyClicks(tab.note, "satu kartu terselip di kotak 3")
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    assert tab.message.property("tone") == "ok", tab.message.text()
    assert "-1" in tab.message.text()
    assert "terselip" in tab.recorded.text()
    row = store.conn.execute("SELECT counted, difference, supervisor FROM drawer_counts")
    assert row.fetchone() == (expected - 1, -1, "supervisor")


def test_register_saved_as_pdf_for_signing(qtbot, window, ops, store, cast: Cast, tmp_path):
    receipt_no = hand_over_today(store, cast)
    log_in(qtbot, window, "supervisor")
    tab = open_desk(qtbot, window, ops, "register")
    target = tmp_path / "register.pdf"

    with qtbot.waitSignal(tab.output.done, timeout=20_000) as saved:
        tab.save_register(target)

    assert saved.args[0].ok, saved.args[0].message
    text = pdf_text(target)
    assert "Daftar Serah Terima KTP-el Harian" in text
    assert receipt_no in text and cast.ready_nik in text
    assert "register.pdf" in tab.message.text()
    audit = store.conn.execute(
        "SELECT actor, detail FROM audit WHERE action = 'print-register'"
    ).fetchall()
    assert len(audit) == 1 and audit[0][0] == "supervisor"
    assert json.loads(audit[0][1]) == {
        "site": "MGS",
        "day": date.today().isoformat(),
        "rows": 1,
    }


def test_register_prints_through_cups(qtbot, window, ops, store, cast: Cast, cups_pdf_queue):
    hand_over_today(store, cast)
    log_in(qtbot, window, "supervisor")
    tab = open_desk(qtbot, window, ops, "register")
    since = time.time()

    with qtbot.waitSignal(tab.output.done, timeout=60_000) as printed:
        tab.print_register(QUEUE)

    assert printed.args[0].ok, printed.args[0].message
    job = wait_for_pdf(cups_pdf_queue, since)
    reader = PdfReader(str(job))
    assert len(reader.pages) >= 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3  # A4


def test_a_paper_is_saved_whole_or_not_at_all(tmp_path):
    paper = Paper(b"%PDF-1.4 not really\n%%EOF\n", "Uji", "uji.pdf")
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")

    result = save_pdf(paper, blocker / "uji.pdf")  # the "folder" is a file

    assert not result.ok and "tidak tersimpan" in result.message
    assert blocker.read_text() == "bukan folder"
    result = save_pdf(paper, tmp_path / "uji.pdf")
    assert result.ok and (tmp_path / "uji.pdf").read_bytes() == paper.pdf
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".loket-")] == []


def test_an_operator_session_cannot_load_the_register(qtbot, ops, store):
    tab = RegisterTab(ops)
    qtbot.addWidget(tab)
    tab.site = "MGS"
    tab.session = Session("operator1", "Operator Satu", Role.OPERATOR)  # as if it got here
    tab.refresh()
    wait_idle(qtbot, ops)
    assert tab.message.property("tone") == "error"
    assert "Operator" in tab.message.text()
    assert tab.rows.rowCount() == 0
