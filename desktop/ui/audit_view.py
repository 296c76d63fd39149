"""The supervisor's desk tab for the audit log: who did what and when, and to which
resident, filtered by person, dates and NIK, with whether the hash chain is intact.

Every showing is recorded in the log itself (see `desktop.store.audit_view`), so the
entries are read only when someone asks: on "Tampilkan", and once when the tab first
opens for a person. A refresh after other work only renews the list of people.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from desktop.store.audit_view import (
    AuditPage,
    AuditRow,
    ChainStatus,
    Person,
    audit_entries,
    audit_people,
    chain_status,
)
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError
from desktop.ui.account_dialogs import DATE_FORMAT, from_qdate, to_qdate
from desktop.ui.operations import Operations
from desktop.ui.qt import (
    QAbstractItemView,
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence

_BROKEN = QColor("#922b21")
# The chain's verdict stands out on its own, whatever the window's style sheet says.
_CHAIN_STYLE = (
    'QLabel[tone="ok"] { color: #145a32; font-weight: bold; }'
    'QLabel[tone="error"] { color: #922b21; font-weight: bold; }'
)


def _when(at: str) -> str:
    """`2012-09-05T23:59:59+07:00` → `05-09-2012 23:59:59`: the log keeps seconds."""
    try:
        return datetime.fromisoformat(at).strftime("%d-%m-%Y %H:%M:%S")
    except ValueError:
        return at


class AuditTab(QWidget):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.page: AuditPage | None = None
        self.chain: ChainStatus | None = None
        self._shown_for: str | None = None  # whose request the table shows

        self.person = QComboBox()
        self.person.setObjectName("personChoice")
        self.person.addItem(self.tr("Semua petugas"), None)
        self.all_dates = QCheckBox(self.tr("Semua tanggal"))
        self.all_dates.setObjectName("allDates")
        self.all_dates.setChecked(True)
        today = date.today()
        self.start = self._date_edit("startDate", today)
        self.end = self._date_edit("endDate", today)
        self.nik = QLineEdit()
        self.nik.setObjectName("nikFilter")
        self.nik.setPlaceholderText(self.tr("NIK 16 digit"))
        self.nik.setClearButtonEnabled(True)
        self.nik.setMinimumWidth(self.nik.fontMetrics().horizontalAdvance("0" * 20))
        self.show_button = QPushButton(self.tr("Tampilkan"))
        self.show_button.setObjectName("showButton")
        self.show_button.setDefault(True)
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chainStatus")
        self.chain_label.setWordWrap(True)
        self.chain_label.setStyleSheet(_CHAIN_STYLE)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("entries")
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Waktu"), self.tr("Petugas"), self.tr("Tindakan"),
             self.tr("NIK"), self.tr("Keterangan")]
        )  # fmt: skip
        self.table.horizontalHeaderItem(0).setToolTip(self.tr("Nomor entri dalam rantai hash"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("Petugas")))
        who.addWidget(self.person, 3)
        who.addSpacing(16)
        who.addWidget(QLabel(self.tr("NIK")))
        who.addWidget(self.nik, 2)
        when = QHBoxLayout()
        when.addWidget(self.all_dates)
        when.addSpacing(16)
        when.addWidget(QLabel(self.tr("Dari")))
        when.addWidget(self.start)
        when.addWidget(QLabel(self.tr("sampai")))
        when.addWidget(self.end)
        when.addStretch(1)
        when.addWidget(self.show_button)
        status = QHBoxLayout()
        status.addWidget(self.chain_label, 1)
        status.addWidget(self.count)
        box = QVBoxLayout(self)
        box.addLayout(who)
        box.addLayout(when)
        box.addLayout(status)
        box.addWidget(self.message)
        box.addWidget(self.table, 1)

        self.all_dates.toggled.connect(self._dates_toggled)
        self.show_button.clicked.connect(self.show_entries)
        self.nik.returnPressed.connect(self.show_entries)
        self._dates_toggled(True)

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(to_qdate(day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    def _dates_toggled(self, every: bool) -> None:
        self.start.setEnabled(not every)
        self.end.setEnabled(not every)

    # -- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Renew the people to choose from; the entries are read once for a new person at
        the desk, afterwards only on request (each reading is logged)."""
        actor = self.session
        if actor is None:
            self._clear()
            return
        if self._shown_for != actor.username:
            self._clear()
        self.ops.run(
            lambda store: audit_people(store, actor),
            on_done=self._people,
            on_error=self._refused,
        )
        if self._shown_for != actor.username:
            self.show_entries()

    def _people(self, people: list[Person]) -> None:
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("Semua petugas"), None)
        for person in people:
            if person.full_name:
                label = fill(self.tr("%1 (%2)"), person.full_name, person.username)
            else:
                label = fill(self.tr("%1 (bukan akun)"), person.username)
            self.person.addItem(label, person.username)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0))
        self.person.blockSignals(False)

    def filters(self) -> dict:
        every = self.all_dates.isChecked()
        return {
            "person": self.person.currentData(),
            "start": None if every else from_qdate(self.start.date()),
            "end": None if every else from_qdate(self.end.date()),
            "nik": self.nik.text().strip() or None,
        }

    def show_entries(self) -> None:
        """Read the entries for the filters (recorded in the log), then check the chain."""
        actor = self.session
        if actor is None:
            return
        filters = self.filters()
        self._shown_for = actor.username
        self.show_button.setEnabled(False)

        def read(store: Store) -> AuditPage:
            return audit_entries(store, actor, check_chain=False, **filters)

        self.ops.run(read, on_done=self._show, on_error=self._not_shown)

    def _show(self, page: AuditPage) -> None:
        self.show_button.setEnabled(True)
        self.say("")
        self.page = page
        self.chain = None
        self.count.setText(
            fill(self.tr("Menampilkan %1 dari %2 entri"), len(page.rows), page.total)
        )
        self._fill(page.rows)
        self.chain_label.setText(self.tr("Memeriksa rantai hash…"))
        set_tone(self.chain_label, "")
        actor = self.session
        self.ops.run(
            lambda store: chain_status(store, actor), on_done=self._chain, on_error=self._refused
        )

    def _fill(self, rows: list[AuditRow]) -> None:
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            values = [
                str(row.id), _when(row.at), row.actor, row.action_label, row.nik or "", row.detail
            ]  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 2:  # the username is the log's identity; the name is a hover away
                    item.setToolTip(row.actor_name or self.tr("bukan akun di loket ini"))
                if col == 5:
                    item.setToolTip(json.dumps(row.raw_detail, ensure_ascii=False, indent=1))
                if col == 3 and row.action_label != row.action:
                    item.setToolTip(row.action)
                self.table.setItem(n, col, item)
        self.table.scrollToTop()

    def _chain(self, chain: ChainStatus) -> None:
        self.chain = chain
        if chain.intact:
            self.chain_label.setText(fill(self.tr("Rantai hash utuh: %1 entri"), chain.rows))
            set_tone(self.chain_label, "ok")
            return
        broken = chain.broken
        self.chain_label.setText(
            fill(
                self.tr(
                    "Rantai hash RUSAK pada entri %1: %2. Log audit telah diubah di luar "
                    "Loket; jangan ubah apa pun dan laporkan hari ini ke tim TI Dinas."
                ),
                broken.row_id,
                broken.reason,
            )
        )
        set_tone(self.chain_label, "error")
        for n in range(self.table.rowCount()):
            if self.table.item(n, 0).text() == str(broken.row_id):
                for col in range(self.table.columnCount()):
                    self.table.item(n, col).setForeground(QBrush(_BROKEN))

    def _clear(self) -> None:
        self.page = None
        self.chain = None
        self._shown_for = None
        self.table.setRowCount(0)
        self.count.clear()
        self.chain_label.clear()
        set_tone(self.chain_label, "")

    # -- messages --------------------------------------------------------------------

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        self.message.setVisible(bool(text))  # no empty gap above the table
        set_tone(self.message, tone)

    def _not_shown(self, error: Exception) -> None:
        self.show_button.setEnabled(True)
        self._refused(error)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, StoreError | PermissionError):
            self.say(str(error), "error")
        else:
            self.say(self.tr("Terjadi kesalahan tak terduga; ulangi atau hubungi tim TI."), "error")
            self.ops.report(error)
