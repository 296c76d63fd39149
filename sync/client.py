"""The workstation side of sync: push this device's journal, pull everyone's, reconcile.

It sees the local store only through the small `Journal` interface below, so it runs the
same from `loket-admin sync`, from the app's background worker and from tests, and never
imports Qt. Network trouble and server errors are retried later; refusals (401, 403, a
version the server does not take) stop and say why in plain words.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import httpx

from sync.protocol import (
    CLIENT_TIME_HEADER,
    CLOCK_SKEW_LIMIT_MS,
    MAX_PAGE,
    PROTOCOL_VERSION,
    reconcile_digest,
)

TIMEOUT = httpx.Timeout(15.0, connect=5.0)


class Journal(Protocol):
    """What sync needs from a workstation's store."""

    def device_id(self) -> str: ...
    def schema_version(self) -> int: ...
    def acked_seq(self) -> int: ...
    def set_acked_seq(self, seq: int) -> None: ...
    def own_max_seq(self) -> int: ...
    def pending(self, after_seq: int, limit: int) -> list[dict[str, Any]]: ...
    def own_event_ids(self, max_seq: int) -> list[str]: ...
    def feed_cursor(self) -> int: ...
    def apply_feed(self, events: list[dict[str, Any]], next_cursor: int) -> int: ...
    def reset_feed_cursor(self) -> None: ...


class SyncError(Exception):
    """Sync did not complete; `retry` says whether trying again later may help."""

    retry = True


class SyncRefused(SyncError):
    """The server refused this workstation (revoked, wrong site, unknown version...)."""

    retry = False


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    clock_skew_ms: int = 0
    reconciled: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def clock_off(self) -> bool:
        return abs(self.clock_skew_ms) > CLOCK_SKEW_LIMIT_MS


def _now() -> datetime:
    return datetime.now(UTC)


def _refusal(response: httpx.Response) -> SyncError:
    try:
        body = response.json()
        detail = body.get("detail") or body.get("error") or ""
    except ValueError:
        detail = response.text[:200]
    status = response.status_code
    if status == 401:
        return SyncRefused(f"server menolak token loket ini ({detail}); daftarkan ulang loket")
    if status == 403:
        return SyncRefused(f"server menolak: {detail}")
    if status in (400, 413, 422):
        return SyncRefused(f"server menolak data yang dikirim ({status}: {detail})")
    if status == 409:
        return SyncRefused(f"jurnal loket ini bertentangan dengan server: {detail}")
    return SyncError(f"server bermasalah ({status}); dicoba lagi nanti")


def enroll(base_url: str, code: str, proposed_device_id: str | None) -> dict[str, Any]:
    """Exchange a one-time code for this workstation's device id and token."""
    body = {"code": code.strip(), "hostname": socket.gethostname()}
    if proposed_device_id:
        body["device_id"] = proposed_device_id
    try:
        response = httpx.post(f"{base_url.rstrip('/')}/v1/enroll", json=body, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        raise SyncError(f"server {base_url} tidak terjangkau: {exc}") from exc
    if response.status_code == 403:
        raise SyncRefused("kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa")
    if response.status_code != 200:
        raise _refusal(response)
    return response.json()


class SyncClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        journal: Journal,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.journal = journal
        self.http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
            transport=transport,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        headers = {CLIENT_TIME_HEADER: _now().isoformat(timespec="milliseconds")}
        try:
            response = self.http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            raise SyncError(f"server tidak terjangkau ({type(exc).__name__}); dicoba lagi") from exc
        if response.status_code == 200:
            return response.json()
        if response.status_code == 409:
            body = response.json()
            if body.get("error") == "gap":
                raise _GapAnswer(int(body["expected_seq"]))
        raise _refusal(response)

    # -- one round ---------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        report = SyncReport()
        self._check_meta(report)
        self._push(report)
        self._pull(report)
        if not self._reconcile(report):
            self._push(report)
            self._pull(report)
            report.reconciled = self._reconcile(report)
        return report

    def _check_meta(self, report: SyncReport) -> None:
        started = _now()
        meta = self._call("GET", "/v1/meta")
        if meta.get("protocol") != PROTOCOL_VERSION:
            raise SyncRefused(
                f"server memakai protokol {meta.get('protocol')}, loket ini {PROTOCOL_VERSION}; "
                "perbarui aplikasi Loket"
            )
        ours = self.journal.schema_version()
        schema = meta.get("schema", {})
        if not schema.get("min", 0) <= ours <= schema.get("max", 0):
            raise SyncRefused(
                f"server menerima versi data {schema.get('min')}..{schema.get('max')}, loket "
                f"ini {ours}; loket tetap bekerja offline, perbarui aplikasi Loket"
            )
        server_time = datetime.fromisoformat(meta["server_time"])
        midpoint = started + (_now() - started) / 2
        report.clock_skew_ms = int((midpoint - server_time).total_seconds() * 1000)

    def _push(self, report: SyncReport) -> None:
        device = self.journal.device_id()
        acked = self.journal.acked_seq()
        while True:
            page = self.journal.pending(acked, MAX_PAGE)
            if not page:
                return
            try:
                answer = self._call("POST", f"/v1/devices/{device}/events", json={"events": page})
            except _GapAnswer as gap:
                # The server holds fewer (or more) of our events than we thought: continue
                # from where it stands. Resending held events is harmless.
                if gap.expected_seq - 1 == acked:
                    raise SyncRefused(
                        f"server menunggu seq {gap.expected_seq} tetapi jurnal loket tidak "
                        "memilikinya; hubungi tim TI"
                    ) from None
                acked = gap.expected_seq - 1
                self.journal.set_acked_seq(acked)
                continue
            acked = int(answer["acked_through"])
            self.journal.set_acked_seq(acked)
            report.pushed += int(answer["stored"])
            report.duplicates += int(answer["duplicates"])

    def _pull(self, report: SyncReport) -> None:
        cursor = self.journal.feed_cursor()
        while True:
            page = self._call("GET", "/v1/feed", params={"since": cursor, "limit": MAX_PAGE})
            report.pulled += self.journal.apply_feed(page["events"], int(page["next"]))
            cursor = int(page["next"])
            if not page["more"]:
                return

    def _reconcile(self, report: SyncReport) -> bool:
        device = self.journal.device_id()
        acked = self.journal.acked_seq()
        ids = self.journal.own_event_ids(acked)
        answer = self._call(
            "POST",
            f"/v1/devices/{device}/reconcile",
            json={"max_seq": acked, "count": len(ids), "digest": reconcile_digest(ids)},
        )
        report.reconciled = bool(answer["match"])
        if report.reconciled:
            return True
        server_max = int(answer["server_max_seq"])
        if server_max < acked:
            report.notes.append(f"server hanya memegang sampai seq {server_max}; dikirim ulang")
            self.journal.set_acked_seq(server_max)
        else:
            report.notes.append("jurnal berbeda dengan server; ditarik ulang dari awal")
            self.journal.reset_feed_cursor()
        return False


class _GapAnswer(Exception):
    def __init__(self, expected_seq: int) -> None:
        self.expected_seq = expected_seq
