"""Importing the resident register and card manifests: reading CSV/XLSX, validating every
row, all-or-nothing storing, re-imports, misrouted and reprinted cards, box and slot
sorting. Every store is a real SQLite file under tmp_path."""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.core.cards import CardStatus
from desktop.core.events import EventType
from desktop.core.nik import Sex, make_nik
from desktop.core.resources import resource_path
from desktop.store import Store, StoreError, open_store
from desktop.store.importers import (
    BOX_SIZE,
    CARD_COLUMNS,
    REGISTER_COLUMNS,
    ImportRejected,
    ImportResult,
    Problem,
    import_cards,
    import_register,
    parse_date,
    table_from_records,
)
from desktop.store.search import cards_for_nik, resident_by_nik
from desktop.store.tables import read_table

SAMPLES = resource_path("samples")
ACTOR = "test:importers"
PRINTED = "2012-08-31"


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store initialised as MGS workstation 1 (overrides any shared fixture)."""
    with open_store(tmp_path / "data") as opened:
        opened.initialize("MGS", 1)
        yield opened


def person(
    nama: str = "Budi Santoso",
    *,
    kelurahan: str = "35.76.02.1003",
    serial: int = 1,
    birth: date = date(1985, 4, 15),
    sex: Sex = Sex.MALE,
    region: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One register row whose NIK agrees with its birth date and sex."""
    row = {
        "nik": make_nik(region or kelurahan[:8], birth, sex, serial),
        "nama": nama,
        "jenis_kelamin": sex.value,
        "tempat_lahir": "Mojokerto",
        "tanggal_lahir": birth.isoformat(),
        "alamat": "Jl. Majapahit No. 7",
        "rt": "001",
        "rw": "001",
        "kode_kelurahan": kelurahan,
        "tanggal_rekam": "2012-01-10",
    }
    row.update(fields)
    return row


def card(resident: dict[str, Any], **fields: Any) -> dict[str, Any]:
    row = {
        "nik": resident["nik"],
        "nama": resident["nama"].upper(),
        "kode_kelurahan": resident["kode_kelurahan"],
        "tanggal_cetak": PRINTED,
    }
    row.update(fields)
    return row


def register(store: Store, rows: list[dict[str, Any]], name: str = "reg") -> ImportResult:
    return import_register(store, table_from_records(name, REGISTER_COLUMNS, rows), actor=ACTOR)


def cards(
    store: Store, rows: list[dict[str, Any]], batch: str = "B1", *, reprint: bool = False
) -> ImportResult:
    table = table_from_records(f"manifest-{batch}", CARD_COLUMNS, rows)
    return import_cards(store, table, batch_id=batch, actor=ACTOR, reprint=reprint)


def rejected(call: Any, *args: Any, **kwargs: Any) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        call(*args, **kwargs)
    return info.value


def where(problems: list[Problem]) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.field) for p in problems]


def counts(store: Store) -> dict[str, int]:
    tables = ("journal", "residents", "cards", "audit", "imports", "card_batches")
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def card_row(store: Store, nik: str, batch: str = "B1") -> dict[str, Any]:
    cursor = store.conn.execute("SELECT * FROM cards WHERE card_id = ?", (f"{batch}-{nik}",))
    values = cursor.fetchone()
    assert values is not None, f"no card {batch}-{nik}"
    return dict(zip([c[0] for c in cursor.description], values, strict=True))


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[Any]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path


def register_csv(path: Path, people: list[dict[str, Any]], **kwargs: Any) -> Path:
    rows = [[p[c] for c in REGISTER_COLUMNS] for p in people]
    return write_csv(path, list(REGISTER_COLUMNS), rows, **kwargs)


# -- reading CSV -----------------------------------------------------------------------


def test_comma_csv_keeps_spreadsheet_row_numbers_and_quoted_commas(
    store: Store, tmp_path: Path
) -> None:
    people = [
        person("Budi Santoso", serial=1, alamat="Jl. Majapahit No. 7, Blok A"),
        person("Siti Aminah", serial=2, sex=Sex.FEMALE),
    ]
    table = read_table(register_csv(tmp_path / "reg.csv", people))
    assert table.name == "reg.csv"
    assert table.columns == list(REGISTER_COLUMNS)
    assert [number for number, _ in table.rows] == [2, 3]
    assert table.rows[0][1]["alamat"] == "Jl. Majapahit No. 7, Blok A"
    result = import_register(store, table, actor=ACTOR)
    assert (result.added, result.rows) == (2, 2)
    assert resident_by_nik(store.conn, people[0]["nik"]).alamat == "Jl. Majapahit No. 7, Blok A"


