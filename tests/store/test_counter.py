"""The counter screen's questions to the store, asked of the small demo city: find a
resident from whatever was typed or scanned, say what may be done with their card here,
and keep the receipts of handovers (content, check code, printing, reprint queue)."""

from __future__ import annotations

import json
import time
import uuid
from datetime import date
from typing import Any

import pytest

from desktop.core.barcode import invitation_barcode
from desktop.core.events import SCHEMA_VERSION, Event, EventType, Timestamp
from desktop.core.handover import OldKtp
from desktop.core.nik import Sex, make_nik
from desktop.core.receipts import QR_PREFIX
from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.store import Store, StoreError
from desktop.store.counter import (
    CardPanel,
    FindResult,
    PanelCase,
    find,
    handovers_today,
    mark_not_printed,
    mark_printed,
    open_resident,
    panel_for_nik,
    receipt_data,
    reprint_queue,
)
from desktop.store.handover import Receipt, next_receipt_no, record_handover
from desktop.store.search import resident_by_nik, search_names

from .conftest import AddResident, AppendEvent

ACTOR = "operator1"


# -- helpers ---------------------------------------------------------------------------------


def card_at(store: Store, *, status: str = "ready", site: str | None = "MGS", n: int = 0):
    """The n-th card (by card id) with this status and site, whose NIK has no other card."""
    rows = store.conn.execute(
        "SELECT card_id, nik FROM cards c WHERE status = ? AND site IS ?"
        " AND (SELECT count(*) FROM cards o WHERE o.nik = c.nik) = 1 ORDER BY card_id",
        (status, site),
    ).fetchall()
    assert len(rows) > n, f"the demo city has no card #{n} with status {status} at {site}"
    return rows[n]


def hand_over(store: Store, card_id: str, nik: str, **over: Any) -> Receipt:
    kwargs: dict[str, Any] = {
        "card_id": card_id,
        "operator": ACTOR,
        "role": Role.OPERATOR,
        "last_four": nik[-4:],
        "old_ktp": OldKtp.WITHDRAWN,
    }
    kwargs.update(over)
    return record_handover(store, **kwargs)


def audit_rows(store: Store, after: int = 0) -> list[tuple[str, str, str | None, dict]]:
    rows = store.conn.execute(
        "SELECT actor, action, nik, detail FROM audit WHERE id > ? ORDER BY id", (after,)
    ).fetchall()
    return [(actor, action, nik, json.loads(detail)) for actor, action, nik, detail in rows]


def last_audit_id(store: Store) -> int:
    return store.conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]


def handover_row(store: Store, receipt_no: str) -> dict[str, Any]:
    cursor = store.conn.execute(
        "SELECT printed, copies, print_error FROM handovers WHERE receipt_no = ?", (receipt_no,)
    )
    return dict(zip(("printed", "copies", "print_error"), cursor.fetchone(), strict=True))


def pull_handover(
    store: Store, *, device_id: str, card_id: str, nik: str, receipt_no: str,
    wall_time: str, workstation: int = 2,
) -> Event:  # fmt: skip
    """A handover from another MGS workstation, arriving as a sync pull would bring it."""
    event = Event(
        event_id=str(uuid.uuid4()),
        device_id=device_id,
        site="MGS",
        seq=1,
        type=EventType.HANDOVER.value,
        schema=SCHEMA_VERSION,
        wall_time=wall_time,
        hlc=str(Timestamp(int(time.time() * 1000), 0, device_id)),
        payload={
            "card_id": card_id,
            "nik": nik,
            "workstation": workstation,
            "operator": "operator2",
            "receipt_no": receipt_no,
            "old_ktp": "withdrawn",
            "police_letter": None,
        },
    )
    with store.write():  # as sync would bring it from the other counter
        store.ingest(event)
    return event


@pytest.fixture
def unique_name(small_city: Store) -> tuple[str, str]:
    """(name, nik) of a resident whose full name matches nobody else in the city."""
    for nama, nik in small_city.conn.execute("SELECT nama, nik FROM residents ORDER BY nik"):
        if " " in nama and len(search_names(small_city.conn, nama)) == 1:
            return nama, nik
    raise AssertionError("no resident with a unique name in the demo city")


# -- the card panel, case by case ------------------------------------------------------------


