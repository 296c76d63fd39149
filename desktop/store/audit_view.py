"""Reading the audit log for a supervisor: filtered by person, date and NIK, newest
first, in words, with whether the hash chain is still intact.

Looking at the audit log is itself recorded ("view-audit", with the filters, and the NIK
in the entry's NIK column). The log holds NIKs and says who looked at which resident, so
reading it is a processing of personal data like any other (UU 27/2022 asks that every
processing activity be recorded), and a supervisor who browses a neighbour's history
leaves a trace just as an operator does at the counter. The entry is written only after
the permission and the filters have been checked, and before the rows are read, so the
page shown includes it when the filters match. Screens must run this only on a person's
explicit request, never on an automatic refresh, or each refresh would log another view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop.core.handover import LABELS as OLD_KTP_LABELS
from desktop.core.handover import OldKtp
from desktop.core.nik import NIK_LENGTH, NikError, clean_nik_text, parse_nik
from desktop.core.roles import LABELS as ROLE_LABELS
from desktop.core.roles import Permission, Role, require
from desktop.store import audit
from desktop.store.audit import ChainBreak
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError

VIEW_AUDIT = "view-audit"
DEFAULT_LIMIT = 1000

# Every action the code records, in the words a supervisor reads. An action missing here
# is shown as recorded.
ACTION_LABELS: dict[str, str] = {
    "login": "Masuk",
    "login-failed": "Masuk: sandi salah",
    "login-refused": "Masuk ditolak",
    "logout": "Keluar",
    "unlock": "Buka kunci layar",
    "unlock-failed": "Buka kunci: sandi salah",
    "unlock-refused": "Buka kunci ditolak",
    "cosign": "Persetujuan supervisor",
    "cosign-failed": "Persetujuan: sandi salah",
    "cosign-refused": "Persetujuan ditolak",
    "view": "Lihat data penduduk",
    "search": "Cari nama",
    "lookup-nik": "Cari NIK (loket-admin)",
    "search-name": "Cari nama (loket-admin)",
    "verify-receipt": "Periksa tanda terima",
    "print-receipt": "Cetak tanda terima",
    "print-failed": "Cetak tanda terima gagal",
    "handover": "Serah terima",
    "handover-home-visit": "Serah terima kunjungan rumah",
    "void-handover": "Batalkan serah terima",
    "correct-handover": "Koreksi serah terima",
    "release-card": "Lepas kartu yang ditahan",
    "resolve-conflict": "Selesaikan konflik",
    "drawer-count": "Hitung laci kartu",
    "print-register": "Cetak daftar harian",
    "export-handovers": "Ekspor serah terima",
    "export-uncollected": "Ekspor kartu belum diambil",
    "uncollected-list": "Daftar kartu belum diambil dikeluarkan",
    "import-register": "Impor data penduduk",
    "import-cards": "Impor kiriman kartu",
    "create-operator": "Buat akun",
    "reset-password": "Atur ulang kata sandi",
    "deactivate-operator": "Nonaktifkan akun",
    "extend-operator": "Perpanjang akun",
    "recording-request": "Daftar perekaman",
    "recording-status": "Ubah status permohonan perekaman",
    "population-report": "Lapor peristiwa",
    "print-request-list": "Cetak daftar permohonan perekaman",
    "export-requests": "Ekspor permohonan perekaman",
    "print-proof": "Cetak bukti layanan",
    "print-proof-failed": "Cetak bukti layanan gagal",
    "plan-invitations": "Jadwalkan undangan pengambilan",
    "invitation-letters": "Cetak surat undangan",
    "invitation-cover": "Cetak daftar undangan RT/RW",
    VIEW_AUDIT: "Lihat log audit",
}

_KEY_LABELS = {
    "receipt_no": "tanda terima",
    "request_no": "permohonan",
    "report_no": "laporan",
    "kind": "jenis",
    "from": "dari",
    "to": "menjadi",
    "card_outcome": "kartu",
    "number": "nomor",
    "printer": "printer",
    "approved_by": "disetujui",
    "reason": "alasan",
    "via": "lewat",
    "results": "hasil",
    "workstation": "loket",
    "copy": "salinan",
    "found": "ditemukan",
    "card_id": "kartu",
    "kept": "dipertahankan",
    "operator": "operator",
    "site": "kantor",
    "day": "tanggal",
    "difference": "selisih",
    "file": "berkas",
    "sha256": "sha256",
    "added": "ditambah",
    "updated": "diperbarui",
    "batch": "kiriman",
    "cards": "jumlah kartu",
    "misrouted": "salah alamat",
    "username": "akun",
    "role": "peran",
    "expires_on": "berakhir",
    "old_ktp": "KTP lama",
    "kelurahan": "kelurahan",
    "rw": "RW",
    "min_days": "belum diambil sekurangnya (hari)",
    "rows": "baris",
    "how": "cara",
    "range": "rentang",
    "format": "format",
    "person": "petugas",
    "start": "dari",
    "end": "sampai",
}
_VIA = {"invitation": "undangan", "nik": "NIK", "name": "nama", "list": "daftar"}
_REFUSALS = {
    "locked": "akun terkunci",
    "inactive": "akun nonaktif",
    "expired": "masa akun berakhir",
    "site": "akun untuk kantor lain",
    "role": "peran tidak berhak",
}
_DATES = {"day", "expires_on", "start", "end"}


class AuditRefused(StoreError):
    """The audit log cannot be shown as asked; the message says what to change."""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str  # ISO local time as recorded
    actor: str
    actor_name: str | None  # None when the actor is no account (a mistyped sign-in name)
    action: str
    action_label: str
    nik: str | None
    detail: str  # in words
    raw_detail: dict[str, Any]


@dataclass(frozen=True)
class ChainStatus:
    rows: int
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]  # newest first, at most `limit`
    total: int  # how many entries match the filters
    chain: ChainStatus | None  # None when not asked for


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str | None  # None: appears in the log but is no account here


def _show(key: str, value: Any, action: str) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        return f"{len(value)}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if key in _DATES and isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    if key == "via":
        return _VIA.get(value, str(value))
    if key == "reason" and action.endswith("-refused"):
        return _REFUSALS.get(value, str(value))
    if key == "role":
        try:
            return ROLE_LABELS[Role(value)]
        except ValueError:
            return str(value)
    if key == "old_ktp":
        try:
            return OLD_KTP_LABELS[OldKtp(value)]
        except ValueError:
            return str(value)
    if key == "sha256" and isinstance(value, str):
        return value[:12] + "…"
    return str(value)


def describe(action: str, detail: dict[str, Any]) -> str:
    """An entry's detail in words: `tanda terima: MGS-01-000001; disetujui: supervisor`."""
    parts = [
        f"{_KEY_LABELS.get(key, key)}: {_show(key, value, action)}"
        for key, value in detail.items()
        if value is not None
    ]
    return "; ".join(parts)


