"""Sync benchmarks over loopback against the real server and an embedded PostgreSQL:
pushing 10,000 events (beside a plain COPY of the same rows), and a new workstation
pulling the whole demo city. Run with the command in docs/performance.md."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
import uvicorn

from desktop.core.events import EventType
from desktop.store import open_store
from desktop.store.demo import build_city, load_city
from desktop.syncing import enroll_store, sync_store
from sync.protocol import MAX_PAGE, WireEvent
from sync.server.app import create_app
from sync.server.central import create_enrol_code, ingest_central
from sync.server.db import Database

EVENTS = 10_000


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = Database(data_dir=tmp_path_factory.mktemp("pg"))
    yield db
    db.close()


@pytest.fixture(scope="module")
def server(database):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(database), host="127.0.0.1", port=port, log_config=None, access_log=False
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


def _workstation(folder: Path, database: Database, url: str, site: str, number: int):
    store = open_store(folder)
    store.initialize(site, number)
    with database.connect() as conn:
        code = create_enrol_code(conn, site, number)
    enroll_store(store, url, code)
    return store


def test_push_10000_events(benchmark, database, server, tmp_path) -> None:
    store = _workstation(tmp_path / "ws", database, server, "MGS", 7)
    with store.write():
        for n in range(EVENTS):
            store.append(EventType.RECORDING_REQUESTED, {"n": n, "kind": "pemula"})

    def push() -> None:
        report = sync_store(store)
        assert report.pushed == EVENTS

    benchmark.pedantic(push, rounds=1, iterations=1)
    seconds = benchmark.stats.stats.max
    benchmark.extra_info["events_per_s"] = round(EVENTS / seconds)

    # The same rows by COPY into the same PostgreSQL: the floor for ingesting them.
    rows = store.conn.execute(
        "SELECT device_id, seq, event_id, site, type, schema, payload FROM journal"
        " WHERE device_id = ?",
        (store.require_device().device_id,),
    ).fetchall()
    with database.connect() as conn:
        conn.execute("CREATE TEMP TABLE copy_floor (LIKE events INCLUDING DEFAULTS)")
        started = time.perf_counter()
        with (
            conn.transaction(),
            conn.cursor() as cursor,
            cursor.copy(
                "COPY copy_floor (server_seq, device_id, seq, event_id, site, type, schema,"
                " body) FROM STDIN"
            ) as copy,
        ):
            for n, (device, seq, event_id, site, kind, schema, payload) in enumerate(rows):
                copy.write_row(
                    (n, device, seq, uuid.UUID(event_id), site, kind, schema, payload.encode())
                )
        copy_seconds = time.perf_counter() - started
    benchmark.extra_info["copy_s"] = round(copy_seconds, 3)
    benchmark.extra_info["copy_events_per_s"] = round(EVENTS / copy_seconds)
    store.close()


def test_new_workstation_pulls_the_city(benchmark, database, server, tmp_path) -> None:
    central = open_store(tmp_path / "central")
    central.initialize_central()
    load_city(central, build_city(seed=2012), actor="bench")
    events = [WireEvent(**e.to_dict()) for e in central.events()]
    with database.connect() as conn:
        for start in range(0, len(events), MAX_PAGE):
            ingest_central(conn, events[start : start + MAX_PAGE])
    benchmark.extra_info["events"] = len(events)

    def pull() -> None:
        folder = tmp_path / f"ws-{uuid.uuid4().hex[:6]}"
        store = _workstation(folder, database, server, "DSP", 1 + len(list(tmp_path.iterdir())))
        report = sync_store(store)
        assert report.pulled >= len(events)
        assert store.conn.execute("SELECT count(*) FROM residents").fetchone()[0] == 85_636
        store.close()

    benchmark.pedantic(pull, rounds=1, iterations=1)