def test_ready_card_here_shows_box_and_slot(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.READY_HERE
    assert panel.can_hand_over
    assert panel.card is not None and panel.card.card_id == card_id
    assert isinstance(panel.card.box, int) and isinstance(panel.card.slot, int)
    assert panel.resident is not None and panel.resident.nik == nik
    assert panel.other_site is None and panel.handovers == ()


def test_resident_of_the_other_site_is_sent_to_the_dispendukcapil(small_city: Store) -> None:
    _, nik = card_at(small_city, site="DSP")
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.OTHER_SITE
    assert not panel.can_hand_over
    assert panel.other_site is not None
    assert panel.other_site.code == "DSP"
    assert panel.other_site.name == regions().sites["DSP"].name
    assert panel.other_site.short == "Dispendukcapil"
    assert panel.resident is not None
    assert panel.resident.kode_kelurahan.startswith("35.76.01.")


def test_resident_without_a_card_is_not_arrived(small_city: Store) -> None:
    (nik,) = small_city.conn.execute(
        "SELECT nik FROM residents r WHERE NOT EXISTS (SELECT 1 FROM cards c WHERE c.nik = r.nik)"
        " ORDER BY nik LIMIT 1"
    ).fetchone()
    panel = panel_for_nik(small_city, nik)
    assert (panel.case, panel.card) == (PanelCase.NOT_ARRIVED, None)
    assert panel.resident is not None and not panel.can_hand_over


def test_unknown_nik_is_not_registered(small_city: Store) -> None:
    nik = make_nik("35.76.02", date(1970, 6, 6), Sex.MALE, 9999)
    assert resident_by_nik(small_city.conn, nik) is None
    panel = panel_for_nik(small_city, nik)
    assert (panel.case, panel.resident, panel.card) == (PanelCase.NOT_REGISTERED, None, None)


def test_handed_over_card_names_operator_and_receipt(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.HANDED_OVER and not panel.can_hand_over
    (info,) = panel.handovers
    assert info.receipt_no == receipt.receipt_no == "MGS-01-000001"
    assert (info.operator, info.operator_name) == (ACTOR, "Agus Santoso")
    assert (info.site, info.workstation, info.old_ktp) == ("MGS", 1, "withdrawn")
    assert info.event_id == receipt.event_id and info.wall_time == receipt.wall_time
    assert info.printed is False


def test_two_live_handovers_are_a_conflict(small_city: Store, append: AppendEvent) -> None:
    card_id, nik = card_at(small_city)
    first = hand_over(small_city, card_id, nik)
    second = append(
        small_city,
        EventType.HANDOVER,
        {
            "card_id": card_id,
            "nik": nik,
            "workstation": 1,
            "operator": "operator2",
            "receipt_no": next_receipt_no(small_city),
            "old_ktp": "none",
        },
    )
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.CONFLICT
    assert [h.event_id for h in panel.handovers] == [first.event_id, second.event_id]
    assert [h.operator_name for h in panel.handovers] == ["Agus Santoso", "Dewi Lestari"]


def test_withheld_demo_card(small_city: Store) -> None:
    card_id, nik = card_at(small_city, status="withheld")
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.WITHHELD and not panel.can_hand_over
    assert panel.card is not None and panel.card.card_id == card_id
    assert panel.card.reason in ("damaged", "data_error")


def test_withholding_a_ready_card(small_city: Store, append: AppendEvent) -> None:
    card_id, nik = card_at(small_city)
    append(small_city, EventType.CARD_WITHHELD, {"card_id": card_id, "reason": "damaged"})
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.WITHHELD
    assert panel.card is not None and panel.card.reason == "damaged"


def test_misrouted_card(small_city: Store) -> None:
    card_id, nik = card_at(small_city, status="misrouted", site=None)
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.MISROUTED and not panel.can_hand_over
    assert panel.card is not None and panel.card.card_id == card_id
    assert panel.resident is None


def test_reprinted_card_is_shown_not_the_superseded_one(small_city: Store) -> None:
    old_id, nik, new_id = small_city.conn.execute(
        "SELECT card_id, nik, superseded_by FROM cards WHERE status = 'superseded' LIMIT 1"
    ).fetchone()
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.READY_HERE
    assert panel.card is not None and panel.card.card_id == new_id != old_id


def test_superseded_card_only(
    small_city: Store, add_resident: AddResident, append: AppendEvent
) -> None:
    person = add_resident(small_city, "Wahyu Superseded")
    append(
        small_city,
        EventType.CARD_RECEIVED,
        {
            "card_id": f"B20120507-{person['nik']}",
            "batch_id": "B20120507",
            "nik": person["nik"],
            "nama": person["nama"].upper(),
            "kode_kelurahan": person["kode_kelurahan"],
            "tanggal_cetak": "2012-04-27",
            "status": "superseded",
            "site": "MGS",
            "box": 3,
            "slot": 9,
        },
    )
    panel = panel_for_nik(small_city, person["nik"])
    assert panel.case is PanelCase.SUPERSEDED and not panel.can_hand_over


@pytest.mark.parametrize(
    ("event_type", "case"),
    [
        (EventType.HOLDER_DECEASED, PanelCase.DECEASED),
        (EventType.HOLDER_MOVED, PanelCase.MOVED),
        (EventType.CARD_RETURNED, PanelCase.RETURNED),
    ],
)
def test_card_fates(
    small_city: Store, append: AppendEvent, event_type: EventType, case: PanelCase
) -> None:
    card_id, nik = card_at(small_city)
    append(small_city, event_type, {"card_id": card_id})
    panel = panel_for_nik(small_city, nik)
    assert panel.case is case and not panel.can_hand_over
    assert panel.card is not None and panel.card.card_id == card_id


def test_uncollected_card_is_still_ready_here(small_city: Store, append: AppendEvent) -> None:
    card_id, nik = card_at(small_city)
    append(small_city, EventType.CARD_UNCOLLECTED, {"card_id": card_id})
    assert panel_for_nik(small_city, nik).case is PanelCase.READY_HERE


def test_voided_handover_makes_the_card_ready_again(small_city: Store, append: AppendEvent) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    append(
        small_city,
        EventType.HANDOVER_VOIDED,
        {"card_id": card_id, "handover_event_id": receipt.event_id},
    )
    panel = panel_for_nik(small_city, nik)
    assert panel.case is PanelCase.READY_HERE
    assert reprint_queue(small_city) == []
    assert handovers_today(small_city) == 0


# -- find: NIK, name, scans ------------------------------------------------------------------


def test_find_by_nik_typed_with_spaces_and_dots(small_city: Store) -> None:
    _, nik = card_at(small_city)
    mark = last_audit_id(small_city)
    typed = f" {nik[:6]}.{nik[6:12]} {nik[12:]} "
    result = find(small_city, typed, actor=ACTOR)
    assert result.error is None and result.matches == []
    assert result.panel is not None and result.panel.case is PanelCase.READY_HERE
    assert result.panel.nik == nik
    assert audit_rows(small_city, mark) == [(ACTOR, "view", nik, {"via": "nik"})]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("357602140164003", "16 digit, ini 15"),
        ("3576021413640038", "bulan lahir"),
        ("3576023201640038", "tanggal lahir"),
        ("3576021401640000", "0000"),
        ("3.57602E+15", "angka ilmiah"),
        ("3,57602E+15", "angka ilmiah"),
        ("3.57602e+15", "angka ilmiah"),
    ],
)
def test_malformed_nik_is_an_error_naming_the_problem(
    small_city: Store, text: str, words: str
) -> None:
    mark = last_audit_id(small_city)
    result = find(small_city, text, actor=ACTOR)
    assert result.panel is None and result.matches == []
    assert result.error is not None
    assert result.error.startswith("NIK tidak sah")
    assert words in result.error
    assert audit_rows(small_city, mark) == []


