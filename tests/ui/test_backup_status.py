"""The main window backs up on close and once a day, and warns in the status bar when
the last good backup is older than a day or has never been made."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop.store import Store
from desktop.store.backup import LAST_OK, backup_state, last_backup
from desktop.store.settings import WorkstationSettings, save_settings
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from tests.ui.conftest import wait_idle


def _backups(store: Store) -> list[Path]:
    folder = store.path.parent / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


def _set_last_ok(store: Store, when: datetime) -> None:
    with store.write():
        store.set_meta(LAST_OK, when.isoformat(timespec="seconds"))


def test_never_backed_up_warns_then_the_daily_check_backs_up(
    qtbot, window: MainWindow, ops: Operations, store: Store
) -> None:
    wait_idle(qtbot, ops)
    label = window.status_backup
    assert label.objectName() == "backupStatus"
    assert label.isVisible()
    assert label.text() == ("Cadangan terakhir: belum pernah")
    assert label.property("tone") == "error"
    window.check_backup()
    wait_idle(qtbot, ops)
    assert len(_backups(store)) == 1
    assert not label.isVisible()
    window.check_backup()  # a fresh backup: the next check makes none
    wait_idle(qtbot, ops)
    assert len(_backups(store)) == 1


def test_a_day_old_backup_warns_and_is_renewed(
    qtbot, make_window, ops: Operations, store: Store
) -> None:
    old = datetime.now().astimezone() - timedelta(hours=25)
    _set_last_ok(store, old)
    window = make_window()
    wait_idle(qtbot, ops)
    assert window.status_backup.isVisible()
    assert old.strftime("%d-%m-%Y %H:%M") in window.status_backup.text()
    window.check_backup()
    wait_idle(qtbot, ops)
    assert last_backup(store) > old
    assert not window.status_backup.isVisible()


def test_windows_session_end_backs_up_without_a_close_event(
    qtbot, window: MainWindow, ops: Operations, store: Store
) -> None:
    wait_idle(qtbot, ops)
    assert _backups(store) == []
    window.session_ending()  # what QApplication.commitDataRequest calls
    assert len(_backups(store)) == 1  # done before the slot returns: Windows may end us next
    assert window.isVisible()  # the window stays until Windows closes it


def test_timer_runs_the_check(qtbot, ops: Operations, store: Store) -> None:
    window = MainWindow(ops, store.require_device(), WorkstationSettings(), backup_check_ms=50)
    try:
        qtbot.waitUntil(lambda: len(_backups(store)) == 1, timeout=5_000)
    finally:
        wait_idle(qtbot, ops)
        window.close()
        window.deleteLater()


def test_close_backs_up_and_a_failure_does_not_block_it_but_shows_next_start(
    qtbot, ops: Operations, store: Store, tmp_path: Path
) -> None:
    first = MainWindow(ops, store.require_device(), WorkstationSettings())
    wait_idle(qtbot, ops)
    first.close()
    assert len(_backups(store)) == 1  # on close, before the worker is waited for
    first.deleteLater()

    save_settings(store, WorkstationSettings(backup_folder=str(tmp_path / "usb-unplugged")))
    second = MainWindow(ops, store.require_device(), WorkstationSettings())
    wait_idle(qtbot, ops)
    assert second.close()  # closes although the backup fails
    state = backup_state(store)
    assert "usb-unplugged" in state.error
    second.deleteLater()

    third = MainWindow(ops, store.require_device(), WorkstationSettings())
    try:
        wait_idle(qtbot, ops)
        label = third.status_backup
        assert not label.isHidden()  # the window is not shown here
        assert label.text().startswith("Pencadangan gagal · Cadangan terakhir: ")
        assert "usb-unplugged" in label.toolTip()
        third.resize(1280, 800)
        third.grab().save(str(tmp_path / "backup-status.png"))
    finally:
        wait_idle(qtbot, ops)
        third.close()
        third.deleteLater()
