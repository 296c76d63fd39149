"""The counter as the operator lives it: find a resident, read the card panel, hand the card
over with the keyboard, and what happens when the receipt printer is not there.

Everything goes through the real widgets and the real operations worker; keys are pressed
on whichever widget holds the focus, so the focus moves are tested too.
"""

from __future__ import annotations

import json
import re

import pytest

from desktop.core.barcode import invitation_barcode
from desktop.core.regions import regions
from desktop.store.counter import reprint_queue
from desktop.store.store import CATCH_UP
from desktop.ui.qt import QPoint, Qt
from tests.ui.conftest import Cast, focused, log_in, press, wait_idle

ENTER = Qt.Key.Key_Return
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def counter(qtbot, window, ops):
    """The counter screen, signed in as operator1 with the status bar filled in."""
    log_in(qtbot, window)
    wait_idle(qtbot, ops)
    return window.counter


def search(qtbot, ops, text: str) -> None:
    """Type into the focused search field and press Enter, as a person or a scanner does."""
    assert focused() is not None and focused().objectName() == "search"
    press(qtbot, *text, ENTER)
    wait_idle(qtbot, ops)


def handovers_of(store, card_id: str) -> list[dict]:
    rows = store.conn.execute(
        "SELECT payload FROM journal WHERE type = 'handover' ORDER BY id"
    ).fetchall()
    return [p for (raw,) in rows if (p := json.loads(raw))["card_id"] == card_id]


def card_status(store, card_id: str) -> str:
    row = store.conn.execute("SELECT status FROM cards WHERE card_id = ?", (card_id,))
    return row.fetchone()[0]


