"""Backups and restores of the demo city's store (docs/performance.md, "Install and
backups"). Run with the command in docs/performance.md; not part of the normal test run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.store import open_store
from desktop.store.backup import backup_store, restore_store
from desktop.store.check import check_store
from desktop.store.store import STORE_FILE
from tests.bench.conftest import p95_ms


def test_backup_of_the_demo_city(benchmark, demo_store, tmp_path: Path) -> None:
    """The app's daily and on-exit backup: online copy, fsync, quick_check, rotation."""
    usb = tmp_path / "usb"
    usb.mkdir()
    made = benchmark.pedantic(
        lambda: backup_store(demo_store, usb, keep=3), rounds=5, warmup_rounds=1
    )
    benchmark.extra_info["p95_ms"] = p95_ms(benchmark)
    benchmark.extra_info["size_mb"] = round(made.stat().st_size / 1e6, 1)
    assert len(list(usb.glob("*.sqlite"))) == 3


@pytest.fixture
def backed_up_city(demo_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo city's data folder and a backup of it."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(demo_dir / STORE_FILE, folder / STORE_FILE)
    with open_store(folder) as store:
        backup = backup_store(store)  # into <data folder>/backups
    return folder, backup


def test_restore_of_the_demo_city(benchmark, backed_up_city: tuple[Path, Path]) -> None:
    """`loket-admin restore`: copy, the full check, the replaced store set aside, swap."""
    folder, backup = backed_up_city
    benchmark.pedantic(lambda: restore_store(folder, backup), rounds=3, warmup_rounds=0)
    benchmark.extra_info["p95_ms"] = p95_ms(benchmark)
    with open_store(folder) as store:
        assert check_store(store).ok


def test_check_of_the_demo_city(benchmark, demo_store) -> None:
    """`loket-admin check` (and the check inside every restore)."""
    report = benchmark.pedantic(lambda: check_store(demo_store), rounds=3, warmup_rounds=0)
    benchmark.extra_info["p95_ms"] = p95_ms(benchmark)
    assert report.ok
