"""The few dialogs the counter needs: first-run setup, settings and the reprint queue.
Each opens only when the operator must decide something."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.regions import regions
from desktop.store.counter import QueuedReceipt
from desktop.store.settings import WorkstationSettings
from desktop.store.store import StoreError
from desktop.ui import printing
from desktop.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence, show_time


def ok_cancel(dialog: QDialog, ok_text: str) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """The row every dialog ends with: Batal, then the default button that accepts."""
    ok = QPushButton(ok_text)
    ok.setObjectName("primary")
    ok.setDefault(True)
    cancel = QPushButton(QCoreApplication.translate("Dialogs", "Batal"))
    ok.clicked.connect(dialog.accept)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok, cancel


def _buttons(dialog: QDialog, ok_text: str) -> QHBoxLayout:
    return ok_cancel(dialog, ok_text)[0]


class FirstRunDialog(QDialog):
    """Asked once, on an empty data folder: which office and which counter is this?"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Penyiapan loket"))
        intro = QLabel(
            self.tr(
                "Komputer ini belum disiapkan. Pilih kantor layanan dan nomor loketnya. "
                "Pilihan ini tetap untuk folder data ini."
            )
        )
        intro.setWordWrap(True)
        self.site = QComboBox()
        self.site.setObjectName("site")
        for code, site in regions().sites.items():
            self.site.addItem(site.name, code)
        self.workstation = QSpinBox()
        self.workstation.setObjectName("workstation")
        self.workstation.setRange(1, 99)
        form = QFormLayout()
        form.addRow(self.tr("Kantor"), self.site)
        form.addRow(self.tr("Nomor loket"), self.workstation)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addLayout(_buttons(self, self.tr("Simpan")))

    def choice(self) -> tuple[str, int]:
        return self.site.currentData(), self.workstation.value()


