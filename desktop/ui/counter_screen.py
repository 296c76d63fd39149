"""The counter screen: one search field, the matches, the card panel and the handover
checks. It assembles panels and calls operations; it holds no store logic itself."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.handover import OldKtp
from desktop.store import StoreError, supervision
from desktop.store.counter import (
    CardPanel,
    FindResult,
    PanelCase,
    find,
    open_resident,
    panel_for_nik,
)
from desktop.store.handover import Receipt, record_handover
from desktop.store.search import Resident
from desktop.store.sessions import Session
from desktop.ui.card_panel import CardPanelView
from desktop.ui.cosign import ChoiceFields, CosignDialog, ExtraFields, OldKtpFields
from desktop.ui.handover_form import HandoverForm
from desktop.ui.operations import Operations
from desktop.ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QShortcut,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.service_dialogs import CounterServices
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence, show_date, show_time


class CounterScreen(QWidget):
    handed_over = Signal(str)  # receipt number, to be printed
    copy_requested = Signal(str)  # receipt number of an earlier handover, printed as a copy

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Pindai undangan, ketik NIK 16 digit, atau sebagian nama, lalu Enter")
        )
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.matches = QTableWidget(0, 5)
        self.matches.setObjectName("matches")
        self.matches.setHorizontalHeaderLabels(
            [self.tr("Nama"), self.tr("Tanggal lahir"), self.tr("Kelurahan"),
             self.tr("RT/RW"), self.tr("NIK")]
        )  # fmt: skip
        self.matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.verticalHeader().hide()
        header = self.matches.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.matches.hide()
        self.panel = CardPanelView()
        self.form = HandoverForm()

        right = QVBoxLayout()
        right.addWidget(self.panel, 3)
        right.addWidget(self.form, 2)
        lower = QHBoxLayout()
        lower.addWidget(self.matches, 2)  # names need the room while a list is shown
        lower.addLayout(right, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.search)
        box.addWidget(self.message)
        box.addLayout(lower, 1)

        self.search.returnPressed.connect(self._search)
        self.matches.cellActivated.connect(self._pick)
        self.matches.cellDoubleClicked.connect(self._pick)
        self.form.submitted.connect(self._hand_over)
        self._shortcut("Escape", self.reset)
        self._shortcut("F2", self.focus_search)
        self._shortcut("Ctrl+P", self._copy)
        self._shortcut("Ctrl+B", self.void_last_handover)
        self._shortcut("Ctrl+E", self.approve_card)
        self._shortcut("Ctrl+K", self.correct_last_handover)
        self._shortcut("Ctrl+U", self.home_visit)
        self.services = CounterServices(self)  # F6 recording request, F7 event report
        self._shortcut("F6", self.services.open_recording)
        self._shortcut("F7", self.services.open_report)
        self._shortcut("Ctrl+Shift+P", self.services.reprint_proof)
        self.cosign_dialog: CosignDialog | None = None
        # Alt+1/2/3 (old KTP) and Alt+H (present) are the form's own mnemonics.

    def _shortcut(self, keys: str, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    @property
    def actor(self) -> str:
        return self.session.username if self.session else "?"

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reset(self) -> None:
        """Back to an empty screen with the cursor in the search field."""
        self.search.clear()
        self.matches.hide()
        self.matches.setRowCount(0)
        self.panel.clear()
        self.form.set_panel(None)
        self.search.setFocus()

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    # -- searching ---------------------------------------------------------------------

    def _search(self) -> None:
        text = self.search.text()
        if not text.strip():
            return
        actor = self.actor
        self.ops.run(lambda store: find(store, text, actor=actor), on_done=self._found)

    def _found(self, result: FindResult) -> None:
        self.matches.hide()
        if result.error:
            self.panel.clear()
            self.form.set_panel(None)
            self.say(result.error, "error")
            self.focus_search()
            return
        if result.panel:
            self.say("")
            if result.receipt_check is True:
                self.say(self.tr("Tanda terima asli: kode periksa cocok dengan data."), "ok")
            elif result.receipt_check is False:
                self.say(
                    self.tr("Kode periksa TIDAK cocok: tanda terima ini telah diubah atau palsu."),
                    "error",
                )
            self.show_panel(result.panel)
            return
        self._list(result.matches)

    def _list(self, matches: list[Resident]) -> None:
        self.panel.clear()
        self.form.set_panel(None)
        self.matches.setRowCount(len(matches))
        for row, r in enumerate(matches):
            values = [r.nama, show_date(r.tanggal_lahir), r.kelurahan, f"{r.rt}/{r.rw}", r.nik]
            for col, value in enumerate(values):
                self.matches.setItem(row, col, QTableWidgetItem(value))
        self.matches.show()
        self.say(fill(self.tr("%1 penduduk cocok. Pilih dengan panah lalu Enter."), len(matches)))
        self.matches.setFocus()
        self.matches.selectRow(0)

    def _pick(self, row: int, _column: int = 0) -> None:
        item = self.matches.item(row, 4)
        if item is None:
            return
        nik, actor = item.text(), self.actor
        self.ops.run(lambda store: open_resident(store, nik, actor=actor), on_done=self._picked)

    def _picked(self, panel: CardPanel) -> None:
        self.say("")
        self.show_panel(panel)

    def show_panel(self, panel: CardPanel) -> None:
        self.matches.hide()  # the choice is made; the panel and the checks need the room
        self.panel.show_panel(panel)
        self.form.set_panel(panel)
        if panel.can_hand_over:
            self.form.present.setFocus()
        else:
            self.focus_search()

    # -- handing over ------------------------------------------------------------------

    def _hand_over(self, card_id: str, last_four: str, old_ktp: str, police: str) -> None:
        session = self.session
        if session is None:
            return

        def work(store) -> Receipt:
            return record_handover(
                store,
                card_id=card_id,
                operator=session.username,
                role=session.role,
                last_four=last_four,
                old_ktp=OldKtp(old_ktp),
                police_letter=police or None,
            )

        self.ops.run(work, on_done=self._handed, on_error=self._refused, writes=True)

    def _handed(self, receipt: Receipt) -> None:
        name = self.panel.name.text()
        self.reset()
        self.say(
            fill(self.tr("Diserahkan kepada %1. Tanda terima %2."), name, receipt.receipt_no),
            "ok",
        )
        self.handed_over.emit(receipt.receipt_no)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, StoreError | PermissionError):
            self.say(str(error), "error")
        else:
            self.ops.report(error)  # not the operator's doing: the one place for surprises
        self.form.set_panel(self.form.panel)
        self.focus_search()

    def _copy(self) -> None:
        panel = self.panel.panel
        if panel and panel.case is PanelCase.HANDED_OVER and panel.handovers:
            self.copy_requested.emit(panel.handovers[-1].receipt_no)
        else:
            self.say(self.tr("Salinan hanya untuk kartu yang sudah diserahkan."), "error")

    # -- supervisor actions, co-signed at this workstation ---------------------------------

    def open_cosign(
        self,
        what: str,
        on_approved: Callable[[str, str, str], None],
        *,
        extra: ExtraFields | None = None,
        reason_label: str | None = None,
    ) -> CosignDialog:
        """Open the co-sign dialog without blocking; `on_approved(username, password,
        reason)` runs when the supervisor signs. Returns the dialog."""
        dialog = CosignDialog(what, self, extra=extra, reason_label=reason_label)
        dialog.approved.connect(on_approved)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.cosign_dialog = dialog
        dialog.open()
        (extra.first_field() if extra is not None else dialog.reason).setFocus()
        return dialog

    def _closed(self, dialog: CosignDialog) -> None:
        if self.cosign_dialog is dialog:
            self.cosign_dialog = None
        dialog.deleteLater()

    def void_last_handover(self) -> CosignDialog | None:
        panel, session = self.panel.panel, self.session
        if not (panel and panel.case is PanelCase.HANDED_OVER and panel.handovers and session):
            self.say(self.tr("Pembatalan hanya untuk kartu yang sudah diserahkan."), "error")
            return None
        handover = panel.handovers[-1]
        nik, event_id, receipt_no = panel.nik, handover.event_id, handover.receipt_no

        def approved(username: str, password: str, reason: str) -> None:
            def work(store) -> CardPanel:
                supervisor = supervision.cosign(store, username, password)
                supervision.void_handover(store, session, supervisor, event_id, reason)
                return panel_for_nik(store, nik)

            done = fill(self.tr("Serah terima %1 dibatalkan; kartu siap lagi."), receipt_no)
            self._run_cosigned(work, done)

        return self.open_cosign(
            fill(self.tr("Batalkan serah terima dengan tanda terima %1."), receipt_no), approved
        )

    def correct_last_handover(self) -> CosignDialog | None:
        """Fix the old-KTP record of the card's handover (Ctrl+K), co-signed."""
        panel, session = self.panel.panel, self.session
        if not (panel and panel.case is PanelCase.HANDED_OVER and panel.handovers and session):
            self.say(self.tr("Koreksi hanya untuk kartu yang sudah diserahkan."), "error")
            return None
        handover = panel.handovers[-1]
        nik, event_id, receipt_no = panel.nik, handover.event_id, handover.receipt_no
        fields = OldKtpFields(current=OldKtp(handover.old_ktp))

        def approved(username: str, password: str, reason: str) -> None:
            old_ktp, letter = fields.chosen(), fields.police_letter.text()

            def work(store) -> CardPanel:
                supervisor = supervision.cosign(store, username, password)
                supervision.correct_handover(
                    store, session, supervisor, event_id,
                    old_ktp=old_ktp, police_letter=letter, reason=reason,
                )  # fmt: skip
                return panel_for_nik(store, nik)

            done = fill(
                self.tr("Serah terima %1 dikoreksi. Cetak salinan tanda terima dengan Ctrl+P."),
                receipt_no,
            )
            self._run_cosigned(work, done)

        return self.open_cosign(
            fill(self.tr("Koreksi catatan KTP lama pada serah terima %1."), receipt_no),
            approved,
            extra=fields,
        )

    def home_visit(self) -> CosignDialog | None:
        """Record a handover at the home of a housebound resident (Ctrl+U), approved by a
        supervisor; the receipt prints as after any handover."""
        panel, session = self.panel.panel, self.session
        if not (panel and panel.can_hand_over and panel.card and session):
            self.say(
                self.tr("Kunjungan rumah hanya untuk kartu yang siap diserahkan di sini."),
                "error",
            )
            return None
        card_id = panel.card.card_id
        fields = OldKtpFields(current=OldKtp.WITHDRAWN, last_four=panel.nik[-4:])

        def approved(username: str, password: str, note: str) -> None:
            old_ktp, letter = fields.chosen(), fields.police_letter.text()
            four = fields.last_four.text()

            def work(store) -> Receipt:
                supervisor = supervision.cosign(store, username, password)
                return supervision.approve_home_visit(
                    store, session, supervisor, card_id,
                    last_four=four, old_ktp=old_ktp, police_letter=letter, note=note,
                )  # fmt: skip

            self.ops.run(work, on_done=self._handed, on_error=self._cosign_refused, writes=True)

        return self.open_cosign(
            fill(
                self.tr(
                    "Serahkan kartu %1 kepada %2 di rumahnya (sakit atau tidak dapat datang). "
                    "Bawa kartu dan tanda terima; periksa wajah dengan foto kartu."
                ),
                card_id,
                self.panel.name.text(),
            ),
            approved,
            extra=fields,
            reason_label=self.tr("Keterangan"),
        )

    def approve_card(self) -> CosignDialog | None:
        """Ctrl+E: the supervisor's approval the card panel asks for — release a withheld
        card, or settle a card handed over twice."""
        panel = self.panel.panel
        if panel and panel.case is PanelCase.CONFLICT:
            return self.resolve_conflict()
        return self.release_card()

    def resolve_conflict(self) -> CosignDialog | None:
        panel, session = self.panel.panel, self.session
        if not (panel and panel.case is PanelCase.CONFLICT and panel.card and session):
            self.say(self.tr("Penyelesaian hanya untuk kartu yang konflik."), "error")
            return None
        nik, card_id = panel.nik, panel.card.card_id
        fields = ChoiceFields(
            self.tr("Yang benar terjadi"),
            [
                (
                    fill(
                        self.tr("%1 · %2 · %3"),
                        h.receipt_no,
                        show_time(h.wall_time),
                        h.operator_name,
                    ),
                    h.event_id,
                )
                for h in panel.handovers
            ],
        )

        def approved(username: str, password: str, reason: str) -> None:
            keep = fields.value()

            def work(store) -> CardPanel:
                supervisor = supervision.cosign(store, username, password)
                supervision.resolve_conflict_cosigned(
                    store, session, supervisor, card_id, keep, reason
                )
                return panel_for_nik(store, nik)

            self._run_cosigned(work, self.tr("Konflik diselesaikan; yang lain dibatalkan."))

        return self.open_cosign(
            fill(
                self.tr(
                    "Kartu %1 tercatat diserahkan dua kali. Pilih serah terima yang benar "
                    "terjadi; yang lain dibatalkan di semua loket."
                ),
                card_id,
            ),
            approved,
            extra=fields,
        )

    def release_card(self) -> CosignDialog | None:
        panel, session = self.panel.panel, self.session
        if not (panel and panel.case is PanelCase.WITHHELD and panel.card and session):
            self.say(self.tr("Pelepasan hanya untuk kartu yang ditahan."), "error")
            return None
        nik, card_id = panel.nik, panel.card.card_id

        def approved(username: str, password: str, reason: str) -> None:
            def work(store) -> CardPanel:
                supervisor = supervision.cosign(store, username, password)
                supervision.release_withheld(store, session, supervisor, card_id, reason)
                return panel_for_nik(store, nik)

            self._run_cosigned(work, fill(self.tr("Kartu %1 dilepas dari penahanan."), card_id))

        return self.open_cosign(fill(self.tr("Lepas kartu %1 yang ditahan."), card_id), approved)

    def _run_cosigned(self, work: Callable, done_text: str) -> None:
        def done(panel: CardPanel) -> None:
            self.show_panel(panel)
            self.say(done_text, "ok")

        self.ops.run(work, on_done=done, on_error=self._cosign_refused, writes=True)

    def _cosign_refused(self, error: Exception) -> None:
        if isinstance(error, StoreError | PermissionError):
            self.say(str(error), "error")
            self.focus_search()
        else:
            self.ops.report(error)
