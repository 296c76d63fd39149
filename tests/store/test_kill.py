"""A process killed (SIGKILL) in the middle of an import or a handover leaves a store
that `check` passes, with the interrupted work either whole or absent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.cards import CardStatus
from desktop.store import open_store
from desktop.store.check import check_store
from desktop.store.demo import build_city, export_city, load_city

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _admin(*args: str, data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", *args, "--data-dir", str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_wal(data_dir: Path, min_bytes: int, proc: subprocess.Popen) -> None:
    wal = data_dir / "loket.sqlite3-wal"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size >= min_bytes:
            return
        assert proc.poll() is None, f"import ended before it could be killed: {proc.stderr.read()}"
        time.sleep(0.005)
    raise AssertionError("the import never started writing")


@pytest.fixture(scope="module")
def register_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("city")
    city = build_city(seed=7, scale=0.25)
    export_city(city, folder)
    return folder / "register.csv", len(city.register)


@pytest.mark.parametrize("wal_bytes", [64 * 1024, 2 * 1024 * 1024, 6 * 1024 * 1024])
def test_import_killed_midway_is_absent(
    tmp_path: Path, register_file: tuple[Path, int], wal_bytes: int
) -> None:
    path, rows = register_file
    with open_store(tmp_path) as store:
        store.initialize("MGS", 1)
    proc = _admin("import-register", str(path), data_dir=tmp_path)
    _wait_for_wal(tmp_path, wal_bytes, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(tmp_path) as store:
        report = check_store(store)
        assert report.ok, report.findings
        residents = store.conn.execute("SELECT count(*) FROM residents").fetchone()[0]
        journal = store.conn.execute("SELECT count(*) FROM journal").fetchone()[0]
        audit = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        # Killed while the transaction was still writing: nothing of it may remain.
        assert (residents, journal, audit) == (0, 0, 0)
        before, after = store.rebuild()
        assert before == after
    # And the same file imports whole afterwards.
    done = _admin("import-register", str(path), data_dir=tmp_path)
    _out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    with open_store(tmp_path) as store:
        assert store.conn.execute("SELECT count(*) FROM residents").fetchone()[0] == rows


HANDOVER_LOOP = """
import sys
from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.store import open_store
from desktop.store.handover import record_handover

store = open_store(sys.argv[1])
cards = [r[0] for r in store.conn.execute(
    "SELECT card_id FROM cards WHERE site = 'MGS' AND status = 'ready' ORDER BY card_id")]
for card_id in cards:
    nik = card_id.rsplit("-", 1)[1]
    receipt = record_handover(store, card_id=card_id, operator="operator1", role=Role.OPERATOR,
                              last_four=nik[-4:], old_ktp=OldKtp.WITHDRAWN)
    print(receipt.receipt_no, card_id, flush=True)
"""


@pytest.fixture(scope="module")
def small_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    with open_store(folder) as store:
        store.initialize("MGS", 1)
        load_city(store, build_city(seed=3, scale=0.01), actor="test")
    return folder


@pytest.mark.parametrize("kill_after", [5, 40, 90])
def test_handovers_killed_midway_are_whole_or_absent(
    tmp_path: Path, small_city: Path, kill_after: int
) -> None:
    data = tmp_path / "store"
    data.mkdir()
    for name in os.listdir(small_city):
        (data / name).write_bytes((small_city / name).read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-c", HANDOVER_LOOP, str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    confirmed = []
    assert proc.stdout is not None
    while len(confirmed) < kill_after:
        line = proc.stdout.readline()
        assert line, f"handover loop ended early: {proc.stderr.read()}"
        confirmed.append(line.split())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(data) as store:
        assert check_store(store).ok
        conn = store.conn
        handovers = conn.execute("SELECT receipt_no, card_id FROM handovers").fetchall()
        events = conn.execute("SELECT count(*) FROM journal WHERE type = 'handover'").fetchone()
        audits = conn.execute("SELECT count(*) FROM audit WHERE action = 'handover'").fetchone()
        # Every handover the operator saw confirmed is stored (durable) ...
        assert {tuple(c) for c in confirmed} <= set(handovers)
        # ... and each stored one is whole: event, projection, card state and audit together.
        assert events[0] == audits[0] == len(handovers)
        for _, card_id in handovers:
            status = conn.execute(
                "SELECT status FROM cards WHERE card_id = ?", (card_id,)
            ).fetchone()[0]
            assert status == CardStatus.HANDED_OVER
        numbers = sorted(int(r.rsplit("-", 1)[1]) for r, _ in handovers)
        assert numbers == list(range(1, len(numbers) + 1)), "receipt numbers have a gap"
        before, after = store.rebuild()
        assert before == after
