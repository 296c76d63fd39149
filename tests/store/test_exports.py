"""CSV and XLSX exports of handovers and uncollected cards, read back with csv and openpyxl,
on real stores of the small demo city."""

from __future__ import annotations

import csv
import json
import sqlite3
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from desktop.core.events import Event, EventType
from desktop.core.handover import OldKtp
from desktop.core.registers import CORRECTED, HANDED, HOME_VISIT, VOIDED
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store import store as store_module
from desktop.store.audit import verify
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.exports import (
    HANDOVER_COLUMNS,
    UNCOLLECTED_COLUMNS,
    ExportRefused,
    export_handovers,
    export_uncollected,
)
from desktop.store.handover import record_handover
from desktop.store.registers import daily_register
from desktop.store.sessions import Session, login
from desktop.store.supervision import correct_handover
from desktop.store.uncollected import uncollected_list
from tests.store.conftest import AppendEvent

DAY = date(2090, 9, 4)
NEXT = DAY + timedelta(days=1)
AFTER = DAY + timedelta(days=2)
ODD_NAME = "Dédé Ñurul Ḥasanah"  # what the receipt printed; survives UTF-8 both ways


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


def session(store: Store, username: str = "supervisor") -> Session:
    return login(store, username, DEMO_PASSWORD)


OUTSOURCED = Session("alihdaya1", "Rina Kurniawati", Role.OUTSOURCED)


def ready_cards(store: Store, site: str = "MGS") -> list[tuple[str, str, str]]:
    return store.conn.execute(
        "SELECT c.card_id, c.nik, r.nama FROM cards c JOIN residents r ON r.nik = c.nik"
        " WHERE c.status = 'ready' AND c.site = ? ORDER BY c.card_id LIMIT 6",
        (site,),
    ).fetchall()


def hand_over(store: Store, card: tuple[str, str, str], operator: str = "operator1"):
    return record_handover(
        store,
        card_id=card[0],
        operator=operator,
        role=Role.OPERATOR,
        last_four=card[1][-4:],
        old_ktp=OldKtp.WITHDRAWN,
    )


