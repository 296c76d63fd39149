"""Event reports in the store: each kind of report and the card state it leaves, cards the
rules do not let move, residents without a card, refusals, permissions, the lists, and a
rebuild that gives the same state."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.nik import Sex, make_nik
from desktop.core.roles import PermissionDenied, Role
from desktop.core.services import CardOutcome, ReportForm, ReportKind
from desktop.store.counter import PanelCase, panel_for_nik
from desktop.store.handover import record_handover
from desktop.store.reports import ReportRefused, report_event, report_proof, reports
from desktop.store.sessions import Session

OPERATOR = Session("operator1", "Agus Santoso", Role.OPERATOR)
SUPERVISOR = Session("supervisor", "Sri Rahayu", Role.SUPERVISOR)
ADMIN = Session("admin", "Tim TI", Role.ADMIN)
TODAY = date(2012, 9, 10)


@pytest.fixture
def holder(store, add_resident, append) -> tuple[str, str]:
    """A resident of Magersari with a ready card at MGS: (NIK, card id)."""
    resident = add_resident(store, "Lurhur Wicaksono", birth=date(1945, 3, 25), sex=Sex.MALE)
    card_id = f"B1-{resident['nik']}"
    append(
        store,
        EventType.CARD_RECEIVED,
        {
            "card_id": card_id,
            "batch_id": "B1",
            "nik": resident["nik"],
            "nama": "LURHUR WICAKSONO",
            "kode_kelurahan": resident["kode_kelurahan"],
            "tanggal_cetak": "2012-08-01",
            "status": "ready",
            "site": "MGS",
            "box": 3,
            "slot": 14,
            "reason": None,
        },
    )
    return resident["nik"], card_id


def form(nik: str, kind: str = "deceased", **fields) -> ReportForm:
    defaults = {
        "deceased": {"document_no": "474.3/88/2012", "reporter_relation": "anak"},
        "moved_out": {"document_no": "SKPWNI/3576/456/2012", "reporter_relation": "diri sendiri"},
        "data_error": {"error_field": "name", "reporter_relation": "diri sendiri"},
    }[kind]
    return ReportForm(kind=kind, nik=nik, reporter_name="Budi Santoso", **{**defaults, **fields})


def card(store, card_id: str) -> tuple[str, str | None]:
    return store.conn.execute(
        "SELECT status, reason FROM cards WHERE card_id = ?", (card_id,)
    ).fetchone()


def types(store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT type FROM journal ORDER BY id")]


@pytest.mark.parametrize(
    ("kind", "fields", "state", "text"),
    [
        ("deceased", {}, ("withheld", "deceased_reported"), "pemilik dilaporkan meninggal"),
        ("data_error", {"error_field": "name"}, ("withheld", "data_error"), "data pada kartu"),
        ("data_error", {"error_field": "address"}, ("withheld", "data_error"), "data pada"),
        ("data_error", {"error_field": "photo"}, ("withheld", "data_error"), "data pada"),
        ("data_error", {"error_field": "damaged"}, ("withheld", "damaged"), "cetakan rusak"),
        (
            "moved_out",
            {"document_no": "SKPWNI/77"},
            ("moved", "dilaporkan pindah keluar, SKPWNI SKPWNI/77"),
            "pindah keluar kota",
        ),
    ],
)
def test_each_report_leaves_the_card_where_it_should(store, holder, kind, fields, state, text):
    nik, card_id = holder
    before = len(types(store))
    receipt = report_event(store, OPERATOR, form(nik, kind, **fields), today=TODAY)

    assert receipt.report_no == "LPR-MGS-01-000001"
    assert receipt.card_id == card_id and receipt.nama == "Lurhur Wicaksono"
    assert text in receipt.card_text
    assert card(store, card_id) == state
    card_event = "holder_moved" if kind == "moved_out" else "card_withheld"
    assert types(store)[before:] == ["population_event_reported", card_event]
    report_payload, card_payload = (
        json.loads(r[0])
        for r in store.conn.execute(
            "SELECT payload FROM journal ORDER BY id DESC LIMIT 2"
        ).fetchall()[::-1]
    )
    assert report_payload["card_status"] == "ready"
    assert card_payload["report_no"] == receipt.report_no
    assert card_payload["actor"] == "operator1"
    row = store.conn.execute(
        "SELECT kind, nik, card_id, reporter_name, operator FROM population_reports"
    ).fetchone()
    assert row == (kind, nik, card_id, "Budi Santoso", "operator1")
    audit = store.conn.execute(
        "SELECT nik, detail FROM audit WHERE action = 'population-report'"
    ).fetchone()
    assert audit[0] == nik and json.loads(audit[1])["report_no"] == receipt.report_no


def test_the_counter_panel_shows_the_new_state(store, holder) -> None:
    nik, _ = holder
    report_event(store, OPERATOR, form(nik), today=TODAY)
    panel = panel_for_nik(store, nik)
    assert panel.case is PanelCase.WITHHELD and not panel.can_hand_over


def test_a_card_already_handed_over_stays_handed_over(store, holder) -> None:
    nik, card_id = holder
    record_handover(
        store,
        card_id=card_id,
        operator="operator1",
        role=Role.OPERATOR,
        last_four=nik[-4:],
        old_ktp=OldKtp.WITHDRAWN,
    )
    receipt = report_event(store, OPERATOR, form(nik, "data_error"), today=TODAY)
    assert receipt.card_outcome is CardOutcome.ALREADY_HANDED_OVER
    assert "sudah diserahkan sebelumnya" in receipt.card_text
    assert card(store, card_id)[0] == "handed_over"
    assert types(store)[-1] == "population_event_reported"
    assert report_proof(store, receipt.report_no).card_id == card_id


def test_a_card_whose_state_does_not_allow_it_is_left_alone(store, holder) -> None:
    nik, card_id = holder
    report_event(store, OPERATOR, form(nik, "data_error", error_field="damaged"), today=TODAY)
    receipt = report_event(store, OPERATOR, form(nik), today=TODAY)  # withheld: no further move
    assert receipt.report_no == "LPR-MGS-01-000002"
    assert receipt.card_outcome is CardOutcome.UNCHANGED
    assert "berstatus 'ditahan'" in receipt.card_text
    assert card(store, card_id) == ("withheld", "damaged")


def test_a_resident_without_a_card_gets_the_report_alone(store, add_resident) -> None:
    nik = add_resident(store, "Belum Punya Kartu")["nik"]
    receipt = report_event(store, OPERATOR, form(nik, "moved_out"), today=TODAY)
    assert receipt.card_outcome is CardOutcome.NO_CARD and receipt.card_id is None
    assert types(store)[-1] == "population_event_reported"
    with pytest.raises(ReportRefused, match="kesalahan data hanya") as refused:
        report_event(store, OPERATOR, form(nik, "data_error"), today=TODAY)
    assert refused.value.field == "kind"


def test_an_unknown_nik_is_refused(store) -> None:
    nik = make_nik("35.76.02", date(1980, 1, 1), Sex.MALE, 9999)
    with pytest.raises(ReportRefused, match="tidak ada di register") as refused:
        report_event(store, OPERATOR, form(nik), today=TODAY)
    assert refused.value.field == "nik"
    assert "population_event_reported" not in types(store)


def test_a_wrong_form_names_its_field(store, holder) -> None:
    nik, card_id = holder
    with pytest.raises(ReportRefused) as refused:
        report_event(store, OPERATOR, form(nik, document_no=""), today=TODAY)
    assert refused.value.field == "document_no"
    assert card(store, card_id) == ("ready", None)


def test_who_may_do_what(store, holder) -> None:
    nik, card_id = holder
    with pytest.raises(PermissionDenied):
        report_event(store, ADMIN, form(nik), today=TODAY)
    assert card(store, card_id) == ("ready", None)
    outsourced = Session("alihdaya1", "Dewi", Role.OUTSOURCED)
    report_event(store, outsourced, form(nik), today=TODAY)
    with pytest.raises(PermissionDenied):
        reports(store, OPERATOR)
    assert len(reports(store, SUPERVISOR)) == 1


def test_the_list_says_what_happened_to_each_card(store, holder, add_resident) -> None:
    nik, _ = holder
    other = add_resident(store, "Tanpa Kartu")["nik"]
    report_event(store, OPERATOR, form(nik, "data_error", error_field="photo"), today=TODAY)
    report_event(store, OPERATOR, form(other, "deceased"), today=TODAY)
    rows = reports(store, SUPERVISOR)
    assert [(r.kind, r.card_outcome) for r in rows] == [
        (ReportKind.DATA_ERROR, CardOutcome.WITHHELD),
        (ReportKind.DECEASED, CardOutcome.NO_CARD),
    ]
    assert rows[0].kind_label == "Kesalahan data kartu: foto salah"
    assert rows[1].nama == "Tanpa Kartu" and rows[1].document_no == "474.3/88/2012"
    assert [r.nik for r in reports(store, SUPERVISOR, kind="deceased")] == [other]
    assert reports(store, SUPERVISOR, site="DSP") == []
    assert reports(store, SUPERVISOR, day=date(2012, 1, 1)) == []
    day = date.fromisoformat(rows[0].wall_time[:10])
    assert len(reports(store, SUPERVISOR, day=day)) == 2


def test_rebuild_gives_the_same_cards_and_reports(store, holder) -> None:
    nik, card_id = holder
    report_event(store, OPERATOR, form(nik), today=TODAY)
    before, after = store.rebuild()
    assert before == after
    assert card(store, card_id) == ("withheld", "deceased_reported")
    assert store.conn.execute("SELECT count(*) FROM population_reports").fetchone() == (1,)
