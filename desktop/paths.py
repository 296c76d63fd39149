"""Where Loket keeps its data: `--data-dir`, else `LOKET_DATA_DIR`, else the platform's
user data folder."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "LOKET_DATA_DIR"
PRIVATE_MODE = 0o700  # the data folder and its backups: readable by their user only


def default_data_dir() -> Path:
    configured = os.environ.get(ENV_DATA_DIR)
    return Path(configured) if configured else Path(user_data_dir("loket", "Dispendukcapil"))


def private_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) if needed, readable by its user only; an
    existing folder is tightened to that. Raises OSError when it cannot be created.

    POSIX only: on Windows the data folder lives in the user's profile (AppData), which
    Windows already keeps from other users, and os.chmod there only sets read-only flags.
    """
    folder.mkdir(mode=PRIVATE_MODE, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) != PRIVATE_MODE:
        with contextlib.suppress(PermissionError):  # someone else's folder: leave it be
            folder.chmod(PRIVATE_MODE)
    return folder
