"""The progress tab on the small demo city: the city's figures as the store counts them, the
charts painted, another site's handover after a sync, and the report saved as a PDF."""

from __future__ import annotations

import io
import time
import uuid
from datetime import date, datetime

from pypdf import PdfReader

from desktop.core.events import SCHEMA_VERSION, Event, EventType, Timestamp
from desktop.core.progress import number_text, percent_text
from desktop.store import Store
from desktop.store.sessions import Session, login
from desktop.ui.operations import Operations
from desktop.ui.progress_view import HANDED_COLOUR, ProgressTab
from desktop.ui.qt import QColor, QImage, QLabel
from tests.ui.conftest import DEMO_PASSWORD, Cast, wait_idle

TEMPLATE_DAY = date(2012, 9, 10)  # the day the template's handovers were recorded


def city_counts(store: Store) -> tuple[int, int, int, int]:
    """Recorded, received, handed over and waiting, counted straight from the projections."""
    one = store.conn.execute
    return (
        one("SELECT count(*) FROM residents").fetchone()[0],
        one("SELECT count(*) FROM cards").fetchone()[0],
        one("SELECT count(*) FROM cards WHERE status IN ('handed_over', 'conflict')").fetchone()[0],
        one("SELECT count(*) FROM cards WHERE status IN ('ready', 'uncollected')").fetchone()[0],
    )


def open_tab(qtbot, ops: Operations, session: Session, **options) -> ProgressTab:
    tab = ProgressTab(ops)
    qtbot.addWidget(tab)
    tab.session = session
    for name, value in options.items():
        setattr(tab, name, value)
    tab.resize(1280, 700)  # the tab's share of a 1280×800 window
    tab.show()
    tab.refresh()
    wait_idle(qtbot, ops)
    return tab


def label(tab: ProgressTab, name: str) -> str:
    found = tab.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def supervisor(store: Store) -> Session:
    return login(store, "supervisor", DEMO_PASSWORD)


def test_the_city_figures_match_the_store(qtbot, store: Store, ops: Operations) -> None:
    recorded, received, handed, waiting = city_counts(store)
    assert handed >= 2  # the template hands two cards over (one of them twice)
    tab = open_tab(qtbot, ops, supervisor(store))
    assert label(tab, "recordedFigure") == number_text(recorded)
    assert label(tab, "receivedFigure") == number_text(received)
    assert label(tab, "handedFigure") == number_text(handed)
    assert label(tab, "waitingFigure") == number_text(waiting)
    assert label(tab, "receivedNote") == f"{percent_text(100 * received / recorded)} dari terekam"
    assert label(tab, "handedNote") == f"{percent_text(100 * handed / received)} dari diterima"
    assert "Magersari (MGS" in label(tab, "asOf")
    assert tab.message.isHidden()

    table = tab.table
    assert table.rowCount() == 1 + 2 + 18 + 1  # city, kecamatan, kelurahan, unregistered
    city = [table.item(0, column).text() for column in range(table.columnCount())]
    assert city[:3] == ["Kota Mojokerto", number_text(recorded), number_text(received)]
    assert city[4] == number_text(handed)
    kecamatan = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Kec. Prajurit Kulon" in kecamatan and "Kec. Magersari" in kecamatan
    assert kecamatan[-1] == "Kartu tanpa data register"


def test_the_charts_are_painted_readably(qtbot, store: Store, ops: Operations) -> None:
    tab = open_tab(qtbot, ops, supervisor(store), until=date(2012, 9, 12))
    assert tab.kelurahan_chart.report is tab.report
    days = {d.day: d for d in tab.report.days}
    assert len(days) == 30
    assert days[TEMPLATE_DAY].handed_over == 3  # the register's rows: one card twice
    assert "Serah terima per hari, 14-08-2012 s.d. 12-09-2012" in label(tab, "dailyTitle")
    # At a 1280×800 window the charts keep a usable size, and the day's bar is drawn.
    assert tab.kelurahan_chart.width() >= 1000 and tab.kelurahan_chart.height() >= 240
    assert tab.daily_chart.height() >= 150
    image = tab.daily_chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert colour_found(image, HANDED_COLOUR)
    chart = tab.kelurahan_chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert colour_found(chart, HANDED_COLOUR)


