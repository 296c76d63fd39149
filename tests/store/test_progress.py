"""The progress report from real stores: a hand-counted one and the small demo city."""

from __future__ import annotations

import time
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from desktop.core.events import SCHEMA_VERSION, Event, EventType, Timestamp
from desktop.core.nik import Sex, make_nik
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.progress import MAX_DAYS, ProgressRefused, progress_report
from desktop.store.sessions import Session, login
from desktop.store.stats import city_stats

from .conftest import AddResident, AppendEvent

SUPERVISOR = Session("supervisor", "Hj. Sri Wahyuni", Role.SUPERVISOR)
DAY1, DAY2, DAY3 = date(2012, 9, 3), date(2012, 9, 4), date(2012, 9, 5)
PEAK_DAY = datetime(2012, 9, 3, 9, 0, tzinfo=timezone(timedelta(hours=7)))
MAGERSARI_KEL, MERI, MIJI = "35.76.02.1003", "35.76.02.1002", "35.76.01.1002"


def at(day: date, hhmm: str = "09:00") -> str:
    return f"{day.isoformat()}T{hhmm}:00+07:00"


def receive(
    store: Store, append: AppendEvent, nik: str, code: str, day: date, *,
    status: str = "ready", site: str | None = "MGS",
) -> str:  # fmt: skip
    card_id = f"B-{nik}"
    append(
        store,
        EventType.CARD_RECEIVED,
        {
            "card_id": card_id, "batch_id": "B", "nik": nik, "nama": "X",
            "kode_kelurahan": code, "tanggal_cetak": "2012-08-20", "status": status,
            "site": site, "box": 1 if status == "ready" else None, "slot": 1, "reason": None,
        },
        wall_time=at(day, "07:30"),
    )  # fmt: skip
    return card_id


def hand_over(store: Store, append: AppendEvent, card_id: str, nik: str, receipt: str) -> Event:
    return append(
        store,
        EventType.HANDOVER,
        {
            "card_id": card_id, "nik": nik, "workstation": 1, "operator": "operator1",
            "receipt_no": receipt, "old_ktp": "withdrawn",
        },
        wall_time=at(DAY2, "10:00"),
    )  # fmt: skip


def other_site_handover(store: Store, card_id: str, nik: str, wall_time: str) -> Event:
    """A handover at Dispendukcapil's counter, arriving here as a sync pull brings it."""
    device_id = "DSP-01-0badcafe"
    event = Event(
        event_id=str(uuid.uuid4()),
        device_id=device_id,
        site="DSP",
        seq=1,
        type=EventType.HANDOVER.value,
        schema=SCHEMA_VERSION,
        wall_time=wall_time,
        hlc=str(Timestamp(int(time.time() * 1000), 0, device_id)),
        payload={
            "card_id": card_id, "nik": nik, "workstation": 1, "operator": "operator3",
            "receipt_no": "DSP-01-000001", "old_ktp": "withdrawn", "police_letter": None,
        },
    )  # fmt: skip
    with store.write():
        store.ingest(event)
    return event


@pytest.fixture
def counted(store: Store, append: AppendEvent, add_resident: AddResident) -> dict[str, Any]:
    """Seven residents, seven cards, each in a state the report must place:

    Magersari (kel.): A handed over, B handed over and voided (waiting again), C no card
    yet, G handed over at two workstations (conflict: one card, two handovers).
    Meri: D withheld. Miji (Prajurit Kulon, DSP): E ready, F arrived on DAY3, uncollected.
    X: a card whose NIK is in no register (misrouted).
    """
    people = {
        name: add_resident(store, name, kode_kelurahan=code)["nik"]
        for name, code in (
            ("A", MAGERSARI_KEL), ("B", MAGERSARI_KEL), ("C", MAGERSARI_KEL),
            ("G", MAGERSARI_KEL), ("D", MERI), ("E", MIJI), ("F", MIJI),
        )
    }  # fmt: skip
    cards = {
        name: receive(store, append, people[name], code, DAY1, site=site)
        for name, code, site in (
            ("A", MAGERSARI_KEL, "MGS"), ("B", MAGERSARI_KEL, "MGS"),
            ("G", MAGERSARI_KEL, "MGS"), ("D", MERI, "MGS"), ("E", MIJI, "DSP"),
        )
    }  # fmt: skip
    cards["F"] = receive(store, append, people["F"], MIJI, DAY3, site="DSP")
    stray = make_nik("35.16.05", date(1977, 3, 4), Sex.MALE, 4321)
    receive(store, append, stray, "35.16.05.2003", DAY1, status="misrouted", site=None)

    hand_over(store, append, cards["A"], people["A"], "MGS-01-000001")
    voided = hand_over(store, append, cards["B"], people["B"], "MGS-01-000002")
    append(
        store,
        EventType.HANDOVER_VOIDED,
        {"card_id": cards["B"], "handover_event_id": voided.event_id, "reason": "salah kartu"},
        wall_time=at(DAY2, "10:05"),
    )
    hand_over(store, append, cards["G"], people["G"], "MGS-01-000003")
    hand_over(store, append, cards["G"], people["G"], "MGS-01-000004")
    append(store, EventType.CARD_WITHHELD, {"card_id": cards["D"], "reason": "damaged"})
    append(store, EventType.CARD_UNCOLLECTED, {"card_id": cards["F"]}, wall_time=at(DAY3))
    return {"people": people, "cards": cards}


def figures(line) -> tuple[int, int, int, int, int]:
    return (line.recorded, line.received, line.handed_over, line.waiting, line.other)


def by_code(report) -> dict:
    return {line.code: line for line in (*report.kecamatan, *report.kelurahan)}


