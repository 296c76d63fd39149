"""The counter window and background sync against a real server: the status bar tells
online from offline, counts what waits, says why a refused device cannot sync, and other
counters' handovers show up in the card panel after a sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.store import Store, open_store
from desktop.store.accounts import add_operator
from desktop.store.handover import record_handover
from desktop.store.settings import WorkstationSettings
from desktop.syncing import enroll_store, sync_store
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.qt import Qt
from desktop.ui.sync_worker import BackgroundSync
from sync.server.central import create_enrol_code, revoke

PASSWORD = "rahasia-loket"
NIK = "3576024505850001"
CARD = f"B1-{NIK}"


def _workstation(folder: Path, database, url: str, site: str, ws: int) -> Store:
    store = open_store(folder)
    store.initialize(site, ws)
    with database.connect() as conn:
        code = create_enrol_code(conn, site, ws)
    enroll_store(store, url, code)
    return store


def _reference(store: Store) -> None:
    """A resident with a ready card at MGS and an operator, as if imported centrally."""
    with store.write():
        store.append(
            EventType.RESIDENT_REGISTERED,
            {"nik": NIK, "nama": "Siti Aminah", "jenis_kelamin": "P",
             "tempat_lahir": "Mojokerto", "tanggal_lahir": "1985-05-05",
             "alamat": "Jl. Merak 12", "rt": "001", "rw": "002",
             "kode_kelurahan": "35.76.02.1003", "tanggal_rekam": "2012-03-01",
             "nik_warning": None},
        )  # fmt: skip
        store.append(
            EventType.CARD_RECEIVED,
            {"card_id": CARD, "batch_id": "B1", "nik": NIK, "nama": "SITI AMINAH",
             "kode_kelurahan": "35.76.02.1003", "tanggal_cetak": "2012-05-01",
             "status": "ready", "site": "MGS", "box": 1, "slot": 1, "reason": None},
        )  # fmt: skip
        add_operator(store, "operator1", "Agus Santoso", Role.OPERATOR, PASSWORD, site="MGS")


@pytest.fixture
def pair(tmp_path: Path, server, database):
    """Two enrolled MGS workstations; the first holds the reference data and has synced."""
    first = _workstation(tmp_path / "ws1", database, server.url, "MGS", 1)
    second = _workstation(tmp_path / "ws2", database, server.url, "MGS", 2)
    _reference(first)
    sync_store(first)
    sync_store(second)
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def window(qtbot, pair):
    _, second = pair
    ops = Operations(second)
    sync = BackgroundSync(second.path.parent, interval_ms=3_600_000)
    win = MainWindow(ops, second.require_device(), WorkstationSettings(), sync=sync)
    win.show()
    qtbot.waitExposed(win)
    qtbot.keyClicks(win.login_panel.username, "operator1")
    qtbot.keyClicks(win.login_panel.password, PASSWORD)
    qtbot.keyClick(win.login_panel.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.counter, timeout=10_000)
    yield win
    sync.stop()
    ops.wait()
    win.close()


def test_sync_now_brings_another_counters_handover(qtbot, pair, window) -> None:
    first, _ = pair
    record_handover(first, card_id=CARD, operator="operator1", role=Role.OPERATOR,
                    last_four=NIK[-4:], old_ktp=OldKtp.WITHDRAWN)  # fmt: skip
    sync_store(first)
    with qtbot.waitSignal(window.sync.finished, timeout=20_000) as done:
        qtbot.keyClick(window.counter.search, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert done.args[0].ok and done.args[0].pulled >= 1
    qtbot.waitUntil(lambda: "Daring" in window.status_sync.text(), timeout=10_000)
    assert "0 event menunggu" in window.status_sync.text()

    qtbot.keyClicks(window.counter.search, NIK)
    qtbot.keyClick(window.counter.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "sudah diserahkan" in window.counter.panel.headline.text())
    assert "MGS-01-000001" in window.counter.panel.detail.text()


def test_offline_then_refused(qtbot, pair, window, server, database) -> None:
    _, second = pair
    server_url = second.meta("sync.server_url")
    with second.write():
        second.set_meta("sync.server_url", "http://127.0.0.1:9")  # nothing listens there
    with qtbot.waitSignal(window.sync.finished, timeout=30_000) as done:
        window.sync_now()
    assert not done.args[0].ok and not done.args[0].refused
    qtbot.waitUntil(lambda: "Luring" in window.status_sync.text(), timeout=10_000)

    with second.write():
        second.set_meta("sync.server_url", server_url)
    with database.connect() as conn:
        revoke(conn, second.require_device().device_id)
    with qtbot.waitSignal(window.sync.finished, timeout=20_000) as done:
        window.sync_now()
    assert done.args[0].refused
    qtbot.waitUntil(lambda: "ditolak" in window.status_sync.text(), timeout=10_000)
    assert "dicabut" in window.status_sync.text()
