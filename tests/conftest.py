"""Fixtures every test folder may use. Qt runs offscreen unless the caller chose a platform,
so the UI tests need no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def cups_pdf_queue() -> Path:
    """The output folder of a real CUPS queue, tests.cups.QUEUE, that writes jobs as PDFs."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("printing through CUPS needs root to start cupsd and add the queue")
    from tests.cups import ensure_cups_pdf_queue

    return ensure_cups_pdf_queue()
