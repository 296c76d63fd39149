"""The settings dialog changes what it shows and keeps what it does not show."""

from __future__ import annotations

from desktop.store.settings import WorkstationSettings
from desktop.ui.dialogs import SettingsDialog


def test_settings_not_in_the_dialog_are_kept(qtbot) -> None:
    before = WorkstationSettings(backup_folder="/media/usb/loket", backup_keep=30)
    dialog = SettingsDialog(before)
    qtbot.addWidget(dialog)

    dialog.idle.setValue(7)
    dialog.backup_folder.setText("  /media/usb/cadangan  ")
    after = dialog.result_settings()

    assert after.idle_lock_minutes == 7
    assert after.backup_folder == "/media/usb/cadangan"
    assert after.backup_keep == 30  # not shown in the dialog, not lost by saving it
