"""The PyInstaller bundle the office PCs get: built from build_installer.spec into a
temporary folder, then `loket --version` and `loket --self-check` run from it, offscreen,
as IT staff would after installing (about a minute and a half on 2 cores)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("PyInstaller", reason="the bundle extra is not installed")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--workpath", str(work / "build"), "--distpath", str(work / "dist"),
         str(ROOT / "build_installer.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    return work / "dist" / "loket"


def run(program: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_bundle_reports_its_version(bundle: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    for name in ("loket", "loket-admin"):
        program = bundle / (f"{name}.exe" if sys.platform == "win32" else name)
        answer = run(program, "--version")
        assert answer.returncode == 0, answer.stderr
        assert version in answer.stdout


def test_bundle_passes_its_self_check(bundle: Path) -> None:
    answer = run(bundle / ("loket.exe" if sys.platform == "win32" else "loket"), "--self-check")
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "ok  penyimpanan SQLite dibuka" in answer.stdout
    assert "ok  tanda terima dicetak ke PDF" in answer.stdout


def test_bundle_leaves_out_what_a_counter_does_not_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    names = {p.name for p in internal.iterdir()}
    assert not names & {"fastapi", "uvicorn", "psycopg", "pgserver", "pytest", "hypothesis"}
    qt = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*")}  # .so or .pyd
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"} <= qt
    assert not qt & {"QtQml", "QtQuick", "QtNetwork", "QtSql", "QtTest"}
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").exists()
    assert list((internal / "resources" / "translations").glob("*.qm"))
