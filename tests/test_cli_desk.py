"""loket-admin's supervisor desk commands, signed in with `--as`, against a real demo store:
the same permissions and audit entries as the app's desk."""

from __future__ import annotations

import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from desktop.cli import cli
from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.store import open_store
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.handover import record_handover
from desktop.store.sessions import login

AS_SUPERVISOR = ("--as", "supervisor")


def run(*args: str | Path, data_dir: Path, password: str = DEMO_PASSWORD, **kw) -> Result:
    argv = [str(a) for a in args] + ["--data-dir", str(data_dir)]
    return CliRunner().invoke(cli, argv, env={"LOKET_PASSWORD": password}, **kw)


def ok(*args: str | Path, data_dir: Path, **kw) -> str:
    result = run(*args, data_dir=data_dir, **kw)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def city_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-desk") / "data"
    result = CliRunner().invoke(cli, ["demo", "--scale", "0.01", "--data-dir", str(folder)])
    assert result.exit_code == 0, result.output
    with open_store(folder) as store:
        card_id, nik = store.conn.execute(
            "SELECT card_id, nik FROM cards WHERE status = 'ready' AND site = 'MGS' LIMIT 1"
        ).fetchone()
        record_handover(
            store, card_id=card_id, operator="operator1", role=Role.OPERATOR,
            last_four=nik[-4:], old_ktp=OldKtp.WITHDRAWN,
        )  # fmt: skip
    return folder


