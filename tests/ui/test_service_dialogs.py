"""The counter's other services through the real main window: F6 registers a recording
request, F7 records a report about the resident open in the card panel (or a NIK typed
in), every field typed as the operator types it, and the proof's text read back from the
PDF the store's data gives."""

from __future__ import annotations

import io
import time
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.core.nik import Sex, make_nik
from desktop.core.services import ReportForm
from desktop.documents.proof import proof_pdf
from desktop.store.counter import PanelCase
from desktop.store.recording import request_proof
from desktop.store.reports import report_event, report_proof
from desktop.store.sessions import login
from desktop.store.settings import WorkstationSettings
from desktop.ui.qt import QApplication, Qt
from desktop.ui.service_dialogs import ProofPrinter, RecordingDialog, ReportDialog
from tests.cups import QUEUE, wait_for_pdf
from tests.ui.conftest import DEMO_PASSWORD, Cast, focused, log_in, press, wait_idle

ENTER = Qt.Key.Key_Return
TAB = Qt.Key.Key_Tab
DOWN = Qt.Key.Key_Down


@pytest.fixture
def counter(qtbot, window, ops):
    log_in(qtbot, window)
    wait_idle(qtbot, ops)
    return window.counter


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def open_with(qtbot, key, kind: type):
    press(qtbot, key)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: focused() is dialog.first_field())  # typing starts at once
    return dialog


def type_into(qtbot, widget, text: str) -> None:
    """Click into a field and type, as the operator does (Tab order is Qt's business)."""
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def choose(qtbot, combo, *keys) -> None:
    """Choose in a drop-down with the keyboard: typed letters or arrow keys."""
    combo.setFocus()
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(combo, key)
        else:
            qtbot.keyClick(combo, key)


def submit(qtbot, ops, dialog) -> None:
    """Enter in the last field: the dialog's default button saves."""
    qtbot.keyClick(focused(), ENTER)
    wait_idle(qtbot, ops)


def new_nik(birth: date, sex: Sex = Sex.FEMALE, region: str = "35.76.02") -> str:
    return make_nik(region, birth, sex, 8123)


def a_birth_date(age: int) -> date:
    today = date.today()
    return (
        date(today.year - age, 1, 15)
        if today >= date(today.year, 1, 15)
        else date(today.year - age - 1, 1, 15)
    )


def fill_person(qtbot, dialog: RecordingDialog, nik: str, birth: date, sex: str = "P") -> None:
    type_into(qtbot, dialog.nik, nik)
    type_into(qtbot, dialog.nama, "Siti Nur Aisyah")
    choose(qtbot, dialog.sex, sex)
    type_into(qtbot, dialog.birth_place, "Mojokerto")
    type_into(qtbot, dialog.birth_date, f"{birth:%d-%m-%Y}")
    type_into(qtbot, dialog.address, "Jl. Empunala Gg. Melati No. 17")
    type_into(qtbot, dialog.rt, "3")
    type_into(qtbot, dialog.rw, "12")
    choose(qtbot, dialog.kelurahan, "Gunung")


# -- recording requests ------------------------------------------------------------------------


