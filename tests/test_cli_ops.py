"""loket-admin backup and restore, run through click against real data folders."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner, Result

from desktop.cli import data_dir_option
from desktop.cli_ops import add_commands
from desktop.store import open_store
from desktop.store.store import STORE_FILE


@click.group()
def admin() -> None:
    """loket-admin with this module's commands (cli.py adds them to the real one)."""


add_commands(admin, data_dir_option)


def run(*args: str | Path, data_dir: Path, input: str | None = None) -> Result:
    argv = [str(a) for a in args] + ["--data-dir", str(data_dir)]
    return CliRunner().invoke(admin, argv, input=input, catch_exceptions=False)


def _store(folder: Path, note: str) -> None:
    with open_store(folder) as store:
        store.initialize("MGS", 1)
        with store.write():
            store.set_meta("note", note)


def _note(folder: Path) -> str | None:
    with open_store(folder) as store:
        return store.meta("note")


def test_backup_then_restore_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    usb = tmp_path / "usb"
    usb.mkdir()
    _store(data, "before")
    made = run("backup", "--to", usb, data_dir=data)
    assert made.exit_code == 0, made.output
    assert made.output.startswith("Cadangan dibuat: ")
    (backup,) = usb.iterdir()
    assert backup.name.startswith("loket-MGS-01-") and str(backup) in made.output

    with open_store(data) as store, store.write():
        store.set_meta("note", "after")
    no = run("restore", backup, data_dir=data, input="n\n")
    assert no.exit_code == 1 and "Gagal: dibatalkan" in no.output
    assert _note(data) == "after"

    yes = run("restore", backup, data_dir=data, input="y\n")
    assert yes.exit_code == 0, yes.output
    assert "Penyimpanan lama disimpan sebagai" in yes.output
    assert _note(data) == "before"
    assert len(list(data.glob(f"{STORE_FILE}.replaced-*"))) == 1
    log = (data / "logs" / "loket-admin.log").read_text(encoding="utf-8")
    assert "loket-admin backup selesai" in log
    assert "gagal: dibatalkan; tidak ada yang diganti" in log
    assert f"dipulihkan dari {backup}; penyimpanan lama: {data / STORE_FILE}.replaced-" in log


def test_errors_say_gagal_and_exit_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store(data, "kept")
    missing = run("backup", "--to", tmp_path / "no-usb", data_dir=data)
    assert missing.exit_code == 1
    assert "Gagal: folder cadangan" in missing.output and "sambungkan disk" in missing.output
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("bukan cadangan")
    refused = run("restore", bogus, "--yes", data_dir=data)
    assert refused.exit_code == 1 and "Gagal: cadangan bogus.sqlite" in refused.output
    assert _note(data) == "kept"
