"""Where Loket keeps its data: `--data-dir`, else `LOKET_DATA_DIR`, else the platform's
user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "LOKET_DATA_DIR"


def default_data_dir() -> Path:
    configured = os.environ.get(ENV_DATA_DIR)
    return Path(configured) if configured else Path(user_data_dir("loket", "Dispendukcapil"))
