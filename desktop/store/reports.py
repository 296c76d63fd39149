"""Event reports (lapor peristiwa) at the counter: a death, a move out of the city, or a
wrong or damaged card, often discovered during a handover.

One transaction holds the report's event, the card event it causes and the audit entry.
The card moves only where the card rules (`desktop.core.cards.TRANSITIONS`) allow: a
death withholds the card until the Dinas has checked the report, a data error or a
damaged print withholds it for reprint, a move out marks the holder moved; a card already
handed over stays handed over. The report is recorded in every case and says what
happened to the card, so the reporter's proof and the supervisor's list can tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.cards import CardStatus
from desktop.core.events import EventType
from desktop.core.regions import regions
from desktop.core.roles import Permission, require
from desktop.core.services import (
    REPORT_PREFIX,
    CardOutcome,
    ErrorField,
    FormError,
    ReportForm,
    ReportKind,
    ReportProof,
    ReportRow,
    card_effect,
    card_outcome_text,
    check_report,
)
from desktop.store.counter import panel_for_nik
from desktop.store.recording import next_service_number
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError

__all__ = ["ReportReceipt", "ReportRefused", "report_event", "report_proof", "reports"]


class ReportRefused(StoreError):
    """The report cannot be recorded as given; the message says what to fix. `field`
    names the form field to fix, when one is to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ReportReceipt:
    report_no: str
    event_id: str
    kind: ReportKind
    nik: str
    nama: str
    card_id: str | None
    card_outcome: CardOutcome
    card_text: str  # what happened to the card, in a sentence
    wall_time: str


def report_event(
    store: Store, actor: Session, form: ReportForm, *, today: date | None = None
) -> ReportReceipt:
    """Record a report and what it does to the card of the person reported on."""
    require(actor.role, Permission.COUNTER_SERVICES)
    try:
        checked = check_report(form, today=today or date.today())
    except FormError as error:
        raise ReportRefused(str(error), error.field) from error
    with store.write():
        panel = panel_for_nik(store, checked.nik)
        card = panel.card
        if panel.resident is None and card is None:
            raise ReportRefused(
                f"NIK {checked.nik} tidak ada di register penduduk maupun manifes kartu; "
                "periksa NIK pada KK atau akta, lalu ulangi",
                "nik",
            )
        if card is None and checked.kind is ReportKind.DATA_ERROR:
            raise ReportRefused(
                f"belum ada KTP-el tercetak untuk NIK {checked.nik}; kesalahan data hanya "
                "dilaporkan untuk kartu yang sudah dicetak",
                "kind",
            )
        nama = panel.resident.nama if panel.resident else card.nama if card else ""
        before = CardStatus(card.status) if card else None
        effect = card_effect(checked.kind, checked.error_field, before)
        text = card_outcome_text(effect.outcome, reason=effect.reason, status=before)
        device = store.require_device()
        number = next_service_number(store, "population_reports", REPORT_PREFIX)
        officer = store.conn.execute(
            "SELECT full_name FROM operators WHERE username = ?", (actor.username,)
        ).fetchone()
        event = store.append(
            EventType.POPULATION_EVENT_REPORTED,
            {
                "report_no": number,
                **checked.payload(),
                "card_id": card.card_id if card else None,
                "workstation": device.workstation,
                "operator": actor.username,
                "operator_name": officer[0] if officer else actor.full_name,
                # Not projected: what the report found and did, for its proof and lists.
                "nama": nama,
                "card_status": before.value if before else None,
                "card_outcome": effect.outcome.value,
                "card_reason": effect.reason,
            },
        )
        if effect.event is not None and card is not None:
            payload = {
                "card_id": card.card_id,
                "nik": checked.nik,
                "actor": actor.username,
                "report_no": number,
                "reason": effect.reason,
            }
            if effect.event is EventType.HOLDER_MOVED:
                payload["reason"] = f"dilaporkan pindah keluar, SKPWNI {checked.document_no}"
            store.append(effect.event, payload)
        store.audit(
            actor.username,
            "population-report",
            nik=checked.nik,
            detail={
                "report_no": number,
                "kind": checked.kind.value,
                "card_id": card.card_id if card else None,
                "card_outcome": effect.outcome.value,
            },
        )
    return ReportReceipt(
        number,
        event.event_id,
        checked.kind,
        checked.nik,
        nama,
        card.card_id if card else None,
        effect.outcome,
        text,
        event.wall_time,
    )


