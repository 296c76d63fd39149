"""The supervisor's desk below the UI: account management and co-signed counter actions,
with every permission refused by the store operations themselves."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from desktop.core.events import SCHEMA_VERSION, Event, EventType, Timestamp
from desktop.core.handover import OldKtp
from desktop.core.registers import CORRECTED
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store
from desktop.store.counter import find, receipt_data
from desktop.store.demo import DEMO_PASSWORD
from desktop.store.handover import HandoverRefused, record_handover
from desktop.store.registers import daily_register
from desktop.store.sessions import LoginRefused, Session, login
from desktop.store.supervision import (
    AccountRefused,
    approve_home_visit,
    correct_handover,
    cosign,
    create_operator,
    deactivate,
    extend_expiry,
    release_withheld,
    reset_password,
    resolve_conflict_cosigned,
    void_handover,
)

WIB = timezone(timedelta(hours=7))
PEAK_DAY = datetime(2012, 9, 3, 9, 0, tzinfo=WIB)
TODAY = date(2012, 9, 3)


def session(store: Store, username: str) -> Session:
    """A signed-in session without spending an argon2 check on it."""
    full_name, role = store.conn.execute(
        "SELECT full_name, role FROM operators WHERE username = ?", (username,)
    ).fetchone()
    return Session(username, full_name, Role(role))


def card_at(store: Store, status: str = "ready", n: int = 0) -> tuple[str, str]:
    rows = store.conn.execute(
        "SELECT card_id, nik FROM cards WHERE status = ? AND site = 'MGS' ORDER BY card_id",
        (status,),
    ).fetchall()
    return rows[n]


def status_of(store: Store, card_id: str) -> str:
    return store.conn.execute("SELECT status FROM cards WHERE card_id = ?", (card_id,)).fetchone()[
        0
    ]


def last_event(store: Store, event_type: EventType) -> Event:
    return [e for e in store.events() if e.type == event_type.value][-1]


def last_audit(store: Store) -> tuple[str, str, str | None, dict]:
    actor, action, nik, detail = store.conn.execute(
        "SELECT actor, action, nik, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return actor, action, nik, json.loads(detail)


def sizes(store: Store) -> tuple[int, int]:
    return tuple(
        store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("journal", "audit")
    )


def hand_over(store: Store, card_id: str, nik: str, operator: str = "operator1"):
    return record_handover(
        store,
        card_id=card_id,
        operator=operator,
        role=Role.OPERATOR,
        last_four=nik[-4:],
        old_ktp=OldKtp.WITHDRAWN,
    )


# -- accounts --------------------------------------------------------------------------------


def test_supervisor_creates_an_outsourced_account_that_ends_by_itself(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    create_operator(
        small_city, sup, "alihdaya2", "Siti Aminah", Role.OUTSOURCED, "puncak-2012",
        site="MGS", expires_on="2012-09-30", today=TODAY,
    )  # fmt: skip

    event = last_event(small_city, EventType.OPERATOR_ADDED)
    assert event.payload["username"] == "alihdaya2"
    assert event.payload["by"] == "supervisor"
    assert event.payload["expires_on"] == "2012-09-30"
    actor, action, _, detail = last_audit(small_city)
    assert (actor, action, detail["username"]) == ("supervisor", "create-operator", "alihdaya2")

    assert login(small_city, "alihdaya2", "puncak-2012", now=PEAK_DAY).role is Role.OUTSOURCED
    with pytest.raises(LoginRefused, match="berakhir pada 2012-09-30"):
        login(small_city, "alihdaya2", "puncak-2012", now=PEAK_DAY + timedelta(days=28))


@pytest.mark.parametrize(
    ("expires_on", "message"),
    [
        (None, "wajib punya tanggal berakhir"),
        ("30-09-2012", "tidak sah"),
        ("2012-09-02", "sudah lewat"),
    ],
)
def test_outsourced_account_needs_a_valid_future_expiry(
    small_city: Store, expires_on: str | None, message: str
) -> None:
    before = sizes(small_city)
    with pytest.raises(AccountRefused, match=message):
        create_operator(
            small_city, session(small_city, "supervisor"), "alihdaya2", "Siti Aminah",
            Role.OUTSOURCED, "puncak-2012", expires_on=expires_on, today=TODAY,
        )  # fmt: skip
    assert sizes(small_city) == before


def test_supervisor_may_not_create_or_touch_admin_accounts(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    with pytest.raises(PermissionDenied, match="hanya Admin TI"):
        create_operator(small_city, sup, "admin2", "Tim TI", Role.ADMIN, "rahasia-123")
    with pytest.raises(PermissionDenied, match="hanya Admin TI"):
        reset_password(small_city, sup, "admin", "rahasia-123")
    with pytest.raises(PermissionDenied, match="hanya Admin TI"):
        deactivate(small_city, sup, "admin", "pensiun")


def test_admin_creates_an_admin(small_city: Store) -> None:
    create_operator(
        small_city, session(small_city, "admin"), "admin2", "Tim TI 2", Role.ADMIN, "rahasia-123"
    )
    assert last_event(small_city, EventType.OPERATOR_ADDED).payload["by"] == "admin"


@pytest.mark.parametrize("username", ["alihdaya1", "operator1"])
def test_counter_staff_cannot_manage_accounts(small_city: Store, username: str) -> None:
    actor = session(small_city, username)
    before = sizes(small_city)
    with pytest.raises(PermissionDenied, match="minta supervisor"):
        create_operator(small_city, actor, "baru1", "Baru", Role.OPERATOR, "rahasia-123")
    with pytest.raises(PermissionDenied):
        reset_password(small_city, actor, "operator2", "rahasia-123")
    with pytest.raises(PermissionDenied):
        deactivate(small_city, actor, "operator2", "keluar")
    with pytest.raises(PermissionDenied):
        extend_expiry(small_city, actor, "alihdaya1", "2013-01-31", today=TODAY)
    assert sizes(small_city) == before


def test_reset_password_lifts_a_lockout_and_records_who(small_city: Store) -> None:
    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(small_city, "operator1", "salah-sandi", now=PEAK_DAY)
    with pytest.raises(LoginRefused, match="terkunci"):
        login(small_city, "operator1", DEMO_PASSWORD)

    reset_password(small_city, session(small_city, "supervisor"), "operator1", "sandi-baru-1")

    event = last_event(small_city, EventType.OPERATOR_CHANGED)
    assert event.payload["username"] == "operator1"
    assert event.payload["by"] == "supervisor"
    assert event.payload["password_hash"].startswith("$argon2")
    actor, action, _, detail = last_audit(small_city)
    assert (actor, action, detail) == ("supervisor", "reset-password", {"username": "operator1"})
    assert login(small_city, "operator1", "sandi-baru-1").username == "operator1"


def test_reset_password_refusals(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    with pytest.raises(AccountRefused, match="minimal 8"):
        reset_password(small_city, sup, "operator1", "pendek")
    with pytest.raises(AccountRefused, match="tidak ada"):
        reset_password(small_city, sup, "hantu", "rahasia-123")


def test_deactivated_account_is_refused_at_login(small_city: Store) -> None:
    deactivate(small_city, session(small_city, "supervisor"), "operator2", "pindah tugas")

    event = last_event(small_city, EventType.OPERATOR_CHANGED)
    assert event.payload == {
        "username": "operator2",
        "active": 0,
        "change": "deactivated",
        "reason": "pindah tugas",
        "by": "supervisor",
    }
    assert last_audit(small_city)[:2] == ("supervisor", "deactivate-operator")
    with pytest.raises(LoginRefused, match="dinonaktifkan"):
        login(small_city, "operator2", DEMO_PASSWORD)


def test_deactivate_refusals(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    with pytest.raises(AccountRefused, match="akun sendiri"):
        deactivate(small_city, sup, "supervisor", "cuti")
    with pytest.raises(AccountRefused, match="alasan"):
        deactivate(small_city, sup, "operator2", "  ")
    deactivate(small_city, sup, "operator2", "pindah tugas")
    with pytest.raises(AccountRefused, match="sudah tidak aktif"):
        deactivate(small_city, sup, "operator2", "pindah tugas")


def test_a_deactivated_supervisors_open_session_can_no_longer_manage(small_city: Store) -> None:
    sup = session(small_city, "supervisor")
    deactivate(small_city, session(small_city, "admin"), "supervisor", "purna tugas")
    with pytest.raises(AccountRefused, match="tidak aktif lagi"):
        deactivate(small_city, sup, "operator2", "pindah tugas")


def test_expired_outsourced_account_is_refused_until_extended(small_city: Store) -> None:
    new_year = datetime(2013, 1, 2, 8, 0, tzinfo=WIB)
    with pytest.raises(LoginRefused, match="berakhir pada 2012-12-31"):
        login(small_city, "alihdaya1", DEMO_PASSWORD, now=new_year)

    extend_expiry(
        small_city, session(small_city, "supervisor"), "alihdaya1", "2013-01-31",
        today=new_year.date(),
    )  # fmt: skip
    assert last_event(small_city, EventType.OPERATOR_CHANGED).payload["by"] == "supervisor"
    assert login(small_city, "alihdaya1", DEMO_PASSWORD, now=new_year).username == "alihdaya1"


# -- co-sign ---------------------------------------------------------------------------------


def test_supervisor_cosigns_with_their_own_password(small_city: Store) -> None:
    signed = cosign(small_city, "supervisor", DEMO_PASSWORD)
    assert signed == session(small_city, "supervisor")
    assert last_audit(small_city)[:2] == ("supervisor", "cosign")


def test_wrong_supervisor_password_counts_like_a_failed_login(small_city: Store) -> None:
    with pytest.raises(LoginRefused, match="4 kali lagi"):
        cosign(small_city, "supervisor", "bukan-sandinya")
    assert last_audit(small_city)[:2] == ("supervisor", "cosign-failed")


@pytest.mark.parametrize("username", ["operator1", "alihdaya1", "admin"])
def test_only_a_supervisor_can_cosign(small_city: Store, username: str) -> None:
    with pytest.raises(LoginRefused, match="harus ditandatangani supervisor"):
        cosign(small_city, username, DEMO_PASSWORD, now=PEAK_DAY)
    actor, action, _, detail = last_audit(small_city)
    assert (actor, action, detail) == (username, "cosign-refused", {"reason": "role"})


def test_inactive_or_expired_supervisor_cannot_cosign(small_city: Store) -> None:
    admin = session(small_city, "admin")
    create_operator(
        small_city, admin, "supervisor2", "Drs. Hartono", Role.SUPERVISOR, "rahasia-123",
        expires_on="2012-12-31", today=TODAY,
    )  # fmt: skip
    with pytest.raises(LoginRefused, match="berakhir"):
        cosign(small_city, "supervisor2", "rahasia-123", now=datetime(2013, 1, 2, tzinfo=WIB))
    deactivate(small_city, admin, "supervisor", "purna tugas")
    with pytest.raises(LoginRefused, match="dinonaktifkan"):
        cosign(small_city, "supervisor", DEMO_PASSWORD)


# -- co-signed actions -----------------------------------------------------------------------


def test_void_handover_returns_the_card_and_never_reuses_the_receipt(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    first = hand_over(small_city, card_id, nik)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")

    void_id = void_handover(small_city, op, sup, first.event_id, "salah orang dicatat")

    assert status_of(small_city, card_id) == "ready"
    (voided_by,) = small_city.conn.execute(
        "SELECT voided_by FROM handovers WHERE event_id = ?", (first.event_id,)
    ).fetchone()
    assert voided_by == void_id
    event = last_event(small_city, EventType.HANDOVER_VOIDED)
    assert event.payload["operator"] == "operator1"
    assert event.payload["approved_by"] == "supervisor"
    assert event.payload["reason"] == "salah orang dicatat"
    assert event.payload["receipt_no"] == first.receipt_no
    actor, action, audit_nik, detail = last_audit(small_city)
    assert (actor, action, audit_nik) == ("operator1", "void-handover", nik)
    assert detail["approved_by"] == "supervisor"

    again = hand_over(small_city, card_id, nik)
    assert first.receipt_no == "MGS-01-000001"
    assert again.receipt_no == "MGS-01-000002"


def test_void_handover_refusals(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")
    before = sizes(small_city)

    with pytest.raises(PermissionDenied, match="alih daya tidak dapat membatalkan"):
        void_handover(small_city, session(small_city, "alihdaya1"), sup, receipt.event_id, "x")
    with pytest.raises(PermissionDenied, match="minta supervisor"):
        void_handover(small_city, op, session(small_city, "operator2"), receipt.event_id, "x")
    with pytest.raises(HandoverRefused, match="alasan"):
        void_handover(small_city, op, sup, receipt.event_id, " ")
    with pytest.raises(HandoverRefused, match="tidak ditemukan"):
        void_handover(small_city, op, sup, str(uuid.uuid4()), "salah")
    assert sizes(small_city) == before

    void_handover(small_city, op, sup, receipt.event_id, "salah")
    with pytest.raises(HandoverRefused, match="sudah dibatalkan"):
        void_handover(small_city, op, sup, receipt.event_id, "salah")


def test_release_withheld_card(small_city: Store) -> None:
    card_id, nik = card_at(small_city, "withheld")
    op, sup = session(small_city, "alihdaya1"), session(small_city, "supervisor")

    release_withheld(small_city, op, sup, card_id, "data sudah dicek benar")

    assert status_of(small_city, card_id) == "ready"
    event = last_event(small_city, EventType.CARD_RELEASED)
    assert (event.payload["operator"], event.payload["approved_by"]) == ("alihdaya1", "supervisor")
    assert last_audit(small_city)[:3] == ("alihdaya1", "release-card", nik)

    with pytest.raises(HandoverRefused, match="tidak sedang ditahan"):
        release_withheld(small_city, op, sup, card_id, "lagi")


def test_release_withheld_needs_a_supervisor_and_a_reason(small_city: Store) -> None:
    card_id, _ = card_at(small_city, "withheld")
    op = session(small_city, "operator1")
    with pytest.raises(PermissionDenied, match="minta supervisor"):
        release_withheld(small_city, op, op, card_id, "data benar")
    with pytest.raises(HandoverRefused, match="alasan"):
        release_withheld(small_city, op, session(small_city, "supervisor"), card_id, "")
    assert status_of(small_city, card_id) == "withheld"


def test_home_visit_handover_is_recorded_as_such(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")

    receipt = approve_home_visit(
        small_city, op, sup, card_id, last_four=nik[-4:], old_ktp=OldKtp.WITHDRAWN,
        note="lumpuh sejak 2010, rumah di RT 002/RW 003",
    )  # fmt: skip

    assert status_of(small_city, card_id) == "handed_over"
    event = last_event(small_city, EventType.HANDOVER)
    assert event.event_id == receipt.event_id
    assert event.payload["home_visit"] is True
    assert event.payload["operator"] == "operator1"
    assert event.payload["approved_by"] == "supervisor"
    assert event.payload["receipt_no"] == receipt.receipt_no
    assert last_audit(small_city)[:3] == ("operator1", "handover-home-visit", nik)


def test_home_visit_keeps_the_counters_checks(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")
    wrong = "0000" if nik[-4:] != "0000" else "1111"
    before = sizes(small_city)
    with pytest.raises(HandoverRefused, match="empat digit"):
        approve_home_visit(small_city, op, sup, card_id, last_four=wrong,
                           old_ktp=OldKtp.WITHDRAWN, note="sakit")  # fmt: skip
    with pytest.raises(HandoverRefused, match="surat kehilangan"):
        approve_home_visit(small_city, op, sup, card_id, last_four=nik[-4:],
                           old_ktp=OldKtp.LOST, note="sakit")  # fmt: skip
    with pytest.raises(HandoverRefused, match="alasan"):
        approve_home_visit(small_city, op, sup, card_id, last_four=nik[-4:],
                           old_ktp=OldKtp.WITHDRAWN, note="")  # fmt: skip
    with pytest.raises(PermissionDenied):
        approve_home_visit(small_city, op, op, card_id, last_four=nik[-4:],
                           old_ktp=OldKtp.WITHDRAWN, note="sakit")  # fmt: skip
    withheld, withheld_nik = card_at(small_city, "withheld")
    with pytest.raises(HandoverRefused, match="ditahan"):
        approve_home_visit(small_city, op, sup, withheld, last_four=withheld_nik[-4:],
                           old_ktp=OldKtp.WITHDRAWN, note="sakit")  # fmt: skip
    assert sizes(small_city) == before
    assert status_of(small_city, card_id) == "ready"


def _conflict(store: Store) -> tuple[str, str, str]:
    """A card handed over here and, as sync then reveals, at workstation 2 as well."""
    card_id, nik = card_at(store)
    local = hand_over(store, card_id, nik)
    device = "MGS-02-feedbeef"
    remote = Event(
        event_id=str(uuid.uuid4()), device_id=device, site="MGS", seq=1,
        type=EventType.HANDOVER.value, schema=SCHEMA_VERSION,
        wall_time="2012-09-03T09:00:00+07:00",
        hlc=str(Timestamp(int(time.time() * 1000), 0, device)),
        payload={"card_id": card_id, "nik": nik, "workstation": 2, "operator": "operator2",
                 "receipt_no": "MGS-02-000001", "old_ktp": "withdrawn", "police_letter": None},
    )  # fmt: skip
    with store.write():
        store.ingest(remote)
    assert status_of(store, card_id) == "conflict"
    return card_id, local.event_id, remote.event_id


def test_resolve_conflict_cosigned_records_both_people(small_city: Store) -> None:
    card_id, local, remote = _conflict(small_city)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")

    with pytest.raises(PermissionDenied):
        resolve_conflict_cosigned(small_city, op, op, card_id, remote, "warga datang sekali")
    resolve_conflict_cosigned(small_city, op, sup, card_id, remote, "warga datang sekali")

    assert status_of(small_city, card_id) == "handed_over"
    event = last_event(small_city, EventType.CONFLICT_RESOLVED)
    assert event.payload["operator"] == "operator1"
    assert event.payload["approved_by"] == "supervisor"
    assert event.payload["voided_handovers"] == [local]
    actor, action, _, detail = last_audit(small_city)
    assert (actor, action, detail["operator"]) == ("supervisor", "resolve-conflict", "operator1")


def test_rebuild_gives_the_same_state_after_every_supervisor_action(small_city: Store) -> None:
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")
    card_id, nik = card_at(small_city)
    void_handover(small_city, op, sup, hand_over(small_city, card_id, nik).event_id, "salah")
    release_withheld(small_city, op, sup, card_at(small_city, "withheld")[0], "data benar")
    other, other_nik = card_at(small_city, n=1)
    approve_home_visit(small_city, op, sup, other, last_four=other_nik[-4:],
                       old_ktp=OldKtp.NONE, note="stroke")  # fmt: skip
    resolve_conflict_cosigned(small_city, op, sup, *_conflict(small_city)[::2], "sekali saja")
    deactivate(small_city, sup, "operator2", "pindah tugas")
    extend_expiry(small_city, sup, "alihdaya1", "2013-01-31", today=TODAY)

    before, after = small_city.rebuild()
    assert before == after


# -- corrections -----------------------------------------------------------------------------


def test_correct_handover_fixes_the_old_ktp_record_and_names_both_people(
    small_city: Store,
) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")

    event_id = correct_handover(
        small_city, op, sup, receipt.event_id,
        old_ktp=OldKtp.LOST, police_letter=" LP/12/IX/2012 ", reason="KTP lama ternyata hilang",
    )  # fmt: skip

    assert status_of(small_city, card_id) == "handed_over"  # the handover stands
    row = small_city.conn.execute(
        "SELECT old_ktp, police_letter, corrected_by, voided_by FROM handovers WHERE event_id = ?",
        (receipt.event_id,),
    ).fetchone()
    assert row == ("lost", "LP/12/IX/2012", event_id, None)
    event = last_event(small_city, EventType.HANDOVER_CORRECTED)
    assert event.payload["was"] == {"old_ktp": "withdrawn", "police_letter": None}
    assert (event.payload["operator"], event.payload["approved_by"]) == ("operator1", "supervisor")
    actor, action, audit_nik, detail = last_audit(small_city)
    assert (actor, action, audit_nik) == ("operator1", "correct-handover", nik)
    assert detail["approved_by"] == "supervisor"

    before, after = small_city.rebuild()
    assert before == after  # the correction replays to the same state


def test_correct_handover_refusals(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")
    before = sizes(small_city)

    def correct(operator=op, supervisor=sup, old_ktp=OldKtp.NONE, letter=None, reason="salah"):
        correct_handover(
            small_city, operator, supervisor, receipt.event_id,
            old_ktp=old_ktp, police_letter=letter, reason=reason,
        )  # fmt: skip

    with pytest.raises(PermissionDenied, match="alih daya tidak dapat mengoreksi"):
        correct(operator=session(small_city, "alihdaya1"))
    with pytest.raises(PermissionDenied, match="minta supervisor"):
        correct(supervisor=session(small_city, "operator2"))
    with pytest.raises(HandoverRefused, match="alasan koreksi"):
        correct(reason="  ")
    with pytest.raises(HandoverRefused, match="surat kehilangan"):
        correct(old_ktp=OldKtp.LOST, letter=" ")
    with pytest.raises(HandoverRefused, match="sudah tercatat seperti itu"):
        correct(old_ktp=OldKtp.WITHDRAWN)
    assert sizes(small_city) == before

    void_handover(small_city, op, sup, receipt.event_id, "salah orang")
    with pytest.raises(HandoverRefused, match="sudah dibatalkan"):
        correct()


def test_a_receipt_printed_before_a_correction_still_verifies(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    original = receipt_data(small_city, receipt.receipt_no)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")
    correct_handover(
        small_city, op, sup, receipt.event_id,
        old_ktp=OldKtp.LOST, police_letter="LP/1", reason="hilang",
    )  # fmt: skip

    corrected = receipt_data(small_city, receipt.receipt_no, copy=True)
    assert (corrected.old_ktp, corrected.police_letter) == ("lost", "LP/1")
    assert corrected.check_code() != original.check_code()
    for paper in (original, corrected):
        assert find(small_city, paper.qr_text(), actor="supervisor").receipt_check is True
    forged = replace(original, old_ktp="none")
    assert find(small_city, forged.qr_text(), actor="supervisor").receipt_check is False


def test_the_register_shows_a_corrected_handover_with_what_changed(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik)
    op, sup = session(small_city, "operator1"), session(small_city, "supervisor")
    correct_handover(
        small_city, op, sup, receipt.event_id,
        old_ktp=OldKtp.LOST, police_letter="LP/7", reason="penduduk lupa bilang",
    )  # fmt: skip
    day = date.fromisoformat(receipt.wall_time[:10])

    register = daily_register(small_city, "MGS", day)

    (row,) = [r for r in register.rows if r.receipt_no == receipt.receipt_no]
    assert row.status == CORRECTED and not row.voided
    assert row.reason == "KTP lama ditarik → hilang (surat polisi LP/7): penduduk lupa bilang"
    assert register.corrected == 1
    assert register.handed_over == len(register.rows) - register.voided
