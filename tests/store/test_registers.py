"""The daily register and the drawer reconciliation, on real stores of the small demo city."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop.core.events import Event, EventType
from desktop.core.handover import OldKtp
from desktop.core.regions import regions
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store import store as store_module
from desktop.store.handover import Receipt, record_handover
from desktop.store.projections import digest
from desktop.store.registers import (
    HANDED,
    HOME_VISIT,
    VOIDED,
    DrawerCountRefused,
    daily_register,
    drawer_expected,
    drawer_record,
    record_drawer_count,
)
from tests.store.conftest import AppendEvent

DAY = date(2090, 9, 4)  # far after the demo city was loaded (today): every card is "before"
NEXT = DAY + timedelta(days=1)


class Clock:
    def __init__(self) -> None:
        self.now = f"{DAY.isoformat()}T08:00:00+07:00"

    def at(self, day: date, hhmm: str) -> None:
        self.now = f"{day.isoformat()}T{hhmm}:00+07:00"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The store's wall clock, set by the test (the HLC keeps its own order)."""
    c = Clock()
    monkeypatch.setattr(store_module, "_now", lambda: c.now)
    return c


def ready_cards(store: Store, site: str = "MGS") -> list[tuple[str, str, str]]:
    return store.conn.execute(
        "SELECT c.card_id, c.nik, coalesce(r.nama, c.nama) FROM cards c"
        " LEFT JOIN residents r ON r.nik = c.nik WHERE c.status = 'ready' AND c.site = ?"
        " AND (SELECT count(*) FROM cards o WHERE o.nik = c.nik) = 1 ORDER BY c.card_id",
        (site,),
    ).fetchall()


def hand_over(store: Store, card: tuple[str, str, str], operator: str = "operator1") -> Receipt:
    return record_handover(
        store,
        card_id=card[0],
        operator=operator,
        role=Role.OPERATOR,
        last_four=card[1][-4:],
        old_ktp=OldKtp.WITHDRAWN,
    )


def ingest_handover(store: Store, site: str, card: tuple[str, str, str], wall: str) -> None:
    """Another site's counter's handover, as sync brings it in."""
    event = Event(
        event_id=str(uuid.uuid4()),
        device_id=f"{site}-01-feedbeef",
        site=site,
        seq=1,
        type=EventType.HANDOVER.value,
        schema=1,
        wall_time=wall,
        hlc=f"{9_000_000_000_000:013d}-0000000000-{site}-01-feedbeef",
        payload={
            "card_id": card[0],
            "nik": card[1],
            "workstation": 1,
            "operator": "operator3",
            "receipt_no": f"{site}-01-000001",
            "old_ktp": "withdrawn",
            "police_letter": None,
            "holder_name": card[2],
            "operator_name": "Bambang Wijaya",
        },
    )
    with store.write():
        store.ingest(event)


@pytest.fixture
def busy_day(small_city: Store, clock: Clock, append: AppendEvent):
    """DAY at MGS: four handovers (one by the outsourced operator), one voided with a
    reason, one returned card; a handover the next day; one at DSP on DAY."""
    cards = ready_cards(small_city)
    clock.at(DAY, "09:30")
    second = hand_over(small_city, cards[1])
    clock.at(DAY, "08:05")
    first = hand_over(small_city, cards[0], "operator2")
    clock.at(DAY, "10:15")
    third = hand_over(small_city, cards[2], "alihdaya1")
    clock.at(DAY, "11:00")
    fourth = hand_over(small_city, cards[3])
    clock.at(DAY, "11:20")
    append(
        small_city,
        EventType.HANDOVER_VOIDED,
        {"card_id": cards[3][0], "handover_event_id": fourth.event_id, "reason": "salah kartu"},
    )
    clock.at(DAY, "14:00")
    append(small_city, EventType.CARD_RETURNED, {"card_id": cards[5][0], "reason": "rusak"})
    clock.at(NEXT, "08:30")
    later = hand_over(small_city, cards[4])
    ingest_handover(small_city, "DSP", ready_cards(small_city, "DSP")[0], f"{DAY}T09:00:00+07:00")
    return {"cards": cards, "receipts": (first, second, third, fourth, later)}


