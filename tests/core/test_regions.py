"""Tests for desktop.core.regions: the 2012 Kemendagri reference and site routing."""

from __future__ import annotations

import json

import pytest

from desktop.core.regions import (
    CITY_CODE,
    Kelurahan,
    RegionReference,
    load_regions,
    normalize_kelurahan_code,
    regions,
)

PRAJURIT_KULON = {
    "1001": "Kranggan",
    "1002": "Miji",
    "1003": "Mentikan",
    "1004": "Kauman",
    "1005": "Pulorejo",
    "1006": "Prajurit Kulon",
    "1007": "Surodinawan",
    "1008": "Blooto",
}
MAGERSARI = {
    "1001": "Gunung Gedangan",
    "1002": "Meri",
    "1003": "Magersari",
    "1004": "Gedongan",
    "1005": "Purwotengah",
    "1006": "Sentanan",
    "1007": "Jagalan",
    "1008": "Balongsari",
    "1009": "Kedundung",
    "1010": "Wates",
}


@pytest.fixture(scope="module")
def ref() -> RegionReference:
    return regions()


def kelurahan_of(ref: RegionReference, kecamatan_code: str) -> dict[str, Kelurahan]:
    return {k.code: k for k in ref.kelurahan.values() if k.kecamatan.code == kecamatan_code}


def test_eighteen_kelurahan_in_two_kecamatan(ref):
    assert len(ref.kelurahan) == 18
    assert set(ref.kecamatan) == {"35.76.01", "35.76.02"}


def test_prajurit_kulon_has_eight_kelurahan_served_by_dsp(ref):
    kecamatan = ref.kecamatan["35.76.01"]
    assert kecamatan.name == "Prajurit Kulon"
    assert kecamatan.site == "DSP"
    found = kelurahan_of(ref, "35.76.01")
    assert len(found) == 8
    assert {code: k.name for code, k in found.items()} == {
        f"35.76.01.{code}": name for code, name in PRAJURIT_KULON.items()
    }
    assert {k.site for k in found.values()} == {"DSP"}


def test_magersari_has_ten_kelurahan_served_by_mgs(ref):
    kecamatan = ref.kecamatan["35.76.02"]
    assert kecamatan.name == "Magersari"
    assert kecamatan.site == "MGS"
    found = kelurahan_of(ref, "35.76.02")
    assert len(found) == 10
    assert {code: k.name for code, k in found.items()} == {
        f"35.76.02.{code}": name for code, name in MAGERSARI.items()
    }
    assert {k.site for k in found.values()} == {"MGS"}


def test_kranggan_still_belongs_to_prajurit_kulon_in_2012(ref):
    kranggan = ref.find_kelurahan("35.76.01.1001")
    assert kranggan is not None
    assert kranggan.name == "Kranggan"
    assert kranggan.kecamatan.name == "Prajurit Kulon"
    assert kranggan.site == "DSP"


def test_sites(ref):
    assert set(ref.sites) == {"MGS", "DSP"}
    assert ref.sites["MGS"].code == "MGS"
    assert ref.sites["MGS"].kecamatan_codes == ("35.76.02",)
    assert ref.sites["DSP"].code == "DSP"
    assert ref.sites["DSP"].kecamatan_codes == ("35.76.01",)
    for site in ref.sites.values():
        assert site.name and site.short and site.address


@pytest.mark.parametrize("code", ["35.76.02.1003", "3576021003", " 35.76.02.1003 "])
def test_find_kelurahan_dotted_or_undotted(ref, code):
    kelurahan = ref.find_kelurahan(code)
    assert kelurahan is not None
    assert kelurahan.code == "35.76.02.1003"
    assert kelurahan.name == "Magersari"
    assert kelurahan.kecamatan.code == "35.76.02"
    assert kelurahan.kecamatan.name == "Magersari"
    assert kelurahan.site == "MGS"


def test_site_for_kelurahan(ref):
    assert ref.site_for_kelurahan("3576021003").code == "MGS"
    assert ref.site_for_kelurahan("35.76.01.1008").code == "DSP"
    assert ref.site_for_kelurahan("35.76.03.1001") is None
    assert ref.site_for_kelurahan("3576020") is None


