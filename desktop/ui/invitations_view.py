"""Invitation letters on the supervisor's desk: give a kelurahan's ready cards pickup days,
then print the letters and the RT/RW heads' cover lists."""

from __future__ import annotations

from datetime import date

from desktop.core.invitations import Overview, Plan, long_date, next_working_day
from desktop.core.regions import Kelurahan, regions
from desktop.documents.invitation_letters import cover_list_pdf, letters_pdf
from desktop.store import Store
from desktop.store.invitations import (
    cover_list,
    letters,
    overview,
    plan_invitations,
    record_invitation_paper,
)
from desktop.store.sessions import Session
from desktop.store.settings import WorkstationSettings
from desktop.ui.operations import Operations
from desktop.ui.papers import Draft, Paper, PaperOutput
from desktop.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def invitation_paper(
    store: Store,
    actor: Session,
    *,
    site: str,
    kelurahan: str,
    rw: str | None,
    paper: str,
    how: str,
) -> Draft:
    """Read the letters (`paper` "letters") or the cover list ("cover") and note in the
    audit log that they go on paper (on the store worker); lay them out later, off it."""
    if paper == "letters":
        lst = letters(store, actor, site=site, kelurahan=kelurahan, rw=rw)
    else:
        lst = cover_list(store, actor, site=site, kelurahan=kelurahan, rw=rw)
    record_invitation_paper(store, actor, paper=paper, lst=lst, how=how)
    where = [site, lst.kelurahan_name] + ([f"RW {rw}"] if rw is not None else [])
    file_part = "-".join(part.replace(" ", "") for part in where)
    day = lst.today.isoformat()
    if paper == "letters":
        return Draft(
            lambda: Paper(
                letters_pdf(lst),
                f"Surat undangan {' '.join(where)}",
                f"undangan-{file_part}-{day}.pdf",
            )
        )
    return Draft(
        lambda: Paper(
            cover_list_pdf(lst),
            f"Daftar undangan RT/RW {' '.join(where)}",
            f"daftar-undangan-{file_part}-{day}.pdf",
        )
    )


