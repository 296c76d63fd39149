"""loket-server's HTTP API, call by call against PROTOCOL.md: a real uvicorn server on
127.0.0.1 over a real embedded PostgreSQL, spoken to with httpx.

Every refusal is checked three ways: the status, the JSON error body, and that the store
holds exactly what it held before (events, the feed counter, the card handovers).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from sync.protocol import MAX_BODY, MAX_PAGE, canonical, reconcile_digest
from sync.server import central
from sync.server.db import Database

FIELDS = ("event_id", "device_id", "site", "seq", "type", "schema", "wall_time", "hlc", "payload")
CARD = "B20120910-3576011609639115"
NIK = "3576011609639115"
SQL_TEXTS = ("'; DROP TABLE events; --", "Robert'); DELETE FROM devices;--")


@dataclass(frozen=True)
class Dev:
    id: str
    site: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    crashes = 0

    def settle(response: httpx.Response) -> None:
        # A 500 is sent before uvicorn logs its traceback: let that finish (see conftest).
        nonlocal crashes
        if response.status_code >= 500:
            crashes += 1
            server.errors.wait(crashes)

    with httpx.Client(
        base_url=server.url,
        timeout=30,
        verify=False,
        trust_env=False,
        event_hooks={"response": [settle]},
    ) as c:
        yield c


@pytest.fixture
def device(enrol: Callable[..., tuple[str, str]]) -> Callable[..., Dev]:
    def device(site: str = "MGS", workstation: int = 1, **kwargs: Any) -> Dev:
        device_id, token = enrol(site, workstation, **kwargs)
        return Dev(device_id, site, token)

    return device


@pytest.fixture
def mgs(device: Callable[..., Dev]) -> Dev:
    return device("MGS", 1)


@pytest.fixture
def events_of(make_event: Callable[..., dict]) -> Callable[..., list[dict]]:
    """events_of(dev, first, last, **kw): that device's events first..last inclusive."""

    def events_of(dev: Dev, first: int, last: int, **kwargs: Any) -> list[dict]:
        return [make_event(dev.id, dev.site, seq, **kwargs) for seq in range(first, last + 1)]

    return events_of


def push(
    client: httpx.Client,
    dev: Dev,
    events: list[dict],
    *,
    path_device: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return client.post(
        f"/v1/devices/{path_device or dev.id}/events",
        json={"events": events},
        headers={**dev.headers, **(headers or {})},
    )


def push_raw(client: httpx.Client, dev: Dev, content: bytes | Any) -> httpx.Response:
    return client.post(
        f"/v1/devices/{dev.id}/events",
        content=content,
        headers={**dev.headers, "Content-Type": "application/json"},
    )


def ok(answer: httpx.Response) -> dict[str, Any]:
    assert answer.status_code == 200, answer.text
    return answer.json()


def snapshot(database: Database) -> tuple[Any, ...]:
    """What a refused page must leave untouched: every stored event, the feed counter,
    the card handovers."""
    with database.connect() as conn:
        events = conn.execute(
            "SELECT server_seq, device_id, seq, event_id, body FROM events ORDER BY server_seq"
        ).fetchall()
        (last,) = conn.execute("SELECT last FROM feed_counter").fetchone()
        cards = conn.execute(
            "SELECT card_id, event_id, live FROM card_handovers ORDER BY card_id, event_id"
        ).fetchall()
    return len(events), last, events, cards


def refused(
    answer: httpx.Response, status: int, error: str, database: Database, before: tuple
) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == error, body
    assert snapshot(database) == before, "a refused request changed the store"
    return body


def feed_all(client: httpx.Client, dev: Dev, since: int = 0, limit: int = MAX_PAGE) -> list[dict]:
    events: list[dict] = []
    while True:
        page = ok(
            client.get("/v1/feed", params={"since": since, "limit": limit}, headers=dev.headers)
        )
        events += page["events"]
        since = page["next"]
        if not page["more"]:
            return events


def wire(event: dict) -> dict:
    """A feed event without what the server added."""
    return {name: event[name] for name in FIELDS}


def stored_count(database: Database, device_id: str | None = None) -> int:
    with database.connect() as conn:
        if device_id is None:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]
        return conn.execute(
            "SELECT count(*) FROM events WHERE device_id = %s", (device_id,)
        ).fetchone()[0]


# -- health and meta -------------------------------------------------------------------


def test_healthz_needs_no_token(client: httpx.Client) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_meta_needs_a_token(client: httpx.Client) -> None:
    answer = client.get("/v1/meta")
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"


def test_meta_tells_protocol_schemas_time_and_page_size(client: httpx.Client, mgs: Dev) -> None:
    body = ok(client.get("/v1/meta", headers=mgs.headers))
    assert body["protocol"] == 1
    assert body["schema"] == {"min": 1, "max": 1}
    assert body["max_page"] == 500
    server_time = datetime.fromisoformat(body["server_time"])
    assert server_time.tzinfo is not None
    assert abs(server_time - datetime.now(UTC)) < timedelta(seconds=30)


# -- enrolment -------------------------------------------------------------------------


def new_code(database: Database, site: str = "MGS", workstation: int = 1) -> str:
    with database.connect() as conn:
        return central.create_enrol_code(conn, site, workstation)


def device_count(database: Database) -> int:
    with database.connect() as conn:
        return conn.execute("SELECT count(*) FROM devices").fetchone()[0]


