"""The supervisor's co-sign at the same workstation: the supervisor reads what is being
approved, writes the reason and signs in with their own name and password.

The dialog only collects; the store checks the password and the role (`supervision.cosign`).
Actions that need more than a reason (a correction's old-KTP record, a home visit's
checks, which handover of a conflict stands) add their fields above the reason.
"""

from __future__ import annotations

from desktop.core.handover import LABELS as OLD_KTP_LABELS
from desktop.core.handover import OldKtp
from desktop.ui.dialogs import ok_cancel
from desktop.ui.handover_form import last_four_field
from desktop.ui.qt import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone


class ExtraFields(QWidget):
    """Fields an action adds to the co-sign dialog, laid out as form rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)

    def first_field(self) -> QWidget:
        """Where typing starts: the first visible field."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and not item.widget().isHidden():
                return item.widget()
        return self

    def problem(self) -> tuple[str, QWidget] | None:
        """What is missing, and the field to fix it in; None when all is filled in."""
        return None


class OldKtpFields(ExtraFields):
    """The old KTP record of a handover: withdrawn, lost (with the police letter) or none.
    With `last_four`, also the four digits read off the card (for a home visit)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        current: OldKtp | None = None,
        last_four: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.expected_four = last_four
        self.last_four = last_four_field(self)
        if last_four is not None:
            self.form.addRow(self.tr("4 digit terakhir NIK pada kartu"), self.last_four)
        else:
            self.last_four.hide()  # a correction does not ask for the card again
        self.old_ktp = QComboBox()
        self.old_ktp.setObjectName("oldKtpChoice")
        for value in OldKtp:
            self.old_ktp.addItem(OLD_KTP_LABELS[value], value.value)
        if current is not None:
            self.old_ktp.setCurrentIndex(self.old_ktp.findData(current.value))
        self.police_letter = QLineEdit()
        self.police_letter.setObjectName("policeLetter")
        self.police_letter.setPlaceholderText(self.tr("Nomor surat kehilangan dari kepolisian"))
        self.form.addRow(self.tr("KTP lama"), self.old_ktp)
        self.form.addRow(self.tr("Surat kehilangan"), self.police_letter)
        self.old_ktp.currentIndexChanged.connect(self._update)
        self._update()

    def chosen(self) -> OldKtp:
        return OldKtp(self.old_ktp.currentData())

    def _update(self, *_: object) -> None:
        lost = self.chosen() is OldKtp.LOST
        self.police_letter.setVisible(lost)
        self.form.labelForField(self.police_letter).setVisible(lost)

    def problem(self) -> tuple[str, QWidget] | None:
        if self.expected_four is not None and self.last_four.text() != self.expected_four:
            return (
                self.tr(
                    "Empat digit tidak cocok dengan NIK penduduk ini: periksa kartu yang dibawa"
                ),
                self.last_four,
            )
        if self.chosen() is OldKtp.LOST and not self.police_letter.text().strip():
            return self.tr("Tulis nomor surat kehilangan dari kepolisian"), self.police_letter
        return None


class ChoiceFields(ExtraFields):
    """One choice among several, e.g. which of two conflicting handovers really happened."""

    def __init__(
        self, label: str, options: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.setObjectName("choice")
        self.choice.addItem(self.tr("— pilih —"), "")
        for text, value in options:
            self.choice.addItem(text, value)
        self.form.addRow(label, self.choice)

    def value(self) -> str:
        return self.choice.currentData() or ""

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.value():
            return self.tr("Pilih salah satu"), self.choice
        return None


class CosignDialog(QDialog):
    approved = Signal(str, str, str)  # supervisor username, password, reason

    def __init__(
        self,
        what: str,
        parent: QWidget | None = None,
        *,
        extra: ExtraFields | None = None,
        reason_label: str | None = None,
    ) -> None:
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
        self.extra = extra
        # The action's fields and the signature share one form, so their labels line up.
        form = extra.form if extra is not None else QFormLayout()
        form.addRow(reason_label or self.tr("Alasan"), self.reason)
        form.addRow(self.tr("Nama pengguna supervisor"), self.username)
        form.addRow(self.tr("Kata sandi supervisor"), self.password)
        buttons, self.ok, self.cancel = ok_cancel(self, self.tr("Setujui"))
        box = QVBoxLayout(self)
        box.addWidget(self.what)
        if extra is not None:
            box.addWidget(extra)
        else:
            box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(buttons)
        self.reason.setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.username.text().strip().lower(), self.password.text(), self.reason.text()

    def _complain(self, text: str, field: QWidget) -> None:
        self.message.setText(text)
        set_tone(self.message, "error")
        field.setFocus()

    def accept(self) -> None:
        """Accept only when every field is filled; what is missing is said in the dialog."""
        problem = self.extra.problem() if self.extra is not None else None
        if problem is not None:
            self._complain(*problem)
            return
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
