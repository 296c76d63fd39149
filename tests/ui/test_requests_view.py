"""The supervisor's tabs for recording requests and event reports, through their real
widgets on the tests' demo city: lists, filters, status moves, paper and exports."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.core.nik import Sex, make_nik
from desktop.core.services import RecordingForm, ReportForm
from desktop.store import Store
from desktop.store.recording import register_request
from desktop.store.reports import report_event
from desktop.store.sessions import Session, login
from desktop.ui.qt import QDate
from desktop.ui.requests_view import ReportsTab, RequestsTab
from tests.ui.conftest import DEMO_PASSWORD, Cast, wait_idle

SITE = "MGS"


@pytest.fixture
def supervisor(store: Store) -> Session:
    return login(store, "supervisor", DEMO_PASSWORD)


@pytest.fixture
def operator(store: Store) -> Session:
    return login(store, "operator1", DEMO_PASSWORD)


@pytest.fixture
def numbers(store: Store, operator: Session) -> list[str]:
    """Three requests of today: two first-time applicants and a mover."""
    made = []
    for n in range(3):
        birth = date(1994, 4, 1 + n)
        moving = n == 2
        form = RecordingForm(
            kind="pindah_datang" if moving else "pemula",
            nik=make_nik("35.15.08" if moving else "35.76.02", birth, Sex.MALE, 600 + n),
            nama=f"Pemohon Uji {n}",
            jenis_kelamin="L",
            tempat_lahir="Mojokerto",
            tanggal_lahir=f"{birth:%d-%m-%Y}",
            alamat="Jl. Majapahit 12",
            rt="2",
            rw="5",
            kode_kelurahan="35.76.02.1003",
            origin_region="Kabupaten Sidoarjo" if moving else "",
            moving_letter_no="474.2/77/404/2012" if moving else "",
        )
        made.append(register_request(store, operator, form).request_no)
    return made


def shown(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def tab(qtbot, ops, supervisor, numbers) -> RequestsTab:
    page = RequestsTab(ops)
    qtbot.addWidget(page)
    page.session, page.site = supervisor, SITE
    page.resize(1280, 700)
    page.show()
    page.refresh()
    wait_idle(qtbot, ops)
    return page


def test_todays_requests_are_listed(tab: RequestsTab, numbers) -> None:
    rows = shown(tab.table)
    assert [r[0] for r in rows] == numbers
    assert rows[2][2] == "Pindah datang" and "Kabupaten Sidoarjo" in rows[2][8]
    assert all(r[7] == "menunggu perekaman" for r in rows)
    assert tab.count.text() == "3 permohonan · menunggu 3 · sudah direkam 0 · dikirim 0"
    assert not tab.mark_recorded.isEnabled()  # nothing chosen yet


def test_mark_selected_recorded_then_sent(qtbot, ops, store, tab: RequestsTab, numbers) -> None:
    tab.select(numbers[:2])
    assert tab.mark_recorded.isEnabled()
    tab.mark_recorded.click()
    wait_idle(qtbot, ops)
    assert tab.message.text() == "2 permohonan diubah statusnya."
    assert [r[7] for r in shown(tab.table)] == ["sudah direkam"] * 2 + ["menunggu perekaman"]

    tab.select(numbers)  # the third is still waiting: it cannot skip a step
    tab.mark_sent.click()
    wait_idle(qtbot, ops)
    assert tab.message.text().startswith("2 permohonan diubah statusnya. Ditolak:")
    assert f"{numbers[2]} masih 'menunggu perekaman'" in tab.message.text()
    statuses = dict(store.conn.execute("SELECT request_no, status FROM recording_requests"))
    assert statuses == {numbers[0]: "sent", numbers[1]: "sent", numbers[2]: "waiting"}


def test_a_step_back_needs_a_note(qtbot, ops, store, tab: RequestsTab, numbers) -> None:
    tab.select([numbers[0]])
    tab.mark_recorded.click()
    wait_idle(qtbot, ops)
    tab.select([numbers[0]])
    tab.mark_waiting.click()
    wait_idle(qtbot, ops)
    assert "perlu catatan alasannya" in tab.message.text()
    assert tab.message.property("tone") == "error"

    tab.select([numbers[0]])
    qtbot.keyClicks(tab.note, "foto buram, rekam ulang")
    tab.mark_waiting.click()
    wait_idle(qtbot, ops)
    assert tab.note.text() == ""
    row = store.conn.execute(
        "SELECT status, status_note FROM recording_requests WHERE request_no = ?", (numbers[0],)
    ).fetchone()
    assert row == ("waiting", "foto buram, rekam ulang")
    assert "foto buram, rekam ulang" in shown(tab.table)[0][8]


def test_filters_by_status_and_day(qtbot, ops, tab: RequestsTab, numbers) -> None:
    tab.select([numbers[1]])
    tab.mark_recorded.click()
    wait_idle(qtbot, ops)
    tab.status.setCurrentIndex(tab.status.findData("recorded"))
    wait_idle(qtbot, ops)
    assert [r[0] for r in shown(tab.table)] == [numbers[1]]

    tab.day.setDate(QDate(2012, 9, 10))
    wait_idle(qtbot, ops)
    assert tab.table.rowCount() == 0
    assert tab.count.text() == "Tidak ada permohonan untuk pilihan ini."
    tab.all_days.setChecked(True)
    wait_idle(qtbot, ops)
    assert not tab.day.isEnabled()
    assert [r[0] for r in shown(tab.table)] == [numbers[1]]
    assert shown(tab.table)[0][1].count("-") == 2  # every day: the date with the time


def test_the_list_is_saved_as_pdf_and_the_paper_audited(
    qtbot, ops, store, tab: RequestsTab, numbers, tmp_path
) -> None:
    path = tmp_path / "daftar.pdf"
    with qtbot.waitSignal(tab.output.done, timeout=20_000) as done:
        tab.save_list(path)
    assert done.args[0].ok, done.args[0].message
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages
    )
    assert "Daftar Permohonan Perekaman KTP-el" in text
    assert "Jumlah: 3 permohonan" in text
    for number in numbers:
        assert number in text
    assert "disimpan" in tab.message.text()
    audit = store.conn.execute("SELECT count(*) FROM audit WHERE action = 'print-request-list'")
    assert audit.fetchone() == (1,)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export(qtbot, ops, store, tab: RequestsTab, numbers, tmp_path, suffix: str) -> None:
    path = tmp_path / f"permohonan.{suffix}"
    with qtbot.waitSignal(tab.exported, timeout=10_000) as exported:
        tab.export_to(path)
    assert exported.args == [3, str(path)]
    assert path.exists() and "3 baris diekspor" in tab.message.text()
    if suffix == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert [r[2] for r in rows[1:]] == numbers


# -- reports ----------------------------------------------------------------------------------


def test_reports_with_what_happened_to_each_card(
    qtbot, ops, store, supervisor, operator, cast: Cast
) -> None:
    report_event(
        store,
        operator,
        ReportForm("deceased", cast.ready_nik, "Budi", "anak", document_no="AK-1/2012"),
    )
    report_event(
        store,
        operator,
        ReportForm("data_error", cast.handed_over_nik, "Sri", "diri sendiri", error_field="photo"),
    )
    report_event(
        store,
        operator,
        ReportForm("moved_out", cast.no_card_nik, "Tono", "orang tua", document_no="SKPWNI-9"),
    )
    page = ReportsTab(ops)
    qtbot.addWidget(page)
    page.session, page.site = supervisor, SITE
    page.resize(1280, 600)
    page.show()
    page.refresh()
    wait_idle(qtbot, ops)

    rows = shown(page.table)
    assert [(r[2], r[3], r[8]) for r in rows] == [
        ("Kematian", cast.ready_nik, "ditahan (meninggal)"),
        ("Foto salah", cast.handed_over_nik, "sudah diserahkan sebelumnya"),
        ("Pindah keluar", cast.no_card_nik, "belum ada kartu"),
    ]
    assert rows[0][5] == "Budi (anak)" and rows[0][6] == "AK-1/2012"
    assert "Dinas memeriksa laporan" in page.table.item(0, 8).toolTip()
    assert page.count.text() == "3 laporan · kematian 1 · pindah keluar 1 · kesalahan data 1"

    page.kind.setCurrentIndex(page.kind.findData("moved_out"))
    wait_idle(qtbot, ops)
    assert [r[3] for r in shown(page.table)] == [cast.no_card_nik]
    page.day.setDate(QDate(2012, 9, 10))
    wait_idle(qtbot, ops)
    assert page.count.text() == "Tidak ada laporan untuk pilihan ini."


def test_an_operator_sees_the_refusal_not_the_list(qtbot, ops, operator, numbers) -> None:
    page = RequestsTab(ops)
    qtbot.addWidget(page)
    page.session, page.site = operator, SITE
    page.refresh()
    wait_idle(qtbot, ops)
    assert page.table.rowCount() == 0
    assert "tidak berhak" in page.message.text()
