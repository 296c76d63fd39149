"""Big, calm type for a counter used all day: the look of every Loket window."""

STYLESHEET = """
QWidget { font-size: 15pt; }
QLabel#title { font-size: 20pt; font-weight: bold; }
QLabel#who { font-size: 14pt; color: #1b4f72; font-weight: bold; }
QLineEdit#search { font-size: 22pt; padding: 6px; border: 2px solid #1b4f72; border-radius: 6px; }
QLabel#panelHeadline { font-size: 20pt; font-weight: bold; }
QLabel#place { font-size: 40pt; font-weight: bold; color: #145a32; }
QLabel#residentName { font-size: 20pt; font-weight: bold; }
QFrame#panel { border: 2px solid #aab7b8; border-radius: 8px; background: #fbfcfc; }
QFrame#panel[tone="ok"] { border-color: #1e8449; background: #eafaf1; }
QFrame#panel[tone="stop"] { border-color: #b03a2e; background: #fdedec; }
QFrame#panel[tone="info"] { border-color: #2874a6; background: #ebf5fb; }
QLabel#message[tone="error"] { color: #922b21; font-weight: bold; }
QLabel#message[tone="ok"] { color: #145a32; font-weight: bold; }
QPushButton { padding: 6px 14px; }
QCheckBox::indicator, QRadioButton::indicator { width: 26px; height: 26px; }
QPushButton#primary { font-size: 18pt; font-weight: bold; padding: 10px 24px; }
QTableWidget { font-size: 14pt; }
QStatusBar, QStatusBar QLabel { font-size: 12pt; }
QWidget#desk QWidget { font-size: 12pt; }
QWidget#desk QTableWidget, QWidget#desk QHeaderView::section { font-size: 11pt; }
QWidget#desk QLabel#deskTitle { font-size: 18pt; font-weight: bold; color: #1b4f72; }
QWidget#desk QTabBar::tab { font-size: 13pt; padding: 6px 16px; }
QWidget#desk QLabel#figure { font-size: 22pt; font-weight: bold; color: #1b4f72; }
QWidget#desk QLabel#message[tone="error"] { color: #922b21; font-weight: bold; }
QWidget#desk QLabel#message[tone="ok"] { color: #145a32; font-weight: bold; }
"""


def set_tone(widget, tone: str) -> None:
    """Restyle a widget after changing its `tone` property."""
    widget.setProperty("tone", tone)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
