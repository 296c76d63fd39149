"""loket-admin through click's CliRunner: every command against a real store in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from desktop.cli import cli, tolerant_output
from desktop.core.regions import regions
from desktop.core.resources import resource_path
from desktop.paths import ENV_DATA_DIR
from desktop.store import open_store

SAMPLES = resource_path("samples")
REGISTER = SAMPLES / "register.csv"
MANIFEST = SAMPLES / "kartu-B20120910.csv"
BROKEN = SAMPLES / "register-rusak.csv"


def run(*args: str | Path, data_dir: Path | None = None, env: dict | None = None) -> Result:
    argv = [str(a) for a in args]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return CliRunner().invoke(cli, argv, env=env, catch_exceptions=False)


def ok(*args: str | Path, data_dir: Path | None = None, env: dict | None = None) -> str:
    result = run(*args, data_dir=data_dir, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def count(data_dir: Path, table: str) -> int:
    with open_store(data_dir) as store:
        return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def sample_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder set up as MGS loket 1 holding the sample register and card batch."""
    folder = tmp_path / "data"
    ok("init", "--site", "MGS", data_dir=folder)
    ok("import-register", REGISTER, data_dir=folder)
    ok("import-cards", MANIFEST, "--batch", "B20120910", data_dir=folder)
    return folder


