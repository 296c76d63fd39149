"""The Qt binding Loket runs on must not leak references: PySide6 6.12.0 loses one
reference to None on every call that returns nothing, and on Python 3.11 (where None is
not immortal) the counter aborts with "deallocating None" after a day of work."""

from __future__ import annotations

import sys

from desktop.ui.qt import QObject


def test_calls_returning_nothing_keep_none_alive(qapp) -> None:
    widget = QObject()
    before = sys.getrefcount(None)
    for n in range(5000):
        widget.setObjectName(f"loket-{n % 7}")
    assert sys.getrefcount(None) >= before - 50  # a few may move elsewhere; not thousands
