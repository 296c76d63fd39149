"""The small dialogs of the account screen: add an account, set a new password, extend
an outsourced operator's account, deactivate an account.

Each dialog checks what it can see for itself (a field left empty, two passwords that
differ) and says so in its own message line; when its fields are complete it emits
`submitted` and stays open while the store works, so a refusal (a username already
taken) can be fixed without typing everything again. The screen closes it on success.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.store.account_list import AccountInfo
from desktop.store.supervision import MIN_PASSWORD
from desktop.ui.dialogs import ok_cancel
from desktop.ui.qt import (
    QComboBox,
    QCoreApplication,
    QDate,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence

OUTSOURCED_DAYS = 2  # a new peak-day account lasts until the day after tomorrow
DATE_FORMAT = "dd-MM-yyyy"


@dataclass(frozen=True)
class NewAccount:
    username: str
    full_name: str
    role: Role
    site: str | None
    expires_on: date | None
    password: str


def role_name(role: Role) -> str:
    """The role in the interface's language (the store's messages use core's labels)."""
    names = {
        Role.OPERATOR: QCoreApplication.translate("Accounts", "Operator"),
        Role.OUTSOURCED: QCoreApplication.translate("Accounts", "Operator alih daya"),
        Role.SUPERVISOR: QCoreApplication.translate("Accounts", "Supervisor"),
        Role.ADMIN: QCoreApplication.translate("Accounts", "Admin TI"),
    }
    return names[role]


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _date_edit(name: str, today: date, value: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(to_qdate(today))
    edit.setDate(to_qdate(value))
    return edit


def _password(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class AccountDialog(QDialog):
    """The frame every account dialog shares: an intro, a form, a message line, and
    Cancel / OK buttons; `accept()` checks the fields and emits `submitted`."""

    submitted = Signal()

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel()
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons, self.ok, self.cancel = ok_cancel(self, ok_text)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addSpacing(6)
        box.addLayout(self.form)
        box.addWidget(self.message)
        box.addLayout(buttons)
        self.setMinimumWidth(620)

    def problem(self) -> tuple[str, QWidget] | None:
        """What is missing or wrong, and the field to fix; None when complete."""
        return None

    def accept(self) -> None:
        found = self.problem()
        if found is not None:
            self.complain(*found)
            return
        self.message.clear()
        set_tone(self.message, "")
        self.set_busy(True)
        self.submitted.emit()

    def complain(self, text: str, field: QWidget | None = None) -> None:
        self.set_busy(False)
        self.message.setText(sentence(text))
        set_tone(self.message, "error")
        if field is not None:
            field.setFocus()

    def close_accepted(self) -> None:
        """Close once the store has done it (`accept()` only asks for it)."""
        self.done(QDialog.DialogCode.Accepted)

    def set_busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)

    def _passwords(self, first: QLineEdit, again: QLineEdit) -> tuple[str, QWidget] | None:
        if len(first.text()) < MIN_PASSWORD:
            return fill(self.tr("Kata sandi minimal %1 karakter"), MIN_PASSWORD), first
        if again.text() != first.text():
            return self.tr("Kedua kata sandi tidak sama; ketik ulang keduanya"), again
        return None


class AddAccountDialog(AccountDialog):
    """A new account. Admin TI accounts are offered only to Admin TI; an outsourced
    operator's account needs the day it ends (shown only for that role)."""

    def __init__(
        self,
        actor_role: Role,
        today: date,
        site: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Tambah akun"), self.tr("Buat akun"), parent)
        self.setObjectName("addAccount")
        self.intro.setText(
            self.tr(
                "Akun baru untuk petugas loket. Sampaikan kata sandinya langsung kepada "
                "orangnya; akun operator alih daya berhenti sendiri sesudah tanggal berakhirnya."
            )
        )
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("huruf kecil, mis. alihdaya2"))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.role = QComboBox()
        self.role.setObjectName("role")
        roles = [Role.OPERATOR, Role.OUTSOURCED, Role.SUPERVISOR]
        if actor_role is Role.ADMIN:
            roles.append(Role.ADMIN)
        for role in roles:
            self.role.addItem(role_name(role), role)
        self.site = QComboBox()
        self.site.setObjectName("site")
        self.site.addItem(self.tr("Kedua kantor"), None)
        for code, office in regions().sites.items():
            self.site.addItem(office.name, code)
        self.site.setCurrentIndex(max(self.site.findData(site), 0))
        self.expires_on = _date_edit("expiresOn", today, today + timedelta(days=OUTSOURCED_DAYS))
        self.password = _password("password")
        self.password_again = _password("passwordAgain")
        self.form.addRow(self.tr("Nama pengguna"), self.username)
        self.form.addRow(self.tr("Nama lengkap"), self.full_name)
        self.form.addRow(self.tr("Peran"), self.role)
        self.form.addRow(self.tr("Kantor"), self.site)
        self.form.addRow(self.tr("Berlaku sampai"), self.expires_on)
        self.form.addRow(self.tr("Kata sandi"), self.password)
        self.form.addRow(self.tr("Ulangi kata sandi"), self.password_again)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.username.setFocus()

    def _role_changed(self) -> None:
        self.form.setRowVisible(self.expires_on, self.chosen_role() is Role.OUTSOURCED)
        self.adjustSize()

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())  # Qt hands the enum back as its plain value

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.username.text().strip():
            return self.tr("Isi nama pengguna"), self.username
        if not self.full_name.text().strip():
            return self.tr("Isi nama lengkap petugas"), self.full_name
        return self._passwords(self.password, self.password_again)

    def values(self) -> NewAccount:
        role = self.chosen_role()
        return NewAccount(
            username=self.username.text().strip().lower(),
            full_name=self.full_name.text().strip(),
            role=role,
            site=self.site.currentData(),
            expires_on=from_qdate(self.expires_on.date()) if role is Role.OUTSOURCED else None,
            password=self.password.text(),
        )


