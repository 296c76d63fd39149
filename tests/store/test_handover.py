"""Recording a handover on the demo city: one transaction holds the event, the card's new
state, the receipt number and the audit entry, or none of them."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from desktop.core.events import SCHEMA_VERSION, Event, EventType, Timestamp
from desktop.core.handover import OldKtp
from desktop.core.roles import PermissionDenied, Role
from desktop.store import Store, open_store
from desktop.store.handover import HandoverRefused, next_receipt_no, record_handover

from .conftest import AppendEvent


def card_at(store: Store, *, status: str = "ready", site: str | None = "MGS", n: int = 0):
    """The n-th card (by card id) with this status and site: (card_id, nik)."""
    rows = store.conn.execute(
        "SELECT card_id, nik FROM cards WHERE status = ? AND site IS ? ORDER BY card_id",
        (status, site),
    ).fetchall()
    assert len(rows) > n, f"the demo city has no card #{n} with status {status} at {site}"
    return rows[n]


def counts(store: Store) -> dict[str, int]:
    return {
        table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("journal", "audit", "handovers")
    }


def status_of(store: Store, card_id: str) -> str:
    return store.conn.execute("SELECT status FROM cards WHERE card_id = ?", (card_id,)).fetchone()[
        0
    ]


def hand_over(store: Store, card_id: str, nik: str, **over: Any):
    kwargs: dict[str, Any] = {
        "card_id": card_id,
        "operator": "operator1",
        "role": Role.OPERATOR,
        "last_four": nik[-4:],
        "old_ktp": OldKtp.WITHDRAWN,
    }
    kwargs.update(over)
    return record_handover(store, **kwargs)


def pull_handover(
    store: Store, *, device_id: str, site: str, workstation: int, card_id: str, nik: str,
    receipt_no: str, seq: int = 1, wall_time: str = "2012-09-03T09:00:00+07:00",
) -> Event:  # fmt: skip
    """A handover recorded at another workstation, arriving as a sync pull would bring it."""
    event = Event(
        event_id=str(uuid.uuid4()),
        device_id=device_id,
        site=site,
        seq=seq,
        type=EventType.HANDOVER.value,
        schema=SCHEMA_VERSION,
        wall_time=wall_time,
        hlc=str(Timestamp(int(time.time() * 1000), 0, device_id)),
        payload={
            "card_id": card_id,
            "nik": nik,
            "workstation": workstation,
            "operator": "operator2",
            "receipt_no": receipt_no,
            "old_ktp": "withdrawn",
            "police_letter": None,
        },
    )
    with store.write():  # as sync would bring it from the other counter
        store.ingest(event)
    return event


# -- success ---------------------------------------------------------------------------------


def test_first_handover_writes_event_card_state_receipt_and_audit(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    before = counts(small_city)
    receipt = hand_over(small_city, card_id, nik)

    assert receipt.receipt_no == "MGS-01-000001"
    assert (receipt.card_id, receipt.nik) == (card_id, nik)
    assert status_of(small_city, card_id) == "handed_over"
    assert counts(small_city) == {k: v + 1 for k, v in before.items()}

    (event,) = [e for e in small_city.events() if e.type == EventType.HANDOVER.value]
    assert event.event_id == receipt.event_id
    assert event.wall_time == receipt.wall_time
    assert event.payload == {
        "card_id": card_id,
        "nik": nik,
        "workstation": 1,
        "operator": "operator1",
        "receipt_no": "MGS-01-000001",
        "old_ktp": "withdrawn",
        "police_letter": None,
        "holder_name": small_city.conn.execute(
            "SELECT nama FROM residents WHERE nik = ?", (nik,)
        ).fetchone()[0],
        "operator_name": "Agus Santoso",
    }
    actor, action, audited_nik, detail = small_city.conn.execute(
        "SELECT actor, action, nik, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert (actor, action, audited_nik) == ("operator1", "handover", nik)
    assert json.loads(detail) == {"receipt_no": "MGS-01-000001"}
    row = small_city.conn.execute(
        "SELECT site, workstation, operator, old_ktp, police_letter, printed, voided_by"
        " FROM handovers WHERE event_id = ?",
        (receipt.event_id,),
    ).fetchone()
    assert row == ("MGS", 1, "operator1", "withdrawn", None, 0, None)


def test_receipt_numbers_are_gap_free_even_after_a_refusal(small_city: Store) -> None:
    cards = [card_at(small_city, n=i) for i in range(4)]
    numbers = [hand_over(small_city, *cards[0]).receipt_no]
    with pytest.raises(HandoverRefused):
        hand_over(small_city, cards[1][0], cards[1][1], last_four="0000")
    numbers += [hand_over(small_city, *card).receipt_no for card in cards[1:]]
    assert numbers == [f"MGS-01-{i:06d}" for i in range(1, 5)]
    assert next_receipt_no(small_city) == "MGS-01-000005"


def test_last_four_with_surrounding_spaces_is_accepted(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    hand_over(small_city, card_id, nik, last_four=f" {nik[-4:]}\t")
    assert status_of(small_city, card_id) == "handed_over"


def test_uncollected_card_can_still_be_handed_over(small_city: Store, append: AppendEvent) -> None:
    card_id, nik = card_at(small_city)
    append(small_city, EventType.CARD_UNCOLLECTED, {"card_id": card_id})
    assert status_of(small_city, card_id) == "uncollected"
    hand_over(small_city, card_id, nik)
    assert status_of(small_city, card_id) == "handed_over"


# -- refusals leave no trace -----------------------------------------------------------------


def test_wrong_last_four_is_refused_and_nothing_written(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    wrong = f"{(int(nik[-4:]) + 1) % 10000:04d}"
    before = counts(small_city)
    with pytest.raises(HandoverRefused, match="empat digit terakhir") as refused:
        hand_over(small_city, card_id, nik, last_four=wrong)
    assert "kartu" in str(refused.value) and "salah" in str(refused.value)
    assert counts(small_city) == before
    assert status_of(small_city, card_id) == "ready"
    assert not small_city.conn.in_transaction


@pytest.mark.parametrize("last_four", ["", "   ", "8", "00008"])
def test_incomplete_last_four_is_refused(small_city: Store, last_four: str) -> None:
    card_id, nik = card_at(small_city)
    with pytest.raises(HandoverRefused, match="empat digit terakhir"):
        hand_over(small_city, card_id, nik, last_four=last_four)


def test_a_card_already_handed_over_is_refused(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    hand_over(small_city, card_id, nik)
    before = counts(small_city)
    with pytest.raises(HandoverRefused, match="sudah diserahkan"):
        hand_over(small_city, card_id, nik, operator="operator2")
    assert counts(small_city) == before
    assert next_receipt_no(small_city) == "MGS-01-000002"


@pytest.mark.parametrize(
    ("status", "site", "words"),
    [
        ("withheld", "MGS", "ditahan"),
        ("superseded", "MGS", "diganti cetak ulang"),
        ("misrouted", None, "salah alamat"),
    ],
)
def test_cards_in_other_states_are_refused(
    small_city: Store, status: str, site: str | None, words: str
) -> None:
    card_id, nik = card_at(small_city, status=status, site=site)
    before = counts(small_city)
    with pytest.raises(HandoverRefused, match=words):
        hand_over(small_city, card_id, nik)
    assert counts(small_city) == before
    assert status_of(small_city, card_id) == status


def test_a_card_of_the_other_site_is_refused(small_city: Store) -> None:
    card_id, nik = card_at(small_city, site="DSP")
    before = counts(small_city)
    with pytest.raises(HandoverRefused, match="DSP"):
        hand_over(small_city, card_id, nik)
    assert counts(small_city) == before
    assert status_of(small_city, card_id) == "ready"


def test_an_unknown_card_is_refused(small_city: Store) -> None:
    before = counts(small_city)
    with pytest.raises(HandoverRefused, match="tidak dikenal"):
        hand_over(small_city, "B20120507-0000000000000000", "3576020101800001")
    assert counts(small_city) == before


# -- the old paper KTP -----------------------------------------------------------------------


@pytest.mark.parametrize("police_letter", [None, "", "   "])
def test_lost_old_ktp_needs_the_police_letter(small_city: Store, police_letter: str | None) -> None:
    card_id, nik = card_at(small_city)
    before = counts(small_city)
    with pytest.raises(HandoverRefused, match="surat kehilangan"):
        hand_over(small_city, card_id, nik, old_ktp=OldKtp.LOST, police_letter=police_letter)
    assert counts(small_city) == before
    assert status_of(small_city, card_id) == "ready"


def test_lost_old_ktp_with_police_letter_is_stored(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(
        small_city,
        card_id,
        nik,
        old_ktp=OldKtp.LOST,
        police_letter="  LP/123/IX/2012/Reskrim ",
    )
    row = small_city.conn.execute(
        "SELECT old_ktp, police_letter FROM handovers WHERE receipt_no = ?", (receipt.receipt_no,)
    ).fetchone()
    assert row == ("lost", "LP/123/IX/2012/Reskrim")


def test_first_time_applicant_has_no_old_ktp(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik, old_ktp=OldKtp.NONE, police_letter="  ")
    row = small_city.conn.execute(
        "SELECT old_ktp, police_letter FROM handovers WHERE receipt_no = ?", (receipt.receipt_no,)
    ).fetchone()
    assert row == ("none", None)


# -- who may hand over -----------------------------------------------------------------------


def test_admin_may_not_hand_over(small_city: Store) -> None:
    card_id, nik = card_at(small_city)
    before = counts(small_city)
    with pytest.raises(PermissionDenied) as denied:
        hand_over(small_city, card_id, nik, operator="admin", role=Role.ADMIN)
    assert denied.value.role is Role.ADMIN
    assert counts(small_city) == before
    assert status_of(small_city, card_id) == "ready"


@pytest.mark.parametrize(
    ("operator", "role"), [("alihdaya1", Role.OUTSOURCED), ("supervisor", Role.SUPERVISOR)]
)
def test_outsourced_and_supervisor_may_hand_over(
    small_city: Store, operator: str, role: Role
) -> None:
    card_id, nik = card_at(small_city)
    receipt = hand_over(small_city, card_id, nik, operator=operator, role=role)
    (recorded,) = small_city.conn.execute(
        "SELECT operator FROM handovers WHERE event_id = ?", (receipt.event_id,)
    ).fetchone()
    assert recorded == operator


# -- numbering across stores and workstations ------------------------------------------------


def test_receipt_numbers_continue_after_reopening_the_store(small_city: Store) -> None:
    cards = [card_at(small_city, n=i) for i in range(3)]
    hand_over(small_city, *cards[0])
    hand_over(small_city, *cards[1])
    folder = small_city.path.parent
    small_city.close()
    with open_store(folder) as reopened:
        assert hand_over(reopened, *cards[2]).receipt_no == "MGS-01-000003"
        assert status_of(reopened, cards[0][0]) == "handed_over"


def test_numbers_are_per_workstation(small_city: Store) -> None:
    card_a, card_b = card_at(small_city, n=0), card_at(small_city, n=1)
    pull_handover(
        small_city, device_id="MGS-02-0badc0de", site="MGS", workstation=2,
        card_id=card_a[0], nik=card_a[1], receipt_no="MGS-02-000001",
    )  # fmt: skip
    assert hand_over(small_city, *card_b).receipt_no == "MGS-01-000001"


def test_a_reinstalled_workstation_continues_its_predecessors_numbers(small_city: Store) -> None:
    card_a, card_b = card_at(small_city, n=0), card_at(small_city, n=1)
    pull_handover(
        small_city, device_id="MGS-01-0ldd1sk0", site="MGS", workstation=1,
        card_id=card_a[0], nik=card_a[1], receipt_no="MGS-01-000001",
    )  # fmt: skip
    assert hand_over(small_city, *card_b).receipt_no == "MGS-01-000002"


def test_rebuild_after_handovers_gives_the_same_state(small_city: Store) -> None:
    for i in range(3):
        hand_over(small_city, *card_at(small_city, n=i))
    with pytest.raises(HandoverRefused):
        hand_over(small_city, *card_at(small_city, status="handed_over"))
    before, after = small_city.rebuild()
    assert before == after
    assert next_receipt_no(small_city) == "MGS-01-000004"
