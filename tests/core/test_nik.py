"""Tests for desktop.core.nik: parsing, every rejection reason, centuries, warnings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.nik import (
    NIK_LENGTH,
    Nik,
    NikError,
    NikProblem,
    Sex,
    birth_date_warning,
    clean_nik_text,
    is_nik,
    make_nik,
    parse_nik,
)

TODAY = date(2012, 9, 1)
DIGITS = "0123456789"


def problem_of(text: str, today: date = TODAY) -> NikProblem:
    with pytest.raises(NikError) as info:
        parse_nik(text, today=today)
    return info.value.problem


# --- what a valid NIK exposes -------------------------------------------------------------


def test_parse_exposes_region_birth_date_sex_serial_and_last_four():
    nik = parse_nik("3576021005850123", today=TODAY)
    assert isinstance(nik, Nik)
    assert nik.value == "3576021005850123"
    assert str(nik) == "3576021005850123"
    assert (nik.province, nik.regency, nik.district) == ("35", "76", "02")
    assert nik.region_code == "35.76.02"
    assert nik.birth_date == date(1985, 5, 10)
    assert nik.sex is Sex.MALE
    assert nik.serial == 123
    assert nik.last_four == "0123"


def test_female_day_has_forty_added():
    nik = parse_nik("3576015005850007", today=TODAY)
    assert nik.sex is Sex.FEMALE
    assert nik.birth_date == date(1985, 5, 10)
    assert nik.region_code == "35.76.01"
    assert nik.serial == 7


@pytest.mark.parametrize(
    ("day_code", "sex", "day"),
    [("01", Sex.MALE, 1), ("31", Sex.MALE, 31), ("41", Sex.FEMALE, 1), ("71", Sex.FEMALE, 31)],
)
def test_day_code_boundaries(day_code, sex, day):
    nik = parse_nik(f"357602{day_code}01900001", today=TODAY)
    assert nik.sex is sex
    assert nik.birth_date == date(1990, 1, day)


def test_nik_from_another_region_is_accepted():
    # The prefix is the place of first registration, not of residence.
    nik = parse_nik("3516011203900001", today=TODAY)
    assert nik.region_code == "35.16.01"


@pytest.mark.parametrize(
    "text",
    [
        "3576.0210.0585.0123",
        "3576-0210-0585-0123",
        "3576 0210 0585 0123",
        "  3576021005850123\n",
        "\t3576021005850123 ",
    ],
)
def test_separators_and_surrounding_whitespace_are_cleaned(text):
    nik = parse_nik(text, today=TODAY)
    assert nik.value == "3576021005850123"


def test_clean_nik_text_keeps_scientific_text_intact():
    assert clean_nik_text("3576.0210") == "35760210"
    assert clean_nik_text(" 3.57601E+15 ") == "3.57601E+15"


def test_is_nik():
    assert is_nik("3576021005850123")
    assert not is_nik("3576021005850000")
    assert not is_nik("")
    assert not is_nik("3.57601E+15")


# --- every rejection reason ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty(text):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem is NikProblem.EMPTY
    assert info.value.text == text
    assert "kosong" in str(info.value)


@pytest.mark.parametrize(
    "text", ["3.57601E+15", "3,57601E+15", "3.57601e+15", " 3.57601E15 ", "3E+15", "3.5E-3"]
)
def test_scientific_notation_from_a_spreadsheet(text):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    error = info.value
    assert error.problem is NikProblem.SCIENTIFIC
    message = str(error)
    assert text.strip() in message
    # It says what happened: the spreadsheet made the NIK a number and lost digits ...
    assert "lembar kerja" in message
    assert "menjadi angka" in message
    assert "hilang" in message
    # ... and how to fix it: format the column as text and re-enter from the source.
    assert "sebagai Teks" in message
    assert "isi ulang" in message


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("35760210O5850123", "O"),
        ("3576021005850l23", "l"),
        ("357602100585012x", "x"),
        ("3576021005850+23", "+"),
        ("٣٥٧٦٠٢١٠٠٥٨٥٠١٢٣", "".join(sorted(set("٣٥٧٦٠٢١٠٠٥٨٥٠١٢٣")))),  # Arabic-Indic
        (
            "３５７６０２１００５８５０１２３",
            "".join(sorted(set("３５７６０２１００５８５０１２３"))),
        ),
    ],
)
def test_non_digits(text, bad):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem is NikProblem.NON_DIGITS
    assert info.value.detail == bad
    assert "hanya boleh berisi angka" in str(info.value)


@pytest.mark.parametrize("text", ["1", "357602100585012", "35760210058501234", "3" * 30])
def test_length(text):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem is NikProblem.LENGTH
    assert info.value.detail == str(len(text))
    assert f"ini {len(text)} digit" in str(info.value)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("0076021005850123", "00.76.02"),
        ("3500021005850123", "35.00.02"),
        ("3576001005850123", "35.76.00"),
    ],
)
def test_region_with_00(text, detail):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem is NikProblem.REGION
    assert info.value.detail == detail
    assert detail in str(info.value)


@pytest.mark.parametrize(("month", "nik"), [("00", "3576021000850123"), ("13", "3576021013850123")])
def test_month(month, nik):
    with pytest.raises(NikError) as info:
        parse_nik(nik, today=TODAY)
    assert info.value.problem is NikProblem.MONTH
    assert info.value.detail == month
    assert "bulan" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "3576020005850123",  # day 00
        "3576023205850123",  # day 32
        "3576023104850123",  # 31 April
        "3576023002850123",  # 30 February
        "3576027002850123",  # 30 February, female
        "3576027205850123",  # female day 72 = 32
        "3576024005850123",  # 40: neither a male nor a female day
        "3576022902850123",  # 29 February 1985, not a leap year
    ],
)
def test_day(text):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem is NikProblem.DAY
    assert text[6:8] in info.value.detail
    assert "tanggal lahir" in str(info.value)


def test_last_day_of_the_month_is_accepted():
    assert parse_nik("3576023004850123", today=TODAY).birth_date == date(1985, 4, 30)
    nik = parse_nik("3576027101850123", today=TODAY)
    assert (nik.birth_date, nik.sex) == (date(1985, 1, 31), Sex.FEMALE)


def test_29_february_depends_on_the_resolved_century():
    # yy=00 is 2000 (a leap year) seen from 2012, but 1900 (not a leap year) seen from 1999.
    assert parse_nik("3576022902000001", today=date(2012, 9, 1)).birth_date == date(2000, 2, 29)
    assert problem_of("3576022902000001", today=date(1999, 12, 31)) is NikProblem.DAY


def test_a_date_after_today_falls_back_a_century():
    # 01-12-12 seen from 2012-09-01 cannot be a birth three months ahead: it is 1912.
    assert parse_nik("3576020112120001", today=date(2012, 9, 1)).birth_date == date(1912, 12, 1)
    assert parse_nik("3576020108120001", today=date(2012, 9, 1)).birth_date == date(2012, 8, 1)


def test_serial_0000():
    with pytest.raises(NikError) as info:
        parse_nik("3576021005850000", today=TODAY)
    assert info.value.problem is NikProblem.SERIAL
    assert "0000" in str(info.value)


def test_problem_codes_are_stable():
    assert {p.value for p in NikProblem} == {
        "empty",
        "scientific",
        "non_digits",
        "length",
        "month",
        "day",
        "serial",
        "region",
    }


def test_nik_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_nik("x", today=TODAY)


# --- two-digit years ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yy", "today", "year"),
    [
        ("05", date(2012, 9, 1), 2005),
        ("15", date(2012, 9, 1), 1915),
        ("00", date(2012, 9, 1), 2000),
        ("99", date(2012, 9, 1), 1999),
        ("12", date(2012, 9, 1), 2012),
        ("13", date(2012, 9, 1), 1913),
        ("15", date(2016, 1, 1), 2015),
        ("05", date(2004, 12, 31), 1905),
    ],
)
def test_century_follows_today(yy, today, year):
    nik = parse_nik(f"3576020101{yy}0001", today=today)
    assert nik.birth_date == date(year, 1, 1)


def test_default_today_is_the_real_today():
    yy = date.today().year % 100
    nik = parse_nik(f"3576020101{yy:02d}0001")
    assert nik.birth_date.year == date.today().year


# --- birth date warning -------------------------------------------------------------------


def test_birth_date_warning_none_when_dates_agree():
    nik = parse_nik("3576025005850001", today=TODAY)
    assert birth_date_warning(nik, date(1985, 5, 10)) is None


def test_birth_date_warning_ignores_the_century():
    nik = parse_nik("3576021005050001", today=TODAY)  # read as 2005
    assert birth_date_warning(nik, date(1905, 5, 10)) is None


@pytest.mark.parametrize(
    "recorded", [date(1985, 5, 11), date(1985, 6, 10), date(1986, 5, 10), date(1975, 5, 10)]
)
def test_birth_date_warning_when_dates_differ(recorded):
    nik = parse_nik("3576021005850001", today=TODAY)
    warning = birth_date_warning(nik, recorded)
    assert warning is not None
    assert "10-05-85" in warning
    assert f"{recorded:%d-%m-%Y}" in warning
    assert "berbeda" in warning


# --- make_nik -----------------------------------------------------------------------------


def test_make_nik():
    assert make_nik("35.76.02", date(1985, 5, 10), Sex.MALE, 123) == "3576021005850123"
    assert make_nik("35.76.02", date(1985, 5, 10), Sex.FEMALE, 9999) == "3576025005859999"


@pytest.mark.parametrize("serial", [0, -1, 10000])
def test_make_nik_rejects_serial_out_of_range(serial):
    with pytest.raises(ValueError):
        make_nik("35.76.02", date(1985, 5, 10), Sex.MALE, serial)


# --- properties ---------------------------------------------------------------------------

region_part = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")
region_codes = st.tuples(region_part, region_part, region_part).map(".".join)
sexes = st.sampled_from(Sex)
serials = st.integers(min_value=1, max_value=9999)


@given(
    region=region_codes,
    # With today = 2012-09-01, years 1913..2011 resolve without ambiguity.
    birth=st.dates(min_value=date(1913, 1, 1), max_value=date(2011, 12, 31)),
    sex=sexes,
    serial=serials,
)
def test_make_nik_round_trips_through_parse_nik(region, birth, sex, serial):
    text = make_nik(region, birth, sex, serial)
    assert len(text) == NIK_LENGTH
    nik = parse_nik(text, today=TODAY)
    assert nik.value == text
    assert nik.region_code == region
    assert nik.birth_date == birth
    assert nik.sex is sex
    assert nik.serial == serial
    assert nik.last_four == f"{serial:04d}"
    assert birth_date_warning(nik, birth) is None


@st.composite
def today_and_birth(draw):
    today = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)))
    # From 2000 on, anyone born in the 99 years before this one is read back correctly.
    birth = draw(
        st.dates(min_value=date(today.year - 99, 1, 1), max_value=date(today.year - 1, 12, 31))
    )
    return today, birth


@given(pair=today_and_birth(), region=region_codes, sex=sexes, serial=serials)
def test_century_resolution_for_any_today(pair, region, sex, serial):
    today, birth = pair
    nik = parse_nik(make_nik(region, birth, sex, serial), today=today)
    assert nik.birth_date == birth


@given(st.text(alphabet=DIGITS, min_size=1, max_size=40).filter(lambda s: len(s) != NIK_LENGTH))
def test_digit_strings_of_wrong_length_are_rejected_with_length(text):
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem is NikProblem.LENGTH
    assert info.value.detail == str(len(text))


# Characters that are neither ASCII digits nor the separators that parse_nik cleans away.
non_digit_chars = st.characters(codec="utf-8").filter(
    lambda c: c not in DIGITS and c not in ".-" and not c.isspace()
)


@given(
    digits=st.text(alphabet=DIGITS, min_size=NIK_LENGTH, max_size=NIK_LENGTH),
    replacements=st.dictionaries(
        st.integers(min_value=0, max_value=NIK_LENGTH - 1), non_digit_chars, min_size=1
    ),
)
def test_sixteen_chars_with_a_non_digit_are_non_digits_or_scientific(digits, replacements):
    chars = list(digits)
    for index, char in replacements.items():
        chars[index] = char
    text = "".join(chars)
    with pytest.raises(NikError) as info:
        parse_nik(text, today=TODAY)
    assert info.value.problem in (NikProblem.NON_DIGITS, NikProblem.SCIENTIFIC)


@given(
    st.text(min_size=NIK_LENGTH, max_size=NIK_LENGTH).filter(
        lambda s: any(c not in DIGITS for c in s)
    )
)
def test_any_sixteen_chars_with_a_non_digit_are_rejected(text):
    # Separators and whitespace are cleaned first, which leaves fewer than 16 digits.
    with pytest.raises(NikError):
        parse_nik(text, today=TODAY)


@given(st.text())
def test_parse_nik_raises_nothing_but_nik_error(text):
    try:
        nik = parse_nik(text, today=TODAY)
    except NikError as error:
        assert isinstance(error.problem, NikProblem)
        assert str(error)
    else:
        assert len(nik.value) == NIK_LENGTH
        assert nik.value.isascii() and nik.value.isdigit()


@pytest.mark.parametrize(
    ("text", "meant_nik"),
    [
        ("3576024505850001", True),
        ("3576 0245 0585 0001", True),
        ("3.57602e15", True),
        ("3,57602E+15", True),
        ("357602140164003O", True),  # a letter O typed for a zero
        ("35760214016", True),  # too short, but clearly digits
        ("siti aminah", False),
        ("Agus 2", False),
        ("", False),
    ],
)
def test_looks_like_nik(text: str, meant_nik: bool) -> None:
    from desktop.core.nik import looks_like_nik

    assert looks_like_nik(text) is meant_nik
