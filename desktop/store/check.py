"""`loket-admin check`: is the store whole, the journal gap-free, the audit chain intact?"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop.core.progress import number_text
from desktop.store import audit
from desktop.store.store import Store


@dataclass
class CheckReport:
    findings: list[str] = field(default_factory=list)
    events: int = 0
    devices: int = 0
    audit_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings


def report_lines(report: CheckReport) -> list[str]:
    """What `loket-admin check` says, line by line (also the support bundle's check.txt)."""
    if not report.ok:
        return [f"RUSAK: {finding}" for finding in report.findings]
    return [
        f"Baik: {number_text(report.events)} event dari {report.devices} perangkat tanpa "
        f"celah, {number_text(report.audit_rows)} baris audit dengan rantai hash utuh."
    ]


def first_journal_gap(conn: sqlite3.Connection) -> str | None:
    """Name the first missing seq of the first device whose journal has a gap."""
    devices = conn.execute(
        "SELECT device_id, count(*), min(seq), max(seq) FROM journal GROUP BY device_id"
        " ORDER BY device_id"
    ).fetchall()
    for device_id, count, low, high in devices:
        if low == 1 and high == count:
            continue
        expected = 1
        for (seq,) in conn.execute(
            "SELECT seq FROM journal WHERE device_id = ? ORDER BY seq", (device_id,)
        ):
            if seq != expected:
                return (
                    f"jurnal perangkat {device_id}: seq {expected} hilang "
                    f"(berikutnya yang ada: {seq}); ada event yang dihapus"
                )
            expected += 1
    return None


def check_store(store: Store) -> CheckReport:
    conn = store.conn
    report = CheckReport()
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        report.findings.extend(f"integrity_check: {p}" for p in problems[:20])
        return report  # the rest reads a damaged file; stop here
    try:
        conn.execute(
            "INSERT INTO residents_fts (residents_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as exc:
        report.findings.append(
            f"indeks pencarian nama rusak ({exc}); jalankan 'loket-admin rebuild'"
        )
    report.events, report.devices = conn.execute(
        "SELECT count(*), count(DISTINCT device_id) FROM journal"
    ).fetchone()
    gap = first_journal_gap(conn)
    if gap:
        report.findings.append(gap)
    report.audit_rows = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    broken = audit.verify(conn)
    if broken:
        report.findings.append(str(broken))
    return report