@pytest.mark.parametrize(
    ("site", "workstation", "prefix"), [("MGS", 1, "MGS-01-"), ("DSP", 7, "DSP-07-")]
)
def test_a_valid_code_enrols_a_device(
    client: httpx.Client, database: Database, site: str, workstation: int, prefix: str
) -> None:
    code = new_code(database, site, workstation)
    body = ok(client.post("/v1/enroll", json={"code": code, "hostname": "loket-1"}))
    assert body["device_id"].startswith(prefix)
    assert len(body["device_id"]) > len(prefix)
    assert (body["site"], body["workstation"]) == (site, workstation)
    assert isinstance(body["token"], str) and len(body["token"]) >= 32
    ok(client.get("/v1/meta", headers={"Authorization": f"Bearer {body['token']}"}))
    with database.connect() as conn:
        row = conn.execute(
            "SELECT site, workstation, hostname, revoked_at FROM devices WHERE device_id = %s",
            (body["device_id"],),
        ).fetchone()
    assert row == (site, workstation, "loket-1", None)


def test_a_code_enrols_once(client: httpx.Client, database: Database) -> None:
    code = new_code(database)
    ok(client.post("/v1/enroll", json={"code": code, "hostname": "a"}))
    again = client.post("/v1/enroll", json={"code": code, "hostname": "b"})
    assert again.status_code == 403
    assert again.json()["error"] == "forbidden"
    assert "token" not in again.json()
    assert device_count(database) == 1


def test_an_unknown_code_is_refused(client: httpx.Client, database: Database) -> None:
    new_code(database)
    answer = client.post("/v1/enroll", json={"code": "ABCD-EF01-2345-6789", "hostname": "x"})
    assert answer.status_code == 403
    assert answer.json()["error"] == "forbidden"
    assert device_count(database) == 0


def test_an_expired_code_is_refused(client: httpx.Client, database: Database) -> None:
    code = new_code(database)
    with database.connect() as conn:
        conn.execute("UPDATE enrol_codes SET expires_at = now() - interval '1 second'")
    answer = client.post("/v1/enroll", json={"code": code, "hostname": "x"})
    assert answer.status_code == 403
    assert answer.json()["error"] == "forbidden"
    assert device_count(database) == 0


