"""The log files: where they go, what a line looks like, rotation, the level, uncaught
exceptions, and the filter that keeps NIKs and secrets out even when a caller slips."""

from __future__ import annotations

import logging
import os
import stat
import sys
import threading
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from desktop import logs
from desktop.logs import BACKUP_COUNT, MAX_BYTES, scrub, setup_logging, stop_logging

NIK = "3576021505800001"


@pytest.fixture(autouse=True)
def _no_log_left_open() -> Iterator[None]:
    level = logging.getLogger().level
    yield
    stop_logging()
    assert logging.getLogger().level == level


def read_log(folder: Path, program: str = "loket") -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / "logs" / f"{program}.log").read_text(encoding="utf-8")


def our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]


# -- the filter ------------------------------------------------------------------------------


def test_scrub_replaces_every_sixteen_digit_run():
    assert scrub(f"cari {NIK} lalu {NIK}.") == "cari [NIK] lalu [NIK]."
    assert scrub(f"nik={NIK}7") == "nik=[NIK]"  # a longer run goes whole
    # Receipt numbers, dates and counts stay readable.
    assert scrub("tanda terima MGS-01-000123, 2012-09-10, 1713 penduduk") == (
        "tanda terima MGS-01-000123, 2012-09-10, 1713 penduduk"
    )


@pytest.mark.parametrize(
    "text",
    [
        "password=rahasia123 lanjut",
        "login {'username': 'operator1', 'password': 'rahasia123'}",
        "kata_sandi: rahasia123",
        "sync.token = rahasia123",
        'headers {"Authorization": "Bearer rahasia123"}',
        "Bearer rahasia123",
    ],
)
def test_scrub_drops_what_follows_a_secret_key(text: str):
    cleaned = scrub(text)
    assert "rahasia123" not in cleaned
    assert logs.HIDDEN in cleaned


def test_scrub_keeps_ordinary_words_about_passwords():
    text = "nama pengguna atau kata sandi salah (4 kali lagi)"
    assert scrub(text) == text


def test_a_careless_message_reaches_the_file_scrubbed(tmp_path: Path):
    setup_logging(tmp_path, program="loket")
    careless = logging.getLogger("desktop.ceroboh")
    careless.warning("penduduk %s, password=%s", NIK, "Rahasia-99")
    careless.info("baris\nkedua")

    text = read_log(tmp_path)
    assert NIK not in text and "Rahasia-99" not in text
    assert "penduduk [NIK], password= [disembunyikan]" in text
    assert "baris ⏎ kedua" in text  # one line per record


def test_an_exception_text_is_scrubbed_too(tmp_path: Path):
    setup_logging(tmp_path, program="loket")
    try:
        raise KeyError(f"token={NIK}-rahasia")
    except KeyError:
        logging.getLogger("desktop.ceroboh").exception("gagal untuk %s", NIK)

    text = read_log(tmp_path)
    assert "Traceback (most recent call last)" in text
    assert "KeyError" in text
    assert NIK not in text and "rahasia" not in text


# -- the file --------------------------------------------------------------------------------


def test_a_line_has_time_level_logger_and_message(tmp_path: Path):
    path = setup_logging(tmp_path, program="loket")
    logging.getLogger("desktop.contoh").info("loket %s mulai", "0.1.0")

    assert path == tmp_path / "logs" / "loket.log"
    [line] = read_log(tmp_path).splitlines()
    assert line.endswith(" INFO desktop.contoh: loket 0.1.0 mulai")
    date, time = line.split()[:2]
    assert len(date) == 10 and date[4] == "-" and len(time) == 8 and time[2] == ":"


@pytest.mark.skipif(os.name != "posix", reason="Windows: the user profile protects it")
def test_a_new_data_folder_is_made_private_before_its_log(tmp_path: Path):
    folder = tmp_path / "baru" / "data"
    setup_logging(folder, program="loket")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / "logs" / "loket.log").exists()


