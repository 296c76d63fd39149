"""The audit viewer below the UI: filters by person, date and NIK, words for actions and
details, the hash chain's state (an entry edited behind the app's back is named), who may
look, and that looking is itself recorded."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from desktop.core.nik import Sex, make_nik
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store, audit
from desktop.store.audit_view import (
    ACTION_LABELS,
    AuditRefused,
    audit_entries,
    audit_people,
    chain_status,
    describe,
    entries_query,
)
from desktop.store.sessions import Session
from desktop.store.supervision import deactivate

WIB = timezone(timedelta(hours=7))
NIK_A = make_nik("35.76.02", date(1980, 1, 1), Sex.MALE, 11)
NIK_B = make_nik("35.76.01", date(1975, 6, 4), Sex.FEMALE, 12)


def session(store: Store, username: str) -> Session:
    full_name, role = store.conn.execute(
        "SELECT full_name, role FROM operators WHERE username = ?", (username,)
    ).fetchone()
    return Session(username, full_name, Role(role))


def add(
    store: Store,
    actor: str,
    action: str,
    at: datetime,
    *,
    nik: str | None = None,
    detail: dict[str, Any] | None = None,
) -> int:
    with store.write():
        return audit.append(store.conn, actor, action, nik=nik, detail=detail, at=at)


def audit_size(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def last_entry(store: Store) -> tuple[str, str, str | None, dict]:
    actor, action, nik, detail = store.conn.execute(
        "SELECT actor, action, nik, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return actor, action, nik, json.loads(detail)


@pytest.fixture
def log(small_city: Store) -> Store:
    """Three days at the counter (3, 4 and 5 September 2012) after the city's imports."""
    day = datetime(2012, 9, 3, 8, 0, tzinfo=WIB)
    for n in range(3):
        at = day + timedelta(days=n)
        add(small_city, "operator1", "login", at, detail={"workstation": 1})
        add(small_city, "operator1", "view", at + timedelta(minutes=1), nik=NIK_A,
            detail={"via": "nik"})  # fmt: skip
        add(small_city, "operator1", "handover", at + timedelta(minutes=2), nik=NIK_A,
            detail={"receipt_no": f"MGS-01-00000{n + 1}"})  # fmt: skip
        add(small_city, "operator2", "view", at + timedelta(minutes=3), nik=NIK_B,
            detail={"via": "name"})  # fmt: skip
    # The last minute of the 5th, in local time: still the 5th.
    add(small_city, "operator2", "logout", datetime(2012, 9, 5, 23, 59, 59, tzinfo=WIB))
    return small_city


def test_all_entries_newest_first_in_words(log: Store) -> None:
    sup = session(log, "supervisor")
    before = audit_size(log)

    page = audit_entries(log, sup)

    assert page.total == before + 1  # and the viewing itself
    assert len(page.rows) == page.total
    assert [r.id for r in page.rows] == sorted((r.id for r in page.rows), reverse=True)
    newest = page.rows[0]
    assert (newest.actor, newest.action, newest.action_label) == (
        "supervisor",
        "view-audit",
        "Lihat log audit",
    )
    assert newest.actor_name == "Hj. Sri Wahyuni"
    logout = page.rows[1]
    assert (logout.action_label, logout.actor_name, logout.at) == (
        "Keluar",
        "Dewi Lestari",
        "2012-09-05T23:59:59+07:00",
    )
    handover = next(r for r in page.rows if r.action == "handover")
    assert handover.action_label == "Serah terima"
    assert handover.nik == NIK_A
    assert handover.detail == "tanda terima: MGS-01-000003"
    assert handover.raw_detail == {"receipt_no": "MGS-01-000003"}
    cards = next(r for r in page.rows if r.action == "import-cards")
    assert cards.action_label == "Impor kiriman kartu"
    assert "jumlah kartu: " in cards.detail and "kiriman: B2012" in cards.detail
    assert page.chain is not None and page.chain.intact and page.chain.rows == page.total


def test_filter_by_person(log: Store) -> None:
    page = audit_entries(log, session(log, "supervisor"), person="operator2")

    assert page.total == 4
    assert [r.action for r in page.rows] == ["logout", "view", "view", "view"]
    assert {r.actor for r in page.rows} == {"operator2"}
    assert page.rows[1].detail == "lewat: nama"
    assert last_entry(log) == ("supervisor", "view-audit", None, {"person": "operator2"})