def test_f6_registers_a_first_time_applicant_and_the_proof_says_so(qtbot, ops, store, counter):
    dialog = open_with(qtbot, Qt.Key.Key_F6, RecordingDialog)
    assert focused() is dialog.kind
    assert not dialog.origin.isVisibleTo(dialog)  # only for people who moved in
    birth = a_birth_date(17)
    nik = new_nik(birth)
    fill_person(qtbot, dialog, nik, birth)
    assert dialog.kelurahan.currentText().startswith("Gunung Gedangan")
    dialog.rw.setFocus()
    submit(qtbot, ops, dialog)

    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    row = store.conn.execute(
        "SELECT request_no, kind, nama, rt, rw, kode_kelurahan, status, tanggal_lahir"
        " FROM recording_requests WHERE nik = ?",
        (nik,),
    ).fetchone()
    assert row == (
        "PRK-MGS-01-000001",
        "pemula",
        "Siti Nur Aisyah",
        "003",
        "012",
        "35.76.02.1001",
        "waiting",
        birth.isoformat(),
    )
    # The test window's printer does not exist: the request stays, the counter says so.
    qtbot.waitUntil(lambda: "tidak tercetak" in counter.message.text())
    assert "PRK-MGS-01-000001" in counter.message.text()
    assert "Ctrl+Shift+P" in counter.message.text()
    assert "antrean cetak ulang" not in counter.message.text()  # that queue is for receipts
    qtbot.waitUntil(lambda: focused() is counter.search)  # back to the next resident
    audit = store.conn.execute("SELECT action FROM audit ORDER BY id").fetchall()
    assert ("recording-request",) in audit and ("print-proof-failed",) in audit

    text = pdf_text(proof_pdf(request_proof(store, "PRK-MGS-01-000001")))
    for expected in (
        "BUKTI PENDAFTARAN PEREKAMAN KTP-EL",
        "PRK-MGS-01-000001",
        "Wajib KTP pemula",
        nik,
        "Siti Nur Aisyah",
        "RT 003 / RW 012",
        "Kel. Gunung Gedangan",
        "Kartu Keluarga (KK) asli",
        "Kantor Kecamatan Magersari",
    ):
        assert expected in text, expected


def test_f6_registers_a_mover_with_origin_and_moving_letter(qtbot, ops, store, counter):
    dialog = open_with(qtbot, Qt.Key.Key_F6, RecordingDialog)
    choose(qtbot, dialog.kind, DOWN)
    assert dialog.origin.isVisibleTo(dialog) and dialog.letter.isVisibleTo(dialog)
    birth = date(1990, 5, 6)
    nik = new_nik(birth, Sex.MALE, region="35.15.08")  # from Sidoarjo: normal for a mover
    fill_person(qtbot, dialog, nik, birth, sex="L")
    type_into(qtbot, dialog.origin, "Kabupaten Sidoarjo")
    type_into(qtbot, dialog.letter, "474.2/1234/404.3.9/2012")
    submit(qtbot, ops, dialog)

    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    number, origin, letter = store.conn.execute(
        "SELECT request_no, origin_region, moving_letter_no FROM recording_requests WHERE nik = ?",
        (nik,),
    ).fetchone()
    assert (origin, letter) == ("Kabupaten Sidoarjo", "474.2/1234/404.3.9/2012")
    text = pdf_text(proof_pdf(request_proof(store, number), "roll80"))
    for expected in ("Pindah datang", "Kabupaten Sidoarjo", "474.2/1234/404.3.9/2012", "SKPWNI"):
        assert expected in text, expected


def test_too_young_is_said_in_the_dialog_and_nothing_is_stored(qtbot, ops, store, counter):
    dialog = open_with(qtbot, Qt.Key.Key_F6, RecordingDialog)
    birth = a_birth_date(15)
    fill_person(qtbot, dialog, new_nik(birth), birth)
    type_into(qtbot, dialog.rt, "")  # already 3; leave it
    submit(qtbot, ops, dialog)

    assert counter.services.dialog is dialog and dialog.isVisible()
    text = dialog.message.text()
    assert "Belum wajib KTP: umur 15 tahun" in text
    assert f"{date(birth.year + 17, birth.month, birth.day):%d-%m-%Y}" in text
    assert focused() is dialog.birth_date
    assert store.conn.execute("SELECT count(*) FROM recording_requests").fetchone() == (0,)

    dialog.married.setChecked(True)  # married young: Wajib KTP all the same
    submit(qtbot, ops, dialog)
    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    assert store.conn.execute("SELECT married FROM recording_requests").fetchone() == (1,)


