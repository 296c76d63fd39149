"""The HTTP face of the central store (FastAPI). Stateless: every request opens its own
connection, so several server processes can share one database."""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sync.protocol import (
    CLIENT_TIME_HEADER,
    CLOCK_SKEW_LIMIT_MS,
    MAX_BODY,
    MAX_PAGE,
    PROTOCOL_VERSION,
    SCHEMA_MAX,
    SCHEMA_MIN,
    Invalid,
    ProtocolError,
    TooLarge,
    parse_page,
)
from sync.server import central
from sync.server.db import Database

log = logging.getLogger("loket.server")


def _server_time() -> str:
    return central.now().isoformat(timespec="milliseconds")


async def _json_body(request: Request) -> object:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge(f"badan permintaan lebih dari {MAX_BODY} byte")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise TooLarge(f"badan permintaan lebih dari {MAX_BODY} byte")
    try:
        return json.loads(body, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, or an absurd number
        raise Invalid(f"badan permintaan bukan JSON yang sah: {exc}") from None


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} bukan nilai JSON")


def _skew_ms(request: Request) -> int | None:
    sent = request.headers.get(CLIENT_TIME_HEADER)
    if not sent:
        return None
    try:
        client = datetime.fromisoformat(sent)
    except ValueError:
        return None
    if client.tzinfo is None:
        return None
    return int((client - central.now()).total_seconds() * 1000)


def create_app(database: Database) -> FastAPI:
    app = FastAPI(title="loket-server", version=str(PROTOCOL_VERSION), docs_url=None)

    @app.exception_handler(ProtocolError)
    async def refused(request: Request, exc: ProtocolError) -> JSONResponse:
        log.info(
            "refused",
            extra={"path": request.url.path, "status": exc.status, "error": exc.error},
        )
        return JSONResponse(exc.body(), status_code=exc.status)

    def run(fn, *args):
        def work():
            with database.connect() as conn:
                return fn(conn, *args)

        return run_in_threadpool(work)

    async def device_of(request: Request) -> central.Device:
        return await run(central.authenticate, request.headers.get("authorization"))

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/v1/meta")
    async def meta(request: Request) -> dict:
        await device_of(request)
        return {
            "protocol": PROTOCOL_VERSION,
            "schema": {"min": SCHEMA_MIN, "max": SCHEMA_MAX},
            "server_time": _server_time(),
            "max_page": MAX_PAGE,
        }

    @app.post("/v1/enroll")
    async def enroll(request: Request) -> dict:
        body = await _json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("code"), str):
            raise Invalid("code: wajib berupa teks")
        hostname = body.get("hostname") if isinstance(body.get("hostname"), str) else ""
        proposed = body.get("device_id") if isinstance(body.get("device_id"), str) else None
        device, token = await run(central.enrol, body["code"], hostname, proposed)
        log.info("enrolled", extra={"device": device.device_id})
        return {
            "device_id": device.device_id,
            "site": device.site,
            "workstation": device.workstation,
            "token": token,
        }

    @app.post("/v1/devices/{device_id}/events")
    async def push(device_id: str, request: Request) -> dict:
        started = time.perf_counter()
        device = await device_of(request)
        events = parse_page(await _json_body(request))
        skew = _skew_ms(request)
        result = await run(central.push, device, device_id, events, skew)
        log.info(
            "push",
            extra={
                "device": device.device_id,
                "stored": result.stored,
                "duplicates": result.duplicates,
                "ms": round(1000 * (time.perf_counter() - started), 1),
            },
        )
        answer = {
            "acked_through": result.acked_through,
            "stored": result.stored,
            "duplicates": result.duplicates,
            "server_time": _server_time(),
        }
        if skew is not None and abs(skew) > CLOCK_SKEW_LIMIT_MS:
            answer["clock_skew_ms"] = skew
        return answer

    @app.get("/v1/feed")
    async def feed(request: Request, since: str = "0", limit: str = str(MAX_PAGE)) -> dict:
        await device_of(request)
        try:
            since_n, limit_n = int(since), int(limit)
        except ValueError:
            raise _bad("since dan limit harus bilangan bulat") from None
        if since_n < 0:
            raise _bad("since tidak boleh negatif")
        if not 1 <= limit_n <= MAX_PAGE:
            raise _bad(f"limit harus 1..{MAX_PAGE}")
        page = await run(central.feed, since_n, limit_n)
        return {"events": page.events, "next": page.next, "more": page.more}

    @app.post("/v1/devices/{device_id}/reconcile")
    async def reconcile(device_id: str, request: Request) -> dict:
        device = await device_of(request)
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise Invalid("badan permintaan harus objek JSON")
        for name in ("max_seq", "count"):
            value = body.get(name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Invalid(f"{name}: harus bilangan bulat ≥ 0")
        if not isinstance(body.get("digest"), str):
            raise Invalid("digest: wajib berupa teks")
        result = await run(
            central.reconcile, device, device_id, body["max_seq"], body["count"], body["digest"]
        )
        return {
            "match": result.match,
            "server_max_seq": result.server_max_seq,
            "server_count": result.server_count,
        }

    return app


def _bad(message: str) -> ProtocolError:
    error = ProtocolError(message)
    error.status, error.error = 400, "bad_request"
    return error
