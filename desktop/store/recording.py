"""Recording requests (perekaman) at the counter: a first-time applicant or a resident who
moved in is registered with a numbered proof, and the supervisor moves the request on as
the recording session and the centre deal with it.

Each write is one transaction holding its event and its audit entry. Numbers run per site
and workstation without gaps, like receipt numbers: requests are never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.cards import LABELS as CARD_LABELS
from desktop.core.cards import CardStatus
from desktop.core.events import EventType
from desktop.core.regions import regions
from desktop.core.roles import Permission, require
from desktop.core.services import (
    RECORDING_STATUS_LABELS,
    REQUEST_PREFIX,
    FieldProblem,
    FormError,
    RecordingForm,
    RecordingKind,
    RecordingStatus,
    RequestList,
    RequestProof,
    RequestRow,
    check_request,
    service_number,
)
from desktop.store.search import cards_for_nik, resident_by_nik
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError

__all__ = [
    "RequestReceipt",
    "RequestRefused",
    "register_request",
    "request_list",
    "request_proof",
    "request_rows",
    "requests",
    "set_request_status",
]

_ORDER = (RecordingStatus.WAITING, RecordingStatus.RECORDED, RecordingStatus.SENT)


class RequestRefused(StoreError):
    """The request cannot be registered or moved on as asked; the message says why and
    what to do. `field` names the form field to fix, when one is to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RequestReceipt:
    request_no: str
    event_id: str
    kind: RecordingKind
    nik: str
    nama: str
    wall_time: str
    warnings: tuple[FieldProblem, ...] = ()


def next_service_number(store: Store, table: str, prefix: str) -> str:
    """The next number of a counter service (requests, reports) at this workstation:
    the rows `table` already holds for it, plus one, inside the caller's write."""
    device = store.require_device()
    (count,) = store.conn.execute(
        f"SELECT count(*) FROM {table} WHERE site = ? AND workstation = ?",
        (device.site, device.workstation),
    ).fetchone()
    return service_number(prefix, device.site, device.workstation, count + 1)


def _show(iso: str) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}"


def _already_known(store: Store, nik: str) -> str | None:
    """Why this NIK needs no new recording request, and what to do instead; or None."""
    earlier = store.conn.execute(
        "SELECT request_no, status, wall_time FROM recording_requests WHERE nik = ?"
        " ORDER BY CASE status WHEN 'waiting' THEN 0 ELSE 1 END, hlc DESC LIMIT 1",
        (nik,),
    ).fetchone()
    if earlier is not None:
        number, status, wall_time = earlier
        if status == RecordingStatus.WAITING:
            return (
                f"NIK {nik} sudah terdaftar menunggu perekaman dengan nomor {number} "
                f"(didaftarkan {_show(wall_time)}); tidak perlu mendaftar lagi — minta "
                "pemohon membawa bukti pendaftaran itu ke perekaman"
            )
        return (
            f"NIK {nik} sudah punya permohonan {number} berstatus "
            f"'{_status_label(status)}' dan sedang diproses; tidak perlu mendaftar lagi. Bila "
            "perekaman perlu diulang, minta supervisor mengembalikan permohonan itu ke "
            "'menunggu perekaman'"
        )
    cards = cards_for_nik(store.conn, nik)
    resident = resident_by_nik(store.conn, nik)
    if cards:
        status = CardStatus(cards[0].status)
        if status is CardStatus.HANDED_OVER:
            todo = "kartu yang hilang atau rusak dilayani di Dinas sebagai penggantian kartu"
        else:
            todo = "cari NIK ini di layar loket (F2) untuk melihat di mana kartunya"
        return (
            f"NIK {nik} sudah terekam dan kartunya sudah dicetak (status: "
            f"{CARD_LABELS[status]}); tidak perlu perekaman baru — {todo}"
        )
    if resident is not None:
        return (
            f"NIK {nik} sudah terekam pada {_show(resident.tanggal_rekam)} dan kartunya belum "
            "datang dari pusat; tidak perlu perekaman ulang — minta penduduk menunggu "
            "undangan pengambilan"
        )
    return None


def _status_label(status: str) -> str:
    return RECORDING_STATUS_LABELS[RecordingStatus(status)]


