"""Importing the resident register and card manifests: validate everything, then store
everything in one transaction, or store nothing and list every problem.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.core.cards import LABELS, CardStatus
from desktop.core.events import EventType
from desktop.core.names import fold_name
from desktop.core.nik import Nik, NikError, birth_date_warning, parse_nik
from desktop.core.regions import RegionReference, normalize_kelurahan_code, regions
from desktop.store.schema import CARD_COLUMNS, REGISTER_COLUMNS
from desktop.store.store import Store, StoreError
from desktop.store.tables import Row, SourceTable

BOX_SIZE = 200  # cards per storage box
UNHANDED = (
    CardStatus.RECEIVED,
    CardStatus.READY,
    CardStatus.WITHHELD,
    CardStatus.UNCOLLECTED,
    CardStatus.MISROUTED,
)
_BATCH_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in an input file, located by row and field."""

    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.field:
            where.append(f"kolom {self.field}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(StoreError):
    """The file was refused as a whole; `problems` lists every reason, row by row."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"{source}: ditolak karena {count} masalah; tidak ada data yang disimpan. "
            "Perbaiki baris-baris berikut lalu impor ulang file yang sama."
        )


@dataclass
class ImportResult:
    kind: str  # "register" or "cards"
    source: str
    rows: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    misrouted: int = 0
    superseded: int = 0
    boxes: dict[str, tuple[int, int]] = field(default_factory=dict)  # site -> first, last box
    already_imported: str | None = None  # when the same file came before: its date
    warnings: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.added + self.updated > 0

    def summary(self) -> str:
        if self.already_imported:
            return (
                f"{self.source}: file ini sudah diimpor pada {self.already_imported}; "
                "tidak ada yang berubah."
            )
        if not self.changed:
            return f"{self.source}: {self.rows} baris sudah ada semua; tidak ada yang berubah."
        noun = "penduduk" if self.kind == "register" else "kartu"
        parts = [f"{self.added} {noun} baru"]
        if self.updated:
            parts.append(f"{self.updated} diperbarui")
        if self.unchanged:
            parts.append(f"{self.unchanged} tidak berubah")
        if self.misrouted:
            parts.append(f"{self.misrouted} salah alamat")
        if self.superseded:
            parts.append(f"{self.superseded} kartu lama diganti cetak ulang")
        text = f"{self.source}: {self.rows} baris diimpor: {', '.join(parts)}."
        for site, (first, last) in sorted(self.boxes.items()):
            text += f" {site}: kotak {first}-{last}."
        if self.warnings:
            text += f" {len(self.warnings)} peringatan."
        return text


# -- field parsing -----------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: Any) -> date | None:
    """Dates as people write them: 2012-09-10, 10-09-2012, 10/09/2012, or an XLSX date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _date_problem(row: int, name: str, value: Any) -> Problem:
    shown = _text(value) or "(kosong)"
    return Problem(
        row, name, f"tanggal '{shown}' tidak dikenali; tulis sebagai TTTT-BB-HH, mis. 2012-09-10"
    )


def _nik(row: int, value: Any, problems: list[Problem]) -> Nik | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        problems.append(
            Problem(
                row,
                "nik",
                f"NIK tersimpan sebagai angka ({value:.6g}), bukan teks; lembar kerja hanya "
                "menyimpan 15 digit sehingga digit terakhir bisa berubah. Format kolom NIK "
                "sebagai Teks lalu isi ulang dari sumber aslinya",
            )
        )
        return None
    try:
        return parse_nik(_text(value))
    except NikError as exc:
        problems.append(Problem(row, "nik", str(exc)))
        return None


_SEX = {"L": "L", "LK": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "P": "P", "PR": "P",
        "PEREMPUAN": "P", "WANITA": "P", "PRIA": "L"}  # fmt: skip


def _rt_rw(row: int, name: str, value: Any, problems: list[Problem]) -> str:
    text = _text(value)
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 999:
        problems.append(
            Problem(row, name, f"'{text or '(kosong)'}' bukan nomor {name.upper()} (1-999)")
        )
        return ""
    return f"{int(text):03d}"


def _required(row: int, record: Row, name: str, problems: list[Problem]) -> str:
    text = _text(record.get(name))
    if not text:
        problems.append(Problem(row, name, "wajib diisi"))
    return text


def _check_columns(table: SourceTable, expected: tuple[str, ...]) -> None:
    missing = [c for c in expected if c not in table.columns]
    if missing:
        raise ImportRejected(
            table.name,
            [
                Problem(
                    1,
                    None,
                    f"kolom {', '.join(missing)} tidak ada; baris pertama harus berisi "
                    f"nama kolom: {', '.join(expected)} (lihat docs/formats.md)",
                )
            ],
        )
    if not table.rows:
        raise ImportRejected(table.name, [Problem(None, None, "file tidak berisi baris data")])


def _duplicates(keys: list[tuple[int, str | None]], name: str, problems: list[Problem]) -> None:
    first_row: dict[str, int] = {}
    for row, key in keys:
        if key is None:
            continue
        if key in first_row:
            problems.append(Problem(row, name, f"NIK {key} sudah muncul di baris {first_row[key]}"))
        else:
            first_row[key] = row


def _previous_import(store: Store, kind: str, sha256: str) -> str | None:
    row = store.conn.execute(
        "SELECT wall_time FROM imports WHERE kind = ? AND sha256 = ? ORDER BY rowid LIMIT 1",
        (kind, sha256),
    ).fetchone()
    return row[0] if row else None


# -- resident register ---------------------------------------------------------------------


def validate_register(
    table: SourceTable, reference: RegionReference | None = None
) -> tuple[list[Row], list[Problem]]:
    """Check every row; return the clean records and the warnings, or raise ImportRejected."""
    reference = reference or regions()
    _check_columns(table, REGISTER_COLUMNS)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    records: list[Row] = []
    keys: list[tuple[int, str | None]] = []
    for row, raw in table.rows:
        before = len(problems)
        nik = _nik(row, raw.get("nik"), problems)
        keys.append((row, nik.value if nik else None))
        nama = _required(row, raw, "nama", problems)
        sex_text = _text(raw.get("jenis_kelamin")).upper()
        sex = _SEX.get(sex_text)
        if sex is None:
            problems.append(
                Problem(row, "jenis_kelamin", f"'{sex_text or '(kosong)'}' harus L atau P")
            )
        tempat = _required(row, raw, "tempat_lahir", problems)
        lahir = parse_date(raw.get("tanggal_lahir"))
        if lahir is None:
            problems.append(_date_problem(row, "tanggal_lahir", raw.get("tanggal_lahir")))
        alamat = _required(row, raw, "alamat", problems)
        rt = _rt_rw(row, "rt", raw.get("rt"), problems)
        rw = _rt_rw(row, "rw", raw.get("rw"), problems)
        code_text = _text(raw.get("kode_kelurahan"))
        kelurahan = reference.find_kelurahan(code_text)
        if kelurahan is None:
            problems.append(
                Problem(
                    row,
                    "kode_kelurahan",
                    f"'{code_text or '(kosong)'}' bukan kode kelurahan Kemendagri di Kota "
                    "Mojokerto (contoh: 35.76.02.1003); kode BPS tidak dipakai",
                )
            )
        rekam = parse_date(raw.get("tanggal_rekam"))
        if rekam is None:
            problems.append(_date_problem(row, "tanggal_rekam", raw.get("tanggal_rekam")))
        if len(problems) > before:
            continue
        assert nik and lahir and rekam and kelurahan and sex  # all checked above
        warning = birth_date_warning(nik, lahir)
        if warning:
            warnings.append(Problem(row, "tanggal_lahir", warning))
        if sex != nik.sex.value:
            warnings.append(
                Problem(row, "jenis_kelamin", f"{sex} tidak sesuai dengan NIK; periksa data")
            )
        records.append(
            {
                "nik": nik.value,
                "nama": " ".join(nama.split()),
                "jenis_kelamin": sex,
                "tempat_lahir": tempat,
                "tanggal_lahir": lahir.isoformat(),
                "alamat": alamat,
                "rt": rt,
                "rw": rw,
                "kode_kelurahan": kelurahan.code,
                "tanggal_rekam": rekam.isoformat(),
                "nik_warning": warning,
            }
        )
    _duplicates(keys, "nik", problems)
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise ImportRejected(table.name, problems)
    return records, warnings


def import_register(store: Store, table: SourceTable, *, actor: str) -> ImportResult:
    """Validate and store a resident register file, all or nothing."""
    store.require_device()
    result = ImportResult("register", table.name, len(table.rows))
    previous = _previous_import(store, "register", table.sha256)
    if previous:
        result.already_imported = previous
        return result
    records, result.warnings = validate_register(table)
    existing = _residents_by_nik(store, [r["nik"] for r in records])
    with store.write():
        for record in records:
            current = existing.get(record["nik"])
            if current is None:
                store.append(EventType.RESIDENT_REGISTERED, record, guarded=False)
                result.added += 1
            elif current != record:
                store.append(EventType.RESIDENT_UPDATED, record, guarded=False)
                result.updated += 1
            else:
                result.unchanged += 1
        if not result.changed:
            return result  # nothing new: leave no trace but the commit of nothing
        store.append(
            EventType.IMPORT_COMPLETED,
            {
                "kind": "register",
                "file_name": table.name,
                "sha256": table.sha256,
                "rows": len(records),
                "actor": actor,
            },
        )
        store.audit(
            actor,
            "import-register",
            detail={"file": table.name, "sha256": table.sha256, "added": result.added,
                    "updated": result.updated},
        )  # fmt: skip
    return result


def _residents_by_nik(store: Store, niks: list[str]) -> dict[str, Row]:
    from desktop.store.projections import RESIDENT_FIELDS

    columns = ", ".join(RESIDENT_FIELDS)
    found: dict[str, Row] = {}
    total = store.conn.execute("SELECT count(*) FROM residents").fetchone()[0]
    if total == 0:
        return found
    if len(niks) > total // 4:  # most of the table: one scan beats many lookups
        wanted = set(niks)
        cursor = store.conn.execute(f"SELECT {columns} FROM residents")
        rows = (r for r in cursor if r[0] in wanted)
    else:
        rows = (
            store.conn.execute(f"SELECT {columns} FROM residents WHERE nik = ?", (n,)).fetchone()
            for n in niks
        )
    for r in rows:
        if r:
            found[r[0]] = dict(zip(RESIDENT_FIELDS, r, strict=True))
    return found


# -- card manifests ------------------------------------------------------------------------


@dataclass
class _CardRow:
    row: int
    nik: str
    nama: str
    kode_kelurahan: str
    tanggal_cetak: str
    status: CardStatus = CardStatus.READY
    reason: str | None = None
    site: str | None = None
    sort_key: tuple = ()
    box: int | None = None
    slot: int | None = None
    supersedes: list[str] = field(default_factory=list)


def validate_cards(
    store: Store, table: SourceTable, *, reprint: bool, reference: RegionReference | None = None
) -> tuple[list[_CardRow], list[Problem]]:
    reference = reference or regions()
    _check_columns(table, CARD_COLUMNS)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    parsed: list[_CardRow] = []
    keys: list[tuple[int, str | None]] = []
    for row, raw in table.rows:
        before = len(problems)
        nik = _nik(row, raw.get("nik"), problems)
        keys.append((row, nik.value if nik else None))
        nama = _required(row, raw, "nama", problems)
        code_text = _text(raw.get("kode_kelurahan"))
        code = normalize_kelurahan_code(code_text)
        if code is None:
            problems.append(
                Problem(
                    row,
                    "kode_kelurahan",
                    f"'{code_text or '(kosong)'}' bukan kode kelurahan Kemendagri "
                    "(contoh: 35.76.02.1003)",
                )
            )
        elif reference.in_city(code) and reference.find_kelurahan(code) is None:
            problems.append(
                Problem(
                    row,
                    "kode_kelurahan",
                    f"kode {code} tidak ada di Kota Mojokerto tahun 2012; periksa manifes",
                )
            )
        cetak = parse_date(raw.get("tanggal_cetak"))
        if cetak is None:
            problems.append(_date_problem(row, "tanggal_cetak", raw.get("tanggal_cetak")))
        if len(problems) == before:
            assert nik and code and cetak
            parsed.append(_CardRow(row, nik.value, " ".join(nama.split()), code, cetak.isoformat()))
    _duplicates(keys, "nik", problems)

    residents = _residents_by_nik(store, [c.nik for c in parsed])
    open_cards = _unhanded_cards(store, [c.nik for c in parsed])
    for card in parsed:
        resident = residents.get(card.nik)
        if not reference.in_city(card.kode_kelurahan):
            card.status, card.reason = CardStatus.MISROUTED, "domisili di luar Kota Mojokerto"
        elif resident is None:
            card.status, card.reason = CardStatus.MISROUTED, "NIK tidak ada di register"
        else:
            if fold_name(resident["nama"]) != fold_name(card.nama):
                problems.append(
                    Problem(
                        card.row,
                        "nama",
                        f"nama '{card.nama}' berbeda dengan register ('{resident['nama']}') "
                        "untuk NIK ini; kartu mungkin salah cetak: tahan kartunya dan "
                        "hapus baris ini dari manifes, atau betulkan register dahulu",
                    )
                )
                continue
            if resident["kode_kelurahan"] != card.kode_kelurahan:
                warnings.append(
                    Problem(
                        card.row,
                        "kode_kelurahan",
                        f"manifes {card.kode_kelurahan}, register "
                        f"{resident['kode_kelurahan']}; kartu disimpan menurut register",
                    )
                )
            kelurahan = reference.kelurahan[resident["kode_kelurahan"]]
            card.site = kelurahan.site
            card.sort_key = (
                kelurahan.code,
                resident["rw"],
                resident["rt"],
                fold_name(resident["nama"]),
                card.nik,
            )
        held = open_cards.get(card.nik, [])
        if held and not reprint:
            first = held[0]
            problems.append(
                Problem(
                    card.row,
                    "nik",
                    f"NIK ini sudah punya kartu yang belum diserahkan ({first[0]}, status "
                    f"{LABELS[CardStatus(first[1])]}); bila ini kartu cetak ulang, impor "
                    "dengan --reprint",
                )
            )
        card.supersedes = [card_id for card_id, _ in held]
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise ImportRejected(table.name, problems)
    return parsed, warnings


def _unhanded_cards(store: Store, niks: list[str]) -> dict[str, list[tuple[str, str]]]:
    statuses = tuple(s.value for s in UNHANDED)
    marks = ", ".join("?" for _ in statuses)
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    wanted = set(niks)
    cursor = store.conn.execute(
        f"SELECT nik, card_id, status FROM cards WHERE status IN ({marks}) ORDER BY card_id",
        statuses,
    )
    for nik, card_id, status in cursor:
        if nik in wanted:
            found[nik].append((card_id, status))
    return found


def _assign_places(store: Store, cards: list[_CardRow]) -> dict[str, tuple[int, int]]:
    """Give each ready card a box and slot, kelurahan → RW → RT → name; a new kelurahan
    starts a new box so the shelves follow the map."""
    boxes: dict[str, tuple[int, int]] = {}
    by_site: dict[str, list[_CardRow]] = defaultdict(list)
    for card in cards:
        if card.status is CardStatus.READY and card.site:
            by_site[card.site].append(card)
    for site, site_cards in by_site.items():
        last_box = store.conn.execute(
            "SELECT coalesce(max(box), 0) FROM cards WHERE site = ?", (site,)
        ).fetchone()[0]
        box, slot, kelurahan = last_box, BOX_SIZE, None
        for card in sorted(site_cards, key=lambda c: c.sort_key):
            if slot >= BOX_SIZE or card.sort_key[0] != kelurahan:
                box, slot, kelurahan = box + 1, 0, card.sort_key[0]
            slot += 1
            card.box, card.slot = box, slot
        boxes[site] = (last_box + 1, box)
    return boxes


def import_cards(
    store: Store, table: SourceTable, *, batch_id: str, actor: str, reprint: bool = False
) -> ImportResult:
    """Validate a card manifest, sort the cards into boxes, store it all or nothing."""
    store.require_device()
    if not _BATCH_ID.fullmatch(batch_id):
        raise StoreError(
            f"ID batch '{batch_id}' tidak sah; pakai huruf, angka, titik, garis bawah atau "
            "tanda minus, paling panjang 40"
        )
    result = ImportResult("cards", table.name, len(table.rows))
    previous = _previous_import(store, "cards", table.sha256)
    if previous:
        result.already_imported = previous
        return result
    used = store.conn.execute(
        "SELECT 1 FROM card_batches WHERE batch_id = ?", (batch_id,)
    ).fetchone()
    if used:
        raise StoreError(
            f"batch {batch_id} sudah diimpor dari file lain; beri ID batch baru untuk "
            "kiriman ini atau periksa apakah file ini salah"
        )
    cards, result.warnings = validate_cards(store, table, reprint=reprint)
    with store.write():
        result.boxes = _assign_places(store, cards)
        store.append(
            EventType.IMPORT_COMPLETED,
            {
                "kind": "cards",
                "file_name": table.name,
                "sha256": table.sha256,
                "batch_id": batch_id,
                "rows": len(cards),
                "actor": actor,
            },
        )
        for card in cards:
            payload: dict[str, Any] = {
                "card_id": f"{batch_id}-{card.nik}",
                "batch_id": batch_id,
                "nik": card.nik,
                "nama": card.nama,
                "kode_kelurahan": card.kode_kelurahan,
                "tanggal_cetak": card.tanggal_cetak,
                "status": card.status.value,
                "site": card.site,
                "box": card.box,
                "slot": card.slot,
                "reason": card.reason,
            }
            if card.supersedes:
                payload["supersedes"] = card.supersedes
                result.superseded += len(card.supersedes)
            store.append(EventType.CARD_RECEIVED, payload, guarded=False)
            result.added += 1
            result.misrouted += card.status is CardStatus.MISROUTED
        store.audit(
            actor,
            "import-cards",
            detail={"file": table.name, "sha256": table.sha256, "batch": batch_id,
                    "cards": result.added, "misrouted": result.misrouted},
        )  # fmt: skip
    return result


def table_from_records(name: str, columns: tuple[str, ...], records: list[Row]) -> SourceTable:
    """A SourceTable from rows built in memory (the demo city), hashed like a file."""
    digest = hashlib.sha256(
        json.dumps([columns, records], default=str, ensure_ascii=False).encode()
    ).hexdigest()
    return SourceTable(name, digest, list(columns), list(enumerate(records, start=2)))
