"""`loket-admin support-bundle`: the zip the IT staff get holds the logs, the versions, the
check and the settings, and never a NIK, a token or the store."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from desktop.cli import data_dir_option
from desktop.cli_support import add_commands
from desktop.logs import setup_logging, stop_logging
from desktop.store import open_store
from desktop.store.demo import build_city, load_city
from desktop.store.settings import WorkstationSettings, save_settings
from desktop.store.store import STORE_FILE

TOKEN = "tok-RAHASIA-7f3a9c"
SERVER_TOKEN = "srv-RAHASIA-55e1"


@click.group()
def admin() -> None:
    """loket-admin with only the support command (the real one is wired in desktop.cli)."""


add_commands(admin, data_dir_option)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(admin, ["support-bundle", *map(str, args)])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, frozenset[str]]:
    """A small city enrolled with a server, whose old log file still holds a NIK."""
    folder = tmp_path_factory.mktemp("support") / "data"
    with open_store(folder) as store:
        store.initialize("MGS", 1)
        load_city(store, build_city(seed=2012, scale=0.005), actor="admin")
        save_settings(store, WorkstationSettings(printer="Epson-Loket-1", receipt_layout="roll80"))
        with store.write():
            store.set_meta("sync.server_url", "http://10.0.0.5:8765")
            store.set_meta("sync.token", TOKEN)
        niks = frozenset(
            nik
            for (nik,) in store.conn.execute(
                "SELECT nik FROM residents UNION SELECT nik FROM cards"
            )
        )
    (folder / "logs").mkdir()
    some_nik = sorted(niks)[0]
    # Written by an older version, or by hand: the bundle scrubs it again.
    (folder / "logs" / "loket.log.1").write_text(
        f"2012-09-10 09:00:00 INFO lama: cari {some_nik}, token={SERVER_TOKEN}\n"
    )
    return folder, niks


@pytest.fixture
def data(template: tuple[Path, frozenset[str]], tmp_path: Path) -> Iterator[Path]:
    folder = shutil.copytree(template[0], tmp_path / "data")
    setup_logging(folder, program="loket-admin")
    logging.getLogger("desktop.uji").info("login: operator1 (operator) di loket 1")
    yield folder
    stop_logging()


def entries(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name).decode("utf-8") for name in bundle.namelist()}


def test_the_bundle_holds_logs_versions_check_and_settings(data: Path, tmp_path: Path, template):
    out = tmp_path / "bantuan.zip"
    result = run("--data-dir", data, "--out", out)

    assert result.exit_code == 0, result.output
    assert f"ditulis: {out}" in result.output
    files = entries(out)
    assert sorted(files) == [
        "check.txt",
        "logs/loket-admin.log",
        "logs/loket.log.1",
        "settings.txt",
        "versions.txt",
    ]
    versions = files["versions.txt"]
    for part in (
        "loket:",
        "python:",
        "pyside6:",
        "qt: 6.",
        "sqlite: 3.",
        "reportlab:",
        "platform:",
    ):
        assert part in versions
    assert files["check.txt"].startswith("Baik: ")
    assert "rantai hash utuh" in files["check.txt"]
    settings = files["settings.txt"]
    assert "site: MGS" in settings and "workstation: 1" in settings
    assert "printer: Epson-Loket-1" in settings and "receipt_layout: roll80" in settings
    assert "sync.server_url: http://10.0.0.5:8765" in settings
    assert "sync.terdaftar: ya" in settings
    assert re.search(r"^m001_journal: \d{4}-", settings, re.MULTILINE)
    assert "login: operator1" in files["logs/loket-admin.log"]

    everything = "\n".join(files.values())
    niks = template[1]
    assert not [nik for nik in niks if nik in everything]
    assert not re.search(r"\d{16}", everything)
    assert TOKEN not in everything and SERVER_TOKEN not in everything
    assert "cari [NIK], token= [disembunyikan]" in files["logs/loket.log.1"]
    with zipfile.ZipFile(out) as bundle:
        assert all(info.file_size < 200_000 for info in bundle.infolist())  # no store inside
    assert not list(tmp_path.glob(".*.tmp"))


def test_default_name_names_the_counter_and_the_time(data: Path, tmp_path: Path, monkeypatch):
    here = tmp_path / "di-sini"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("--data-dir", data)

    assert result.exit_code == 0, result.output
    [made] = here.glob("*.zip")
    assert re.fullmatch(r"loket-support-MGS-01-\d{8}-\d{4}\.zip", made.name)
    assert "versions.txt" in entries(made)


def test_a_folder_without_a_store_still_gets_a_bundle(tmp_path: Path):
    folder = tmp_path / "kosong"
    (folder / "logs").mkdir(parents=True)
    (folder / "logs" / "loket.log").write_text("2012-09-10 09:00:00 ERROR x: tidak terbuka\n")
    out = tmp_path / "b.zip"

    result = run("--data-dir", folder, "--out", out)

    assert result.exit_code == 0, result.output
    files = entries(out)
    assert "tidak ada penyimpanan Loket" in files["check.txt"]
    assert "tidak terbuka" in files["logs/loket.log"]
    assert not (folder / STORE_FILE).exists()  # the bundle made no empty store


def test_a_damaged_store_is_reported_in_the_bundle(tmp_path: Path):
    folder = tmp_path / "rusak"
    folder.mkdir()
    (folder / STORE_FILE).write_bytes(b"bukan sqlite " * 1000)
    out = tmp_path / "b.zip"

    result = run("--data-dir", folder, "--out", out)

    assert result.exit_code == 0, result.output
    assert entries(out)["check.txt"].startswith("RUSAK: penyimpanan tidak dapat dibuka")


def test_a_failed_write_leaves_the_earlier_bundle_whole(data: Path, tmp_path: Path):
    out = tmp_path / "bantuan.zip"
    out.write_bytes(b"bundel kemarin")
    (tmp_path / ".bantuan.zip.tmp").mkdir()  # the temporary file cannot be made

    result = run("--data-dir", data, "--out", out)

    assert result.exit_code == 1
    assert "zip tidak dapat ditulis" in result.output
    assert out.read_bytes() == b"bundel kemarin"


def test_a_missing_data_folder_is_refused(tmp_path: Path):
    result = run("--data-dir", tmp_path / "tidak-ada", "--out", tmp_path / "b.zip")
    assert result.exit_code == 1
    assert "tidak ada" in result.output
    assert not (tmp_path / "b.zip").exists()


def test_the_real_program_says_a_failure_once(tmp_path: Path):
    """Run as a program (no log file, no test logging), the failure is one line on stderr:
    the log record of it must not reach Python's last-resort handler as a second line."""
    missing = tmp_path / "tidak-ada"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "support-bundle", "--data-dir", str(missing)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"Gagal: folder data {missing} tidak ada"]
