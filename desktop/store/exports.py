"""CSV and XLSX exports of the handovers and of the uncollected cards, for the supervisor.

Only roles with `Permission.EXPORT` (supervisor, Admin TI) may export: the files carry full
NIKs. The format follows the file name: `.csv` is UTF-8 with a byte-order mark so Excel
reads the names right, comma-separated as RFC 4180 has it (for other programs; Excel
users are better served by XLSX, where a 16-digit NIK cannot turn into 3.57E+15); `.xlsx`
has a bold frozen header row, an autofilter, fitted column widths, dates as dates and the
NIK and receipt numbers as text.

A file is written beside its final name and moved into place only when complete, so a
failure leaves nothing under that name and no temporary file behind; the export is then
recorded in the audit log, and a file whose audit entry cannot be written is removed.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from desktop.core.roles import Permission, PermissionDenied, allows, require
from desktop.core.services import RecordingStatus
from desktop.store.recording import request_rows
from desktop.store.registers import daily_register
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError
from desktop.store.uncollected import uncollected_list

__all__ = [
    "FORMATS",
    "HANDOVER_COLUMNS",
    "REQUEST_COLUMNS",
    "UNCOLLECTED_COLUMNS",
    "ExportRefused",
    "export_handovers",
    "export_requests",
    "export_uncollected",
    "handover_rows",
]

FORMATS = (".csv", ".xlsx")


class ExportRefused(StoreError):
    """The export cannot be made as asked; the message says what to change."""


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # characters, for the XLSX sheet
    kind: str = "general"  # "text", "date", "time", "number" or "general"


HANDOVER_COLUMNS = (
    Column("Tanggal", 11, "date"),
    Column("Jam", 6, "time"),
    Column("No. tanda terima", 17, "text"),
    Column("NIK", 18, "text"),
    Column("Nama", 30),
    Column("Kelurahan", 18),
    Column("Petugas", 22),
    Column("Status", 16),
    Column("Keterangan", 45),  # why it was voided, or what a correction changed
)

UNCOLLECTED_COLUMNS = (
    Column("Kelurahan", 18),
    Column("RW", 5, "text"),
    Column("RT", 5, "text"),
    Column("Nama", 30),
    Column("NIK", 18, "text"),
    Column("Alamat", 32),
    Column("Kotak", 7, "number"),
    Column("Slot", 6, "number"),
    Column("Diterima", 11, "date"),
    Column("Menunggu (hari)", 10, "number"),
    Column("Status", 16),
)

REQUEST_COLUMNS = (
    Column("Tanggal", 11, "date"),
    Column("Jam", 6, "time"),
    Column("No. pendaftaran", 19, "text"),
    Column("Jenis", 16),
    Column("NIK", 18, "text"),
    Column("Nama", 30),
    Column("L/P", 4),
    Column("Tempat lahir", 16),
    Column("Tanggal lahir", 11, "date"),
    Column("Alamat", 32),
    Column("RT", 5, "text"),
    Column("RW", 5, "text"),
    Column("Kelurahan", 18),
    Column("Sudah menikah", 8),
    Column("Asal pindah", 24),
    Column("No. SKPWNI", 24, "text"),
    Column("Status", 18),
    Column("Catatan status", 30),
    Column("Petugas", 22),
)


# -- checks -------------------------------------------------------------------------


def _target(path: Path | str) -> tuple[Path, str]:
    """The file to write and its format; refuses what cannot be written before any work."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ExportRefused(
            f"format '{target.suffix or target.name}' tidak didukung; "
            "simpan dengan akhiran .csv atau .xlsx"
        )
    try:
        is_folder = target.is_dir()
    except OSError:
        is_folder = False  # a name the system refuses (too long, say): writing says why
    if is_folder:
        raise ExportRefused(f"'{target}' adalah sebuah folder; tulis nama file di dalamnya")
    if not target.parent.is_dir():
        raise ExportRefused(
            f"folder '{target.parent}' tidak ada; pilih folder yang ada atau buat dahulu"
        )
    return target, suffix[1:]


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise ExportRefused(
            f"tanggal akhir {end.isoformat()} sebelum tanggal awal {start.isoformat()}; "
            "tukar kedua tanggal"
        )


