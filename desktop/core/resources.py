"""Finds files under `resources/`, from a source checkout and from the frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Return the path of a file shipped in `resources/`.

    PyInstaller unpacks the bundle into `sys._MEIPASS`; from source the folder sits at the
    top of the checkout, two levels above this package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root.joinpath("resources", *parts)
