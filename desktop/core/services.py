"""The other services at the counter, as words and kinds: recording requests (perekaman)
for first-time applicants and people who moved in, and reports of deaths, moves and card
errors (lapor peristiwa). The rules that check them live beside these kinds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desktop.core.cards import LABELS as CARD_LABELS
from desktop.core.cards import CardStatus, WithholdReason, can_transition
from desktop.core.events import EventType
from desktop.core.nik import Nik, NikError, Sex, birth_date_warning, parse_nik
from desktop.core.regions import regions


class RecordingKind(StrEnum):
    PEMULA = "pemula"  # Wajib KTP Pemula: 17 years old, or younger and married
    PINDAH_DATANG = "pindah_datang"  # moved into the city, with a moving letter (SKPWNI)


class RecordingStatus(StrEnum):
    WAITING = "waiting"  # registered at the counter, waiting for the recording session
    RECORDED = "recorded"  # photo, fingerprints and signature taken
    SENT = "sent"  # sent to the centre for printing


class ReportKind(StrEnum):
    DECEASED = "deceased"  # the holder died: the card is withheld
    MOVED_OUT = "moved_out"  # the holder moved out of the city: the card is not handed here
    DATA_ERROR = "data_error"  # something on the card is wrong: withheld for reprint


class ErrorField(StrEnum):
    NAME = "name"
    ADDRESS = "address"
    PHOTO = "photo"
    DAMAGED = "damaged"  # the print is damaged, not the data


RECORDING_KIND_LABELS = {
    RecordingKind.PEMULA: "Wajib KTP pemula",
    RecordingKind.PINDAH_DATANG: "Pindah datang",
}
RECORDING_STATUS_LABELS = {
    RecordingStatus.WAITING: "menunggu perekaman",
    RecordingStatus.RECORDED: "sudah direkam",
    RecordingStatus.SENT: "dikirim ke pusat",
}
REPORT_KIND_LABELS = {
    ReportKind.DECEASED: "Kematian",
    ReportKind.MOVED_OUT: "Pindah keluar",
    ReportKind.DATA_ERROR: "Kesalahan data kartu",
}
ERROR_FIELD_LABELS = {
    ErrorField.NAME: "nama salah",
    ErrorField.ADDRESS: "alamat salah",
    ErrorField.PHOTO: "foto salah",
    ErrorField.DAMAGED: "cetakan rusak",
}

REQUEST_PREFIX = "PRK"  # PRK-MGS-01-000001: perekaman
REPORT_PREFIX = "LPR"  # LPR-MGS-01-000001: laporan peristiwa


def service_number(prefix: str, site: str, workstation: int, sequence: int) -> str:
    """Gap-free per site and workstation, like receipt numbers."""
    return f"{prefix}-{site}-{workstation:02d}-{sequence:06d}"


# -- checking what was typed at the counter -------------------------------------------------

ADULT_AGE = 17  # Wajib KTP from the 17th birthday, or earlier once married
EARLIEST_BIRTH = date(1900, 1, 1)
CITY_NAME = "Kota Mojokerto"

# The reporter's relation to the person reported on, offered as choices (free text allowed).
RELATIONS = (
    "diri sendiri",
    "suami/istri",
    "anak",
    "orang tua",
    "saudara kandung",
    "kerabat lain",
    "ketua RT/RW",
)
SELF = "diri sendiri"

DOCUMENT_LABELS = {
    ReportKind.DECEASED: "No. akta/surat kematian",
    ReportKind.MOVED_OUT: "No. SKPWNI",
    ReportKind.DATA_ERROR: "No. dokumen",
}
EVENT_DATE_LABELS = {
    ReportKind.DECEASED: "Tanggal meninggal",
    ReportKind.MOVED_OUT: "Tanggal pindah",
}


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong (or worth a second look) with one field, said so it can be fixed."""

    field: str  # the form's attribute name, e.g. "tanggal_lahir"
    message: str