def test_a_nik_whose_date_disagrees_is_warned_once_then_saved(qtbot, ops, store, counter):
    dialog = open_with(qtbot, Qt.Key.Key_F6, RecordingDialog)
    birth = a_birth_date(20)
    nik = new_nik(date(birth.year, 2, 2))  # the NIK says 2 February
    fill_person(qtbot, dialog, nik, birth)
    submit(qtbot, ops, dialog)
    assert counter.services.dialog is dialog and dialog.isVisible()
    assert "Tanggal lahir pada NIK (02-02-" in dialog.message.text()
    assert store.conn.execute("SELECT count(*) FROM recording_requests").fetchone() == (0,)

    submit(qtbot, ops, dialog)  # the operator checked the KK: saved with the warning
    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    assert store.conn.execute("SELECT nik FROM recording_requests").fetchone() == (nik,)
    (warnings,) = store.conn.execute(
        "SELECT json_extract(payload, '$.warnings') FROM journal WHERE type = ?",
        ("recording_requested",),
    ).fetchone()
    assert "tanggal lahir pada NIK (02-02-" in warnings


def test_a_resident_already_recorded_is_refused_with_what_to_do(
    qtbot, ops, store, counter, cast: Cast
):
    resident = store.conn.execute(
        "SELECT nik, tanggal_lahir, jenis_kelamin FROM residents WHERE nik = ?",
        (cast.ready_nik,),
    ).fetchone()
    dialog = open_with(qtbot, Qt.Key.Key_F6, RecordingDialog)
    fill_person(qtbot, dialog, resident[0], date.fromisoformat(resident[1]), resident[2])
    submit(qtbot, ops, dialog)
    submit(qtbot, ops, dialog)  # past any warning about the typed name or date

    assert counter.services.dialog is dialog and dialog.isVisible()
    assert "sudah terekam dan kartunya sudah dicetak" in dialog.message.text()
    assert focused() is dialog.nik
    assert store.conn.execute("SELECT count(*) FROM recording_requests").fetchone() == (0,)


# -- event reports -----------------------------------------------------------------------------


def open_resident(qtbot, ops, counter, nik: str) -> None:
    counter.focus_search()
    press(qtbot, *nik, ENTER)
    wait_idle(qtbot, ops)
    assert counter.panel.panel is not None and counter.panel.panel.nik == nik


def test_f7_death_of_the_open_resident_withholds_the_card(qtbot, ops, store, counter, cast: Cast):
    open_resident(qtbot, ops, counter, cast.ready_nik)
    assert counter.panel.panel.case is PanelCase.READY_HERE
    assert "F7" in counter.panel.action.text()

    dialog = open_with(qtbot, Qt.Key.Key_F7, ReportDialog)
    assert dialog.nik.text() == cast.ready_nik
    assert dialog.subject.text() == cast.ready_name
    assert focused() is dialog.kind and dialog.kind.currentData() == "deceased"
    assert dialog.reporter.text() == ""  # a death is never reported by the holder
    type_into(qtbot, dialog.event_date, "20-11-2012")
    type_into(qtbot, dialog.document, "474.3/88/417.302/2012")
    type_into(qtbot, dialog.reporter, "Budi Santoso")
    type_into(qtbot, dialog.relation, "anak")
    submit(qtbot, ops, dialog)

    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    qtbot.waitUntil(lambda: counter.panel.panel.case is PanelCase.WITHHELD)
    assert counter.panel.headline.text() == "Kartu ditahan: pemilik dilaporkan meninggal"
    assert not counter.form.button.isEnabled()  # no handover of a withheld card
    status, reason = store.conn.execute(
        "SELECT status, reason FROM cards WHERE card_id = ?", (cast.ready_card,)
    ).fetchone()
    assert (status, reason) == ("withheld", "deceased_reported")
    number = store.conn.execute("SELECT report_no FROM population_reports").fetchone()[0]
    assert number == "LPR-MGS-01-000001"

    text = pdf_text(proof_pdf(report_proof(store, number)))
    for expected in (
        "BUKTI LAPORAN PERISTIWA",
        number,
        "Kematian",
        cast.ready_name,
        cast.ready_nik,
        "20-11-2012",
        "474.3/88/417.302/2012",
        "Budi Santoso (anak)",
        "Kartu ditahan (pemilik dilaporkan meninggal)",
        cast.ready_card,
    ):
        assert expected in text, expected


