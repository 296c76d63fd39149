"""From letter to counter: plan a kelurahan's letters through the invitations tab, read a
letter's barcode text off the saved PDF, and scan it at the counter of the real main
window as a scanner does (its characters typed fast, then Enter): the counter opens that
letter's resident."""

from __future__ import annotations

import re

from pypdf import PdfReader

from desktop.core.barcode import parse_scan
from desktop.core.invitations import long_date
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.sessions import login
from desktop.ui.invitations_view import InvitationsTab
from desktop.ui.qt import Qt
from tests.ui.conftest import Cast, focused, log_in, wait_idle


def test_a_scanned_invitation_opens_its_resident_at_the_counter(
    qtbot, ops, store, window, cast: Cast, tmp_path
):
    # The supervisor plans the letters of the kelurahan the cast's scan resident lives in.
    (kelurahan,) = store.conn.execute(
        "SELECT kode_kelurahan FROM residents WHERE nik = ?", (cast.scan_nik,)
    ).fetchone()
    tab = InvitationsTab(ops)
    qtbot.addWidget(tab)
    tab.session, tab.site = login(store, "supervisor", DEMO_PASSWORD), "MGS"
    tab.refresh()
    wait_idle(qtbot, ops)
    tab.kelurahan.setCurrentIndex(tab.kelurahan.findData(kelurahan))
    wait_idle(qtbot, ops)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ops)
    plan = tab.plan
    assert plan is not None and 10 < plan.count <= 150  # one day at the default cap
    (day,) = plan.days
    assert tab.message.text() == (
        f"{plan.count} kartu diundang pada {long_date(day.day)} ({plan.plan_no})."
    )

    letters = tmp_path / "undangan.pdf"
    with qtbot.waitSignal(tab.output.done, timeout=30_000) as saved:
        tab.save_paper("letters", letters)
    assert saved.args[0].ok, saved.args[0].message
    pages = [page.extract_text() for page in PdfReader(str(letters)).pages]

    # The cast's resident's letter, and another one from the middle of the pile.
    codes = re.findall(r"UND-[A-Za-z0-9-]+", "\n".join(pages))
    assert len(codes) == plan.count
    theirs = f"UND-{cast.scan_card}"
    assert theirs in codes
    other = codes[len(codes) // 2]
    assert other != theirs

    # At the counter: an operator scans each letter.
    log_in(qtbot, window)
    wait_idle(qtbot, ops)
    counter = window.counter
    for code in (theirs, other):
        card_id = parse_scan(code).card_id
        nik, name = store.conn.execute(
            "SELECT c.nik, r.nama FROM cards c JOIN residents r ON r.nik = c.nik"
            " WHERE c.card_id = ?",
            (card_id,),
        ).fetchone()
        search = focused()
        assert search is counter.search  # where the cursor waits after a sign-in or a reset
        qtbot.keyClicks(search, code)  # a scanner types the characters, then Enter
        qtbot.keyClick(search, Qt.Key.Key_Return)
        wait_idle(qtbot, ops)

        panel = counter.panel.panel
        assert panel is not None, counter.message.text()
        assert panel.nik == nik
        assert counter.panel.name.text() == name
        assert counter.panel.headline.text() == "Kartu siap diserahkan"
        assert not counter.matches.isVisible()
        counter.reset()
    assert cast.scan_nik in {
        nik
        for (nik,) in store.conn.execute(
            "SELECT nik FROM audit WHERE action = 'view'"
            " AND json_extract(detail, '$.via') = 'invitation'"
        )
    }
