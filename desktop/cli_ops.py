"""loket-admin backup and restore: the store's backups for the Dinas IT staff."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from desktop.cli_common import ADMIN, fail
from desktop.logs import command_log
from desktop.paths import ENV_DATA_DIR, default_data_dir
from desktop.store import Store, StoreError
from desktop.store.backup import restore_store


def add_commands(cli: click.Group, data_dir_option: Callable) -> None:
    @cli.command()
    @click.option(
        "--to",
        "folder",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder tujuan (mis. disk USB). Bawaan: folder cadangan di Pengaturan, "
        "atau folder 'backups' di folder data.",
    )
    @data_dir_option
    def backup(store: Store, folder: Path | None) -> None:
        """Buat cadangan penyimpanan (aman saat aplikasi Loket berjalan) dan rotasi."""
        from desktop.store.backup import backup_store

        started = time.perf_counter()
        path = backup_store(store, folder)
        size = path.stat().st_size / 1_000_000
        seconds = time.perf_counter() - started
        click.echo(f"Cadangan dibuat: {path} ({size:.1f} MB, {seconds:.1f} dtk).")

    @cli.command()
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--yes", is_flag=True, help="Jangan tanya konfirmasi.")
    @click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Folder data loket. Bawaan: ${ENV_DATA_DIR}, atau folder data pengguna.",
    )
    def restore(file: Path, yes: bool, data_dir: Path | None) -> None:
        """Pulihkan penyimpanan dari FILE cadangan (tutup aplikasi Loket dahulu).

        Cadangan diperiksa seperti 'loket-admin check' sebelum apa pun diganti; penyimpanan
        yang diganti disimpan di samping sebagai loket.sqlite3.replaced-<waktu>.
        """
        folder = data_dir or default_data_dir()
        with command_log(folder, ADMIN, "restore") as log:
            if not yes and not click.confirm(
                f"Ganti penyimpanan di {folder} dengan cadangan {file.name}?", default=False
            ):
                fail("dibatalkan; tidak ada yang diganti")
            try:
                aside = restore_store(folder, file)
            except StoreError as exc:
                fail(str(exc))
            log.info("dipulihkan dari %s; penyimpanan lama: %s", file, aside or "tidak ada")
            click.echo(f"Dipulihkan dari {file}.")
            if aside is not None:
                click.echo(f"Penyimpanan lama disimpan sebagai {aside}.")
            _catch_up(folder)


def _catch_up(folder: Path) -> None:
    """A restored enrolled workstation syncs at once, taking back from the server what it
    recorded after the backup; until that succeeds it records nothing new."""
    from desktop.store import open_store
    from desktop.store.store import CATCH_UP
    from desktop.syncing import sync_store
    from sync.client import SyncError

    with open_store(folder) as store:
        if not store.meta(CATCH_UP):
            return
        click.echo("Sinkron dengan server untuk mengambil kembali yang dicatat sesudah cadangan…")
        try:
            report = sync_store(store)
        except (SyncError, StoreError) as exc:
            click.echo(
                f"Belum sinkron: {exc}. Loket menolak serah terima baru sampai sinkron "
                "berhasil; jalankan 'loket-admin sync' (atau Ctrl+S di aplikasi) begitu "
                "server dapat dihubungi.",
                err=True,
            )
            return
        if store.meta(CATCH_UP):
            click.echo("Sinkron belum cocok dengan server; ulangi 'loket-admin sync'.", err=True)
            return
        click.echo(f"Sinkron: {report.pulled} event diambil dari server; loket siap dipakai.")