def test_name_with_several_matches_gives_a_list(small_city: Store) -> None:
    mark = last_audit_id(small_city)
    result = find(small_city, "Yosef", actor=ACTOR)
    assert result.panel is None and result.error is None
    assert len(result.matches) >= 2
    assert all("yosef" in m.nama.lower() for m in result.matches)
    assert all(m.tanggal_lahir and m.kelurahan for m in result.matches)
    ((actor, action, nik, detail),) = audit_rows(small_city, mark)
    assert (actor, action, nik) == (ACTOR, "search", None)
    assert detail == {"results": [m.nik for m in result.matches]}


def test_picking_from_the_list_is_audited(small_city: Store) -> None:
    chosen = find(small_city, "Yosef", actor=ACTOR).matches[1]
    mark = last_audit_id(small_city)
    panel = open_resident(small_city, chosen.nik, actor=ACTOR)
    assert panel.nik == chosen.nik
    assert audit_rows(small_city, mark) == [(ACTOR, "view", chosen.nik, {"via": "list"})]


def test_unique_name_opens_the_panel_directly(
    small_city: Store, unique_name: tuple[str, str]
) -> None:
    nama, nik = unique_name
    result = find(small_city, nama.lower(), actor=ACTOR)
    assert result.error is None
    assert result.panel is not None and result.panel.nik == nik
    assert [m.nik for m in result.matches] == [nik]