def test_semicolon_csv_with_bom_reads_the_first_header_cleanly(
    store: Store, tmp_path: Path
) -> None:
    people = [person("Budi Santoso", serial=1, alamat="Jl. Majapahit No. 7, Blok A")]
    path = register_csv(tmp_path / "reg.csv", people, delimiter=";", bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfnik;")
    table = read_table(path)
    assert table.columns[0] == "nik"  # not "\ufeffnik"
    assert table.rows[0][1]["alamat"] == "Jl. Majapahit No. 7, Blok A"
    assert import_register(store, table, actor=ACTOR).added == 1


def test_delimiter_is_chosen_from_the_header_line_only(tmp_path: Path) -> None:
    people = [person(serial=1, alamat="Jl. A; Jl. B; Jl. C; Jl. D; Jl. E; Jl. F; Jl. G; Jl. H")]
    table = read_table(register_csv(tmp_path / "reg.csv", people))
    assert table.rows[0][1]["alamat"].startswith("Jl. A; Jl. B")
    assert table.rows[0][1]["kode_kelurahan"] == "35.76.02.1003"


def test_headers_are_case_insensitive_order_free_and_extra_columns_ignored(
    store: Store, tmp_path: Path
) -> None:
    p = person("Budi Santoso")
    header = ["Catatan", "KODE-KELURAHAN", "Nama", "NIK", "Jenis Kelamin", "tempat_lahir",
              "Tanggal Lahir", "ALAMAT", "rt", "RW", "tanggal rekam"]  # fmt: skip
    row = ["pindahan", p["kode_kelurahan"], p["nama"], p["nik"], "l", "Mojokerto",
           "15-04-1985", p["alamat"], "1", "1", "10/01/2012"]  # fmt: skip
    result = import_register(store, read_table(write_csv(tmp_path / "r.csv", header, [row])),
                             actor=ACTOR)  # fmt: skip
    assert result.added == 1
    stored = resident_by_nik(store.conn, p["nik"])
    assert (stored.jenis_kelamin, stored.tanggal_lahir, stored.tanggal_rekam) == (
        "L",
        "1985-04-15",
        "2012-01-10",
    )
    assert (stored.rt, stored.rw) == ("001", "001")


def test_blank_lines_are_skipped_but_keep_their_row_numbers(tmp_path: Path, store: Store) -> None:
    good, bad = person(serial=1), person(serial=2, jenis_kelamin="X")
    path = tmp_path / "reg.csv"
    register_csv(path, [good])
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(",,,,,,,,,\r\n\r\n")  # two empty spreadsheet rows: 3 and 4
        csv.writer(f, lineterminator="\r\n").writerow([bad[c] for c in REGISTER_COLUMNS])
    table = read_table(path)
    assert [n for n, _ in table.rows] == [2, 5]
    assert where(rejected(import_register, store, table, actor=ACTOR).problems) == [
        (5, "jenis_kelamin")
    ]


def test_missing_column_is_rejected_naming_it(store: Store, tmp_path: Path) -> None:
    columns = [c for c in REGISTER_COLUMNS if c != "tanggal_rekam"]
    p = person()
    path = write_csv(tmp_path / "reg.csv", columns, [[p[c] for c in columns]])
    error = rejected(import_register, store, read_table(path), actor=ACTOR)
    assert len(error.problems) == 1
    assert error.problems[0].row == 1
    assert "kolom tanggal_rekam tidak ada" in error.problems[0].message
    assert "docs/formats.md" in error.problems[0].message
    assert counts(store)["journal"] == 0


def test_empty_file_and_header_only_file(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="file kosong"):
        read_table(empty)
    bom_only = tmp_path / "bom.csv"
    bom_only.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(StoreError, match="file kosong"):
        read_table(bom_only)
    header_only = write_csv(tmp_path / "header.csv", list(REGISTER_COLUMNS), [])
    error = rejected(import_register, store, read_table(header_only), actor=ACTOR)
    assert [str(p) for p in error.problems] == ["file tidak berisi baris data"]
    assert counts(store)["journal"] == 0


def test_non_utf8_file_tells_to_save_as_csv_utf8(tmp_path: Path) -> None:
    p = person("Rene Dumas")
    text = ",".join(REGISTER_COLUMNS) + "\r\n" + ",".join(p[c] for c in REGISTER_COLUMNS)
    path = tmp_path / "latin.csv"
    path.write_bytes(text.replace("Rene", "René").encode("latin-1"))
    with pytest.raises(StoreError) as info:
        read_table(path)
    assert not isinstance(info.value, ImportRejected)
    message = str(info.value)
    assert message.startswith("latin.csv: baris 2 bukan teks UTF-8")
    assert "CSV UTF-8" in message


@pytest.mark.parametrize("name", ["register.xls", "register.ods", "register", "register.json"])
def test_unsupported_suffix_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"nik,nama\n")
    with pytest.raises(
        StoreError, match=re.escape("tidak didukung; pakai .csv (UTF-8) atau .xlsx")
    ):
        read_table(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="tidak ditemukan"):
        read_table(tmp_path / "tidak-ada.csv")


# -- reading XLSX ----------------------------------------------------------------------


def _workbook(path: Path, rows: list[list[Any]], *, extra_sheet: bool = False) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Register"
    sheet.append(list(REGISTER_COLUMNS))
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        other = workbook.create_sheet("Catatan")
        other.append(["bukan", "register"])
        workbook.active = 1  # even when another sheet is the active one
    workbook.save(path)
    return path


