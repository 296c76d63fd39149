"""The supervisor's desk tab for operator accounts: who may sign in, and the four things
a supervisor does to accounts (add, new password, extend, deactivate).

The buttons follow the selected account, but the store decides: every action goes to
`desktop.store.supervision`, which refuses what the signed-in role may not do, and the
refusal is shown here in words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.store.account_list import AccountInfo, AccountStatus, list_accounts
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError
from desktop.store.supervision import create_operator, deactivate, extend_expiry, reset_password
from desktop.ui.account_dialogs import (
    AccountDialog,
    AddAccountDialog,
    DeactivateDialog,
    ExtendDialog,
    ResetPasswordDialog,
    role_name,
)
from desktop.ui.operations import Operations
from desktop.ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence, show_time

STATUS_COLUMN = 4
_STOPPED = QColor("#922b21")  # the status of an account that cannot sign in now


class AccountsTab(QWidget):
    """Accounts, active first; select one to act on it."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.accounts: list[AccountInfo] = []
        self.dialog: AccountDialog | None = None
        self.site: str | None = None  # this workstation's office: a new account's default
        self._reselect: str | None = None  # the account to select once the list is back

        self.add_button = QPushButton(self.tr("Tambah akun…"))
        self.add_button.setObjectName("addButton")
        self.reset_button = QPushButton(self.tr("Atur ulang kata sandi…"))
        self.reset_button.setObjectName("resetButton")
        self.extend_button = QPushButton(self.tr("Perpanjang…"))
        self.extend_button.setObjectName("extendButton")
        self.extend_button.setToolTip(self.tr("Untuk akun operator alih daya"))
        self.deactivate_button = QPushButton(self.tr("Nonaktifkan…"))
        self.deactivate_button.setObjectName("deactivateButton")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("accounts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Nama lengkap"), self.tr("Pengguna"), self.tr("Peran"),
             self.tr("Kantor"), self.tr("Status"), self.tr("Masuk terakhir"),
             self.tr("Pembuat")]
        )  # fmt: skip
        self.table.horizontalHeaderItem(1).setToolTip(self.tr("Nama pengguna untuk masuk"))
        self.table.horizontalHeaderItem(5).setToolTip(
            self.tr("Masuk terakhir di loket ini, menurut log audit loket ini")
        )
        self.table.horizontalHeaderItem(6).setToolTip(
            self.tr("Supervisor atau Admin TI yang membuat akun; — bila dibuat saat penyiapan")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.reset_button,
            self.extend_button,
            self.deactivate_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(buttons)
        box.addWidget(self.message)
        box.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.extend_button.clicked.connect(self.extend)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.table.itemSelectionChanged.connect(self._follow_selection)
        self._follow_selection()

    # -- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the accounts for the signed-in person; the store refuses other roles."""
        actor = self.session
        if actor is None:
            self._show([], None)
            return

        def load(store: Store) -> tuple[list[AccountInfo], str]:
            return list_accounts(store, actor), store.require_device().site

        self.ops.run(load, on_done=lambda result: self._show(*result), on_error=self._not_listed)

    def _show(self, accounts: list[AccountInfo], site: str | None) -> None:
        current = self.selected()
        chosen = self._reselect or (current.username if current else None)
        self._reselect = None
        self.accounts = accounts
        self.site = site or self.site
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            values = [
                account.full_name,
                account.username,
                role_name(account.role),
                regions().sites[account.site].short if account.site else self.tr("Keduanya"),
                self._status(account),
                show_time(account.last_login) if account.last_login else "—",
                account.created_by or "—",
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == STATUS_COLUMN and account.status is not AccountStatus.ACTIVE:
                    item.setForeground(QBrush(_STOPPED))
                self.table.setItem(row, col, item)
        names = [a.username for a in accounts]
        if chosen in names:
            self.table.selectRow(names.index(chosen))
        else:
            self.table.clearSelection()
        self._follow_selection()

    def _status(self, account: AccountInfo) -> str:
        status = account.status
        if status is AccountStatus.INACTIVE:
            return self.tr("Nonaktif")
        if status is AccountStatus.EXPIRED:
            return fill(self.tr("Kedaluwarsa %1"), account.expires_on.strftime("%d-%m-%Y"))
        if status is AccountStatus.LOCKED:
            return fill(self.tr("Terkunci s.d. %1"), account.locked_until.strftime("%H:%M"))
        if account.expires_on:
            return fill(self.tr("Aktif s.d. %1"), account.expires_on.strftime("%d-%m-%Y"))
        return self.tr("Aktif")

    def _not_listed(self, error: Exception) -> None:
        self._show([], None)
        self.add_button.setEnabled(False)
        self._refused(error)

    # -- selection -------------------------------------------------------------------

    def selected(self) -> AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.accounts):
            return None
        return self.accounts[rows[0].row()]

    def select(self, username: str) -> None:
        names = [a.username for a in self.accounts]
        self.table.selectRow(names.index(username))

    def _follow_selection(self) -> None:
        """Offer what makes sense for the selected account; the store still decides."""
        account = self.selected()
        actor = self.session
        touchable = (
            account is not None
            and actor is not None
            and (account.role is not Role.ADMIN or actor.role is Role.ADMIN)
        )
        self.add_button.setEnabled(actor is not None and bool(self.accounts))
        self.reset_button.setEnabled(touchable and account.active)
        self.extend_button.setEnabled(
            touchable and account.active and account.role is Role.OUTSOURCED
        )
        self.deactivate_button.setEnabled(
            touchable and account.active and account.username != actor.username
        )

    # -- actions ---------------------------------------------------------------------

    def add_account(self) -> None:
        if self.session is None:
            return
        dialog = AddAccountDialog(self.session.role, date.today(), self.site, self)
        self._open(dialog, self._create)

    def reset_password(self) -> None:
        account = self.selected()
        if account is not None:
            self._open(ResetPasswordDialog(account, self), self._reset)

    def extend(self) -> None:
        account = self.selected()
        if account is not None:
            self._open(ExtendDialog(account, date.today(), self), self._extend)

    def deactivate(self) -> None:
        account = self.selected()
        if account is not None:
            self._open(DeactivateDialog(account, self), self._deactivate)

    def _open(self, dialog: AccountDialog, submit: Callable[[], None]) -> None:
        """Show a dialog without blocking (tests fill it in through `self.dialog`)."""
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: AccountDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _create(self) -> None:
        dialog, actor = self.dialog, self.session
        new = dialog.values()

        def work(store: Store) -> None:
            create_operator(
                store,
                actor,
                new.username,
                new.full_name,
                new.role,
                new.password,
                site=new.site,
                expires_on=new.expires_on.isoformat() if new.expires_on else None,
            )

        if new.expires_on:
            done = fill(
                self.tr("Akun %1 dibuat; berlaku sampai %2."),
                new.username,
                new.expires_on.strftime("%d-%m-%Y"),
            )
        else:
            done = fill(self.tr("Akun %1 dibuat."), new.username)
        self._submit(dialog, work, done, select=new.username)

    def _reset(self) -> None:
        dialog, actor = self.dialog, self.session
        username, password = dialog.account.username, dialog.new_password()
        self._submit(
            dialog,
            lambda store: reset_password(store, actor, username, password),
            fill(self.tr("Kata sandi %1 diganti; akun dapat dipakai lagi."), username),
            select=username,
        )

    def _extend(self) -> None:
        dialog, actor = self.dialog, self.session
        username, until = dialog.account.username, dialog.new_date()
        self._submit(
            dialog,
            lambda store: extend_expiry(store, actor, username, until.isoformat()),
            fill(self.tr("Akun %1 berlaku sampai %2."), username, until.strftime("%d-%m-%Y")),
            select=username,
        )

    def _deactivate(self) -> None:
        dialog, actor = self.dialog, self.session
        username, reason = dialog.account.username, dialog.reason_text()
        self._submit(
            dialog,
            lambda store: deactivate(store, actor, username, reason),
            fill(self.tr("Akun %1 dinonaktifkan."), username),
            select=username,
        )

    def _submit(
        self, dialog: AccountDialog, work: Callable[[Store], Any], done: str, *, select: str
    ) -> None:
        def finished(_: Any) -> None:
            dialog.close_accepted()
            self.say(done, "ok")
            self._reselect = select
            self.refresh()

        def refused(error: Exception) -> None:
            if isinstance(error, StoreError | PermissionError):
                dialog.complain(str(error))
            else:
                dialog.set_busy(False)
            self._refused(error)

        self.ops.run(work, on_done=finished, on_error=refused, writes=True)

    # -- messages --------------------------------------------------------------------

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        self.message.setVisible(bool(text))  # no empty gap above the table
        set_tone(self.message, tone)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, StoreError | PermissionError):
            self.say(str(error), "error")
        else:
            self.say(self.tr("Terjadi kesalahan tak terduga; ulangi atau hubungi tim TI."), "error")
            self.ops.report(error)
