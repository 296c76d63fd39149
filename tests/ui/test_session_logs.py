"""A whole working session at the counter, with the log file written into the data folder
as the app does it: afterwards the logs say what happened, by username and receipt number,
and hold no NIK of the city, no name of a resident served and no password."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.logs import setup_logging, stop_logging
from desktop.ui.qt import Qt
from tests.ui.conftest import DEMO_PASSWORD, Cast, focused, log_in, press, wait_idle

ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def logged(data_dir: Path) -> Iterator[Path]:
    """The data folder, with this process's log records going to its logs folder."""
    setup_logging(data_dir, program="loket")
    yield data_dir
    stop_logging()


def read_logs(folder: Path) -> str:
    stop_logging()  # flushes and closes the file
    files = sorted((folder / "logs").iterdir())
    assert files, "no log file was written"
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def test_a_demo_session_leaves_no_resident_in_the_logs(
    qtbot, ops, store, window, logged: Path, cast: Cast
):
    # Sign in, find residents by name and by NIK, hand a card over (its receipt goes to
    # the missing printer), lock and unlock, sign out.
    log_in(qtbot, window, "operator1")
    wait_idle(qtbot, ops)
    counter = window.counter

    press(qtbot, *cast.name_query, ENTER)
    wait_idle(qtbot, ops)
    assert counter.matches.rowCount() == len(cast.name_matches)
    press(qtbot, Qt.Key.Key_Down, ENTER)
    wait_idle(qtbot, ops)
    assert counter.panel.panel is not None and counter.panel.panel.nik == cast.name_matches[1]

    counter.search.setFocus()
    counter.search.clear()
    press(qtbot, *cast.ready_nik, ENTER)
    wait_idle(qtbot, ops)
    assert focused() is counter.form.present
    press(qtbot, " ", *cast.ready_nik[-4:], ENTER)
    qtbot.waitUntil(lambda: "tidak tercetak" in counter.message.text(), timeout=10_000)
    wait_idle(qtbot, ops)
    receipt_no = store.conn.execute(
        "SELECT receipt_no FROM handovers WHERE nik = ?", (cast.ready_nik,)
    ).fetchone()[0]

    press(qtbot, (Qt.Key.Key_L, CTRL))
    assert window.locked
    press(qtbot, *"bukan-sandi-ini", ENTER)  # a wrong guess first
    wait_idle(qtbot, ops)
    press(qtbot, *DEMO_PASSWORD, ENTER)
    qtbot.waitUntil(lambda: not window.locked, timeout=3_000)

    press(qtbot, (Qt.Key.Key_Q, CTRL))
    wait_idle(qtbot, ops)
    assert window.session is None

    text = read_logs(logged)

    # The log tells the IT staff what happened, by username and receipt number.
    assert "login: operator1" in text
    assert "buka kunci gagal: operator1" in text and "buka kunci: operator1" in text
    assert "logout: operator1" in text
    assert f"tanda terima {receipt_no} tidak tercetak" in text
    assert "NoSuchPrinter-Loket" in text

    # And nothing about the residents, nor the passwords typed.
    niks = [
        nik
        for (nik,) in store.conn.execute("SELECT nik FROM residents UNION SELECT nik FROM cards")
    ]
    assert len(niks) > 1_000
    assert [nik for nik in niks if nik in text] == []
    touched = (cast.ready_nik, *cast.name_matches)
    names = [
        name
        for (name,) in store.conn.execute(
            f"SELECT nama FROM residents WHERE nik IN ({','.join('?' * len(touched))})",
            touched,
        )
    ]
    assert cast.ready_name in names and len(names) == len(touched)
    assert [n for n in names if n.lower() in text.lower()] == []
    assert cast.name_query.lower() not in text.lower()
    assert DEMO_PASSWORD not in text
    assert "bukan-sandi-ini" not in text
