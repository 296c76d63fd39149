"""The supervisor's desk: the day's register and drawer count, progress, uncollected cards,
invitation letters, recording requests and event reports, exports, accounts and the audit
log, one tab each. The desk only assembles the tabs and
shows those the signed-in role may use; every tab asks the store, which checks again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.roles import Permission, allows
from desktop.store.sessions import Session
from desktop.ui.accounts_view import AccountsTab
from desktop.ui.audit_view import AuditTab
from desktop.ui.export_view import ExportTab
from desktop.ui.invitations_view import InvitationsTab
from desktop.ui.operations import Operations
from desktop.ui.progress_view import ProgressTab
from desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.ui.register_view import RegisterTab
from desktop.ui.requests_view import ReportsTab, RequestsTab
from desktop.ui.uncollected_view import UncollectedTab


@dataclass(frozen=True)
class _TabSpec:
    name: str  # objectName, for tests and the style sheet
    make: Callable[[Operations], QWidget]
    permissions: tuple[Permission, ...]  # any one of them shows the tab


_TABS = (
    _TabSpec("register", RegisterTab, (Permission.PRINT_REGISTER,)),
    _TabSpec("progress", ProgressTab, (Permission.PRINT_REGISTER, Permission.VIEW_AUDIT)),
    _TabSpec("uncollected", UncollectedTab, (Permission.PRINT_REGISTER, Permission.EXPORT)),
    _TabSpec("invitations", InvitationsTab, (Permission.PLAN_INVITATIONS,)),
    _TabSpec("requests", RequestsTab, (Permission.MANAGE_REQUESTS,)),
    _TabSpec("reports", ReportsTab, (Permission.MANAGE_REQUESTS,)),
    _TabSpec("export", ExportTab, (Permission.EXPORT,)),
    _TabSpec("accounts", AccountsTab, (Permission.MANAGE_ACCOUNTS,)),
    _TabSpec("audit", AuditTab, (Permission.VIEW_AUDIT,)),
)


def may_use_desk(session: Session | None) -> bool:
    return session is not None and any(
        allows(session.role, p) for spec in _TABS for p in spec.permissions
    )


class SupervisorDesk(QWidget):
    closed = Signal()  # back to the counter

    def __init__(self, ops: Operations, site: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self.ops = ops
        self.site = site
        self.session: Session | None = None
        self.title = QLabel(self.tr("Meja supervisor"))
        self.title.setObjectName("deskTitle")
        self.back = QPushButton(self.tr("Kembali ke loket (Esc)"))
        self.back.setObjectName("backButton")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("deskTabs")
        self.pages: dict[str, QWidget] = {}
        for spec in _TABS:
            page = spec.make(ops)
            page.setObjectName(spec.name)
            page.setParent(self)  # owned by the desk whether or not its tab is shown
            page.hide()
            if hasattr(page, "site"):
                page.site = site
            self.pages[spec.name] = page
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.back)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.tabs, 1)
        self.back.clicked.connect(self.closed)
        self.tabs.currentChanged.connect(lambda _: self.refresh())
        ops.changed.connect(self._changed)

    def _titles(self) -> dict[str, str]:
        return {
            "register": self.tr("Register harian"),
            "progress": self.tr("Kemajuan"),
            "uncollected": self.tr("Belum diambil"),
            "invitations": self.tr("Undangan"),
            "requests": self.tr("Perekaman"),
            "reports": self.tr("Laporan peristiwa"),
            "export": self.tr("Ekspor"),
            "accounts": self.tr("Akun petugas"),
            "audit": self.tr("Log audit"),
        }

    def set_printer(self, name: str) -> None:
        """The workstation's printer is where the papers go unless the dialog says else."""
        for page in self.pages.values():
            output = getattr(page, "output", None)
            if output is not None:
                output.printer_name = name

    def set_session(self, session: Session | None) -> None:
        """Show the tabs this person may use, each knowing who acts."""
        self.session = session
        self.tabs.blockSignals(True)
        self.tabs.clear()
        for spec in _TABS:
            page = self.pages[spec.name]
            page.session = session
            if session is not None and any(allows(session.role, p) for p in spec.permissions):
                self.tabs.addTab(page, self._titles()[spec.name])
        self.tabs.blockSignals(False)

    def show_tab(self, name: str) -> QWidget:
        page = self.pages[name]
        self.tabs.setCurrentWidget(page)
        self.refresh()
        return page

    def current(self) -> QWidget | None:
        return self.tabs.currentWidget()

    def refresh(self) -> None:
        page = self.current()
        if page is not None and self.session is not None:
            page.refresh()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
