"""Two counters hand over one card while apart: both handovers are kept, the card is in
conflict on every replica and on the server, and a supervisor's resolution at one counter
clears it everywhere after sync."""

from __future__ import annotations

import pytest

from desktop.core.cards import CardStatus
from desktop.core.roles import PermissionDenied, Role
from desktop.store.handover import HandoverRefused, resolve_conflict
from tests.sync.harness import Loket, loket, pg, reference, server_process  # noqa: F401


def _resolve(station, card_id: str, keep: str, who: str, role: Role, reason: str) -> str:
    return resolve_conflict(
        station.store,
        card_id=card_id,
        keep_event_id=keep,
        supervisor=who,
        role=role,
        reason=reason,
    )


def _status(station, card_id: str) -> str:
    return dict(station.card_states())[card_id]


def test_a_supervisors_resolution_clears_the_conflict_everywhere(loket: Loket) -> None:  # noqa: F811
    first = loket.workstation("MGS", 1)
    second = loket.workstation("MGS", 2)
    card_id, _ = first.ready_cards()[0]
    kept = first.hand_over(card_id)
    second.hand_over(card_id)  # apart: neither knows of the other's handover
    for station in (first, second, first):
        station.sync()
    assert _status(first, card_id) == _status(second, card_id) == CardStatus.CONFLICT
    conflicts = (
        loket.database.connect()
        .execute("SELECT count(*) FROM events WHERE type = 'card_conflict'")
        .fetchone()[0]
    )
    assert conflicts == 1

    with pytest.raises(PermissionDenied):
        _resolve(first, card_id, kept.event_id, "operator1", Role.OPERATOR, "salah input")
    with pytest.raises(HandoverRefused, match="alasan"):
        _resolve(first, card_id, kept.event_id, "supervisor", Role.SUPERVISOR, " ")
    resolve_conflict(
        first.store,
        card_id=card_id,
        keep_event_id=kept.event_id,
        supervisor="supervisor",
        role=Role.SUPERVISOR,
        reason="loket 2 memindai kartu yang salah; kartu ada pada pemiliknya",
    )
    assert _status(first, card_id) == CardStatus.HANDED_OVER
    first.sync()
    second.sync()
    assert _status(second, card_id) == CardStatus.HANDED_OVER
    live = second.store.conn.execute(
        "SELECT event_id FROM handovers WHERE card_id = ? AND voided_by IS NULL", (card_id,)
    ).fetchall()
    assert live == [(kept.event_id,)]
    assert first.journal_ids() == second.journal_ids()
    with pytest.raises(HandoverRefused, match="tidak sedang dalam konflik"):
        _resolve(first, card_id, kept.event_id, "supervisor", Role.SUPERVISOR, "lagi")
