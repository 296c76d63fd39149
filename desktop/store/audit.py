"""The hash-chained audit log: who did what, when, and which NIK they saw.

Each row's hash covers its own fields and the previous row's hash, so an edited or
deleted row breaks the chain at that point and `check` can name it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def _row_hash(
    prev_hash: str, row_id: int, at: str, actor: str, action: str, nik: str | None, detail: str
) -> str:
    material = json.dumps(
        [prev_hash, row_id, at, actor, action, nik, detail], ensure_ascii=False
    ).encode()
    return hashlib.sha256(material).hexdigest()


def append(
    conn: sqlite3.Connection,
    actor: str,
    action: str,
    *,
    nik: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> int:
    """Append one audit entry; the caller holds the write transaction."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    row_id = (last[0] + 1) if last else 1
    prev_hash = last[1] if last else GENESIS
    at_text = (at or datetime.now().astimezone()).isoformat(timespec="seconds")
    detail_text = json.dumps(detail or {}, sort_keys=True, ensure_ascii=False)
    digest = _row_hash(prev_hash, row_id, at_text, actor, action, nik, detail_text)
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, nik, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (row_id, at_text, actor, action, nik, detail_text, prev_hash, digest),
    )
    return row_id


@dataclass(frozen=True)
class ChainBreak:
    row_id: int
    reason: str

    def __str__(self) -> str:
        return f"audit baris {self.row_id}: {self.reason}"


def verify(conn: sqlite3.Connection) -> ChainBreak | None:
    """Walk the chain from the start; return the first broken row, or None if intact."""
    expected_prev = GENESIS
    expected_id = 1
    cursor = conn.execute(
        "SELECT id, at, actor, action, nik, detail, prev_hash, hash FROM audit ORDER BY id"
    )
    for row_id, at, actor, action, nik, detail, prev_hash, stored in cursor:
        if row_id != expected_id:
            return ChainBreak(
                expected_id, f"baris hilang (berikutnya yang ada: {row_id}); log telah dihapus"
            )
        if prev_hash != expected_prev:
            return ChainBreak(row_id, "tidak tersambung ke baris sebelumnya; log telah diubah")
        if _row_hash(prev_hash, row_id, at, actor, action, nik, detail) != stored:
            return ChainBreak(row_id, "isi tidak cocok dengan hash-nya; baris ini telah diubah")
        expected_prev = stored
        expected_id += 1
    return None