class FormError(ValueError):
    """A form that cannot be accepted; `problems` holds every field's problem in order."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(p.message for p in self.problems))

    @property
    def field(self) -> str:
        return self.problems[0].field


_DAY_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")


def parse_day(text: str) -> date | None:
    """A date as people type it at the counter: 12-03-2009, 12/03/2009, 12.03.2009 or
    2009-03-12. None when it is not one."""
    text = text.strip()
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day`."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def birthday(birth: date, years: int) -> date:
    """The day someone born on `birth` turns `years` (29 February: 1 March)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def _clean(text: str) -> str:
    return " ".join(text.split())


# The longest text each field may hold, so that a proof still fits on its A5 page.
LIMITS = {
    "nama": ("nama", 60),
    "tempat_lahir": ("tempat lahir", 40),
    "alamat": ("alamat", 120),
    "origin_region": ("daerah asal", 80),
    "moving_letter_no": ("nomor SKPWNI", 60),
    "reporter_name": ("nama pelapor", 60),
    "reporter_relation": ("hubungan pelapor", 30),
    "document_no": ("nomor dokumen", 60),
    "note": ("keterangan", 200),
}


def _in_form_order(problems: list[FieldProblem], form: object) -> list[FieldProblem]:
    """Problems in the order their fields appear on the form (stable within a field)."""
    order = [f.name for f in fields(form)]  # type: ignore[arg-type]
    return sorted(problems, key=lambda p: order.index(p.field) if p.field in order else 0)


def _too_long(field: str, text: str | None) -> str | None:
    label, limit = LIMITS[field]
    if text and len(text) > limit:
        return f"{label} terlalu panjang ({len(text)} huruf, paling banyak {limit}); singkat"
    return None


def _day_problem(label: str, text: str, today: date) -> tuple[date | None, str | None]:
    """Parse a typed date that may not lie after `today`: (date, None) or (None, problem)."""
    day = parse_day(text)
    if day is None:
        return None, f"{label} '{text.strip()}' bukan tanggal; tulis sebagai HH-BB-TTTT"
    if day > today:
        return None, f"{label} {day:%d-%m-%Y} belum terjadi; periksa tahunnya"
    return day, None


def _nik_problem(text: str, today: date) -> tuple[Nik | None, str | None]:
    if not text.strip():
        return None, "isi NIK (16 digit, lihat Kartu Keluarga)"
    try:
        return parse_nik(text, today=today), None
    except NikError as error:
        return None, f"NIK tidak sah: {error}"


def _rt_rw(name: str, text: str) -> tuple[str, str | None]:
    text = text.strip()
    if not text:
        return "", f"isi {name} (1 sampai 3 angka, misalnya 3 atau 012)"
    if not (text.isascii() and text.isdigit() and len(text) <= 3) or int(text) == 0:
        return "", f"{name} '{text}' tidak sah; tulis 1 sampai 3 angka, misalnya 3 atau 012"
    return f"{int(text):03d}", None


_CITY_CODE = re.compile(r"^\s*35\.?76(\D|$)")
_CITY_WORDS = re.compile(r"\b(kota|kodya|kotamadya|kotamadia)\s+mojokerto\b")
_REGENCY_WORDS = re.compile(r"\b(kab|kabupaten)\b")


def origin_problem(text: str) -> str | None:
    """Why an origin region is not one a resident can move in from, or None.

    A move within Kota Mojokerto is a change of address, not a Pindah Datang; "Mojokerto"
    alone could be the city or Kabupaten Mojokerto (35.16), a different regency."""
    folded = " ".join(re.sub(r"[.,;:/()\-]", " ", text.casefold()).split())
    if not folded:
        return "isi daerah asal pindah (kabupaten/kota asal seperti tertulis pada SKPWNI)"
    if _CITY_CODE.match(text) or _CITY_WORDS.search(folded):
        return (
            f"daerah asal tidak boleh {CITY_NAME} sendiri: pindah di dalam kota bukan pindah "
            "datang; arahkan penduduk ke layanan perubahan alamat KK di Dinas"
        )
    if "mojokerto" in folded and not _REGENCY_WORDS.search(folded):
        return (
            f"daerah asal '{text.strip()}' bisa berarti {CITY_NAME} atau Kabupaten Mojokerto; "
            "tulis 'Kabupaten Mojokerto' bila pindah dari kabupaten (pindah di dalam kota "
            "bukan pindah datang)"
        )
    return None