def test_xlsx_with_text_nik_and_real_date_cells(store: Store, tmp_path: Path) -> None:
    a = person("Budi Santoso", serial=1)
    b = person("Siti Aminah", serial=2, sex=Sex.FEMALE, birth=date(1990, 12, 31))
    rows = [
        [a["nik"], a["nama"], "L", "Mojokerto", date(1985, 4, 15), "Jl. A", 3, 12,
         "35.76.02.1003", datetime(2012, 1, 10, 9, 30)],
        [b["nik"], b["nama"], "P", "Jombang", datetime(1990, 12, 31), "Jl. B", "4", "2",
         3576021003, date(2012, 2, 1)],
    ]  # fmt: skip
    path = _workbook(tmp_path / "register.xlsx", rows, extra_sheet=True)
    table = read_table(path)
    assert [n for n, _ in table.rows] == [2, 3]
    result = import_register(store, table, actor=ACTOR)
    assert (result.added, result.warnings) == (2, [])
    first = resident_by_nik(store.conn, a["nik"])
    assert (first.tanggal_lahir, first.tanggal_rekam, first.rt, first.rw) == (
        "1985-04-15",
        "2012-01-10",
        "003",
        "012",
    )
    second = resident_by_nik(store.conn, b["nik"])
    assert (second.tanggal_lahir, second.kode_kelurahan) == ("1990-12-31", "35.76.02.1003")


@pytest.mark.parametrize("as_number", [int, float], ids=["integer-cell", "excel-float-cell"])
def test_xlsx_nik_stored_as_number_is_rejected_with_the_reason(
    store: Store, tmp_path: Path, as_number: type
) -> None:
    a, b = person(serial=1), person("Siti Aminah", serial=2)
    rows = [[p[c] for c in REGISTER_COLUMNS] for p in (a, b)]
    rows[1][0] = as_number(b["nik"])
    error = rejected(
        import_register, store, read_table(_workbook(tmp_path / "r.xlsx", rows)), actor=ACTOR
    )
    assert where(error.problems) == [(3, "nik")]
    message = error.problems[0].message
    assert "angka" in message and "Teks" in message
    assert "3.57602e+15" in message
    assert counts(store)["residents"] == 0


def test_empty_xlsx_sheet_is_a_store_error(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "kosong.xlsx"
    Workbook().save(path)
    with pytest.raises(StoreError, match="lembar pertama kosong"):
        read_table(path)


def test_damaged_xlsx_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(StoreError, match="tidak dapat dibaca sebagai XLSX"):
        read_table(path)


# -- the sample files ------------------------------------------------------------------


def test_sample_files_import_cleanly(store: Store) -> None:
    added = {}
    for name in ("register.csv", "register-titikkoma.csv", "register.xlsx"):
        result = import_register(store, read_table(SAMPLES / name), actor=ACTOR)
        assert result.warnings == [], (name, result.warnings)
        assert (result.added, result.updated, result.unchanged) == (result.rows, 0, 0), name
        added[name] = result.added
    assert added["register.csv"] == 30
    assert added["register-titikkoma.csv"] >= 3 and added["register.xlsx"] >= 3
    result = import_cards(
        store, read_table(SAMPLES / "kartu-B20120910.csv"), batch_id="B20120910", actor=ACTOR
    )
    assert result.warnings == []
    assert result.misrouted == 2
    assert result.added == result.rows
    sites = dict(store.conn.execute("SELECT site, count(*) FROM cards GROUP BY site").fetchall())
    assert sites["MGS"] > 0 and sites["DSP"] > 0 and sites[None] == 2
    reasons = sorted(
        r[0] for r in store.conn.execute("SELECT reason FROM cards WHERE status = 'misrouted'")
    )
    assert reasons == ["NIK tidak ada di register", "domisili di luar Kota Mojokerto"]
    outside = store.conn.execute(
        "SELECT box, slot FROM cards WHERE kode_kelurahan = '35.16.05.2003'"
    ).fetchone()
    assert outside == (None, None)


def test_sample_register_forms_all_normalise_the_same_way(store: Store) -> None:
    import_register(store, read_table(SAMPLES / "register-titikkoma.csv"), actor=ACTOR)
    for rt, rw, code, lahir in store.conn.execute(
        "SELECT rt, rw, kode_kelurahan, tanggal_lahir FROM residents"
    ):
        assert len(rt) == 3 and len(rw) == 3 and rt.isdigit() and rw.isdigit()
        assert code.startswith("35.76.0") and code.count(".") == 3
        assert date.fromisoformat(lahir)


BROKEN_ROWS = [
    (3, "nik", "angka ilmiah (3.57601E+15)"),
    (4, "nik", "16 digit, ini 15 digit"),
    (5, "nik", "bulan lahir pada NIK"),
    (6, "nik", "tidak boleh 0000"),
    (7, "kode_kelurahan", "'35.76.02.1099' bukan kode kelurahan"),
    (8, "kode_kelurahan", "kode BPS tidak dipakai"),
    (9, "tanggal_lahir", "'31-02-1985' tidak dikenali"),
    (11, "nik", "sudah muncul di baris 10"),
    (12, "nama", "wajib diisi"),
    (13, "jenis_kelamin", "'X' harus L atau P"),
    (14, "rt", "'abc' bukan nomor RT"),
]


def test_broken_register_lists_every_problem_and_changes_nothing(store: Store) -> None:
    import_register(store, read_table(SAMPLES / "register.csv"), actor=ACTOR)
    before = counts(store)
    error = rejected(
        import_register, store, read_table(SAMPLES / "register-rusak.csv"), actor=ACTOR
    )
    assert where(error.problems) == [(row, field) for row, field, _ in BROKEN_ROWS]
    for problem, (_, _, fragment) in zip(error.problems, BROKEN_ROWS, strict=True):
        assert fragment in problem.message, problem
    assert str(error.problems[0]).startswith("baris 3, kolom nik: ")
    assert "ditolak karena 11 masalah; tidak ada data yang disimpan" in str(error)
    assert error.source == "register-rusak.csv"
    assert counts(store) == before
    # the good rows (2, 10 and 15) were not stored either
    good = read_table(SAMPLES / "register-rusak.csv").rows
    for number, row in good:
        if number in (2, 10, 15):
            assert resident_by_nik(store.conn, row["nik"]) is None


def test_sample_files_are_synthetic_and_consistent() -> None:
    """Every sample NIK agrees with its row's birth date and sex (the clean files)."""
    from desktop.core.nik import birth_date_warning, parse_nik

    for name in ("register.csv", "register-titikkoma.csv", "register.xlsx"):
        for _, row in read_table(SAMPLES / name).rows:
            nik = parse_nik(str(row["nik"]))
            assert birth_date_warning(nik, parse_date(row["tanggal_lahir"])) is None
            assert nik.sex.value == row["jenis_kelamin"]


# -- validating register fields --------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2012-09-10", "10-09-2012", "10/09/2012", "2012/09/10", " 10-9-2012 ",
     date(2012, 9, 10), datetime(2012, 9, 10, 14, 5)],
)  # fmt: skip
def test_accepted_date_forms(value: Any) -> None:
    assert parse_date(value) == date(2012, 9, 10)


