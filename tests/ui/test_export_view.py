"""The export tab through its real widgets, on the tests' demo city: files read back with
csv and openpyxl, refusals shown in words, every export in the audit log."""

from __future__ import annotations

import csv
import json
from datetime import date

import openpyxl
import pytest

from desktop.core.roles import Role
from desktop.store import Store
from desktop.store.sessions import Session, login
from desktop.store.uncollected import uncollected_list
from desktop.ui.export_view import HANDOVERS, UNCOLLECTED, ExportTab
from desktop.ui.qt import QDate, Qt
from tests.ui.conftest import DEMO_PASSWORD, Cast, log_in, press, wait_idle

SITE = "MGS"
SEPTEMBER = (QDate(2012, 9, 1), QDate(2012, 9, 30))  # the test city's earlier handovers


@pytest.fixture
def supervisor(store: Store) -> Session:
    return login(store, "supervisor", DEMO_PASSWORD)


def make_tab(qtbot, ops, session: Session | None) -> ExportTab:
    page = ExportTab(ops)
    qtbot.addWidget(page)
    page.session, page.site = session, SITE
    page.show()
    page.refresh()
    return page


@pytest.fixture
def tab(qtbot, ops, supervisor: Session) -> ExportTab:
    page = make_tab(qtbot, ops, supervisor)
    page.start.setDate(SEPTEMBER[0])
    page.end.setDate(SEPTEMBER[1])
    return page


@pytest.fixture
def out(tmp_path):
    """An empty folder for the exported files (the store's copy lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def audit_rows(store: Store, action: str) -> list[tuple[str, dict]]:
    return [
        (actor, json.loads(detail))
        for actor, detail in store.conn.execute(
            "SELECT actor, detail FROM audit WHERE action = ? ORDER BY id", (action,)
        )
    ]


def test_handovers_of_a_month_as_xlsx(qtbot, ops, store, tab, cast: Cast, out):
    target = out / "serah-terima.xlsx"
    with qtbot.waitSignal(tab.exported, timeout=20_000) as done:
        tab.export_to(target)
    assert done.args == [3, str(target)]
    assert tab.message.property("tone") == "ok"
    assert tab.message.text() == f"3 baris diekspor ke {target}."
    sheet = openpyxl.load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(r[2] for r in body) == sorted([cast.handed_over_receipt, *cast.conflict_receipts])
    assert {r[3] for r in body} == {cast.handed_over_nik, cast.conflict_nik}
    assert all(isinstance(r[3], str) and len(r[3]) == 16 for r in body)
    assert audit_rows(store, "export-handovers") == [
        (
            "supervisor",
            {
                "range": "2012-09-01..2012-09-30",
                "rows": 3,
                "file": "serah-terima.xlsx",
                "format": "xlsx",
                "site": SITE,
            },
        )
    ]


def test_uncollected_cards_as_csv(qtbot, ops, store, tab, supervisor, out):
    tab.what.setCurrentIndex(tab.what.findData(UNCOLLECTED))
    assert not tab.start.isEnabled() and not tab.end.isEnabled()
    assert not tab.all_sites.isEnabled()
    target = out / "belum.csv"
    with qtbot.waitSignal(tab.exported, timeout=20_000) as done:
        tab.export_to(target)
    expected = uncollected_list(store, supervisor, site=SITE)
    assert done.args[0] == expected.count
    with target.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:5] == ["Kelurahan", "RW", "RT", "Nama", "NIK"]
    assert [r[4] for r in table[1:]] == [c.nik for c in expected.cards]
    assert audit_rows(store, "export-uncollected")[0][1]["rows"] == expected.count

    tab.what.setCurrentIndex(tab.what.findData(HANDOVERS))
    assert tab.start.isEnabled() and tab.all_sites.isEnabled()


def test_a_reversed_range_is_explained_and_nothing_written(qtbot, ops, store, tab, out):
    tab.start.setDate(QDate(2012, 9, 30))
    tab.end.setDate(QDate(2012, 9, 1))
    target = out / "x.csv"
    with qtbot.waitSignal(tab.failed, timeout=20_000):
        tab.export_to(target)
    assert tab.message.property("tone") == "error"
    assert "Tanggal akhir 2012-09-01 sebelum tanggal awal 2012-09-30" in tab.message.text()
    assert "tukar" in tab.message.text()
    assert not target.exists() and audit_rows(store, "export-handovers") == []
    assert tab.export_button.isEnabled()


@pytest.mark.parametrize("name", ["serah.pdf", "nowhere/serah.csv"])
def test_a_file_that_cannot_be_written_is_explained(qtbot, ops, store, tab, out, name):
    with qtbot.waitSignal(tab.failed, timeout=20_000):
        tab.export_to(out / name)
    assert tab.message.property("tone") == "error"
    assert (".csv atau .xlsx" if name.endswith(".pdf") else "tidak ada") in tab.message.text()
    assert list(out.iterdir()) == []


def test_outsourced_operators_are_refused_by_the_store(qtbot, ops, store, out):
    page = make_tab(qtbot, ops, Session("alihdaya1", "Rina Kurniawati", Role.OUTSOURCED))
    with qtbot.waitSignal(page.failed, timeout=20_000):
        page.export_to(out / "x.xlsx")
    assert page.message.property("tone") == "error"
    assert "tidak berhak" in page.message.text()
    assert list(out.iterdir()) == []


def test_the_suggested_file_name_follows_the_choices(qtbot, ops, tab):
    assert tab.suggested_name() == "serah-terima-MGS-2012-09-01_2012-09-30.xlsx"
    tab.format.setCurrentIndex(tab.format.findData("csv"))
    tab.all_sites.setChecked(True)
    assert tab.suggested_name() == "serah-terima-semua-situs-2012-09-01_2012-09-30.csv"
    tab.what.setCurrentIndex(tab.what.findData(UNCOLLECTED))
    assert tab.suggested_name() == f"belum-diambil-MGS-{date.today().isoformat()}.csv"


def test_in_the_supervisors_desk(qtbot, window, ops, store, out):
    log_in(qtbot, window, "supervisor")
    press(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.desk)
    page = window.desk.show_tab("export")
    wait_idle(qtbot, ops)
    assert isinstance(page, ExportTab) and page.site == SITE
    page.what.setCurrentIndex(page.what.findData(UNCOLLECTED))
    with qtbot.waitSignal(page.exported, timeout=20_000) as done:
        page.export_to(out / "belum.xlsx")
    assert done.args[0] > 100
    assert openpyxl.load_workbook(out / "belum.xlsx").active.max_row == done.args[0] + 1