# -- lists and proofs -------------------------------------------------------------------

_COLUMNS = (
    "p.report_no, p.wall_time, p.site, p.workstation, p.kind, p.error_field, p.nik,"
    " coalesce(json_extract(j.payload, '$.nama'), r.nama, c.nama, ''), p.card_id,"
    " p.reporter_name, p.reporter_relation, p.document_no, p.event_date, p.note,"
    " coalesce(p.operator_name, o.full_name, p.operator),"
    " json_extract(j.payload, '$.card_outcome'), json_extract(j.payload, '$.card_reason'),"
    " json_extract(j.payload, '$.card_status')"
)
_FROM = (
    " FROM population_reports p JOIN journal j ON j.event_id = p.event_id"
    " LEFT JOIN residents r ON r.nik = p.nik LEFT JOIN cards c ON c.card_id = p.card_id"
    " LEFT JOIN operators o ON o.username = p.operator"
)


def _row(r: tuple) -> ReportRow:
    outcome = CardOutcome(r[15]) if r[15] else CardOutcome.NO_CARD
    status = CardStatus(r[17]) if r[17] else None
    return ReportRow(
        report_no=r[0],
        wall_time=r[1],
        site=r[2],
        workstation=r[3],
        kind=ReportKind(r[4]),
        error_field=ErrorField(r[5]) if r[5] else None,
        nik=r[6],
        nama=r[7],
        card_id=r[8],
        reporter_name=r[9],
        reporter_relation=r[10],
        document_no=r[11],
        event_date=r[12],
        note=r[13] or "",
        operator_name=r[14],
        card_outcome=outcome,
        card_text=card_outcome_text(outcome, reason=r[16], status=status),
    )


def reports(
    store: Store,
    actor: Session,
    *,
    day: date | None = None,
    kind: ReportKind | str | None = None,
    site: str | None = None,
    until: date | None = None,
) -> list[ReportRow]:
    """The reports of `day` (None: every day; with `until`, `day` to `until`) of `kind` at
    `site` (None: all), oldest first, each with what it did to the card."""
    require(actor.role, Permission.MANAGE_REQUESTS)
    where, params = [], []
    if day is not None:
        where.append("substr(p.wall_time, 1, 10) BETWEEN ? AND ?")
        params += [day.isoformat(), (until or day).isoformat()]
    if kind is not None:
        where.append("p.kind = ?")
        params.append(ReportKind(kind).value)
    if site is not None:
        where.append("p.site = ?")
        params.append(site)
    sql = f"SELECT {_COLUMNS}{_FROM}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY p.wall_time, p.report_no"
    return [_row(r) for r in store.conn.execute(sql, params)]


def report_proof(store: Store, report_no: str) -> ReportProof:
    """The content of a report's proof, rebuilt from the store (for printing)."""
    r = store.conn.execute(f"SELECT {_COLUMNS}{_FROM} WHERE p.report_no = ?", (report_no,))
    found = r.fetchone()
    if found is None:
        raise ReportRefused(f"laporan {report_no} tidak ditemukan")
    row = _row(found)
    office = regions().sites.get(row.site)
    return ReportProof(
        report_no=row.report_no,
        issued_at=row.wall_time,
        site=row.site,
        office_name=office.name if office else row.site,
        office_address=office.address if office else "",
        workstation=row.workstation,
        kind=row.kind,
        error_field=row.error_field,
        nik=row.nik,
        nama=row.nama,
        reporter_name=row.reporter_name,
        reporter_relation=row.reporter_relation,
        document_no=row.document_no,
        event_date=row.event_date,
        note=row.note,
        card_id=row.card_id,
        card_outcome=row.card_outcome,
        card_text=row.card_text,
        operator_name=row.operator_name,
    )
