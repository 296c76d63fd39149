"""Cards nobody has come for, per kelurahan and RW, on screen and on paper for the lurah
and the RT/RW heads who chase them."""

from __future__ import annotations

from typing import Any

from desktop.core.regions import regions
from desktop.core.uncollected import UncollectedCard, UncollectedList
from desktop.documents.uncollected_list import uncollected_pdf
from desktop.store import Store
from desktop.store.sessions import Session
from desktop.store.uncollected import record_uncollected_paper, uncollected_list
from desktop.ui.operations import Operations
from desktop.ui.papers import Draft, Paper, PaperOutput
from desktop.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPushButton,
    QSpinBox,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence


def uncollected_paper(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str | None,
    rw: str | None,
    min_days: int,
    how: str,
) -> Draft:
    """Read the list and note in the audit log that it goes on paper (on the store
    worker); lay it out later, off it."""
    lst = uncollected_list(store, actor, site=site, kelurahan=kelurahan, rw=rw, min_days=min_days)
    record_uncollected_paper(store, actor, lst, how=how)
    where = [site]
    if kelurahan is not None:
        where.append(lst.groups[0].name if lst.groups else kelurahan)
    if rw is not None:
        where.append(f"RW {rw}")
    file_part = "-".join(part.replace(" ", "") for part in where)
    return Draft(
        lambda: Paper(
            uncollected_pdf(lst),
            f"Daftar KTP-el belum diambil {' '.join(where)}",
            f"belum-diambil-{file_part}-{lst.today.isoformat()}.pdf",
        )
    )


KELURAHAN_COLUMN = 0
WAITING_COLUMN = 6


