"""What the `loket-admin` command modules share: the program's name and how a command
fails (one line on stderr starting with "Gagal:", the same in the log file, status 1)."""

from __future__ import annotations

import logging
import sys
from typing import NoReturn

import click

ADMIN = "loket-admin"  # the program, its log file (logs/loket-admin.log) and its logger
# Without a log file (support-bundle runs without one) a record must not reach Python's
# last-resort handler, which would print the failure a second time on stderr.
logging.getLogger(ADMIN).addHandler(logging.NullHandler())


def fail(message: str, *, about_a_resident: bool = False) -> NoReturn:
    """Say what failed and stop with status 1. The message goes into the log file too,
    unless it is `about_a_resident` (a name or NIK someone searched for)."""
    click.echo(f"Gagal: {message}", err=True)
    logging.getLogger(ADMIN).warning(
        "gagal: %s", "(pencarian penduduk; rincian tidak dicatat)" if about_a_resident else message
    )
    sys.exit(1)
