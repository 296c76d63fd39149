"""Fixtures for the counter UI tests: a small demo city built once, a private copy of it
per test, the real operations worker and the real main window, driven with key presses.

The city is the demo data at 2 % scale (the demo accounts operator1..3, alihdaya1,
supervisor and admin, password `DEMO_PASSWORD`), opened as MGS workstation 1. The rarer
card cases (deceased, moved, returned, handed over, conflict, superseded) are set up once
in the template by appending the events that would have produced them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.nik import Sex, make_nik
from desktop.store import Store, open_store
from desktop.store.demo import DEMO_PASSWORD, build_city, load_city
from desktop.store.settings import WorkstationSettings
from desktop.store.store import STORE_FILE
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.qt import QApplication, Qt, QWidget

SITE = "MGS"
WORKSTATION = 1
CITY_SEED = 2012
CITY_SCALE = 0.02  # 1,713 residents, about 1,350 cards: built in about two seconds
MISSING_PRINTER = "NoSuchPrinter-Loket"
EARLIER_DAY = "2012-09-10T09:15:00+07:00"  # handovers set up in the template: not today
LONG_IDLE_MS = 600_000  # no idle lock unless a test asks for one

__all__ = [
    "DEMO_PASSWORD",
    "MISSING_PRINTER",
    "Cast",
    "focused",
    "log_in",
    "press",
    "type_login",
    "wait_idle",
]


@dataclass(frozen=True)
class Cast:
    """The residents and cards the tests use, chosen from (or set up in) the template."""

    ready_nik: str  # a ready card at MGS
    ready_card: str
    ready_box: int
    ready_slot: int
    ready_name: str
    scan_nik: str  # another ready MGS card, found by its invitation barcode
    scan_card: str
    other_site_nik: str  # a Prajurit Kulon resident whose card waits at Dispendukcapil
    no_card_nik: str  # recorded, card not yet arrived
    not_sorted_nik: str  # card arrived, not yet given a box and slot
    withheld_nik: str
    misrouted_nik: str  # a card whose NIK is in no register of this city
    superseded_nik: str  # their only card was replaced by a reprint filed elsewhere
    deceased_nik: str
    moved_nik: str
    returned_nik: str
    handed_over_nik: str
    handed_over_receipt: str
    conflict_nik: str
    conflict_receipts: tuple[str, str]
    unregistered_nik: str  # a well-formed NIK that is in neither the register nor a manifest
    name_query: str  # part of a name that several residents share
    name_matches: tuple[str, ...]  # their NIKs, in the order the search lists them


def _one(conn: sqlite3.Connection, sql: str, *params: Any) -> tuple:
    row = conn.execute(sql, params).fetchone()
    assert row is not None, f"the demo city has no row for: {sql}"
    return row


def _append(store: Store, event_type: EventType, payload: dict[str, Any], **kwargs: Any) -> None:
    with store.write():
        store.append(event_type, payload, **kwargs)


def _hand_over_earlier(store: Store, card_id: str, nik: str, receipt_no: str, ws: int) -> None:
    """A handover recorded on an earlier day, its receipt printed (so today's count and the
    reprint queue start empty)."""
    _append(
        store,
        EventType.HANDOVER,
        {
            "card_id": card_id,
            "nik": nik,
            "workstation": ws,
            "operator": "operator2",
            "receipt_no": receipt_no,
            "old_ktp": OldKtp.WITHDRAWN.value,
            "police_letter": None,
        },
        wall_time=EARLIER_DAY,
    )
    _append(store, EventType.RECEIPT_PRINTED, {"receipt_no": receipt_no, "copy": False})


def _cast_the_city(store: Store) -> Cast:
    conn = store.conn
    # Ready MGS cards of registered residents with exactly one card, in a stable order.
    ready = conn.execute(
        "SELECT c.card_id, c.nik, c.box, c.slot, r.nama FROM cards c"
        " JOIN residents r ON r.nik = c.nik"
        " WHERE c.status = 'ready' AND c.site = 'MGS'"
        " AND (SELECT count(*) FROM cards c2 WHERE c2.nik = c.nik) = 1"
        " ORDER BY c.card_id LIMIT 8"
    ).fetchall()
    assert len(ready) == 8
    (first, scanned, deceased, moved, returned, handed, conflict, superseded) = ready
    other_site_nik = _one(
        conn,
        "SELECT c.nik FROM cards c JOIN residents r ON r.nik = c.nik"
        " WHERE c.status = 'ready' AND c.site = 'DSP' ORDER BY c.card_id",
    )[0]
    no_card, not_sorted = conn.execute(
        "SELECT nik, nama, kode_kelurahan FROM residents r WHERE kode_kelurahan LIKE '35.76.02.%'"
        " AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.nik = r.nik) ORDER BY nik LIMIT 2"
    ).fetchall()
    no_card_nik = no_card[0]
    misrouted_nik = _one(
        conn,
        "SELECT c.nik FROM cards c WHERE c.status = 'misrouted' AND NOT EXISTS"
        " (SELECT 1 FROM residents r WHERE r.nik = c.nik) ORDER BY c.card_id",
    )[0]
    withheld = conn.execute("SELECT nik FROM cards WHERE status = 'withheld'").fetchone()
    if withheld:
        withheld_nik = withheld[0]
    else:  # a smaller city might have none: damage one
        withheld_nik = ready[-1][1]
        _append(store, EventType.CARD_WITHHELD, {"card_id": ready[-1][0], "reason": "damaged"})

    _append(store, EventType.HOLDER_DECEASED, {"card_id": deceased[0], "reason": "akta kematian"})
    _append(store, EventType.HOLDER_MOVED, {"card_id": moved[0], "reason": "pindah ke Surabaya"})
    _append(store, EventType.CARD_RETURNED, {"card_id": returned[0], "reason": "tidak diambil"})
    _hand_over_earlier(store, handed[0], handed[1], "MGS-01-000001", WORKSTATION)
    # The same card handed over at workstation 1 and (synced in) at workstation 2.
    _hand_over_earlier(store, conflict[0], conflict[1], "MGS-01-000002", WORKSTATION)
    _hand_over_earlier(store, conflict[0], conflict[1], "MGS-02-000001", 2)
    # A reprint that replaced this resident's card was filed under another NIK, so the
    # resident's only card on record is the superseded one.
    stray_nik = make_nik("35.16.05", date(1977, 3, 4), Sex.MALE, 4321)
    _append(
        store,
        EventType.CARD_RECEIVED,
        {
            "card_id": f"B20120827-CU-{stray_nik}",
            "batch_id": "B20120827-CU",
            "nik": stray_nik,
            "nama": superseded[4].upper(),
            "kode_kelurahan": "35.16.05.2003",
            "tanggal_cetak": "2012-08-20",
            "status": "misrouted",
            "site": None,
            "box": None,
            "slot": None,
            "reason": "NIK tidak ada di register",
            "supersedes": [superseded[0]],
        },
    )

    _append(
        store,
        EventType.CARD_RECEIVED,
        {
            "card_id": f"B20120903-{not_sorted[0]}",
            "batch_id": "B20120903",
            "nik": not_sorted[0],
            "nama": not_sorted[1].upper(),
            "kode_kelurahan": not_sorted[2],
            "tanggal_cetak": "2012-08-24",
            "status": "received",
            "site": SITE,
            "box": None,
            "slot": None,
            "reason": None,
        },
    )

    unregistered_nik = make_nik("35.76.02", date(1980, 1, 1), Sex.MALE, 9999)
    assert (
        conn.execute("SELECT 1 FROM residents WHERE nik = ?", (unregistered_nik,)).fetchone()
        is None
    )
    assert conn.execute("SELECT 1 FROM cards WHERE nik = ?", (unregistered_nik,)).fetchone() is None

    name_query, name_matches = _shared_name(store)
    return Cast(
        ready_nik=first[1],
        ready_card=first[0],
        ready_box=first[2],
        ready_slot=first[3],
        ready_name=first[4],
        scan_nik=scanned[1],
        scan_card=scanned[0],
        other_site_nik=other_site_nik,
        no_card_nik=no_card_nik,
        not_sorted_nik=not_sorted[0],
        withheld_nik=withheld_nik,
        misrouted_nik=misrouted_nik,
        superseded_nik=superseded[1],
        deceased_nik=deceased[1],
        moved_nik=moved[1],
        returned_nik=returned[1],
        handed_over_nik=handed[1],
        handed_over_receipt="MGS-01-000001",
        conflict_nik=conflict[1],
        conflict_receipts=("MGS-01-000002", "MGS-02-000001"),
        unregistered_nik=unregistered_nik,
        name_query=name_query,
        name_matches=name_matches,
    )


def _shared_name(store: Store) -> tuple[str, tuple[str, ...]]:
    """A word of a name that three to eight residents share, and their NIKs in list order."""
    from desktop.store.search import search_names

    words = store.conn.execute(
        "SELECT nama FROM residents WHERE nama LIKE '% %' ORDER BY nik"
    ).fetchall()
    for (nama,) in words:
        word = nama.split()[-1]
        matches = search_names(store.conn, word)
        if 3 <= len(matches) <= 8:
            return word, tuple(m.nik for m in matches)
    raise AssertionError("no name in the demo city is shared by three to eight residents")


@pytest.fixture(scope="session")
def city_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Cast]:
    """The demo city as MGS workstation 1 with the test cast set up; tests copy it."""
    folder = tmp_path_factory.mktemp("ui-city")
    with open_store(folder) as template:
        template.initialize(SITE, WORKSTATION)
        load_city(template, build_city(seed=CITY_SEED, scale=CITY_SCALE), actor="admin")
        cast = _cast_the_city(template)
        template.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder, cast


@pytest.fixture
def cast(city_template: tuple[Path, Cast]) -> Cast:
    return city_template[1]


def copy_store(template: Path, folder: Path) -> Path:
    """Copy a store file with SQLite's backup API (consistent even with a WAL beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(template / STORE_FILE)
    target = sqlite3.connect(folder / STORE_FILE)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return folder


