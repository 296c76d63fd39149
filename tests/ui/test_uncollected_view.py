"""The uncollected-cards tab through its real widgets, on the tests' demo city."""

from __future__ import annotations

import io
import json
import time
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from desktop.core.events import EventType
from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.core.uncollected import mask_nik
from desktop.store import Store
from desktop.store.sessions import Session, login
from desktop.store.uncollected import uncollected_list
from desktop.ui.qt import Qt
from desktop.ui.uncollected_view import UncollectedTab
from tests.cups import QUEUE, wait_for_pdf
from tests.ui.conftest import DEMO_PASSWORD, Cast, log_in, press, wait_idle

SITE = "MGS"


@pytest.fixture
def supervisor(store: Store) -> Session:
    return login(store, "supervisor", DEMO_PASSWORD)


@pytest.fixture
def tab(qtbot, ops, supervisor: Session) -> UncollectedTab:
    page = UncollectedTab(ops)
    qtbot.addWidget(page)
    page.session, page.site = supervisor, SITE
    page.resize(1280, 700)
    page.show()
    page.refresh()
    wait_idle(qtbot, ops)
    return page


def rows(tab: UncollectedTab) -> list[list[str]]:
    model = tab.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def choose(qtbot, ops, combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))
    wait_idle(qtbot, ops)


def an_old_card(store: Store, days: int) -> str:
    """A card of a resident without one, that arrived `days` days ago."""
    nik, nama, code = store.conn.execute(
        "SELECT nik, nama, kode_kelurahan FROM residents r WHERE kode_kelurahan LIKE"
        " '35.76.02.%' AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.nik = r.nik)"
        " ORDER BY nik DESC LIMIT 1"
    ).fetchone()
    arrived = date.today() - timedelta(days=days)
    with store.write():
        store.append(
            EventType.CARD_RECEIVED,
            {
                "card_id": f"B-OLD-{nik}",
                "batch_id": "B-OLD",
                "nik": nik,
                "nama": nama.upper(),
                "kode_kelurahan": code,
                "tanggal_cetak": (arrived - timedelta(days=10)).isoformat(),
                "status": "ready",
                "site": SITE,
                "box": 901,
                "slot": 7,
                "reason": None,
            },
            wall_time=f"{arrived.isoformat()}T10:00:00+07:00",
        )
    return nama


def test_shows_every_waiting_card_of_the_site(qtbot, ops, store, tab, supervisor, cast: Cast):
    expected = uncollected_list(store, supervisor, site=SITE)
    shown = rows(tab)
    assert len(shown) == expected.count > 100
    assert [r[3] for r in shown] == [c.nik for c in expected.cards]  # full NIK on screen
    assert cast.ready_nik in {r[3] for r in shown}
    assert cast.handed_over_nik not in {r[3] for r in shown}
    assert cast.withheld_nik not in {r[3] for r in shown}
    assert cast.other_site_nik not in {r[3] for r in shown}
    first = next(expected.cards)
    assert shown[0] == [
        first.kelurahan,
        f"{first.rt}/{first.rw}",
        first.name,
        first.nik,
        first.address,
        first.place,
        f"{first.days_waiting} hari",
        "siap diserahkan",
    ]
    waited = tab.table.model().index(0, 6).data(Qt.ItemDataRole.ToolTipRole)
    assert waited == f"Diterima {first.received:%d-%m-%Y}"
    assert not tab.table.isColumnHidden(0)
    count = f"{expected.count:,}".replace(",", ".")
    assert tab.count.text().startswith(f"{count} kartu belum diambil di {expected.rw_count} RW")

    choices = [tab.kelurahan.itemText(i) for i in range(tab.kelurahan.count())]
    magersari = sorted(k.name for k in regions().kelurahan.values() if k.site == SITE)
    assert choices == ["Semua kelurahan", *magersari]
    assert not tab.rw.isEnabled() and tab.rw.currentText() == "Semua RW"
    assert tab.print_button.isEnabled() and tab.save_button.isEnabled()


def test_narrowed_to_a_kelurahan_then_an_rw(qtbot, ops, store, tab, supervisor):
    everything = uncollected_list(store, supervisor, site=SITE)
    group = max(everything.groups, key=lambda g: len(g.rws))
    choose(qtbot, ops, tab.kelurahan, group.code)
    shown = rows(tab)
    assert len(shown) == group.count and {r[0] for r in shown} == {group.name}
    assert tab.table.isColumnHidden(0)  # one kelurahan: its name need not fill a column
    assert tab.rw.isEnabled()
    offered = [tab.rw.itemData(i) for i in range(tab.rw.count())]
    assert offered == [None, *(rw.rw for rw in group.rws)]

    rw = group.rws[-1]
    choose(qtbot, ops, tab.rw, rw.rw)
    assert [r[3] for r in rows(tab)] == [c.nik for c in rw.cards]
    assert tab.count.text().startswith(f"{rw.count} kartu belum diambil di 1 RW")
    assert tab.rw.count() == len(group.rws) + 1  # the choice stays on offer

    choose(qtbot, ops, tab.kelurahan, None)
    assert len(rows(tab)) == everything.count
    assert not tab.rw.isEnabled() and tab.rw.count() == 1
    assert not tab.table.isColumnHidden(0)