def _who(account: AccountInfo) -> str:
    return f"{account.full_name} ({account.username})"


class ResetPasswordDialog(AccountDialog):
    def __init__(self, account: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Atur ulang kata sandi"), self.tr("Simpan kata sandi"), parent)
        self.setObjectName("resetPassword")
        self.account = account
        self.intro.setText(
            fill(
                self.tr(
                    "Kata sandi baru untuk %1. Sampaikan langsung kepada orangnya. Akun yang "
                    "terkunci karena salah kata sandi terbuka lagi."
                ),
                _who(account),
            )
        )
        self.password = _password("password")
        self.password_again = _password("passwordAgain")
        self.form.addRow(self.tr("Kata sandi baru"), self.password)
        self.form.addRow(self.tr("Ulangi kata sandi"), self.password_again)
        self.password.setFocus()

    def problem(self) -> tuple[str, QWidget] | None:
        return self._passwords(self.password, self.password_again)

    def new_password(self) -> str:
        return self.password.text()


class ExtendDialog(AccountDialog):
    """A later end date for an outsourced operator who is still on duty."""

    def __init__(self, account: AccountInfo, today: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Perpanjang akun"), self.tr("Perpanjang"), parent)
        self.setObjectName("extendAccount")
        self.account = account
        current = account.expires_on
        if current is None:
            said = self.tr("Akun %1 tidak punya tanggal berakhir.")
        elif current < today:
            said = self.tr("Akun %1 berakhir pada %2 dan tidak dapat dipakai lagi.")
        else:
            said = self.tr("Akun %1 berlaku sampai %2.")
        self.intro.setText(
            fill(said, _who(account), current.strftime("%d-%m-%Y") if current else "")
            + " "
            + self.tr("Pilih hari terakhir tugasnya.")
        )
        start = max(today, current) if current else today
        self.expires_on = _date_edit("expiresOn", today, start + timedelta(days=OUTSOURCED_DAYS))
        self.form.addRow(self.tr("Berlaku sampai"), self.expires_on)
        self.expires_on.setFocus()

    def new_date(self) -> date:
        return from_qdate(self.expires_on.date())


class DeactivateDialog(AccountDialog):
    def __init__(self, account: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Nonaktifkan akun"), self.tr("Nonaktifkan"), parent)
        self.setObjectName("deactivateAccount")
        self.account = account
        self.intro.setText(
            fill(
                self.tr(
                    "%1 tidak akan dapat masuk lagi. Pekerjaannya tetap tercatat atas "
                    "namanya. Tulis alasannya."
                ),
                _who(account),
            )
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("mis. pindah tugas, masa tugas selesai"))
        self.form.addRow(self.tr("Alasan"), self.reason)
        self.reason.setFocus()

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.reason.text().strip():
            return self.tr("Tulis alasan menonaktifkan akun ini"), self.reason
        return None

    def reason_text(self) -> str:
        return self.reason.text().strip()