def click(qtbot, button) -> None:
    """Click a check box or radio button on its indicator, where a person clicks it."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))


def message_when_handed_over(counter) -> list[str]:
    """What the message line said at the moment the handover was committed (the printer's
    answer replaces it a moment later)."""
    seen: list[str] = []
    counter.handed_over.connect(lambda _: seen.append(counter.message.text()))
    return seen


# -- finding a resident --------------------------------------------------------------------


def test_nik_opens_the_ready_card_with_its_box_and_slot(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, cast.ready_nik)

    panel = counter.panel
    assert panel.headline.text() == "Kartu siap diserahkan"
    assert panel.place.isVisible()
    assert panel.place.text() == f"Kotak {cast.ready_box} · Slot {cast.ready_slot}"
    assert panel.name.text() == cast.ready_name
    assert counter.form.isVisible() and counter.form.isEnabled()
    assert focused() is counter.form.present  # next: tick presence


def test_fifteen_digits_say_a_nik_has_sixteen(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, cast.ready_nik[:15])

    assert "16 digit" in counter.message.text()
    assert counter.message.property("tone") == "error"
    assert counter.panel.panel is None and not counter.form.isVisible()
    assert focused() is counter.search  # the operator retypes straight away


def test_part_of_a_name_lists_the_matches_and_arrows_pick_one(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, cast.name_query)

    table = counter.matches
    assert table.isVisible()
    assert table.rowCount() == len(cast.name_matches)
    assert [table.item(row, 4).text() for row in range(table.rowCount())] == list(cast.name_matches)
    # Enough to tell namesakes apart: birth date and kelurahan on every row.
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", table.item(0, 1).text())
    assert table.item(0, 2).text() and not table.item(0, 2).text().startswith("35.")
    assert focused() is table
    assert f"{len(cast.name_matches)} penduduk cocok" in counter.message.text()

    press(qtbot, Qt.Key.Key_Down, ENTER)
    wait_idle(qtbot, ops)

    chosen = cast.name_matches[1]
    assert counter.panel.panel is not None
    assert counter.panel.panel.nik == chosen
    assert f"NIK {chosen}" in counter.panel.identity.text()


def test_invitation_barcode_opens_its_resident(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, invitation_barcode(cast.scan_card))

    assert counter.panel.panel is not None
    assert counter.panel.panel.nik == cast.scan_nik
    assert counter.panel.headline.text() == "Kartu siap diserahkan"
    assert not counter.matches.isVisible()
    assert focused() is counter.form.present


# -- the card panel, case by case ----------------------------------------------------------

_DSP = regions().sites["DSP"]

CASES = [
    ("ready_nik", "Kartu siap diserahkan", None),
    # The DSP office's name is "Kantor Dinas Kependudukan dan Catatan Sipil Kota Mojokerto":
    # Dispendukcapil written out.
    ("other_site_nik", f"Dilayani di {_DSP.name}", _DSP.address),
    ("no_card_nik", "Kartu belum datang dari pusat", "Data direkam pada"),
    ("handed_over_nik", "Kartu sudah diserahkan", "MGS-01-000001"),
    ("conflict_nik", "Konflik: kartu tercatat diserahkan dua kali", "MGS-02-000001"),
    ("withheld_nik", "Kartu ditahan: ", None),
    ("misrouted_nik", "Kartu salah alamat", "NIK tidak ada di register"),
    ("superseded_nik", "Kartu ini sudah diganti cetak ulang", None),
    ("deceased_nik", "Pemilik kartu tercatat meninggal", None),
    ("moved_nik", "Pemilik kartu tercatat pindah", None),
    ("returned_nik", "Kartu sudah dikembalikan ke Dinas", None),
    ("not_sorted_nik", "Kartu diterima tetapi belum disortir", None),
    ("unregistered_nik", "NIK tidak ada di register maupun manifes kartu", None),
]


@pytest.mark.parametrize(
    ("who", "headline", "detail"), CASES, ids=[c[0].removesuffix("_nik") for c in CASES]
)
def test_card_panel_says_what_to_do(qtbot, ops, counter, cast: Cast, who, headline, detail):
    nik = getattr(cast, who)
    search(qtbot, ops, nik)

    panel = counter.panel
    assert panel.panel is not None and panel.panel.nik == nik
    assert panel.headline.text().startswith(headline)
    if detail:
        assert detail in panel.detail.text()
    assert panel.action.text(), "every case tells the operator what to do next"
    if who == "ready_nik":
        assert counter.form.isVisible()
        return
    # Nothing to hand over: the checks are gone and the cursor is back in the search box.
    assert not counter.form.isVisible() and not counter.form.isEnabled()
    assert focused() is counter.search
    assert counter.panel.property("tone") in {"info", "stop"}


def test_withheld_card_names_the_reason(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, cast.withheld_nik)
    reason = counter.panel.headline.text().removeprefix("Kartu ditahan: ")
    assert reason in {"kartu rusak", "data pada kartu salah"}


def test_conflict_lists_both_handovers(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, cast.conflict_nik)
    lines = counter.panel.detail.text().splitlines()
    assert len(lines) == 2
    for line, receipt in zip(lines, cast.conflict_receipts, strict=True):
        assert receipt in line
        assert "Dewi Lestari" in line  # the operator's name, not the username


# -- handing over --------------------------------------------------------------------------


def test_common_handover_is_six_keystrokes(qtbot, ops, store, counter, cast: Cast):
    search(qtbot, ops, cast.ready_nik)
    assert focused() is counter.form.present
    seen = message_when_handed_over(counter)

    keys = press(qtbot, " ", *cast.ready_nik[-4:], ENTER)
    qtbot.waitUntil(lambda: bool(seen))

    assert keys == 6  # Space, four digits, Enter
    [handover] = handovers_of(store, cast.ready_card)
    assert handover["nik"] == cast.ready_nik
    assert handover["operator"] == "operator1"
    assert handover["old_ktp"] == "withdrawn"
    assert handover["police_letter"] is None
    assert card_status(store, cast.ready_card) == "handed_over"
    assert seen[0].startswith(f"Diserahkan kepada {cast.ready_name}. Tanda terima ")
    assert handover["receipt_no"] in seen[0]
    assert focused() is counter.search
    assert counter.search.text() == ""
    assert counter.panel.panel is None and not counter.form.isVisible()


def test_missing_printer_keeps_the_handover_and_queues_the_receipt(
    qtbot, ops, store, window, counter, cast: Cast
):
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:], ENTER)
    qtbot.waitUntil(lambda: "tidak tercetak" in counter.message.text(), timeout=10_000)
    wait_idle(qtbot, ops)

    [handover] = handovers_of(store, cast.ready_card)
    receipt_no = handover["receipt_no"]
    assert card_status(store, cast.ready_card) == "handed_over"
    message = counter.message.text()
    assert receipt_no in message
    assert "NoSuchPrinter-Loket" in message
    assert "antrean cetak ulang" in message  # and where to print it from
    assert counter.message.property("tone") == "error"
    assert [q.receipt_no for q in reprint_queue(store)] == [receipt_no]
    assert window.reprint_button.text() == "Cetak ulang (1)"
    assert window.status_count.text() == "Hari ini: 1 serah terima"
    assert focused() is counter.search  # the next resident can be served at once


def test_a_restored_counter_refuses_a_handover_until_it_has_synced(
    qtbot, ops, store, counter, cast: Cast
):
    with store.write():  # what restore_store leaves on an enrolled workstation's store
        store.set_meta(CATCH_UP, "loket-MGS-01-20121001-153000.sqlite, 2012-10-02")
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:], ENTER)
    qtbot.waitUntil(lambda: "belum sinkron" in counter.message.text(), timeout=5_000)
    assert "dipulihkan dari cadangan (loket-MGS-01-20121001-153000.sqlite" in counter.message.text()
    assert "Ctrl+S" in counter.message.text()
    assert counter.message.property("tone") == "error"
    assert handovers_of(store, cast.ready_card) == []
    assert card_status(store, cast.ready_card) == "ready"


def test_lost_old_ktp_needs_the_police_letter(qtbot, ops, store, counter, cast: Cast):
    form = counter.form
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:])
    assert form.button.isEnabled()
    assert not form.police_letter.isVisible()

    click(qtbot, form.lost)

    assert form.lost.isChecked()
    assert form.police_letter.isVisible()
    assert not form.button.isEnabled()  # a lost KTP needs the letter number
    qtbot.keyClick(form.police_letter, ENTER)
    assert handovers_of(store, cast.ready_card) == []

    qtbot.keyClicks(form.police_letter, "B/123/IX/2012/Polsek")
    assert form.button.isEnabled()
    seen = message_when_handed_over(counter)
    qtbot.keyClick(form.police_letter, ENTER)
    qtbot.waitUntil(lambda: bool(seen))

    [handover] = handovers_of(store, cast.ready_card)
    assert handover["old_ktp"] == "lost"
    assert handover["police_letter"] == "B/123/IX/2012/Polsek"
    assert seen[0].startswith("Diserahkan kepada")


def test_alt_2_chooses_lost_and_moves_to_the_police_letter(qtbot, ops, store, counter, cast):
    form = counter.form
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:], (Qt.Key.Key_2, ALT))

    assert form.lost.isChecked()
    assert form.police_letter.isVisible()
    assert not form.button.isEnabled()
    assert focused() is form.police_letter  # keyboard first: type the letter number next

    seen = message_when_handed_over(counter)
    press(qtbot, *"LP/77/2012", ENTER)
    qtbot.waitUntil(lambda: bool(seen))
    [handover] = handovers_of(store, cast.ready_card)
    assert (handover["old_ktp"], handover["police_letter"]) == ("lost", "LP/77/2012")


def test_alt_3_records_a_first_time_holder(qtbot, ops, store, counter, cast: Cast):
    search(qtbot, ops, cast.ready_nik)
    keys = press(qtbot, " ", *cast.ready_nik[-4:], (Qt.Key.Key_3, ALT))
    assert counter.form.none.isChecked()

    seen = message_when_handed_over(counter)
    keys += press(qtbot, ENTER)
    qtbot.waitUntil(lambda: bool(seen))
    assert keys == 7
    [handover] = handovers_of(store, cast.ready_card)
    assert handover["old_ktp"] == "none"


def test_none_old_ktp_chosen_with_the_mouse(qtbot, ops, store, counter, cast: Cast):
    form = counter.form
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:])
    click(qtbot, form.none)
    assert form.button.isEnabled() and not form.police_letter.isVisible()
    seen = message_when_handed_over(counter)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))

    [handover] = handovers_of(store, cast.ready_card)
    assert handover["old_ktp"] == "none"


def test_button_waits_for_presence_and_the_right_four_digits(
    qtbot, ops, store, counter, cast: Cast
):
    form = counter.form
    right = cast.ready_nik[-4:]
    wrong = f"{(int(right) + 1) % 10_000:04d}"
    search(qtbot, ops, cast.ready_nik)
    assert not form.button.isEnabled()

    qtbot.keyClicks(form.last_four, right)
    assert not form.button.isEnabled()  # the digits match, presence not ticked
    qtbot.keyClick(form.last_four, ENTER)
    wait_idle(qtbot, ops)
    assert handovers_of(store, cast.ready_card) == []

    press(qtbot, " ")  # the focus is still on the presence check box
    assert form.present.isChecked()
    assert focused() is form.last_four
    assert form.button.isEnabled()

    press(qtbot, *[Qt.Key.Key_Backspace] * 4)
    assert not form.button.isEnabled()  # presence ticked, no digits

    press(qtbot, *wrong)
    assert not form.button.isEnabled()
    assert "Empat digit tidak cocok" in form.message.text()
    assert "kartu yang diambil kemungkinan salah" in form.message.text()
    assert form.message.property("tone") == "error"
    press(qtbot, ENTER)
    wait_idle(qtbot, ops)
    assert handovers_of(store, cast.ready_card) == []
    assert card_status(store, cast.ready_card) == "ready"

    press(qtbot, *[Qt.Key.Key_Backspace] * 4, *right)
    assert form.button.isEnabled()
    assert form.message.text() == ""  # the warning goes once the digits match


def test_unticking_presence_disarms_the_button(qtbot, ops, counter, cast: Cast):
    form = counter.form
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:])
    assert form.button.isEnabled()
    click(qtbot, form.present)
    assert not form.present.isChecked()
    assert not form.button.isEnabled()


def test_second_search_shows_handed_over_and_ctrl_p_asks_for_a_copy(
    qtbot, ops, store, counter, cast: Cast
):
    search(qtbot, ops, cast.ready_nik)
    press(qtbot, " ", *cast.ready_nik[-4:], ENTER)
    qtbot.waitUntil(lambda: "tidak tercetak" in counter.message.text(), timeout=10_000)
    wait_idle(qtbot, ops)
    [handover] = handovers_of(store, cast.ready_card)

    search(qtbot, ops, cast.ready_nik)

    assert counter.panel.headline.text() == "Kartu sudah diserahkan"
    assert handover["receipt_no"] in counter.panel.detail.text()
    assert "Agus Santoso" in counter.panel.detail.text()
    assert not counter.form.isVisible() and not counter.form.isEnabled()
    assert not counter.form.button.isEnabled()
    assert focused() is counter.search

    with qtbot.waitSignal(counter.copy_requested, timeout=2_000) as copy:
        press(qtbot, (Qt.Key.Key_P, CTRL))
    assert copy.args == [handover["receipt_no"]]
    wait_idle(qtbot, ops)
    assert len(handovers_of(store, cast.ready_card)) == 1  # a copy is not a second handover


def test_ctrl_p_refuses_a_copy_for_a_card_not_handed_over(qtbot, ops, counter, cast: Cast):
    search(qtbot, ops, cast.ready_nik)
    copies: list[str] = []
    counter.copy_requested.connect(copies.append)
    press(qtbot, (Qt.Key.Key_P, CTRL))
    assert copies == []
    assert "Salinan hanya untuk kartu yang sudah diserahkan" in counter.message.text()


def test_failed_copy_does_not_promise_the_reprint_queue(qtbot, ops, store, counter, cast: Cast):
    search(qtbot, ops, cast.handed_over_nik)
    press(qtbot, (Qt.Key.Key_P, CTRL))
    qtbot.waitUntil(lambda: "tidak tercetak" in counter.message.text(), timeout=10_000)
    wait_idle(qtbot, ops)

    queued = [q.receipt_no for q in reprint_queue(store)]
    claims_queue = "antrean cetak ulang (Ctrl+R)" in counter.message.text()
    assert not claims_queue or cast.handed_over_receipt in queued
