"""`loket-admin support-bundle`: one zip for the IT staff with what they need to help a
workstation: the log files, the versions, the store check and the workstation's settings.

Never in the bundle: the store itself, residents, the device token or any other secret.
Each text goes through `desktop.logs.scrub` once more on its way into the zip.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import sys
import zipfile
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from pathlib import Path

import click

from desktop.cli_common import fail
from desktop.core.progress import number_text
from desktop.logs import LOG_FOLDER, app_version, scrub
from desktop.paths import ENV_DATA_DIR, default_data_dir
from desktop.store import Store, StoreError, open_store
from desktop.store.store import STORE_FILE

# Meta keys copied into settings.txt; anything else (the token above all) stays out.
_META_KEYS = (
    "device_id",
    "site",
    "workstation",
    "created_at",
    "demo",
    "sync.server_url",
    "sync.acked_seq",
    "sync.feed_cursor",
    "sync.last_success",
    "sync.last_error",
    "sync.clock_skew_ms",
)


def _module_version(name: str, attribute: str = "__version__") -> str:
    try:
        module = __import__(name)
        return str(getattr(module, attribute))
    except Exception as exc:  # an optional part missing is itself worth reporting
        return f"tidak tersedia ({type(exc).__name__})"


def versions_text() -> str:
    try:
        from PySide6 import QtCore

        qt = QtCore.qVersion()
    except Exception as exc:
        qt = f"tidak tersedia ({type(exc).__name__})"
    lines = [
        f"loket: {app_version()}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"pyside6: {_module_version('PySide6')}",
        f"qt: {qt}",
        f"sqlite: {sqlite3.sqlite_version}",
        f"reportlab: {_module_version('reportlab', 'Version')}",
        f"sqlite-utils: {_module_version('sqlite_utils', '__version__')}",
        f"platform: {platform.platform()}",
        f"mesin: {platform.machine()}",
        f"bundel: {'ya' if getattr(sys, 'frozen', False) else 'tidak'}",
        f"program: {sys.executable}",
        f"dibuat: {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}",
    ]
    return "\n".join(lines) + "\n"


def check_text(store: Store) -> str:
    """The same checks and the same words as `loket-admin check`."""
    from desktop.store.check import check_store, report_lines

    return "".join(f"{line}\n" for line in report_lines(check_store(store)))


def settings_text(store: Store, folder: Path) -> str:
    from desktop.store.schema import KNOWN_STEPS, migrations
    from desktop.store.settings import load_settings
    from desktop.syncing import sync_status

    lines = ["[loket ini]"]
    lines += [f"{key}: {store.meta(key)}" for key in _META_KEYS if store.meta(key) is not None]
    try:
        status = sync_status(store)
        lines.append(f"sync.terdaftar: {'ya' if status.enrolled else 'tidak'}")
        lines.append(f"sync.menunggu_dikirim: {number_text(status.waiting)} event")
    except (StoreError, sqlite3.Error) as exc:
        lines.append(f"sync: tidak terbaca ({exc})")
    lines += ["", "[pengaturan]"]
    settings = load_settings(store)
    lines += [f"{f.name}: {getattr(settings, f.name)}" for f in fields(settings)]
    lines += ["", "[langkah skema]"]
    applied = migrations.applied(store.db)
    lines += [f"{step.name}: {step.applied_at}" for step in applied]
    missing = [name for name in KNOWN_STEPS if name not in {s.name for s in applied}]
    lines += [f"{name}: belum" for name in missing]
    lines += ["", "[folder data]", f"folder: {folder}"]
    for name in (STORE_FILE, f"{STORE_FILE}-wal"):
        path = folder / name
        if path.exists():
            lines.append(f"{name}: {number_text(path.stat().st_size)} byte")
    usage = shutil.disk_usage(folder)
    lines.append(f"ruang kosong: {number_text(usage.free // 1_000_000)} MB")
    return "\n".join(lines) + "\n"


def _store_texts(folder: Path) -> tuple[str, str, str, int]:
    """check.txt and settings.txt, and the site and workstation for the file name.
    A store that cannot be opened is reported in check.txt: the bundle is made anyway."""
    if not (folder / STORE_FILE).exists():
        missing = f"tidak ada penyimpanan Loket ({STORE_FILE}) di folder {folder}\n"
        return missing, missing, "", 0
    try:
        with open_store(folder) as store:
            device = store.device
            return (
                check_text(store),
                settings_text(store, folder),
                device.site if device else "",
                device.workstation if device else 0,
            )
    except (StoreError, sqlite3.Error) as exc:
        failed = f"RUSAK: penyimpanan tidak dapat dibuka: {exc}\n"
        return failed, failed, "", 0


def log_files(folder: Path) -> list[Path]:
    logs = folder / LOG_FOLDER
    return sorted(p for p in logs.iterdir() if p.is_file()) if logs.is_dir() else []


def write_bundle(folder: Path, out: Path | None = None, *, now: datetime | None = None) -> Path:
    """Write the support zip (whole or not at all) and return where it went."""
    now = now or datetime.now()
    check, settings, site, workstation = _store_texts(folder)
    if out is None:
        out = Path(
            f"loket-support-{site or 'TANPA'}-{workstation:02d}-{now:%Y%m%d-%H%M}.zip"
        ).absolute()
    temporary = out.with_name(f".{out.name}.tmp")
    bundle = zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED)
    try:
        with bundle:
            bundle.writestr("versions.txt", versions_text())
            bundle.writestr("check.txt", scrub(check))
            bundle.writestr("settings.txt", scrub(settings))
            for path in log_files(folder):
                text = path.read_text(encoding="utf-8", errors="replace")
                bundle.writestr(f"logs/{path.name}", scrub(text))
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out


def add_commands(cli: click.Group, data_dir_option: Callable) -> None:
    # `data_dir_option` opens the store and stops when it cannot: this command must make
    # its bundle even then, so it takes the same --data-dir itself.
    del data_dir_option

    @cli.command("support-bundle")
    @click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Berkas zip tujuan. Bawaan: loket-support-SITUS-LOKET-TANGGAL-JAM.zip di sini.",
    )
    @click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Folder data loket. Bawaan: ${ENV_DATA_DIR}, atau folder data pengguna.",
    )
    def support_bundle(out: Path | None, data_dir: Path | None) -> None:
        """Kumpulkan log, versi, hasil pemeriksaan dan pengaturan loket ini dalam satu zip
        untuk tim TI. Tanpa penyimpanan, data penduduk, maupun token."""
        folder = data_dir or default_data_dir()
        if not folder.is_dir():
            fail(f"folder data {folder} tidak ada")
        try:
            written = write_bundle(folder, out)
        except OSError as exc:
            fail(f"zip tidak dapat ditulis: {exc}")
        click.echo(f"Bundel dukungan ditulis: {written}")
