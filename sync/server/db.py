"""The central store: PostgreSQL, either at a configured DSN or an embedded server from the
`pgserver` package in the data folder. The schema is created and migrated here."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg

log = logging.getLogger("loket.server")

MIGRATIONS: list[str] = [
    """
    CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        workstation INTEGER NOT NULL,
        hostname TEXT,
        token_hash TEXT UNIQUE,
        enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        revoked_at TIMESTAMPTZ
    );
    CREATE TABLE enrol_codes (
        code_hash TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        workstation INTEGER NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        expires_at TIMESTAMPTZ NOT NULL,
        used_at TIMESTAMPTZ,
        device_id TEXT
    );
    -- One row, locked by every writing transaction: server_seq is taken from it, so the
    -- feed's order is commit order and a reader never skips an event.
    CREATE TABLE feed_counter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last BIGINT NOT NULL
    );
    INSERT INTO feed_counter VALUES (1, 0);
    CREATE TABLE events (
        server_seq BIGINT PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        event_id UUID NOT NULL UNIQUE,
        site TEXT NOT NULL,
        type TEXT NOT NULL,
        schema INTEGER NOT NULL,
        body BYTEA NOT NULL,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        clock_skew_ms BIGINT,
        UNIQUE (device_id, seq)
    );
    CREATE TABLE card_handovers (
        card_id TEXT NOT NULL,
        event_id UUID NOT NULL,
        live BOOLEAN NOT NULL DEFAULT true,
        PRIMARY KEY (card_id, event_id)
    );
    """,
]


def migrate(conn: psycopg.Connection) -> None:
    with conn.transaction():
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        conn.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE")
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        current = row[0] or 0
        if current > len(MIGRATIONS):
            raise RuntimeError(
                f"database schema version {current} is newer than this loket-server "
                f"({len(MIGRATIONS)}); install the newer loket-server"
            )
        for version in range(current + 1, len(MIGRATIONS) + 1):
            conn.execute(MIGRATIONS[version - 1])
            conn.execute("INSERT INTO schema_version VALUES (%s)", (version,))
            log.info("schema migrated", extra={"version": version})


class Database:
    """Where the central store lives: a DSN, or an embedded PostgreSQL in `data_dir`."""

    def __init__(self, dsn: str | None = None, data_dir: Path | None = None) -> None:
        self._server = None
        if dsn:
            self.dsn = dsn
        else:
            if data_dir is None:
                raise ValueError("either a DSN or a data folder is needed")
            import pgserver  # imported here: a production DSN does not need it

            data_dir.mkdir(parents=True, exist_ok=True)
            self._server = pgserver.get_server(data_dir / "pgdata", cleanup_mode="stop")
            self.dsn = self._server.get_uri()
        with self.connect() as conn:
            migrate(conn)

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.dsn, autocommit=True)

    def close(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None
