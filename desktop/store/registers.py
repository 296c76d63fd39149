"""The supervisor's end of day: the daily handover register and the drawer reconciliation.

Everything here reads the projections and the journal; the only write is
`record_drawer_count`, which appends a `DRAWER_COUNTED` event. Days are the local calendar
day of an event's wall time (`substr(wall_time, 1, 10)`), the day printed on the receipt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop.core.events import EventType
from desktop.core.handover import OldKtp
from desktop.core.regions import regions
from desktop.core.registers import (
    CORRECTED,
    HANDED,
    HOME_VISIT,
    VOIDED,
    DailyRegister,
    DrawerRecord,
    RegisterRow,
    Total,
    totals,
)
from desktop.core.roles import Permission, Role, require
from desktop.store.sessions import Session
from desktop.store.store import Store, StoreError

__all__ = [
    "CORRECTED",
    "HANDED",
    "HOME_VISIT",
    "VOIDED",
    "DailyRegister",
    "DrawerCount",
    "DrawerCountRefused",
    "DrawerRecord",
    "RegisterRow",
    "Total",
    "daily_register",
    "drawer_expected",
    "drawer_record",
    "record_drawer_count",
    "register_for",
    "totals",
]


OLD_KTP_SHORT = {
    OldKtp.WITHDRAWN.value: "ditarik",
    OldKtp.LOST.value: "hilang",
    OldKtp.NONE.value: "tidak ada",
}


class DrawerCountRefused(StoreError):
    """The count may not be recorded as entered; the message says what is missing."""


@dataclass(frozen=True)
class DrawerCount:
    """What should be in a site's card drawer on a day.

    - `start`: cards of the site announced (`card_received`) before the day that had not
      left the drawer before the day, by a live handover or a `card_returned`;
    - `received`: cards of the site announced during the day (they go into the drawer);
    - `handed_over`: cards with a live handover at the site during the day;
    - `returned`: cards of the site sent back (`card_returned`) during the day.

    `expected = start + received - handed_over - returned`. Withheld, uncollected and
    similar cards stay in the office, so they stay in the count until returned. A voided
    handover counts as never having happened: the card is back in the drawer.
    """

    site: str
    day: date
    start: int
    received: int
    handed_over: int
    returned: int

    @property
    def expected(self) -> int:
        return self.start + self.received - self.handed_over - self.returned


def _kelurahan_name(code: str | None) -> str:
    if not code:
        return "-"
    found = regions().find_kelurahan(code)
    return found.name if found else code


def _correction_text(correction: dict) -> str:
    """ "KTP lama ditarik → hilang (surat polisi LP/12/XI/2026): alasan"."""
    was = OLD_KTP_SHORT.get(correction.get("was", {}).get("old_ktp"), "?")
    now = OLD_KTP_SHORT.get(correction.get("old_ktp"), "?")
    letter = correction.get("police_letter")
    text = f"KTP lama {was} → {now}" + (f" (surat polisi {letter})" if letter else "")
    reason = str(correction.get("reason") or "")
    return f"{text}: {reason}" if reason else text


def daily_register(store: Store, site: str, day: date) -> DailyRegister:
    """Every handover recorded at `site` on `day`, in time order, with its recaps and the
    day's drawer count if one was recorded."""
    query = """
        SELECT h.wall_time, h.receipt_no, h.nik,
               coalesce(h.holder_name, r.nama, c.nama),
               coalesce(r.kode_kelurahan, c.kode_kelurahan),
               coalesce(h.operator_name, o.full_name, h.operator),
               h.voided_by, hj.payload, vj.payload, cj.payload
        FROM handovers h
        LEFT JOIN residents r ON r.nik = h.nik
        LEFT JOIN cards c ON c.card_id = h.card_id
        LEFT JOIN operators o ON o.username = h.operator
        LEFT JOIN journal hj ON hj.event_id = h.event_id
        LEFT JOIN journal vj ON vj.event_id = h.voided_by
        LEFT JOIN journal cj ON cj.event_id = h.corrected_by
        WHERE h.site = ? AND substr(h.wall_time, 1, 10) = ?
        ORDER BY h.wall_time, h.receipt_no
    """
    rows: list[RegisterRow] = []
    names: dict[str | None, str] = {}
    for (
        wall,
        receipt_no,
        nik,
        name,
        code,
        operator,
        voided_by,
        payload,
        void_payload,
        correction_payload,
    ) in store.conn.execute(query, (site, day.isoformat())):
        if code not in names:
            names[code] = _kelurahan_name(code)
        details = json.loads(payload) if payload else {}
        reason = ""
        if voided_by:
            status = VOIDED
            reason = str((json.loads(void_payload) if void_payload else {}).get("reason") or "")
        elif correction_payload:
            status = CORRECTED
            reason = _correction_text(json.loads(correction_payload))
        elif details.get("home_visit"):
            status = HOME_VISIT
        else:
            status = HANDED
        rows.append(
            RegisterRow(
                time=wall[11:16],
                receipt_no=receipt_no,
                nik=nik,
                name=name or "-",
                kelurahan=names[code],
                operator=operator,
                status=status,
                reason=reason,
                home_visit=bool(details.get("home_visit")),
            )
        )
    known = regions().sites.get(site)
    return DailyRegister(
        site=site,
        office=known.name if known else site,
        day=day,
        rows=rows,
        per_kelurahan=totals(rows, lambda r: r.kelurahan),
        per_operator=totals(rows, lambda r: r.operator),
        reconciliation=drawer_record(store, site, day),
    )


