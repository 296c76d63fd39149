"""The main window: assembles the sign-in panel, the counter screen and the lock screen,
and keeps the header and status bar true. It contains no screen of its own."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from desktop.core.regions import regions
from desktop.store import Device
from desktop.store.backup import (
    BACKUP_AGE,
    BackupState,
    backup_due,
    backup_or_record,
    backup_state,
)
from desktop.store.counter import handovers_today, reprint_queue
from desktop.store.sessions import LoginRefused, Session, login, logout, unlock
from desktop.store.settings import WorkstationSettings, save_settings
from desktop.syncing import enroll_store, sync_status
from desktop.ui.counter_screen import CounterScreen
from desktop.ui.dialogs import EnrolDialog, ReprintDialog, SettingsDialog
from desktop.ui.login import LockScreen, LoginPanel
from desktop.ui.operations import Operations
from desktop.ui.qt import (
    QApplication,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QObject,
    QPushButton,
    QShortcut,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.receipt_printer import ReceiptPrinter
from desktop.ui.style import set_tone
from desktop.ui.supervisor_desk import SupervisorDesk, may_use_desk
from desktop.ui.sync_worker import BackgroundSync, SyncOutcome
from desktop.ui.text import fill, sentence, show_time

log = logging.getLogger(__name__)
BACKUP_CHECK_MS = 10 * 60_000  # how often the window asks whether a daily backup is due

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def _clock(iso: str | None) -> str:
    """Last sync time: the hour today, the date and hour before today."""
    if not iso:
        return "-"
    when = datetime.fromisoformat(iso)
    return when.strftime("%H:%M") if when.date() == date.today() else show_time(iso)


def _age(when: datetime) -> timedelta:
    return datetime.now().astimezone() - when.astimezone()


class MainWindow(QMainWindow):
    def __init__(
        self,
        ops: Operations,
        device: Device,
        settings: WorkstationSettings,
        *,
        idle_ms: int | None = None,
        sync: BackgroundSync | None = None,
        backup_check_ms: int = BACKUP_CHECK_MS,
    ) -> None:
        super().__init__()
        self.sync = sync
        self.ops = ops
        self.device = device
        self.settings = settings
        self.session: Session | None = None
        site = regions().sites[device.site]
        self.setWindowTitle(
            fill(self.tr("Loket KTP-el · %1 · Loket %2"), site.short, device.workstation)
        )
        office = fill(self.tr("%1 · Loket %2"), site.name, device.workstation)

        self.login_panel = LoginPanel(office)
        self.counter = CounterScreen(ops)
        self.lock = LockScreen()
        self.desk = SupervisorDesk(ops, device.site)
        self.desk.set_printer(settings.printer)
        self.desk.pages["invitations"].settings = settings  # cap and holidays, kept current
        self.counter.services.proofs.settings = settings  # proofs go where receipts go
        self._before_lock: QWidget = self.counter
        self.stack = QStackedWidget()
        for page in (self.login_panel, self.counter, self.desk, self.lock):
            self.stack.addWidget(page)

        self.who = QLabel()
        self.who.setObjectName("who")
        self.where = QLabel(office)
        self.where.setObjectName("where")
        self.desk_button = QPushButton(self.tr("Meja supervisor"))
        self.desk_button.setObjectName("deskButton")
        self.desk_button.setToolTip("F9")
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprintButton")
        self.settings_button = QPushButton(self.tr("Pengaturan"))
        self.sync_button = QPushButton(self.tr("Sinkronkan"))
        self.sync_button.setToolTip("Ctrl+S")
        self.sync_button.setObjectName("syncButton")
        self.enrol_button = QPushButton(self.tr("Daftar ke server"))
        self.enrol_button.setObjectName("enrolButton")
        self.lock_button = QPushButton(self.tr("Kunci"))
        self.lock_button.setToolTip("Ctrl+L")
        self.logout_button = QPushButton(self.tr("Keluar"))
        self.logout_button.setToolTip("Ctrl+Q")
        self.settings_button.setToolTip("Ctrl+,")
        self.reprint_button.setToolTip("Ctrl+R")
        header = QHBoxLayout()
        header.addWidget(self.who)  # the office is in the title and the status bar
        header.addStretch(1)
        for button in (
            self.desk_button,
            self.reprint_button,
            self.sync_button,
            self.enrol_button,
            self.settings_button,
            self.lock_button,
            self.logout_button,
        ):
            header.addWidget(button)
        self.header = QWidget()
        self.header.setLayout(header)
        body = QVBoxLayout()
        body.addWidget(self.header)
        body.addWidget(self.stack, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        self.status_site = QLabel(office)
        self.status_count = QLabel()
        self.status_count.setObjectName("todayCount")
        self.status_sync = QLabel(self.tr("Sinkronisasi: menunggu"))
        self.status_sync.setObjectName("syncStatus")
        self.status_message = QLabel()
        self.status_message.setObjectName("statusMessage")
        self.status_backup = QLabel()
        self.status_backup.setObjectName("backupStatus")
        self.status_backup.setStyleSheet("color: #922b21; font-weight: bold;")  # warns only
        self.status_backup.hide()
        for label in (self.status_count, self.status_message, self.status_backup):
            label.setContentsMargins(24, 0, 0, 0)  # keep the status items apart
        bar = self.statusBar()
        bar.addWidget(self.status_site)
        bar.addWidget(self.status_count)
        bar.addWidget(self.status_message, 1)
        bar.addPermanentWidget(self.status_backup)
        bar.addPermanentWidget(self.status_sync)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(backup_check_ms)
        self.backup_timer.timeout.connect(self.check_backup)
        self.backup_timer.start()
        # The first look soon after start, so a new install is backed up within a minute.
        QTimer.singleShot(min(60_000, backup_check_ms), self.check_backup)

        self.printer = ReceiptPrinter(ops, settings, self)
        self.printer.window = self
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms or settings.idle_lock_minutes * 60_000)
        self.idle.timeout.connect(self.lock_screen)

        self.login_panel.login_requested.connect(self._login)
        self.lock.unlock_requested.connect(self._unlock)
        self.lock.logout_requested.connect(self.log_out)
        self.counter.handed_over.connect(self.printer.print_receipt)
        self.counter.copy_requested.connect(lambda no: self.printer.print_receipt(no, copy=True))
        self.printer.failed.connect(self._print_failed)
        self.printer.printed.connect(self._printed)
        self.reprint_button.clicked.connect(self.open_reprint_queue)
        self.desk_button.clicked.connect(self.toggle_desk)
        self.desk.closed.connect(self.show_counter)
        self.settings_button.clicked.connect(self.open_settings)
        self.sync_button.clicked.connect(self.sync_now)
        self.enrol_button.clicked.connect(self.open_enrol)
        if sync is not None:
            sync.started.connect(self._sync_started)
            sync.finished.connect(self._synced)
        self.lock_button.clicked.connect(self.lock_screen)
        self.logout_button.clicked.connect(self.log_out)
        ops.changed.connect(self.refresh_status)
        ops.failed.connect(self._failed)
        for keys, slot in (
            ("Ctrl+L", self.lock_screen),
            ("Ctrl+Q", self.log_out),
            ("Ctrl+R", self.open_reprint_queue),
            ("Ctrl+,", self.open_settings),
            ("Ctrl+S", self.sync_now),
            ("F9", self.toggle_desk),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        back = QShortcut(QKeySequence("Escape"), self.desk)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.show_counter)
        QApplication.instance().installEventFilter(self)
        QApplication.instance().commitDataRequest.connect(self.session_ending)
        self._show_login()
        self.ops.run(backup_state, on_done=self._show_backup)  # and last exit's failure

    # -- who is at the counter -------------------------------------------------------------

    def _show_login(self) -> None:
        self.session = None
        self.counter.session = None
        self.desk.set_session(None)
        self.header.setVisible(False)
        self.idle.stop()
        self.stack.setCurrentWidget(self.login_panel)
        self.login_panel.reset()
        self.status_count.clear()

    def _login(self, username: str, password: str) -> None:
        self.ops.run(
            lambda store: login(store, username, password),
            on_done=self._logged_in,
            on_error=self._login_refused,
        )

    def _login_refused(self, error: Exception) -> None:
        if isinstance(error, LoginRefused):
            self.login_panel.refused(str(error))
        else:
            self.login_panel.refused(str(error))
            self.ops.report(error)

    def _logged_in(self, session: Session) -> None:
        self.session = session
        self.counter.session = session
        self.desk.set_session(session)
        self.desk_button.setVisible(may_use_desk(session))
        self.printer.actor = session.username
        self.who.setText(fill(self.tr("%1 · %2"), session.full_name, session.role_label))
        self.header.setVisible(True)
        self.stack.setCurrentWidget(self.counter)
        self.counter.reset()
        self.counter.say("")
        self.idle.start()
        self.refresh_status()

    def log_out(self) -> None:
        session = self.session
        if session is None:
            return
        self.ops.run(lambda store: logout(store, session))
        self.counter.reset()
        self._show_login()

    def lock_screen(self) -> None:
        if self.session is None or self.stack.currentWidget() is self.lock:
            return
        self.idle.stop()
        self._before_lock = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.lock)
        self.lock.show_for(self.session.full_name)

    @property
    def locked(self) -> bool:
        return self.stack.currentWidget() is self.lock

    def _unlock(self, password: str) -> None:
        session = self.session
        if session is None:
            return
        self.ops.run(
            lambda store: unlock(store, session, password),
            on_done=lambda _: self._unlocked(),
            on_error=lambda error: self.lock.refused(str(error)),
        )

    def _unlocked(self) -> None:
        self.stack.setCurrentWidget(self._before_lock)
        self.idle.start()
        if self._before_lock is self.counter:
            self.counter.search.setFocus()

    # -- the supervisor's desk -------------------------------------------------------------

    def toggle_desk(self) -> None:
        if self.stack.currentWidget() is self.desk:
            self.show_counter()
        else:
            self.open_desk()

    def open_desk(self, tab: str | None = None) -> SupervisorDesk | None:
        if self.locked or not may_use_desk(self.session):
            return None
        self.stack.setCurrentWidget(self.desk)
        self.desk_button.hide()  # the desk has its own way back (and Esc)
        if tab is not None:
            self.desk.show_tab(tab)
        else:
            self.desk.refresh()
        return self.desk

    def show_counter(self) -> None:
        if self.session is None or self.locked:
            return
        self.stack.setCurrentWidget(self.counter)
        self.desk_button.setVisible(may_use_desk(self.session))
        self.counter.focus_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.session and not self.locked:
            self.idle.start()
        return False

    # -- status ------------------------------------------------------------------------

    def refresh_status(self) -> None:
        if self.session is None:
            return
        self.ops.run(
            lambda store: (handovers_today(store), len(reprint_queue(store))),
            on_done=self._show_counts,
        )

    def _show_counts(self, counts: tuple[int, int]) -> None:
        today, unprinted = counts
        self.status_count.setText(fill(self.tr("Hari ini: %1 serah terima"), today))
        self.reprint_button.setText(fill(self.tr("Cetak ulang (%1)"), unprinted))
        self.ops.run(sync_status, on_done=self._show_sync)

    # -- backups -----------------------------------------------------------------------

    def check_backup(self) -> None:
        """Back up when one is due: none yet, a day old, or the day's end-of-day backup
        (the timer asks every 10 minutes)."""
        self.ops.run(backup_state, on_done=self._backup_if_due)

    def _backup_if_due(self, state: BackupState) -> None:
        if backup_due(state.last_ok, datetime.now().astimezone()):
            self.ops.run(self._back_up, on_done=self._show_backup)
        else:
            self._show_backup(state)

    def session_ending(self, *_: object) -> None:
        """Windows is shutting down or the user signs out with Loket still open: the window
        gets no close event then, so back up now (a failure is kept for the next start)."""
        log.info("sesi Windows berakhir; pencadangan sebelum mati")
        self.ops.run(backup_or_record)
        self.ops.wait(15_000)

    @staticmethod
    def _back_up(store) -> BackupState:
        backup_or_record(store)  # never raises: a failure is logged and kept for the bar
        return backup_state(store)

    def _show_backup(self, state: BackupState) -> None:
        failed = state.error is not None
        if not failed and state.last_ok is not None and _age(state.last_ok) < BACKUP_AGE:
            self.status_backup.hide()
            return
        when = (
            self.tr("belum pernah") if state.last_ok is None else _clock(state.last_ok.isoformat())
        )
        text = fill(self.tr("Cadangan terakhir: %1"), when)  # short: the bar is shared
        if failed:
            text = fill(self.tr("Pencadangan gagal · %1"), text)
        advice = self.tr("Sambungkan disk cadangan atau periksa folder cadangan di Pengaturan.")
        self.status_backup.setText(text)
        self.status_backup.setToolTip(" ".join(filter(None, (sentence(state.error or ""), advice))))
        set_tone(self.status_backup, "error")
        self.status_backup.show()

    # -- sync --------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.sync is None:
            self.status_sync.setText(self.tr("Sinkronisasi tidak aktif di jendela ini"))
            return
        self.sync.sync_now()

    def _sync_started(self) -> None:
        self.status_sync.setText(self.tr("Sinkronisasi berjalan…"))

    def _synced(self, outcome: SyncOutcome) -> None:
        self.last_outcome = outcome
        if outcome.ok and outcome.pulled:
            self.ops.changed.emit()  # other counters' events arrived: screens may refresh
        self.ops.run(sync_status, on_done=self._show_sync)

    def _show_sync(self, status) -> None:
        outcome: SyncOutcome | None = getattr(self, "last_outcome", None)
        self.enrol_button.setVisible(not status.enrolled)
        self.sync_button.setVisible(status.enrolled)
        if not status.enrolled:
            text = self.tr("Sinkronisasi: loket belum terdaftar di server Dinas")
        elif outcome is not None and outcome.refused:
            text = fill(self.tr("Sinkronisasi ditolak: %1"), outcome.message)
        elif outcome is not None and not outcome.ok:
            text = fill(
                self.tr("Luring · %1 event menunggu · terakhir sinkron %2"),
                status.waiting,
                _clock(status.last_success),
            )
            self.status_sync.setToolTip(outcome.message)
        else:
            text = fill(
                self.tr("Daring · %1 event menunggu · terakhir sinkron %2"),
                status.waiting,
                _clock(status.last_success),
            )
        if status.enrolled and abs(status.clock_skew_ms) > 5 * 60_000:
            text += fill(
                self.tr(" · jam komputer selisih %1 menit dari server, betulkan jamnya"),
                round(status.clock_skew_ms / 60_000),
            )
        self.status_sync.setText(text)

    def open_enrol(self) -> None:
        if self.session is None:
            return
        dialog = EnrolDialog(None, self)
        if dialog.exec():
            url, code = dialog.values()
            self.ops.run(
                lambda store: enroll_store(store, url, code),
                on_done=self._enrolled,
                on_error=lambda error: self.counter.say(str(error), "error"),
                writes=True,
            )
        self.counter.focus_search()

    def _enrolled(self, device_id: str) -> None:
        self.counter.say(fill(self.tr("Loket terdaftar sebagai %1."), device_id), "ok")
        self.sync_now()

    def _failed(self, message: str) -> None:
        self.status_message.setText(sentence(message))
        if self.stack.currentWidget() is self.counter:
            self.counter.say(message, "error")

    def _print_failed(self, receipt_no: str, message: str, copy: bool) -> None:
        if copy:
            text = self.tr(
                "Salinan tanda terima %1 tidak tercetak: %2 Setelah printer siap, tekan "
                "Ctrl+P lagi."
            )
        else:
            text = self.tr(
                "Serah terima tersimpan, tetapi tanda terima %1 tidak tercetak: %2 "
                "Tanda terima masuk antrean cetak ulang (Ctrl+R)."
            )
        self.counter.say(fill(text, receipt_no, message), "error")
        self.refresh_status()

    def _printed(self, receipt_no: str) -> None:
        self.status_message.setText(fill(self.tr("%1 tercetak."), receipt_no))

    # -- dialogs -----------------------------------------------------------------------

    def open_reprint_queue(self) -> None:
        if self.session is None:
            return
        self.ops.run(reprint_queue, on_done=self._show_queue)

    def _show_queue(self, queue) -> None:
        dialog = ReprintDialog(queue, self)
        dialog.reprint.connect(self.printer.print_receipt)
        dialog.exec()
        self.counter.focus_search()

    def open_settings(self) -> None:
        if self.session is None:
            return
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            chosen = dialog.result_settings()
            self.ops.run(
                lambda store: save_settings(store, chosen),
                on_done=lambda _: self._settings_saved(chosen),
            )
        self.counter.focus_search()

    def _settings_saved(self, chosen: WorkstationSettings) -> None:
        for name, value in vars(chosen).items():
            setattr(self.settings, name, value)
        self.idle.setInterval(chosen.idle_lock_minutes * 60_000)
        self.desk.set_printer(chosen.printer)
        self.status_message.setText(self.tr("Pengaturan disimpan."))

    def closeEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self)
        self.backup_timer.stop()
        self.ops.run(backup_or_record)  # a failure is logged and shown at the next start
        self.ops.wait()
        super().closeEvent(event)
