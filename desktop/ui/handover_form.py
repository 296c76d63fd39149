"""The handover checks: holder present with a matching face, the last four digits read off
the physical card, and what happened to the old KTP. The button stays disabled until all
are done; the store checks them again when it records the handover."""

from __future__ import annotations

from desktop.core.handover import OldKtp
from desktop.store.counter import CardPanel
from desktop.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QRegularExpression,
    QRegularExpressionValidator,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.style import set_tone


def last_four_field(parent: QWidget) -> QLineEdit:
    """Where the last four NIK digits read off the physical card are typed: digits only."""
    field = QLineEdit(parent)
    field.setObjectName("lastFour")
    field.setMaxLength(4)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), field))
    field.setPlaceholderText("0000")
    return field


class HandoverForm(QWidget):
    submitted = Signal(str, str, str, str)  # card_id, last four, OldKtp value, police letter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel: CardPanel | None = None
        self.present = QCheckBox(
            self.tr("&Hadir sendiri dan wajah cocok dengan foto kartu (Spasi)")
        )
        self.present.setObjectName("present")
        self.last_four = last_four_field(self)
        self.last_four.setMaximumWidth(140)
        four_label = QLabel(self.tr("4 digit terakhir NIK pada kartu:"))
        four_label.setBuddy(self.last_four)
        self.withdrawn = QRadioButton(self.tr("KTP lama ditarik (Alt+1)"))
        self.lost = QRadioButton(self.tr("KTP lama hilang (Alt+2)"))
        self.none = QRadioButton(self.tr("Belum punya KTP, pemula (Alt+3)"))
        self.withdrawn.setObjectName("oldWithdrawn")
        self.lost.setObjectName("oldLost")
        self.none.setObjectName("oldNone")
        self.choices = QButtonGroup(self)
        for button, value in (
            (self.withdrawn, OldKtp.WITHDRAWN),
            (self.lost, OldKtp.LOST),
            (self.none, OldKtp.NONE),
        ):
            button.setProperty("old_ktp", value.value)
            self.choices.addButton(button)
        self.police_letter = QLineEdit()
        self.police_letter.setObjectName("policeLetter")
        self.police_letter.setPlaceholderText(self.tr("Nomor surat kehilangan dari kepolisian"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("Serahkan kartu (Enter)"))
        self.button.setObjectName("primary")

        grid = QGridLayout()
        grid.addWidget(self.present, 0, 0, 1, 3)
        grid.addWidget(four_label, 1, 0)
        grid.addWidget(self.last_four, 1, 1)
        old = QHBoxLayout()
        for button in (self.withdrawn, self.lost, self.none):
            old.addWidget(button)
        box = QVBoxLayout(self)
        box.addLayout(grid)
        box.addLayout(old)
        box.addWidget(self.police_letter)
        box.addWidget(self.message)
        box.addWidget(self.button)

        self.present.toggled.connect(self._present_toggled)
        self.last_four.textChanged.connect(self._update)
        self.last_four.returnPressed.connect(self.submit)
        self.police_letter.textChanged.connect(self._update)
        self.police_letter.returnPressed.connect(self.submit)
        self.choices.buttonToggled.connect(self._update)
        self.choices.buttonClicked.connect(self._chosen)
        for keys, button in (
            ("Alt+1", self.withdrawn),
            ("Alt+2", self.lost),
            ("Alt+3", self.none),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda button=button: self._choose(button))
        self.button.clicked.connect(self.submit)
        self.set_panel(None)

    def set_panel(self, panel: CardPanel | None) -> None:
        """Arm the form for a card that can be handed over here, or disarm it."""
        self.panel = panel if panel and panel.can_hand_over else None
        self.present.setChecked(False)
        self.last_four.clear()
        self.police_letter.clear()
        self.withdrawn.setChecked(True)
        self.message.clear()
        self.setEnabled(self.panel is not None)
        self.setVisible(self.panel is not None)
        self._update()

    def old_ktp(self) -> OldKtp:
        checked = self.choices.checkedButton()
        return OldKtp(checked.property("old_ktp")) if checked else OldKtp.WITHDRAWN

    def _present_toggled(self, checked: bool) -> None:
        if checked:
            self.last_four.setFocus()
        self._update()

    def _choose(self, button: QRadioButton) -> None:
        button.setChecked(True)
        self._chosen(button)

    def _chosen(self, button) -> None:
        """After choosing (Alt+1/2/3 or a click) the cursor goes where typing continues,
        so Enter still hands over."""
        if button is self.lost:
            self.police_letter.setFocus()
        else:
            self.last_four.setFocus()

    def digits_match(self) -> bool | None:
        digits = self.last_four.text()
        if self.panel is None or len(digits) < 4:
            return None
        return digits == self.panel.nik[-4:]

    def _update(self, *_: object) -> None:
        lost = self.old_ktp() is OldKtp.LOST
        self.police_letter.setVisible(lost)
        match = self.digits_match()
        if match is False:
            self.message.setText(
                self.tr(
                    "Empat digit tidak cocok dengan NIK penduduk ini: kartu yang diambil "
                    "kemungkinan salah. Periksa kartu di kotak."
                )
            )
            set_tone(self.message, "error")
        elif self.message.property("tone") == "error":
            self.message.clear()
        ready = (
            self.panel is not None
            and self.present.isChecked()
            and match is True
            and (not lost or bool(self.police_letter.text().strip()))
        )
        self.button.setEnabled(ready)

    def submit(self) -> None:
        if not self.button.isEnabled() or self.panel is None or self.panel.card is None:
            return
        self.button.setEnabled(False)
        self.submitted.emit(
            self.panel.card.card_id,
            self.last_four.text(),
            self.old_ktp().value,
            self.police_letter.text().strip(),
        )