# -- recording requests -------------------------------------------------------------------


@dataclass(frozen=True)
class RecordingForm:
    """A recording request as typed at the counter, before any check."""

    kind: str  # a RecordingKind value
    nik: str = ""
    nama: str = ""
    jenis_kelamin: str = ""  # "L" or "P"
    tempat_lahir: str = ""
    tanggal_lahir: str = ""  # as typed: 12-03-2009
    alamat: str = ""
    rt: str = ""
    rw: str = ""
    kode_kelurahan: str = ""
    married: bool = False  # married (or once married): Wajib KTP before 17
    origin_region: str = ""  # pindah datang: the regency or city moved from
    moving_letter_no: str = ""  # pindah datang: the SKPWNI number


@dataclass(frozen=True)
class CheckedRequest:
    """A recording request that passed every check, its values normalised."""

    kind: RecordingKind
    nik: str
    nama: str
    jenis_kelamin: str
    tempat_lahir: str
    tanggal_lahir: date
    alamat: str
    rt: str
    rw: str
    kode_kelurahan: str
    married: bool
    origin_region: str | None
    moving_letter_no: str | None
    age: int  # on the day of the request
    warnings: tuple[FieldProblem, ...] = ()

    def payload(self) -> dict[str, Any]:
        """The request's fields as the RECORDING_REQUESTED event carries them."""
        return {
            "kind": self.kind.value,
            "nik": self.nik,
            "nama": self.nama,
            "jenis_kelamin": self.jenis_kelamin,
            "tempat_lahir": self.tempat_lahir,
            "tanggal_lahir": self.tanggal_lahir.isoformat(),
            "alamat": self.alamat,
            "rt": self.rt,
            "rw": self.rw,
            "kode_kelurahan": self.kode_kelurahan,
            "married": self.married,
            "origin_region": self.origin_region,
            "moving_letter_no": self.moving_letter_no,
            "warnings": [p.message for p in self.warnings],
        }


_SEX_WORDS = {Sex.MALE.value: "laki-laki", Sex.FEMALE.value: "perempuan"}


