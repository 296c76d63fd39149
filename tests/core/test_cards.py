"""Tests for desktop.core.cards: the card state machine and its labels."""

from __future__ import annotations

import itertools

import pytest

from desktop.core.cards import (
    HANDABLE,
    LABELS,
    TRANSITIONS,
    CardStatus,
    TransitionError,
    can_transition,
    check_transition,
)

ALL_PAIRS = list(itertools.product(CardStatus, CardStatus))


def test_every_status_has_transitions_and_a_label():
    assert set(TRANSITIONS) == set(CardStatus)
    assert set(LABELS) == set(CardStatus)
    for status in CardStatus:
        assert LABELS[status].strip()
    # Labels tell the states apart at the counter.
    assert len(set(LABELS.values())) == len(CardStatus)


def test_transition_targets_are_statuses_and_never_the_same_status():
    for status, targets in TRANSITIONS.items():
        assert targets <= set(CardStatus)
        assert status not in targets


def test_returned_is_terminal():
    assert TRANSITIONS[CardStatus.RETURNED] == frozenset()
    for target in CardStatus:
        assert not can_transition(CardStatus.RETURNED, target)
        with pytest.raises(TransitionError):
            check_transition(CardStatus.RETURNED, target)


def test_returned_is_the_only_terminal_status_and_reachable_from_every_other():
    terminal = {status for status, targets in TRANSITIONS.items() if not targets}
    assert terminal == {CardStatus.RETURNED}
    for start in CardStatus:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in TRANSITIONS[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert CardStatus.RETURNED in seen, start


def test_disallowed_move_raises_with_an_indonesian_message():
    with pytest.raises(TransitionError) as info:
        check_transition(CardStatus.RETURNED, CardStatus.READY)
    message = str(info.value)
    assert "tidak dapat diubah menjadi" in message
    assert LABELS[CardStatus.RETURNED] in message  # "dikembalikan ke Dinas"
    assert LABELS[CardStatus.READY] in message  # "siap diserahkan"


def test_transition_error_is_a_value_error():
    with pytest.raises(ValueError):
        check_transition(CardStatus.HANDED_OVER, CardStatus.HANDED_OVER)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (CardStatus.READY, CardStatus.HANDED_OVER),
        (CardStatus.RECEIVED, CardStatus.READY),
        (CardStatus.READY, CardStatus.WITHHELD),
        (CardStatus.WITHHELD, CardStatus.READY),
        (CardStatus.HANDED_OVER, CardStatus.CONFLICT),  # entered by sync
        (CardStatus.HANDED_OVER, CardStatus.READY),  # a voided handover
        (CardStatus.CONFLICT, CardStatus.HANDED_OVER),
        (CardStatus.UNCOLLECTED, CardStatus.HANDED_OVER),
        (CardStatus.SUPERSEDED, CardStatus.RETURNED),
    ],
)
def test_allowed_moves_do_not_raise(current, target):
    assert can_transition(current, target)
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (CardStatus.RETURNED, CardStatus.READY),
        (CardStatus.RECEIVED, CardStatus.HANDED_OVER),  # not sorted into a box yet
        (CardStatus.WITHHELD, CardStatus.HANDED_OVER),  # waits for a supervisor
        (CardStatus.DECEASED, CardStatus.HANDED_OVER),
        (CardStatus.MISROUTED, CardStatus.HANDED_OVER),
        (CardStatus.SUPERSEDED, CardStatus.HANDED_OVER),
        (CardStatus.HANDED_OVER, CardStatus.HANDED_OVER),
    ],
)
def test_disallowed_moves_raise(current, target):
    assert not can_transition(current, target)
    with pytest.raises(TransitionError):
        check_transition(current, target)


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_check_transition_agrees_with_the_table(current, target):
    if target in TRANSITIONS[current]:
        check_transition(current, target)
    else:
        with pytest.raises(TransitionError):
            check_transition(current, target)


def test_handable_statuses_can_be_handed_over():
    assert {CardStatus.READY, CardStatus.UNCOLLECTED} == HANDABLE
    for status in HANDABLE:
        assert can_transition(status, CardStatus.HANDED_OVER)


def test_only_handable_statuses_or_conflict_reach_handed_over():
    sources = {s for s, targets in TRANSITIONS.items() if CardStatus.HANDED_OVER in targets}
    assert sources == set(HANDABLE) | {CardStatus.CONFLICT}


def test_status_values_are_stable():
    assert CardStatus("handed_over") is CardStatus.HANDED_OVER
    assert CardStatus("ready") is CardStatus.READY