def register_request(
    store: Store, actor: Session, form: RecordingForm, *, today: date | None = None
) -> RequestReceipt:
    """Register a recording request: checked, numbered, one event and one audit entry in
    one transaction. A mover's NIK from another regency is normal; a NIK already waiting,
    or already recorded here, is refused with what to do instead."""
    require(actor.role, Permission.COUNTER_SERVICES)
    try:
        checked = check_request(form, today=today or date.today())
    except FormError as error:
        raise RequestRefused(str(error), error.field) from error
    with store.write():
        known = _already_known(store, checked.nik)
        if known:
            raise RequestRefused(known, "nik")
        device = store.require_device()
        number = next_service_number(store, "recording_requests", REQUEST_PREFIX)
        officer = store.conn.execute(
            "SELECT full_name FROM operators WHERE username = ?", (actor.username,)
        ).fetchone()
        event = store.append(
            EventType.RECORDING_REQUESTED,
            {
                "request_no": number,
                **checked.payload(),
                "workstation": device.workstation,
                "operator": actor.username,
                "operator_name": officer[0] if officer else actor.full_name,
            },
        )
        store.audit(
            actor.username,
            "recording-request",
            nik=checked.nik,
            detail={"request_no": number, "kind": checked.kind.value},
        )
    return RequestReceipt(
        number,
        event.event_id,
        checked.kind,
        checked.nik,
        checked.nama,
        event.wall_time,
        checked.warnings,
    )


def set_request_status(
    store: Store, actor: Session, request_no: str, status: RecordingStatus | str, note: str = ""
) -> None:
    """Move a request one step on (waiting → recorded → sent), or back with a note that
    says why; the event names who moved it."""
    require(actor.role, Permission.MANAGE_REQUESTS)
    target = RecordingStatus(status)
    note = " ".join(note.split())
    with store.write():
        row = store.conn.execute(
            "SELECT status, nik FROM recording_requests WHERE request_no = ?", (request_no,)
        ).fetchone()
        if row is None:
            raise RequestRefused(f"permohonan {request_no} tidak ada; muat ulang daftarnya")
        current, nik = RecordingStatus(row[0]), row[1]
        step = _ORDER.index(target) - _ORDER.index(current)
        if step == 0:
            raise RequestRefused(
                f"permohonan {request_no} sudah berstatus '{_status_label(current)}'"
            )
        if step > 1:
            raise RequestRefused(
                f"permohonan {request_no} masih '{_status_label(current)}': tandai dahulu "
                f"'{_status_label(_ORDER[_ORDER.index(current) + 1])}'"
            )
        if step < 0 and not note:
            raise RequestRefused(
                f"mengembalikan permohonan {request_no} ke '{_status_label(target)}' perlu "
                "catatan alasannya; tulis catatan lalu ulangi",
                "note",
            )
        store.append(
            EventType.RECORDING_STATUS_CHANGED,
            {
                "request_no": request_no,
                "status": target.value,
                "note": note or None,
                "by": actor.username,
                "from": current.value,
            },
        )
        store.audit(
            actor.username,
            "recording-status",
            nik=nik,
            detail={"request_no": request_no, "from": current.value, "to": target.value},
        )


# -- lists --------------------------------------------------------------------------------

_COLUMNS = (
    "q.request_no, q.wall_time, q.site, q.workstation, q.kind, q.nik, q.nama, q.tanggal_lahir,"
    " q.alamat, q.rt, q.rw, q.kode_kelurahan, q.married, q.origin_region, q.moving_letter_no,"
    " q.status, q.status_note, q.status_time, q.status_by,"
    " coalesce(q.operator_name, o.full_name, q.operator), q.jenis_kelamin, q.tempat_lahir"
)