def check_request(form: RecordingForm, *, today: date) -> CheckedRequest:
    """Check a recording request on the day it is made; raise FormError naming every
    field that is wrong. A NIK whose date or sex disagrees with what was stated is a
    warning (old registrations hold such mistakes), never a refusal."""
    problems: list[FieldProblem] = []

    def problem(field: str, message: str | None) -> None:
        if message:
            problems.append(FieldProblem(field, message))

    try:
        kind = RecordingKind(form.kind)
    except ValueError:
        raise FormError(
            [FieldProblem("kind", "pilih jenis permohonan: Wajib KTP pemula atau pindah datang")]
        ) from None
    nik, message = _nik_problem(form.nik, today)
    problem("nik", message)
    nama = _clean(form.nama)
    problem("nama", None if nama else "isi nama lengkap seperti pada Kartu Keluarga")
    sex = form.jenis_kelamin.strip().upper()
    problem("jenis_kelamin", None if sex in _SEX_WORDS else "pilih jenis kelamin: L atau P")
    tempat = _clean(form.tempat_lahir)
    problem("tempat_lahir", None if tempat else "isi tempat lahir")
    birth: date | None = None
    if not form.tanggal_lahir.strip():
        problem("tanggal_lahir", "isi tanggal lahir (HH-BB-TTTT)")
    else:
        birth, message = _day_problem("tanggal lahir", form.tanggal_lahir, today)
        if birth is not None and birth < EARLIEST_BIRTH:
            birth, message = (
                None,
                f"tanggal lahir {birth:%d-%m-%Y} terlalu lampau; periksa tahunnya",
            )
        problem("tanggal_lahir", message)
    age = age_on(birth, today) if birth else 0
    if birth is not None and age < ADULT_AGE and not form.married:
        turns = birthday(birth, ADULT_AGE)
        problem(
            "tanggal_lahir",
            f"belum wajib KTP: umur {age} tahun pada {today:%d-%m-%Y}; dapat mendaftar mulai "
            f"{turns:%d-%m-%Y} (umur {ADULT_AGE}), atau sekarang bila sudah atau pernah menikah",
        )
    alamat = _clean(form.alamat)
    problem("alamat", None if alamat else "isi alamat (jalan, nomor rumah, dusun)")
    rt, message = _rt_rw("RT", form.rt)
    problem("rt", message)
    rw, message = _rt_rw("RW", form.rw)
    problem("rw", message)
    kelurahan = regions().find_kelurahan(form.kode_kelurahan) if form.kode_kelurahan else None
    if kelurahan is None:
        shown = form.kode_kelurahan.strip()
        problem(
            "kode_kelurahan",
            f"kode kelurahan '{shown}' bukan kelurahan {CITY_NAME}; pilih kelurahan dari daftar"
            if shown
            else "pilih kelurahan tempat tinggal",
        )
    origin = letter = None
    if kind is RecordingKind.PINDAH_DATANG:
        origin = _clean(form.origin_region)
        problem("origin_region", origin_problem(origin))
        letter = _clean(form.moving_letter_no)
        problem(
            "moving_letter_no",
            None if letter else "isi nomor SKPWNI (Surat Keterangan Pindah WNI dari daerah asal)",
        )
    for field, text in (
        ("nama", nama), ("tempat_lahir", tempat), ("alamat", alamat),
        ("origin_region", origin), ("moving_letter_no", letter),
    ):  # fmt: skip
        problem(field, _too_long(field, text))
    if problems:
        raise FormError(_in_form_order(problems, form))
    assert nik is not None and birth is not None and kelurahan is not None  # checked above
    warnings = []
    birth_warning = birth_date_warning(nik, birth)
    if birth_warning:
        warnings.append(FieldProblem("tanggal_lahir", birth_warning))
    if sex != nik.sex.value:
        warnings.append(
            FieldProblem(
                "jenis_kelamin",
                f"jenis kelamin {_SEX_WORDS[sex]} tidak sesuai dengan NIK (menunjukkan "
                f"{_SEX_WORDS[nik.sex.value]}); periksa data kependudukan",
            )
        )
    return CheckedRequest(
        kind=kind,
        nik=nik.value,
        nama=nama,
        jenis_kelamin=sex,
        tempat_lahir=tempat,
        tanggal_lahir=birth,
        alamat=alamat,
        rt=rt,
        rw=rw,
        kode_kelurahan=kelurahan.code,
        married=form.married,
        origin_region=origin,
        moving_letter_no=letter,
        age=age,
        warnings=tuple(warnings),
    )


def documents_to_bring(kind: RecordingKind, *, married_minor: bool) -> tuple[str, ...]:
    """What the applicant brings to the recording session."""
    if kind is RecordingKind.PINDAH_DATANG:
        items = [
            "bukti pendaftaran ini",
            "Surat Keterangan Pindah WNI (SKPWNI) asli dari daerah asal",
            f"Kartu Keluarga (KK) {CITY_NAME} yang memuat nama pemohon",
            "KTP lama dari daerah asal, bila ada",
        ]
    else:
        items = ["bukti pendaftaran ini", "Kartu Keluarga (KK) asli yang memuat nama pemohon"]
    if married_minor:
        items.append("buku nikah atau akta perkawinan asli")
    return tuple(items)