def test_unique_name_view_is_audited_with_the_nik(
    small_city: Store, unique_name: tuple[str, str]
) -> None:
    nama, nik = unique_name
    mark = last_audit_id(small_city)
    find(small_city, nama, actor=ACTOR)
    assert [row for row in audit_rows(small_city, mark) if row[2] == nik]


def test_unknown_name_is_an_error(small_city: Store) -> None:
    result = find(small_city, "Zzyzx Qwrtp", actor=ACTOR)
    assert result.panel is None and result.matches == []
    assert result.error is not None and "Zzyzx Qwrtp" in result.error


@pytest.mark.parametrize(
    "text",
    [
        'O\'Neil "AND" (x',
        '"',
        "*",
        "NEAR(a b)",
        "a OR b NOT c",
        "nama:budi",
        "'; DROP TABLE residents; --",
        "^yosef",
        "-",
        "---",
        "()",
        "\u0000",
    ],
)
def test_hostile_text_never_raises(small_city: Store, text: str) -> None:
    residents = small_city.conn.execute("SELECT count(*) FROM residents").fetchone()[0]
    result = find(small_city, text, actor=ACTOR)
    assert isinstance(result, FindResult)
    assert small_city.conn.execute("SELECT count(*) FROM residents").fetchone()[0] == residents


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_finds_nothing_and_audits_nothing(small_city: Store, text: str) -> None:
    mark = last_audit_id(small_city)
    assert find(small_city, text, actor=ACTOR) == FindResult()
    assert audit_rows(small_city, mark) == []