def test_register_lists_the_days_handovers_in_time_order(small_city: Store, busy_day) -> None:
    cards = busy_day["cards"]
    first, second, third, fourth, _later = busy_day["receipts"]
    register = daily_register(small_city, "MGS", DAY)

    assert register.office == "Kantor Kecamatan Magersari"
    assert [r.receipt_no for r in register.rows] == [
        first.receipt_no,
        second.receipt_no,
        third.receipt_no,
        fourth.receipt_no,
    ]
    assert [r.time for r in register.rows] == ["08:05", "09:30", "10:15", "11:00"]
    assert [r.nik for r in register.rows] == [c[1] for c in cards[:4]]
    assert [r.name for r in register.rows] == [c[2] for c in cards[:4]]
    assert [r.status for r in register.rows] == [HANDED, HANDED, HANDED, VOIDED]
    assert register.rows[3].reason == "salah kartu"
    assert [r.operator for r in register.rows] == [
        "Dewi Lestari",
        "Agus Santoso",
        "Rina Kurniawati",
        "Agus Santoso",
    ]
    codes = [
        small_city.conn.execute(
            "SELECT kode_kelurahan FROM residents WHERE nik = ?", (c[1],)
        ).fetchone()[0]
        for c in cards[:4]
    ]
    assert [r.kelurahan for r in register.rows] == [regions().kelurahan[c].name for c in codes]
    assert (register.handed_over, register.voided) == (3, 1)


def test_register_totals_count_live_handovers_and_voided_apart(small_city: Store, busy_day) -> None:
    register = daily_register(small_city, "MGS", DAY)
    per_operator = {t.label: (t.handed_over, t.voided) for t in register.per_operator}
    assert per_operator == {
        "Agus Santoso": (1, 1),
        "Dewi Lestari": (1, 0),
        "Rina Kurniawati": (1, 0),
    }
    assert sum(t.handed_over for t in register.per_kelurahan) == 3
    assert sum(t.voided for t in register.per_kelurahan) == 1
    expected: dict[str, list[int]] = {}
    for row in register.rows:
        expected.setdefault(row.kelurahan, [0, 0])[row.voided] += 1
    assert {t.label: [t.handed_over, t.voided] for t in register.per_kelurahan} == expected


def test_register_filters_by_day_and_site(small_city: Store, busy_day) -> None:
    later = busy_day["receipts"][4]
    assert [r.receipt_no for r in daily_register(small_city, "MGS", NEXT).rows] == [
        later.receipt_no
    ]
    assert daily_register(small_city, "MGS", DAY - timedelta(days=1)).rows == []
    dsp = daily_register(small_city, "DSP", DAY)
    assert [(r.receipt_no, r.operator) for r in dsp.rows] == [("DSP-01-000001", "Bambang Wijaya")]
    assert dsp.office.startswith("Kantor Dinas Kependudukan")


def test_home_visit_handover_is_marked(
    small_city: Store, clock: Clock, append: AppendEvent
) -> None:
    card = ready_cards(small_city)[0]
    clock.at(DAY, "13:00")
    append(
        small_city,
        EventType.HANDOVER,
        {
            "card_id": card[0],
            "nik": card[1],
            "workstation": 1,
            "operator": "operator1",
            "receipt_no": "MGS-01-000001",
            "old_ktp": "withdrawn",
            "holder_name": card[2],
            "operator_name": "Agus Santoso",
            "home_visit": True,
            "supervisor": "supervisor",
        },
    )
    (row,) = daily_register(small_city, "MGS", DAY).rows
    assert row.status == HOME_VISIT and not row.voided
    register = daily_register(small_city, "MGS", DAY)
    assert (register.handed_over, register.home_visits) == (1, 1)


