"""Sync for this store: enrolment and one sync round, used by loket-admin and the app.
Wraps sync.client with the store's own record of what happened."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop.store.store import Store, StoreError
from desktop.store.sync_journal import (
    CLOCK_SKEW,
    LAST_ERROR,
    LAST_SUCCESS,
    SERVER_URL,
    TOKEN,
    StoreJournal,
)
from sync.client import SyncClient, SyncError, SyncReport, enroll

log = logging.getLogger(__name__)


def enroll_store(store: Store, server_url: str, code: str) -> str:
    """Enrol this workstation with a one-time code; keeps the server address and token."""
    device = store.require_device()
    answer = enroll(server_url, code, device.device_id)
    if (answer["site"], answer["workstation"]) != (device.site, device.workstation):
        raise StoreError(
            f"kode ini untuk {answer['site']} loket {answer['workstation']}, sedangkan "
            f"loket ini {device.site} loket {device.workstation}; minta kode yang sesuai"
        )
    if answer["device_id"] != device.device_id:
        raise StoreError(
            f"server memberi identitas lain ({answer['device_id']}) untuk loket ini "
            f"({device.device_id}); hubungi tim TI Dinas"
        )
    with store.write():
        store.set_meta(SERVER_URL, server_url.rstrip("/"))
        store.set_meta(TOKEN, answer["token"])
    log.info("terdaftar sebagai %s di %s", answer["device_id"], server_url)
    return answer["device_id"]


def sync_store(store: Store, *, transport=None) -> SyncReport:
    """One full round: push, pull, reconcile. Records success or the reason it failed."""
    url, token = store.meta(SERVER_URL), store.meta(TOKEN)
    if not url or not token:
        raise StoreError(
            "loket ini belum terdaftar di server Dinas; daftarkan dengan kode dari admin "
            "(loket-admin enroll --server URL --code KODE)"
        )
    journal = StoreJournal(store)
    try:
        with SyncClient(url, token, journal, transport=transport) as client:
            report = client.sync_once()
    except SyncError as exc:
        journal.record_error(str(exc))
        log.warning("sinkron gagal: %s", exc)
        raise
    journal.record_success(report.clock_skew_ms, reconciled=report.reconciled)
    # A quiet round every minute would fill the log: only rounds that moved events are INFO.
    log.log(
        logging.INFO if report.pushed or report.pulled or not report.reconciled else logging.DEBUG,
        "sinkron: %d event dikirim (%d sudah ada), %d diterima, %s",
        report.pushed,
        report.duplicates,
        report.pulled,
        "cocok" if report.reconciled else "BELUM cocok",
    )
    for note in report.notes:
        log.info("sinkron: %s", note)
    return report


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    waiting: int
    last_success: str | None
    last_error: str | None
    clock_skew_ms: int


def sync_status(store: Store) -> SyncStatus:
    journal = StoreJournal(store)
    return SyncStatus(
        enrolled=bool(store.meta(TOKEN)),
        server_url=store.meta(SERVER_URL),
        waiting=journal.waiting() if store.device else 0,
        last_success=store.meta(LAST_SUCCESS) or None,
        last_error=store.meta(LAST_ERROR) or None,
        clock_skew_ms=int(store.meta(CLOCK_SKEW) or 0),
    )