@pytest.mark.parametrize(
    "code",
    [
        "3576020",  # BPS code of kecamatan Magersari
        "3576010",  # BPS code of kecamatan Prajurit Kulon
        "3576020003",  # BPS-style kelurahan code
        "35.76.02",  # a kecamatan, not a kelurahan
        "35.76.02.1011",  # no such kelurahan
        "35.76.03.1001",  # no such kecamatan in 2012
        "35.16.01.2001",  # outside the city
        "",
        "abc",
        "35.76.02.10033",
    ],
)
def test_find_kelurahan_not_found(ref, code):
    assert ref.find_kelurahan(code) is None


@pytest.mark.parametrize(
    "code", ["35.76.01.1001", "3576021010", "35.76.99.1234", "3576039999", "35.76.02.1003"]
)
def test_in_city_true_for_city_codes_known_or_not(ref, code):
    assert ref.in_city(code)


@pytest.mark.parametrize(
    "code", ["35.16.01.2001", "3516012001", "3576020", "35.77.01.1001", "36.76.01.1001", "", "x"]
)
def test_in_city_false(ref, code):
    assert not ref.in_city(code)


def test_every_known_kelurahan_is_in_city_and_under_its_kecamatan(ref):
    for code, kelurahan in ref.kelurahan.items():
        assert kelurahan.code == code
        assert code.startswith(kelurahan.kecamatan.code + ".")
        assert code.startswith(CITY_CODE + ".")
        assert ref.in_city(code)
        assert ref.find_kelurahan(code.replace(".", "")) is kelurahan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35.76.02.1003", "35.76.02.1003"),
        ("3576021003", "35.76.02.1003"),
        ("  3576021003\n", "35.76.02.1003"),
        ("3576020", None),
        ("35-76-02-1003", None),
        ("35.76.02.103", None),
        ("", None),
    ],
)
def test_normalize_kelurahan_code(text, expected):
    assert normalize_kelurahan_code(text) == expected


def test_regions_is_read_once():
    assert regions() is regions()


def test_load_regions_from_a_custom_file(tmp_path):
    data = {
        "sites": {
            "AAA": {
                "name": "Kantor A",
                "short": "A",
                "address": "Jalan A 1",
                "kecamatan": ["35.76.01", "35.76.03"],
            },
            "BBB": {
                "name": "Kantor B",
                "short": "B",
                "address": "Jalan B 2",
                "kecamatan": ["35.76.02"],
            },
        },
        "kecamatan": [
            {"code": "35.76.01", "name": "Satu", "kelurahan": [{"code": "1001", "name": "Ésa"}]},
            {
                "code": "35.76.02",
                "name": "Dua",
                "kelurahan": [{"code": "1001", "name": "Dwi"}, {"code": "1002", "name": "Loro"}],
            },
            {"code": "35.76.03", "name": "Tiga", "kelurahan": []},
        ],
    }
    path = tmp_path / "regions.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    ref = load_regions(path)

    assert set(ref.sites) == {"AAA", "BBB"}
    assert ref.sites["AAA"].kecamatan_codes == ("35.76.01", "35.76.03")
    assert ref.sites["BBB"].address == "Jalan B 2"
    assert {code: k.site for code, k in ref.kecamatan.items()} == {
        "35.76.01": "AAA",
        "35.76.02": "BBB",
        "35.76.03": "AAA",
    }
    assert set(ref.kelurahan) == {"35.76.01.1001", "35.76.02.1001", "35.76.02.1002"}
    assert ref.find_kelurahan("3576011001").name == "Ésa"
    assert ref.find_kelurahan("35.76.02.1002").name == "Loro"
    assert ref.find_kelurahan("35.76.02.1002").site == "BBB"
    assert ref.site_for_kelurahan("35.76.01.1001").name == "Kantor A"
    # The shipped reference is untouched.
    assert len(regions().kelurahan) == 18