def test_drawer_expected_follows_the_day(small_city: Store, clock: Clock, busy_day) -> None:
    journal_cards = small_city.conn.execute(
        "SELECT count(DISTINCT json_extract(payload, '$.card_id')) FROM journal"
        " WHERE type = 'card_received' AND json_extract(payload, '$.site') = 'MGS'"
    ).fetchone()[0]
    before = drawer_expected(small_city, "MGS", DAY - timedelta(days=1))
    assert (before.start, before.handed_over, before.returned) == (journal_cards, 0, 0)

    today = drawer_expected(small_city, "MGS", DAY)
    # three live handovers (the voided one is back in the drawer), one card returned
    assert (today.start, today.received, today.handed_over, today.returned) == (
        journal_cards,
        0,
        3,
        1,
    )
    assert today.expected == journal_cards - 4

    tomorrow = drawer_expected(small_city, "MGS", NEXT)
    assert tomorrow.start == today.expected
    assert (tomorrow.handed_over, tomorrow.returned, tomorrow.expected) == (
        1,
        0,
        today.expected - 1,
    )


def test_cards_arriving_during_the_day_go_into_the_drawer(small_city: Store) -> None:
    loaded = small_city.conn.execute(
        "SELECT substr(min(wall_time), 1, 10) FROM journal WHERE type = 'card_received'"
    ).fetchone()[0]
    count = drawer_expected(small_city, "MGS", date.fromisoformat(loaded))
    assert count.start == 0 and count.received == count.expected > 0


def test_record_drawer_count_matching_needs_no_note(small_city: Store, busy_day) -> None:
    expected = drawer_expected(small_city, "MGS", DAY)
    record = record_drawer_count(small_city, "MGS", DAY, expected.expected, "", "supervisor")
    assert (record.expected, record.counted, record.difference, record.note) == (
        expected.expected,
        expected.expected,
        0,
        "",
    )
    assert record.supervisor_name == "Hj. Sri Wahyuni"
    assert daily_register(small_city, "MGS", DAY).reconciliation == record
    assert daily_register(small_city, "MGS", NEXT).reconciliation is None
    actions = small_city.conn.execute("SELECT actor, action FROM audit ORDER BY id DESC").fetchone()
    assert actions == ("supervisor", "drawer-count")


def test_a_difference_needs_a_note(small_city: Store, busy_day) -> None:
    expected = drawer_expected(small_city, "MGS", DAY).expected
    journal_size = small_city.conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    with pytest.raises(DrawerCountRefused, match="catatan"):
        record_drawer_count(small_city, "MGS", DAY, expected - 2, "   ", "supervisor")
    assert small_city.conn.execute("SELECT count(*) FROM journal").fetchone()[0] == journal_size
    assert drawer_record(small_city, "MGS", DAY) is None

    record = record_drawer_count(
        small_city, "MGS", DAY, expected - 2, "dua kartu terselip di kotak B", "supervisor"
    )
    assert (record.difference, record.note) == (-2, "dua kartu terselip di kotak B")
    # a recount the same day stands in place of the first
    again = record_drawer_count(small_city, "MGS", DAY, expected, "", "supervisor")
    assert daily_register(small_city, "MGS", DAY).reconciliation == again


def test_only_a_supervisor_records_the_count(small_city: Store, busy_day) -> None:
    expected = drawer_expected(small_city, "MGS", DAY).expected
    with pytest.raises(PermissionDenied):
        record_drawer_count(small_city, "MGS", DAY, expected, "", "operator1")
    with pytest.raises(PermissionDenied):
        record_drawer_count(small_city, "MGS", DAY, expected, "", "alihdaya1")
    with pytest.raises(DrawerCountRefused):
        record_drawer_count(small_city, "MGS", DAY, expected, "", "nobody")
    with pytest.raises(DrawerCountRefused):
        record_drawer_count(small_city, "MGS", DAY, -1, "x", "supervisor")
    assert drawer_record(small_city, "MGS", DAY) is None


def test_rebuild_gives_the_same_register_and_count(small_city: Store, busy_day) -> None:
    expected = drawer_expected(small_city, "MGS", DAY).expected
    record_drawer_count(small_city, "MGS", DAY, expected + 1, "satu kartu lebih", "supervisor")
    register = daily_register(small_city, "MGS", DAY)
    rows_before = small_city.conn.execute("SELECT * FROM drawer_counts").fetchall()
    before, after = small_city.rebuild()
    assert before == after == digest(small_city.conn)
    assert small_city.conn.execute("SELECT * FROM drawer_counts").fetchall() == rows_before
    assert daily_register(small_city, "MGS", DAY) == register
    assert replace(register.reconciliation, note="") != register.reconciliation
