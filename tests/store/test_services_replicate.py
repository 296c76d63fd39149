"""Recording requests, event reports and invitation plans are events like any other: a
replica that ingests them (as a sync pull does) shows the same requests, reports, card
states and pickup days."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from desktop.core.roles import Role
from desktop.store import Store, open_store
from desktop.store.invitations import plan_invitations
from desktop.store.recording import register_request, set_request_status
from desktop.store.reports import report_event
from desktop.store.sessions import Session
from tests.store.test_recording import applicant
from tests.store.test_reports import form

OPERATOR = Session("operator1", "Agus Santoso", Role.OPERATOR)
SUPERVISOR = Session("supervisor", "Sri Rahayu", Role.SUPERVISOR)
TODAY = date(2012, 9, 10)


def rows(store: Store, table: str, order: str) -> list[tuple]:
    return store.conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()


def test_a_replica_shows_the_same_services(
    small_city: Store, city_template: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "replica"
    shutil.copytree(city_template, folder)
    mark = small_city.conn.execute("SELECT max(id) FROM journal").fetchone()[0]
    card_id, nik, kelurahan = small_city.conn.execute(
        "SELECT c.card_id, c.nik, r.kode_kelurahan FROM cards c JOIN residents r"
        " ON r.nik = c.nik WHERE c.status = 'ready' AND c.site = 'MGS' ORDER BY c.card_id"
    ).fetchone()

    request = register_request(small_city, OPERATOR, applicant(901), today=TODAY)
    set_request_status(small_city, SUPERVISOR, request.request_no, "recorded", "")
    report_event(small_city, OPERATOR, form(nik, "deceased"), today=TODAY)
    plan_invitations(
        small_city, SUPERVISOR, site="MGS", kelurahan=kelurahan, first_day=TODAY,
        cap=20, today=TODAY,
    )  # fmt: skip
    new = list(small_city.events(after_id=mark))
    assert {e.type for e in new} >= {
        "recording_requested", "recording_status_changed", "population_event_reported",
        "card_withheld", "invitations_planned",
    }  # fmt: skip

    with open_store(folder) as replica:
        with replica.write():
            for event in new:
                replica.ingest(event)
        for table, order in (
            ("recording_requests", "request_no"),
            ("population_reports", "report_no"),
            ("invitations", "card_id"),
        ):
            assert rows(replica, table, order) == rows(small_city, table, order), table
        status = "SELECT status, reason FROM cards WHERE card_id = ?"
        assert replica.conn.execute(status, (card_id,)).fetchone() == (
            "withheld",
            "deceased_reported",
        )