def test_hand_counted_areas(store: Store, counted: dict) -> None:
    report = progress_report(store, SUPERVISOR, until=DAY3, days=3)
    assert not store.conn.in_transaction  # the read snapshot is closed again
    lines = by_code(report)
    assert figures(lines[MAGERSARI_KEL]) == (4, 3, 2, 1, 0)
    assert figures(lines[MERI]) == (1, 1, 0, 0, 1)
    assert figures(lines[MIJI]) == (2, 2, 0, 2, 0)
    assert figures(lines["35.76.02"]) == (5, 4, 2, 1, 1)
    assert figures(lines["35.76.01"]) == (2, 2, 0, 2, 0)
    assert figures(report.unregistered) == (0, 1, 0, 0, 1)
    assert figures(report.total) == (7, 7, 2, 3, 2)
    assert (report.total.code, report.total.name) == ("35.76", "Kota Mojokerto")
    assert lines["35.76.02"].received_percent == pytest.approx(80.0)
    assert lines["35.76.02"].handed_percent == pytest.approx(50.0)
    assert lines["35.76.02.1001"].received == 0  # a kelurahan without anyone is still listed
    assert len(report.kelurahan) == 18


def test_hand_counted_days(store: Store, counted: dict) -> None:
    report = progress_report(store, SUPERVISOR, until=DAY3, days=3)
    assert [(d.day, d.received, d.handed_over, d.voided) for d in report.days] == [
        (DAY1, 6, 0, 0),
        (DAY2, 0, 3, 1),  # G's two handovers both count: the register lists both
        (DAY3, 1, 0, 0),
    ]
    assert (report.first_day, report.last_day) == (DAY1, DAY3)
    # A range that ends before DAY2 sees none of its handovers.
    earlier = progress_report(store, SUPERVISOR, until=DAY1, days=2)
    assert [(d.day, d.received, d.handed_over) for d in earlier.days] == [
        (date(2012, 9, 2), 0, 0),
        (DAY1, 6, 0),
    ]
    assert earlier.total == report.total  # the area figures are always as of now


def test_other_sites_handover_after_sync(store: Store, counted: dict) -> None:
    """After a pull brings Dispendukcapil's handover in, the figures include it."""
    before = progress_report(store, SUPERVISOR, until=DAY3, days=3)
    assert before.site_codes == ("MGS",)
    people, cards = counted["people"], counted["cards"]
    other_site_handover(store, cards["E"], people["E"], at(DAY3, "11:00"))

    after = progress_report(store, SUPERVISOR, until=DAY3, days=3)
    assert figures(by_code(after)[MIJI]) == (2, 2, 1, 1, 0)
    assert figures(by_code(after)["35.76.01"]) == (2, 2, 1, 1, 0)
    assert figures(after.total) == (7, 7, 3, 2, 2)
    assert after.days[-1].handed_over == 1
    assert after.site_codes == ("MGS", "DSP")
    dsp = after.sites[1]
    assert (dsp.devices, dsp.events, dsp.last_event) == (1, 1, at(DAY3, "11:00"))
    assert dsp.name.startswith("Kantor Dinas Kependudukan")
    assert after.sites[0].events == before.sites[0].events


def test_a_card_announced_twice_counts_once_on_its_first_day(
    store: Store, counted: dict, append: AppendEvent
) -> None:
    """One manifest imported at two places: the card arrived once, on the earlier day."""
    people = counted["people"]
    receive(store, append, people["A"], MAGERSARI_KEL, DAY3)
    report = progress_report(store, SUPERVISOR, until=DAY3, days=3)
    assert [d.received for d in report.days] == [6, 0, 1]
    assert report.total.received == 7


def test_default_range_is_the_last_thirty_days(store: Store) -> None:
    report = progress_report(store, SUPERVISOR)
    assert len(report.days) == 30
    assert report.last_day == date.today()
    assert report.as_of.date() == date.today()
    assert report.sites == ()
    assert figures(report.total) == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("days", [0, -3, MAX_DAYS + 1])
def test_range_out_of_bounds_is_refused(store: Store, days: int) -> None:
    with pytest.raises(ProgressRefused, match="rentang laporan harus 1 sampai 366 hari"):
        progress_report(store, SUPERVISOR, days=days)


def test_matches_the_admin_stats(small_city: Store) -> None:
    """The same residents and cards per kelurahan as `loket-admin stats`."""
    stats = city_stats(small_city)
    report = progress_report(small_city, SUPERVISOR)
    assert (report.total.recorded, report.total.received) == (856, 675)
    assert report.total.received_percent == pytest.approx(stats.total.percent)
    assert report.unregistered.received == stats.misrouted
    assert report.total.handed_over == stats.handed_over
    for mine, theirs in zip(
        (*report.kecamatan, *report.kelurahan), (*stats.kecamatan, *stats.kelurahan), strict=True
    ):
        assert (mine.code, mine.name) == (theirs.code, theirs.name)
        assert (mine.recorded, mine.received) == (theirs.residents, theirs.cards)
        assert mine.received == mine.handed_over + mine.waiting + mine.other


@pytest.mark.parametrize("username", ["supervisor", "admin"])
def test_supervisor_and_admin_may_read(small_city: Store, username: str) -> None:
    report = progress_report(small_city, login(small_city, username, DEMO_PASSWORD))
    assert report.total.recorded == 856


@pytest.mark.parametrize("username", ["operator1", "alihdaya1"])
def test_counter_staff_are_refused(small_city: Store, username: str) -> None:
    actor = login(small_city, username, DEMO_PASSWORD, now=PEAK_DAY)  # alihdaya1 ends in 2012
    with pytest.raises(PermissionDenied, match="tidak berhak melihat laporan kemajuan"):
        progress_report(small_city, actor)