@pytest.mark.parametrize(
    "content", [b"", b"not json", b"[]", b"{}", b'{"code": 5}', b'{"code": null}']
)
def test_a_malformed_enrolment_is_refused(
    client: httpx.Client, database: Database, content: bytes
) -> None:
    new_code(database)
    answer = client.post(
        "/v1/enroll", content=content, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid"
    assert device_count(database) == 0


def test_the_server_keeps_only_hashes_of_tokens_and_codes(
    client: httpx.Client, database: Database
) -> None:
    code = new_code(database)
    body = ok(client.post("/v1/enroll", json={"code": code, "hostname": "x"}))
    with database.connect() as conn:
        devices = conn.execute("SELECT d::text FROM devices d").fetchall()
        codes = conn.execute("SELECT c::text FROM enrol_codes c").fetchall()
    assert len(devices) == 1
    assert body["token"] not in devices[0][0]
    assert code not in codes[0][0]
    assert code.replace("-", "") not in codes[0][0].upper()


def test_a_proposed_device_id_is_kept_when_it_fits_and_is_free(
    client: httpx.Client, database: Database
) -> None:
    def enrol_as(proposed: str, site: str = "MGS", workstation: int = 1) -> str:
        code = new_code(database, site, workstation)
        body = ok(client.post("/v1/enroll", json={"code": code, "device_id": proposed}))
        return body["device_id"]

    assert enrol_as("MGS-01-counter-a") == "MGS-01-counter-a"
    # The same workstation with a fresh code (its first answer was lost) keeps its id.
    assert enrol_as("MGS-01-counter-a") == "MGS-01-counter-a"
    other_site = enrol_as("DSP-01-counter-b")
    assert other_site.startswith("MGS-01-")
    other_workstation = enrol_as("MGS-02-counter-c")
    assert other_workstation.startswith("MGS-01-")
    assert enrol_as("DSP-03-x", "DSP", 3) == "DSP-03-x"
    assert device_count(database) == 4


def test_a_proposed_device_id_too_long_to_push_is_replaced(
    client: httpx.Client, database: Database, make_event: Callable[..., dict]
) -> None:
    code = new_code(database)
    body = ok(client.post("/v1/enroll", json={"code": code, "device_id": "MGS-01-" + "x" * 300}))
    dev = Dev(body["device_id"], "MGS", body["token"])
    assert ok(push(client, dev, [make_event(dev.id, "MGS", 1)]))["stored"] == 1


# -- authentication ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["none", "not-bearer", "empty", "unknown", "revoked"])
def test_every_v1_call_needs_a_live_token(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    who: str,
) -> None:
    ok(client.get("/v1/meta", headers=mgs.headers))
    headers = {
        "none": {},
        "not-bearer": {"Authorization": f"Basic {mgs.token}"},
        "empty": {"Authorization": "Bearer"},
        "unknown": {"Authorization": "Bearer " + "A" * 43},
        "revoked": mgs.headers,
    }[who]
    if who == "revoked":
        with database.connect() as conn:
            assert central.revoke(conn, mgs.id)
    events = events_of(mgs, 1, 3)
    reconcile = {"max_seq": 0, "count": 0, "digest": reconcile_digest([])}
    before = snapshot(database)
    calls = [
        client.get("/v1/meta", headers=headers),
        client.get("/v1/feed", params={"since": 0, "limit": 10}, headers=headers),
        client.post(f"/v1/devices/{mgs.id}/events", json={"events": events}, headers=headers),
        client.post(f"/v1/devices/{mgs.id}/reconcile", json=reconcile, headers=headers),
        client.post("/v1/devices/someone-else/events", json={"events": []}, headers=headers),
    ]
    for answer in calls:
        refused(answer, 401, "unauthorized", database, before)
        assert answer.json()["detail"]


def test_revoking_twice_or_an_unknown_device_does_nothing(database: Database, mgs: Dev) -> None:
    with database.connect() as conn:
        assert central.revoke(conn, mgs.id)
        assert not central.revoke(conn, mgs.id)
        assert not central.revoke(conn, "MGS-01-nobody")


# -- push --------------------------------------------------------------------------------


def test_push_in_pages_stores_every_event_once(
    client: httpx.Client, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    events = events_of(mgs, 1, 30)
    for i in range(3):
        body = ok(push(client, mgs, events[10 * i : 10 * i + 10]))
        assert body["acked_through"] == 10 * (i + 1)
        assert (body["stored"], body["duplicates"]) == (10, 0)
        assert datetime.fromisoformat(body["server_time"]).tzinfo is not None
    with database.connect() as conn:
        rows = conn.execute(
            "SELECT server_seq, seq, event_id::text, body, clock_skew_ms FROM events"
            " WHERE device_id = %s ORDER BY seq",
            (mgs.id,),
        ).fetchall()
    assert [r[1] for r in rows] == list(range(1, 31))
    assert [r[0] for r in rows] == list(range(1, 31))
    assert [r[2] for r in rows] == [e["event_id"] for e in events]
    assert [bytes(r[3]) for r in rows] == [canonical(e) for e in events]
    assert all(r[4] is None for r in rows)
    assert [wire(e) for e in feed_all(client, mgs)] == events


def test_an_empty_page_stores_nothing_and_tells_the_high_water_mark(
    client: httpx.Client, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    assert ok(push(client, mgs, []))["acked_through"] == 0
    ok(push(client, mgs, events_of(mgs, 1, 4)))
    before = snapshot(database)
    body = ok(push(client, mgs, []))
    assert (body["acked_through"], body["stored"], body["duplicates"]) == (4, 0, 0)
    assert snapshot(database) == before


def test_a_replayed_page_counts_duplicates_and_stores_nothing(
    client: httpx.Client, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    events = events_of(mgs, 1, 10)
    ok(push(client, mgs, events))
    before = snapshot(database)
    body = ok(push(client, mgs, events))
    assert (body["acked_through"], body["stored"], body["duplicates"]) == (10, 0, 10)
    assert snapshot(database) == before


def test_a_page_overlapping_the_high_water_mark_stores_only_the_new_events(
    client: httpx.Client, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    events = events_of(mgs, 1, 15)
    ok(push(client, mgs, events[:10]))
    body = ok(push(client, mgs, events[5:15]))
    assert (body["acked_through"], body["stored"], body["duplicates"]) == (15, 5, 5)
    old = ok(push(client, mgs, events[2:4]))
    assert (old["acked_through"], old["stored"], old["duplicates"]) == (15, 0, 2)
    assert stored_count(database, mgs.id) == 15
    assert [wire(e) for e in feed_all(client, mgs)] == events


@pytest.mark.parametrize("change", ["payload", "event_id", "type", "hlc", "wall_time"])
def test_a_held_seq_with_other_content_is_a_conflicting_duplicate(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    make_event: Callable[..., dict],
    change: str,
) -> None:
    events = events_of(mgs, 1, 5)
    ok(push(client, mgs, events))
    other = dict(events[2])
    other[change] = {
        "payload": {"card_id": "another", "nik": NIK},
        "event_id": str(uuid.uuid4()),
        "type": "handover_voided",
        "hlc": "9999999999999-0000000000-x",
        "wall_time": "2012-09-10T08:15:03+07:00",
    }[change]
    before = snapshot(database)
    body = refused(
        push(client, mgs, [other, make_event(mgs.id, "MGS", 6)]),
        409,
        "conflicting_duplicate",
        database,
        before,
    )
    assert body["event_id"] == other["event_id"]
    assert ok(push(client, mgs, events))["acked_through"] == 5


def test_an_event_id_already_held_is_a_conflicting_duplicate(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    device: Callable[..., Dev],
    make_event: Callable[..., dict],
) -> None:
    dsp = device("DSP", 1)
    theirs = make_event(dsp.id, "DSP", 1)
    ok(push(client, dsp, [theirs]))
    mine = make_event(mgs.id, "MGS", 1)
    ok(push(client, mgs, [mine]))
    before = snapshot(database)
    cases = [
        [make_event(mgs.id, "MGS", 2, event_id=theirs["event_id"])],  # another device's
        [make_event(mgs.id, "MGS", 2, event_id=mine["event_id"])],  # my own seq 1's
        [  # twice in one page
            make_event(mgs.id, "MGS", 2, event_id=(twice := str(uuid.uuid4()))),
            make_event(mgs.id, "MGS", 3, event_id=twice),
        ],
    ]
    for page in cases:
        body = refused(push(client, mgs, page), 409, "conflicting_duplicate", database, before)
        assert body["event_id"] == page[-1]["event_id"]


def test_a_gap_is_refused_with_the_expected_seq(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    make_event: Callable[..., dict],
) -> None:
    before = snapshot(database)
    body = refused(push(client, mgs, events_of(mgs, 2, 4)), 409, "gap", database, before)
    assert body["expected_seq"] == 1
    ok(push(client, mgs, events_of(mgs, 1, 10)))
    before = snapshot(database)
    pages = [
        (11, [make_event(mgs.id, "MGS", 12)]),
        (12, [make_event(mgs.id, "MGS", 11), make_event(mgs.id, "MGS", 13)]),
        (11, [make_event(mgs.id, "MGS", 12), make_event(mgs.id, "MGS", 11)]),
    ]
    for expected, page in pages:
        body = refused(push(client, mgs, page), 409, "gap", database, before)
        assert body == {"error": "gap", "expected_seq": expected, "detail": body["detail"]}
    body = refused(
        push(client, mgs, [make_event(mgs.id, "MGS", 2**53)]), 409, "gap", database, before
    )
    assert body["expected_seq"] == 11


def test_the_path_device_must_be_the_tokens(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    device: Callable[..., Dev],
    events_of: Callable[..., list[dict]],
) -> None:
    dsp = device("DSP", 1)
    before = snapshot(database)
    for events in (events_of(mgs, 1, 2), events_of(dsp, 1, 2)):
        refused(push(client, mgs, events, path_device=dsp.id), 403, "forbidden", database, before)
    refused(
        push(client, mgs, events_of(mgs, 1, 2), path_device="MGS-01-nobody"),
        403,
        "forbidden",
        database,
        before,
    )


def test_a_site_writes_only_its_own_events(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    device: Callable[..., Dev],
    make_event: Callable[..., dict],
) -> None:
    dsp = device("DSP", 1)
    mgs2 = device("MGS", 2)
    before = snapshot(database)
    pages = [
        [make_event(dsp.id, "DSP", 1)],  # another site's device and site
        [make_event(mgs.id, "DSP", 1)],  # my device, another site
        [make_event(dsp.id, "MGS", 1)],  # another site's device, my site
        [make_event(mgs2.id, "MGS", 1)],  # my site, another device
        [make_event(mgs.id, "MGS", 1), make_event(dsp.id, "DSP", 1)],  # mixed page
    ]
    for page in pages:
        refused(push(client, mgs, page), 403, "forbidden", database, before)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"not json",
        b'{"events": [}',
        b"\xff\xfe\xfa",
        b'{"events": [], "x": "\xff"}',
        b"[]",
        b"null",
        b"{}",
        b'{"events": {}}',
        b'{"events": null}',
        b'{"events": "[]"}',
        b'{"events": [1]}',
        b'{"events": [[]]}',
    ],
)
def test_a_malformed_page_is_invalid(
    client: httpx.Client, database: Database, mgs: Dev, content: bytes
) -> None:
    before = snapshot(database)
    body = refused(push_raw(client, mgs, content), 422, "invalid", database, before)
    assert body["detail"]


@pytest.mark.parametrize("field", FIELDS)
def test_a_missing_field_is_invalid_and_named(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    field: str,
) -> None:
    events = events_of(mgs, 1, 3)
    del events[1][field]
    before = snapshot(database)
    body = refused(push(client, mgs, events), 422, "invalid", database, before)
    assert f"events[1].{field}" in body["detail"]


WRONG: dict[str, list[Any]] = {
    "event_id": [123, None, "", "not-a-uuid", ["e3b0c442-98fc-4c14-9afb-f4c8996fb924"]],
    "device_id": [7, None, "", {"id": "x"}],
    "site": [["MGS"], None, "", 1],
    "seq": ["2", 2.0, None, [2]],
    "type": [1, None, "", "x" * 201],
    "schema": ["1", 1.0, None, True, {}],
    "wall_time": [20120910, None, "", "yesterday", "10/09/2012 08:15"],
    "hlc": [{}, None, "", "x" * 201, 1347239702000],
    "payload": [[], "{}", None, 1, True],
}


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in WRONG.items() for value in values],
    ids=lambda v: repr(v)[:20],
)
def test_a_mistyped_field_is_invalid_and_named(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    field: str,
    value: Any,
) -> None:
    events = events_of(mgs, 1, 3)
    events[1][field] = value
    before = snapshot(database)
    body = refused(push(client, mgs, events), 422, "invalid", database, before)
    assert f"events[1].{field}" in body["detail"]


@pytest.mark.parametrize("schema", [0, 2, -1, 10**6])
def test_an_unknown_schema_is_invalid(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    schema: int,
) -> None:
    events = events_of(mgs, 1, 2)
    events[0]["schema"] = schema
    before = snapshot(database)
    body = refused(push(client, mgs, events), 422, "invalid", database, before)
    assert "events[0].schema" in body["detail"]


@pytest.mark.parametrize("seq", [0, -1, 2**53 + 1, 2**64, True, False, 1.0, 1.5, "1", None])
def test_a_seq_out_of_range_or_not_an_integer_is_invalid(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    make_event: Callable[..., dict],
    seq: Any,
) -> None:
    event = make_event(mgs.id, "MGS", 1)
    event["seq"] = seq
    before = snapshot(database)
    body = refused(push(client, mgs, [event]), 422, "invalid", database, before)
    assert "events[0].seq" in body["detail"]


def test_more_than_max_page_events_is_too_large(
    client: httpx.Client, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    events = events_of(mgs, 1, MAX_PAGE + 1)
    before = snapshot(database)
    refused(push(client, mgs, events), 413, "too_large", database, before)
    body = ok(push(client, mgs, events[:MAX_PAGE]))
    assert (body["stored"], body["acked_through"]) == (MAX_PAGE, MAX_PAGE)


def test_a_body_over_one_mib_is_too_large(
    client: httpx.Client, database: Database, mgs: Dev, make_event: Callable[..., dict]
) -> None:
    huge = make_event(mgs.id, "MGS", 1, type="note", payload={"blob": "x" * MAX_BODY})
    before = snapshot(database)
    refused(push(client, mgs, [huge]), 413, "too_large", database, before)

    content = json.dumps({"events": [huge]}).encode()

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count itself
        for start in range(0, len(content), 64 * 1024):
            yield content[start : start + 64 * 1024]

    refused(push_raw(client, mgs, chunks()), 413, "too_large", database, before)

    fits = make_event(mgs.id, "MGS", 1, type="note", payload={"blob": ""})
    room = MAX_BODY - len(json.dumps({"events": [fits]}).encode())
    fits["payload"]["blob"] = "x" * room
    content = json.dumps({"events": [fits]}).encode()
    assert len(content) == MAX_BODY
    fits["payload"]["blob"] += "x"
    over = json.dumps({"events": [fits]}).encode()
    refused(push_raw(client, mgs, over), 413, "too_large", database, before)
    assert ok(push_raw(client, mgs, content))["stored"] == 1


@pytest.mark.parametrize("text", SQL_TEXTS)
def test_sql_in_any_text_is_stored_verbatim_or_refused_cleanly(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    make_event: Callable[..., dict],
    text: str,
) -> None:
    payload = {"card_id": text, "nik": text, text: text, "nested": [text, {text: [text]}]}
    events = [
        make_event(mgs.id, "MGS", 1, payload=payload),
        make_event(mgs.id, "MGS", 2, type=text, payload=payload),
    ]
    events[1]["hlc"] = text
    assert ok(push(client, mgs, events))["stored"] == 2
    before = snapshot(database)

    # Fields with a shape refuse it; device and site must be the token's.
    for field, status, error in [
        ("event_id", 422, "invalid"),
        ("wall_time", 422, "invalid"),
        ("device_id", 403, "forbidden"),
        ("site", 403, "forbidden"),
    ]:
        event = make_event(mgs.id, "MGS", 3)
        event[field] = text
        refused(push(client, mgs, [event]), status, error, database, before)
    quoted = urllib.parse.quote(text, safe="")
    refused(
        push(client, mgs, [make_event(mgs.id, "MGS", 3)], path_device=quoted),
        403,
        "forbidden",
        database,
        before,
    )
    answer = client.get("/v1/feed", params={"since": text}, headers=mgs.headers)
    assert answer.status_code == 400
    answer = client.post("/v1/enroll", json={"code": text, "hostname": text})
    assert answer.status_code == 403
    answer = client.get("/v1/meta", headers={"Authorization": f"Bearer {text}"})
    assert answer.status_code == 401
    answer = client.post(
        f"/v1/devices/{mgs.id}/reconcile",
        json={"max_seq": 2, "count": 2, "digest": text},
        headers=mgs.headers,
    )
    assert ok(answer)["match"] is False
    assert snapshot(database) == before

    # Everything still stands, and the text came back as it went in.
    assert [wire(e) for e in feed_all(client, mgs)] == events
    with database.connect() as conn:
        assert conn.execute("SELECT type FROM events WHERE seq = 2").fetchone() == (text,)
        assert conn.execute("SELECT card_id FROM card_handovers").fetchall() == [(text,)]
        assert conn.execute("SELECT device_id FROM devices").fetchall() == [(mgs.id,)]
        assert conn.execute("SELECT count(*) FROM enrol_codes").fetchone() == (1,)
        assert conn.execute("SELECT last FROM feed_counter").fetchone() == (2,)
    ok(client.get("/v1/meta", headers=mgs.headers))


# -- refusals the server does not make cleanly (bugs, see the reasons) --------------------


def event_text(make_event: Callable[..., dict], dev: Dev, seq: int, **kwargs: Any) -> str:
    return json.dumps({"events": [make_event(dev.id, dev.site, seq, **kwargs)]})


def test_nan_is_not_json(
    client: httpx.Client, database: Database, mgs: Dev, make_event: Callable[..., dict]
) -> None:
    text = event_text(make_event, mgs, 1, payload={"card_id": CARD, "nik": NIK, "n": 1})
    before = snapshot(database)
    answer = push_raw(client, mgs, text.replace('"n": 1', '"n": NaN').encode())
    refused(answer, 422, "invalid", database, before)


def test_a_huge_integer_is_invalid_not_a_server_error(
    client: httpx.Client, database: Database, mgs: Dev, make_event: Callable[..., dict]
) -> None:
    text = event_text(make_event, mgs, 1, payload={"card_id": CARD, "nik": NIK, "n": 1})
    before = snapshot(database)
    answer = push_raw(client, mgs, text.replace('"n": 1', '"n": ' + "9" * 5000).encode())
    refused(answer, 422, "invalid", database, before)


@pytest.mark.parametrize("where", ["payload", "hlc"])
def test_a_lone_surrogate_is_invalid_not_a_server_error(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    make_event: Callable[..., dict],
    where: str,
) -> None:
    event = make_event(mgs.id, "MGS", 1, payload={"card_id": CARD, "nik": NIK, "name": "ok"})
    event["hlc"] = "hlc-ok"
    text = json.dumps({"events": [event]})
    text = text.replace('"ok"' if where == "payload" else '"hlc-ok"', '"a\\ud800b"')
    before = snapshot(database)
    refused(push_raw(client, mgs, text.encode()), 422, "invalid", database, before)


@pytest.mark.parametrize("where", ["type", "card_id"])
def test_a_nul_character_is_refused_or_stored_never_a_server_error(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    make_event: Callable[..., dict],
    where: str,
) -> None:
    event = make_event(mgs.id, "MGS", 1, payload={"card_id": CARD, "nik": NIK})
    if where == "type":
        event["type"] = "hand\x00over"
    else:
        event["payload"]["card_id"] = "B2012\x000910"
    before = snapshot(database)
    answer = push(client, mgs, [event])
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 422:
        refused(answer, 422, "invalid", database, before)


def test_a_void_with_a_strange_payload_is_not_a_server_error(
    client: httpx.Client, database: Database, mgs: Dev, make_event: Callable[..., dict]
) -> None:
    event = make_event(mgs.id, "MGS", 1, type="handover_voided", payload={"voided_handovers": 5})
    answer = push(client, mgs, [event])
    assert answer.status_code in (200, 422), answer.text


def test_a_void_naming_nothing_valid_is_stored(
    client: httpx.Client, database: Database, mgs: Dev, make_event: Callable[..., dict]
) -> None:
    pages = [
        make_event(mgs.id, "MGS", 1, type="handover_voided", payload={}),
        make_event(mgs.id, "MGS", 2, type="handover_voided", payload={"handover_event_id": 7}),
        make_event(
            mgs.id, "MGS", 3, type="conflict_resolved", payload={"voided_handovers": [None, "x"]}
        ),
        make_event(mgs.id, "MGS", 4, type="handover", payload={"nik": NIK}),  # no card
        make_event(mgs.id, "MGS", 5, type="handover", payload={"nik": NIK, "card_id": 5}),
    ]
    assert ok(push(client, mgs, pages))["stored"] == 5


# -- card conflicts ----------------------------------------------------------------------


def conflicts(client: httpx.Client, dev: Dev) -> list[dict]:
    return [e for e in feed_all(client, dev) if e["type"] == "card_conflict"]


def handover(make_event: Callable[..., dict], dev: Dev, seq: int, card: str = CARD) -> dict:
    return make_event(dev.id, dev.site, seq, payload={"card_id": card, "nik": NIK})


def test_two_handovers_of_one_card_are_both_kept_and_make_one_conflict(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    device: Callable[..., Dev],
    make_event: Callable[..., dict],
) -> None:
    dsp = device("DSP", 1)
    first, second = handover(make_event, mgs, 1), handover(make_event, dsp, 1)
    assert ok(push(client, mgs, [first]))["stored"] == 1
    assert ok(push(client, dsp, [second]))["stored"] == 1
    assert conflicts(client, mgs) == conflicts(client, dsp)
    (conflict,) = conflicts(client, mgs)
    assert conflict["device_id"] == "server"
    assert conflict["payload"]["card_id"] == CARD
    assert sorted(conflict["payload"]["event_ids"]) == sorted(
        [first["event_id"], second["event_id"]]
    )
    feed = feed_all(client, mgs)
    assert [e["event_id"] for e in feed[:2]] == [first["event_id"], second["event_id"]]
    assert feed[2]["event_id"] == conflict["event_id"]
    assert feed[2]["server_seq"] > feed[1]["server_seq"]

    ok(push(client, dsp, [second]))  # a replay is not a new handover
    ok(push(client, mgs, [make_event(mgs.id, "MGS", 2)]))  # nor is another card's
    assert len(conflicts(client, mgs)) == 1


@pytest.mark.parametrize("how", ["handover_voided", "conflict_resolved"])
def test_a_voided_handover_is_no_longer_live(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    device: Callable[..., Dev],
    make_event: Callable[..., dict],
    how: str,
) -> None:
    dsp = device("DSP", 1)
    first, second = handover(make_event, mgs, 1), handover(make_event, dsp, 1)
    ok(push(client, mgs, [first]))
    ok(push(client, dsp, [second]))
    payload = (
        {"handover_event_id": first["event_id"], "reason": "kartu salah"}
        if how == "handover_voided"
        else {"card_id": CARD, "voided_handovers": [first["event_id"]]}
    )
    ok(push(client, mgs, [make_event(mgs.id, "MGS", 2, type=how, payload=payload)]))
    assert len(conflicts(client, mgs)) == 1  # voiding is no new conflict

    third = handover(make_event, mgs, 3)
    ok(push(client, mgs, [third]))
    later = conflicts(client, mgs)
    assert len(later) == 2
    assert sorted(later[-1]["payload"]["event_ids"]) == sorted(
        [second["event_id"], third["event_id"]]
    )
    with database.connect() as conn:
        live = dict(
            conn.execute(
                "SELECT event_id::text, live FROM card_handovers WHERE card_id = %s", (CARD,)
            )
        )
    assert live == {first["event_id"]: False, second["event_id"]: True, third["event_id"]: True}


# -- feed ----------------------------------------------------------------------------------


def test_the_feed_pages_through_every_event_in_server_seq_order(
    client: httpx.Client, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    events = events_of(mgs, 1, 1200)
    for start in range(0, 1200, MAX_PAGE):
        ok(push(client, mgs, events[start : start + MAX_PAGE]))

    pages, since = [], 0
    while True:
        page = ok(
            client.get("/v1/feed", params={"since": since, "limit": 500}, headers=mgs.headers)
        )
        pages.append(page)
        since = page["next"]
        if not page["more"]:
            break
    assert [len(p["events"]) for p in pages] == [500, 500, 200]
    assert [(p["next"], p["more"]) for p in pages] == [(500, True), (1000, True), (1200, False)]
    feed = [e for p in pages for e in p["events"]]
    assert [e["server_seq"] for e in feed] == list(range(1, 1201))
    assert [wire(e) for e in feed] == events
    for event in feed:
        assert datetime.fromisoformat(event["received_at"]).tzinfo is not None

    default = ok(client.get("/v1/feed", headers=mgs.headers))
    assert (len(default["events"]), default["next"], default["more"]) == (500, 500, True)
    one = ok(client.get("/v1/feed", params={"since": 10, "limit": 1}, headers=mgs.headers))
    assert [e["server_seq"] for e in one["events"]] == [11]  # since is exclusive
    assert (one["next"], one["more"]) == (11, True)
    end = ok(client.get("/v1/feed", params={"since": 1200}, headers=mgs.headers))
    assert end == {"events": [], "next": 1200, "more": False}
    beyond = ok(client.get("/v1/feed", params={"since": 5000}, headers=mgs.headers))
    assert beyond == {"events": [], "next": 5000, "more": False}


@pytest.mark.parametrize(
    "params",
    [
        {"since": -1},
        {"limit": 0},
        {"limit": 501},
        {"limit": -5},
        {"since": "abc"},
        {"since": "1.5"},
        {"limit": ""},
        {"since": 0, "limit": "ten"},
    ],
)
def test_a_bad_feed_query_is_refused(client: httpx.Client, mgs: Dev, params: dict) -> None:
    answer = client.get("/v1/feed", params=params, headers=mgs.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "bad_request"
    assert answer.json()["detail"]


def test_limits_at_the_edges_are_taken(
    client: httpx.Client, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    ok(push(client, mgs, events_of(mgs, 1, 3)))
    assert len(ok(client.get("/v1/feed?since=0&limit=1", headers=mgs.headers))["events"]) == 1
    assert len(ok(client.get("/v1/feed?since=0&limit=500", headers=mgs.headers))["events"]) == 3


# -- reconcile -----------------------------------------------------------------------------


def test_reconcile_matches_only_the_right_count_and_digest(
    client: httpx.Client,
    mgs: Dev,
    device: Callable[..., Dev],
    events_of: Callable[..., list[dict]],
) -> None:
    events = events_of(mgs, 1, 20)
    ok(push(client, mgs, events))
    ids = [e["event_id"] for e in events]

    def reconcile(max_seq: int, count: int, digest: str, dev: Dev = mgs) -> dict:
        body = {"max_seq": max_seq, "count": count, "digest": digest}
        return ok(client.post(f"/v1/devices/{dev.id}/reconcile", json=body, headers=dev.headers))

    right = reconcile(20, 20, reconcile_digest(ids))
    assert right == {"match": True, "server_max_seq": 20, "server_count": 20}
    assert reconcile(20, 20, reconcile_digest(reversed(ids)))["match"] is False
    assert reconcile(20, 20, reconcile_digest(ids[:-1]))["match"] is False
    assert reconcile(20, 19, reconcile_digest(ids))["match"] is False
    extra = [*ids, *(str(uuid.uuid4()) for _ in range(5))]
    assert reconcile(25, 25, reconcile_digest(extra)) == {
        "match": False,
        "server_max_seq": 20,
        "server_count": 20,
    }
    dsp = device("DSP", 1)
    assert reconcile(0, 0, reconcile_digest([]), dsp)["match"] is True

    other = client.post(
        f"/v1/devices/{dsp.id}/reconcile",
        json={"max_seq": 20, "count": 20, "digest": reconcile_digest(ids)},
        headers=mgs.headers,
    )
    assert other.status_code == 403
    assert other.json()["error"] == "forbidden"


@pytest.mark.parametrize(
    "body",
    [
        {"max_seq": -1, "count": 0, "digest": "x"},
        {"max_seq": "1", "count": 0, "digest": "x"},
        {"max_seq": 1, "count": True, "digest": "x"},
        {"max_seq": 1.0, "count": 1, "digest": "x"},
        {"max_seq": 1, "count": 1},
        {"max_seq": 1, "count": 1, "digest": 5},
        {"count": 1, "digest": "x"},
        [],
    ],
)
def test_a_malformed_reconcile_is_invalid(client: httpx.Client, mgs: Dev, body: Any) -> None:
    answer = client.post(f"/v1/devices/{mgs.id}/reconcile", json=body, headers=mgs.headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid"


# -- clock skew ----------------------------------------------------------------------------


def client_time(offset: timedelta) -> dict[str, str]:
    return {"X-Loket-Client-Time": (datetime.now(UTC) + offset).isoformat()}


def skews(database: Database, device_id: str) -> list[int | None]:
    with database.connect() as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT clock_skew_ms FROM events WHERE device_id = %s ORDER BY seq", (device_id,)
            )
        ]


@pytest.mark.parametrize("minutes", [10, -10])
def test_a_clock_ten_minutes_off_is_reported_and_recorded(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    minutes: int,
) -> None:
    headers = client_time(timedelta(minutes=minutes))
    body = ok(push(client, mgs, events_of(mgs, 1, 3), headers=headers))
    expected = minutes * 60_000
    assert abs(body["clock_skew_ms"] - expected) < 30_000
    recorded = skews(database, mgs.id)
    assert len(recorded) == 3
    assert all(s is not None and abs(s - expected) < 30_000 for s in recorded)


def test_a_small_clock_difference_is_not_recorded(
    client: httpx.Client, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    ok(push(client, mgs, events_of(mgs, 1, 3), headers=client_time(timedelta(minutes=1))))
    assert skews(database, mgs.id) == [None, None, None]


def test_a_small_clock_difference_is_not_reported(
    client: httpx.Client, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    headers = client_time(timedelta(minutes=1))
    body = ok(push(client, mgs, events_of(mgs, 1, 3), headers=headers))
    assert "clock_skew_ms" not in body


@pytest.mark.parametrize("sent", [None, "yesterday", "2012-09-10T08:15:02"])
def test_no_usable_client_time_means_no_skew(
    client: httpx.Client,
    database: Database,
    mgs: Dev,
    events_of: Callable[..., list[dict]],
    sent: str | None,
) -> None:
    headers = {"X-Loket-Client-Time": sent} if sent else {}
    body = ok(push(client, mgs, events_of(mgs, 1, 2), headers=headers))
    assert "clock_skew_ms" not in body
    assert skews(database, mgs.id) == [None, None]


# -- concurrency -----------------------------------------------------------------------------


def test_readers_never_skip_an_event_while_devices_push(
    server: Any, database: Database, device: Callable[..., Dev], events_of: Callable[..., list]
) -> None:
    writers = [device("MGS", 1), device("MGS", 2), device("DSP", 1), device("DSP", 2)]
    per_device, page_size = 300, 50
    pushed = {dev.id: events_of(dev, 1, per_device) for dev in writers}
    total = per_device * len(writers)
    done = threading.Event()
    errors: list[str] = []

    def write(dev: Dev) -> None:
        try:
            with httpx.Client(base_url=server.url, timeout=30, verify=False, trust_env=False) as c:
                events = pushed[dev.id]
                for start in range(0, per_device, page_size):
                    body = ok(push(c, dev, events[start : start + page_size]))
                    assert body["acked_through"] == start + page_size
        except Exception as exc:  # reported below, in the test's own thread
            errors.append(f"writer {dev.id}: {exc!r}")

    def read(dev: Dev, limit: int, seen: list[dict]) -> None:
        cursor = 0
        deadline = time.monotonic() + 60
        try:
            with httpx.Client(base_url=server.url, timeout=30, verify=False, trust_env=False) as c:
                while time.monotonic() < deadline:
                    finished = done.is_set()
                    page = ok(
                        c.get(
                            "/v1/feed",
                            params={"since": cursor, "limit": limit},
                            headers=dev.headers,
                        )
                    )
                    got = [e["server_seq"] for e in page["events"]]
                    # Every page continues exactly where the cursor stood: nothing skipped.
                    assert got == list(range(cursor + 1, cursor + 1 + len(got))), (cursor, got)
                    seen += page["events"]
                    cursor = page["next"]
                    if finished and not page["more"]:
                        return
            errors.append(f"reader {dev.id} timed out at {cursor}")
        except Exception as exc:
            errors.append(f"reader {dev.id}: {exc!r}")

    seen_by: list[list[dict]] = [[], []]
    readers = [
        threading.Thread(target=read, args=(writers[0], 37, seen_by[0])),
        threading.Thread(target=read, args=(writers[3], 100, seen_by[1])),
    ]
    threads = [threading.Thread(target=write, args=(dev,)) for dev in writers]
    for t in readers + threads:
        t.start()
    for t in threads:
        t.join(60)
    done.set()
    for t in readers:
        t.join(60)
    assert not errors, errors

    every_id = {e["event_id"] for events in pushed.values() for e in events}
    for seen in seen_by:
        assert [e["server_seq"] for e in seen] == list(range(1, total + 1))
        assert {e["event_id"] for e in seen} == every_id
        for dev in writers:  # each device's events arrive in its seq order
            mine = [wire(e) for e in seen if e["device_id"] == dev.id]
            assert mine == pushed[dev.id]
    assert stored_count(database) == total


def test_the_same_pages_pushed_twice_at_once_are_stored_once(
    server: Any, database: Database, mgs: Dev, events_of: Callable[..., list[dict]]
) -> None:
    events = events_of(mgs, 1, 200)
    answers: list[list[dict]] = [[], []]
    errors: list[str] = []

    def send(answers_of: list[dict]) -> None:
        try:
            with httpx.Client(base_url=server.url, timeout=30, verify=False, trust_env=False) as c:
                for start in range(0, 200, 25):
                    answers_of.append(ok(push(c, mgs, events[start : start + 25])))
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=send, args=(a,)) for a in answers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(a["stored"] for both in answers for a in both) == 200
    assert sum(a["duplicates"] for both in answers for a in both) == 200
    assert all(both[-1]["acked_through"] == 200 for both in answers)
    with database.connect() as conn:
        rows = conn.execute("SELECT seq, server_seq FROM events ORDER BY server_seq").fetchall()
    assert [r[0] for r in rows] == list(range(1, 201))
    assert [r[1] for r in rows] == list(range(1, 201))