@pytest.fixture
def data(city_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(city_folder, copy)
    return copy


def audit_actions(folder: Path, actor: str) -> list[str]:
    with open_store(folder) as store:
        return [a for (a,) in store.conn.execute(
            "SELECT action FROM audit WHERE actor = ? ORDER BY id", (actor,)
        )]  # fmt: skip


def test_register_pdf_for_today(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    output = ok("register", "--out", out, *AS_SUPERVISOR, data_dir=data)
    assert "1 baris, 1 diserahkan, 0 dibatalkan" in output
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Daftar Serah Terima KTP-el Harian" in text and "MGS-01-000001" in text
    assert audit_actions(data, "supervisor")[-2:] == ["login", "print-register"]


def test_an_operator_may_not_print_the_register(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    result = run("register", "--out", out, "--as", "operator1", data_dir=data)
    assert result.exit_code == 1
    assert "Gagal:" in result.output and "Operator" in result.output
    assert not out.exists()


def test_a_wrong_password_signs_nobody_in(data: Path, tmp_path: Path) -> None:
    result = run("accounts", *AS_SUPERVISOR, data_dir=data, password="salah-sandi")
    assert result.exit_code == 1
    assert "masuk sebagai supervisor ditolak" in result.output
    assert audit_actions(data, "supervisor")[-1] == "login-failed"


def test_a_bad_day_is_named(data: Path, tmp_path: Path) -> None:
    result = run("register", "--day", "29-11-2026", "--out", tmp_path / "r.pdf",
                 *AS_SUPERVISOR, data_dir=data)  # fmt: skip
    assert result.exit_code == 2 and "TTTT-BB-HH" in result.output


def test_account_lifecycle(data: Path) -> None:
    until = date.today().isoformat()
    output = ok(
        "add-account", "alihdaya9", "--name", "Siti Aminah", "--role", "outsourced",
        "--site", "MGS", "--until", until, *AS_SUPERVISOR,
        data_dir=data, input="puncak-hari-1\npuncak-hari-1\n",
    )  # fmt: skip
    assert f"Akun alihdaya9 dibuat. Berlaku s.d. {until}." in output
    listing = ok("accounts", *AS_SUPERVISOR, data_dir=data)
    assert "alihdaya9" in listing and f"aktif s.d. {date.today():%d-%m-%Y}" in listing

    ok("reset-password", "alihdaya9", *AS_SUPERVISOR, data_dir=data,
       input="sandi-baru-123\nsandi-baru-123\n")  # fmt: skip
    with open_store(data) as store:
        assert login(store, "alihdaya9", "sandi-baru-123").role is Role.OUTSOURCED
    ok("deactivate-account", "alihdaya9", "--reason", "masa tugas selesai", *AS_SUPERVISOR,
       data_dir=data)  # fmt: skip
    assert "nonaktif" in ok("accounts", *AS_SUPERVISOR, data_dir=data)
    actions = audit_actions(data, "supervisor")
    assert {"create-operator", "reset-password", "deactivate-operator"} <= set(actions)


def test_outsourced_operator_cannot_manage_accounts(data: Path) -> None:
    ok("extend-account", "alihdaya1", "--until", date.today().isoformat(), *AS_SUPERVISOR,
       data_dir=data)  # fmt: skip
    result = run("accounts", "--as", "alihdaya1", data_dir=data)
    assert result.exit_code == 1 and "Gagal:" in result.output


def test_outsourced_account_without_end_is_refused(data: Path) -> None:
    result = run("add-account", "alihdaya8", "--name", "Budi", "--role", "outsourced",
                 *AS_SUPERVISOR, data_dir=data, input="puncak-hari-1\npuncak-hari-1\n")  # fmt: skip
    assert result.exit_code == 1 and "tanggal berakhir" in result.output


def test_audit_lists_and_checks_the_chain(data: Path) -> None:
    output = ok("audit", "--person", "supervisor", *AS_SUPERVISOR, data_dir=data)
    assert "Lihat log audit" in output and "Rantai hash utuh" in output


def test_progress_report_pdf(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "kemajuan.pdf"
    output = ok("progress", "--out", out, *AS_SUPERVISOR, data_dir=data)
    assert "1 diserahkan" in output and "kartu diterima" in output
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Laporan Kemajuan Distribusi KTP-el" in text


def test_uncollected_as_pdf_and_as_spreadsheet(data: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "belum.pdf", tmp_path / "belum.xlsx"
    first = ok("uncollected", "--out", pdf, *AS_SUPERVISOR, data_dir=data)
    second = ok("uncollected", "--out", xlsx, *AS_SUPERVISOR, data_dir=data)
    rows = int(first.split(": ")[1].split()[0])
    assert rows > 0 and f": {rows} kartu belum diambil (MGS)." in second
    assert "Daftar KTP-el Belum Diambil" in PdfReader(str(pdf)).pages[0].extract_text()
    assert {"uncollected-list", "export-uncollected"} <= set(audit_actions(data, "supervisor"))


def test_export_handovers_and_refusals(data: Path, tmp_path: Path) -> None:
    today = date.today().isoformat()
    out = tmp_path / "serah.csv"
    assert ": 1 serah terima" in ok(
        "export-handovers", "--from", today, "--out", out, *AS_SUPERVISOR, data_dir=data
    )
    assert out.read_text(encoding="utf-8-sig").count("\n") == 2  # header and one row
    result = run("export-handovers", "--from", today, "--to", "2012-01-01", "--out",
                 tmp_path / "x.csv", *AS_SUPERVISOR, data_dir=data)  # fmt: skip
    assert result.exit_code == 1 and "tukar kedua tanggal" in result.output
    result = run("export-handovers", "--from", today, "--out", tmp_path / "x.csv",
                 "--as", "alihdaya1", data_dir=data)  # fmt: skip
    assert result.exit_code == 1 and "Gagal:" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_invitations_planned_and_printed(data: Path, tmp_path: Path) -> None:
    with open_store(data) as store:
        (code,) = store.conn.execute(
            "SELECT r.kode_kelurahan FROM cards c JOIN residents r ON r.nik = c.nik"
            " WHERE c.site = 'MGS' AND c.status = 'ready' GROUP BY 1 ORDER BY count(*) DESC"
        ).fetchone()
    first = (date.today() + timedelta(days=7)).isoformat()
    letters, cover = tmp_path / "surat.pdf", tmp_path / "daftar.pdf"
    output = ok("invitations", "--kelurahan", code, "--plan", first, "--cap", "5",
                "--letters", letters, "--cover", cover, *AS_SUPERVISOR, data_dir=data)  # fmt: skip
    planned = int(output.split(": ")[1].split()[0])
    assert planned > 0 and f"{letters}: {planned} surat undangan." in output
    text = PdfReader(str(letters)).pages[0].extract_text()
    assert "Undangan pengambilan KTP-el" in text and "UND-" in text
    assert "Hal. 1 dari" in PdfReader(str(cover)).pages[0].extract_text()
    again = run("invitations", "--kelurahan", code, "--plan", first, *AS_SUPERVISOR,
                data_dir=data)  # fmt: skip
    assert again.exit_code == 1 and "Gagal:" in again.output  # nobody left to invite
    result = run("invitations", "--kelurahan", code, "--letters", letters, "--as", "operator1",
                 data_dir=data)  # fmt: skip
    assert result.exit_code == 1