# -- event reports ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportForm:
    """An event report as typed at the counter, before any check."""

    kind: str  # a ReportKind value
    nik: str = ""
    reporter_name: str = ""
    reporter_relation: str = ""
    error_field: str = ""  # an ErrorField value, for a data error
    document_no: str = ""  # akta/surat kematian, SKPWNI, or a supporting document
    event_date: str = ""  # day of death or of the move, as typed; may stay empty
    note: str = ""


@dataclass(frozen=True)
class CheckedReport:
    kind: ReportKind
    nik: str
    error_field: ErrorField | None
    reporter_name: str
    reporter_relation: str
    document_no: str | None
    event_date: date | None
    note: str

    @property
    def label(self) -> str:
        return report_label(self.kind, self.error_field)

    def payload(self) -> dict[str, Any]:
        """The report's fields as the POPULATION_EVENT_REPORTED event carries them."""
        return {
            "kind": self.kind.value,
            "error_field": self.error_field.value if self.error_field else None,
            "nik": self.nik,
            "reporter_name": self.reporter_name,
            "reporter_relation": self.reporter_relation,
            "document_no": self.document_no,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "note": self.note,
        }


def report_label(kind: ReportKind, error_field: ErrorField | None) -> str:
    """`Kematian`, or `Kesalahan data kartu: nama salah`."""
    label = REPORT_KIND_LABELS[kind]
    return f"{label}: {ERROR_FIELD_LABELS[error_field]}" if error_field else label


def check_report(form: ReportForm, *, today: date) -> CheckedReport:
    """Check an event report; raise FormError naming every field that is wrong."""
    problems: list[FieldProblem] = []

    def problem(field: str, message: str | None) -> None:
        if message:
            problems.append(FieldProblem(field, message))

    try:
        kind = ReportKind(form.kind)
    except ValueError:
        raise FormError(
            [FieldProblem("kind", "pilih jenis laporan: kematian, pindah keluar atau data salah")]
        ) from None
    nik, message = _nik_problem(form.nik, today)
    problem("nik", message)
    error_field = None
    if kind is ReportKind.DATA_ERROR:
        try:
            error_field = ErrorField(form.error_field)
        except ValueError:
            problem(
                "error_field", "pilih apa yang salah pada kartu: nama, alamat, foto atau cetakan"
            )
    document = _clean(form.document_no)
    if kind is ReportKind.DECEASED and not document:
        problem(
            "document_no",
            "isi nomor akta kematian atau surat keterangan kematian dari kelurahan/rumah sakit",
        )
    if kind is ReportKind.MOVED_OUT and not document:
        problem("document_no", "isi nomor SKPWNI (Surat Keterangan Pindah WNI) dari Dinas")
    event_day = None
    if kind in EVENT_DATE_LABELS and form.event_date.strip():
        label = EVENT_DATE_LABELS[kind].lower()
        event_day, message = _day_problem(label, form.event_date, today)
        problem("event_date", message)
    reporter = _clean(form.reporter_name)
    problem("reporter_name", None if reporter else "isi nama pelapor")
    relation = _clean(form.reporter_relation)
    if not relation:
        problem("reporter_relation", "isi hubungan pelapor dengan penduduk (misalnya anak)")
    elif kind is ReportKind.DECEASED and relation.casefold() in (SELF, "sendiri"):
        problem(
            "reporter_relation",
            "kematian dilaporkan oleh keluarga atau orang lain; isi hubungan pelapor dengan "
            "almarhum (misalnya anak)",
        )
    note = _clean(form.note)
    for field, text in (
        ("reporter_name", reporter), ("reporter_relation", relation),
        ("document_no", document), ("note", note),
    ):  # fmt: skip
        problem(field, _too_long(field, text))
    if problems:
        raise FormError(_in_form_order(problems, form))
    assert nik is not None
    return CheckedReport(
        kind=kind,
        nik=nik.value,
        error_field=error_field,
        reporter_name=reporter,
        reporter_relation=relation,
        document_no=document or None,
        event_date=event_day,
        note=note,
    )