@pytest.mark.parametrize(
    "value", ["", None, "10.09.2012", "31-02-1985", "12-09-10", "2012-13-01", "10 Sep 2012"]
)
def test_rejected_date_forms(value: Any) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("text", "stored"),
    [("L", "L"), ("l", "L"), ("Laki-laki", "L"), ("PRIA", "L"), ("P", "P"), ("pr", "P"),
     ("Perempuan", "P"), ("wanita", "P")],
)  # fmt: skip
def test_sex_values(store: Store, text: str, stored: str) -> None:
    sex = Sex(stored)
    p = person(sex=sex, jenis_kelamin=text)
    result = register(store, [p])
    assert result.warnings == []
    assert resident_by_nik(store.conn, p["nik"]).jenis_kelamin == stored


@pytest.mark.parametrize(("text", "stored"), [("1", "001"), ("07", "007"), ("999", "999")])
def test_rt_rw_stored_as_three_digits(store: Store, text: str, stored: str) -> None:
    p = person(rt=text, rw=text)
    register(store, [p])
    found = resident_by_nik(store.conn, p["nik"])
    assert (found.rt, found.rw) == (stored, stored)


@pytest.mark.parametrize("text", ["0", "1000", "abc", "", "-1", "1.5", "RT 3"])
def test_bad_rt_and_rw_rejected(store: Store, text: str) -> None:
    error = rejected(register, store, [person(rt=text, rw=text)])
    assert where(error.problems) == [(2, "rt"), (2, "rw")]


def test_superscript_digit_in_rt_is_a_problem_not_a_crash(store: Store) -> None:
    """'²'.isdigit() is true but int('²') raises: must be a Problem, not a ValueError."""
    error = rejected(register, store, [person(rt="²")])
    assert where(error.problems) == [(2, "rt")]


@pytest.mark.parametrize(
    ("text", "stored"),
    [("35.76.02.1003", "35.76.02.1003"), ("3576021003", "35.76.02.1003"),
     (" 35.76.01.1008 ", "35.76.01.1008")],
)  # fmt: skip
def test_kemendagri_codes_dotted_or_ten_digits(store: Store, text: str, stored: str) -> None:
    p = person(kelurahan=stored, kode_kelurahan=text)
    register(store, [p])
    assert resident_by_nik(store.conn, p["nik"]).kode_kelurahan == stored


@pytest.mark.parametrize(
    "text",
    ["3576020", "3576020003", "357602", "35.76.02.1099", "35.76.03.1001", "35.16.05.2003", ""],
)
def test_bps_unknown_and_outside_codes_rejected_in_register(store: Store, text: str) -> None:
    error = rejected(register, store, [person(kode_kelurahan=text)])
    assert where(error.problems) == [(2, "kode_kelurahan")]
    assert "Kemendagri" in error.problems[0].message


def test_every_problem_of_one_row_is_listed_and_rows_are_sorted(store: Store) -> None:
    rows = [
        person(serial=1),
        person(serial=2, nama="", tempat_lahir="", alamat="", tanggal_rekam="kemarin"),
        person(serial=1, nama="Dobel"),  # same NIK as row 2
    ]
    error = rejected(register, store, rows)
    assert where(error.problems) == [
        (3, "nama"),
        (3, "tempat_lahir"),
        (3, "alamat"),
        (3, "tanggal_rekam"),
        (4, "nik"),
    ]


