"""Recording requests in the store: one transaction per request (number, event, audit),
the refusals that send people elsewhere, the supervisor's status moves, the lists, the
export, and a rebuild that gives the same state."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date

import pytest

from desktop.core.events import EventType
from desktop.core.nik import Sex, make_nik
from desktop.core.roles import PermissionDenied, Role
from desktop.core.services import RecordingForm, RecordingStatus
from desktop.store.exports import REQUEST_COLUMNS, export_requests
from desktop.store.recording import (
    RequestRefused,
    register_request,
    request_list,
    request_proof,
    requests,
    set_request_status,
)
from desktop.store.sessions import Session

OPERATOR = Session("operator1", "Agus Santoso", Role.OPERATOR)
SUPERVISOR = Session("supervisor", "Sri Rahayu", Role.SUPERVISOR)
ADMIN = Session("admin", "Tim TI", Role.ADMIN)
TODAY = date(2012, 9, 10)


def applicant(serial: int, **changes) -> RecordingForm:
    birth = date(1995, 3, 12)
    base = RecordingForm(
        kind="pemula",
        nik=make_nik("35.76.02", birth, Sex.FEMALE, serial),
        nama=f"Pemohon {serial}",
        jenis_kelamin="P",
        tempat_lahir="Mojokerto",
        tanggal_lahir="12-03-1995",
        alamat="Jl. Benteng Pancasila 3",
        rt="3",
        rw="12",
        kode_kelurahan="35.76.02.1003",
    )
    return replace(base, **changes)


def register(store, serial: int, **changes):
    return register_request(store, OPERATOR, applicant(serial, **changes), today=TODAY)


def journal(store, event_type: EventType) -> list[dict]:
    rows = store.conn.execute(
        "SELECT payload FROM journal WHERE type = ? ORDER BY id", (event_type.value,)
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def test_a_request_is_numbered_recorded_and_audited_in_one_go(store) -> None:
    receipt = register(store, 1)
    assert receipt.request_no == "PRK-MGS-01-000001"
    assert receipt.nama == "Pemohon 1" and receipt.warnings == ()
    (event,) = journal(store, EventType.RECORDING_REQUESTED)
    assert event["request_no"] == receipt.request_no
    assert event["operator"] == "operator1" and event["operator_name"] == "Agus Santoso"
    assert event["married"] is False and event["rt"] == "003"
    row = store.conn.execute(
        "SELECT status, kind, site, workstation, event_id FROM recording_requests"
    ).fetchone()
    assert row == ("waiting", "pemula", "MGS", 1, receipt.event_id)
    audit = store.conn.execute(
        "SELECT actor, action, nik, detail FROM audit WHERE action = 'recording-request'"
    ).fetchone()
    assert audit[:3] == ("operator1", "recording-request", receipt.nik)
    assert json.loads(audit[3])["request_no"] == receipt.request_no

    assert register(store, 2).request_no == "PRK-MGS-01-000002"


def test_a_nik_already_waiting_is_refused_and_uses_no_number(store) -> None:
    first = register(store, 1)
    with pytest.raises(RequestRefused) as refused:
        register(store, 1, nama="Orang Lain")
    assert first.request_no in str(refused.value)
    assert "tidak perlu mendaftar lagi" in str(refused.value)
    assert refused.value.field == "nik"
    assert len(journal(store, EventType.RECORDING_REQUESTED)) == 1
    assert register(store, 2).request_no == "PRK-MGS-01-000002"  # no gap


def test_a_recorded_request_is_not_registered_twice(store) -> None:
    first = register(store, 1)
    set_request_status(store, SUPERVISOR, first.request_no, "recorded")
    with pytest.raises(RequestRefused, match="sudah direkam' dan sedang diproses"):
        register(store, 1)


def _card(store, append, nik: str, status: str = "ready") -> str:
    card_id = f"B1-{nik}"
    append(
        store,
        EventType.CARD_RECEIVED,
        {
            "card_id": card_id,
            "batch_id": "B1",
            "nik": nik,
            "nama": "X",
            "kode_kelurahan": "35.76.02.1003",
            "tanggal_cetak": "2012-08-01",
            "status": status,
            "site": "MGS",
            "box": 1,
            "slot": 1,
            "reason": None,
        },
    )
    return card_id


def test_someone_already_recorded_is_told_what_to_do_instead(store, add_resident, append) -> None:
    resident = add_resident(store, "Sudah Terekam", birth=date(1980, 1, 1), sex=Sex.MALE)
    with pytest.raises(RequestRefused, match="sudah terekam pada 03-10-2011") as waiting:
        register_request(
            store,
            OPERATOR,
            applicant(1, nik=resident["nik"], tanggal_lahir="01-01-1980", jenis_kelamin="L"),
            today=TODAY,
        )
    assert "undangan pengambilan" in str(waiting.value)

    _card(store, append, resident["nik"])
    with pytest.raises(RequestRefused) as with_card:
        register_request(
            store,
            OPERATOR,
            applicant(1, nik=resident["nik"], tanggal_lahir="01-01-1980", jenis_kelamin="L"),
            today=TODAY,
        )
    assert "kartunya sudah dicetak (status: siap diserahkan)" in str(with_card.value)
    assert "cari NIK ini di layar loket" in str(with_card.value)
    assert journal(store, EventType.RECORDING_REQUESTED) == []


def test_a_mover_from_another_regency_is_registered(store) -> None:
    birth = date(1990, 5, 6)
    receipt = register_request(
        store,
        OPERATOR,
        applicant(
            1,
            kind="pindah_datang",
            nik=make_nik("35.15.08", birth, Sex.MALE, 44),
            jenis_kelamin="L",
            tanggal_lahir="06-05-1990",
            origin_region="Kabupaten Sidoarjo",
            moving_letter_no="474.2/1234/404.3.9/2012",
        ),
        today=TODAY,
    )
    proof = request_proof(store, receipt.request_no)
    assert proof.origin_region == "Kabupaten Sidoarjo"
    assert proof.moving_letter_no == "474.2/1234/404.3.9/2012"
    assert proof.kelurahan == "Magersari" and proof.kecamatan == "Magersari"
    assert proof.pickup_office == "Kantor Kecamatan Magersari"
    assert proof.operator_name == "Agus Santoso"


def test_a_wrong_form_names_its_field(store) -> None:
    with pytest.raises(RequestRefused) as refused:
        register(store, 1, rw="abc")
    assert refused.value.field == "rw"
    assert "RW 'abc' tidak sah" in str(refused.value)


def test_who_may_do_what(store) -> None:
    with pytest.raises(PermissionDenied):
        register_request(store, ADMIN, applicant(1), today=TODAY)
    receipt = register(store, 1)
    with pytest.raises(PermissionDenied):
        set_request_status(store, OPERATOR, receipt.request_no, "recorded")
    with pytest.raises(PermissionDenied):
        requests(store, OPERATOR)
    with pytest.raises(PermissionDenied):
        request_list(store, ADMIN, start=None, end=None)
    assert len(requests(store, SUPERVISOR)) == 1


def test_status_moves_forward_one_step_or_back_with_a_note(store) -> None:
    number = register(store, 1).request_no
    with pytest.raises(RequestRefused, match="tandai dahulu 'sudah direkam'"):
        set_request_status(store, SUPERVISOR, number, RecordingStatus.SENT)
    with pytest.raises(RequestRefused, match="sudah berstatus 'menunggu perekaman'"):
        set_request_status(store, SUPERVISOR, number, RecordingStatus.WAITING)
    set_request_status(store, SUPERVISOR, number, "recorded")
    set_request_status(store, SUPERVISOR, number, "sent", note="  kiriman   12 ")
    row = store.conn.execute(
        "SELECT status, status_note, status_by FROM recording_requests"
    ).fetchone()
    assert row == ("sent", "kiriman 12", "supervisor")

    with pytest.raises(RequestRefused, match="perlu catatan alasannya") as refused:
        set_request_status(store, SUPERVISOR, number, "recorded")
    assert refused.value.field == "note"
    set_request_status(store, SUPERVISOR, number, "waiting", note="sidik jari gagal, rekam ulang")
    assert store.conn.execute("SELECT status FROM recording_requests").fetchone() == ("waiting",)
    moves = [(e["from"], e["status"]) for e in journal(store, EventType.RECORDING_STATUS_CHANGED)]
    assert moves == [("waiting", "recorded"), ("recorded", "sent"), ("sent", "waiting")]
    actions = store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'recording-status'"
    ).fetchone()
    assert actions == (3,)
    with pytest.raises(RequestRefused, match="tidak ada"):
        set_request_status(store, SUPERVISOR, "PRK-MGS-01-999999", "recorded")


def _move_to(store, number: str, day: str) -> None:
    """Give a request another registration day (a request of another day or site)."""
    store.conn.execute(
        "UPDATE recording_requests SET wall_time = ? WHERE request_no = ?", (day, number)
    )


def test_lists_by_day_status_and_site(store) -> None:
    numbers = [register(store, n).request_no for n in (1, 2, 3)]
    set_request_status(store, SUPERVISOR, numbers[1], "recorded")
    _move_to(store, numbers[2], "2012-09-11T08:00:00+07:00")
    (now,) = store.conn.execute(
        "SELECT wall_time FROM recording_requests WHERE request_no = ?", (numbers[0],)
    ).fetchone()
    today = date.fromisoformat(now[:10])

    assert [r.request_no for r in requests(store, SUPERVISOR, day=today)] == numbers[:2]
    assert [r.request_no for r in requests(store, SUPERVISOR, status="recorded")] == [numbers[1]]
    assert [r.request_no for r in requests(store, SUPERVISOR, day=date(2012, 9, 11))] == [
        numbers[2]
    ]
    assert [r.request_no for r in requests(store, SUPERVISOR, site="DSP")] == []
    lst = request_list(store, SUPERVISOR, start=None, end=None, today=TODAY)
    assert lst.count() == 3 and lst.count(status=RecordingStatus.RECORDED) == 1
    assert lst.office == "semua kantor layanan"
    with pytest.raises(RequestRefused, match="tukar kedua tanggal"):
        request_list(store, SUPERVISOR, start=date(2012, 9, 5), end=date(2012, 9, 1))


def test_a_printed_list_is_in_the_audit_log(store) -> None:
    register(store, 1)
    request_list(store, SUPERVISOR, start=None, end=None, site="MGS", paper=True)
    (detail,) = store.conn.execute(
        "SELECT detail FROM audit WHERE action = 'print-request-list'"
    ).fetchone()
    assert json.loads(detail)["rows"] == 1


def test_export_writes_every_request_and_is_audited(store, tmp_path) -> None:
    register(store, 1)
    register(store, 2, kind="pindah_datang", origin_region="Kota Surabaya", moving_letter_no="9")
    path = tmp_path / "permohonan.csv"
    assert export_requests(store, SUPERVISOR, path, start=None, end=None) == 2
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c.title for c in REQUEST_COLUMNS]
    assert rows[1][2:7] == ["PRK-MGS-01-000001", "Wajib KTP pemula", rows[1][4], "Pemohon 1", "P"]
    assert rows[2][14:17] == ["Kota Surabaya", "9", "menunggu perekaman"]
    assert export_requests(store, ADMIN, tmp_path / "semua.xlsx", start=None, end=None) == 2
    with pytest.raises(PermissionDenied):
        export_requests(store, OPERATOR, tmp_path / "x.csv", start=None, end=None)
    assert not (tmp_path / "x.csv").exists()
    exports = store.conn.execute("SELECT count(*) FROM audit WHERE action = 'export-requests'")
    assert exports.fetchone() == (2,)


def test_rebuild_gives_the_same_requests(store) -> None:
    numbers = [register(store, n).request_no for n in (1, 2)]
    set_request_status(store, SUPERVISOR, numbers[0], "recorded", note="sesi pagi")
    before, after = store.rebuild()
    assert before == after
    assert store.conn.execute(
        "SELECT request_no, status, status_note FROM recording_requests ORDER BY 1"
    ).fetchall() == [(numbers[0], "recorded", "sesi pagi"), (numbers[1], "waiting", None)]
