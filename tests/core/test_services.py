"""The checks of the counter's other services: what a recording request and an event report
must hold, the age rule of Wajib KTP, and what a report may do to a card."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.core.cards import TRANSITIONS, CardStatus, can_transition
from desktop.core.events import EventType
from desktop.core.nik import Sex, make_nik
from desktop.core.services import (
    CardOutcome,
    ErrorField,
    FormError,
    RecordingForm,
    RecordingKind,
    ReportForm,
    ReportKind,
    age_on,
    birthday,
    card_effect,
    card_outcome_text,
    check_report,
    check_request,
    documents_to_bring,
    origin_problem,
    parse_day,
    service_number,
)

TODAY = date(2012, 9, 10)
BIRTH = date(1995, 3, 12)


def form(**changes) -> RecordingForm:
    base = RecordingForm(
        kind="pemula",
        nik=make_nik("35.76.02", BIRTH, Sex.FEMALE, 77),
        nama="  Siti   Aminah ",
        jenis_kelamin="p",
        tempat_lahir="Mojokerto",
        tanggal_lahir="12-03-1995",
        alamat="Jl. Benteng Pancasila 3",
        rt="3",
        rw="12",
        kode_kelurahan="3576021003",
    )
    return replace(base, **changes)


def problems(error: pytest.ExceptionInfo[FormError]) -> dict[str, str]:
    return {p.field: p.message for p in error.value.problems}


def test_a_clean_request_is_normalised() -> None:
    checked = check_request(form(), today=TODAY)
    assert checked.kind is RecordingKind.PEMULA
    assert checked.nama == "Siti Aminah"
    assert checked.jenis_kelamin == "P"
    assert (checked.rt, checked.rw) == ("003", "012")
    assert checked.kode_kelurahan == "35.76.02.1003"
    assert checked.tanggal_lahir == BIRTH and checked.age == 17
    assert checked.warnings == ()
    assert checked.origin_region is None and checked.moving_letter_no is None
    payload = checked.payload()
    assert payload["tanggal_lahir"] == "1995-03-12" and payload["warnings"] == []


@pytest.mark.parametrize("typed", ["12-03-1995", "12/03/1995", "12.03.1995", "1995-03-12"])
def test_dates_as_people_type_them(typed: str) -> None:
    assert parse_day(typed) == BIRTH


def test_age_and_the_seventeenth_birthday() -> None:
    assert age_on(date(1995, 9, 11), TODAY) == 16
    assert age_on(date(1995, 9, 10), TODAY) == 17
    assert birthday(date(1996, 2, 29), 17) == date(2013, 3, 1)


def test_younger_than_17_and_unmarried_is_told_when_they_may_come() -> None:
    birth = date(1996, 1, 20)
    young = form(tanggal_lahir="20-01-1996", nik=make_nik("35.76.02", birth, Sex.FEMALE, 77))
    with pytest.raises(FormError) as error:
        check_request(young, today=TODAY)
    message = problems(error)["tanggal_lahir"]
    assert "umur 16 tahun pada 10-09-2012" in message
    assert "mulai 20-01-2013" in message
    assert "menikah" in message

    married = check_request(replace(young, married=True), today=TODAY)
    assert married.age == 16 and married.married


def test_every_wrong_field_is_named_in_form_order() -> None:
    wrong = RecordingForm(
        kind="pemula",
        nik="3576",
        nama=" ",
        jenis_kelamin="X",
        tanggal_lahir="31-02-1990",
        rt="1000",
        rw="0",
        kode_kelurahan="3576020",  # a BPS code
    )
    with pytest.raises(FormError) as error:
        check_request(wrong, today=TODAY)
    found = problems(error)
    assert list(found) == [
        "nik",
        "nama",
        "jenis_kelamin",
        "tempat_lahir",
        "tanggal_lahir",
        "alamat",
        "rt",
        "rw",
        "kode_kelurahan",
    ]
    assert found["nik"] == "NIK tidak sah: NIK harus 16 digit, ini 4 digit"
    assert "'31-02-1990' bukan tanggal" in found["tanggal_lahir"]
    assert found["rt"].startswith("RT '1000' tidak sah")
    assert found["rw"].startswith("RW '0' tidak sah")
    assert "bukan kelurahan Kota Mojokerto" in found["kode_kelurahan"]
    assert error.value.field == "nik"
    assert str(error.value).count(";") >= 8


def test_a_kelurahan_outside_the_city_is_refused() -> None:
    with pytest.raises(FormError) as error:
        check_request(form(kode_kelurahan="35.16.05.2003"), today=TODAY)
    assert "bukan kelurahan Kota Mojokerto" in problems(error)["kode_kelurahan"]


def test_a_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(FormError) as error:
        check_request(form(tanggal_lahir="01-01-2013"), today=TODAY)
    assert "belum terjadi" in problems(error)["tanggal_lahir"]


def test_nik_date_or_sex_disagreeing_is_a_warning_not_a_refusal() -> None:
    checked = check_request(
        form(nik=make_nik("35.76.02", date(1995, 3, 13), Sex.MALE, 77)), today=TODAY
    )
    fields = {w.field: w.message for w in checked.warnings}
    assert "tanggal lahir pada NIK (13-03-95)" in fields["tanggal_lahir"]
    assert "perempuan tidak sesuai dengan NIK (menunjukkan laki-laki)" in fields["jenis_kelamin"]
    assert checked.payload()["warnings"] == list(fields.values())


def test_a_mover_needs_origin_and_moving_letter() -> None:
    mover = form(kind="pindah_datang")
    with pytest.raises(FormError) as error:
        check_request(mover, today=TODAY)
    found = problems(error)
    assert set(found) == {"origin_region", "moving_letter_no"}
    assert "SKPWNI" in found["moving_letter_no"]

    checked = check_request(
        replace(
            mover,
            nik=make_nik("35.15.08", BIRTH, Sex.FEMALE, 12),  # from Sidoarjo: normal
            origin_region=" Kabupaten  Sidoarjo ",
            moving_letter_no="474.2/1234/404.3.9/2012",
        ),
        today=TODAY,
    )
    assert checked.origin_region == "Kabupaten Sidoarjo"
    assert checked.moving_letter_no == "474.2/1234/404.3.9/2012"


@pytest.mark.parametrize(
    ("origin", "refused"),
    [
        ("Kota Mojokerto", "tidak boleh Kota Mojokerto sendiri"),
        ("kodya  Mojokerto", "tidak boleh Kota Mojokerto sendiri"),
        ("35.76", "tidak boleh Kota Mojokerto sendiri"),
        ("Mojokerto", "bisa berarti Kota Mojokerto atau Kabupaten Mojokerto"),
        ("Kab. Mojokerto", None),
        ("Kabupaten Mojokerto, Kec. Sooko", None),
        ("Kota Surabaya", None),
        ("", "isi daerah asal pindah"),
    ],
)
def test_the_origin_of_a_move_cannot_be_the_city_itself(origin: str, refused: str | None) -> None:
    problem = origin_problem(origin)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and refused in problem


def test_overlong_text_is_refused_before_it_overflows_the_proof() -> None:
    with pytest.raises(FormError) as error:
        check_request(form(nama="A" * 61), today=TODAY)
    assert problems(error)["nama"] == "nama terlalu panjang (61 huruf, paling banyak 60); singkat"


def test_what_to_bring() -> None:
    assert "Kartu Keluarga (KK) asli yang memuat nama pemohon" in documents_to_bring(
        RecordingKind.PEMULA, married_minor=False
    )
    mover = documents_to_bring(RecordingKind.PINDAH_DATANG, married_minor=True)
    assert any("SKPWNI" in item for item in mover)
    assert mover[-1] == "buku nikah atau akta perkawinan asli"


def test_numbers_run_per_site_and_workstation() -> None:
    assert service_number("PRK", "MGS", 1, 12) == "PRK-MGS-01-000012"


# -- reports ------------------------------------------------------------------------------


def report(**changes) -> ReportForm:
    base = ReportForm(
        kind="deceased",
        nik=make_nik("35.76.02", date(1945, 3, 25), Sex.MALE, 8),
        reporter_name=" Budi  Santoso ",
        reporter_relation="anak",
        document_no="474.3/88/2012",
        event_date="01-09-2012",
    )
    return replace(base, **changes)


def test_a_clean_death_report() -> None:
    checked = check_report(report(), today=TODAY)
    assert checked.kind is ReportKind.DECEASED and checked.error_field is None
    assert checked.reporter_name == "Budi Santoso"
    assert checked.event_date == date(2012, 9, 1)
    assert checked.label == "Kematian"
    assert checked.payload()["event_date"] == "2012-09-01"


def test_a_death_needs_its_document_and_someone_else_to_report_it() -> None:
    with pytest.raises(FormError) as error:
        check_report(report(document_no="", reporter_relation="Diri sendiri"), today=TODAY)
    found = problems(error)
    assert "akta kematian atau surat keterangan kematian" in found["document_no"]
    assert "dilaporkan oleh keluarga" in found["reporter_relation"]


def test_a_move_out_needs_the_skpwni_number() -> None:
    with pytest.raises(FormError) as error:
        check_report(report(kind="moved_out", document_no=""), today=TODAY)
    assert "SKPWNI" in problems(error)["document_no"]


def test_a_data_error_says_what_is_wrong_and_needs_no_document() -> None:
    with pytest.raises(FormError) as error:
        check_report(report(kind="data_error", document_no=""), today=TODAY)
    assert set(problems(error)) == {"error_field"}
    checked = check_report(
        report(kind="data_error", error_field="photo", document_no="", event_date="31-31-2012"),
        today=TODAY,
    )
    assert checked.error_field is ErrorField.PHOTO
    assert checked.event_date is None  # no date asked for a wrong card
    assert checked.label == "Kesalahan data kartu: foto salah"


def test_a_report_needs_reporter_and_a_past_date() -> None:
    with pytest.raises(FormError) as error:
        check_report(
            report(reporter_name="", reporter_relation="", event_date="11-09-2012"), today=TODAY
        )
    found = problems(error)
    assert list(found) == ["reporter_name", "reporter_relation", "event_date"]
    assert "belum terjadi" in found["event_date"]


# -- what a report does to a card -----------------------------------------------------------

CASES = [
    (ReportKind.DECEASED, None, "deceased_reported"),
    (ReportKind.DATA_ERROR, ErrorField.NAME, "data_error"),
    (ReportKind.DATA_ERROR, ErrorField.ADDRESS, "data_error"),
    (ReportKind.DATA_ERROR, ErrorField.PHOTO, "data_error"),
    (ReportKind.DATA_ERROR, ErrorField.DAMAGED, "damaged"),
]


@pytest.mark.parametrize(("kind", "field", "reason"), CASES)
def test_a_ready_card_is_withheld(kind, field, reason) -> None:
    effect = card_effect(kind, field, CardStatus.READY)
    assert effect.outcome is CardOutcome.WITHHELD
    assert (effect.event, effect.target, effect.reason) == (
        EventType.CARD_WITHHELD,
        CardStatus.WITHHELD,
        reason,
    )


def test_a_move_out_marks_the_holder_moved() -> None:
    effect = card_effect(ReportKind.MOVED_OUT, None, CardStatus.READY)
    assert (effect.outcome, effect.event, effect.target) == (
        CardOutcome.MOVED,
        EventType.HOLDER_MOVED,
        CardStatus.MOVED,
    )


@pytest.mark.parametrize("status", list(CardStatus))
@pytest.mark.parametrize("kind", list(ReportKind))
def test_a_card_moves_only_where_the_rules_allow(status: CardStatus, kind: ReportKind) -> None:
    effect = card_effect(kind, ErrorField.NAME if kind is ReportKind.DATA_ERROR else None, status)
    if status is CardStatus.HANDED_OVER:
        assert effect.outcome is CardOutcome.ALREADY_HANDED_OVER and effect.event is None
    elif effect.event is None:
        assert effect.outcome is CardOutcome.UNCHANGED
        target = CardStatus.MOVED if kind is ReportKind.MOVED_OUT else CardStatus.WITHHELD
        assert target not in TRANSITIONS[status]
    else:
        assert can_transition(status, effect.target)


def test_no_card_and_the_outcome_in_words() -> None:
    assert card_effect(ReportKind.DECEASED, None, None).outcome is CardOutcome.NO_CARD
    assert "belum ada KTP-el" in card_outcome_text(CardOutcome.NO_CARD)
    assert "pemilik dilaporkan meninggal" in card_outcome_text(
        CardOutcome.WITHHELD, reason="deceased_reported"
    )
    assert "'ditahan'" in card_outcome_text(CardOutcome.UNCHANGED, status=CardStatus.WITHHELD)
    assert "sudah diserahkan" in card_outcome_text(CardOutcome.ALREADY_HANDED_OVER)