def test_name_spacing_is_collapsed(store: Store) -> None:
    p = person(nama="  Siti   Aminah ")
    register(store, [p])
    assert resident_by_nik(store.conn, p["nik"]).nama == "Siti Aminah"


def test_nik_date_and_sex_disagreements_warn_but_do_not_reject(store: Store) -> None:
    date_off = person("Budi Santoso", serial=1, birth=date(1985, 4, 15),
                      tanggal_lahir="1985-05-15")  # fmt: skip
    sex_off = person("Siti Aminah", serial=2, sex=Sex.FEMALE, jenis_kelamin="L")
    fine = person("Agus", serial=3)
    result = register(store, [fine, date_off, sex_off])
    assert result.added == 3
    assert where(result.warnings) == [(3, "tanggal_lahir"), (4, "jenis_kelamin")]
    assert "15-04-85" in result.warnings[0].message
    assert "1 peringatan" not in result.summary() and "2 peringatan" in result.summary()
    stored = resident_by_nik(store.conn, date_off["nik"])
    assert stored.tanggal_lahir == "1985-05-15"
    assert stored.nik_warning and "berbeda" in stored.nik_warning
    assert resident_by_nik(store.conn, fine["nik"]).nik_warning is None


def test_register_needs_an_initialised_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "bare") as bare, pytest.raises(StoreError, match="loket-admin init"):
        register(bare, [person()])


# -- re-imports ------------------------------------------------------------------------


def test_same_file_twice_says_already_imported_and_changes_nothing(store: Store) -> None:
    path = SAMPLES / "register.csv"
    first = import_register(store, read_table(path), actor=ACTOR)
    assert first.added == 30 and first.already_imported is None
    assert first.summary() == "register.csv: 30 baris diimpor: 30 penduduk baru."
    before = counts(store)
    assert before["imports"] == 1 and before["audit"] == 1
    second = import_register(store, read_table(path), actor=ACTOR)
    assert second.already_imported
    assert (second.added, second.updated, second.changed) == (0, 0, False)
    assert "sudah diimpor" in second.summary()
    assert second.already_imported in second.summary()
    assert counts(store) == before


def test_other_file_with_identical_rows_changes_nothing(store: Store, tmp_path: Path) -> None:
    people = [person(serial=n, nama=f"Warga {n}") for n in range(1, 6)]
    import_register(store, read_table(register_csv(tmp_path / "a.csv", people)), actor=ACTOR)
    before = counts(store)
    # the same people written differently: semicolons, BOM, RT without zeros, 10-digit code
    again = [{**p, "rt": "1", "kode_kelurahan": "3576021003"} for p in people]
    path = register_csv(tmp_path / "b.csv", again, delimiter=";", bom=True)
    result = import_register(store, read_table(path), actor=ACTOR)
    assert result.already_imported is None
    assert (result.added, result.updated, result.unchanged) == (0, 0, 5)
    assert result.summary() == "b.csv: 5 baris sudah ada semua; tidak ada yang berubah."
    assert counts(store) == before


def test_changed_resident_is_updated_and_visible(store: Store) -> None:
    people = [person(serial=n, nama=f"Warga {n}") for n in range(1, 5)]
    register(store, people, name="first")
    before = counts(store)
    moved = {**people[2], "alamat": "Jl. Gajah Mada No. 99", "rw": "4",
             "kode_kelurahan": "35.76.01.1002"}  # fmt: skip
    result = register(store, [*people[:2], moved, people[3]], name="second")
    assert (result.added, result.updated, result.unchanged) == (0, 1, 3)
    assert result.summary() == (
        "second: 4 baris diimpor: 0 penduduk baru, 1 diperbarui, 3 tidak berubah."
    )
    found = resident_by_nik(store.conn, moved["nik"])
    assert (found.alamat, found.rw, found.kode_kelurahan) == (
        "Jl. Gajah Mada No. 99",
        "004",
        "35.76.01.1002",
    )
    after = counts(store)
    assert after["journal"] == before["journal"] + 2  # the update and the import record
    assert after["residents"] == before["residents"]
    assert after["audit"] == before["audit"] + 1
    types = [e.type for e in store.events()][-2:]
    assert types == [EventType.RESIDENT_UPDATED.value, EventType.IMPORT_COMPLETED.value]


def test_small_import_into_a_big_register_finds_residents_one_by_one(store: Store) -> None:
    """Few rows against many residents take the per-NIK lookup path: same answers."""
    people = [person(f"Warga {n}", serial=n) for n in range(1, 41)]
    register(store, people, name="all")
    moved = {**people[5], "alamat": "Jl. Baru No. 1"}
    result = register(store, [moved, people[6]], name="two")
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert resident_by_nik(store.conn, moved["nik"]).alamat == "Jl. Baru No. 1"
    stranger = person("Orang Lain", serial=99, region="35.15.03")
    result = cards(store, [card(people[0]), card(stranger), card(people[1])])
    assert (result.added, result.misrouted) == (3, 1)
    assert card_row(store, people[0]["nik"])["status"] == CardStatus.READY.value


# -- card manifests --------------------------------------------------------------------


