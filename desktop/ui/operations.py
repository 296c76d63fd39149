"""Store work off the GUI thread, on one worker, with errors reported in one place.

Widgets never touch the store: they call `Operations.run(fn, on_done=...)`, where `fn`
takes the store and runs on the worker; `on_done` gets its result back on the GUI thread.
After a write, `changed` fires once so every screen can decide whether to refresh.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from desktop.store import Store, StoreError
from desktop.ui.qt import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Bridge(QObject):
    finished = Signal(int, object, object)  # token, result, exception


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[Store], Any], store: Store, bridge: _Bridge):
        super().__init__()
        self.token, self.fn, self.store, self.bridge = token, fn, store, bridge

    def run(self) -> None:
        try:
            result = self.fn(self.store)
        except Exception as exc:  # handed to the GUI thread, reported there
            self.bridge.finished.emit(self.token, None, exc)
        else:
            self.bridge.finished.emit(self.token, result, None)


class Operations(QObject):
    changed = Signal()  # after any write
    failed = Signal(str)  # an error no caller handled, in words for the operator
    busy = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one worker: store work is serialised
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._finish)
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable | None, Callable | None, bool]] = {}

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(
        self,
        fn: Callable[[Store], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        writes: bool = False,
    ) -> None:
        token = next(self._tokens)
        self._pending[token] = (on_done, on_error, writes)
        if len(self._pending) == 1:
            self.busy.emit(True)
        self._pool.start(_Job(token, fn, self.store, self._bridge))

    @Slot(int, object, object)
    def _finish(self, token: int, result: Any, error: Exception | None) -> None:
        on_done, on_error, writes = self._pending.pop(token)
        try:
            if error is None:
                if on_done:
                    on_done(result)
            elif on_error:
                on_error(error)
            else:
                self.report(error)
        finally:
            if writes and error is None:
                self.changed.emit()
            if not self._pending:
                self.busy.emit(False)

    def report(self, error: Exception) -> None:
        """The one place an unhandled error becomes words on the screen."""
        if isinstance(error, StoreError | PermissionError):
            self.failed.emit(str(error))
        else:
            log.exception("operation failed", exc_info=error)
            self.failed.emit(
                f"Terjadi kesalahan tak terduga ({type(error).__name__}). Pekerjaan yang "
                "sudah tersimpan aman; ulangi langkah terakhir atau hubungi tim TI."
            )

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (shutdown and tests)."""
        return self._pool.waitForDone(msecs)
