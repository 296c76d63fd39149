"""The supervisor's lists of the counter's other services: recording requests (moved on as
the recording session and the centre deal with them, printed, saved and exported) and
event reports (with what each did to the card)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.services import (
    ERROR_FIELD_LABELS,
    RECORDING_STATUS_LABELS,
    REPORT_KIND_LABELS,
    CardOutcome,
    RecordingStatus,
    ReportKind,
    ReportRow,
    RequestRow,
)
from desktop.documents.request_list import SHORT_KIND, request_list_pdf
from desktop.store import Store, StoreError
from desktop.store.exports import export_requests
from desktop.store.recording import request_list, requests, set_request_status
from desktop.store.reports import reports
from desktop.store.sessions import Session
from desktop.ui.operations import Operations
from desktop.ui.papers import Draft, Paper, PaperOutput
from desktop.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStandardPaths,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence, show_time


def request_paper(
    store: Store,
    actor: Session,
    *,
    day: date | None,
    status: RecordingStatus | None,
    site: str,
) -> Draft:
    """Read the list and note the paper in the audit log (on the store worker); lay it
    out later, off it."""
    lst = request_list(store, actor, start=day, end=day, status=status, site=site, paper=True)
    if lst.start == lst.end:
        when, file_when = f"{lst.start:%d-%m-%Y}", lst.start.isoformat()
    else:
        when = f"{lst.start:%d-%m-%Y} s.d. {lst.end:%d-%m-%Y}"
        file_when = f"{lst.start.isoformat()}_{lst.end.isoformat()}"
    return Draft(
        lambda: Paper(
            request_list_pdf(lst),
            f"Daftar permohonan perekaman {site} {when}",
            f"permohonan-perekaman-{site}-{file_when}.pdf",
        )
    )


def _table(columns: list[str]) -> QTableWidget:
    """Rows selected whole, never edited; every column fits its contents and the last
    (the longest text) takes the rest, elided, its whole text in the tooltip."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], tips: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for n, values in enumerate(rows):
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(tips[n] if tips and column == len(values) - 1 else text)
            table.setItem(n, column, item)


