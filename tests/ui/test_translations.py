"""The UI speaks Bahasa Indonesia from its source strings and English from loket_en.qm;
the translation files must cover every string and be compiled from the current sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.core.resources import resource_path
from desktop.ui.i18n import install_language

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "loket_en.ts")
QM = resource_path("translations", "loket_en.qm")


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def _unfinished(ts: Path) -> list[str]:
    return [
        message.findtext("source") or ""
        for message in ET.parse(ts).iter("message")
        if message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
    ]


def test_every_string_in_the_code_is_translated(tmp_path: Path) -> None:
    copy = tmp_path / "loket_en.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    subprocess.run(
        [_tool("lupdate"), *sources, "-no-obsolete", "-locations", "none", "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    assert _unfinished(copy) == [], "run resources/translations/update.py and translate"


def test_compiled_file_matches_the_source(tmp_path: Path) -> None:
    fresh = tmp_path / "loket_en.qm"
    subprocess.run([_tool("lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run resources/translations/update.py"


def test_english_is_selectable(qapp) -> None:
    from desktop.ui.login import LoginPanel

    translator = install_language(qapp, "en")
    try:
        panel = LoginPanel("Kantor Kecamatan Magersari")
        assert panel.button.text() == "Log in"
        assert panel.password.echoMode() == panel.password.EchoMode.Password
    finally:
        qapp.removeTranslator(translator)
    assert LoginPanel("x").button.text() == "Masuk"


def test_unknown_language_file_is_an_error(qapp) -> None:
    with pytest.raises(FileNotFoundError, match=r"loket_xx\.qm"):
        install_language(qapp, "xx")