def test_init_and_imports_report_what_they_did(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    out = ok("init", "--site", "MGS", "--workstation", "3", data_dir=folder)
    assert out.startswith("Siap: Kantor Kecamatan Magersari, loket 3 (MGS-03-")
    assert f"Folder data: {folder}" in out
    out = ok("import-register", REGISTER, data_dir=folder)
    assert out.strip() == "register.csv: 30 baris diimpor: 30 penduduk baru."
    out = ok("import-cards", MANIFEST, "--batch", "B20120910", data_dir=folder)
    assert out.startswith("kartu-B20120910.csv: 30 baris diimpor: 30 kartu baru, 2 salah alamat.")
    assert re.search(r"DSP: kotak 1-\d+\. MGS: kotak 1-\d+\.", out)
    assert count(folder, "residents") == 30 and count(folder, "cards") == 30
    again = ok("import-register", REGISTER, data_dir=folder)
    assert "sudah diimpor" in again and "tidak ada yang berubah" in again


def test_init_refuses_another_identity(data: Path) -> None:
    result = run("init", "--site", "DSP", data_dir=data)
    assert result.exit_code == 1
    assert result.stderr.startswith("Gagal: penyimpanan ini sudah milik MGS loket 1")


def test_import_before_init_says_to_run_init(tmp_path: Path) -> None:
    result = run("import-register", REGISTER, data_dir=tmp_path / "kosong")
    assert result.exit_code == 1
    assert "loket-admin init" in result.stderr


def test_reprint_flag(data: Path, tmp_path: Path) -> None:
    first = sample_rows(MANIFEST)[0]
    path = tmp_path / "cetak-ulang.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(first))
        writer.writeheader()
        writer.writerow({**first, "tanggal_cetak": "2012-09-20"})
    refused = run("import-cards", path, "--batch", "B20120920-CU", data_dir=data)
    assert refused.exit_code == 1
    assert "--reprint" in refused.stderr and "baris 2, kolom nik" in refused.stderr
    out = ok("import-cards", path, "--batch", "B20120920-CU", "--reprint", data_dir=data)
    assert "1 kartu lama diganti cetak ulang" in out


def test_lookup_by_nik_shows_resident_and_card_and_is_audited(data: Path) -> None:
    registered = {r["nik"]: r for r in sample_rows(REGISTER)}
    with_card = next(c for c in sample_rows(MANIFEST) if c["nik"] in registered)
    resident = registered[with_card["nik"]]
    audit_before = count(data, "audit")
    out = ok("lookup", resident["nik"], data_dir=data)
    lines = out.splitlines()
    assert lines[0] == f"{resident['nik']}  {resident['nama']}"
    kelurahan = regions().find_kelurahan(resident["kode_kelurahan"])
    assert f"RT {resident['rt']}/RW {resident['rw']}, {kelurahan.name}" in out
    assert re.search(
        rf"kartu B20120910-{resident['nik']}: siap diserahkan; {kelurahan.site} kotak \d+ slot \d+",
        out,
    )
    assert count(data, "audit") == audit_before + 1
    with open_store(data) as store:
        action, nik = store.conn.execute(
            "SELECT action, nik FROM audit ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert (action, nik) == ("lookup-nik", resident["nik"])


def test_lookup_by_name_lists_matches_and_is_audited(data: Path) -> None:
    resident = next(r for r in sample_rows(REGISTER) if " " in r["nama"])
    audit_before = count(data, "audit")
    out = ok("lookup", resident["nama"].split()[-1].lower(), data_dir=data)
    assert resident["nama"] in out and resident["nik"] in out
    assert count(data, "audit") == audit_before + 1
    none = run("lookup", "Qwertyuiop", data_dir=data)
    assert none.exit_code == 1
    assert none.stderr.strip() == "Gagal: tidak ada penduduk dengan nama 'Qwertyuiop'"


def test_lookup_of_a_misrouted_card(data: Path) -> None:
    registered = {r["nik"] for r in sample_rows(REGISTER)}
    stranger = next(c for c in sample_rows(MANIFEST) if c["nik"] not in registered)
    out = ok("lookup", stranger["nik"], data_dir=data)
    assert f"{stranger['nik']}  (tidak ada di register)" in out
    assert "salah alamat" in out


@pytest.mark.parametrize(
    ("query", "reason"),
    [("357602150485000", "NIK harus 16 digit, ini 15 digit"),
     ("3.57601E+15", "angka ilmiah"),
     ("3576021385000001", "bulan lahir pada NIK")],
)  # fmt: skip
def test_lookup_of_a_malformed_nik_fails_in_one_line(data: Path, query: str, reason: str) -> None:
    result = run("lookup", query, data_dir=data)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Gagal: '{query}' bukan NIK yang sah: ")
    assert reason in lines[0]


def test_lookup_of_an_unknown_nik(data: Path) -> None:
    result = run("lookup", "3576021504850001", data_dir=data)
    assert result.exit_code == 1
    assert "tidak ada di register maupun manifes kartu" in result.stderr


def test_broken_register_exits_1_listing_every_row(data: Path) -> None:
    journal, audit = count(data, "journal"), count(data, "audit")
    result = run("import-register", BROKEN, data_dir=data)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Gagal: register-rusak.csv: ditolak karena 11 masalah;")
    listed = [re.match(r"  baris (\d+), kolom (\w+): ", line) for line in lines[1:]]
    assert all(listed), lines
    assert [(int(m[1]), m[2]) for m in listed] == [
        (3, "nik"), (4, "nik"), (5, "nik"), (6, "nik"), (7, "kode_kelurahan"),
        (8, "kode_kelurahan"), (9, "tanggal_lahir"), (11, "nik"), (12, "nama"),
        (13, "jenis_kelamin"), (14, "rt"),
    ]  # fmt: skip
    assert (count(data, "journal"), count(data, "audit")) == (journal, audit)


def test_non_utf8_file_fails_with_advice(data: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("nik,nama\n3576021504850001,Andr\u00e9\n".encode("latin-1"))
    result = run("import-register", path, data_dir=data)
    assert result.exit_code == 1
    assert result.stderr.startswith("Gagal: latin.csv: baris 2 bukan teks UTF-8")
    assert "CSV UTF-8" in result.stderr


def test_stats_shows_the_totals(data: Path) -> None:
    register = sample_rows(REGISTER)
    prajurit_kulon = sum(r["kode_kelurahan"].startswith("35.76.01.") for r in register)
    out = ok("stats", data_dir=data)
    assert re.search(r"^Kota Mojokerto\s+30\s+30\s+100,00 %$", out, re.MULTILINE), out
    line = re.search(r"^Kec\. Prajurit Kulon\s+(\d+)\s+(\d+)", out, re.MULTILINE)
    assert int(line[1]) == prajurit_kulon
    assert "Kartu salah alamat (pemilik tidak ada di register): 2" in out
    assert "Sudah diserahkan: 0" in out
    figures = json.loads(ok("stats", "--json", data_dir=data))
    total = figures["lines"][0]
    assert (total["code"], total["residents"], total["cards"]) == ("35.76", 30, 30)
    assert figures["misrouted"] == 2 and figures["handed_over"] == 0
    assert len(figures["lines"]) == 1 + 2 + 18


def test_check_passes_and_counts(data: Path) -> None:
    out = ok("check", data_dir=data)
    journal = count(data, "journal")
    assert out.startswith(f"Baik: {journal} event dari 1 perangkat tanpa celah")


def test_rebuild_is_identical(data: Path) -> None:
    out = ok("rebuild", data_dir=data)
    assert "hasil identik" in out


def test_demo_builds_a_small_city_only_in_an_empty_folder(tmp_path: Path, data: Path) -> None:
    folder = tmp_path / "demo"
    out = ok("demo", "--scale", "0.005", data_dir=folder)
    assert out.startswith("Kota demo dibuat: 428 penduduk, ")
    assert "Selesai dalam" in out
    assert count(folder, "residents") == 428
    assert ok("check", data_dir=folder).startswith("Baik:")

    journal = count(data, "journal")
    refused = run("demo", "--scale", "0.005", data_dir=data)
    assert refused.exit_code == 1
    assert "sudah berisi data lain" in refused.stderr
    assert count(data, "journal") == journal


def test_each_run_is_logged_without_the_residents(data: Path) -> None:
    register = sample_rows(REGISTER)
    name = register[0]["nama"]
    assert run("lookup", name, data_dir=data).exit_code == 0
    assert run("lookup", "Qwertyuiop", data_dir=data).exit_code == 1
    assert run("lookup", "3576021504850001", data_dir=data).exit_code == 1
    assert run("import-register", BROKEN, data_dir=data).exit_code == 1
    ok("check", data_dir=data)
    text = (data / "logs" / "loket-admin.log").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert re.match(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO loket-admin: loket-admin init mulai \(versi ",
        lines[0],
    )
    assert "INFO loket-admin: loket-admin init selesai" in text
    assert "INFO loket-admin: loket-admin import-cards selesai" in text
    assert "WARNING loket-admin: gagal: (pencarian penduduk; rincian tidak dicatat)" in text
    assert "WARNING loket-admin: loket-admin lookup gagal (status keluar 1)" in text
    assert "WARNING loket-admin: impor ditolak: 11 masalah" in text
    assert lines[-1].endswith("INFO loket-admin: loket-admin check selesai")
    assert "Qwertyuiop" not in text and name not in text
    assert not any(r["nik"] in text for r in register) and "3576021504850001" not in text
    files = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert files == []  # each run closed its log file


def test_self_check_runs_from_the_console_program(qapp) -> None:
    out = ok("self-check")
    assert out.startswith("ok  penyimpanan SQLite dibuka")
    assert "ok  tanda terima dicetak ke PDF" in out and " siap (" in out


def test_output_in_a_narrow_encoding_does_not_stop_a_command() -> None:
    raw = io.BytesIO()
    piped = io.TextIOWrapper(raw, encoding="cp1252")  # Windows, output piped to a file
    tolerant_output(piped, None)
    piped.write("KTP lama ditarik → hilang; Siti Ámínah\n")
    piped.flush()
    assert raw.getvalue().decode("cp1252") == "KTP lama ditarik ? hilang; Siti Ámínah\n"


def test_every_command_and_option_has_help() -> None:
    assert cli.help and cli.help.strip()
    assert set(cli.commands) >= {"init", "import-register", "import-cards", "demo", "lookup",
                                 "check", "rebuild", "stats"}  # fmt: skip
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help and param.help.strip(), f"{name} {param.opts}"
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help.split()[0] in result.output, name
        if name != "self-check":  # the one command that touches no data folder
            assert "--data-dir" in result.output, name


def test_data_dir_comes_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "dari-env"
    env = {ENV_DATA_DIR: str(folder)}
    out = ok("init", "--site", "DSP", env=env)
    assert "Kantor Dinas Kependudukan" in out and f"Folder data: {folder}" in out
    assert (folder / "loket.sqlite3").exists()
    ok("import-register", REGISTER, env=env)
    assert count(folder, "residents") == 30
    other = tmp_path / "dari-opsi"
    ok("init", "--site", "MGS", data_dir=other, env=env)  # --data-dir wins over the env
    assert count(other, "residents") == 0
