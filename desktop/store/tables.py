"""Reading the tables people hand us: CSV (UTF-8, with or without BOM, comma or
semicolon) and XLSX. Rows keep the number a spreadsheet shows, so messages can say
"baris 12" and the clerk finds it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.store.store import StoreError

Row = dict[str, Any]


@dataclass
class SourceTable:
    """The rows of one file, keyed by normalised header names."""

    name: str
    sha256: str
    columns: list[str]
    rows: list[tuple[int, Row]] = field(default_factory=list)  # (spreadsheet row no., row)


def normalize_header(text: Any) -> str:
    return "_".join(str(text or "").strip().lower().replace("-", " ").split())


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StoreError(
            f"{path.name}: baris {line} bukan teks UTF-8; simpan ulang file sebagai "
            "'CSV UTF-8 (Comma delimited)' lalu impor lagi"
        ) from exc


def _read_csv(path: Path, data: bytes) -> tuple[list[str], list[tuple[int, Row]]]:
    text = _decode(path, data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise StoreError(f"{path.name}: file kosong; baris pertama harus berisi nama kolom")
    columns = [normalize_header(h) for h in header]
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append((number, dict(zip(columns, values, strict=False))))
    return columns, rows


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, Row]]]:
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise StoreError(
            f"{path.name}: tidak dapat dibaca sebagai XLSX ({exc}); "
            "buka di aplikasi lembar kerja dan simpan ulang sebagai .xlsx"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        if not header:
            raise StoreError(f"{path.name}: lembar pertama kosong; baris 1 harus nama kolom")
        columns = [normalize_header(h) for h in header]
        rows = []
        for number, cells in enumerate(values, start=2):
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            rows.append((number, dict(zip(columns, cells, strict=False))))
        return columns, rows
    finally:
        workbook.close()


def read_table(path: Path | str) -> SourceTable:
    """Read a CSV or XLSX file; the format is told by its suffix."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"file {path} tidak ditemukan; periksa nama dan foldernya") from None
    except OSError as exc:
        raise StoreError(f"file {path} tidak dapat dibaca: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        columns, rows = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        columns, rows = _read_csv(path, data)
    else:
        raise StoreError(
            f"{path.name}: jenis file '{suffix or '(tanpa akhiran)'}' tidak didukung; "
            "pakai .csv (UTF-8) atau .xlsx"
        )
    return SourceTable(path.name, hashlib.sha256(data).hexdigest(), columns, rows)