@pytest.fixture
def town(store: Store) -> dict[str, dict[str, Any]]:
    """A handful of registered residents over both kecamatan."""
    people = {
        "budi": person("Budi Santoso", serial=1),
        "siti": person("Siti  Aminah", serial=2, sex=Sex.FEMALE),
        "hajah": person("Hj. Sri Wahyuni", serial=3, sex=Sex.FEMALE, kelurahan="35.76.01.1002"),
    }
    register(store, list(people.values()))
    return people


def test_misrouted_cards_are_stored_without_a_place(store: Store, town: dict) -> None:
    stranger = person("Orang Lain", serial=50, region="35.15.03")
    outside = person("Warga Sidoarjo", serial=51, region="35.16.05")
    rows = [card(town["budi"]), card(stranger), card(outside, kode_kelurahan="35.16.05.2003")]
    result = cards(store, rows)
    assert (result.added, result.misrouted) == (3, 2)
    assert "2 salah alamat" in result.summary()
    not_registered = card_row(store, stranger["nik"])
    assert (not_registered["status"], not_registered["reason"]) == (
        CardStatus.MISROUTED.value,
        "NIK tidak ada di register",
    )
    elsewhere = card_row(store, outside["nik"])
    assert elsewhere["reason"] == "domisili di luar Kota Mojokerto"
    for row in (not_registered, elsewhere):
        assert (row["site"], row["box"], row["slot"]) == (None, None, None)
    assert card_row(store, town["budi"]["nik"])["status"] == CardStatus.READY.value


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("35.76.02.1099", "tidak ada di Kota Mojokerto tahun 2012"),
     ("35.76.03.1001", "tidak ada di Kota Mojokerto tahun 2012"),
     ("3576020", "bukan kode kelurahan Kemendagri"), ("", "bukan kode kelurahan")],
)  # fmt: skip
def test_bad_card_kelurahan_codes_rejected(
    store: Store, town: dict, code: str, fragment: str
) -> None:
    before = counts(store)
    rows = [card(town["budi"]), card(town["siti"], kode_kelurahan=code)]
    error = rejected(cards, store, rows)
    assert where(error.problems) == [(3, "kode_kelurahan")]
    assert fragment in error.problems[0].message
    assert counts(store) == before


def test_name_mismatch_rejected_naming_both_names(store: Store, town: dict) -> None:
    before = counts(store)
    rows = [card(town["siti"]), card(town["budi"], nama="BUDI SANTOSA")]
    error = rejected(cards, store, rows)
    assert where(error.problems) == [(3, "nama")]
    message = error.problems[0].message
    assert "'BUDI SANTOSA'" in message and "'Budi Santoso'" in message
    assert counts(store) == before
    # once fixed, the same batch id is still free
    assert cards(store, [card(town["siti"]), card(town["budi"])]).added == 2


@pytest.mark.parametrize(
    ("nik_of", "printed"),
    [("budi", "budi santoso"), ("budi", "  BUDI   SANTOSO "), ("siti", "SITI ÁMINAH"),
     ("siti", "Sîti Amínah"), ("hajah", "HJ SRI WAHYUNI"), ("hajah", "hj. sri wahyuni")],
)  # fmt: skip
def test_case_diacritics_spacing_and_dots_are_not_a_mismatch(
    store: Store, town: dict, nik_of: str, printed: str
) -> None:
    result = cards(store, [card(town[nik_of], nama=printed)])
    assert (result.added, result.misrouted) == (1, 0)
    assert card_row(store, town[nik_of]["nik"])["nama"] == " ".join(printed.split())


def test_duplicate_nik_in_manifest_rejected(store: Store, town: dict) -> None:
    rows = [card(town["budi"]), card(town["siti"]), card(town["budi"])]
    error = rejected(cards, store, rows)
    assert where(error.problems) == [(4, "nik")]
    assert "sudah muncul di baris 2" in error.problems[0].message


def test_card_row_problems_are_listed(store: Store, town: dict) -> None:
    rows = [card(town["budi"], nik="3.57602E+15"), card(town["siti"], nama="",
            tanggal_cetak="31/08/12")]  # fmt: skip
    error = rejected(cards, store, rows)
    assert where(error.problems) == [(2, "nik"), (3, "nama"), (3, "tanggal_cetak")]


def test_missing_card_column_named(store: Store, town: dict) -> None:
    rows = [{k: v for k, v in card(town["budi"]).items() if k != "tanggal_cetak"}]
    table = table_from_records("m", ("nik", "nama", "kode_kelurahan"), rows)
    error = rejected(import_cards, store, table, batch_id="B1", actor=ACTOR)
    assert "kolom tanggal_cetak tidak ada" in error.problems[0].message