def register_for(
    store: Store, actor: Session, site: str, day: date, *, paper: bool = False
) -> DailyRegister:
    """`daily_register` for a signed-in supervisor; a printed or saved copy (`paper`) is
    recorded in the audit log, since it carries every NIK and name of the day."""
    require(actor.role, Permission.PRINT_REGISTER)
    register = daily_register(store, site, day)
    if paper:
        store.audit(
            actor.username,
            "print-register",
            detail={"site": site, "day": day.isoformat(), "rows": len(register.rows)},
        )
    return register


def drawer_expected(store: Store, site: str, day: date) -> DrawerCount:
    """Count what should be in the drawer of `site` on `day` (see `DrawerCount`)."""
    (start, received, handed, returned) = store.conn.execute(
        """
        WITH site_cards AS (
            SELECT json_extract(payload, '$.card_id') AS card_id,
                   min(substr(wall_time, 1, 10)) AS day
            FROM journal
            WHERE type = :received AND json_extract(payload, '$.site') = :site
            GROUP BY 1
        ),
        gone AS (
            SELECT h.card_id, min(substr(h.wall_time, 1, 10)) AS day, 'h' AS how
            FROM handovers h JOIN site_cards s ON s.card_id = h.card_id
            WHERE h.voided_by IS NULL AND h.site = :site
            GROUP BY h.card_id
            UNION ALL
            SELECT json_extract(j.payload, '$.card_id'), min(substr(j.wall_time, 1, 10)), 'r'
            FROM journal j JOIN site_cards s ON s.card_id = json_extract(j.payload, '$.card_id')
            WHERE j.type = :returned
            GROUP BY 1
        )
        SELECT
            (SELECT count(*) FROM site_cards s WHERE s.day < :day AND NOT EXISTS
                (SELECT 1 FROM gone g WHERE g.card_id = s.card_id AND g.day < :day)),
            (SELECT count(*) FROM site_cards WHERE day = :day),
            (SELECT count(DISTINCT card_id) FROM gone WHERE how = 'h' AND day = :day),
            (SELECT count(DISTINCT card_id) FROM gone WHERE how = 'r' AND day = :day)
        """,
        {
            "site": site,
            "day": day.isoformat(),
            "received": EventType.CARD_RECEIVED.value,
            "returned": EventType.CARD_RETURNED.value,
        },
    ).fetchone()
    return DrawerCount(site, day, start, received, handed, returned)


def drawer_record(store: Store, site: str, day: date) -> DrawerRecord | None:
    """The latest recorded count of the drawer of `site` on `day`, if any."""
    row = store.conn.execute(
        "SELECT event_id, site, day, start_count, received, handed_over, returned, expected,"
        " counted, difference, note, supervisor, coalesce(supervisor_name, supervisor),"
        " wall_time FROM drawer_counts WHERE site = ? AND day = ?"
        " ORDER BY hlc DESC LIMIT 1",
        (site, day.isoformat()),
    ).fetchone()
    if row is None:
        return None
    values = list(row)
    values[2] = date.fromisoformat(values[2])
    return DrawerRecord(*values)


def record_drawer_count(
    store: Store, site: str, day: date, counted: int, note: str, supervisor: str
) -> DrawerRecord:
    """Record the supervisor's physical count of the drawer against what should be there.

    `supervisor` is a username; the account must be active and allowed to approve. A count
    that differs from the expected number needs a note saying what was found.
    """
    if counted < 0:
        raise DrawerCountRefused("jumlah kartu hasil hitung tidak boleh negatif")
    note = (note or "").strip()
    with store.write():
        account = store.conn.execute(
            "SELECT full_name, role, active FROM operators WHERE username = ?", (supervisor,)
        ).fetchone()
        if account is None or not account[2]:
            raise DrawerCountRefused(f"akun supervisor '{supervisor}' tidak dikenal atau nonaktif")
        require(Role(account[1]), Permission.APPROVE)
        expected = drawer_expected(store, site, day)
        difference = counted - expected.expected
        if difference and not note:
            raise DrawerCountRefused(
                f"hasil hitung ({counted}) berbeda {difference:+d} dari yang seharusnya "
                f"({expected.expected}); tuliskan catatan penjelasannya"
            )
        event = store.append(
            EventType.DRAWER_COUNTED,
            {
                "site": site,
                "day": day.isoformat(),
                "start": expected.start,
                "received": expected.received,
                "handed_over": expected.handed_over,
                "returned": expected.returned,
                "expected": expected.expected,
                "counted": counted,
                "difference": difference,
                "note": note,
                "supervisor": supervisor,
                "supervisor_name": account[0],
            },
        )
        store.audit(
            supervisor,
            "drawer-count",
            detail={"site": site, "day": day.isoformat(), "difference": difference},
        )
    record = drawer_record(store, site, day)
    assert record is not None and record.event_id == event.event_id
    return record