def test_waiting_at_least_n_days(qtbot, ops, store, tab):
    name = an_old_card(store, 45)
    tab.refresh()
    wait_idle(qtbot, ops)
    tab.min_days.setValue(30)
    wait_idle(qtbot, ops)
    assert [r[2] for r in rows(tab)] == [name]
    assert rows(tab)[0][6] == "45 hari" and rows(tab)[0][5] == "901/7"

    tab.min_days.setValue(46)
    wait_idle(qtbot, ops)
    assert rows(tab) == []
    assert tab.count.text() == "Tidak ada kartu yang belum diambil untuk pilihan ini."
    assert not tab.print_button.isEnabled() and not tab.save_button.isEnabled()


def test_stepping_the_days_quickly_shows_only_the_last_answer(qtbot, ops, store, tab):
    an_old_card(store, 45)
    shown = []
    tab.model.modelReset.connect(lambda: shown.append(tab.list.min_days))
    for value in (1, 2, 3, 30, 45):  # each step asks the store again
        tab.min_days.setValue(value)
    wait_idle(qtbot, ops)
    assert shown == [45]  # the older answers arrive too, but are not shown on the way
    assert len(rows(tab)) == 1


def test_saved_list_masks_the_nik_and_is_audited(qtbot, ops, store, tab, supervisor, tmp_path):
    everything = uncollected_list(store, supervisor, site=SITE)
    group = everything.groups[0]
    choose(qtbot, ops, tab.kelurahan, group.code)
    target = tmp_path / "belum-diambil.pdf"

    with qtbot.waitSignal(tab.output.done, timeout=30_000) as saved:
        tab.save_list(target)

    assert saved.args[0].ok, saved.args[0].message
    assert tab.message.property("tone") == "ok" and "belum-diambil.pdf" in tab.message.text()
    assert f"Daftar KTP-el belum diambil MGS {group.name}" in tab.message.text()
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert "Daftar KTP-el Belum Diambil" in text
    assert f"Kelurahan {group.name}, Kecamatan Magersari — RW {group.rws[0].rw}" in text
    card = group.rws[0].cards[0]
    assert card.name in text and mask_nik(card.nik) in text and card.nik not in text
    assert f"Hal. {len(reader.pages)} dari {len(reader.pages)}" in text
    actor, detail = store.conn.execute(
        "SELECT actor, detail FROM audit WHERE action = 'uncollected-list'"
    ).fetchone()
    assert actor == "supervisor"
    assert json.loads(detail) == {
        "site": SITE,
        "kelurahan": group.code,
        "rw": None,
        "min_days": 0,
        "rows": group.count,
        "how": "pdf",
    }


def test_one_rw_prints_through_cups(qtbot, ops, store, tab, supervisor, cups_pdf_queue):
    group = uncollected_list(store, supervisor, site=SITE).groups[0]
    choose(qtbot, ops, tab.kelurahan, group.code)
    choose(qtbot, ops, tab.rw, group.rws[0].rw)
    since = time.time()

    with qtbot.waitSignal(tab.output.done, timeout=60_000) as printed:
        tab.print_list(QUEUE)

    assert printed.args[0].ok, printed.args[0].message
    job = wait_for_pdf(cups_pdf_queue, since)
    assert len(PdfReader(str(job)).pages) >= 1
    (how,) = store.conn.execute(
        "SELECT json_extract(detail, '$.how') FROM audit WHERE action = 'uncollected-list'"
    ).fetchone()
    assert how == "cetak"


def test_counter_staff_are_refused_by_the_store(qtbot, ops, store):
    page = UncollectedTab(ops)
    qtbot.addWidget(page)
    page.session = Session("alihdaya1", "Rina Kurniawati", Role.OUTSOURCED)
    page.refresh()
    wait_idle(qtbot, ops)
    assert page.message.property("tone") == "error"
    assert "tidak berhak" in page.message.text()
    assert rows(page) == []


def test_in_the_supervisors_desk(qtbot, window, ops, store):
    log_in(qtbot, window, "supervisor")
    press(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.desk)
    page = window.desk.show_tab("uncollected")
    wait_idle(qtbot, ops)
    assert isinstance(page, UncollectedTab) and page.site == SITE
    assert page.table.model().rowCount() > 100
