"""A real CUPS print queue for tests: cupsd plus a cups-pdf queue that writes each job as a PDF.

Needs root (it starts cupsd and adds a queue) and the Debian packages cups and
printer-driver-cups-pdf. `python -m tests.cups` prepares the queue and prints its output
folder; the `cups_pdf_queue` fixture calls the same function.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

QUEUE = "LoketPDF"
OUTPUT_ROOT = Path("/var/spool/cups-pdf")
CUPS_CONFIG = Path("/etc/cups")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPD_NAME = "CUPS-PDF_opt.ppd"
PPD_FILES = (Path("/usr/share/ppd/cups-pdf") / PPD_NAME, Path("/usr/share/cups/model") / PPD_NAME)

# CUPS tools print translated messages; the "C" locale keeps them parseable.
_ENV = {**os.environ, "LC_ALL": "C", "PATH": os.environ.get("PATH", "") + ":/usr/sbin:/sbin"}


def ensure_cups_pdf_queue(name: str = QUEUE) -> Path:
    """Start cupsd if it is not running, make sure the cups-pdf queue `name` exists, accepts
    jobs and is enabled with no jobs left over, and return the folder its PDFs land in.

    cups-pdf reads `/etc/cups/cups-pdf-<name>.conf` for a device URI `cups-pdf:/<name>`, so
    the queue gets its own output folder (for root, other users and anonymous jobs alike)
    without touching the machine's `cups-pdf.conf`. cups-pdf reads it for every job, so a
    change needs no restart.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise RuntimeError("Starting cupsd and adding a print queue needs root; run as root.")
    missing = [tool for tool in ("cupsd", "lpadmin", "lpstat", "lpinfo") if not _which(tool)]
    if missing or not BACKEND.exists():
        raise RuntimeError(
            f"CUPS or cups-pdf is not installed (missing: {', '.join(missing) or BACKEND}); "
            "install the Debian packages cups and printer-driver-cups-pdf."
        )
    folder = OUTPUT_ROOT / name
    _write_cups_pdf_config(name, folder)
    _start_scheduler()
    uri = f"cups-pdf:/{name}"
    if _device_uri(name) != uri:
        _run("lpadmin", "-p", name, "-E", "-v", uri, *_driver_args())
    # cups-filters' default PDF-to-PostScript step (Ghostscript) turns the fonts into Type 3
    # glyphs without a text mapping; pdftocairo keeps the text extractable in the output.
    _run("lpadmin", "-p", name, "-o", "pdftops-renderer-default=pdftocairo")
    _run("cancel", "-a", name)
    _run("cupsaccept", name)
    _run("cupsenable", name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_for_pdf(folder: Path, since: float, timeout: float = 30) -> Path:
    """Wait for a PDF written in `folder` at or after `since` (a `time.time()`) to be complete:
    its size stable between two looks and the file ending with %%EOF. Return the newest."""
    deadline = time.monotonic() + timeout
    last: tuple[Path, int] | None = None
    while time.monotonic() < deadline:
        fresh = []
        for path in folder.glob("*.pdf"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if stat.st_mtime >= since:
                fresh.append((stat.st_mtime, path, stat.st_size))
        if fresh:
            _, path, size = max(fresh)
            if size and last == (path, size) and _ends_with_eof(path):
                return path
            last = (path, size)
        time.sleep(0.25)
    raise TimeoutError(
        f"No complete PDF appeared in {folder} within {timeout:.0f} s. Look at `lpstat -o`, "
        "/var/log/cups/error_log and /var/log/cups/cups-pdf-*_log."
    )


def _ends_with_eof(path: Path) -> bool:
    with path.open("rb") as file:
        file.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in file.read()


def _write_cups_pdf_config(name: str, folder: Path) -> None:
    config = CUPS_CONFIG / f"cups-pdf-{name}.conf"
    text = (
        "# Written by Loket's tests/cups.py: one output folder for every job of this queue.\n"
        f"Out {folder}\n"
        f"AnonDirName {folder}\n"
        "Label 1\n"
    )
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")


def _start_scheduler(timeout: float = 15) -> None:
    if _scheduler_running():
        return
    # Without -f or -l, cupsd detaches and keeps running after this process exits; it gets
    # no pipes, which the detached daemon would otherwise hold open.
    started = subprocess.run(
        ["cupsd"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_ENV,
    )
    if started.returncode != 0:
        raise RuntimeError("cupsd refused to start; see /var/log/cups/error_log.")
    deadline = time.monotonic() + timeout
    while not _scheduler_running():
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"cupsd did not start within {timeout:.0f} s; see /var/log/cups/error_log."
            )
        time.sleep(0.2)


def _scheduler_running() -> bool:
    result = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env=_ENV)
    return "scheduler is running" in result.stdout


def _device_uri(name: str) -> str | None:
    result = subprocess.run(["lpstat", "-v", name], capture_output=True, text=True, env=_ENV)
    prefix = f"device for {name}: "
    for line in result.stdout.splitlines():
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip()
    return None


def _driver_args() -> list[str]:
    """lpadmin's driver arguments for the cups-pdf PPD: its model name, or else its file."""
    models = _run("lpinfo", "-m").stdout.splitlines()
    for line in models:
        model = line.split(" ", 1)[0]
        if model.endswith("/" + PPD_NAME):
            return ["-m", model]
    for path in PPD_FILES:
        if path.exists():
            return ["-P", str(path)]
    raise RuntimeError(
        f"The cups-pdf PPD {PPD_NAME} is missing; reinstall printer-driver-cups-pdf."
    )


def _which(tool: str) -> str | None:
    return shutil.which(tool, path=_ENV["PATH"])


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, env=_ENV)
    if result.returncode != 0:
        raise RuntimeError(f"`{' '.join(args)}` failed: {result.stderr.strip() or result.stdout}")
    return result


if __name__ == "__main__":
    try:
        print(ensure_cups_pdf_queue())
    except RuntimeError as error:
        sys.exit(str(error))
