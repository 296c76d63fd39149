"""`loket`: the counter app. Opens the configured data folder (or, with --demo, a demo
city in its own folder), asks which counter this is on first run, then signs in."""

from __future__ import annotations

import argparse
import io
import logging
import sys
import time
from pathlib import Path

from desktop.logs import app_version, setup_logging
from desktop.paths import default_data_dir
from desktop.selfcheck import run_self_check
from desktop.store import Store, StoreError, open_store
from desktop.store.settings import load_settings
from desktop.ui.dialogs import FirstRunDialog
from desktop.ui.i18n import install_language
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.qt import QApplication, QCoreApplication, QLabel, QLockFile, QMessageBox, Qt
from desktop.ui.style import STYLESHEET
from desktop.ui.sync_worker import BackgroundSync
from desktop.ui.text import fill

DEMO_FOLDER = "demo"
LOCK_FILE = "loket.lock"  # one counter app per data folder (a second start is refused)

log = logging.getLogger("desktop.ui.app")  # also when run as __main__


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="loket", description="Loket serah terima KTP elektronik (aplikasi loket)."
    )
    parser.add_argument("--data-dir", type=Path, help="folder data loket")
    parser.add_argument(
        "--demo", action="store_true", help="buka kota demo sintetis (dibuat bila belum ada)"
    )
    parser.add_argument("--lang", choices=["id", "en"], help="bahasa tampilan")
    parser.add_argument("--version", action="store_true", help="tampilkan versi lalu keluar")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="periksa pemasangan (penyimpanan, cetak tanda terima ke PDF) lalu keluar",
    )
    return parser.parse_args(argv)


def _build_demo(store: Store) -> None:
    from desktop.store.demo import build_city, load_city

    if store.device is None:
        store.initialize("MGS", 1)
    with store.write():
        store.set_meta("demo", "seed=2012 scale=1.0")
    load_city(store, build_city(), actor="loket --demo")


def _error(message: str) -> int:
    QMessageBox.critical(None, "Loket", message)
    return 1


def _tell(text: str, *, failed: bool = False) -> None:
    """Print `text`; the windowed program on Windows has no console (sys.stdout is None),
    so there it shows `text` in a message box instead."""
    if sys.stdout is not None:
        print(text, end="" if text.endswith("\n") else "\n", flush=True)
        return
    app = QApplication.instance() or QApplication(sys.argv[:1])
    box = QMessageBox.critical if failed else QMessageBox.information
    box(None, "Loket", text)
    app.processEvents()


def single_app_lock(folder: Path) -> QLockFile | None:
    """The lock that keeps a second `loket` off this data folder (a double-clicked shortcut
    beside the one in the Startup folder), or None when another one holds it. A lock left
    by a program that crashed is taken over (QLockFile checks that its process is gone)."""
    lock = QLockFile(str(folder / LOCK_FILE))
    lock.setStaleLockTime(0)  # never by age: only a dead owner makes it stale
    if lock.tryLock(200) or lock.error() != QLockFile.LockError.LockFailedError:
        return lock  # held; or no lock file can be made there, which open_store will explain
    return None


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        _tell(f"loket {app_version()}")
        return 0
    if args.self_check:  # touches no data folder: a temporary store and a sample receipt
        if sys.stdout is not None:
            return run_self_check(sys.stdout)
        lines = io.StringIO()
        code = run_self_check(lines)
        _tell(lines.getvalue(), failed=code != 0)
        return code
    folder = args.data_dir or (
        default_data_dir() / DEMO_FOLDER if args.demo else default_data_dir()
    )
    setup_logging(folder, program="loket")  # makes the data folder, private, if need be
    log.info("loket %s mulai, folder data %s", app_version(), folder)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Loket")
    app.setStyleSheet(STYLESHEET)
    lock = single_app_lock(folder)
    if lock is None:
        log.warning("loket sudah berjalan pada folder data ini; yang kedua berhenti")
        return _error(
            fill(
                QCoreApplication.translate(
                    "App",
                    "Loket sudah terbuka di komputer ini (folder data %1). Pakai jendela "
                    "Loket yang sudah terbuka; bila tidak terlihat, periksa bilah tugas.",
                ),
                folder,
            )
        )
    try:
        store = open_store(folder)
    except StoreError as exc:
        log.error("penyimpanan tidak dapat dibuka: %s", exc)
        return _error(str(exc))
    settings = load_settings(store)
    install_language(app, args.lang or settings.language)
    ops = Operations(store)

    if args.demo and store.conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 0:
        waiting = QLabel(
            QCoreApplication.translate(
                "App", "Menyiapkan kota demo (85.636 penduduk), sekitar satu menit…"
            )
        )
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting.resize(720, 160)
        waiting.show()
        ops.run(_build_demo, on_done=lambda _: app.quit(), on_error=lambda e: app.quit())
        app.exec()
        waiting.close()
    if store.device is None:
        dialog = FirstRunDialog()
        if not dialog.exec():
            return 1
        site, workstation = dialog.choice()
        store.initialize(site, workstation)

    sync = BackgroundSync(folder)
    window = MainWindow(ops, store.require_device(), settings, sync=sync)
    window.resize(1280, 800)
    window.show()
    print(f"loket: siap dalam {time.perf_counter() - started:.2f} dtk ({folder})", flush=True)
    sync.start()
    code = app.exec()
    sync.stop()
    ops.wait()
    store.close()
    lock.unlock()
    log.info("loket selesai (kode %s)", code)
    return code


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