def request_rows(
    store: Store,
    *,
    start: date | None = None,
    end: date | None = None,
    status: RecordingStatus | str | None = None,
    site: str | None = None,
) -> list[RequestRow]:
    """The requests registered from `start` to `end` (local days, inclusive; None: no
    bound) in `status` at `site` (None: all), oldest first. No permission check: callers
    check theirs."""
    where, params = [], []
    if start is not None:
        where.append("substr(q.wall_time, 1, 10) >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("substr(q.wall_time, 1, 10) <= ?")
        params.append(end.isoformat())
    if status is not None:
        where.append("q.status = ?")
        params.append(RecordingStatus(status).value)
    if site is not None:
        where.append("q.site = ?")
        params.append(site)
    sql = (
        f"SELECT {_COLUMNS} FROM recording_requests q"
        " LEFT JOIN operators o ON o.username = q.operator"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY q.wall_time, q.request_no"
    reference = regions()
    rows = []
    for r in store.conn.execute(sql, params):
        found = reference.find_kelurahan(r[11])
        rows.append(
            RequestRow(
                request_no=r[0],
                wall_time=r[1],
                site=r[2],
                workstation=r[3],
                kind=RecordingKind(r[4]),
                nik=r[5],
                nama=r[6],
                tanggal_lahir=r[7],
                alamat=r[8],
                rt=r[9],
                rw=r[10],
                kode_kelurahan=r[11],
                kelurahan=found.name if found else r[11],
                married=bool(r[12]),
                origin_region=r[13],
                moving_letter_no=r[14],
                status=RecordingStatus(r[15]),
                status_note=r[16],
                status_time=r[17],
                status_by=r[18],
                operator_name=r[19],
                jenis_kelamin=r[20],
                tempat_lahir=r[21],
            )
        )
    return rows


def requests(
    store: Store,
    actor: Session,
    *,
    day: date | None = None,
    status: RecordingStatus | str | None = None,
    site: str | None = None,
    until: date | None = None,
) -> list[RequestRow]:
    """The requests of `day` (None: every day; with `until`, `day` to `until`) in `status`
    at `site`, for the supervisor's list."""
    require(actor.role, Permission.MANAGE_REQUESTS)
    return request_rows(store, start=day, end=until or day, status=status, site=site)


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise RequestRefused(
            f"tanggal akhir {end:%d-%m-%Y} sebelum tanggal awal {start:%d-%m-%Y}; "
            "tukar kedua tanggal"
        )


def request_list(
    store: Store,
    actor: Session,
    *,
    start: date | None,
    end: date | None,
    status: RecordingStatus | str | None = None,
    site: str | None = None,
    paper: bool = False,
    today: date | None = None,
) -> RequestList:
    """The list the supervisor prints (`paper`: recorded in the audit log, since it
    carries names and NIKs). `start`/`end` None: from the first / to the last request."""
    require(actor.role, Permission.MANAGE_REQUESTS)
    if start is not None and end is not None:
        _check_range(start, end)
    rows = request_rows(store, start=start, end=end, status=status, site=site)
    days = [r.day for r in rows]
    made_on = today or date.today()
    first = start or (min(days) if days else made_on)
    last = end or (max(days) if days else made_on)
    known = regions().sites.get(site or "")
    office = known.name if known else "semua kantor layanan"
    if paper:
        store.audit(
            actor.username,
            "print-request-list",
            detail={
                "range": f"{first.isoformat()}..{last.isoformat()}",
                "status": RecordingStatus(status).value if status else "semua",
                "site": site or "semua",
                "rows": len(rows),
            },
        )
    return RequestList(
        start=first,
        end=last,
        status=RecordingStatus(status) if status else None,
        site=site,
        office=office,
        rows=tuple(rows),
        made_on=made_on,
    )


def request_proof(store: Store, request_no: str) -> RequestProof:
    """The content of a request's proof, rebuilt from the store (for printing)."""
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM recording_requests q"
        " LEFT JOIN operators o ON o.username = q.operator WHERE q.request_no = ?",
        (request_no,),
    ).fetchone()
    if row is None:
        raise RequestRefused(f"permohonan {request_no} tidak ditemukan")
    reference = regions()
    office = reference.sites.get(row[2])
    kelurahan = reference.find_kelurahan(row[11])
    pickup = reference.sites.get(kelurahan.site) if kelurahan else None
    return RequestProof(
        request_no=row[0],
        issued_at=row[1],
        site=row[2],
        office_name=office.name if office else row[2],
        office_address=office.address if office else "",
        workstation=row[3],
        kind=RecordingKind(row[4]),
        nik=row[5],
        nama=row[6],
        jenis_kelamin=row[20],
        tempat_lahir=row[21],
        tanggal_lahir=row[7],
        alamat=row[8],
        rt=row[9],
        rw=row[10],
        kelurahan=kelurahan.name if kelurahan else row[11],
        kecamatan=kelurahan.kecamatan.name if kelurahan else "",
        married=bool(row[12]),
        origin_region=row[13],
        moving_letter_no=row[14],
        operator_name=row[19],
        pickup_office=pickup.name if pickup else (office.name if office else row[2]),
    )
