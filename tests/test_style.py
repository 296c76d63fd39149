"""The code stays `ruff check` and `ruff format` clean, and the core rooms keep their walls."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _imports(folder: Path) -> set[tuple[Path, str]]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(path, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add((path, node.module))
    return found


@pytest.mark.parametrize(
    ("room", "forbidden"),
    [
        ("desktop/core", ("PySide6", "sqlite3", "sqlite_utils", "desktop.store", "desktop.ui",
                          "desktop.documents", "sync", "reportlab")),
        ("desktop/store", ("PySide6", "desktop.ui", "desktop.documents", "reportlab")),
        ("desktop/documents", ("PySide6", "desktop.ui", "desktop.store", "sqlite3")),
        ("sync", ("PySide6", "desktop.ui")),
    ],
)  # fmt: skip
def test_dependencies_point_one_way(room: str, forbidden: tuple[str, ...]) -> None:
    bad = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, module in _imports(ROOT / room)
        if any(module == f or module.startswith(f + ".") for f in forbidden)
    ]
    assert not bad, bad