class CardOutcome(StrEnum):
    """What a report did to the card of the person reported on."""

    WITHHELD = "withheld"
    MOVED = "moved"
    ALREADY_HANDED_OVER = "already_handed_over"  # handed over earlier: stays so
    UNCHANGED = "unchanged"  # the card's state does not allow the change
    NO_CARD = "no_card"  # no card printed for this NIK yet


@dataclass(frozen=True)
class CardEffect:
    """The card event a report causes (None: the report alone) and its outcome."""

    outcome: CardOutcome
    event: EventType | None = None
    target: CardStatus | None = None
    reason: str | None = None  # the WithholdReason value of a withheld card


def card_effect(
    kind: ReportKind, error_field: ErrorField | None, status: CardStatus | None
) -> CardEffect:
    """What a report of `kind` does to a card now in `status` (None: no card), by the
    card rules: a card is only moved where TRANSITIONS allows it."""
    if status is None:
        return CardEffect(CardOutcome.NO_CARD)
    if kind is ReportKind.MOVED_OUT:
        event, target, reason, outcome = (
            EventType.HOLDER_MOVED, CardStatus.MOVED, None, CardOutcome.MOVED,
        )  # fmt: skip
    else:
        if kind is ReportKind.DECEASED:
            reason = WithholdReason.DECEASED_REPORTED
        elif error_field is ErrorField.DAMAGED:
            reason = WithholdReason.DAMAGED
        else:
            reason = WithholdReason.DATA_ERROR
        event, target, outcome = EventType.CARD_WITHHELD, CardStatus.WITHHELD, CardOutcome.WITHHELD
    if status is CardStatus.HANDED_OVER:
        return CardEffect(CardOutcome.ALREADY_HANDED_OVER)
    if not can_transition(status, target):
        return CardEffect(CardOutcome.UNCHANGED)
    return CardEffect(outcome, event, target, reason.value if reason else None)


_WITHHELD_TEXT = {
    WithholdReason.DECEASED_REPORTED.value: (
        "kartu ditahan (pemilik dilaporkan meninggal) dan tidak diserahkan kepada siapa pun "
        "sampai Dinas memeriksa laporan ini"
    ),
    WithholdReason.DATA_ERROR.value: "kartu ditahan untuk dicetak ulang (data pada kartu salah)",
    WithholdReason.DAMAGED.value: "kartu ditahan untuk dicetak ulang (cetakan rusak)",
}


def card_outcome_text(
    outcome: CardOutcome, *, reason: str | None = None, status: CardStatus | None = None
) -> str:
    """The outcome in a sentence for the proof, the lists and the counter; `reason` is the
    withhold reason, `status` the card's state when the report was made."""
    if outcome is CardOutcome.WITHHELD:
        return _WITHHELD_TEXT.get(reason or "", "kartu ditahan")
    if outcome is CardOutcome.MOVED:
        return "kartu tidak diserahkan: pemilik tercatat pindah keluar kota"
    if outcome is CardOutcome.ALREADY_HANDED_OVER:
        return "kartu sudah diserahkan sebelumnya; statusnya tidak berubah"
    if outcome is CardOutcome.UNCHANGED:
        shown = CARD_LABELS[status] if status else "lain"
        return f"kartu berstatus '{shown}'; statusnya tidak berubah karena laporan ini"
    return "belum ada KTP-el tercetak untuk NIK ini; hanya laporan yang dicatat"


# -- what the papers say ------------------------------------------------------------------