@pytest.fixture
def data_dir(city_template: tuple[Path, Cast], tmp_path: Path) -> Path:
    """A private copy of the template's data folder."""
    return copy_store(city_template[0], tmp_path / "data")


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir) as opened:
        yield opened


@pytest.fixture
def ops(qapp: QApplication, store: Store) -> Iterator[Operations]:
    operations = Operations(store)
    yield operations
    operations.wait()


@pytest.fixture
def make_window(qtbot, ops: Operations, store: Store) -> Iterator[Callable[..., MainWindow]]:
    """`make_window(idle_ms=...)`: the real main window, shown and active, at the login.

    The fixture closes its windows itself (not through qtbot.addWidget, which closes them
    before fixture teardown): first the operations still running, such as a receipt being
    printed, must land while the widgets they report to still exist.
    """
    made: list[MainWindow] = []

    def make(*, idle_ms: int = LONG_IDLE_MS, printer: str = MISSING_PRINTER) -> MainWindow:
        window = MainWindow(
            ops, store.require_device(), WorkstationSettings(printer=printer), idle_ms=idle_ms
        )
        made.append(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield make
    wait_idle(qtbot, ops)
    for window in made:
        window.close()  # also removes its application-wide idle filter
        window.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


# -- helpers the tests share -----------------------------------------------------------------


def wait_idle(qtbot, ops: Operations, timeout: int = 10_000) -> None:
    """Wait until every operation has finished and its callback has run on the GUI thread."""
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=timeout)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, *keys: Any) -> int:
    """Press keys one by one on whatever widget has the focus, as the operator would.

    A key is a character ("7", " "), a Qt.Key, or a (Qt.Key, modifier) pair. Returns the
    number of key presses, so a test can count the operator's keystrokes.
    """
    count = 0
    for key in keys:
        widget = focused()
        assert widget is not None, "no widget has the keyboard focus"
        if isinstance(key, tuple):
            qtbot.keyClick(widget, key[0], key[1])
        elif isinstance(key, str) and key == " ":
            qtbot.keyClick(widget, Qt.Key.Key_Space)
        else:
            qtbot.keyClick(widget, key)
        count += 1
    return count


def log_in(
    qtbot, window: MainWindow, username: str = "operator1", password: str = DEMO_PASSWORD
) -> None:
    """Sign in through the login panel's fields and wait for the counter screen."""
    type_login(qtbot, window, username, password)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.counter, timeout=10_000)


def type_login(qtbot, window: MainWindow, username: str, password: str) -> None:
    """Type a username and password and press Enter, without waiting for the answer."""
    panel = window.login_panel
    panel.username.clear()
    qtbot.keyClicks(panel.username, username)
    qtbot.keyClick(panel.username, Qt.Key.Key_Return)  # Enter moves on to the password
    qtbot.keyClicks(panel.password, password)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