class CardsModel(QAbstractTableModel):
    """The waiting cards as rows; a model rather than a QTableWidget because a whole site
    can have tens of thousands of them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cards: list[UncollectedCard] = []
        self.headers = [
            self.tr("Kelurahan"),
            self.tr("RT/RW"),
            self.tr("Nama"),
            self.tr("NIK"),
            self.tr("Alamat"),
            self.tr("Kotak/slot"),
            self.tr("Menunggu"),
            self.tr("Status"),
        ]

    def set_cards(self, cards: list[UncollectedCard]) -> None:
        self.beginResetModel()
        self.cards = cards
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self.cards)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(card, index.column())
        waiting = index.column() == WAITING_COLUMN and card.received is not None
        if role == Qt.ItemDataRole.ToolTipRole and waiting:
            return fill(self.tr("Diterima %1"), f"{card.received:%d-%m-%Y}")
        return None

    def _text(self, card: UncollectedCard, column: int) -> str:
        if column == WAITING_COLUMN:
            if card.days_waiting is None:
                return "-"
            return fill(self.tr("%1 hari"), card.days_waiting)
        values = (
            card.kelurahan,
            f"{card.rt}/{card.rw}",
            card.name,
            card.nik,
            card.address,
            card.place,
            "",
            card.status_label,
        )
        return values[column]


class UncollectedTab(QWidget):
    """The site's waiting cards, filtered by kelurahan, RW and days waiting."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.site = ""  # the desk sets this workstation's site; empty: the store's own
        self.list: UncollectedList | None = None
        self.output = PaperOutput(ops, self)
        self._filled_site = ""
        self._generation = 0

        self.kelurahan = QComboBox()
        self.kelurahan.setObjectName("kelurahanChoice")
        self.kelurahan.addItem(self.tr("Semua kelurahan"), None)
        self.rw = QComboBox()
        self.rw.setObjectName("rwChoice")
        self.rw.addItem(self.tr("Semua RW"), None)
        self.rw.setEnabled(False)
        self.min_days = QSpinBox()
        self.min_days.setObjectName("minDays")
        self.min_days.setRange(0, 3650)
        self.min_days.setSuffix(self.tr(" hari"))
        self.min_days.setPrefix(self.tr("≥ "))
        self.min_days.setToolTip(
            self.tr("Hanya kartu yang menunggu sekurang-kurangnya sekian hari")
        )
        self.print_button = QPushButton(self.tr("Cetak daftar…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("saveButton")
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Kelurahan")))
        filters.addWidget(self.kelurahan, 2)
        filters.addWidget(QLabel(self.tr("RW")))
        filters.addWidget(self.rw, 1)
        filters.addWidget(QLabel(self.tr("Menunggu")))
        filters.addWidget(self.min_days)
        filters.addStretch(1)
        filters.addWidget(self.print_button)
        filters.addWidget(self.save_button)

        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.model = CardsModel(self)
        self.table = QTableView()
        self.table.setObjectName("uncollectedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setStyleSheet("QTableView { font-size: 14pt; }")  # as QTableWidget's
        # Nothing squeezed: every column fits its contents (Qt measures the first thousand
        # rows), the last one takes what is left, and a narrow window scrolls sideways.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        status = QHBoxLayout()
        status.addWidget(self.count)
        status.addWidget(self.message, 1)
        box = QVBoxLayout(self)
        box.addLayout(filters)
        box.addLayout(status)
        box.addWidget(self.table, 1)

        self.kelurahan.currentIndexChanged.connect(self._kelurahan_changed)
        self.rw.currentIndexChanged.connect(lambda _: self.refresh())
        self.min_days.valueChanged.connect(lambda _: self.refresh())
        self.print_button.clicked.connect(lambda: self.print_list())
        self.save_button.clicked.connect(lambda: self.save_list())
        self.output.message.connect(self.say)

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    # -- filters -------------------------------------------------------------------------

    def _fill_kelurahan(self, site: str) -> None:
        """The kelurahan the site serves, by name, after "Semua kelurahan"."""
        if site == self._filled_site:
            return
        self._filled_site = site
        known = regions().sites.get(site)
        codes = set(known.kecamatan_codes) if known else set()
        choices = sorted(
            (k for k in regions().kelurahan.values() if k.kecamatan.code in codes),
            key=lambda k: k.name.casefold(),
        )
        self.kelurahan.blockSignals(True)
        while self.kelurahan.count() > 1:
            self.kelurahan.removeItem(1)
        for kelurahan in choices:
            self.kelurahan.addItem(kelurahan.name, kelurahan.code)
        self.kelurahan.blockSignals(False)

    def _kelurahan_changed(self, _: int) -> None:
        self.rw.blockSignals(True)
        self.rw.clear()
        self.rw.addItem(self.tr("Semua RW"), None)
        self.rw.blockSignals(False)
        self.rw.setEnabled(self.kelurahan.currentData() is not None)
        self.refresh()

    def _fill_rw(self, lst: UncollectedList) -> None:
        """After a whole kelurahan was loaded, offer its RWs that have waiting cards."""
        if lst.kelurahan is None or lst.rw is not None:
            return
        self.rw.blockSignals(True)
        while self.rw.count() > 1:
            self.rw.removeItem(1)
        for group in lst.groups:
            for rw in group.rws:
                self.rw.addItem(fill(self.tr("RW %1"), rw.rw), rw.rw)
        self.rw.blockSignals(False)

    def filters(self) -> dict[str, Any]:
        return {
            "kelurahan": self.kelurahan.currentData(),
            "rw": self.rw.currentData() if self.kelurahan.currentData() is not None else None,
            "min_days": self.min_days.value(),
        }

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        self._generation += 1
        generation, filters, site = self._generation, self.filters(), self.site

        def load(store: Store) -> UncollectedList:
            return uncollected_list(
                store, session, site=site or store.require_device().site, **filters
            )

        self.ops.run(
            load,
            on_done=lambda lst: self._show(lst, generation),
            on_error=lambda error: self.say(str(error), "error"),
        )

    def _show(self, lst: UncollectedList, generation: int) -> None:
        if generation != self._generation:
            return  # the filters changed while this was loading; a newer answer follows
        self.list = lst
        self._fill_kelurahan(lst.site)
        self._fill_rw(lst)
        self.model.set_cards(list(lst.cards))
        self.table.setColumnHidden(KELURAHAN_COLUMN, lst.kelurahan is not None)
        if lst.count:
            self.count.setText(
                fill(
                    self.tr("%1 kartu belum diambil di %2 RW (keadaan %3)."),
                    f"{lst.count:,}".replace(",", "."),
                    lst.rw_count,
                    f"{lst.today:%d-%m-%Y}",
                )
            )
        else:
            self.count.setText(self.tr("Tidak ada kartu yang belum diambil untuk pilihan ini."))
        self.print_button.setEnabled(bool(lst.count))
        self.save_button.setEnabled(bool(lst.count))

    # -- paper ---------------------------------------------------------------------------

    def _build(self, how: str):
        session, filters, site = self.session, self.filters(), self.site

        def build(store: Store) -> Draft:
            return uncollected_paper(
                store, session, site=site or store.require_device().site, how=how, **filters
            )

        return build

    def print_list(self, printer_name: str | None = None) -> None:
        if self.session is not None:
            self.output.print(self._build("cetak"), printer_name)

    def save_list(self, path=None) -> None:
        if self.session is not None:
            self.output.save(self._build("pdf"), path)