def test_second_card_needs_reprint_and_supersedes_the_old_one(store: Store, town: dict) -> None:
    budi = town["budi"]
    cards(store, [card(budi), card(town["siti"])], "B1")
    before = counts(store)
    error = rejected(cards, store, [card(budi, tanggal_cetak="2012-09-20")], "B2")
    assert where(error.problems) == [(2, "nik")]
    assert "--reprint" in error.problems[0].message
    assert f"B1-{budi['nik']}" in error.problems[0].message
    assert counts(store) == before

    result = cards(store, [card(budi, tanggal_cetak="2012-09-20")], "B2", reprint=True)
    assert (result.added, result.superseded) == (1, 1)
    assert "1 kartu lama diganti cetak ulang" in result.summary()
    old, new = card_row(store, budi["nik"], "B1"), card_row(store, budi["nik"], "B2")
    assert old["status"] == CardStatus.SUPERSEDED.value
    assert old["superseded_by"] == f"B2-{budi['nik']}"
    assert new["status"] == CardStatus.READY.value and new["box"] is not None
    assert card_row(store, town["siti"]["nik"], "B1")["status"] == CardStatus.READY.value
    newest = cards_for_nik(store.conn, budi["nik"])[0]
    assert newest.card_id == f"B2-{budi['nik']}"


def test_held_card_message_names_the_status_in_indonesian(store: Store, town: dict) -> None:
    """The message shows the LABELS text, not the raw status value 'ready'."""
    cards(store, [card(town["budi"])], "B1")
    error = rejected(cards, store, [card(town["budi"], tanggal_cetak="2012-09-20")], "B2")
    assert "status siap diserahkan" in error.problems[0].message


def test_reprint_flag_without_an_old_card_supersedes_nothing(store: Store, town: dict) -> None:
    result = cards(store, [card(town["budi"])], reprint=True)
    assert (result.added, result.superseded) == (1, 0)
    assert card_row(store, town["budi"]["nik"])["superseded_by"] is None


def test_same_file_twice_and_same_batch_id_from_another_file(
    store: Store, town: dict, tmp_path: Path
) -> None:
    header = list(CARD_COLUMNS)
    first = write_csv(tmp_path / "kartu-1.csv", header,
                      [list(card(town["budi"]).values())])  # fmt: skip
    other = write_csv(tmp_path / "kartu-2.csv", header,
                      [list(card(town["siti"]).values())])  # fmt: skip
    import_cards(store, read_table(first), batch_id="B20120910", actor=ACTOR)
    before = counts(store)
    again = import_cards(store, read_table(first), batch_id="B20120910", actor=ACTOR)
    assert again.already_imported and "sudah diimpor" in again.summary()
    assert counts(store) == before
    with pytest.raises(StoreError, match="batch B20120910 sudah diimpor dari file lain"):
        import_cards(store, read_table(other), batch_id="B20120910", actor=ACTOR)
    assert counts(store) == before
    assert import_cards(store, read_table(other), batch_id="B20120911", actor=ACTOR).added == 1


@pytest.mark.parametrize(
    "batch", ["", "B 1", "-B1", ".B1", "B1/2", "B" * 41, "B1;DROP", "kiriman\u00e9"]
)
def test_invalid_batch_id_refused(store: Store, town: dict, batch: str) -> None:
    with pytest.raises(StoreError, match="tidak sah") as info:
        cards(store, [card(town["budi"])], batch)
    assert not isinstance(info.value, ImportRejected)
    assert counts(store)["cards"] == 0


@pytest.mark.parametrize("batch", ["B1", "B20120910", "B20120827-CU", "kiriman_3.a", "B" * 40])
def test_valid_batch_ids(store: Store, town: dict, batch: str) -> None:
    cards(store, [card(town["budi"])], batch)
    assert card_row(store, town["budi"]["nik"], batch)["batch_id"] == batch


def test_batch_id_with_trailing_newline_refused(store: Store, town: dict) -> None:
    """A regex ending in '$' also matches before a final newline: fullmatch is needed."""
    with pytest.raises(StoreError, match="tidak sah"):
        cards(store, [card(town["budi"])], "B1\n")


def test_card_kelurahan_differing_from_register_warns_and_follows_register(
    store: Store, town: dict
) -> None:
    result = cards(store, [card(town["budi"], kode_kelurahan="35.76.01.1005")])
    assert where(result.warnings) == [(2, "kode_kelurahan")]
    assert "kartu disimpan menurut register" in result.warnings[0].message
    stored = card_row(store, town["budi"]["nik"])
    assert (stored["site"], stored["status"]) == ("MGS", CardStatus.READY.value)


# -- boxes and slots -------------------------------------------------------------------


def places(store: Store, batch: str = "B1") -> dict[str, tuple[str | None, int, int]]:
    rows = store.conn.execute(
        "SELECT c.nik, c.site, c.box, c.slot FROM cards c WHERE batch_id = ?", (batch,)
    )
    return {nik: (site, box, slot) for nik, site, box, slot in rows}


def test_cards_sorted_by_kelurahan_rw_rt_name_with_a_box_per_kelurahan(store: Store) -> None:
    kel = "35.76.02.1003"
    d = person("Yusuf", serial=1, kelurahan=kel, rw="2", rt="1")
    e = person("Ádi", serial=2, kelurahan=kel, rw="2", rt="5")
    c = person("ani", serial=3, kelurahan=kel, rw="2", rt="5")
    a = person("Zainal", serial=4, kelurahan=kel, rw="2", rt="5")
    b = person("Ahmad", serial=5, kelurahan=kel, rw="10", rt="1")  # RW 10 after RW 2
    f = person("Wati", serial=6, kelurahan="35.76.02.1001", rw="9", rt="9")  # earlier kelurahan
    g = person("Joko", serial=7, kelurahan="35.76.01.1002")
    register(store, [a, b, c, d, e, f, g])
    manifest = [card(x) for x in (a, b, c, d, e, f, g)]
    random.Random(3).shuffle(manifest)
    result = cards(store, manifest)
    assert result.boxes == {"MGS": (1, 2), "DSP": (1, 1)}
    assert "DSP: kotak 1-1. MGS: kotak 1-2." in result.summary()
    got = places(store)
    assert got[f["nik"]] == ("MGS", 1, 1)
    assert [got[x["nik"]] for x in (d, e, c, a, b)] == [("MGS", 2, slot) for slot in range(1, 6)]
    assert got[g["nik"]] == ("DSP", 1, 1)