def colour_found(image: QImage, colour: QColor) -> bool:
    wanted = colour.rgb()
    return any(
        image.pixel(x, y) == wanted
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


def test_table_and_chart_take_turns(qtbot, store: Store, ops: Operations) -> None:
    tab = open_tab(qtbot, ops, supervisor(store))
    assert tab.areas.currentWidget() is tab.kelurahan_chart
    tab.table_view.click()
    assert tab.areas.currentWidget() is tab.table
    tab.chart_view.click()
    assert tab.areas.currentWidget() is tab.kelurahan_chart


def test_another_sites_handover_counts_after_a_sync(
    qtbot, store: Store, ops: Operations, cast: Cast
) -> None:
    tab = open_tab(qtbot, ops, supervisor(store))
    before = city_counts(store)[2]
    assert label(tab, "handedFigure") == number_text(before)
    assert "DSP" not in label(tab, "asOf")
    card_id = store.conn.execute(
        "SELECT card_id FROM cards WHERE nik = ?", (cast.other_site_nik,)
    ).fetchone()[0]
    device = "DSP-01-0badcafe"
    event = Event(
        event_id=str(uuid.uuid4()),
        device_id=device,
        site="DSP",
        seq=1,
        type=EventType.HANDOVER.value,
        schema=SCHEMA_VERSION,
        wall_time=datetime.now().astimezone().isoformat(timespec="seconds"),
        hlc=str(Timestamp(int(time.time() * 1000), 0, device)),
        payload={
            "card_id": card_id, "nik": cast.other_site_nik, "workstation": 1,
            "operator": "operator3", "receipt_no": "DSP-01-000001", "old_ktp": "withdrawn",
            "police_letter": None,
        },
    )  # fmt: skip
    ops.run(lambda s: _ingest(s, event), writes=True)
    wait_idle(qtbot, ops)
    tab.refresh_button.click()
    wait_idle(qtbot, ops)
    assert label(tab, "handedFigure") == number_text(before + 1)
    assert "Dispendukcapil (DSP" in label(tab, "asOf")
    assert tab.report.days[-1].handed_over >= 1


def _ingest(store: Store, event: Event) -> None:
    with store.write():
        store.ingest(event)


def test_counter_staff_see_a_refusal(qtbot, store: Store, ops: Operations) -> None:
    tab = open_tab(qtbot, ops, login(store, "operator1", DEMO_PASSWORD))
    assert tab.message.isVisible()
    assert "tidak berhak melihat laporan kemajuan" in tab.message.text()
    assert tab.message.property("tone") == "error"
    assert label(tab, "recordedFigure") == "–"


def test_save_pdf(qtbot, store: Store, ops: Operations, tmp_path) -> None:
    tab = open_tab(qtbot, ops, supervisor(store))
    recorded, received, handed, _ = city_counts(store)
    target = tmp_path / "kemajuan.pdf"
    with qtbot.waitSignal(tab.output.done, timeout=20_000) as done:
        tab.save_report(path=target)
    assert done.args[0].ok, done.args[0].message
    assert tab.message.property("tone") == "ok"
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Laporan Kemajuan Distribusi KTP-el" in text
    assert (
        f"Kota Mojokerto: {number_text(received)} KTP-el diterima = "
        f"{percent_text(100 * received / recorded)} dari {number_text(recorded)} wajib KTP"
    ) in text
    assert f"Sudah diserahkan {number_text(handed)}" in text
    assert f"Hal. {len(reader.pages)} dari {len(reader.pages)}" in text
    assert "Kantor Kecamatan Magersari (MGS)" in text