def test_f7_wrong_name_on_the_card_is_reported_by_its_holder(
    qtbot, ops, store, counter, cast: Cast
):
    open_resident(qtbot, ops, counter, cast.scan_nik)
    dialog = open_with(qtbot, Qt.Key.Key_F7, ReportDialog)
    choose(qtbot, dialog.kind, "Kesalahan")
    assert dialog.kind.currentData() == "data_error"
    assert dialog.error_field.isVisibleTo(dialog) and not dialog.event_date.isVisibleTo(dialog)
    assert dialog.relation.currentText() == "diri sendiri"  # found at the handover
    choose(qtbot, dialog.error_field, "n")
    assert dialog.error_field.currentData() == "name"
    type_into(qtbot, dialog.note, "tertulis SITI AMINAH, seharusnya SITI AMINAH PUTRI")
    submit(qtbot, ops, dialog)

    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    qtbot.waitUntil(lambda: counter.panel.panel.case is PanelCase.WITHHELD)
    assert "data pada kartu salah" in counter.panel.headline.text()
    assert store.conn.execute(
        "SELECT status, reason FROM cards WHERE card_id = ?", (cast.scan_card,)
    ).fetchone() == ("withheld", "data_error")


def test_f7_move_out_marks_the_holder_moved(qtbot, ops, store, counter, cast: Cast):
    open_resident(qtbot, ops, counter, cast.ready_nik)
    dialog = open_with(qtbot, Qt.Key.Key_F7, ReportDialog)
    choose(qtbot, dialog.kind, DOWN)
    assert dialog.kind.currentData() == "moved_out"
    type_into(qtbot, dialog.document, "SKPWNI/3576/0456/2012")
    submit(qtbot, ops, dialog)

    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    qtbot.waitUntil(lambda: counter.panel.panel.case is PanelCase.MOVED)
    assert store.conn.execute(
        "SELECT status FROM cards WHERE card_id = ?", (cast.ready_card,)
    ).fetchone() == ("moved",)


def test_f7_without_a_resident_on_a_card_already_handed_over(
    qtbot, ops, store, counter, cast: Cast
):
    dialog = open_with(qtbot, Qt.Key.Key_F7, ReportDialog)
    assert focused() is dialog.nik and dialog.nik.text() == ""
    submit(qtbot, ops, dialog)  # nothing filled in: every problem said, NIK first
    assert "Isi NIK" in dialog.message.text()
    assert "Isi nama pelapor" in dialog.message.text()
    assert focused() is dialog.nik

    type_into(qtbot, dialog.nik, cast.handed_over_nik)
    type_into(qtbot, dialog.document, "AK-77/2012")
    type_into(qtbot, dialog.reporter, "Sri Wahyuni")
    type_into(qtbot, dialog.relation, "suami/istri")
    submit(qtbot, ops, dialog)

    qtbot.waitUntil(lambda: counter.services.dialog is None)  # saved and closed
    assert store.conn.execute(
        "SELECT status FROM cards WHERE nik = ?", (cast.handed_over_nik,)
    ).fetchone() == ("handed_over",)
    number = store.conn.execute("SELECT report_no FROM population_reports").fetchone()[0]
    text = pdf_text(proof_pdf(report_proof(store, number)))
    assert "sudah diserahkan sebelumnya" in text


# -- the proof on a real print queue ----------------------------------------------------------


def test_the_proof_goes_to_the_workstation_printer(qtbot, ops, store, cast: Cast, cups_pdf_queue):
    operator = login(store, "operator1", DEMO_PASSWORD)
    receipt = report_event(
        store,
        operator,
        ReportForm("deceased", cast.ready_nik, "Budi Santoso", "anak", document_no="AK-9/2012"),
    )
    printer = ProofPrinter(ops, WorkstationSettings(printer=QUEUE, receipt_layout="roll80"))
    printer.actor = "operator1"
    since = time.time()
    with qtbot.waitSignal(printer.printed, timeout=20_000) as printed:
        printer.print_report(receipt.report_no)
    assert printed.args == [receipt.report_no]
    wait_idle(qtbot, ops)
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(wait_for_pdf(cups_pdf_queue, since)).pages
    )
    for expected in ("BUKTI LAPORAN PERISTIWA", receipt.report_no, cast.ready_nik, "AK-9/2012"):
        assert expected in text, expected
    assert store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'print-proof'"
    ).fetchone() == (1,)
