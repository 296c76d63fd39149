"""Finding a resident: by NIK (an indexed equality) or by name (FTS5, folded, ranked).

User text never reaches FTS5 syntax: it is cut into word tokens and each is quoted.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from desktop.core.regions import regions

_TOKEN = re.compile(r"\w+", re.UNICODE)
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Resident:
    nik: str
    nama: str
    jenis_kelamin: str
    tempat_lahir: str
    tanggal_lahir: str
    alamat: str
    rt: str
    rw: str
    kode_kelurahan: str
    tanggal_rekam: str
    nik_warning: str | None

    @property
    def kelurahan(self) -> str:
        found = regions().find_kelurahan(self.kode_kelurahan)
        return found.name if found else self.kode_kelurahan

    @property
    def kecamatan(self) -> str:
        found = regions().find_kelurahan(self.kode_kelurahan)
        return found.kecamatan.name if found else ""


@dataclass(frozen=True)
class Card:
    card_id: str
    nik: str
    nama: str
    batch_id: str
    tanggal_cetak: str
    status: str
    site: str | None
    box: int | None
    slot: int | None
    reason: str | None
    superseded_by: str | None


_RESIDENT_COLUMNS = (
    "nik, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, rt, rw,"
    " kode_kelurahan, tanggal_rekam, nik_warning"
)
_CARD_COLUMNS = (
    "card_id, nik, nama, batch_id, tanggal_cetak, status, site, box, slot, reason, superseded_by"
)


def resident_by_nik(conn: sqlite3.Connection, nik: str) -> Resident | None:
    row = conn.execute(
        f"SELECT {_RESIDENT_COLUMNS} FROM residents WHERE nik = ?", (nik,)
    ).fetchone()
    return Resident(*row) if row else None


def cards_for_nik(conn: sqlite3.Connection, nik: str) -> list[Card]:
    """Every card printed for a NIK, newest batch first."""
    rows = conn.execute(
        f"SELECT {_CARD_COLUMNS} FROM cards WHERE nik = ? ORDER BY tanggal_cetak DESC, card_id",
        (nik,),
    ).fetchall()
    return [Card(*r) for r in rows]


def fts_query(text: str) -> str | None:
    """Turn free text into a safe FTS5 query: every word a quoted prefix, all required."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def search_names(
    conn: sqlite3.Connection,
    text: str,
    *,
    kelurahan: str | None = None,
    birth_date: date | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[Resident]:
    """Residents whose name contains every word typed (as word prefixes), best match first."""
    query = fts_query(text)
    if query is None:
        return []
    where = ["residents_fts MATCH ?"]
    params: list[object] = [query]
    if kelurahan:
        where.append("r.kode_kelurahan = ?")
        params.append(kelurahan)
    if birth_date:
        where.append("r.tanggal_lahir = ?")
        params.append(birth_date.isoformat())
    params.append(limit)
    columns = ", ".join(f"r.{c.strip()}" for c in _RESIDENT_COLUMNS.split(","))
    rows = conn.execute(
        f"SELECT {columns} FROM residents_fts JOIN residents r ON r.id = residents_fts.rowid"
        f" WHERE {' AND '.join(where)} ORDER BY rank, r.nama, r.nik LIMIT ?",
        params,
    ).fetchall()
    return [Resident(*r) for r in rows]
