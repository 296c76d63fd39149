"""The progress dashboard at the supervisor's desk: the city's figures in large type, a line
per kecamatan and kelurahan, a bar chart per kelurahan and the handovers per day, and the
same figures as the printed report. The charts are painted here with QPainter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.progress import (
    AreaProgress,
    ProgressReport,
    axis_ticks,
    month_text,
    number_text,
    percent_text,
)
from desktop.documents.progress_report import progress_pdf
from desktop.store import Store
from desktop.store.progress import progress_report
from desktop.store.sessions import Session
from desktop.ui.operations import Operations
from desktop.ui.papers import Draft, Paper, PaperOutput
from desktop.ui.qt import (
    QAbstractItemView,
    QButtonGroup,
    QColor,
    QFont,
    QFontMetrics,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPainter,
    QPaintEvent,
    QPen,
    QPushButton,
    QRectF,
    QSize,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from desktop.ui.style import set_tone
from desktop.ui.text import fill, sentence

DAYS = 30

# The paper's colours, so the screen and the printed report read the same.
RECEIVED_COLOUR = QColor(179, 204, 230)
HANDED_COLOUR = QColor(26, 69, 115)
VOIDED_COLOUR = QColor(179, 38, 38)
GRID_COLOUR = QColor(200, 200, 200)
TEXT_COLOUR = QColor(30, 30, 30)
MUTED_COLOUR = QColor(110, 110, 110)
CHART_POINTS = 10.5  # chart type: small beside the 15-point screen, still read at arm's length

_LOCAL_STYLE = """
QFrame#figure { border: 2px solid #aab7b8; border-radius: 8px; background: #fbfcfc; }
QFrame#figure QLabel { font-size: 12pt; color: #4d5656; }
QFrame#figure QLabel[role="value"] { font-size: 26pt; font-weight: bold; color: #17202a; }
QFrame#figure QLabel[role="note"] { color: #1b4f72; }
QLabel#asOf { font-size: 12pt; color: #4d5656; }
QLabel#dailyTitle { font-size: 13pt; font-weight: bold; }
QTableWidget#progressTable { font-size: 12pt; }
"""


def progress_paper(store: Store, actor: Session, until: date | None, days: int) -> Draft:
    """Read the figures afresh (on the store worker); lay them out later, off it."""
    report = progress_report(store, actor, until=until, days=days)
    return Draft(
        lambda: Paper(
            progress_pdf(report),
            "Laporan kemajuan distribusi KTP-el",
            f"kemajuan-ktp-el-{report.as_of:%Y-%m-%d}.pdf",
        )
    )


def _short_time(iso: str) -> str:
    """`2026-11-27T13:52:00+07:00` → `27-11 13:52`."""
    return f"{iso[8:10]}-{iso[5:7]} {iso[11:16]}" if len(iso) >= 16 else iso


def _chart_font(widget: QWidget, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(CHART_POINTS)
    font.setBold(bold)
    return font


class KelurahanChart(QWidget):
    """Per kelurahan, in one column per kecamatan, two bars on a 0–100 % scale: cards
    received as a share of recorded residents (light), and cards handed over as a share of
    cards received (dark), the same two percentages as the table beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kelurahanChart")
        self.report: ProgressReport | None = None
        self.setMinimumSize(QSize(440, 260))

    def set_report(self, report: ProgressReport | None) -> None:
        self.report = report
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        report = self.report
        if report is None:
            painter.end()
            return
        font, bold = _chart_font(self), _chart_font(self, True)
        metrics = QFontMetrics(font)
        line_h = metrics.height()
        pad, gap = 8, 20
        self._legend(painter, font, pad, pad, line_h)
        groups = [(kec, report.kelurahan_of(kec)) for kec in report.kecamatan]
        columns = max(len(groups), 1)
        column_w = (self.width() - 2 * pad - gap * (columns - 1)) / columns
        names_w = max((metrics.horizontalAdvance(k.name) for k in report.kelurahan), default=0)
        names_w += 10
        value_w = metrics.horizontalAdvance("100 % · 100 %") + 10
        head_y = pad + line_h + 8
        rows_top = head_y + line_h + 4
        rows_bottom = self.height() - pad - line_h  # the scale's labels below
        most = max((len(kels) for _, kels in groups), default=1) or 1
        row_h = (rows_bottom - rows_top) / most
        for n, (kec, kels) in enumerate(groups):
            x = pad + n * (column_w + gap)
            bar_x, bar_w = x + names_w, max(column_w - names_w - value_w, 10)
            painter.setFont(bold)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(x, head_y, column_w, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fill(
                    self.tr("Kec. %1: %2 · %3"),
                    kec.name,
                    percent_text(kec.received_percent, 0),
                    percent_text(kec.handed_percent, 0),
                ),
            )
            painter.setFont(font)
            for m, kel in enumerate(kels):
                y = rows_top + m * row_h
                self._row(painter, kel, x, y, names_w, bar_x, bar_w, row_h)
                painter.setPen(MUTED_COLOUR)
                painter.drawText(
                    QRectF(x + column_w - value_w, y, value_w, row_h),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                    f"{kel.received_percent:.0f} % · {kel.handed_percent:.0f} %",
                )
            self._scale(painter, bar_x, bar_w, rows_top, rows_top + len(kels) * row_h, line_h)
        painter.end()

    def _legend(self, painter: QPainter, font: QFont, x: float, y: float, h: float) -> None:
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for colour, label in (
            (RECEIVED_COLOUR, self.tr("% diterima dari terekam")),
            (HANDED_COLOUR, self.tr("% diserahkan dari diterima")),
            (None, self.tr("angka di kanan: % diterima · % diserahkan")),
        ):
            if colour is not None:
                painter.fillRect(QRectF(x, y + h * 0.2, h * 0.9, h * 0.6), colour)
                x += h + 4
            painter.setPen(TEXT_COLOUR if colour is not None else MUTED_COLOUR)
            painter.drawText(QRectF(x, y, 1000, h), Qt.AlignmentFlag.AlignVCenter, label)
            x += metrics.horizontalAdvance(label) + 18

    def _row(
        self, painter: QPainter, kel: AreaProgress, x: float, y: float, names_w: float,
        bar_x: float, bar_w: float, row_h: float,
    ) -> None:  # fmt: skip
        painter.setPen(TEXT_COLOUR)
        painter.drawText(
            QRectF(x, y, names_w, row_h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            kel.name,
        )
        bar_h = min((row_h - 6) / 2, 12)
        middle = y + row_h / 2
        unit = bar_w / 100
        # A share above 100 % (reprints counted beside their originals) stops at the frame.
        received, handed = min(kel.received_percent, 100), min(kel.handed_percent, 100)
        painter.fillRect(
            QRectF(bar_x, middle - bar_h - 0.5, received * unit, bar_h), RECEIVED_COLOUR
        )
        painter.fillRect(QRectF(bar_x, middle + 0.5, handed * unit, bar_h), HANDED_COLOUR)

    def _scale(
        self, painter: QPainter, x: float, width: float, top: float, bottom: float, h: float
    ) -> None:
        """Gridlines at every quarter and their labels under the column."""
        metrics = QFontMetrics(painter.font())
        for tick in (0, 25, 50, 75, 100):
            tx = x + width * tick / 100
            painter.setPen(QPen(TEXT_COLOUR if tick in (0, 100) else GRID_COLOUR, 1))
            painter.drawLine(int(tx), int(top), int(tx), int(bottom))
            if tick % 50 == 0:
                label = f"{tick} %"
                half = metrics.horizontalAdvance(label) / 2
                painter.setPen(MUTED_COLOUR)
                painter.drawText(
                    QRectF(tx - half - 2, bottom + 1, 2 * half + 4, h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )


class DailyChart(QWidget):
    """Handovers per day over the report's range: a dark bar for those that stand, a red cap
    for those later voided, the number over the bar where it fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyChart")
        self.report: ProgressReport | None = None
        self.setMinimumHeight(150)

    def set_report(self, report: ProgressReport | None) -> None:
        self.report = report
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        report = self.report
        if report is None or not report.days:
            painter.end()
            return
        font = _chart_font(self)
        small = QFont(font)
        small.setPointSizeF(CHART_POINTS - 1.5)
        metrics, small_metrics = QFontMetrics(font), QFontMetrics(small)
        line_h = metrics.height()
        days = report.days
        peak = max(d.handed_over + d.voided for d in days)
        ticks = axis_ticks(peak, 4)
        axis_w = metrics.horizontalAdvance(number_text(ticks[-1])) + 10
        left, right = axis_w, self.width() - 6
        top, bottom = line_h // 2 + 4, self.height() - 2 * line_h - 4
        unit = (bottom - top) / ticks[-1]
        painter.setFont(font)
        for tick in ticks if peak else [0]:  # an empty range keeps only its baseline
            y = bottom - tick * unit
            painter.setPen(QPen(GRID_COLOUR if tick else TEXT_COLOUR, 1))
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(MUTED_COLOUR)
            painter.drawText(
                QRectF(0, y - line_h / 2, axis_w - 6, line_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                number_text(tick),
            )
        slot = (right - left) / len(days)
        bar_w = max(slot * 0.68, 1.0)
        every = 1
        while slot * every < metrics.horizontalAdvance("00") + 6:
            every += 1
        for n, entry in enumerate(days):
            cx = left + slot * (n + 0.5)
            handed, voided = entry.handed_over * unit, entry.voided * unit
            painter.fillRect(QRectF(cx - bar_w / 2, bottom - handed, bar_w, handed), HANDED_COLOUR)
            painter.fillRect(
                QRectF(cx - bar_w / 2, bottom - handed - voided, bar_w, voided), VOIDED_COLOUR
            )
            value = number_text(entry.handed_over)
            if entry.handed_over and small_metrics.horizontalAdvance(value) <= slot - 2:
                painter.setFont(small)
                painter.setPen(TEXT_COLOUR)
                painter.drawText(
                    QRectF(cx - slot / 2, bottom - handed - voided - line_h, slot, line_h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    value,
                )
                painter.setFont(font)
            if n % every == 0:
                painter.setPen(MUTED_COLOUR if entry.day.weekday() >= 5 else TEXT_COLOUR)
                painter.drawText(
                    QRectF(cx - slot * every / 2, bottom + 2, slot * every, line_h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    f"{entry.day.day:02d}",
                )
        painter.setPen(MUTED_COLOUR)
        starts = [
            (left + slot * n, month_text(entry.day))
            for n, entry in enumerate(days)
            if n == 0 or entry.day.day == 1
        ]
        for (x, text), following in zip(starts, [*starts[1:], None], strict=True):
            # The first, partial month's name gives way when the next one would run into it.
            if following is None or following[0] - x >= metrics.horizontalAdvance(text) + 8:
                painter.drawText(
                    QRectF(x, bottom + line_h + 2, metrics.horizontalAdvance(text) + 4, line_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                    text,
                )
        if not peak:
            painter.setPen(MUTED_COLOUR)
            painter.drawText(
                QRectF(left, top, right - left, bottom - top),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Belum ada serah terima dalam rentang ini."),
            )
        painter.end()


class ProgressTab(QWidget):
    """The progress dashboard; `refresh()` reads the figures, both sites' after a sync."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.session: Session | None = None
        self.until: date | None = None  # the range's last day; None: today
        self.days = DAYS
        self.report: ProgressReport | None = None
        self.output = PaperOutput(ops, self)
        self.setStyleSheet(_LOCAL_STYLE)

        figures = QHBoxLayout()
        self.recorded_figure, self.recorded_note = self._figure(
            figures, "recorded", self.tr("Wajib KTP terekam")
        )
        self.received_figure, self.received_note = self._figure(
            figures, "received", self.tr("KTP-el diterima")
        )
        self.handed_figure, self.handed_note = self._figure(
            figures, "handed", self.tr("Sudah diserahkan")
        )
        self.waiting_figure, self.waiting_note = self._figure(
            figures, "waiting", self.tr("Menunggu di loket")
        )

        self.as_of = QLabel()
        self.as_of.setObjectName("asOf")
        self.as_of.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Perbarui"))
        self.refresh_button.setObjectName("refreshButton")
        self.print_button = QPushButton(self.tr("Cetak laporan…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.setObjectName("saveButton")
        self.chart_view = QPushButton(self.tr("Grafik per kelurahan"))
        self.chart_view.setObjectName("chartViewButton")
        self.table_view = QPushButton(self.tr("Tabel per wilayah"))
        self.table_view.setObjectName("tableViewButton")
        views = QButtonGroup(self)
        for button in (self.chart_view, self.table_view):
            button.setCheckable(True)
            views.addButton(button)
        self.chart_view.setChecked(True)
        actions = QHBoxLayout()
        actions.addWidget(self.chart_view)
        actions.addWidget(self.table_view)
        actions.addStretch(1)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("progressTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Wilayah"), self.tr("Terekam"), self.tr("Diterima"), self.tr("% terima"),
             self.tr("Diserahkan"), self.tr("% serah"), self.tr("Menunggu"),
             self.tr("Lainnya")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.kelurahan_chart = KelurahanChart()
        # Chart and table take turns in the middle: side by side neither is readable at
        # 1280×800, and the city's figures above and the days below stay in sight.
        self.areas = QStackedWidget()
        self.areas.setObjectName("areaStack")
        self.areas.addWidget(self.kelurahan_chart)
        self.areas.addWidget(self.table)
        self.daily_title = QLabel()
        self.daily_title.setObjectName("dailyTitle")
        self.daily_chart = DailyChart()

        box = QVBoxLayout(self)
        box.addLayout(figures)
        box.addWidget(self.as_of)
        box.addLayout(actions)
        box.addWidget(self.message)
        box.addWidget(self.areas, 2)
        box.addWidget(self.daily_title)
        box.addWidget(self.daily_chart, 1)
        self.message.hide()

        self.chart_view.clicked.connect(lambda: self.areas.setCurrentWidget(self.kelurahan_chart))
        self.table_view.clicked.connect(lambda: self.areas.setCurrentWidget(self.table))

        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(lambda: self.print_report())
        self.save_button.clicked.connect(lambda: self.save_report())
        self.output.message.connect(self.say)

    def _figure(self, row: QHBoxLayout, name: str, caption: str) -> tuple[QLabel, QLabel]:
        """A framed figure in large type (objectName `<name>Figure`) over its note
        (`<name>Note`)."""
        frame = QFrame()
        frame.setObjectName("figure")
        value = QLabel("–")
        value.setObjectName(f"{name}Figure")
        value.setProperty("role", "value")
        note = QLabel(" ")
        note.setObjectName(f"{name}Note")
        note.setProperty("role", "note")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(12, 6, 12, 6)
        inner.setSpacing(0)
        inner.addWidget(QLabel(caption))
        inner.addWidget(value)
        inner.addWidget(note)
        row.addWidget(frame, 1)
        return value, note

    def say(self, text: str, tone: str = "") -> None:
        self.message.setVisible(bool(text))
        self.message.setText(sentence(text))
        set_tone(self.message, tone)

    def refresh(self) -> None:
        session, until, days = self.session, self.until, self.days
        if session is None:
            return
        self.ops.run(
            lambda store: progress_report(store, session, until=until, days=days),
            on_done=self.show_report,
            on_error=lambda error: self.say(str(error), "error"),
        )

    def show_report(self, report: ProgressReport) -> None:
        self.report = report
        if self.message.property("tone") == "error":  # an earlier refusal no longer holds
            self.say("")
        total = report.total
        self.recorded_figure.setText(number_text(total.recorded))
        self.recorded_note.setText(self.tr("sudah merekam data"))
        self.received_figure.setText(number_text(total.received))
        self.received_note.setText(
            fill(self.tr("%1 dari terekam"), percent_text(total.received_percent))
        )
        self.handed_figure.setText(number_text(total.handed_over))
        self.handed_note.setText(
            fill(self.tr("%1 dari diterima"), percent_text(total.handed_percent))
        )
        self.waiting_figure.setText(number_text(total.waiting))
        self.waiting_note.setText(fill(self.tr("lainnya %1"), number_text(total.other)))
        sites = ", ".join(
            fill(self.tr("%1 (%2, s.d. %3)"), s.short, s.code, _short_time(s.last_event))
            for s in report.sites
        )
        self.as_of.setText(
            fill(
                self.tr("Keadaan per %1 · data dari: %2"),
                f"{report.as_of:%d-%m-%Y %H:%M}",
                sites or self.tr("belum ada"),
            )
        )
        self.daily_title.setText(
            fill(
                self.tr("Serah terima per hari, %1 s.d. %2: %3 diserahkan, %4 dibatalkan"),
                f"{report.first_day:%d-%m-%Y}",
                f"{report.last_day:%d-%m-%Y}",
                number_text(report.handed_in_range),
                number_text(report.voided_in_range),
            )
        )
        self._fill_table(report)
        self.kelurahan_chart.set_report(report)
        self.daily_chart.set_report(report)

    def _fill_table(self, report: ProgressReport) -> None:
        rows: list[tuple[AreaProgress, str, bool]] = [(report.total, report.total.name, True)]
        for kec in report.kecamatan:
            rows.append((kec, fill(self.tr("Kec. %1"), kec.name), True))
            rows += [(kel, f"   {kel.name}", False) for kel in report.kelurahan_of(kec)]
        if report.unregistered.received:
            rows.append((report.unregistered, self.tr("Kartu tanpa data register"), False))
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for n, (line, name, strong) in enumerate(rows):
            cells = (
                name,
                number_text(line.recorded) if line.recorded or line.code else "–",
                number_text(line.received),
                percent_text(line.received_percent, 1) if line.recorded else "–",
                number_text(line.handed_over),
                percent_text(line.handed_percent, 1) if line.received else "–",
                number_text(line.waiting),
                number_text(line.other),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(right)
                if strong:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(n, column, item)

    def _build(self):
        session, until, days = self.session, self.until, self.days
        return lambda store: progress_paper(store, session, until, days)

    def print_report(self, printer_name: str | None = None) -> None:
        if self.session is not None:
            self.output.print(self._build(), printer_name)

    def save_report(self, path: Path | str | None = None) -> None:
        if self.session is not None:
            self.output.save(self._build(), path)
