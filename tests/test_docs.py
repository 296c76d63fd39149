"""Every loket-admin command is documented, in --help and in docs/admin.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_documented(name: str) -> None:
    assert cli.commands[name].help, f"{name} has no --help text"
    assert f"`{name}" in (ROOT / "docs" / "admin.md").read_text(encoding="utf-8")