def test_full_box_spills_into_the_next(store: Store) -> None:
    kel = "35.76.02.1009"
    people = [
        person(f"Warga {i:03d}", serial=i, kelurahan=kel, rw=str(i % 7 + 1), rt=str(i % 5 + 1))
        for i in range(1, 451)
    ]
    register(store, people)
    result = cards(store, [card(p) for p in people])
    assert result.boxes == {"MGS": (1, 3)}
    rows = store.conn.execute(
        "SELECT c.box, c.slot, r.rw, r.rt, r.nama FROM cards c JOIN residents r USING (nik)"
        " ORDER BY c.box, c.slot"
    ).fetchall()
    per_box = {box: [slot for b, slot, *_ in rows if b == box] for box in (1, 2, 3)}
    assert per_box == {1: list(range(1, BOX_SIZE + 1)), 2: list(range(1, BOX_SIZE + 1)),
                       3: list(range(1, 51))}  # fmt: skip
    keys = [(rw, rt, nama.casefold()) for _, _, rw, rt, nama in rows]
    assert keys == sorted(keys)  # the shelf order runs on across the box boundaries


def test_second_batch_continues_box_numbers_per_site(store: Store) -> None:
    mgs = [person(f"M{i}", serial=i, kelurahan="35.76.02.1002") for i in range(1, 4)]
    mgs2 = [person("Meri Kedua", serial=20, kelurahan="35.76.02.1002"),
            person("Wates", serial=21, kelurahan="35.76.02.1010")]  # fmt: skip
    dsp = [person("Kauman", serial=30, kelurahan="35.76.01.1004")]
    dsp2 = [person("Blooto", serial=31, kelurahan="35.76.01.1008")]
    register(store, mgs + mgs2 + dsp + dsp2)
    first = cards(store, [card(p) for p in mgs + dsp], "B1")
    assert first.boxes == {"MGS": (1, 1), "DSP": (1, 1)}
    second = cards(store, [card(p) for p in mgs2 + dsp2], "B2")
    assert second.boxes == {"MGS": (2, 3), "DSP": (2, 2)}
    got = places(store, "B2")
    assert got[mgs2[0]["nik"]] == ("MGS", 2, 1)  # same kelurahan, still a new box
    assert got[mgs2[1]["nik"]] == ("MGS", 3, 1)
    assert got[dsp2[0]["nik"]] == ("DSP", 2, 1)


def test_site_follows_domicile_not_nik_prefix(store: Store) -> None:
    magersari_nik_lives_in_prajurit_kulon = person(
        "Pindah Dalam Kota", serial=1, kelurahan="35.76.01.1002", region="35.76.02"
    )
    sidoarjo_nik_lives_in_magersari = person(
        "Pindah Datang", serial=2, kelurahan="35.76.02.1003", region="35.16.05"
    )
    prajurit_kulon_nik_lives_in_magersari = person(
        "Pindah Lagi", serial=3, kelurahan="35.76.02.1010", region="35.76.01"
    )
    people = [
        magersari_nik_lives_in_prajurit_kulon,
        sidoarjo_nik_lives_in_magersari,
        prajurit_kulon_nik_lives_in_magersari,
    ]
    assert people[0]["nik"].startswith("357602") and people[1]["nik"].startswith("351605")
    register(store, people)
    result = cards(store, [card(p) for p in people])
    assert result.misrouted == 0
    got = places(store)
    assert [got[p["nik"]][0] for p in people] == ["DSP", "MGS", "MGS"]


def test_misrouted_and_rejected_cards_leave_box_numbers_alone(store: Store, town: dict) -> None:
    stranger = person("Orang Lain", serial=60, region="35.15.03")
    result = cards(store, [card(stranger)], "B1")
    assert result.boxes == {}
    result = cards(store, [card(town["budi"])], "B2")
    assert result.boxes == {"MGS": (1, 1)}


def test_card_import_is_recorded_in_journal_and_audit(store: Store, town: dict) -> None:
    before = counts(store)
    result = cards(store, [card(town["budi"]), card(town["siti"])], "B7")
    after = counts(store)
    assert after["journal"] == before["journal"] + 3  # import record + two cards
    assert after["audit"] == before["audit"] + 1
    assert after["card_batches"] == before["card_batches"] + 1
    assert result.summary().startswith("manifest-B7: 2 baris diimpor: 2 kartu baru.")
    before_rebuild, after_rebuild = store.rebuild()
    assert before_rebuild == after_rebuild
