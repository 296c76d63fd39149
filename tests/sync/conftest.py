"""Fixtures for the sync tests: a real embedded PostgreSQL and a real loket-server on loopback.

Nothing is mocked: the database is a PostgreSQL started by `pgserver` in a session tmp
folder, and the server is uvicorn running `sync.server.app.create_app` in a thread,
listening on 127.0.0.1. Talk to it with `httpx.Client(base_url=server.url)`.

Fixtures (any test under tests/sync may use them):

- `pg_database` (session): the one `sync.server.db.Database` of the session (embedded
  PostgreSQL, ~1 s to start), closed at the end. Do not open a second `Database` on its
  folder in this process: pgserver shares one server per folder per process, and closing
  the second one would stop the first.
- `database` (function): the same `Database`, emptied before the test — every row of
  `events`, `devices`, `enrol_codes`, `card_handovers` deleted and `feed_counter.last`
  set to 0 (`reset(database)` does it) — so tests never see each other's data.
- `live_server` (session): the uvicorn server thread; a `LiveServer` with `.url`
  ("http://127.0.0.1:PORT"), `.port`, `.database` and `.errors`. Prefer `server`.
- `server` (function): the same `LiveServer`, after `database` has emptied the store and
  `server.errors` has been cleared.
- `server.errors` (`ServerErrors`): the tracebacks of requests that crashed the app (what
  uvicorn logs with a 500), formatted in the server's thread; `errors.seen` lists them,
  `errors.wait(n)` waits until n have been logged. Wait for it after a 500 before failing
  the test: Python 3.11.7's `ast` is not thread-safe, and uvicorn formatting a traceback
  while pytest formats a failure can crash pytest ("AST constructor recursion depth
  mismatch"). A `uvicorn.error` record is handled only here (it does not propagate) and is
  also written to stderr.
- `start_server` (function): `start_server(database) -> LiveServer` starts another real
  server on a free port for any `Database` (e.g. one a CLI test made); every server it
  started is stopped at teardown. `stop()` on the result stops it earlier (to test a
  client against a server that went away).
- `enrol` (function): `enrol(site="MGS", workstation=1, hostname="test-host",
  device_id=None) -> (device_id, token)`; makes a one-time code with
  `central.create_enrol_code` and exchanges it over `POST /v1/enroll` on `server`.
- `make_event` (function): `make_event(device_id, site, seq, type="handover",
  payload=None, event_id=None) -> dict`, a valid wire event (protocol 1, schema 1). The
  default payload is a handover of a card unique to (device, seq), so default events never
  make a card conflict by accident.
- `auth` (function): `auth(token) -> {"Authorization": "Bearer <token>"}`.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from sync.server import central
from sync.server.app import create_app
from sync.server.db import Database

HOST = "127.0.0.1"
NIK = "3576011609639115"


class ServerErrors(logging.Handler):
    """What uvicorn logs when a request crashed the app, formatted in the server's thread."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        self.seen: list[str] = []
        self._changed = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        sys.stderr.write(text + "\n")
        with self._changed:
            self.seen.append(text)
            self._changed.notify_all()

    def wait(self, count: int = 1, timeout: float = 5.0) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.seen) >= count, timeout)

    def clear(self) -> None:
        with self._changed:
            self.seen.clear()


SERVER_ERRORS = ServerErrors()


@dataclass
class LiveServer:
    """A real uvicorn server in a background thread."""

    url: str
    port: int
    database: Database
    errors: ServerErrors = field(repr=False)
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.should_exit = True
            self._thread.join(timeout=10)


def _serve(database: Database) -> LiveServer:
    errors_log = logging.getLogger("uvicorn.error")
    if SERVER_ERRORS not in errors_log.handlers:
        errors_log.addHandler(SERVER_ERRORS)
        errors_log.propagate = False
    config = uvicorn.Config(
        create_app(database),
        host=HOST,
        port=0,  # the kernel picks a free port; read it back once started
        log_config=None,
        access_log=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="loket-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return LiveServer(f"http://{HOST}:{port}", port, database, SERVER_ERRORS, server, thread)


@pytest.fixture(scope="session")
def pg_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(data_dir=Path(tmp_path_factory.mktemp("pg")))
    try:
        yield database
    finally:
        database.close()


def reset(database: Database) -> None:
    """Empty the central store (schema stays) so the next test starts from nothing.

    DELETE rather than TRUNCATE: same result for these small tables, but ~2 ms instead of
    ~50 ms (TRUNCATE makes and syncs new files), which is seconds over the whole suite."""
    with database.connect() as conn, conn.transaction():
        for table in ("events", "card_handovers", "devices", "enrol_codes"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("UPDATE feed_counter SET last = 0 WHERE id = 1")


@pytest.fixture
def database(pg_database: Database) -> Database:
    reset(pg_database)
    return pg_database


@pytest.fixture(scope="session")
def live_server(pg_database: Database) -> Iterator[LiveServer]:
    server = _serve(pg_database)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def server(database: Database, live_server: LiveServer) -> LiveServer:
    live_server.errors.clear()
    return live_server


@pytest.fixture
def start_server() -> Iterator[Callable[[Database], LiveServer]]:
    started: list[LiveServer] = []

    def start(database: Database) -> LiveServer:
        server = _serve(database)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def auth() -> Callable[[str], dict[str, str]]:
    return lambda token: {"Authorization": f"Bearer {token}"}


@pytest.fixture
def enrol(server: LiveServer) -> Callable[..., tuple[str, str]]:
    def enrol(
        site: str = "MGS",
        workstation: int = 1,
        hostname: str = "test-host",
        device_id: str | None = None,
    ) -> tuple[str, str]:
        with server.database.connect() as conn:
            code = central.create_enrol_code(conn, site, workstation)
        body: dict[str, Any] = {"code": code, "hostname": hostname}
        if device_id is not None:
            body["device_id"] = device_id
        with httpx.Client(timeout=10, verify=False, trust_env=False) as http:
            answer = http.post(f"{server.url}/v1/enroll", json=body)
        assert answer.status_code == 200, answer.text
        return answer.json()["device_id"], answer.json()["token"]

    return enrol


@pytest.fixture
def make_event() -> Callable[..., dict[str, Any]]:
    def make_event(
        device_id: str,
        site: str,
        seq: int,
        type: str = "handover",
        payload: dict[str, Any] | None = None,
        event_id: str | None = None,
    ) -> dict[str, Any]:
        if payload is None:
            payload = {"card_id": f"B20120910-{device_id}-{seq}", "nik": NIK}
        return {
            "event_id": event_id or str(uuid.uuid4()),
            "device_id": device_id,
            "site": site,
            "seq": seq,
            "type": type,
            "schema": 1,
            "wall_time": "2012-09-10T08:15:02+07:00",
            "hlc": f"{1347239702000 + seq:013d}-{0:010d}-{device_id}",
            "payload": payload,
        }

    return make_event
