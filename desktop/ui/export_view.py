"""Exports for the supervisor: the handovers of a date range, or the cards still waiting,
as CSV or XLSX. The store checks the role, writes the file whole or not at all, and
records the export in the audit log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.store import Store, StoreError
from desktop.store.exports import export_handovers, export_uncollected
from desktop.store.sessions import Session
from desktop.ui.operations import Operations
from desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStandardPaths,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence

HANDOVERS = "handovers"
UNCOLLECTED = "uncollected"


class ExportTab(QWidget):
    """What to export, for which days, in which format; then a file to write it to."""

    exported = Signal(int, str)  # rows, file path; for screens and tests that wait on it
    failed = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.site = ""  # the desk sets this workstation's site; empty: the store's own

        self.what = QComboBox()
        self.what.setObjectName("whatChoice")
        self.what.addItem(self.tr("Serah terima KTP-el"), HANDOVERS)
        self.what.addItem(self.tr("Kartu belum diambil (keadaan hari ini)"), UNCOLLECTED)
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1))
        self.start.setObjectName("startDate")
        self.end = QDateEdit(today)
        self.end.setObjectName("endDate")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.all_sites = QCheckBox(self.tr("Termasuk situs lain (data hasil sinkronisasi)"))
        self.all_sites.setObjectName("allSites")
        self.format = QComboBox()
        self.format.setObjectName("formatChoice")
        self.format.addItem(self.tr("XLSX (Excel)"), "xlsx")
        self.format.addItem(self.tr("CSV (UTF-8, untuk olah data)"), "csv")
        self.export_button = QPushButton(self.tr("Ekspor…"))
        self.export_button.setObjectName("exportButton")
        self.hint = QLabel(
            self.tr(
                "File berisi NIK lengkap: simpan hanya di komputer kantor. Setiap ekspor "
                "tercatat di log audit. Untuk dibuka di Excel pilih XLSX, agar NIK tetap utuh."
            )
        )
        self.hint.setObjectName("exportHint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        days = QHBoxLayout()
        days.addWidget(self.start)
        days.addWidget(QLabel(self.tr("s.d.")))
        days.addWidget(self.end)
        days.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Data"), self.what)
        form.addRow(self.tr("Tanggal"), days)
        form.addRow("", self.all_sites)
        form.addRow(self.tr("Format"), self.format)
        button_row = QHBoxLayout()
        button_row.addWidget(self.export_button)
        button_row.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addLayout(button_row)
        box.addWidget(self.hint)
        box.addWidget(self.message)
        box.addStretch(1)

        self.what.currentIndexChanged.connect(lambda _: self._what_changed())
        self.export_button.clicked.connect(self.ask_and_export)
        self._what_changed()

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    def refresh(self) -> None:
        """Nothing to load: the export reads the store when it runs."""
        self.export_button.setEnabled(self.session is not None)

    def _what_changed(self) -> None:
        handovers = self.what.currentData() == HANDOVERS
        for widget in (self.start, self.end, self.all_sites):
            widget.setEnabled(handovers)

    def chosen_range(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def suggested_name(self) -> str:
        site = self.site or "loket"
        suffix = self.format.currentData()
        if self.what.currentData() == UNCOLLECTED:
            return f"belum-diambil-{site}-{date.today().isoformat()}.{suffix}"
        start, end = self.chosen_range()
        where = "semua-situs" if self.all_sites.isChecked() else site
        return f"serah-terima-{where}-{start.isoformat()}_{end.isoformat()}.{suffix}"

    def ask_and_export(self) -> None:
        """Ask for a file (the chosen format's suffix is added when left out), export."""
        suffix = self.format.currentData()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan ekspor"),
            str(Path(folder) / self.suggested_name()),
            fill(self.tr("%1 (*.%2)"), suffix.upper(), suffix),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".csv", ".xlsx"):
            path = f"{path}.{suffix}"
        self.export_to(path)

    def export_to(self, path: Path | str) -> None:
        """Export what is chosen to `path`; its suffix (.csv or .xlsx) sets the format."""
        session = self.session
        if session is None:
            self.say(self.tr("Masuk dahulu sebagai supervisor untuk mengekspor."), "error")
            return
        target = str(path)
        what, site, all_sites = self.what.currentData(), self.site, self.all_sites.isChecked()
        start, end = self.chosen_range()

        def run(store: Store) -> int:
            here = site or store.require_device().site
            if what == UNCOLLECTED:
                return export_uncollected(store, session, target, site=here)
            return export_handovers(
                store, session, target, start=start, end=end, site=None if all_sites else here
            )

        self.export_button.setEnabled(False)
        self.say(self.tr("Mengekspor…"))
        self.ops.run(
            run, on_done=lambda rows: self._done(rows, target), on_error=self._failed, writes=True
        )

    def _done(self, rows: int, path: str) -> None:
        self.export_button.setEnabled(True)
        count = f"{rows:,}".replace(",", ".")
        self.say(fill(self.tr("%1 baris diekspor ke %2."), count, path), "ok")
        self.exported.emit(rows, path)

    def _failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, StoreError | PermissionError):
            self.say(str(error), "error")
        else:
            self.say("")
            self.ops.report(error)  # unexpected: the one place that logs and words it
        self.failed.emit(str(error))