class _DayTab(QWidget):
    """A day picker with "all days", a filter, a count, a table and a message."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.site = ""  # the desk sets this workstation's site; empty: the store's own
        self._generation = 0
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.all_days = QCheckBox(self.tr("Semua hari"))
        self.all_days.setObjectName("allDays")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.count.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.day.dateChanged.connect(lambda _: self.refresh())
        self.all_days.toggled.connect(self._all_days_toggled)

    def _all_days_toggled(self, checked: bool) -> None:
        self.day.setEnabled(not checked)
        self.refresh()

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    def chosen_day(self) -> date | None:
        return None if self.all_days.isChecked() else self.day.date().toPython()

    def _site(self, store: Store) -> str:
        return self.site or store.require_device().site

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        self._generation += 1
        generation = self._generation
        load = self._loader(session)
        self.ops.run(
            load,
            on_done=lambda rows: self._show_if_current(rows, generation),
            on_error=lambda error: self.say(str(error), "error"),
        )

    def _show_if_current(self, rows: list, generation: int) -> None:
        if generation == self._generation:  # else a newer answer for newer filters follows
            self.show_rows(rows)

    def _loader(self, session: Session):
        raise NotImplementedError

    def show_rows(self, rows: list) -> None:
        raise NotImplementedError


class RequestsTab(_DayTab):
    """Recording requests of a day (or all days) and status: marked recorded or sent as
    the work is done, printed for signing, saved as PDF, exported as CSV or XLSX."""

    exported = Signal(int, str)  # rows, file path

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.rows: list[RequestRow] = []
        self.output = PaperOutput(ops, self)
        self.day.setObjectName("requestDate")
        self.status = QComboBox()
        self.status.setObjectName("statusChoice")
        self.status.addItem(self.tr("Semua status"), None)
        for status in RecordingStatus:
            self.status.addItem(RECORDING_STATUS_LABELS[status], status.value)
        self.print_button = QPushButton(self.tr("Cetak daftar…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("saveButton")
        self.export_button = QPushButton(self.tr("Ekspor…"))
        self.export_button.setObjectName("exportButton")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tanggal")))
        top.addWidget(self.day)
        top.addWidget(self.all_days)
        top.addWidget(QLabel(self.tr("Status")))
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        top.addWidget(self.export_button)

        self.table = _table(
            [self.tr("No. pendaftaran"), self.tr("Waktu"), self.tr("Jenis"), self.tr("NIK"),
             self.tr("Nama"), self.tr("Kelurahan"), self.tr("RT/RW"), self.tr("Status"),
             self.tr("Keterangan")],
        )  # fmt: skip
        self.table.setObjectName("requestsTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.note = QLineEdit()
        self.note.setObjectName("statusNote")
        self.note.setPlaceholderText(
            self.tr("Catatan (wajib bila permohonan dikembalikan ke status sebelumnya)")
        )
        self.mark_recorded = QPushButton(self.tr("Tandai sudah direkam"))
        self.mark_recorded.setObjectName("markRecorded")
        self.mark_sent = QPushButton(self.tr("Tandai dikirim ke pusat"))
        self.mark_sent.setObjectName("markSent")
        self.mark_waiting = QPushButton(self.tr("Kembalikan ke menunggu"))
        self.mark_waiting.setObjectName("markWaiting")
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Yang dipilih:")))
        actions.addWidget(self.mark_recorded)
        actions.addWidget(self.mark_sent)
        actions.addWidget(self.mark_waiting)
        actions.addWidget(self.note, 1)

        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.count)
        box.addWidget(self.message)
        box.addWidget(self.table, 1)
        box.addLayout(actions)

        self.status.currentIndexChanged.connect(lambda _: self.refresh())
        self.mark_recorded.clicked.connect(lambda: self.mark(RecordingStatus.RECORDED))
        self.mark_sent.clicked.connect(lambda: self.mark(RecordingStatus.SENT))
        self.mark_waiting.clicked.connect(lambda: self.mark(RecordingStatus.WAITING))
        self.print_button.clicked.connect(lambda: self.print_list())
        self.save_button.clicked.connect(lambda: self.save_list())
        self.export_button.clicked.connect(self.ask_and_export)
        self.output.message.connect(self.say)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def chosen_status(self) -> RecordingStatus | None:
        value = self.status.currentData()
        return RecordingStatus(value) if value else None

    def _loader(self, session: Session):
        day, status = self.chosen_day(), self.chosen_status()
        return lambda store: requests(
            store, session, day=day, status=status, site=self._site(store)
        )

    def show_rows(self, rows: list[RequestRow]) -> None:
        self.rows = rows
        one_day = self.chosen_day() is not None
        _fill(
            self.table,
            [
                (
                    r.request_no,
                    r.time if one_day else show_time(r.wall_time),
                    SHORT_KIND[r.kind],
                    r.nik,
                    r.nama,
                    r.kelurahan,
                    f"{r.rt}/{r.rw}",
                    RECORDING_STATUS_LABELS[r.status],
                    r.remark,
                )
                for r in rows
            ],
        )
        counts = {s: sum(1 for r in rows if r.status is s) for s in RecordingStatus}
        self.count.setText(
            fill(
                self.tr("%1 permohonan · menunggu %2 · sudah direkam %3 · dikirim %4"),
                len(rows),
                counts[RecordingStatus.WAITING],
                counts[RecordingStatus.RECORDED],
                counts[RecordingStatus.SENT],
            )
            if rows
            else self.tr("Tidak ada permohonan untuk pilihan ini.")
        )
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.selected_numbers())
        for button in (self.mark_recorded, self.mark_sent, self.mark_waiting):
            button.setEnabled(chosen)

    def selected_numbers(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[row].request_no for row in rows if row < len(self.rows)]

    def select(self, numbers: list[str]) -> None:
        """Select the rows of these request numbers (for keyboard users and tests)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for n, row in enumerate(self.rows):
            if row.request_no in numbers:
                self.table.selectRow(n)
        self.table.setSelectionMode(mode)

    def mark(self, status: RecordingStatus) -> None:
        """Move every selected request to `status`; each is checked on its own, so one
        refusal (already sent, no note for a step back) leaves the others done."""
        session, numbers, note = self.session, self.selected_numbers(), self.note.text()
        if session is None or not numbers:
            self.say(self.tr("Pilih dahulu permohonan di tabel."), "error")
            return

        def work(store: Store) -> tuple[int, list[str]]:
            done, refused = 0, []
            for number in numbers:
                try:
                    set_request_status(store, session, number, status, note)
                    done += 1
                except StoreError as error:
                    refused.append(str(error))
            return done, refused

        self.ops.run(work, on_done=self._marked, on_error=self._failed, writes=True)

    def _marked(self, result: tuple[int, list[str]]) -> None:
        done, refused = result
        text = fill(self.tr("%1 permohonan diubah statusnya."), done)
        if refused:
            text += " " + fill(self.tr("Ditolak: %1"), "; ".join(refused))
        self.say(text, "error" if refused else "ok")
        if done:
            self.note.clear()
        self.refresh()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, StoreError | PermissionError):
            self.say(str(error), "error")
        else:
            self.say("")
            self.ops.report(error)

    # -- paper and files -----------------------------------------------------------------

    def _build(self):
        session, day, status, site = (
            self.session,
            self.chosen_day(),
            self.chosen_status(),
            self.site,
        )

        def build(store: Store) -> Draft:
            here = site or store.require_device().site
            return request_paper(store, session, day=day, status=status, site=here)

        return build

    def print_list(self, printer_name: str | None = None) -> None:
        if self.session is not None:
            self.output.print(self._build(), printer_name)

    def save_list(self, path: Path | str | None = None) -> None:
        if self.session is not None:
            self.output.save(self._build(), path)

    def suggested_name(self, suffix: str = "xlsx") -> str:
        day = self.chosen_day()
        when = day.isoformat() if day else "semua-hari"
        return f"permohonan-perekaman-{self.site or 'loket'}-{when}.{suffix}"

    def ask_and_export(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan ekspor"),
            str(Path(folder) / self.suggested_name()),
            self.tr("XLSX (*.xlsx);;CSV (*.csv)"),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".csv", ".xlsx"):
            path = f"{path}.xlsx"
        self.export_to(path)

    def export_to(self, path: Path | str) -> None:
        """Export the requests as chosen to `path` (.csv or .xlsx)."""
        session = self.session
        if session is None:
            return
        target, day, status, site = str(path), self.chosen_day(), self.chosen_status(), self.site

        def run(store: Store) -> int:
            here = site or store.require_device().site
            return export_requests(
                store, session, target, start=day, end=day, status=status, site=here
            )

        self.export_button.setEnabled(False)
        self.say(self.tr("Mengekspor…"))
        self.ops.run(
            run,
            on_done=lambda rows: self._exported(rows, target),
            on_error=self._not_exported,
            writes=True,
        )

    def _exported(self, rows: int, path: str) -> None:
        self.export_button.setEnabled(True)
        self.say(fill(self.tr("%1 baris diekspor ke %2."), rows, path), "ok")
        self.exported.emit(rows, path)

    def _not_exported(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self._failed(error)


class ReportsTab(_DayTab):
    """Event reports of a day (or all days) and kind, with what each did to the card."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.rows: list[ReportRow] = []
        self.day.setObjectName("reportDate")
        self.kind = QComboBox()
        self.kind.setObjectName("kindChoice")
        self.kind.addItem(self.tr("Semua jenis"), None)
        for kind in ReportKind:
            self.kind.addItem(REPORT_KIND_LABELS[kind], kind.value)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tanggal")))
        top.addWidget(self.day)
        top.addWidget(self.all_days)
        top.addWidget(QLabel(self.tr("Jenis")))
        top.addWidget(self.kind)
        top.addStretch(1)
        self.table = _table(
            [self.tr("No. laporan"), self.tr("Waktu"), self.tr("Jenis"), self.tr("NIK"),
             self.tr("Nama"), self.tr("Pelapor"), self.tr("No. dokumen"), self.tr("Petugas"),
             self.tr("Kartu")],
        )  # fmt: skip
        self.table.setObjectName("reportsTable")
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.count)
        box.addWidget(self.message)
        box.addWidget(self.table, 1)
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())

    def chosen_kind(self) -> ReportKind | None:
        value = self.kind.currentData()
        return ReportKind(value) if value else None

    def _loader(self, session: Session):
        day, kind = self.chosen_day(), self.chosen_kind()
        return lambda store: reports(store, session, day=day, kind=kind, site=self._site(store))

    def card_label(self, row: ReportRow) -> str:
        """What happened to the card, short enough for a table cell."""
        outcome = row.card_outcome
        if outcome is CardOutcome.WITHHELD:
            if row.kind is ReportKind.DECEASED:
                return self.tr("ditahan (meninggal)")
            return self.tr("ditahan untuk cetak ulang")
        return {
            CardOutcome.MOVED: self.tr("pemilik pindah, tidak diserahkan"),
            CardOutcome.ALREADY_HANDED_OVER: self.tr("sudah diserahkan sebelumnya"),
            CardOutcome.UNCHANGED: self.tr("tidak berubah"),
            CardOutcome.NO_CARD: self.tr("belum ada kartu"),
        }[outcome]

    def show_rows(self, rows: list[ReportRow]) -> None:
        self.rows = rows
        one_day = self.chosen_day() is not None
        _fill(
            self.table,
            [
                (
                    r.report_no,
                    r.time if one_day else show_time(r.wall_time),
                    sentence(ERROR_FIELD_LABELS[r.error_field])
                    if r.error_field
                    else REPORT_KIND_LABELS[r.kind],
                    r.nik,
                    r.nama,
                    fill(self.tr("%1 (%2)"), r.reporter_name, r.reporter_relation),
                    r.document_no or "-",
                    r.operator_name,
                    self.card_label(r),
                )
                for r in rows
            ],
            tips=[sentence(r.card_text) for r in rows],
        )
        kinds = {k: sum(1 for r in rows if r.kind is k) for k in ReportKind}
        self.count.setText(
            fill(
                self.tr("%1 laporan · kematian %2 · pindah keluar %3 · kesalahan data %4"),
                len(rows),
                kinds[ReportKind.DECEASED],
                kinds[ReportKind.MOVED_OUT],
                kinds[ReportKind.DATA_ERROR],
            )
            if rows
            else self.tr("Tidak ada laporan untuk pilihan ini.")
        )
