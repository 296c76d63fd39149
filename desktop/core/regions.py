"""The 2012 Kemendagri region reference for Kota Mojokerto and which site serves whom.

Codes are Kemendagri codes (`35.76.02.1003`), never BPS codes (`3576020`). Data lives in
`resources/regions.json` so the Dinas can correct an address without a code change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.core.resources import resource_path

CITY_CODE = "35.76"


@dataclass(frozen=True)
class Site:
    code: str  # MGS or DSP
    name: str
    short: str
    address: str
    kecamatan_codes: tuple[str, ...]


@dataclass(frozen=True)
class Kecamatan:
    code: str  # 35.76.02
    name: str
    site: str


@dataclass(frozen=True)
class Kelurahan:
    code: str  # 35.76.02.1003
    name: str
    kecamatan: Kecamatan

    @property
    def site(self) -> str:
        return self.kecamatan.site


_KELURAHAN_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")


def normalize_kelurahan_code(text: str) -> str | None:
    """Return `PP.KK.CC.DDDD` for a dotted or 10-digit kelurahan code, or None if malformed."""
    match = _KELURAHAN_CODE.match(text.strip())
    if not match:
        return None
    return ".".join(match.groups())


@dataclass(frozen=True)
class RegionReference:
    sites: dict[str, Site]
    kecamatan: dict[str, Kecamatan]
    kelurahan: dict[str, Kelurahan]

    def find_kelurahan(self, code: str) -> Kelurahan | None:
        """Look a kelurahan up by a dotted or undotted Kemendagri code."""
        normalized = normalize_kelurahan_code(code)
        return self.kelurahan.get(normalized) if normalized else None

    def site_for_kelurahan(self, code: str) -> Site | None:
        kelurahan = self.find_kelurahan(code)
        return self.sites[kelurahan.site] if kelurahan else None

    def in_city(self, code: str) -> bool:
        """True when a kelurahan code lies in Kota Mojokerto, known or not."""
        normalized = normalize_kelurahan_code(code)
        return bool(normalized and normalized.startswith(CITY_CODE + "."))


def load_regions(path: Path | None = None) -> RegionReference:
    """Read a region reference file (default: the shipped `resources/regions.json`)."""
    data = json.loads((path or resource_path("regions.json")).read_text(encoding="utf-8"))
    site_of_kecamatan = {
        code: site_code for site_code, site in data["sites"].items() for code in site["kecamatan"]
    }
    sites = {
        code: Site(code, s["name"], s["short"], s["address"], tuple(s["kecamatan"]))
        for code, s in data["sites"].items()
    }
    kecamatan: dict[str, Kecamatan] = {}
    kelurahan: dict[str, Kelurahan] = {}
    for kec in data["kecamatan"]:
        k = Kecamatan(kec["code"], kec["name"], site_of_kecamatan[kec["code"]])
        kecamatan[k.code] = k
        for kel in kec["kelurahan"]:
            code = f"{k.code}.{kel['code']}"
            kelurahan[code] = Kelurahan(code, kel["name"], k)
    return RegionReference(sites, kecamatan, kelurahan)


@cache
def regions() -> RegionReference:
    """The shipped reference, read once."""
    return load_regions()
