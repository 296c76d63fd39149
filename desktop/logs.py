"""Log files for the IT staff: `<data folder>/logs/<program>.log`, rotated at 1 MB, five kept.

What is logged names people only by their username. Residents never appear: callers log
receipt numbers, card counts and usernames, never a NIK, a name, a password or a token.
`Scrub`, the filter on the file handler, is a safety net behind that rule: it replaces any
16-digit run (a NIK) with `[NIK]` and drops what follows a password, sandi or token key,
in the message and in the traceback text.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from importlib import metadata
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from desktop.paths import private_folder

LOG_FOLDER = "logs"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 4  # with the current file: five files, at most 5 MB per program
ENV_LOG_LEVEL = "LOKET_LOG_LEVEL"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
HIDDEN = "[disembunyikan]"

_NIK = re.compile(r"\d{16,}")
# `password=…`, `"token": "…"`, `kata sandi: …`: everything after the key, to the end of
# the line, goes. Also an HTTP `Authorization`/`Bearer` value.
_SECRET = re.compile(
    r"(?i)(\b[\w.-]*(?:password|passwd|sandi|token|authorization)[\w.-]*[\"']?\s*[:=])[^\r\n]*"
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+\S+")

_log = logging.getLogger(__name__)
_handler: RotatingFileHandler | None = None
_previous_hooks: tuple | None = None
_previous_level: int | None = None


def scrub(text: str) -> str:
    """Replace NIK-like digit runs and the values of secret keys in `text`."""
    text = _NIK.sub("[NIK]", text)
    text = _SECRET.sub(lambda m: f"{m.group(1)} {HIDDEN}", text)
    return _BEARER.sub(lambda m: f"{m.group(1)} {HIDDEN}", text)


class Scrub(logging.Filter):
    """The safety net on the file handler: rewrites the record's message, traceback and
    stack text once, before any handler formats it. Never refuses a record."""

    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__()
        self.formatter = formatter

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_loket_scrubbed", False):
            return True
        try:
            message = record.getMessage()
        except Exception as exc:  # a broken format string must not hide the record
            message = f"{record.msg!r} (argumen log tidak cocok: {type(exc).__name__})"
        record.msg = scrub(message).replace("\r", "").replace("\n", " ⏎ ")
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        record._loket_scrubbed = True
        return True


def log_level() -> int:
    """INFO, unless `LOKET_LOG_LEVEL` names another level (DEBUG, WARNING, …)."""
    name = os.environ.get(ENV_LOG_LEVEL, "").strip().upper()
    level = logging.getLevelName(name) if name else logging.INFO
    return level if isinstance(level, int) else logging.INFO


def log_path(data_folder: Path | str, program: str) -> Path:
    return Path(data_folder) / LOG_FOLDER / f"{program}.log"


def setup_logging(data_folder: Path | str, *, program: str) -> Path | None:
    """Send this process's log records to `<data folder>/logs/<program>.log`, making the
    data folder (readable by its user only) if it is not there yet.

    Calling it again with the same file changes nothing; with another file, the records
    move there. Uncaught exceptions (main thread and other threads) are logged with their
    traceback. Returns the log file, or None when the folder cannot be written (the
    program runs on without a log file, and says so on stderr).
    """
    global _handler, _previous_level
    path = log_path(data_folder, program)
    if _handler is not None and Path(_handler.baseFilename) == path.absolute():
        return path
    try:
        private_folder(Path(data_folder))  # made here first: readable by its user only
        path.parent.mkdir(exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        print(f"{program}: log tidak dapat ditulis di {path.parent}: {exc}", file=sys.stderr)
        return None
    formatter = logging.Formatter(FORMAT, DATE_FORMAT)
    handler.setFormatter(formatter)
    handler.addFilter(Scrub(formatter))
    level = log_level()
    handler.setLevel(level)
    stop_logging()
    root = logging.getLogger()
    root.addHandler(handler)
    _previous_level = root.level
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # httpx names every request at INFO: one line a minute from sync, nothing useful.
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    logging.getLogger("httpcore").setLevel(max(level, logging.WARNING))
    _handler = handler
    _install_hooks()
    return path


def stop_logging() -> None:
    """Close the log file and put back the exception hooks (for tests and for exit)."""
    global _handler, _previous_hooks, _previous_level
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    if _previous_level is not None:
        logging.getLogger().setLevel(_previous_level)
        _previous_level = None
    if _previous_hooks is not None:
        sys.excepthook, threading.excepthook = _previous_hooks
        _previous_hooks = None


def _install_hooks() -> None:
    global _previous_hooks
    if _previous_hooks is not None:
        return
    previous, previous_thread = sys.excepthook, threading.excepthook
    _previous_hooks = (previous, previous_thread)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            _log.critical("kesalahan tak tertangani", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            name = args.thread.name if args.thread else "?"
            _log.critical(
                "kesalahan tak tertangani di thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        previous_thread(args)

    sys.excepthook = hook
    threading.excepthook = thread_hook


@contextlib.contextmanager
def command_log(data_folder: Path, program: str, command: str) -> Iterator[logging.Logger]:
    """Log one run of a command-line program into `<data folder>/logs/<program>.log`: that
    it started, and whether it ended well (exit status 0) or how it failed. The caller
    logs its own failure messages on the logger it is given, free of residents' data."""
    logged = setup_logging(data_folder, program=program) is not None
    runs = logging.getLogger(program)
    runs.info("%s %s mulai (versi %s)", program, command, app_version())
    try:
        yield runs
    except SystemExit as stop:
        if stop.code in (0, None):
            runs.info("%s %s selesai", program, command)
        else:
            runs.warning("%s %s gagal (status keluar %s)", program, command, stop.code)
        raise
    except BaseException:
        runs.exception("%s %s berhenti karena kesalahan tak terduga", program, command)
        raise
    else:
        runs.info("%s %s selesai", program, command)
    finally:
        if logged:
            stop_logging()


def app_version() -> str:
    """Loket's version as installed (also inside the bundle), or "tidak diketahui"."""
    try:
        return metadata.version("loket")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"