def test_setting_up_twice_adds_no_second_handler(tmp_path: Path):
    before = len(logging.getLogger().handlers)
    setup_logging(tmp_path, program="loket")
    setup_logging(tmp_path, program="loket")
    assert len(logging.getLogger().handlers) == before + 1

    logging.getLogger("desktop.contoh").warning("sekali saja")
    assert read_log(tmp_path).count("sekali saja") == 1


def test_setting_up_another_folder_moves_the_records(tmp_path: Path):
    setup_logging(tmp_path / "a", program="loket")
    setup_logging(tmp_path / "b", program="loket-admin")
    logging.getLogger("desktop.contoh").warning("ke b")

    assert len(our_handlers()) == 1
    assert "ke b" in read_log(tmp_path / "b", "loket-admin")
    assert "ke b" not in read_log(tmp_path / "a")


def test_info_by_default_and_the_environment_changes_it(tmp_path: Path, monkeypatch):
    setup_logging(tmp_path / "info", program="loket")
    logging.getLogger("desktop.contoh").debug("rincian")
    logging.getLogger("desktop.contoh").info("biasa")
    text = read_log(tmp_path / "info")
    assert "biasa" in text and "rincian" not in text

    monkeypatch.setenv("LOKET_LOG_LEVEL", "debug")
    setup_logging(tmp_path / "debug", program="loket")
    logging.getLogger("desktop.contoh").debug("rincian")
    assert "rincian" in read_log(tmp_path / "debug")

    monkeypatch.setenv("LOKET_LOG_LEVEL", "bukan-level")
    assert logs.log_level() == logging.INFO


def test_files_rotate_at_one_megabyte_and_five_are_kept(tmp_path: Path):
    setup_logging(tmp_path, program="loket")
    line = "x" * 1_000
    for n in range(7_000):  # about 7 MB
        logging.getLogger("desktop.banyak").info("%05d %s", n, line)

    files = sorted((tmp_path / "logs").iterdir())
    assert [f.name for f in files] == ["loket.log"] + [
        f"loket.log.{n}" for n in range(1, BACKUP_COUNT + 1)
    ]
    assert len(files) == 5
    assert all(f.stat().st_size <= MAX_BYTES for f in files)
    assert "06999" in read_log(tmp_path)  # the newest is in the current file


def test_an_unwritable_folder_leaves_the_program_running(tmp_path: Path, capsys):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    assert setup_logging(blocker, program="loket") is None
    assert "log tidak dapat ditulis" in capsys.readouterr().err


# -- uncaught exceptions ---------------------------------------------------------------------


def test_uncaught_exception_is_logged_with_its_traceback(tmp_path: Path, monkeypatch):
    reported: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: reported.append(kind))
    setup_logging(tmp_path, program="loket")

    def fails() -> None:
        raise RuntimeError(f"rusak di {NIK}")

    try:
        fails()
    except RuntimeError:
        sys.excepthook(*sys.exc_info())

    text = read_log(tmp_path)
    assert "CRITICAL desktop.logs: kesalahan tak tertangani" in text
    assert "in fails" in text and "RuntimeError: rusak di [NIK]" in text
    assert reported == [RuntimeError]  # and the hook it replaced still reports it
    stop_logging()  # before monkeypatch puts the hook back


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_uncaught_exception_in_a_thread_is_logged(tmp_path: Path):
    setup_logging(tmp_path, program="loket")

    def fails() -> None:
        raise ValueError("di thread")

    thread = threading.Thread(target=fails, name="sinkron-uji")
    thread.start()
    thread.join()

    text = read_log(tmp_path)
    assert "kesalahan tak tertangani di thread sinkron-uji" in text
    assert "ValueError: di thread" in text


def test_stopping_puts_the_hooks_back(tmp_path: Path):
    hooks = (sys.excepthook, threading.excepthook)
    setup_logging(tmp_path, program="loket")
    assert sys.excepthook is not hooks[0]
    stop_logging()
    assert (sys.excepthook, threading.excepthook) == hooks
    assert our_handlers() == []
