"""Sync in the background: its own thread and its own connection to the store, so the
counter never waits for the network. The window shows what it reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.store import StoreError, open_store
from desktop.syncing import sync_store
from desktop.ui.qt import QObject, QThread, QTimer, Signal, Slot
from sync.client import SyncError, SyncRefused

INTERVAL_MS = 60_000


@dataclass(frozen=True)
class SyncOutcome:
    ok: bool
    pushed: int = 0
    pulled: int = 0
    message: str = ""
    refused: bool = False  # the server said no: retrying will not help until someone acts
    not_enrolled: bool = False
    clock_skew_ms: int = 0


class _Worker(QObject):
    finished = Signal(object)

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.store = None

    @Slot()
    def run_once(self) -> None:
        try:
            if self.store is None:
                self.store = open_store(self.data_dir)
            report = sync_store(self.store)
        except SyncRefused as exc:
            outcome = SyncOutcome(False, message=str(exc), refused=True)
        except SyncError as exc:
            outcome = SyncOutcome(False, message=str(exc))
        except StoreError as exc:
            enrolled = self.store is not None and bool(self.store.meta("sync.token"))
            outcome = SyncOutcome(False, message=str(exc), not_enrolled=not enrolled)
        except Exception as exc:  # reported, never allowed to kill the thread
            outcome = SyncOutcome(False, message=f"kesalahan tak terduga: {exc}")
        else:
            outcome = SyncOutcome(
                True, report.pushed, report.pulled, clock_skew_ms=report.clock_skew_ms
            )
        self.finished.emit(outcome)

    @Slot()
    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


class BackgroundSync(QObject):
    """Runs a sync round every minute and on request; one round at a time."""

    finished = Signal(object)  # SyncOutcome
    started = Signal()
    _run = Signal()
    _close = Signal()

    def __init__(self, data_dir: Path, interval_ms: int = INTERVAL_MS, parent=None) -> None:
        super().__init__(parent)
        self.running = False
        self._thread = QThread()
        self._worker = _Worker(data_dir)
        self._worker.moveToThread(self._thread)
        self._run.connect(self._worker.run_once)
        self._close.connect(self._worker.close)
        self._worker.finished.connect(self._done)
        self._thread.start()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self.timer.start()
        self.sync_now()

    def sync_now(self) -> None:
        if self.running:
            return
        self.running = True
        self.started.emit()
        self._run.emit()

    def _done(self, outcome: SyncOutcome) -> None:
        self.running = False
        self.finished.emit(outcome)

    def stop(self) -> None:
        self.timer.stop()
        self._close.emit()
        self._thread.quit()
        self._thread.wait(30_000)