@pytest.fixture
def handovers(small_city: Store, clock: Clock, append: AppendEvent) -> list:
    """DAY and NEXT at MGS: handed over, voided with a reason, a home visit, a corrected
    one; one more on the day AFTER; and a DSP handover on DAY that sync brought in."""
    cards = ready_cards(small_city)
    clock.at(DAY, "08:05")
    hand_over(small_city, cards[0], "operator2")
    clock.at(DAY, "09:30")
    voided = hand_over(small_city, cards[1])
    clock.at(DAY, "09:45")
    append(
        small_city,
        EventType.HANDOVER_VOIDED,
        {"card_id": cards[1][0], "handover_event_id": voided.event_id, "reason": "salah kartu"},
    )
    clock.at(NEXT, "10:00")
    append(
        small_city,
        EventType.HANDOVER,
        {
            "card_id": cards[2][0],
            "nik": cards[2][1],
            "workstation": 1,
            "operator": "operator1",
            "receipt_no": "MGS-01-009001",
            "old_ktp": "withdrawn",
            "holder_name": ODD_NAME,
            "home_visit": True,
        },
    )
    clock.at(NEXT, "11:00")
    corrected = hand_over(small_city, cards[3])
    clock.at(NEXT, "11:30")
    correct_handover(
        small_city,
        session(small_city, "operator1"),
        session(small_city),
        corrected.event_id,
        old_ktp=OldKtp.LOST,
        police_letter="LP/12/IX/2090",
        reason="KTP lama ternyata hilang",
    )
    clock.at(AFTER, "08:30")
    hand_over(small_city, cards[4])
    dsp = ready_cards(small_city, "DSP")[0]
    event = Event(
        event_id=str(uuid.uuid4()),
        device_id="DSP-01-feedbeef",
        site="DSP",
        seq=1,
        type=EventType.HANDOVER.value,
        schema=1,
        wall_time=f"{DAY}T09:00:00+07:00",
        hlc=f"{9_000_000_000_000:013d}-0000000000-DSP-01-feedbeef",
        payload={
            "card_id": dsp[0],
            "nik": dsp[1],
            "workstation": 1,
            "operator": "operator3",
            "receipt_no": "DSP-01-000001",
            "old_ktp": "withdrawn",
            "police_letter": None,
        },
    )
    with small_city.write():
        small_city.ingest(event)
    clock.at(AFTER, "17:00")  # the export itself happens at the end of that day
    return cards


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exported files (the store lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def last_audit(store: Store) -> tuple[str, str, dict]:
    actor, action, detail = store.conn.execute(
        "SELECT actor, action, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return actor, action, json.loads(detail)


def audit_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


# -- handovers ------------------------------------------------------------------------


def test_handovers_csv_reads_back_as_the_register_shows_them(
    small_city: Store, handovers, out: Path
):
    path = out / "serah-terima.csv"
    rows = export_handovers(small_city, session(small_city), path, start=DAY, end=NEXT, site="MGS")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel looks for
    table = read_csv(path)
    assert table[0] == [c.title for c in HANDOVER_COLUMNS]
    assert rows == len(table) - 1 == 4
    register = [*daily_register(small_city, "MGS", DAY).rows]
    register += daily_register(small_city, "MGS", NEXT).rows
    expected = [
        [
            (DAY if n < 2 else NEXT).isoformat(),
            r.time,
            r.receipt_no,
            r.nik,
            r.name,
            r.kelurahan,
            r.operator,
            r.status,
            r.reason,
        ]
        for n, r in enumerate(register)
    ]
    assert table[1:] == expected
    assert [r[7] for r in table[1:]] == [HANDED, VOIDED, HOME_VISIT, CORRECTED]
    assert table[2][8] == "salah kartu"
    assert "hilang" in table[4][8] and "KTP lama ternyata hilang" in table[4][8]
    assert table[3][4] == ODD_NAME
    assert all(len(r[3]) == 16 and r[3].isdigit() for r in table[1:])  # NIK whole, as text


def test_handovers_xlsx_has_a_frozen_header_widths_dates_and_text_niks(
    small_city: Store, handovers, out: Path
):
    path = out / "serah-terima.xlsx"
    rows = export_handovers(small_city, session(small_city), path, start=DAY, end=NEXT, site=None)
    assert rows == 5  # the DSP handover synced in counts when every site is asked for
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.title == "Serah terima"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [c.title for c in HANDOVER_COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.auto_filter.ref == "A1:I6"
    assert sheet.column_dimensions["D"].width >= 18  # a whole NIK shows
    assert sheet.max_row == 6
    body = list(sheet.iter_rows(min_row=2))
    for row in body:
        nik = row[3]
        assert nik.data_type == "s" and nik.number_format == "@"
        assert isinstance(nik.value, str) and len(nik.value) == 16
        assert row[2].number_format == "@"  # receipt numbers too
        assert isinstance(row[0].value, datetime) and row[0].number_format == "DD-MM-YYYY"
    assert [r[2].value for r in body].count("DSP-01-000001") == 1
    assert [(r[0].value.date(), r[1].value.strftime("%H:%M")) for r in body][:2] == [
        (DAY, "08:05"),
        (DAY, "09:00"),
    ]
    assert body[2][7].value == VOIDED and body[2][8].value == "salah kartu"


def test_range_is_inclusive_and_site_filtered(small_city: Store, handovers, out: Path):
    supervisor = session(small_city)
    one_day = out / "one.csv"
    assert export_handovers(small_city, supervisor, one_day, start=DAY, end=DAY, site="MGS") == 2
    assert [r[2] for r in read_csv(one_day)[1:]] == ["MGS-01-000001", "MGS-01-000002"]
    later = out / "later.csv"
    assert export_handovers(small_city, supervisor, later, start=AFTER, end=AFTER, site="DSP") == 0
    assert read_csv(later) == [[c.title for c in HANDOVER_COLUMNS]]  # a header, no rows


def test_reversed_range_is_refused_and_writes_nothing(small_city: Store, handovers, out: Path):
    supervisor = session(small_city)
    before = audit_count(small_city)
    path = out / "x.csv"
    with pytest.raises(
        ExportRefused, match=r"tanggal akhir 2090-09-04 sebelum .*2090-09-05.*tukar"
    ):
        export_handovers(small_city, supervisor, path, start=NEXT, end=DAY, site="MGS")
    assert not path.exists() and audit_count(small_city) == before


@pytest.mark.parametrize("name", ["serah.pdf", "serah.txt", "serah", "serah.csv.bak"])
def test_other_formats_are_refused_with_what_to_use(small_city: Store, out: Path, name: str):
    with pytest.raises(ExportRefused, match=r"\.csv atau \.xlsx"):
        export_handovers(
            small_city, session(small_city), out / name, start=DAY, end=DAY, site="MGS"
        )
    assert list(out.iterdir()) == []


def test_suffix_case_does_not_matter(small_city: Store, handovers, out: Path):
    path = out / "SERAH.XLSX"
    assert export_handovers(small_city, session(small_city), path, start=DAY, end=DAY, site="MGS")
    assert openpyxl.load_workbook(path).active.max_row == 3


def test_outsourced_and_operators_may_not_export(small_city: Store, out: Path):
    actors = (session(small_city, "operator1"), OUTSOURCED)
    before = audit_count(small_city)
    for actor in actors:
        with pytest.raises(PermissionDenied):
            export_handovers(small_city, actor, out / "h.csv", start=DAY, end=DAY, site="MGS")
        with pytest.raises(PermissionDenied):
            export_uncollected(small_city, actor, out / "u.xlsx", site="MGS")
    assert list(out.iterdir()) == [] and audit_count(small_city) == before


def test_admin_may_export(small_city: Store, out: Path):
    admin = session(small_city, "admin")
    assert export_uncollected(small_city, admin, out / "u.csv", site="MGS") > 0
    assert last_audit(small_city)[:2] == ("admin", "export-uncollected")


def test_the_export_is_in_the_audit_log_and_the_chain_holds(
    small_city: Store, handovers, out: Path
):
    path = out / "serah-terima.xlsx"
    rows = export_handovers(small_city, session(small_city), path, start=DAY, end=NEXT, site="MGS")
    actor, action, detail = last_audit(small_city)
    assert (actor, action) == ("supervisor", "export-handovers")
    assert detail == {
        "range": "2090-09-04..2090-09-05",
        "rows": rows,
        "file": "serah-terima.xlsx",
        "format": "xlsx",
        "site": "MGS",
    }
    assert verify(small_city.conn) is None


@pytest.mark.parametrize("where", ["missing folder", "a folder", "name too long"])
def test_a_failed_export_leaves_no_file_and_no_audit_entry(
    small_city: Store, handovers, out: Path, where: str
):
    supervisor = session(small_city)
    before = audit_count(small_city)
    folder = out
    if where == "missing folder":
        path, message = folder / "nowhere" / "x.csv", "tidak ada"
    elif where == "a folder":
        (folder / "x.csv").mkdir()
        path, message = folder / "x.csv", "adalah sebuah folder"
    else:  # written in full under a temporary name; moving it in place fails
        path, message = folder / ("x" * 300 + ".csv"), "tidak dapat ditulis"
    with pytest.raises(ExportRefused, match=message):
        export_handovers(small_city, supervisor, path, start=DAY, end=NEXT, site="MGS")
    left = sorted(p.name for p in folder.iterdir())
    assert left == (["x.csv"] if where == "a folder" else [])
    assert audit_count(small_city) == before


def test_an_export_the_audit_log_cannot_record_is_removed(
    small_city: Store, handovers, out: Path, monkeypatch: pytest.MonkeyPatch
):
    supervisor = session(small_city)

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(small_city, "audit", locked)
    with pytest.raises(sqlite3.OperationalError):
        export_handovers(small_city, supervisor, out / "x.xlsx", start=DAY, end=NEXT, site="MGS")
    assert list(out.iterdir()) == []


def test_an_existing_file_is_replaced_whole(small_city: Store, handovers, out: Path):
    path = out / "serah.csv"
    path.write_text("old content\n" * 1000, encoding="utf-8")
    export_handovers(small_city, session(small_city), path, start=DAY, end=DAY, site="MGS")
    assert len(read_csv(path)) == 3 and "old content" not in path.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in out.iterdir()) == ["serah.csv"]


# -- uncollected cards -----------------------------------------------------------------


def test_uncollected_csv_and_xlsx_carry_the_list_with_whole_niks(small_city: Store, out: Path):
    supervisor = session(small_city)
    lst = uncollected_list(small_city, supervisor, site="MGS")
    code = lst.groups[0].code
    one = uncollected_list(small_city, supervisor, site="MGS", kelurahan=code)

    csv_path = out / "belum.csv"
    assert export_uncollected(small_city, supervisor, csv_path, site="MGS") == lst.count
    table = read_csv(csv_path)
    assert table[0] == [c.title for c in UNCOLLECTED_COLUMNS]
    first = next(lst.cards)
    assert table[1] == [
        first.kelurahan,
        first.rw,
        first.rt,
        first.name,
        first.nik,
        first.address,
        str(first.box),
        str(first.slot),
        first.received.isoformat(),
        str(first.days_waiting),
        "siap diserahkan",
    ]
    assert [r[4] for r in table[1:]] == [c.nik for c in lst.cards]

    xlsx_path = out / "belum.xlsx"
    rows = export_uncollected(small_city, supervisor, xlsx_path, site="MGS", kelurahan=code)
    assert rows == one.count
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert sheet.freeze_panes == "A2" and sheet.max_row == one.count + 1
    body = list(sheet.iter_rows(min_row=2, values_only=False))
    assert {r[0].value for r in body} == {one.groups[0].name}
    for row, card in zip(body, one.cards, strict=True):
        assert row[4].value == card.nik and row[4].number_format == "@"
        assert row[1].value == card.rw and row[1].data_type == "s"  # "003", not 3
        assert row[6].value == card.box and row[8].value.date() == card.received
    actor, action, detail = last_audit(small_city)
    assert (actor, action) == ("supervisor", "export-uncollected")
    assert detail["kelurahan"] == code and detail["rows"] == rows
    assert detail["file"] == "belum.xlsx"


def test_uncollected_export_is_refused_like_the_list(small_city: Store, out: Path):
    with pytest.raises(ExportRefused, match=r"\.csv atau \.xlsx"):
        export_uncollected(small_city, session(small_city), out / "x.ods", site="MGS")
    assert list(out.iterdir()) == []
