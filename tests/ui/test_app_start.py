"""Starting `loket`: its arguments, the first-run question, the settings dialog, the real
program coming up on a data folder, and a screen that speaks only Bahasa Indonesia."""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

import pytest

from desktop.store import open_store
from desktop.store.counter import QueuedReceipt
from desktop.store.settings import WorkstationSettings, load_settings
from desktop.ui import printing
from desktop.ui.app import LOCK_FILE, main, parse_args, single_app_lock
from desktop.ui.dialogs import FirstRunDialog, ReprintDialog, SettingsDialog
from desktop.ui.qt import (
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    Qt,
    QTableWidget,
    QTimer,
    QWidget,
)
from tests.ui.conftest import MISSING_PRINTER, Cast, log_in, press, wait_idle

ENTER = Qt.Key.Key_Return
READY_LINE = "loket: siap dalam"
START_TIMEOUT = 20.0  # generous for a loaded CI machine; a normal start takes about a second

# -- arguments -------------------------------------------------------------------------------


def test_parse_args_defaults():
    args = parse_args([])
    assert args.data_dir is None
    assert args.demo is False
    assert args.lang is None


def test_parse_args_every_option(tmp_path: Path):
    args = parse_args(["--data-dir", str(tmp_path), "--demo", "--lang", "en"])
    assert args.data_dir == tmp_path
    assert args.demo is True
    assert args.lang == "en"


def test_parse_args_refuses_an_unknown_language(capsys):
    with pytest.raises(SystemExit) as stopped:
        parse_args(["--lang", "jv"])
    assert stopped.value.code == 2
    assert "--lang" in capsys.readouterr().err


# -- --version and --self-check ---------------------------------------------------------------


