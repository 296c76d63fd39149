"""Helpers for the sync reliability proof: a real PostgreSQL, the real `loket-server` as a
subprocess on loopback, a TCP proxy that loses answers, and workstation stores that enrol
and sync through it. Nothing is mocked; everything listens on 127.0.0.1 only.

Import the fixtures explicitly where they are used:

    from tests.sync.harness import loket, pg, reference, server_process  # noqa: F401

- `pg` (session): an embedded PostgreSQL (`Database(data_dir=...)`) of this module's own,
  in its own folder; its `.dsn` is what the server processes are given.
- `reference` (session): the reference data of a tiny demo city (`build_city(seed,
  scale=0.005)`) imported once into a central SQLite journal, as the `WireEvent`s
  `loket-server import-*` would publish.
- `server_process` (session): one `ServerProcess` on `pg`; restarted if a test killed it.
- `loket` (function): the central store emptied and the reference data published again,
  the server alive; a `Loket` that makes enrolled workstations and proxies, and closes
  them at teardown.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.roles import Role
from desktop.store import Store, open_store
from desktop.store.demo import build_city, load_city
from desktop.store.handover import Receipt, record_handover
from desktop.store.sync_journal import ACKED, CURSOR, SERVER_URL
from desktop.syncing import enroll_store, sync_store
from sync.client import SyncReport
from sync.protocol import MAX_PAGE, WireEvent
from sync.server import central
from sync.server.db import Database

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]
CITY_SEED = 2012
CITY_SCALE = 0.005
OPERATOR = {"MGS": "operator1", "DSP": "operator3"}  # demo accounts, one per site

# An event that changes no card or resident: a status change of no known request.
NEUTRAL = {"request_no": "PRK-UJI", "status": "waiting"}


# -- the central store --------------------------------------------------------------------


def reset(database: Database) -> None:
    """Empty the central store (the schema stays): no events, devices, codes, handovers."""
    with database.connect() as conn, conn.transaction():
        conn.execute("TRUNCATE events, devices, enrol_codes, card_handovers")
        conn.execute("UPDATE feed_counter SET last = 0 WHERE id = 1")


def build_reference(folder: Path, seed: int = CITY_SEED, scale: float = CITY_SCALE) -> list:
    """Import a tiny demo city into a central journal; its events, ready to publish."""
    with open_store(folder) as store:
        store.initialize_central()
        load_city(store, build_city(seed, scale=scale), actor="loket-server:test")
        return [WireEvent(**event.to_dict()) for event in store.events()]


def publish(database: Database, events: list[WireEvent]) -> None:
    """Publish central events to the feed in pages, as `loket-server import-*` does."""
    with database.connect() as conn:
        for start in range(0, len(events), MAX_PAGE):
            central.ingest_central(conn, events[start : start + MAX_PAGE])


def enrol_code(database: Database, site: str, workstation: int) -> str:
    with database.connect() as conn:
        return central.create_enrol_code(conn, site, workstation)


def device_events(database: Database, device_id: str) -> tuple[int, int, int]:
    """(count, distinct event ids, max seq) the server holds for one device."""
    with database.connect() as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT event_id), coalesce(max(seq), 0) FROM events"
            " WHERE device_id = %s",
            (device_id,),
        ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def device_seqs(database: Database, device_id: str) -> list[int]:
    with database.connect() as conn:
        return [
            int(r[0])
            for r in conn.execute(
                "SELECT seq FROM events WHERE device_id = %s ORDER BY seq", (device_id,)
            )
        ]


def server_seqs(database: Database) -> list[int]:
    with database.connect() as conn:
        return [int(r[0]) for r in conn.execute("SELECT server_seq FROM events ORDER BY 1")]


def server_event_ids(database: Database) -> set[str]:
    with database.connect() as conn:
        return {str(r[0]) for r in conn.execute("SELECT event_id FROM events")}


def count_events(database: Database, device_id: str) -> int:
    with database.connect() as conn:
        row = conn.execute("SELECT count(*) FROM events WHERE device_id = %s", (device_id,))
        return int(row.fetchone()[0])


# -- the server as a process ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class ServerProcess:
    """`python -m sync.server.cli run --dsn DSN` on a free loopback port."""

    def __init__(self, dsn: str, log_path: Path, port: int | None = None) -> None:
        self.dsn = dsn
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.start()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 30.0) -> None:
        env = {**os.environ, "LOKET_SERVER_DATA_DIR": str(self.log_path.parent / "server-data")}
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "sync.server.cli", "run", "--dsn", self.dsn,
                 "--host", HOST, "--port", str(self.port)],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"loket-server exited {self.proc.returncode}:\n{self.log()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=1.0).status_code == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"loket-server did not answer /healthz in {timeout} s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, open transactions are left for PostgreSQL to abort."""
        if self.alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=10)

    def restart(self) -> None:
        self.kill()
        self.start()

    def stop(self) -> None:
        if self.alive:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""


