"""Card states, the moves allowed between them, and what each state means at the counter."""

from __future__ import annotations

from enum import StrEnum


class CardStatus(StrEnum):
    RECEIVED = "received"  # arrived at the Dinas from the centre, not yet sorted
    READY = "ready"  # sorted into a box and slot at its serving site
    HANDED_OVER = "handed_over"
    WITHHELD = "withheld"  # data error or damage; waits for a supervisor
    RETURNED = "returned"  # sent back to the Dinas / centre for reprint
    MISROUTED = "misrouted"  # not ours: NIK not in the register or domicile elsewhere
    DECEASED = "deceased"  # holder died
    MOVED = "moved"  # holder moved away
    UNCOLLECTED = "uncollected"  # chased through the lurah and RT/RW
    SUPERSEDED = "superseded"  # a reprint replaced it
    CONFLICT = "conflict"  # two live handovers recorded at two counters


class WithholdReason(StrEnum):
    DATA_ERROR = "data_error"
    DAMAGED = "damaged"
    DECEASED_REPORTED = "deceased_reported"  # a death reported at the counter, to verify


# Where a card may go from each state. Conflict is entered by sync, not by a person, so
# every state that can be handed over can also end up in conflict.
TRANSITIONS: dict[CardStatus, frozenset[CardStatus]] = {
    CardStatus.RECEIVED: frozenset(
        {
            CardStatus.READY,
            CardStatus.MISROUTED,
            CardStatus.WITHHELD,
            CardStatus.SUPERSEDED,
            CardStatus.MOVED,  # the holder moved out before the card was sorted
        }
    ),
    CardStatus.READY: frozenset(
        {
            CardStatus.HANDED_OVER,
            CardStatus.WITHHELD,
            CardStatus.RETURNED,
            CardStatus.DECEASED,
            CardStatus.MOVED,
            CardStatus.UNCOLLECTED,
            CardStatus.SUPERSEDED,
        }
    ),
    CardStatus.UNCOLLECTED: frozenset(
        {
            CardStatus.HANDED_OVER,
            CardStatus.WITHHELD,  # a death or a card error reported while being chased
            CardStatus.READY,
            CardStatus.RETURNED,
            CardStatus.DECEASED,
            CardStatus.MOVED,
            CardStatus.SUPERSEDED,
        }
    ),
    CardStatus.WITHHELD: frozenset({CardStatus.READY, CardStatus.RETURNED, CardStatus.SUPERSEDED}),
    CardStatus.HANDED_OVER: frozenset({CardStatus.CONFLICT, CardStatus.READY}),
    CardStatus.CONFLICT: frozenset({CardStatus.HANDED_OVER, CardStatus.READY}),
    CardStatus.MISROUTED: frozenset({CardStatus.RETURNED, CardStatus.READY}),
    CardStatus.DECEASED: frozenset({CardStatus.RETURNED}),
    CardStatus.MOVED: frozenset({CardStatus.RETURNED, CardStatus.READY}),
    CardStatus.RETURNED: frozenset(),
    CardStatus.SUPERSEDED: frozenset({CardStatus.RETURNED}),
}

# The statuses in which a card can be handed over at its site.
HANDABLE = frozenset({CardStatus.READY, CardStatus.UNCOLLECTED})


class TransitionError(ValueError):
    """A card move that the rules do not allow."""


def can_transition(current: CardStatus, target: CardStatus) -> bool:
    return target in TRANSITIONS[current]


def check_transition(current: CardStatus, target: CardStatus) -> None:
    if not can_transition(current, target):
        raise TransitionError(
            f"kartu berstatus '{LABELS[current]}' tidak dapat diubah menjadi '{LABELS[target]}'"
        )


LABELS: dict[CardStatus, str] = {
    CardStatus.RECEIVED: "diterima dari pusat",
    CardStatus.READY: "siap diserahkan",
    CardStatus.HANDED_OVER: "sudah diserahkan",
    CardStatus.WITHHELD: "ditahan",
    CardStatus.RETURNED: "dikembalikan ke Dinas",
    CardStatus.MISROUTED: "salah alamat",
    CardStatus.DECEASED: "pemilik meninggal",
    CardStatus.MOVED: "pemilik pindah",
    CardStatus.UNCOLLECTED: "belum diambil",
    CardStatus.SUPERSEDED: "diganti cetak ulang",
    CardStatus.CONFLICT: "konflik serah terima",
}
