"""The issue's acceptance run: `loket-admin demo` at full scale, then `stats`, `check`
and `rebuild` on the result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli import cli

pytestmark = pytest.mark.slow


def test_full_demo_city_matches_the_2012_figures(tmp_path: Path) -> None:
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path)]
    built = runner.invoke(cli, ["demo", *data])
    assert built.exit_code == 0, built.output

    stats = runner.invoke(cli, ["stats", "--json", *data])
    assert stats.exit_code == 0, stats.output
    total = json.loads(stats.output)["lines"][0]
    assert (total["residents"], total["cards"], total["percent"]) == (85_636, 67_536, 78.86)
    shown = runner.invoke(cli, ["stats", *data]).output
    assert "85.636" in shown and "67.536" in shown and "78,86 %" in shown

    checked = runner.invoke(cli, ["check", *data])
    assert checked.exit_code == 0, checked.output
    assert "153.216 event" in checked.output

    rebuilt = runner.invoke(cli, ["rebuild", *data])
    assert rebuilt.exit_code == 0
    assert "identik" in rebuilt.output

    again = runner.invoke(cli, ["demo", *data])
    assert again.exit_code == 0
    assert "sudah diimpor" in again.output
