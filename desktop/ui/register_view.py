"""The supervisor's end of day at the desk: the day's register on screen, the drawer count
against what should be there, and the register printed or saved for signing."""

from __future__ import annotations

from datetime import date

from desktop.core.registers import CORRECTED, HOME_VISIT, VOIDED, DailyRegister
from desktop.documents.daily_register import register_pdf
from desktop.store import Store
from desktop.store.registers import (
    DrawerCount,
    drawer_expected,
    record_drawer_count,
    register_for,
)
from desktop.store.sessions import Session
from desktop.ui.operations import Operations
from desktop.ui.papers import Draft, Paper, PaperOutput
from desktop.ui.qt import (
    QAbstractItemView,
    QDate,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence

_FIGURES = ("start", "received", "handed_over", "returned", "expected")


def register_paper(store: Store, actor: Session, site: str, day: date) -> Draft:
    """Read the day's register (on the store worker); lay it out later, off it."""
    register = register_for(store, actor, site, day, paper=True)
    return Draft(
        lambda: Paper(
            register_pdf(register),
            f"Daftar serah terima {site} {day:%d-%m-%Y}",
            f"register-{site}-{day.isoformat()}.pdf",
        )
    )


class RegisterTab(QWidget):
    """One day's register and drawer count for this workstation's site."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.site = ""
        self.expected: DrawerCount | None = None
        self.output = PaperOutput(ops, self)

        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("registerDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setMaximumDate(QDate.currentDate())
        self.summary = QLabel()
        self.summary.setObjectName("registerSummary")
        self.print_button = QPushButton(self.tr("Cetak register…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("saveButton")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tanggal")))
        top.addWidget(self.day)
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)

        self.rows = QTableWidget(0, 7)
        self.rows.setObjectName("registerRows")
        self.rows.setHorizontalHeaderLabels(
            [self.tr("Jam"), self.tr("No. tanda terima"), self.tr("NIK"), self.tr("Nama"),
             self.tr("Kelurahan"), self.tr("Petugas"), self.tr("Keterangan")]
        )  # fmt: skip
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().hide()
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # names take the rest

        self.drawer = QGroupBox(self.tr("Rekonsiliasi laci kartu"))
        self.figures = QLabel()  # the sum in one line, for tests and screen readers
        self.figures.setObjectName("drawerFigures")
        self.figures.hide()
        self.figure_values = {key: QLabel() for key in _FIGURES}
        for label in self.figure_values.values():
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counted = QSpinBox()
        self.counted.setObjectName("countedSpin")
        self.counted.setRange(0, 1_000_000)
        self.note = QLineEdit()
        self.note.setObjectName("drawerNote")
        self.note.setPlaceholderText(self.tr("Wajib bila hasil hitung berbeda"))
        self.record_button = QPushButton(self.tr("Catat hasil hitung"))
        self.record_button.setObjectName("recordCountButton")
        self.recorded = QLabel()
        self.recorded.setObjectName("drawerRecorded")
        self.recorded.setWordWrap(True)
        sums = QFormLayout()
        for key, text in (
            ("start", self.tr("Di laci pada awal hari")),
            ("received", self.tr("Kartu masuk hari ini")),
            ("handed_over", self.tr("Diserahkan hari ini")),
            ("returned", self.tr("Dikembalikan ke Dinas")),
            ("expected", self.tr("Seharusnya ada di laci")),
        ):
            sums.addRow(text, self.figure_values[key])
        self.figure_values["expected"].setStyleSheet("font-weight: bold")
        form = QFormLayout()
        form.addRow(self.tr("Hasil hitung fisik"), self.counted)
        form.addRow(self.tr("Catatan"), self.note)
        count = QVBoxLayout()
        count.addLayout(form)
        count.addWidget(self.record_button)
        count.addWidget(self.recorded)
        count.addStretch(1)
        drawer = QHBoxLayout(self.drawer)  # under the table, which needs the full width
        drawer.addWidget(self.figures)
        drawer.addLayout(sums, 1)
        drawer.addSpacing(24)
        drawer.addLayout(count, 1)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.message)
        box.addWidget(self.rows, 1)
        box.addWidget(self.drawer)

        self.day.dateChanged.connect(lambda _: self.refresh())
        self.record_button.clicked.connect(self.record_count)
        self.print_button.clicked.connect(lambda: self.print_register())
        self.save_button.clicked.connect(lambda: self.save_register())
        self.output.message.connect(self.say)

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    def chosen_day(self) -> date:
        return self.day.date().toPython()

    def refresh(self) -> None:
        session, site, day = self.session, self.site, self.chosen_day()
        if session is None:
            return
        self.ops.run(
            lambda store: (
                register_for(store, session, site, day),
                drawer_expected(store, site, day),
            ),
            on_done=self._show,
            on_error=lambda error: self.say(str(error), "error"),
        )

    def _show(self, loaded: tuple[DailyRegister, DrawerCount]) -> None:
        register, expected = loaded
        self.expected = expected
        self.summary.setText(
            fill(
                self.tr("Diserahkan %1 · dibatalkan %2 · dikoreksi %3 · kunjungan rumah %4"),
                register.handed_over,
                register.voided,
                register.corrected,
                register.home_visits,
            )
        )
        remarks = {
            VOIDED: self.tr("Dibatalkan"),
            CORRECTED: self.tr("Dikoreksi"),
            HOME_VISIT: self.tr("Kunjungan rumah"),
        }
        self.rows.setRowCount(len(register.rows))
        for n, row in enumerate(register.rows):
            remark = remarks.get(row.status, self.tr("Diserahkan"))
            reason = f"{remark}: {row.reason}" if row.reason else remark
            for column, text in enumerate(
                (row.time, row.receipt_no, row.nik, row.name, row.kelurahan, row.operator, remark)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(reason if column == 6 else text)  # the reason on hover
                self.rows.setItem(n, column, item)
        self.figures.setText(
            fill(
                self.tr(
                    "Awal hari %1 · masuk +%2 · diserahkan −%3 · dikembalikan −%4\n"
                    "Seharusnya ada di laci: %5"
                ),
                expected.start,
                expected.received,
                expected.handed_over,
                expected.returned,
                expected.expected,
            )
        )
        for key, value in (
            ("start", str(expected.start)),
            ("received", f"+ {expected.received}"),
            ("handed_over", f"− {expected.handed_over}"),
            ("returned", f"− {expected.returned}"),
            ("expected", str(expected.expected)),
        ):
            self.figure_values[key].setText(value)
        record = register.reconciliation
        if record is None:
            self.recorded.setText(self.tr("Belum dicatat untuk hari ini."))
            self.counted.setValue(expected.expected)
        else:
            self.recorded.setText(
                fill(
                    self.tr("Tercatat %1 oleh %2: dihitung %3, selisih %4. %5"),
                    record.wall_time[11:16],
                    record.supervisor_name,
                    record.counted,
                    f"{record.difference:+d}" if record.difference else "0",
                    record.note,
                )
            )
            set_tone(self.recorded, "error" if record.difference else "ok")

    def record_count(self) -> None:
        session, site, day = self.session, self.site, self.chosen_day()
        if session is None:
            return
        counted, note = self.counted.value(), self.note.text()
        self.ops.run(
            lambda store: record_drawer_count(store, site, day, counted, note, session.username),
            on_done=self._recorded,
            on_error=lambda error: self.say(str(error), "error"),
            writes=True,
        )

    def _recorded(self, record) -> None:
        self.note.clear()
        if record.difference:
            text = fill(
                self.tr("Hasil hitung dicatat dengan selisih %1; selisih tercetak di register."),
                f"{record.difference:+d}",
            )
        else:
            text = self.tr("Hasil hitung dicatat: cocok dengan yang seharusnya.")
        self.say(text, "ok")
        self.refresh()

    def _build(self):
        session, site, day = self.session, self.site, self.chosen_day()
        return lambda store: register_paper(store, session, site, day)

    def print_register(self, printer_name: str | None = None) -> None:
        if self.session is not None:
            self.output.print(self._build(), printer_name)

    def save_register(self, path=None) -> None:
        if self.session is not None:
            self.output.save(self._build(), path)