def _nik_filter(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    value = clean_nik_text(text)
    # Any 16 digits will do: a card from another region may carry a NIK with an odd date.
    if not (len(value) == NIK_LENGTH and value.isascii() and value.isdigit()):
        try:
            parse_nik(text)
        except NikError as exc:
            raise AuditRefused(
                f"{exc}; ketik NIK lengkap 16 digit atau kosongkan saringan NIK"
            ) from None
    return value


def _require_viewer(store: Store, actor: Session) -> None:
    require(actor.role, Permission.VIEW_AUDIT)
    row = store.conn.execute(
        "SELECT active FROM operators WHERE username = ?", (actor.username,)
    ).fetchone()
    if row is None or not row[0]:
        raise AuditRefused(
            f"akun {actor.username} tidak aktif lagi; keluar dan masuk dengan akun yang aktif"
        )


def _where(
    person: str | None,
    start: date | None,
    end: date | None,
    nik: str | None,
    *,
    person_by_index: bool = True,
) -> tuple[str, list[Any]]:
    """The filter as SQL: NIK through audit_nik, person through audit_actor (actor,
    action) unless `person_by_index` is false; a date compares the ISO text of `at`, whose
    local date comes first (`at` has no index: a date alone reads the log from the end)."""
    conditions: list[str] = []
    params: list[Any] = []
    if person is not None:
        # "+actor" keeps SQLite off the index, to read newest-first in id order instead.
        conditions.append("actor = ?" if person_by_index else "+actor = ?")
        params.append(person)
    if nik is not None:
        conditions.append("nik = ?")
        params.append(nik)
    if start is not None:
        conditions.append("at >= ?")
        params.append(start.isoformat())
    if end is not None:
        conditions.append("at < ?")
        params.append((end + timedelta(days=1)).isoformat())
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def entries_query(
    person: str | None = None,
    start: date | None = None,
    end: date | None = None,
    nik: str | None = None,
    limit: int = DEFAULT_LIMIT,
    *,
    person_by_index: bool = True,
) -> tuple[str, list[Any]]:
    """The page's SELECT and its parameters (public so tests can check its query plan).
    Only the page's rows are joined to their account names."""
    where, params = _where(person, start, end, nik, person_by_index=person_by_index)
    sql = (
        "SELECT a.id, a.at, a.actor, o.full_name, a.action, a.nik, a.detail"
        " FROM (SELECT * FROM audit" + where + " ORDER BY id DESC LIMIT ?) AS a"
        " LEFT JOIN operators o ON o.username = a.actor ORDER BY a.id DESC"
    )
    return sql, [*params, limit]


def _row(
    row_id: int, at: str, who: str, name: str | None, action: str, nik: str | None, text: str
) -> AuditRow:
    try:
        detail = json.loads(text)
    except ValueError:  # an entry edited behind the app's back; the chain says so too
        detail = {"?": text}
    if not isinstance(detail, dict):
        detail = {"?": detail}
    return AuditRow(
        id=row_id,
        at=at,
        actor=who,
        actor_name=name,
        action=action,
        action_label=ACTION_LABELS.get(action, action),
        nik=nik,
        detail=describe(action, detail),
        raw_detail=detail,
    )


def audit_entries(
    store: Store,
    actor: Session,
    *,
    person: str | None = None,
    start: date | None = None,
    end: date | None = None,
    nik: str | None = None,
    limit: int = DEFAULT_LIMIT,
    check_chain: bool = True,
) -> AuditPage:
    """The entries matching every given filter, newest first, at most `limit` of them,
    with the number matching and the state of the hash chain. Supervisors and Admin TI
    only (Permission.VIEW_AUDIT); the viewing itself is recorded (see the module note).
    `start` and `end` are local dates, both included. Walking the chain costs about a
    second per 100,000 entries: a screen may pass `check_chain=False` to show the rows
    first and call `chain_status` next."""
    _require_viewer(store, actor)
    person = (person or "").strip() or None
    nik = _nik_filter(nik)
    if start is not None and end is not None and end < start:
        raise AuditRefused(
            f"tanggal akhir {end.isoformat()} sebelum tanggal awal {start.isoformat()}; "
            "tukar kedua tanggal"
        )
    if limit < 1:
        raise AuditRefused(f"batas baris harus paling sedikit 1, bukan {limit}")

    filters = {
        "person": person,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
    }
    store.audit(actor.username, VIEW_AUDIT, nik=nik, detail={k: v for k, v in filters.items() if v})

    where, params = _where(person, start, end, nik)
    (total,) = store.conn.execute("SELECT count(*) FROM audit" + where, params).fetchone()
    # A busy person's entries are dense in the log: reading it newest-first stops after
    # `limit` rows, where the index would fetch and sort all of them.
    dense = person is not None and nik is None and total > 5 * limit
    sql, params = entries_query(person, start, end, nik, limit, person_by_index=not dense)
    rows = [_row(*row) for row in store.conn.execute(sql, params)]
    return AuditPage(rows=rows, total=total, chain=_chain(store) if check_chain else None)


def chain_status(store: Store, actor: Session) -> ChainStatus:
    """Walk the whole hash chain, as `loket-admin check` does; for Permission.VIEW_AUDIT."""
    _require_viewer(store, actor)
    return _chain(store)


def _chain(store: Store) -> ChainStatus:
    (count,) = store.conn.execute("SELECT count(*) FROM audit").fetchone()
    return ChainStatus(rows=count, broken=audit.verify(store.conn))


def audit_people(store: Store, actor: Session) -> list[Person]:
    """The people to filter by: every account, then any other name the log holds (a
    mistyped sign-in name, `loket-admin:<user>`), each once, sorted by username."""
    _require_viewer(store, actor)
    accounts = dict(store.conn.execute("SELECT username, full_name FROM operators"))
    # DISTINCT on the leading column of audit_actor reads the index, not the table.
    others = [a for (a,) in store.conn.execute("SELECT DISTINCT actor FROM audit")]
    people = [Person(u, n) for u, n in sorted(accounts.items())]
    people += [Person(a, None) for a in sorted(set(others) - set(accounts))]
    return people


__all__ = [
    "ACTION_LABELS",
    "AuditPage",
    "AuditRefused",
    "AuditRow",
    "ChainStatus",
    "Person",
    "audit_entries",
    "audit_people",
    "chain_status",
    "describe",
]