@dataclass(frozen=True)
class RequestProof:
    """The applicant's proof of a recording request, rebuilt from the store."""

    request_no: str
    issued_at: str  # local wall time, ISO 8601
    site: str
    office_name: str
    office_address: str
    workstation: int
    kind: RecordingKind
    nik: str
    nama: str
    jenis_kelamin: str
    tempat_lahir: str
    tanggal_lahir: str  # ISO date
    alamat: str
    rt: str
    rw: str
    kelurahan: str
    kecamatan: str
    married: bool
    origin_region: str | None
    moving_letter_no: str | None
    operator_name: str
    pickup_office: str  # where the printed card will be handed over (by domicile)

    @property
    def kind_label(self) -> str:
        return RECORDING_KIND_LABELS[self.kind]

    @property
    def married_minor(self) -> bool:
        issued = date.fromisoformat(self.issued_at[:10])
        born = date.fromisoformat(self.tanggal_lahir)
        return self.married and age_on(born, issued) < ADULT_AGE

    def to_bring(self) -> tuple[str, ...]:
        return documents_to_bring(self.kind, married_minor=self.married_minor)


@dataclass(frozen=True)
class ReportProof:
    """The reporter's proof of an event report, rebuilt from the store."""

    report_no: str
    issued_at: str
    site: str
    office_name: str
    office_address: str
    workstation: int
    kind: ReportKind
    error_field: ErrorField | None
    nik: str
    nama: str  # the person reported on ("" when only the NIK is known)
    reporter_name: str
    reporter_relation: str
    document_no: str | None
    event_date: str | None  # ISO date
    note: str
    card_id: str | None
    card_outcome: CardOutcome
    card_text: str  # the outcome in a sentence
    operator_name: str

    @property
    def kind_label(self) -> str:
        return report_label(self.kind, self.error_field)


@dataclass(frozen=True)
class RequestRow:
    """One recording request in a list."""

    request_no: str
    wall_time: str
    site: str
    workstation: int
    kind: RecordingKind
    nik: str
    nama: str
    tanggal_lahir: str
    alamat: str
    rt: str
    rw: str
    kode_kelurahan: str
    kelurahan: str  # its name
    married: bool
    origin_region: str | None
    moving_letter_no: str | None
    status: RecordingStatus
    status_note: str | None
    status_time: str | None
    status_by: str | None
    operator_name: str
    jenis_kelamin: str = ""
    tempat_lahir: str = ""

    @property
    def day(self) -> date:
        return date.fromisoformat(self.wall_time[:10])

    @property
    def time(self) -> str:
        return self.wall_time[11:16]

    @property
    def kind_label(self) -> str:
        return RECORDING_KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return RECORDING_STATUS_LABELS[self.status]

    @property
    def remark(self) -> str:
        """The move's origin and letter, and the note of the last status change."""
        parts = []
        if self.kind is RecordingKind.PINDAH_DATANG:
            parts.append(f"dari {self.origin_region or '-'}, SKPWNI {self.moving_letter_no or '-'}")
        if self.married and age_on(date.fromisoformat(self.tanggal_lahir), self.day) < ADULT_AGE:
            parts.append("sudah menikah")
        if self.status_note:
            parts.append(self.status_note)
        return "; ".join(parts)


@dataclass(frozen=True)
class RequestList:
    """The recording requests of a day (or range) and status, for the supervisor's paper."""

    start: date
    end: date
    status: RecordingStatus | None  # None: every status
    site: str | None  # None: every site
    office: str
    rows: tuple[RequestRow, ...]
    made_on: date

    def count(
        self, kind: RecordingKind | None = None, status: RecordingStatus | None = None
    ) -> int:
        return sum(
            1
            for r in self.rows
            if (kind is None or r.kind is kind) and (status is None or r.status is status)
        )


@dataclass(frozen=True)
class ReportRow:
    """One event report in a list, with what it did to the card."""

    report_no: str
    wall_time: str
    site: str
    workstation: int
    kind: ReportKind
    error_field: ErrorField | None
    nik: str
    nama: str
    card_id: str | None
    reporter_name: str
    reporter_relation: str
    document_no: str | None
    event_date: str | None
    note: str
    operator_name: str
    card_outcome: CardOutcome
    card_text: str

    @property
    def kind_label(self) -> str:
        return report_label(self.kind, self.error_field)

    @property
    def time(self) -> str:
        return self.wall_time[11:16]