# -- writing ------------------------------------------------------------------------


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _write_csv(out, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
    # The BOM tells Excel the file is UTF-8 (names with é, ñ, ...); csv readers that open
    # it with encoding="utf-8-sig" do not see it.
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([c.title for c in columns])
        count = 0
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
            count += 1
        f.flush()
        os.fsync(f.fileno())
    return count


_XLSX_FORMATS = {"text": "@", "date": "DD-MM-YYYY", "time": "HH:MM", "number": "0"}


def _write_xlsx(out, columns: Sequence[Column], rows: Iterable[Sequence[Any]], title: str) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for n, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width + 2
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDDDDD")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.title)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    formats = [_XLSX_FORMATS.get(c.kind) for c in columns]
    count = 0
    # A styled cell costs several times a plain value: only formatted columns get one.
    styled = [
        (n, number_format) for n, number_format in enumerate(formats) if number_format is not None
    ]
    for row in rows:
        cells: list[Any] = list(row)
        for n, number_format in styled:
            if cells[n] is not None:
                cell = WriteOnlyCell(sheet, value=cells[n])
                cell.number_format = number_format
                cells[n] = cell
        sheet.append(cells)
        count += 1
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(out)
    return count


def _write_atomically(target: Path, write: Callable[[str], int]) -> int:
    """Run `write(temporary path)` next to `target`, then move it into place."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=".loket-export-", suffix=target.suffix, dir=target.parent
        )
    except OSError as error:
        raise ExportRefused(
            f"tidak dapat menulis di folder '{target.parent}': {error.strerror or error}; "
            "periksa izin folder itu atau pilih folder lain"
        ) from error
    os.close(handle)
    try:
        rows = write(temporary)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportRefused(
            f"file '{target}' tidak dapat ditulis: {error.strerror or error}; "
            "periksa disk tidak penuh dan file tidak sedang dibuka program lain, lalu ulangi"
        ) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return rows


def _export(
    store: Store,
    actor: Session,
    target: Path,
    kind: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str,
    action: str,
    detail: dict[str, Any],
) -> int:
    def write(out: str) -> int:
        if kind == "csv":
            return _write_csv(out, columns, rows)
        return _write_xlsx(out, columns, rows, sheet)

    count = _write_atomically(target, write)
    try:
        store.audit(
            actor.username,
            action,
            detail={**detail, "rows": count, "file": target.name, "format": kind},
        )
    except BaseException:
        # An export the audit log does not know about must not stay on disk.
        target.unlink(missing_ok=True)
        raise
    return count


# -- handovers ----------------------------------------------------------------------


def handover_rows(
    store: Store, *, start: date, end: date, site: str | None
) -> list[tuple[Any, ...]]:
    """Every handover recorded from `start` to `end` (local days, inclusive) at `site` or
    at every site, in time order, as the export's rows: the daily register's rows, so
    status and reason (voided, corrected, home visit) read exactly as on the paper."""
    where = "substr(wall_time, 1, 10) BETWEEN ? AND ?"
    params: list[Any] = [start.isoformat(), end.isoformat()]
    if site is not None:
        where += " AND site = ?"
        params.append(site)
    days = store.conn.execute(
        f"SELECT DISTINCT site, substr(wall_time, 1, 10) FROM handovers WHERE {where}", params
    ).fetchall()
    rows = []
    for day_site, day_text in days:
        day = date.fromisoformat(day_text)
        for row in daily_register(store, day_site, day).rows:
            rows.append(
                (
                    day,
                    time.fromisoformat(row.time),
                    row.receipt_no,
                    row.nik,
                    row.name,
                    row.kelurahan,
                    row.operator,
                    row.status,
                    row.reason,
                )
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def export_handovers(
    store: Store,
    actor: Session,
    path: Path | str,
    *,
    start: date,
    end: date,
    site: str | None,
) -> int:
    """Write the handovers of `start`..`end` (inclusive) at `site` (None: every site) to
    `path` as CSV or XLSX; returns the number of rows written."""
    require(actor.role, Permission.EXPORT)
    _check_range(start, end)
    target, kind = _target(path)
    rows = handover_rows(store, start=start, end=end, site=site)
    return _export(
        store,
        actor,
        target,
        kind,
        HANDOVER_COLUMNS,
        rows,
        sheet="Serah terima",
        action="export-handovers",
        detail={"range": f"{start.isoformat()}..{end.isoformat()}", "site": site or "semua"},
    )


# -- uncollected cards ---------------------------------------------------------------


def export_uncollected(
    store: Store,
    actor: Session,
    path: Path | str,
    *,
    site: str,
    kelurahan: str | None = None,
    rw: str | None = None,
    min_days: int = 0,
    today: date | None = None,
) -> int:
    """Write the cards waiting at `site` (as `uncollected_list` selects them, full NIK)
    to `path` as CSV or XLSX; returns the number of rows written."""
    require(actor.role, Permission.EXPORT)
    target, kind = _target(path)
    lst = uncollected_list(
        store, actor, site=site, kelurahan=kelurahan, rw=rw, min_days=min_days, today=today
    )
    rows = [
        (
            card.kelurahan,
            card.rw,
            card.rt,
            card.name,
            card.nik,
            card.address,
            card.box,
            card.slot,
            card.received,
            card.days_waiting,
            card.status_label,
        )
        for card in lst.cards
    ]
    return _export(
        store,
        actor,
        target,
        kind,
        UNCOLLECTED_COLUMNS,
        rows,
        sheet="Belum diambil",
        action="export-uncollected",
        detail={
            "site": site,
            "kelurahan": kelurahan,
            "rw": rw,
            "min_days": min_days,
            "day": lst.today.isoformat(),
        },
    )


# -- recording requests ---------------------------------------------------------------


def export_requests(
    store: Store,
    actor: Session,
    path: Path | str,
    *,
    start: date | None,
    end: date | None,
    status: RecordingStatus | str | None = None,
    site: str | None = None,
) -> int:
    """Write the recording requests of `start`..`end` (inclusive; None: open-ended) in
    `status` at `site` (None: all) to `path` as CSV or XLSX; returns the rows written.
    Supervisors (who manage the requests) and Admin TI (who exports) may."""
    if not (
        allows(actor.role, Permission.EXPORT) or allows(actor.role, Permission.MANAGE_REQUESTS)
    ):
        raise PermissionDenied(actor.role, Permission.EXPORT)
    if start is not None and end is not None:
        _check_range(start, end)
    target, kind = _target(path)
    found = request_rows(store, start=start, end=end, status=status, site=site)
    rows = [
        (
            q.day,
            time.fromisoformat(q.time),
            q.request_no,
            q.kind_label,
            q.nik,
            q.nama,
            q.jenis_kelamin,
            q.tempat_lahir,
            date.fromisoformat(q.tanggal_lahir),
            q.alamat,
            q.rt,
            q.rw,
            q.kelurahan,
            "ya" if q.married else "tidak",
            q.origin_region or "",
            q.moving_letter_no or "",
            q.status_label,
            q.status_note or "",
            q.operator_name,
        )
        for q in found
    ]
    return _export(
        store,
        actor,
        target,
        kind,
        REQUEST_COLUMNS,
        rows,
        sheet="Permohonan perekaman",
        action="export-requests",
        detail={
            "range": f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}",
            "status": RecordingStatus(status).value if status else "semua",
            "site": site or "semua",
        },
    )