class InvitationsTab(QWidget):
    """Pick a kelurahan (and RW), a first day and a daily cap; "Jadwalkan" gives its ready
    cards pickup days; then the letters and the cover lists go to paper."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.site = ""  # the desk sets this workstation's site; empty: the store's own
        self.settings = WorkstationSettings()  # the desk hands in the workstation's own
        self.overview: Overview | None = None
        self.plan: Plan | None = None  # the last plan made here
        self.output = PaperOutput(ops, self)
        self._filled_site = ""
        self._applied: tuple[str, int] | None = None  # (holidays, cap) last taken over
        self._generation = 0

        self.kelurahan = QComboBox()
        self.kelurahan.setObjectName("kelurahanChoice")
        self.rw = QComboBox()
        self.rw.setObjectName("rwChoice")
        self.rw.addItem(self.tr("Semua RW"), None)
        self.first_day = QDateEdit()
        self.first_day.setObjectName("firstDay")
        self.first_day.setCalendarPopup(True)
        self.first_day.setDisplayFormat("dd-MM-yyyy")
        self.first_day.setMinimumDate(QDate.currentDate())
        self.cap = QSpinBox()
        self.cap.setObjectName("capSpin")
        self.cap.setRange(1, 5000)
        self.cap.setSuffix(self.tr(" orang/hari"))
        self.cap.setToolTip(self.tr("Paling banyak sekian warga diundang untuk satu hari"))
        self.plan_button = QPushButton(self.tr("Jadwalkan"))
        self.plan_button.setObjectName("planButton")
        self.holidays = QLabel()
        self.holidays.setObjectName("holidaysLabel")
        self.holidays.setWordWrap(True)

        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Kelurahan")), 0, 0)
        form.addWidget(self.kelurahan, 0, 1)
        form.addWidget(QLabel(self.tr("RW")), 0, 2)
        form.addWidget(self.rw, 0, 3)
        form.addWidget(QLabel(self.tr("Hari pertama")), 1, 0)
        form.addWidget(self.first_day, 1, 1)
        form.addWidget(QLabel(self.tr("Batas per hari")), 1, 2)
        form.addWidget(self.cap, 1, 3)
        form.addWidget(self.plan_button, 1, 4)
        form.setColumnStretch(1, 2)
        form.setColumnStretch(3, 1)
        form.setColumnStretch(5, 1)

        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.count.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("daysTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Hari pengambilan"),
                self.tr("Pilihan ini"),
                self.tr("Seluruh kantor"),
                self.tr("Sisa tempat"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # numbers stay close

        self.print_letters = QPushButton(self.tr("Cetak surat…"))
        self.print_letters.setObjectName("printLetters")
        self.save_letters = QPushButton(self.tr("Simpan surat PDF…"))
        self.save_letters.setObjectName("saveLetters")
        self.print_cover = QPushButton(self.tr("Cetak daftar RT/RW…"))
        self.print_cover.setObjectName("printCover")
        self.save_cover = QPushButton(self.tr("Simpan daftar PDF…"))
        self.save_cover.setObjectName("saveCover")
        papers = QHBoxLayout()
        papers.addWidget(self.print_letters)
        papers.addWidget(self.save_letters)
        papers.addStretch(1)
        papers.addWidget(self.print_cover)
        papers.addWidget(self.save_cover)

        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.holidays)
        box.addWidget(self.count)
        box.addWidget(self.message)
        box.addWidget(self.table, 1)
        box.addLayout(papers)

        self.kelurahan.currentIndexChanged.connect(self._kelurahan_changed)
        self.rw.currentIndexChanged.connect(lambda _: self.refresh())
        self.cap.valueChanged.connect(lambda _: self._show_days())
        self.plan_button.clicked.connect(lambda: self.plan_days())
        self.print_letters.clicked.connect(lambda: self.print_paper("letters"))
        self.save_letters.clicked.connect(lambda: self.save_paper("letters"))
        self.print_cover.clicked.connect(lambda: self.print_paper("cover"))
        self.save_cover.clicked.connect(lambda: self.save_paper("cover"))
        self.output.message.connect(self.say)
        self._enable(None)

    def say(self, text: str, tone: str = "") -> None:
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    # -- settings and choices ------------------------------------------------------------

    def _take_settings(self) -> None:
        """Take over the workstation's cap and holidays when they changed (a cap typed in
        here stays until the settings change again)."""
        holidays = self.settings.holiday_dates()
        current = (self.settings.holidays, self.settings.invitation_cap)
        if current == self._applied:
            return
        first = self._applied is None
        self._applied = current
        self.cap.setValue(self.settings.invitation_cap)
        if holidays:
            shown = ", ".join(f"{d:%d-%m-%Y}" for d in sorted(holidays))
            self.holidays.setText(
                fill(self.tr("Hari libur (dilewati): %1. Sabtu dan Minggu juga dilewati."), shown)
            )
        else:
            self.holidays.setText(
                self.tr(
                    "Belum ada hari libur di pengaturan loket; hanya Sabtu dan Minggu yang "
                    "dilewati."
                )
            )
        if first or self._chosen_first_day() in holidays:
            self._set_first_day(next_working_day(date.today(), holidays))

    def _keep_first_day_ahead(self) -> None:
        """A tab left open overnight: yesterday is no longer a day to choose."""
        today = date.today()
        self.first_day.setMinimumDate(QDate(today.year, today.month, today.day))

    def _set_first_day(self, day: date) -> None:
        self.first_day.setDate(QDate(day.year, day.month, day.day))

    def _chosen_first_day(self) -> date:
        return self.first_day.date().toPython()

    def _fill_kelurahan(self, site: str, chosen: str) -> None:
        """The kelurahan the site serves, by name; the one shown chosen."""
        if site != self._filled_site:
            self._filled_site = site
            self.kelurahan.blockSignals(True)
            self.kelurahan.clear()
            for kelurahan in served(site):
                self.kelurahan.addItem(kelurahan.name, kelurahan.code)
            self.kelurahan.blockSignals(False)
        self.kelurahan.blockSignals(True)
        self.kelurahan.setCurrentIndex(max(self.kelurahan.findData(chosen), 0))
        self.kelurahan.blockSignals(False)

    def _fill_rw(self, found: Overview) -> None:
        """The kelurahan's RWs that have ready cards, after "Semua RW"."""
        known = [self.rw.itemData(i) for i in range(1, self.rw.count())]
        if known == list(found.rws):
            return
        self.rw.blockSignals(True)
        while self.rw.count() > 1:
            self.rw.removeItem(1)
        for rw in found.rws:
            self.rw.addItem(fill(self.tr("RW %1"), rw), rw)
        self.rw.setCurrentIndex(max(self.rw.findData(found.rw), 0))
        self.rw.blockSignals(False)

    def _kelurahan_changed(self, _: int) -> None:
        self.rw.blockSignals(True)
        while self.rw.count() > 1:
            self.rw.removeItem(1)
        self.rw.setCurrentIndex(0)
        self.rw.blockSignals(False)
        self.refresh()

    def choice(self) -> dict:
        """The kelurahan (code or None before the first load) and RW chosen."""
        return {"kelurahan": self.kelurahan.currentData(), "rw": self.rw.currentData()}

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        self._take_settings()
        self._keep_first_day_ahead()
        self._generation += 1
        generation, chosen, site = self._generation, self.choice(), self.site

        def load(store: Store) -> Overview:
            here = site or store.require_device().site
            code = chosen["kelurahan"] or _first_kelurahan(here)
            return overview(store, session, site=here, kelurahan=code, rw=chosen["rw"])

        self.ops.run(
            load,
            on_done=lambda found: self._show(found, generation),
            on_error=lambda error: self.say(str(error), "error"),
        )

    def _show(self, found: Overview, generation: int) -> None:
        if generation != self._generation:
            return  # the choice changed while this was loading; a newer answer follows
        self.overview = found
        self._fill_kelurahan(found.site, found.kelurahan)
        self._fill_rw(found)
        name = self.kelurahan.currentText()
        where = fill(self.tr("Kelurahan %1"), name)
        if found.rw is not None:
            where = fill(self.tr("%1 RW %2"), where, found.rw)
        self.count.setText(
            fill(
                self.tr("%1: %2 kartu siap belum punya hari pengambilan, %3 sudah diundang."),
                where,
                _number(found.waiting),
                _number(found.planned),
            )
        )
        self._show_days()
        self._enable(found)

    def _show_days(self) -> None:
        """The site's coming pickup days: invited from this choice, from every kelurahan,
        and what the cap chosen here still leaves free."""
        days = self.overview.days if self.overview else ()
        cap = self.cap.value()
        self.table.setRowCount(len(days))
        for row, day in enumerate(days):
            free = cap - day.total
            values = (
                long_date(day.day),
                _number(day.invited),
                _number(day.total),
                _number(free) if free > 0 else self.tr("penuh"),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (1, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)

    def _enable(self, found: Overview | None) -> None:
        self.plan_button.setEnabled(bool(found and found.waiting))
        for button in (self.print_letters, self.save_letters, self.print_cover, self.save_cover):
            button.setEnabled(bool(found and found.planned))

    # -- planning ------------------------------------------------------------------------

    def plan_days(self) -> None:
        session, found = self.session, self.overview
        if session is None or found is None:
            return
        first_day, cap = self._chosen_first_day(), self.cap.value()
        holidays, rw = self.settings.holiday_dates(), found.rw

        def work(store: Store) -> Plan:
            return plan_invitations(
                store,
                session,
                site=found.site,
                kelurahan=found.kelurahan,
                rw=rw,
                first_day=first_day,
                cap=cap,
                holidays=holidays,
            )

        self.plan_button.setEnabled(False)
        self.say(self.tr("Menjadwalkan…"))
        self.ops.run(work, on_done=self._planned, on_error=self._refused, writes=True)

    def _planned(self, plan: Plan) -> None:
        self.plan = plan
        days = len(plan.days)
        if days == 1:
            text = fill(
                self.tr("%1 kartu diundang pada %2 (%3)."),
                _number(plan.count),
                long_date(plan.days[0].day),
                plan.plan_no,
            )
        else:
            text = fill(
                self.tr("%1 kartu diundang pada %2 hari kerja, %3 sampai %4 (%5)."),
                _number(plan.count),
                days,
                long_date(plan.days[0].day),
                long_date(plan.last_day),
                plan.plan_no,
            )
        self.say(text, "ok")
        self.refresh()

    def _refused(self, error: Exception) -> None:
        self.say(str(error), "error")
        self._enable(self.overview)

    # -- paper ---------------------------------------------------------------------------

    def _build(self, paper: str, how: str):
        session, found = self.session, self.overview
        rw = found.rw

        def build(store: Store) -> Draft:
            return invitation_paper(
                store,
                session,
                site=found.site,
                kelurahan=found.kelurahan,
                rw=rw,
                paper=paper,
                how=how,
            )

        return build

    def print_paper(self, paper: str, printer_name: str | None = None) -> None:
        """`paper`: "letters" or "cover"."""
        if self.session is not None and self.overview is not None:
            self.output.print(self._build(paper, "cetak"), printer_name)

    def save_paper(self, paper: str, path=None) -> None:
        if self.session is not None and self.overview is not None:
            self.output.save(self._build(paper, "pdf"), path)


def served(site: str) -> list[Kelurahan]:
    """The kelurahan the site serves, by name."""
    known = regions().sites.get(site)
    codes = set(known.kecamatan_codes) if known else set()
    return sorted(
        (k for k in regions().kelurahan.values() if k.kecamatan.code in codes),
        key=lambda k: k.name.casefold(),
    )


def _first_kelurahan(site: str) -> str:
    """The site's first kelurahan by name: what the tab shows before anyone chooses."""
    choices = served(site)
    return choices[0].code if choices else ""