def test_filter_by_nik_shows_the_residents_history_including_this_look(log: Store) -> None:
    dotted = f"{NIK_A[:6]}.{NIK_A[6:12]}.{NIK_A[12:]}"  # typed as printed on some papers

    page = audit_entries(log, session(log, "supervisor"), nik=dotted)

    # The look at the resident's history is part of that history.
    assert [(r.actor, r.action) for r in page.rows] == [("supervisor", "view-audit")] + [
        ("operator1", "handover"),
        ("operator1", "view"),
    ] * 3
    assert page.total == 7
    assert {r.nik for r in page.rows} == {NIK_A}
    assert last_entry(log) == ("supervisor", "view-audit", NIK_A, {})


def test_filter_by_dates_is_inclusive_in_local_time(log: Store) -> None:
    sup = session(log, "supervisor")
    fourth, fifth = date(2012, 9, 4), date(2012, 9, 5)

    one_day = audit_entries(log, sup, start=fourth, end=fourth)
    assert one_day.total == 4
    assert {r.at[:10] for r in one_day.rows} == {"2012-09-04"}

    from_the_fourth = audit_entries(log, sup, start=fourth)
    # The 4th and the 5th with the late logout; the imports and views of the log, recorded
    # today, are later still.
    assert sum(r.at.startswith("2012-09") for r in from_the_fourth.rows) == 9
    assert min(r.at for r in from_the_fourth.rows) == "2012-09-04T08:00:00+07:00"

    up_to_the_fifth = audit_entries(log, sup, end=fifth)
    assert up_to_the_fifth.total == 13
    assert max(r.at for r in up_to_the_fifth.rows) == "2012-09-05T23:59:59+07:00"

    both = audit_entries(log, sup, person="operator1", start=fourth, end=fifth, nik=NIK_A)
    assert [r.detail for r in both.rows] == [
        "tanda terima: MGS-01-000003",
        "lewat: NIK",
        "tanda terima: MGS-01-000002",
        "lewat: NIK",
    ]
    assert last_entry(log) == (
        "supervisor",
        "view-audit",
        NIK_A,
        {"person": "operator1", "start": "2012-09-04", "end": "2012-09-05"},
    )


def test_limit_shows_the_newest_and_counts_them_all(log: Store) -> None:
    page = audit_entries(log, session(log, "supervisor"), person="operator1", limit=2)
    assert page.total == 9
    assert [r.action for r in page.rows] == ["handover", "view"]
    assert page.rows[0].detail == "tanda terima: MGS-01-000003"


def test_a_busy_persons_page_is_the_same_read_either_way(small_city: Store) -> None:
    """Past five pages' worth, a person's rows are read newest-first without the index:
    the same rows as through it."""
    start = datetime(2012, 9, 3, 8, 0, tzinfo=WIB)
    with small_city.write():
        for i in range(40):
            who = "operator1" if i % 4 else "operator2"
            audit.append(small_city.conn, who, "view", nik=NIK_A, detail={"i": i},
                         at=start + timedelta(minutes=i))  # fmt: skip
    sup = session(small_city, "supervisor")

    page = audit_entries(small_city, sup, person="operator1", limit=5)  # 30 > 5 x 5: dense
    assert page.total == 30
    assert [r.raw_detail["i"] for r in page.rows] == [39, 38, 37, 35, 34]
    sql, params = entries_query("operator1", limit=5, person_by_index=True)
    assert [row[0] for row in small_city.conn.execute(sql, params)] == [r.id for r in page.rows]
    sparse = audit_entries(small_city, sup, person="operator2", limit=5)  # 10: through index
    assert [r.raw_detail["i"] for r in sparse.rows] == [36, 32, 28, 24, 20]


def plan(store: Store, sql: str, params: list) -> str:
    return " | ".join(row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_queries_use_the_audit_indexes(log: Store) -> None:
    assert "USING INDEX audit_nik" in plan(log, *entries_query(nik=NIK_A))
    assert "USING INDEX audit_actor" in plan(log, *entries_query(person="operator1"))
    dense = plan(log, *entries_query(person="operator1", person_by_index=False))
    assert "audit_actor" not in dense and "TEMP B-TREE FOR ORDER BY" not in dense.split("|")[1]
    everything = plan(log, *entries_query())
    assert "SCAN audit" in everything and "TEMP B-TREE" not in everything.split("|")[1]


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("3576", "NIK harus 16 digit, ini 4 digit"),
        ("35760201018O0011", "hanya boleh berisi angka"),
        ("3.57602e+15", "angka ilmiah"),
    ],
)
def test_a_malformed_nik_is_refused_and_nothing_recorded(
    log: Store, nik: str, message: str
) -> None:
    before = audit_size(log)
    with pytest.raises(AuditRefused, match=message) as refused:
        audit_entries(log, session(log, "supervisor"), nik=nik)
    assert "kosongkan saringan NIK" in str(refused.value)
    assert audit_size(log) == before


