"""loket-server: run the central store, enrol and revoke devices, import reference data."""

from __future__ import annotations

import getpass
import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from platformdirs import user_data_dir

from sync.server.db import Database

ENV_DSN = "LOKET_SERVER_DSN"
ENV_DATA_DIR = "LOKET_SERVER_DATA_DIR"


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line; callers put only ids and counts in `extra`, never NIKs
    or names."""

    _PLAIN = frozenset(vars(logging.makeLogRecord({})))

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in self._PLAIN})
        return json.dumps(entry, default=str)


def _logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLogFormatter())
    root = logging.getLogger("loket")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def store_options(fn: Callable) -> Callable:
    @click.option("--dsn", envvar=ENV_DSN, help=f"PostgreSQL DSN (or ${ENV_DSN}).")
    @click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=ENV_DATA_DIR,
        default=None,
        help="Data folder: the embedded PostgreSQL when no DSN is given, and the central "
        "import journal.",
    )
    @wraps(fn)
    def wrapper(*args: Any, dsn: str | None, data_dir: Path | None, **kwargs: Any) -> Any:
        folder = data_dir or Path(user_data_dir("loket-server", "Dispendukcapil"))
        try:
            database = Database(dsn=dsn, data_dir=folder)
        except Exception as exc:  # an unreachable DSN, a damaged data folder
            click.echo(f"Failed: cannot open the central store: {exc}", err=True)
            sys.exit(1)
        try:
            return fn(database, folder, *args, **kwargs)
        finally:
            database.close()

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The Loket central store at the Dinas: sync service, device enrolment, imports."""
    _logging()


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8765, show_default=True)
@store_options
def run(database: Database, folder: Path, host: str, port: int) -> None:
    """Serve the sync API until stopped (Ctrl+C)."""
    import uvicorn

    from sync.server.app import create_app

    click.echo(f"loket-server on http://{host}:{port} (store: {_where(database, folder)})")
    uvicorn.run(create_app(database), host=host, port=port, log_config=None, access_log=False)


def _where(database: Database, folder: Path) -> str:
    return "embedded PostgreSQL in " + str(folder) if database._server else "DSN"


@cli.command()
@click.option("--site", type=click.Choice(["MGS", "DSP"]), required=True)
@click.option("--workstation", type=click.IntRange(1, 99), required=True)
@store_options
def enroll(database: Database, folder: Path, site: str, workstation: int) -> None:
    """Print a one-time enrolment code for a workstation (valid 24 hours, one use)."""
    from sync.server.central import create_enrol_code

    with database.connect() as conn:
        code = create_enrol_code(conn, site, workstation)
    click.echo(f"Enrolment code for {site} workstation {workstation} (24 hours, one use):")
    click.echo(code)


@cli.command()
@click.argument("device_id")
@store_options
def revoke(database: Database, folder: Path, device_id: str) -> None:
    """Revoke a device's token: from now on its requests get 401."""
    from sync.server.central import revoke as revoke_device

    with database.connect() as conn:
        if not revoke_device(conn, device_id):
            click.echo(f"Failed: no active device {device_id}", err=True)
            sys.exit(1)
    click.echo(f"Revoked {device_id}.")


def _central_import(database: Database, folder: Path, action: Callable) -> None:
    """Run an import in the central journal, then publish its new events to the feed."""
    from desktop.store import StoreError, open_store
    from desktop.store.importers import ImportRejected
    from sync.protocol import MAX_PAGE, WireEvent
    from sync.server.central import ingest_central

    try:
        with open_store(folder / "central-journal") as store:
            store.initialize_central()
            click.echo(action(store))
            sent = int(store.meta("published_through") or 0)
            pending = [e for e in store.events() if e.seq > sent]
            with database.connect() as conn:
                for start in range(0, len(pending), MAX_PAGE):
                    page = [WireEvent(**e.to_dict()) for e in pending[start : start + MAX_PAGE]]
                    ingest_central(conn, page)
                    with store.write():
                        store.set_meta("published_through", str(page[-1].seq))
            click.echo(f"{len(pending)} events published to the feed.")
    except ImportRejected as exc:
        click.echo(f"Failed: {exc}", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    except StoreError as exc:
        click.echo(f"Failed: {exc}", err=True)
        sys.exit(1)


@cli.command("import-register")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@store_options
def import_register_command(database: Database, folder: Path, file: Path) -> None:
    """Import a resident register at the centre; every workstation gets it by sync."""
    from desktop.store.importers import import_register
    from desktop.store.tables import read_table

    actor = f"loket-server:{getpass.getuser()}"
    _central_import(
        database,
        folder,
        lambda store: import_register(store, read_table(file), actor=actor).summary(),
    )


@cli.command("import-cards")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--batch", "batch_id", required=True)
@click.option("--reprint", is_flag=True)
@store_options
def import_cards_command(
    database: Database, folder: Path, file: Path, batch_id: str, reprint: bool
) -> None:
    """Import a card manifest at the centre; cards are sorted once, for every workstation."""
    from desktop.store.importers import import_cards
    from desktop.store.tables import read_table

    actor = f"loket-server:{getpass.getuser()}"
    _central_import(
        database,
        folder,
        lambda store: import_cards(
            store, read_table(file), batch_id=batch_id, actor=actor, reprint=reprint
        ).summary(),
    )


@cli.command("import-demo")
@click.option("--seed", type=int, default=2012, show_default=True)
@click.option("--scale", type=click.FloatRange(0.001, 20), default=1.0, show_default=True)
@store_options
def import_demo_command(database: Database, folder: Path, seed: int, scale: float) -> None:
    """Import the synthetic demo city at the centre (register, card batches, demo accounts
    with password 'loket-demo'), for trying two workstations against one server."""
    from desktop.store.demo import build_city, load_city

    def action(store) -> str:
        results = load_city(store, build_city(seed, scale), actor="loket-server import-demo")
        return "\n".join(result.summary() for result in results)

    _central_import(database, folder, action)


@cli.command("add-operator")
@click.argument("username")
@click.option("--name", "full_name", required=True)
@click.option(
    "--role", type=click.Choice(["operator", "outsourced", "supervisor", "admin"]), required=True
)
@click.option("--site", type=click.Choice(["MGS", "DSP"]), default=None)
@click.option("--expires", default=None, help="YYYY-MM-DD, for outsourced operators.")
@click.password_option()
@store_options
def add_operator_command(
    database: Database,
    folder: Path,
    username: str,
    full_name: str,
    role: str,
    site: str | None,
    expires: str | None,
    password: str,
) -> None:
    """Add an operator account at the centre; it reaches every workstation by sync."""
    from desktop.core.roles import Role
    from desktop.store.accounts import add_operator

    def action(store) -> str:
        add_operator(
            store, username, full_name, Role(role), password, site=site, expires_on=expires
        )
        return f"Account {username} added."

    _central_import(database, folder, action)


def main() -> None:
    cli(prog_name="loket-server")


if __name__ == "__main__":
    main()