class SettingsDialog(QDialog):
    def __init__(self, settings: WorkstationSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Pengaturan loket"))
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.printer.addItem(self.tr("Printer bawaan sistem"), "")
        for name in printing.available_printers():
            self.printer.addItem(name, name)
        if settings.printer and self.printer.findData(settings.printer) < 0:
            # Keep a configured printer that is switched off or unplugged right now.
            self.printer.addItem(
                fill(self.tr("%1 (tidak terhubung)"), settings.printer), settings.printer
            )
        self.printer.setCurrentIndex(max(self.printer.findData(settings.printer), 0))
        self.layout_choice = QComboBox()
        self.layout_choice.addItem(self.tr("A5"), "a5")
        self.layout_choice.addItem(self.tr("Kertas gulung 80 mm"), "roll80")
        self.layout_choice.setCurrentIndex(
            max(self.layout_choice.findData(settings.receipt_layout), 0)
        )
        self.preview = QCheckBox(self.tr("Tampilkan pratinjau sebelum mencetak"))
        self.preview.setChecked(settings.print_preview)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.idle = QSpinBox()
        self.idle.setRange(1, 60)
        self.idle.setValue(settings.idle_lock_minutes)
        self.idle.setSuffix(self.tr(" menit"))
        # The invitation letters' pickup days: the office is closed on these days, and
        # at most this many residents are invited for one day.
        self.holidays = QLineEdit(settings.holidays)
        self.holidays.setObjectName("holidays")
        self.holidays.setPlaceholderText(self.tr("TTTT-BB-HH, dipisah koma"))
        self.invitation_cap = QSpinBox()
        self.invitation_cap.setObjectName("invitationCap")
        self.invitation_cap.setRange(1, 5000)
        self.invitation_cap.setValue(settings.invitation_cap)
        self.invitation_cap.setSuffix(self.tr(" orang per hari"))
        self.backup_folder = QLineEdit(settings.backup_folder)
        self.backup_folder.setObjectName("backupFolder")
        self.backup_folder.setPlaceholderText(self.tr("kosong: folder backups di folder data"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Printer tanda terima"), self.printer)
        form.addRow(self.tr("Ukuran tanda terima"), self.layout_choice)
        form.addRow("", self.preview)
        form.addRow(self.tr("Bahasa (berlaku setelah dibuka ulang)"), self.language)
        form.addRow(self.tr("Kunci layar bila diam"), self.idle)
        form.addRow(self.tr("Hari libur kantor"), self.holidays)
        form.addRow(self.tr("Batas undangan"), self.invitation_cap)
        form.addRow(self.tr("Folder cadangan (disk USB atau folder bersama)"), self.backup_folder)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(_buttons(self, self.tr("Simpan")))

    def result_settings(self) -> WorkstationSettings:
        """The settings as chosen; those this dialog does not show are kept as they were."""
        return replace(
            self.settings,
            printer=self.printer.currentData(),
            receipt_layout=self.layout_choice.currentData(),
            print_preview=self.preview.isChecked(),
            language=self.language.currentData(),
            idle_lock_minutes=self.idle.value(),
            holidays=self.holidays.text().strip(),
            invitation_cap=self.invitation_cap.value(),
            backup_folder=self.backup_folder.text().strip(),
        )

    def accept(self) -> None:
        """Only settings that can be saved close the dialog; otherwise it says what to fix."""
        try:
            self.result_settings().validate()
        except StoreError as error:
            self.message.setText(sentence(str(error)))
            set_tone(self.message, "error")
            self.message.show()
            self.holidays.setFocus()
            return
        super().accept()


class EnrolDialog(QDialog):
    """Enrol this workstation with the Dinas server using a one-time code from IT staff."""

    def __init__(self, server_url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Daftarkan loket ke server Dinas"))
        intro = QLabel(
            self.tr(
                "Minta kode sekali pakai dari tim TI Dinas (berlaku 24 jam), lalu isi alamat "
                "server dan kodenya."
            )
        )
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url or "")
        self.server.setObjectName("serverUrl")
        self.server.setPlaceholderText("http://192.168.1.10:8765")
        self.code = QLineEdit()
        self.code.setObjectName("enrolCode")
        self.code.setPlaceholderText("ABCD-1234-EF56-7890")
        form = QFormLayout()
        form.addRow(self.tr("Alamat server"), self.server)
        form.addRow(self.tr("Kode pendaftaran"), self.code)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addLayout(_buttons(self, self.tr("Daftarkan")))

    def values(self) -> tuple[str, str]:
        return self.server.text().strip(), self.code.text().strip()


class ReprintDialog(QDialog):
    """Receipts that never reached paper; print them again one by one or all at once."""

    reprint = Signal(str)

    def __init__(self, queue: list[QueuedReceipt], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Antrean cetak ulang"))
        self.queue = queue
        self.table = QTableWidget(len(queue), 4)
        self.table.setObjectName("reprintTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Tanda terima"), self.tr("Waktu"), self.tr("Nama"), self.tr("Masalah")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, item in enumerate(queue):
            values = [item.receipt_no, show_time(item.wall_time), item.nama, item.error or ""]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        label = QLabel(
            fill(self.tr("%1 tanda terima belum tercetak."), len(queue))
            if queue
            else self.tr("Semua tanda terima sudah tercetak.")
        )
        one = QPushButton(self.tr("Cetak yang dipilih"))
        every = QPushButton(self.tr("Cetak semua"))
        every.setObjectName("primary")
        close = QPushButton(self.tr("Tutup"))
        one.clicked.connect(self._print_selected)
        every.clicked.connect(self._print_all)
        close.clicked.connect(self.accept)
        one.setEnabled(bool(queue))
        every.setEnabled(bool(queue))
        row = QHBoxLayout()
        row.addWidget(one)
        row.addWidget(every)
        row.addStretch(1)
        row.addWidget(close)
        box = QVBoxLayout(self)
        box.addWidget(label)
        box.addWidget(self.table)
        box.addLayout(row)
        self.resize(900, 420)

    def _print_selected(self) -> None:
        for index in self.table.selectionModel().selectedRows():
            self.reprint.emit(self.queue[index.row()].receipt_no)
        self.accept()

    def _print_all(self) -> None:
        for item in self.queue:
            self.reprint.emit(item.receipt_no)
        self.accept()