def test_invitation_barcode_opens_the_cards_resident(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    mark = last_audit_id(small_city)
    result = find(small_city, invitation_barcode(card_id), actor=ACTOR)
    assert result.error is None
    assert result.panel is not None and result.panel.nik == nik
    assert result.panel.case is PanelCase.READY_HERE
    assert audit_rows(small_city, mark) == [(ACTOR, "view", nik, {"via": "invitation"})]


def test_old_invitation_of_a_reprinted_card_shows_the_new_card(small_city: Store) -> None:
    old_id, nik, new_id = small_city.conn.execute(
        "SELECT card_id, nik, superseded_by FROM cards WHERE status = 'superseded' LIMIT 1"
    ).fetchone()
    result = find(small_city, invitation_barcode(old_id), actor=ACTOR)
    assert result.panel is not None and result.panel.nik == nik
    assert result.panel.card is not None and result.panel.card.card_id == new_id


def test_unknown_invitation_is_an_error(small_city: Store) -> None:
    mark = last_audit_id(small_city)
    result = find(small_city, invitation_barcode("B19990101-0000000000000000"), actor=ACTOR)
    assert result.panel is None and result.error is not None
    assert "NIK" in result.error  # says what to do next
    assert audit_rows(small_city, mark) == []


def test_receipt_qr_is_verified(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    qr = receipt_data(small_city, receipt.receipt_no).qr_text()
    mark = last_audit_id(small_city)
    result = find(small_city, qr, actor="supervisor")
    assert result.receipt_check is True
    assert result.panel is not None and result.panel.case is PanelCase.HANDED_OVER
    assert result.panel.nik == nik
    assert audit_rows(small_city, mark) == [
        ("supervisor", "verify-receipt", nik, {"receipt_no": receipt.receipt_no})
    ]


def test_receipt_qr_with_a_wrong_code_fails_the_check(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    code = receipt_data(small_city, receipt.receipt_no).check_code()
    forged = "00000-00000" if code != "00000-00000" else "11111-11111"
    result = find(small_city, f"{QR_PREFIX}|{receipt.receipt_no}|{forged}", actor="supervisor")
    assert result.receipt_check is False
    assert result.panel is not None and result.panel.nik == nik
    # Another genuine receipt's code does not fit this receipt either.
    other = hand_over(small_city, *card_at(small_city, n=1))
    other_code = receipt_data(small_city, other.receipt_no).check_code()
    swapped = find(small_city, f"{QR_PREFIX}|{receipt.receipt_no}|{other_code}", actor=ACTOR)
    assert swapped.receipt_check is False


def test_receipt_qr_of_an_unknown_receipt_is_an_error(small_city: Store) -> None:
    result = find(small_city, f"{QR_PREFIX}|MGS-01-999999|ABCDE-12345", actor="supervisor")
    assert result.panel is None and result.receipt_check is None
    assert result.error is not None and "MGS-01-999999" in result.error


# -- the receipt -----------------------------------------------------------------------------


def test_receipt_data_is_built_from_the_store(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(
        small_city, card_id, nik, old_ktp=OldKtp.LOST, police_letter="LP/45/IX/2012/Sek"
    )
    resident = resident_by_nik(small_city.conn, nik)
    assert resident is not None
    kelurahan = regions().kelurahan[resident.kode_kelurahan]
    data = receipt_data(small_city, receipt.receipt_no)
    assert data.receipt_no == "MGS-01-000001"
    assert data.issued_at == receipt.wall_time
    assert (data.site, data.workstation) == ("MGS", 1)
    assert data.office_name == regions().sites["MGS"].name
    assert data.office_address == regions().sites["MGS"].address
    assert (data.card_id, data.nik, data.nama) == (card_id, nik, resident.nama)
    assert (data.tempat_lahir, data.tanggal_lahir) == (
        resident.tempat_lahir,
        resident.tanggal_lahir,
    )
    assert (data.alamat, data.rt, data.rw) == (resident.alamat, resident.rt, resident.rw)
    assert data.kelurahan == kelurahan.name
    assert data.kecamatan == kelurahan.kecamatan.name == "Magersari"
    assert data.operator_name == "Agus Santoso"
    assert (data.old_ktp, data.police_letter) == ("lost", "LP/45/IX/2012/Sek")
    assert data.copy is False


def test_check_code_is_stable_and_ignores_the_copy_flag(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    first = receipt_data(small_city, receipt.receipt_no)
    again = receipt_data(small_city, receipt.receipt_no)
    copy = receipt_data(small_city, receipt.receipt_no, copy=True)
    assert copy.copy is True
    assert first.check_code() == again.check_code() == copy.check_code()
    assert first.qr_text() == copy.qr_text()
    mark_printed(small_city, receipt.receipt_no, copy=False, actor=ACTOR)
    assert receipt_data(small_city, receipt.receipt_no).check_code() == first.check_code()


def test_receipt_data_of_an_unknown_receipt(small_city: Store) -> None:
    with pytest.raises(StoreError, match="MGS-01-000042"):
        receipt_data(small_city, "MGS-01-000042")


@pytest.mark.parametrize("change", ["operator_name", "resident_name"])
def test_a_genuine_paper_still_verifies_after_later_corrections(
    small_city: Store, append: AppendEvent, change: str
) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    qr = receipt_data(small_city, receipt.receipt_no).qr_text()  # what the paper carries
    if change == "operator_name":
        append(
            small_city,
            EventType.OPERATOR_CHANGED,
            {"username": ACTOR, "full_name": "Agus Santoso, S.Kom."},
        )
    else:
        resident = resident_by_nik(small_city.conn, nik)
        assert resident is not None
        record = {
            f: getattr(resident, f)
            for f in (
                "nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "alamat",
                "rt", "rw", "kode_kelurahan", "tanggal_rekam", "nik_warning",
            )
        }  # fmt: skip
        append(small_city, EventType.RESIDENT_UPDATED, {**record, "nama": record["nama"] + "h"})
    assert find(small_city, qr, actor="supervisor").receipt_check is True


# -- printing and the reprint queue ----------------------------------------------------------


def test_failed_print_waits_in_the_queue_until_printed(small_city: Store) -> None:
    first = hand_over(small_city, *card_at(small_city, n=0))
    second = hand_over(small_city, *card_at(small_city, n=1))
    queue = reprint_queue(small_city)
    assert [q.receipt_no for q in queue] == [first.receipt_no, second.receipt_no]
    assert all(q.error is None for q in queue)
    assert queue[0].nik == first.nik and queue[0].wall_time == first.wall_time
    assert queue[0].nama == resident_by_nik(small_city.conn, first.nik).nama  # type: ignore[union-attr]

    mark_printed(small_city, first.receipt_no, copy=False, actor=ACTOR)
    mark_not_printed(small_city, second.receipt_no, "printer offline", actor=ACTOR)
    (waiting,) = reprint_queue(small_city)
    assert (waiting.receipt_no, waiting.error) == (second.receipt_no, "printer offline")
    assert handover_row(small_city, second.receipt_no) == {
        "printed": 0,
        "copies": 0,
        "print_error": "printer offline",
    }

    mark_printed(small_city, second.receipt_no, copy=False, actor=ACTOR)
    assert reprint_queue(small_city) == []
    assert handover_row(small_city, second.receipt_no) == {
        "printed": 1,
        "copies": 0,
        "print_error": None,
    }
    types = [e.type for e in small_city.events()][-3:]
    assert types == ["receipt_printed", "receipt_not_printed", "receipt_printed"]
    actions = [row[1] for row in audit_rows(small_city)][-3:]
    assert actions == ["print-receipt", "print-failed", "print-receipt"]


def test_copies_are_counted_and_stay_printed(small_city: Store) -> None:
    receipt = hand_over(small_city, *card_at(small_city))
    mark_printed(small_city, receipt.receipt_no, copy=False, actor=ACTOR)
    mark_printed(small_city, receipt.receipt_no, copy=True, actor="supervisor")
    mark_printed(small_city, receipt.receipt_no, copy=True, actor="supervisor")
    assert handover_row(small_city, receipt.receipt_no) == {
        "printed": 1,
        "copies": 2,
        "print_error": None,
    }
    # A copy that jams does not put the handover back in the queue.
    mark_not_printed(small_city, receipt.receipt_no, "paper jam", actor="supervisor")
    assert handover_row(small_city, receipt.receipt_no)["printed"] == 1
    assert reprint_queue(small_city) == []
    assert panel_for_nik(small_city, receipt.nik).handovers[0].printed is True


def test_queue_and_day_count_are_this_workstations_only(small_city: Store) -> None:
    mine = [hand_over(small_city, *card_at(small_city, n=i)) for i in range(2)]
    today = date.today()
    other_card = card_at(small_city, n=2)
    pull_handover(
        small_city, device_id="MGS-02-0badc0de", card_id=other_card[0], nik=other_card[1],
        receipt_no="MGS-02-000001", wall_time=f"{today.isoformat()}T09:00:00+07:00",
    )  # fmt: skip
    assert [q.receipt_no for q in reprint_queue(small_city)] == [r.receipt_no for r in mine]
    assert handovers_today(small_city) == 2
    assert handovers_today(small_city, today) == 2


def test_handovers_today_counts_the_given_local_day(small_city: Store, append: AppendEvent) -> None:
    hand_over(small_city, *card_at(small_city, n=0))
    card_id, nik = card_at(small_city, n=1)
    with small_city.write():
        small_city.append(
            EventType.HANDOVER,
            {
                "card_id": card_id,
                "nik": nik,
                "workstation": 1,
                "operator": ACTOR,
                "receipt_no": next_receipt_no(small_city),
                "old_ktp": "withdrawn",
            },
            wall_time="2012-09-03T15:59:00+07:00",
        )
    assert handovers_today(small_city, date(2012, 9, 3)) == 1
    assert handovers_today(small_city, date(2012, 9, 4)) == 0
    assert handovers_today(small_city) == 1


def test_rebuild_after_the_counters_day_gives_the_same_state(
    small_city: Store, append: AppendEvent
) -> None:
    receipts = [hand_over(small_city, *card_at(small_city, n=i)) for i in range(4)]
    mark_printed(small_city, receipts[0].receipt_no, copy=False, actor=ACTOR)
    mark_printed(small_city, receipts[0].receipt_no, copy=True, actor=ACTOR)
    mark_not_printed(small_city, receipts[1].receipt_no, "printer offline", actor=ACTOR)
    append(
        small_city,
        EventType.HANDOVER_VOIDED,
        {"card_id": receipts[3].card_id, "handover_event_id": receipts[3].event_id},
    )
    find(small_city, receipts[2].nik, actor=ACTOR)
    queue = reprint_queue(small_city)
    panel: CardPanel = panel_for_nik(small_city, receipts[0].nik)

    before, after = small_city.rebuild()
    assert before == after
    assert reprint_queue(small_city) == queue
    assert panel_for_nik(small_city, receipts[0].nik) == panel
    assert [q.receipt_no for q in queue] == [receipts[1].receipt_no, receipts[2].receipt_no]
    assert handovers_today(small_city) == 3