def test_version_and_self_check_answer_on_the_console(qtbot, capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"loket {metadata.version('loket')}\n"
    assert main(["--self-check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ok  penyimpanan SQLite dibuka (MGS-01-")
    assert re.fullmatch(r"ok  tanda terima dicetak ke PDF \(\d+ bita\)", lines[1])
    assert re.fullmatch(
        rf"Loket {re.escape(metadata.version('loket'))} siap \(.+ dtk\)\.", lines[2]
    )


def test_self_check_names_the_step_that_failed(qtbot, capsys, monkeypatch):
    def no_printing(*args, **kwargs):
        raise OSError("no PDF driver")

    monkeypatch.setattr(printing, "print_svg_to_pdf", no_printing)
    assert main(["--self-check"]) == 1
    out = capsys.readouterr().out
    assert "GAGAL tanda terima: OSError: no PDF driver" in out and "siap" not in out


def test_windowed_program_without_a_console_answers_in_a_message_box(qtbot, monkeypatch):
    """On Windows `loket.exe` is windowed: sys.stdout is None and print() says nothing."""
    monkeypatch.setattr(sys, "stdout", None)
    shown: list[str] = []

    def read_and_close(box) -> None:
        shown.append(box.text())
        box.accept()

    errors = _in_the_modal_dialog(qtbot, read_and_close)
    assert main(["--version"]) == 0
    errors += _in_the_modal_dialog(qtbot, read_and_close)
    assert main(["--self-check"]) == 0
    assert not errors
    assert shown[0] == f"loket {metadata.version('loket')}"
    assert shown[1].startswith("ok  penyimpanan SQLite dibuka") and " siap (" in shown[1]


# -- first run and settings ------------------------------------------------------------------


def test_first_run_dialog_chooses_office_and_counter(qtbot, tmp_path: Path):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.choice() == ("MGS", 1)

    qtbot.keyClick(dialog.site, Qt.Key.Key_Down)  # Kantor Dispendukcapil
    qtbot.keyClick(dialog.workstation, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.workstation, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.workstation, ENTER)  # the default button: Simpan

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == ("DSP", 3)
    # What `loket` then does with the choice: the data folder becomes that counter's.
    with open_store(tmp_path / "fresh") as store:
        device = store.initialize(*dialog.choice())
        assert (device.site, device.workstation) == ("DSP", 3)


def test_settings_dialog_gives_back_what_it_was_given(qtbot):
    chosen = WorkstationSettings(
        printer="", receipt_layout="roll80", print_preview=True, language="en", idle_lock_minutes=7
    )
    dialog = SettingsDialog(chosen)
    qtbot.addWidget(dialog)
    assert dialog.result_settings() == chosen


def _in_the_modal_dialog(qtbot, act) -> list[BaseException]:
    """Run `act(dialog)` on the next modal dialog once it is open; a failure closes it, so a
    broken test never hangs on a dialog nobody answers."""
    errors: list[BaseException] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        try:
            act(dialog)
        except BaseException as exc:
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(0, answer)
    return errors


def test_settings_round_trip_through_the_window(qtbot, ops, store, window):
    log_in(qtbot, window)
    wait_idle(qtbot, ops)

    def change(dialog: SettingsDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.idle.setFocus()
        qtbot.keyClick(dialog.idle, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.idle, "9")
        qtbot.keyClick(dialog.layout_choice, Qt.Key.Key_Down)  # roll paper
        qtbot.keyClick(dialog.preview, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.idle, ENTER)

    errors = _in_the_modal_dialog(qtbot, change)
    press(qtbot, (Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier))
    wait_idle(qtbot, ops)
    assert errors == []

    saved = load_settings(store)
    assert (saved.idle_lock_minutes, saved.receipt_layout, saved.print_preview) == (
        9,
        "roll80",
        True,
    )
    assert saved.language == "id"
    assert window.settings.idle_lock_minutes == 9
    assert window.idle.interval() == 9 * 60_000
    assert window.status_message.text() == "Pengaturan disimpan."
    # The window's focus is back in the search box (the window itself becomes active again
    # when the platform says so; the offscreen platform may not).
    assert window.focusWidget() is window.counter.search


def test_settings_keep_a_printer_that_is_not_connected(qtbot):
    configured = WorkstationSettings(printer=MISSING_PRINTER)
    dialog = SettingsDialog(configured)
    qtbot.addWidget(dialog)
    assert dialog.result_settings().printer == MISSING_PRINTER


# -- the real program ------------------------------------------------------------------------


def _loket_command() -> list[str]:
    script = Path(sys.executable).with_name("loket")
    if script.exists():
        return [str(script)]
    found = shutil.which("loket")
    if found:
        return [found]
    return [sys.executable, "-m", "desktop.ui.app"]


def test_loket_starts_on_a_data_folder(qtbot, data_dir: Path, tmp_path: Path):
    """The real program comes up; a second start on the same folder is refused while it
    runs; once it is killed (its lock file left behind), the folder can be opened again."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONUNBUFFERED": "1",  # the ready line must not wait in a pipe buffer
    }
    stderr = (tmp_path / "loket.stderr").open("wb")
    started = time.monotonic()
    process = subprocess.Popen(
        [*_loket_command(), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=env,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ready = None
    try:
        while ready is None:
            left = START_TIMEOUT - (time.monotonic() - started)
            try:
                line = lines.get(timeout=max(left, 0.01))
            except queue.Empty:
                break
            if line is None:  # the program ended before it was ready
                break
            if line.startswith(READY_LINE):
                ready = line
        if ready is not None:
            shown: list[str] = []
            errors = _in_the_modal_dialog(
                qtbot, lambda box: (shown.append(box.text()), box.accept())
            )
            assert main(["--data-dir", str(data_dir)]) == 1
            assert not errors
            assert shown == [
                f"Loket sudah terbuka di komputer ini (folder data {data_dir}). Pakai jendela "
                "Loket yang sudah terbuka; bila tidak terlihat, periksa bilah tugas."
            ]
    finally:
        process.kill()
        process.wait(timeout=10)
        stderr.close()
        reader.join(timeout=5)
    errors = (tmp_path / "loket.stderr").read_text(errors="replace")
    assert ready is not None, f"loket did not say it was ready; stderr:\n{errors}"
    assert str(data_dir) in ready
    seconds = float(re.search(r"siap dalam ([\d.]+) dtk", ready).group(1))
    assert seconds < START_TIMEOUT
    assert (data_dir / LOCK_FILE).exists()  # left by the killed program
    lock = single_app_lock(data_dir)
    assert lock is not None  # its owner is gone: the next start takes it over
    lock.unlock()


def test_a_data_folder_that_cannot_be_made_is_not_called_already_open(qtbot, tmp_path: Path):
    taken = tmp_path / "berkas"
    taken.write_text("a file where the data folder should be")
    shown: list[str] = []
    errors = _in_the_modal_dialog(qtbot, lambda box: (shown.append(box.text()), box.accept()))
    assert main(["--data-dir", str(taken)]) == 1
    assert not errors
    assert len(shown) == 1
    assert shown[0].startswith(f"folder data {taken} tidak dapat dibuat")


# -- Bahasa Indonesia ------------------------------------------------------------------------

# Common English words, matched as whole words. "Printer", "Ctrl" and "Enter" are words an
# Indonesian office uses too, and "No." in an address is Nomor.
ENGLISH = {
    "the", "and", "search", "print", "cancel", "save", "login", "password", "error",
    "card", "receipt", "settings", "logout", "lock", "unlock", "name", "user", "username",
    "found", "failed", "ready", "close", "open", "yes", "please", "submit", "handover",
    "loading", "queue", "copy",
}  # fmt: skip


def _texts(top: QWidget) -> list[tuple[str, str]]:
    """Every text a person can read in a widget tree: titles, labels, buttons, check boxes,
    radio buttons, field placeholders and table headers (hidden ones too)."""
    texts = [("windowTitle", top.windowTitle())]
    for kind in (QLabel, QPushButton, QCheckBox, QRadioButton):
        for widget in top.findChildren(kind):
            texts.append((widget.objectName() or kind.__name__, widget.text()))
    for edit in top.findChildren(QLineEdit):
        texts.append((edit.objectName() or "QLineEdit", edit.placeholderText()))
    for table in top.findChildren(QTableWidget):
        for column in range(table.columnCount()):
            item = table.horizontalHeaderItem(column)
            texts.append((table.objectName(), item.text() if item else ""))
    return texts


def english_in(top: QWidget) -> list[tuple[str, str, list[str]]]:
    found = []
    for where, text in _texts(top):
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text.replace("&", ""))}
        if words & ENGLISH:
            found.append((where, text, sorted(words & ENGLISH)))
    return found


def test_english_words_would_be_caught(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    QLabel("Search by NIK", widget)
    QPushButton("Simpan", widget)
    assert [where for where, _, _ in english_in(widget)] == ["QLabel"]


def test_counter_speaks_only_bahasa_indonesia(qtbot, ops, window, cast: Cast):
    log_in(qtbot, window)
    press(qtbot, *cast.ready_nik, ENTER)  # the card panel and the handover checks
    wait_idle(qtbot, ops)
    assert window.counter.form.isVisible()
    assert window.counter.panel.place.isVisible()

    assert english_in(window) == []


def test_dialogs_speak_only_bahasa_indonesia(qtbot):
    queued = QueuedReceipt("MGS-01-000003", "3576020101800001", "Budi", "2012-09-10T09:00", "x")
    for dialog in (
        FirstRunDialog(),
        SettingsDialog(WorkstationSettings()),
        ReprintDialog([queued]),
        ReprintDialog([]),
    ):
        qtbot.addWidget(dialog)
        assert english_in(dialog) == [], type(dialog).__name__