def test_end_before_start_is_refused(log: Store) -> None:
    before = audit_size(log)
    with pytest.raises(AuditRefused) as refused:
        audit_entries(log, session(log, "supervisor"), start=date(2012, 9, 5), end=date(2012, 9, 3))
    assert str(refused.value) == (
        "tanggal akhir 2012-09-03 sebelum tanggal awal 2012-09-05; tukar kedua tanggal"
    )
    assert audit_size(log) == before


def test_blank_filters_mean_no_filter(log: Store) -> None:
    page = audit_entries(log, session(log, "supervisor"), person="  ", nik=" ")
    assert page.total == audit_size(log)
    assert last_entry(log) == ("supervisor", "view-audit", None, {})


def test_admin_may_view(log: Store) -> None:
    assert audit_entries(log, session(log, "admin"), person="operator2").total == 4


@pytest.mark.parametrize("username", ["operator1", "alihdaya1"])
def test_counter_staff_may_not_view_the_audit_log(log: Store, username: str) -> None:
    before = audit_size(log)
    with pytest.raises(PermissionDenied, match="tidak berhak"):
        audit_entries(log, session(log, username))
    with pytest.raises(PermissionDenied):
        audit_people(log, session(log, username))
    assert audit_size(log) == before


def test_a_deactivated_supervisors_open_session_may_no_longer_view(log: Store) -> None:
    sup = session(log, "supervisor")
    deactivate(log, session(log, "admin"), "supervisor", "purna tugas")
    with pytest.raises(AuditRefused, match="tidak aktif lagi"):
        audit_entries(log, sup)


def test_an_edited_entry_shows_the_chain_broken_at_that_row(log: Store) -> None:
    (row_id,) = log.conn.execute(
        "SELECT id FROM audit WHERE action = 'handover' ORDER BY id LIMIT 1"
    ).fetchone()
    shell = sqlite3.connect(log.path, isolation_level=None)  # outside Loket
    try:
        shell.execute("DROP TRIGGER audit_no_update")
        shell.execute(
            "UPDATE audit SET detail = ? WHERE id = ?",
            ('{"receipt_no": "MGS-01-999999"}', row_id),
        )
    finally:
        shell.close()

    page = audit_entries(log, session(log, "supervisor"), nik=NIK_A)

    assert page.chain is not None and not page.chain.intact
    assert page.chain.broken.row_id == row_id
    assert "diubah" in page.chain.broken.reason
    assert page.chain.rows == audit_size(log)
    # The entry is still listed, as it now reads.
    assert "MGS-01-999999" in next(r for r in page.rows if r.id == row_id).detail


def test_chain_can_be_checked_apart_from_the_page(log: Store) -> None:
    page = audit_entries(log, session(log, "supervisor"), check_chain=False)
    assert page.chain is None
    status = chain_status(log, session(log, "supervisor"))
    assert status.intact and status.rows == audit_size(log)
    with pytest.raises(PermissionDenied):
        chain_status(log, session(log, "operator1"))


def test_people_to_filter_by_are_the_accounts_then_other_names_in_the_log(log: Store) -> None:
    add(log, "hantu", "login-failed", datetime(2012, 9, 3, 7, 0, tzinfo=WIB))

    people = audit_people(log, session(log, "supervisor"))

    names = [p.username for p in people]
    assert names[:6] == sorted(["supervisor", "operator1", "operator2", "operator3",
                                "alihdaya1", "admin"])  # fmt: skip
    assert names[6:] == ["hantu"]
    assert people[0].full_name == "Tim TI Dispendukcapil"  # admin
    assert people[-1].full_name is None


def test_every_recorded_action_in_the_code_has_words() -> None:
    """The actions the store records as literals, found in its source, all have a label."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "desktop"
    found = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"\.audit\(\s*[^,]+,\s*\"([a-z-]+)\"", text))
        # passed on to .audit(); argparse's action="version" is no audit action
        found |= set(re.findall(r"\baction=\"([a-z-]+)\"", text)) - {"version", "store-true"}
    prefixes = {"login", "unlock", "cosign"}  # f"{purpose}-failed" and the like
    found |= {f"{p}-{s}" for p in prefixes for s in ("failed", "refused")} | prefixes
    assert found - set(ACTION_LABELS) == set()


def test_describe_unknown_keys_and_values_as_they_are() -> None:
    assert describe("login-refused", {"reason": "expired"}) == "alasan: masa akun berakhir"
    assert describe("void-handover", {"reason": "expired"}) == "alasan: expired"
    assert describe("something-new", {"colour": "blue", "n": None}) == "colour: blue"
    assert describe("search", {"results": [NIK_A, NIK_B]}) == "hasil: 2"
    assert describe("create-operator", {"role": "outsourced", "expires_on": "2012-09-30"}) == (
        "peran: Operator alih daya; berakhir: 30-09-2012"
    )