# -- a proxy that loses answers ------------------------------------------------------------


def _read_head(sock: socket.socket, buffer: bytes) -> tuple[bytes, bytes]:
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the end of the headers")
        buffer += chunk
        if len(buffer) > 256 * 1024:
            raise ConnectionError("headers too long")
    head, _, rest = buffer.partition(b"\r\n\r\n")
    return head, rest


def _closing(head: bytes) -> bytes:
    """The same header block, saying `Connection: close` (one request per connection)."""
    lines = [
        line
        for line in head.split(b"\r\n")
        if not line.lower().startswith((b"connection:", b"keep-alive:"))
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n"


Matcher = Callable[[str, str], bool]


def is_push(method: str, path: str) -> bool:
    return method == "POST" and path.split("?")[0].endswith("/events")


class LossyProxy:
    """A TCP proxy on 127.0.0.1 in front of the server, one request per connection.

    `drop_next(n, match)` makes it forward the next n matching requests in full, read the
    server's whole answer (so the server has committed), and then close the client's
    socket without sending it: the client sees a broken connection. `blocked = True`
    closes every new connection at once (a network partition).
    """

    MAX_HANDLERS = 32

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.blocked = False
        self.dropped = 0
        self.forwarded: list[tuple[str, str]] = []
        self._drops: list[Matcher] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.MAX_HANDLERS)
        self._stop = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((HOST, 0))
        self._listener.listen(64)
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._accept, name="lossy-proxy", daemon=True)
        self._thread.start()

    def drop_next(self, n: int = 1, match: Matcher = is_push) -> None:
        with self._lock:
            self._drops.extend([match] * n)

    def clear(self) -> None:
        """No drops armed, not blocked, nothing counted."""
        with self._lock:
            self._drops.clear()
            self.forwarded.clear()
            self.dropped = 0
        self.blocked = False

    @property
    def armed(self) -> int:
        with self._lock:
            return len(self._drops)

    def _take_drop(self, method: str, path: str) -> bool:
        with self._lock:
            for i, match in enumerate(self._drops):
                if match(method, path):
                    del self._drops[i]
                    self.dropped += 1
                    return True
        return False

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.blocked or not self._slots.acquire(timeout=5):
                client.close()
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            client.settimeout(30)
            head, body = _read_head(client, b"")
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            method, path = request_line.split(" ")[:2]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            while len(body) < length:
                chunk = client.recv(65536)
                if not chunk:
                    raise ConnectionError("closed before the end of the body")
                body += chunk
            with socket.create_connection((HOST, self.target_port), timeout=30) as upstream:
                upstream.sendall(_closing(head) + body)
                answer = b""
                while chunk := upstream.recv(65536):
                    answer += chunk
            with self._lock:
                self.forwarded.append((method, path))
            if self._take_drop(method, path):
                return  # the server has answered; the client never hears it
            answer_head, found, answer_body = answer.partition(b"\r\n\r\n")
            if found:
                client.sendall(_closing(answer_head) + answer_body)
        except (OSError, ValueError, ConnectionError):
            pass
        finally:
            client.close()
            self._slots.release()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()


# -- workstations ---------------------------------------------------------------------------


