"""The sign-in panel and the idle lock screen."""

from __future__ import annotations

from desktop.ui.qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone


class LoginPanel(QWidget):
    login_requested = Signal(str, str)  # username, password

    def __init__(self, office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Loket Serah Terima KTP Elektronik"))
        title.setObjectName("title")
        where = QLabel(office)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Masuk"))
        self.button.setObjectName("primary")
        self.button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(where)
        box.addSpacing(16)
        box.addLayout(form)
        box.addWidget(self.button)
        box.addWidget(self.message)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.addWidget(inner, alignment=Qt.AlignmentFlag.AlignCenter)
        self.button.clicked.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        self.button.setEnabled(False)
        self.login_requested.emit(self.username.text(), self.password.text())

    def refused(self, message: str) -> None:
        self.button.setEnabled(True)
        self.message.setText(message[:1].upper() + message[1:])
        set_tone(self.message, "error")
        self.password.clear()
        self.password.setFocus()

    def reset(self) -> None:
        self.button.setEnabled(True)
        self.username.clear()
        self.password.clear()
        self.message.clear()
        self.username.setFocus()


class LockScreen(QWidget):
    """Covers the counter after an idle spell; the work underneath stays as it was."""

    unlock_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Layar terkunci"))
        self.title.setObjectName("title")
        self.who = QLabel()
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Kata sandi"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        unlock = QPushButton(self.tr("Buka"))
        unlock.setObjectName("primary")
        logout = QPushButton(self.tr("Keluar (ganti petugas)"))
        buttons = QHBoxLayout()
        buttons.addWidget(unlock)
        buttons.addWidget(logout)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.who)
        box.addWidget(self.password)
        box.addLayout(buttons)
        box.addWidget(self.message)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.addWidget(inner, alignment=Qt.AlignmentFlag.AlignCenter)
        unlock.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        logout.clicked.connect(self.logout_requested)

    def show_for(self, full_name: str) -> None:
        self.who.setText(self.tr("Dibuka hanya dengan kata sandi %1.").replace("%1", full_name))
        self.password.clear()
        self.message.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password.text())

    def refused(self, message: str) -> None:
        self.message.setText(message[:1].upper() + message[1:])
        set_tone(self.message, "error")
        self.password.clear()
        self.password.setFocus()
