"""The supervisor's co-sign at the same workstation: the supervisor reads what is being
approved, writes the reason and signs in with their own name and password.

The dialog only collects; the store checks the password and the role (`supervision.cosign`).
"""

from __future__ import annotations

from desktop.ui.qt import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone


class CosignDialog(QDialog):
    approved = Signal(str, str, str)  # supervisor username, password, reason

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cosign")
        self.setWindowTitle(self.tr("Persetujuan supervisor"))
        self.what = QLabel(what)
        self.what.setObjectName("what")
        self.what.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.username = QLineEdit()
        self.username.setObjectName("supervisorName")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Alasan"), self.reason)
        form.addRow(self.tr("Nama pengguna supervisor"), self.username)
        form.addRow(self.tr("Kata sandi supervisor"), self.password)
        self.ok = QPushButton(self.tr("Setujui"))
        self.ok.setObjectName("primary")
        self.ok.setDefault(True)
        self.cancel = QPushButton(self.tr("Batal"))
        self.ok.clicked.connect(self.accept)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        box = QVBoxLayout(self)
        box.addWidget(self.what)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(buttons)
        self.reason.setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.username.text().strip().lower(), self.password.text(), self.reason.text()

    def _complain(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        set_tone(self.message, "error")
        field.setFocus()

    def accept(self) -> None:
        """Accept only when every field is filled; what is missing is said in the dialog."""
        if not self.reason.text().strip():
            self._complain(self.tr("Tulis alasannya"), self.reason)
            return
        if not self.username.text().strip():
            self._complain(self.tr("Tulis nama pengguna supervisor"), self.username)
            return
        if not self.password.text():
            self._complain(self.tr("Tulis kata sandi supervisor"), self.password)
            return
        super().accept()
        self.approved.emit(*self.values())