@dataclass
class Workstation:
    """An initialised, enrolled workstation store; `sync()` goes to `meta sync.server_url`."""

    store: Store
    folder: Path
    site: str
    number: int

    @property
    def device_id(self) -> str:
        return self.store.require_device().device_id

    def point_at(self, url: str) -> None:
        with self.store.write():
            self.store.set_meta(SERVER_URL, url)

    def sync(self, **kwargs: Any) -> SyncReport:
        return sync_store(self.store, **kwargs)

    def acked(self) -> int:
        return int(self.store.meta(ACKED) or 0)

    def cursor(self) -> int:
        return int(self.store.meta(CURSOR) or 0)

    def own_max_seq(self) -> int:
        row = self.store.conn.execute(
            "SELECT coalesce(max(seq), 0) FROM journal WHERE device_id = ?", (self.device_id,)
        ).fetchone()
        return int(row[0])

    def ready_cards(self) -> list[tuple[str, str]]:
        """(card_id, nik) of the cards this workstation believes ready at its site."""
        return self.store.conn.execute(
            "SELECT card_id, nik FROM cards WHERE site = ? AND status = 'ready' ORDER BY card_id",
            (self.site,),
        ).fetchall()

    def hand_over(self, card_id: str | None = None) -> Receipt:
        cards = dict(self.ready_cards())
        card_id = card_id or min(cards)
        return record_handover(
            self.store,
            card_id=card_id,
            operator=OPERATOR[self.site],
            role=Role.OPERATOR,
            last_four=cards[card_id][-4:],
            old_ktp=OldKtp.WITHDRAWN,
        )

    def append_notes(self, n: int) -> None:
        """n cheap local events (recording requests, journal only) in one transaction."""
        with self.store.write():
            for i in range(n):
                self.store.append(EventType.RECORDING_STATUS_CHANGED, {**NEUTRAL, "note": i})

    def journal_ids(self) -> set[str]:
        return {r[0] for r in self.store.conn.execute("SELECT event_id FROM journal")}

    def card_states(self) -> list[tuple[str, str]]:
        return self.store.conn.execute(
            "SELECT card_id, status FROM cards ORDER BY card_id"
        ).fetchall()

    def live_handovers(self) -> dict[str, int]:
        return dict(
            self.store.conn.execute(
                "SELECT card_id, count(*) FROM handovers WHERE voided_by IS NULL GROUP BY card_id"
            ).fetchall()
        )

    def close(self) -> None:
        self.store.close()


def make_workstation(
    folder: Path, database: Database, url: str, site: str, number: int, *, enrol: bool = True
) -> Workstation:
    store = open_store(folder)
    store.initialize(site, number)
    station = Workstation(store, folder, site, number)
    if enrol:
        enroll_store(store, url, enrol_code(database, site, number))
    return station


@dataclass
class Loket:
    """One test's world: the central store with the reference data, the server, and the
    workstations and proxies the test makes (closed at teardown)."""

    database: Database
    server: ServerProcess
    reference: list[WireEvent]
    folder: Path
    stations: list[Workstation] = field(default_factory=list)
    proxies: list[LossyProxy] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def workstation(
        self, site: str, number: int, *, sync: bool = True, enrol: bool = True
    ) -> Workstation:
        folder = self.folder / f"{site}-{number}-{len(self.stations)}"
        station = make_workstation(folder, self.database, self.url, site, number, enrol=enrol)
        self.stations.append(station)
        if sync:
            station.sync()
        return station

    def proxy(self) -> LossyProxy:
        proxy = LossyProxy(self.server.port)
        self.proxies.append(proxy)
        return proxy

    def close(self) -> None:
        for proxy in self.proxies:
            proxy.stop()
        for station in self.stations:
            with contextlib.suppress(Exception):
                station.close()


# -- fixtures ------------------------------------------------------------------------------
# Each test module imports these fixtures, and pytest makes one fixture per importing module:
# a session fixture would then run once per module. `_shared` makes them one object, made by
# the first and closed by the last.

_SHARED: dict[str, list] = {}


@contextlib.contextmanager
def _shared(name: str, make: Callable[[], Any], close: Callable[[Any], None]) -> Iterator:
    entry = _SHARED.setdefault(name, [0, None])
    if entry[0] == 0:
        entry[1] = make()
    entry[0] += 1
    try:
        yield entry[1]
    finally:
        entry[0] -= 1
        if entry[0] == 0:
            value, entry[1] = entry[1], None
            close(value)


def _start_pg() -> Database:
    # Not under pytest's basetemp: as root, pgserver runs PostgreSQL as another user, and
    # any pytest starting meanwhile makes /tmp/pytest-of-root private again (0700).
    folder = Path(tempfile.mkdtemp(prefix="loket-reliability-pg-"))
    database = Database(data_dir=folder)
    database.folder = folder
    return database


def _stop_pg(database: Database) -> None:
    database.close()
    shutil.rmtree(database.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg() -> Iterator[Database]:
    with _shared("pg", _start_pg, _stop_pg) as database:
        yield database


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[WireEvent]]:
    def build() -> list[WireEvent]:
        return build_reference(tmp_path_factory.mktemp("central-journal"))

    with _shared("reference", build, lambda _: None) as events:
        yield events


@pytest.fixture(scope="session")
def server_process(pg: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    def start() -> ServerProcess:
        return ServerProcess(pg.dsn, tmp_path_factory.mktemp("server") / "server.log")

    with _shared("server", start, ServerProcess.stop) as server:
        yield server


@pytest.fixture
def loket(
    pg: Database, reference: list[WireEvent], server_process: ServerProcess, tmp_path: Path
) -> Iterator[Loket]:
    if not server_process.alive:
        server_process.start()
    reset(pg)
    publish(pg, reference)
    world = Loket(pg, server_process, reference, tmp_path)
    try:
        yield world
    finally:
        world.close()
