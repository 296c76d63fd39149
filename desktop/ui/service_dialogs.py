"""The counter's other services: registering a recording request (F6) and recording a
report of a death, a move or a wrong card (F7), each followed by its printed proof.

The dialogs check what can be checked as soon as the operator confirms (the same pure
checks the store runs again), say every problem beside the fields and put the cursor in
the first field to fix. A warning (a NIK whose date or sex disagrees with what was typed)
is shown once; confirming again saves anyway. The store's answer, a refusal or the saved
request, comes back without blocking the counter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.regions import regions
from desktop.core.services import (
    DOCUMENT_LABELS,
    ERROR_FIELD_LABELS,
    EVENT_DATE_LABELS,
    RECORDING_KIND_LABELS,
    RELATIONS,
    REPORT_KIND_LABELS,
    SELF,
    ErrorField,
    FieldProblem,
    FormError,
    RecordingForm,
    RecordingKind,
    ReportForm,
    ReportKind,
    check_report,
    check_request,
)
from desktop.documents.proof import proof_page
from desktop.store import Store, StoreError
from desktop.store.counter import CardPanel, panel_for_nik
from desktop.store.recording import (
    RequestReceipt,
    RequestRefused,
    register_request,
    request_proof,
)
from desktop.store.reports import ReportReceipt, ReportRefused, report_event, report_proof
from desktop.store.sessions import Session
from desktop.store.settings import WorkstationSettings, load_settings
from desktop.ui import printing
from desktop.ui.dialogs import ok_cancel
from desktop.ui.operations import Operations
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QObject,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence

if TYPE_CHECKING:
    from desktop.ui.counter_screen import CounterScreen

REQUEST = "request"
REPORT = "report"
SHOWN_PROBLEMS = 4
_QUEUE_HINT = re.compile(r",? lalu cetak ulang dari antrean cetak ulang\.")


# -- printing the proofs ----------------------------------------------------------------------


class ProofPrinter(QObject):
    """Prints a request's or a report's proof on the workstation's receipt printer, like
    the receipts. A failed print is said and never touches what was saved; the proof can
    be printed again from the store at any time."""

    printed = Signal(str)  # the request or report number
    failed = Signal(str, str)  # the number, what went wrong and what to do

    def __init__(
        self,
        ops: Operations,
        settings: WorkstationSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.settings = settings  # None: read this workstation's settings from the store
        self.actor = "?"
        self.window: QWidget | None = None
        self.preview: QWidget | None = None

    def print_request(self, request_no: str) -> None:
        self._read(request_no, lambda store: request_proof(store, request_no))

    def print_report(self, report_no: str) -> None:
        self._read(report_no, lambda store: report_proof(store, report_no))

    def print_proof(self, kind: str, number: str) -> None:
        (self.print_request if kind == REQUEST else self.print_report)(number)

    def _read(self, number: str, read: Callable[[Store], object]) -> None:
        settings = self.settings

        def work(store: Store):
            return read(store), settings or load_settings(store)

        def not_read(error: Exception) -> None:
            if isinstance(error, StoreError):
                self.failed.emit(number, sentence(str(error)) + ".")
            else:
                self.ops.report(error)

        self.ops.run(work, on_done=self._print, on_error=not_read)

    def _print(self, loaded) -> None:
        proof, settings = loaded
        number = getattr(proof, "request_no", None) or proof.report_no
        svg, size = proof_page(proof, settings.receipt_layout)
        title = fill(self.tr("Bukti %1"), number)
        if settings.print_preview:
            # Kept on self: the preview is not modal and would be collected otherwise.
            self.preview = printing.preview_svg_pages([svg], size, self.window, title=title)
        printer = settings.printer or printing.default_printer() or ""
        if not printer:
            result = printing.PrintResult(
                False, self.tr("Belum ada printer. Pilih printer di Pengaturan.")
            )
        else:
            result = printing.print_svg_pages([svg], size, printer, title=title)
            # Proofs have no reprint queue: the counter says how to print one again.
            result = printing.PrintResult(result.ok, _QUEUE_HINT.sub(".", result.message))
        actor = self.actor
        action = "print-proof" if result.ok else "print-proof-failed"

        def note(store: Store) -> None:
            store.audit(actor, action, detail={"number": number, "printer": printer})

        if result.ok:
            self.ops.run(note, on_done=lambda _: self.printed.emit(number))
        else:
            self.ops.run(note, on_done=lambda _: self.failed.emit(number, result.message))


# -- the dialogs ------------------------------------------------------------------------------


class ServiceDialog(QDialog):
    """What both dialogs share: one form, a message under it, Batal and the save button;
    problems said beside the fields, and a save that runs on the store worker."""

    def __init__(self, ops: Operations, session: Session, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session = session
        self.fields: dict[str, QWidget] = {}
        self.form_layout = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self._warned: object | None = None  # the form whose warnings were shown
        self.saving = False

    def finish_layout(self, intro: str, ok_text: str) -> None:
        lead = QLabel(intro)
        lead.setObjectName("intro")
        lead.setWordWrap(True)
        buttons, self.ok, self.cancel = ok_cancel(self, ok_text)
        self.ok.setObjectName("saveButton")
        box = QVBoxLayout(self)
        box.addWidget(lead)
        box.addLayout(self.form_layout)
        box.addWidget(self.message)
        box.addStretch(1)
        box.addLayout(buttons)
        self.resize(820, self.sizeHint().height())

    def add_row(self, name: str, label: str, widget: QWidget, object_name: str) -> None:
        widget.setObjectName(object_name)
        self.fields[name] = widget
        self.form_layout.addRow(label, widget)

    def show_row(self, name: str, visible: bool) -> None:
        self.form_layout.setRowVisible(self.fields[name], visible)

    def set_label(self, name: str, text: str) -> None:
        label = self.form_layout.labelForField(self.fields[name])
        if isinstance(label, QLabel):
            label.setText(text)

    def first_field(self) -> QWidget:
        for widget in self.fields.values():
            if not widget.isHidden() and widget.isEnabled():
                return widget
        return self.ok

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(text)
        set_tone(self.message, tone)
        # A window does not grow for a wrapped label by itself: make room for every line.
        needed = self.layout().totalHeightForWidth(self.width()) if self.layout() else 0
        if needed > self.height():
            self.resize(self.width(), needed)

    def complain(self, problems: tuple[FieldProblem, ...], tone: str = "error") -> None:
        """The first problems, each on a line of its own (the rest counted, so a blank
        form does not push the buttons off the screen); the cursor to the first field."""
        lines = [sentence(p.message) for p in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            more = len({p.field for p in problems[SHOWN_PROBLEMS:]})
            lines.append(fill(self.tr("… dan %1 isian lain yang perlu dilengkapi."), more))
        self.say("\n".join(lines), tone)
        widget = self.fields.get(problems[0].field)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def check(self, form: object, check: Callable[[], object]) -> object | None:
        """Run the pure checks: the checked form, or None after saying what is wrong. A
        form with warnings is stopped once, so the operator reads them."""
        try:
            checked = check()
        except FormError as error:
            self.complain(error.problems)
            return None
        warnings = getattr(checked, "warnings", ())
        if warnings and self._warned != form:
            self._warned = form
            self.complain(
                (
                    *warnings,
                    FieldProblem(
                        warnings[0].field,
                        self.tr("Periksa lagi; bila sudah benar, tekan Simpan sekali lagi."),
                    ),
                ),
            )
            return None
        return checked

    def save(self, work: Callable[[Store], object], done: Callable[[object], None]) -> None:
        if self.saving:
            return
        self.saving = True
        self.ok.setEnabled(False)
        self.say(self.tr("Menyimpan…"))
        self.ops.run(
            work,
            on_done=lambda result: self._saved(result, done),
            on_error=self._refused,
            writes=True,
        )

    def _saved(self, result: object, done: Callable[[object], None]) -> None:
        self.saving = False
        self.ok.setEnabled(True)
        QDialog.accept(self)
        done(result)

    def _refused(self, error: Exception) -> None:
        self.saving = False
        self.ok.setEnabled(True)
        if isinstance(error, RequestRefused | ReportRefused):
            field = error.field or ""
            self.complain((FieldProblem(field, str(error)),))
        elif isinstance(error, StoreError | PermissionError):
            self.say(sentence(str(error)), "error")
        else:
            self.say("")
            self.ops.report(error)  # not the operator's doing: the one place for surprises


def _combo(items: list[tuple[str, str]], *, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    for text, value in items:
        combo.addItem(text, value)
    return combo


def _line(placeholder: str = "", max_length: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if max_length:
        edit.setMaxLength(max_length)
    return edit


class RecordingDialog(ServiceDialog):
    """Register a first-time applicant (Wajib KTP pemula) or a resident who moved in
    (pindah datang) for recording; `registered(RequestReceipt)` after the save."""

    registered = Signal(object)

    def __init__(self, ops: Operations, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(ops, session, parent)
        self.setObjectName("recordingDialog")
        self.setWindowTitle(self.tr("Pendaftaran perekaman KTP-el"))
        self.kind = _combo([(RECORDING_KIND_LABELS[k], k.value) for k in RecordingKind])
        self.nik = _line(self.tr("16 digit, dari Kartu Keluarga"), 24)
        self.nama = _line(self.tr("Nama lengkap seperti pada KK"), 80)
        self.sex = _combo(
            [
                (self.tr("— pilih —"), ""),
                (self.tr("L · Laki-laki"), "L"),
                (self.tr("P · Perempuan"), "P"),
            ]
        )
        self.birth_place = _line("", 60)
        self.birth_date = _line(self.tr("HH-BB-TTTT, misalnya 12-03-2009"), 10)
        self.married = QCheckBox(self.tr("Sudah atau pernah menikah (wajib KTP sebelum 17 tahun)"))
        self.address = _line(self.tr("Jalan, nomor rumah, dusun"), 140)
        self.rt = _line("RT", 3)
        self.rw = _line("RW", 3)
        choices = sorted(regions().kelurahan.values(), key=lambda k: k.name.casefold())
        self.kelurahan = _combo(
            [(self.tr("— pilih kelurahan —"), "")]
            + [(f"{k.name} (Kec. {k.kecamatan.name})", k.code) for k in choices]
        )
        self.origin = _line(self.tr("Kabupaten/kota asal, misalnya Kabupaten Sidoarjo"), 100)
        self.letter = _line(self.tr("Nomor Surat Keterangan Pindah WNI"), 80)
        for name, label, widget, object_name in (
            ("kind", self.tr("Jenis permohonan"), self.kind, "kindChoice"),
            ("nik", self.tr("NIK"), self.nik, "nik"),
            ("nama", self.tr("Nama"), self.nama, "name"),
            ("jenis_kelamin", self.tr("Jenis kelamin"), self.sex, "sexChoice"),
            ("tempat_lahir", self.tr("Tempat lahir"), self.birth_place, "birthPlace"),
            ("tanggal_lahir", self.tr("Tanggal lahir"), self.birth_date, "birthDate"),
            ("married", "", self.married, "married"),
            ("alamat", self.tr("Alamat"), self.address, "address"),
            ("rt", self.tr("RT"), self.rt, "rt"),
            ("rw", self.tr("RW"), self.rw, "rw"),
            ("kode_kelurahan", self.tr("Kelurahan"), self.kelurahan, "kelurahanChoice"),
            ("origin_region", self.tr("Asal pindah"), self.origin, "originRegion"),
            ("moving_letter_no", self.tr("No. SKPWNI"), self.letter, "movingLetter"),
        ):
            self.add_row(name, label, widget, object_name)
        for edit in (self.rt, self.rw):
            edit.setMaximumWidth(90)
        self.finish_layout(
            self.tr(
                "Daftarkan pemohon untuk perekaman data (foto, sidik jari, iris mata, tanda "
                "tangan). Pemohon menerima bukti pendaftaran bernomor."
            ),
            self.tr("Simpan"),
        )
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self._kind_changed()

    def chosen_kind(self) -> RecordingKind:
        return RecordingKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        moving = self.chosen_kind() is RecordingKind.PINDAH_DATANG
        self.show_row("origin_region", moving)
        self.show_row("moving_letter_no", moving)
        self.say("")

    def form(self) -> RecordingForm:
        moving = self.chosen_kind() is RecordingKind.PINDAH_DATANG
        return RecordingForm(
            kind=self.chosen_kind().value,
            nik=self.nik.text(),
            nama=self.nama.text(),
            jenis_kelamin=self.sex.currentData() or "",
            tempat_lahir=self.birth_place.text(),
            tanggal_lahir=self.birth_date.text(),
            alamat=self.address.text(),
            rt=self.rt.text(),
            rw=self.rw.text(),
            kode_kelurahan=self.kelurahan.currentData() or "",
            married=self.married.isChecked(),
            origin_region=self.origin.text() if moving else "",
            moving_letter_no=self.letter.text() if moving else "",
        )

    def accept(self) -> None:
        form, session = self.form(), self.session
        if self.check(form, lambda: check_request(form, today=date.today())) is None:
            return
        self.save(lambda store: register_request(store, session, form), self.registered.emit)


class ReportDialog(ServiceDialog):
    """Report a death, a move out of the city or an error on a card; prefilled with the
    resident open at the counter. `reported(ReportReceipt)` after the save."""

    reported = Signal(object)

    def __init__(
        self,
        ops: Operations,
        session: Session,
        parent: QWidget | None = None,
        *,
        nik: str = "",
        name: str = "",
    ) -> None:
        super().__init__(ops, session, parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Lapor peristiwa"))
        self.resident_name = name
        self.kind = _combo([(REPORT_KIND_LABELS[k], k.value) for k in ReportKind])
        self.nik = _line(self.tr("16 digit"), 24)
        self.nik.setText(nik)
        self.subject = QLabel(name or self.tr("(nama diambil dari register saat disimpan)"))
        self.subject.setWordWrap(True)
        self.subject.setStyleSheet("font-weight: bold")
        self.error_field = _combo(
            [(self.tr("— pilih —"), "")] + [(ERROR_FIELD_LABELS[f], f.value) for f in ErrorField]
        )
        self.event_date = _line(self.tr("HH-BB-TTTT (boleh kosong)"), 10)
        self.document = _line("", 80)
        self.reporter = _line(self.tr("Nama orang yang melapor"), 80)
        self.relation = _combo([(r, r) for r in RELATIONS], editable=True)
        self.relation.setCurrentIndex(-1)
        self.relation.lineEdit().setPlaceholderText(self.tr("Pilih atau ketik"))
        self.note = _line(self.tr("Boleh kosong"), 220)
        for row_name, label, widget, object_name in (
            ("kind", self.tr("Jenis laporan"), self.kind, "kindChoice"),
            ("nik", self.tr("NIK"), self.nik, "nik"),
            ("name", self.tr("Nama"), self.subject, "subjectName"),
            ("error_field", self.tr("Yang salah"), self.error_field, "errorField"),
            ("event_date", self.tr("Tanggal"), self.event_date, "eventDate"),
            ("document_no", self.tr("No. dokumen"), self.document, "documentNo"),
            ("reporter_name", self.tr("Pelapor"), self.reporter, "reporterName"),
            ("reporter_relation", self.tr("Hubungan"), self.relation, "reporterRelation"),
            ("note", self.tr("Keterangan"), self.note, "note"),
        ):
            self.add_row(row_name, label, widget, object_name)
        self.finish_layout(
            self.tr(
                "Catat laporan kematian, pindah keluar kota, atau kesalahan pada kartu. Kartu "
                "penduduk ditahan bila perlu; pelapor menerima bukti laporan."
            ),
            self.tr("Simpan"),
        )
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self._auto_reporter = False
        self._kind_changed()

    def chosen_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def first_field(self) -> QWidget:
        """With the resident already known, the choice of what happened comes first."""
        return self.kind if self.nik.text() else self.nik

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        self.show_row("error_field", kind is ReportKind.DATA_ERROR)
        self.show_row("event_date", kind in EVENT_DATE_LABELS)
        if kind in EVENT_DATE_LABELS:
            self.set_label("event_date", EVENT_DATE_LABELS[kind])
        self.set_label("document_no", DOCUMENT_LABELS[kind])
        self.document.setPlaceholderText(
            self.tr("Boleh kosong") if kind is ReportKind.DATA_ERROR else self.tr("Wajib diisi")
        )
        # A wrong or damaged card is usually found by its holder at the handover: they
        # report it themselves. A death never is.
        holder_reports = kind is not ReportKind.DECEASED and bool(self.resident_name)
        if holder_reports and not self.reporter.text():
            self.reporter.setText(self.resident_name)
            self.relation.setEditText(SELF)
            self._auto_reporter = True
        elif not holder_reports and self._auto_reporter:
            self.reporter.clear()
            self.relation.setCurrentIndex(-1)
            self.relation.setEditText("")
            self._auto_reporter = False
        self.say("")

    def form(self) -> ReportForm:
        kind = self.chosen_kind()
        return ReportForm(
            kind=kind.value,
            nik=self.nik.text(),
            reporter_name=self.reporter.text(),
            reporter_relation=self.relation.currentText(),
            error_field=(self.error_field.currentData() or "")
            if kind is ReportKind.DATA_ERROR
            else "",
            document_no=self.document.text(),
            event_date=self.event_date.text() if kind in EVENT_DATE_LABELS else "",
            note=self.note.text(),
        )

    def accept(self) -> None:
        form, session = self.form(), self.session
        if self.check(form, lambda: check_report(form, today=date.today())) is None:
            return
        self.save(lambda store: report_event(store, session, form), self.reported.emit)


# -- at the counter ---------------------------------------------------------------------------


class CounterServices(QObject):
    """The counter screen's F6 and F7: opens the dialogs without blocking, prints the
    proof after a save, and refreshes the card panel a report changed. Kept apart from
    the counter screen, which only binds the keys."""

    def __init__(self, counter: CounterScreen) -> None:
        super().__init__(counter)
        self.counter = counter
        self.ops = counter.ops
        self.dialog: ServiceDialog | None = None
        self.proofs = ProofPrinter(counter.ops, None, self)
        self.proofs.failed.connect(self._proof_failed)
        self.last_proof: tuple[str, str] | None = None  # (REQUEST or REPORT, number)

    def open_recording(self) -> RecordingDialog | None:
        session = self.counter.session
        if session is None:
            return None
        dialog = RecordingDialog(self.ops, session, self.counter)
        dialog.registered.connect(self._registered)
        self._open(dialog)
        return dialog

    def open_report(self) -> ReportDialog | None:
        """A report about the resident open in the card panel, or about a NIK typed in."""
        session = self.counter.session
        if session is None:
            return None
        panel = self.counter.panel.panel
        nik = name = ""
        if panel is not None:
            nik = panel.nik
            name = panel.resident.nama if panel.resident else panel.card.nama if panel.card else ""
        dialog = ReportDialog(self.ops, session, self.counter, nik=nik, name=name)
        dialog.reported.connect(self._reported)
        self._open(dialog)
        return dialog

    def _open(self, dialog: ServiceDialog) -> None:
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        # The main window's settings are this workstation's; without them the proof
        # printer reads the same settings from the store.
        window = self.counter.window()
        settings = getattr(window, "settings", None)
        self.proofs.settings = settings if isinstance(settings, WorkstationSettings) else None
        self.proofs.actor = self.counter.actor
        self.proofs.window = window
        dialog.open()
        dialog.first_field().setFocus()

    def _closed(self, dialog: ServiceDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.counter.window().activateWindow()  # not every window manager does it itself
        panel = self.counter.panel.panel
        if panel is not None and panel.can_hand_over:
            self.counter.form.present.setFocus()
        else:
            self.counter.focus_search()

    def _registered(self, receipt: RequestReceipt) -> None:
        text = fill(
            self.tr("Permohonan perekaman %1 terdaftar atas nama %2; bukti pendaftaran dicetak."),
            receipt.request_no,
            receipt.nama,
        )
        for warning in receipt.warnings:
            text += " " + sentence(warning.message) + "."
        self.counter.say(text, "ok")
        self.last_proof = (REQUEST, receipt.request_no)
        self.proofs.print_request(receipt.request_no)

    def _reported(self, receipt: ReportReceipt) -> None:
        text = fill(
            self.tr("Laporan %1 dicatat: %2. Bukti laporan dicetak."),
            receipt.report_no,
            receipt.card_text,
        )
        panel = self.counter.panel.panel
        if panel is not None and panel.nik == receipt.nik:
            nik = receipt.nik

            def shown(fresh: CardPanel) -> None:
                self.counter.show_panel(fresh)
                self.counter.say(text, "ok")

            self.ops.run(lambda store: panel_for_nik(store, nik), on_done=shown)
        else:
            self.counter.say(text, "ok")
        self.last_proof = (REPORT, receipt.report_no)
        self.proofs.print_report(receipt.report_no)

    def reprint_proof(self) -> None:
        """The last proof of this session again, after a printer problem."""
        if self.last_proof is None:
            self.counter.say(
                self.tr("Belum ada bukti pendaftaran atau laporan untuk dicetak."), "error"
            )
            return
        self.proofs.print_proof(*self.last_proof)

    def _proof_failed(self, number: str, message: str) -> None:
        self.counter.say(
            fill(
                self.tr(
                    "%1 tersimpan, tetapi buktinya tidak tercetak: %2 Setelah printer siap, "
                    "tekan Ctrl+Shift+P untuk mencetaknya."
                ),
                number,
                message,
            ),
            "error",
        )


__all__ = [
    "REPORT",
    "REQUEST",
    "CounterServices",
    "ProofPrinter",
    "RecordingDialog",
    "ReportDialog",
]
