"""loket-server through click's CliRunner, each command on its own embedded PostgreSQL in a
fresh tmp folder (`--data-dir`), as an admin at the Dinas would run it.

Every command starts and stops the PostgreSQL in its folder (the first start runs initdb,
~1 s; later ones ~0.2 s). A test's own `Database` on that folder is closed before the next
command runs: pgserver shares one server per folder per process, and the command's
`Database.close()` would stop it under the test.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from sync.protocol import CENTRAL_DEVICE
from sync.server import central
from sync.server.cli import cli
from sync.server.db import Database

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
REGISTER = SAMPLES / "register.csv"
MANIFEST = SAMPLES / "kartu-B20120910.csv"
BROKEN = SAMPLES / "register-rusak.csv"
CODE = re.compile(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}")
NO_STORE_ENV = {"LOKET_SERVER_DSN": None, "LOKET_SERVER_DATA_DIR": None}


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """The CLI points the `loket` logger at the runner's stderr; put it back afterwards."""
    logger = logging.getLogger("loket")
    saved = logger.handlers[:], logger.level
    yield
    logger.handlers[:], logger.level = saved[0], saved[1]


def invoke(*args: str | Path, data_dir: Path | None = None) -> Result:
    argv = [str(a) for a in args]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return CliRunner(env=NO_STORE_ENV).invoke(cli, argv, catch_exceptions=False)


def ok(*args: str | Path, data_dir: Path) -> str:
    result = invoke(*args, data_dir=data_dir)
    assert result.exit_code == 0, result.output
    return result.stdout


def central_feed(folder: Path) -> list[dict[str, Any]]:
    database = Database(data_dir=folder)
    try:
        with database.connect() as conn:
            events, since = [], 0
            while True:
                page = central.feed(conn, since, 500)
                events += page.events
                since = page.next
                if not page.more:
                    return events
    finally:
        database.close()


def published(output: str) -> int:
    match = re.search(r"(\d+) events published to the feed", output)
    assert match, output
    return int(match.group(1))


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_every_command_has_help(command: str | None) -> None:
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    if command is None:
        for name in cli.commands:
            assert name in result.stdout
    else:
        assert "--data-dir" in result.stdout and "--dsn" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["enroll", "--site", "JKT", "--workstation", "1"],
        ["enroll", "--site", "MGS", "--workstation", "0"],
        ["enroll", "--site", "MGS", "--workstation", "100"],
        ["enroll", "--workstation", "1"],
        ["revoke"],
        ["import-cards", str(MANIFEST)],
    ],
)
def test_bad_arguments_are_refused_before_any_store_opens(args: list[str], tmp_path: Path) -> None:
    result = invoke(*args, data_dir=tmp_path / "central")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "central").exists()


def test_enroll_prints_a_one_time_code_and_revoke_ends_the_token(
    tmp_path: Path, start_server: Callable[[Database], Any]
) -> None:
    folder = tmp_path / "central"
    output = ok("enroll", "--site", "MGS", "--workstation", "1", data_dir=folder)
    code = output.strip().splitlines()[-1]
    assert CODE.fullmatch(code), output

    database = Database(data_dir=folder)
    try:
        server = start_server(database)
        with httpx.Client(base_url=server.url, timeout=10, verify=False, trust_env=False) as c:
            body = c.post("/v1/enroll", json={"code": code, "hostname": "loket-mgs-1"}).json()
            device_id, token = body["device_id"], body["token"]
            assert device_id.startswith("MGS-01-")
            headers = {"Authorization": f"Bearer {token}"}
            assert c.get("/v1/meta", headers=headers).status_code == 200
            assert c.post("/v1/enroll", json={"code": code}).status_code == 403
        server.stop()
    finally:
        database.close()

    assert f"Revoked {device_id}" in ok("revoke", device_id, data_dir=folder)
    again = invoke("revoke", device_id, data_dir=folder)
    assert again.exit_code == 1
    assert device_id in again.stderr
    unknown = invoke("revoke", "MGS-01-nobody", data_dir=folder)
    assert unknown.exit_code == 1
    assert "MGS-01-nobody" in unknown.stderr

    database = Database(data_dir=folder)
    try:
        server = start_server(database)
        with httpx.Client(base_url=server.url, timeout=10, verify=False, trust_env=False) as c:
            refused = c.get("/v1/meta", headers=headers)
            assert refused.status_code == 401
            assert refused.json()["error"] == "unauthorized"
        server.stop()
    finally:
        database.close()


def test_imports_publish_central_events_once_and_a_broken_file_publishes_nothing(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "central"

    broken = invoke("import-register", BROKEN, data_dir=folder)
    assert broken.exit_code == 1, broken.output
    assert "Failed" in broken.stderr
    assert central_feed(folder) == []

    registered = published(ok("import-register", REGISTER, data_dir=folder))
    received = published(ok("import-cards", MANIFEST, "--batch", "B20120910", data_dir=folder))
    feed = central_feed(folder)
    assert len(feed) == registered + received > 0
    assert {e["device_id"] for e in feed} == {CENTRAL_DEVICE}
    assert [e["seq"] for e in feed] == list(range(1, len(feed) + 1))
    assert [e["server_seq"] for e in feed] == list(range(1, len(feed) + 1))
    types = [e["type"] for e in feed]
    register_rows = len(REGISTER.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
    manifest_rows = len(MANIFEST.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
    assert types.count("resident_registered") == register_rows
    assert types.count("card_received") == manifest_rows
    assert types.count("import_completed") == 2
    cards = [e["payload"] for e in feed if e["type"] == "card_received"]
    assert {c["batch_id"] for c in cards} == {"B20120910"}

    assert published(ok("import-register", REGISTER, data_dir=folder)) == 0
    assert published(ok("import-cards", MANIFEST, "--batch", "B20120910", data_dir=folder)) == 0
    broken = invoke("import-register", BROKEN, data_dir=folder)
    assert broken.exit_code == 1, broken.output
    assert central_feed(folder) == feed
