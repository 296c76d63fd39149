"""Tests for desktop.core.events: canonical JSON, timestamps and the hybrid logical clock."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.events import (
    SCHEMA_VERSION,
    Event,
    EventType,
    HybridLogicalClock,
    Timestamp,
    canonical_json,
)


def make_event(payload: dict) -> Event:
    return Event(
        event_id="6f1c2a52-1111-4e3b-9f00-000000000001",
        device_id="MGS-01",
        site="MGS",
        seq=42,
        type=EventType.HANDOVER.value,
        schema=SCHEMA_VERSION,
        wall_time="2012-09-03T08:15:00+07:00",
        hlc="1346634900000-00000-MGS-01",
        payload=payload,
    )


def scripted_clock(seconds: Iterable[float]):
    """A clock function that returns the given readings, then stays on the last one."""
    readings = list(seconds)
    state = {"i": 0}

    def clock() -> float:
        value = readings[min(state["i"], len(readings) - 1)]
        state["i"] += 1
        return value

    return clock


def key(ts: Timestamp) -> tuple[int, int]:
    return ts.millis, ts.counter


# --- canonical JSON -----------------------------------------------------------------------


def test_canonical_is_sorted_compact_utf8():
    event = make_event({"nama": "Siti Ñurhayati", "b": 1, "a": {"z": "é", "y": [1, 2]}})
    data = event.canonical()
    assert isinstance(data, bytes)
    text = data.decode("utf-8")
    # Non-ASCII is kept as UTF-8, not escaped.
    assert "Siti Ñurhayati" in text
    assert "Ñ".encode() in data
    assert b"\\u" not in data
    # Compact: no whitespace after separators.
    assert ", " not in text and ": " not in text
    assert '"a":{"y":[1,2],"z":"é"},"b":1,"nama":"Siti Ñurhayati"' in text
    # Sorted keys at the top level and inside.
    decoded = json.loads(text)
    assert list(decoded) == sorted(decoded)
    assert list(decoded["payload"]) == sorted(decoded["payload"])
    assert decoded == event.to_dict()


def test_canonical_exact_bytes():
    expected = (
        b'{"device_id":"MGS-01","event_id":"6f1c2a52-1111-4e3b-9f00-000000000001",'
        b'"hlc":"1346634900000-00000-MGS-01","payload":{"kelurahan":"Magersari"},'
        b'"schema":1,"seq":42,"site":"MGS","type":"handover",'
        b'"wall_time":"2012-09-03T08:15:00+07:00"}'
    )
    assert make_event({"kelurahan": "Magersari"}).canonical() == expected


def test_equal_content_gives_equal_bytes_whatever_the_key_order():
    first = make_event({"nik": "3576021005850123", "box": 3, "slot": 17})
    second = make_event({"slot": 17, "box": 3, "nik": "3576021005850123"})
    assert first.canonical() == second.canonical()
    assert make_event({"box": 4}).canonical() != make_event({"box": 3}).canonical()


def test_canonical_round_trips_to_the_same_event():
    event = make_event({"nama": "Ahmad Dahlan", "angka": [1, 2.5, None, True]})
    assert Event(**json.loads(event.canonical())) == event


def test_canonical_json_helper():
    assert canonical_json({"b": "ü", "a": [1, {"d": 1, "c": 2}]}) == (
        '{"a":[1,{"c":2,"d":1}],"b":"ü"}'.encode()
    )


# --- Timestamp ----------------------------------------------------------------------------


def test_timestamp_text_form():
    ts = Timestamp(1346634900000, 7, "DSP-02")
    assert str(ts) == "1346634900000-0000000007-DSP-02"
    assert Timestamp.parse("1346634900000-0000000007-DSP-02") == ts


millis = st.integers(min_value=0, max_value=10**13 - 1)
counters = st.integers(min_value=0, max_value=10**10 - 1)
nodes = st.text(min_size=1, max_size=20)
timestamps = st.builds(Timestamp, millis, counters, nodes)


@given(timestamps)
def test_timestamp_round_trips_through_str(ts):
    assert Timestamp.parse(str(ts)) == ts


@given(node=nodes, a=st.tuples(millis, counters), b=st.tuples(millis, counters))
def test_string_order_is_timestamp_order_for_one_node(node, a, b):
    first, second = Timestamp(*a, node), Timestamp(*b, node)
    assert (str(first) < str(second)) == (first < second)
    assert (str(first) == str(second)) == (first == second)


def test_string_order_survives_a_counter_past_five_digits():
    low, high = Timestamp(1_000, 99_999, "A"), Timestamp(1_000, 100_000, "A")
    assert low < high
    assert str(low) < str(high)


# --- HybridLogicalClock -------------------------------------------------------------------


def test_now_uses_the_physical_clock_in_milliseconds():
    hlc = HybridLogicalClock("MGS-01", clock=scripted_clock([1346634900.123]))
    assert hlc.now() == Timestamp(1346634900123, 0, "MGS-01")


def test_now_is_strictly_increasing_when_the_clock_stands_still():
    hlc = HybridLogicalClock("MGS-01", clock=lambda: 1000.0)
    readings = [hlc.now() for _ in range(50)]
    assert readings == sorted(readings)
    assert len(set(readings)) == 50
    assert [r.counter for r in readings] == list(range(50))
    assert {r.millis for r in readings} == {1_000_000}


def test_now_is_strictly_increasing_when_the_clock_goes_backwards():
    hlc = HybridLogicalClock("MGS-01", clock=scripted_clock([100.0, 99.0, 50.0, 50.0, 100.0, 0.0]))
    readings = [hlc.now() for _ in range(6)]
    for earlier, later in itertools.pairwise(readings):
        assert key(later) > key(earlier)
    assert all(r.millis == 100_000 for r in readings)


def test_now_follows_the_clock_forward_again():
    hlc = HybridLogicalClock("MGS-01", clock=scripted_clock([100.0, 90.0, 101.0]))
    hlc.now()
    hlc.now()
    assert hlc.now() == Timestamp(101_000, 0, "MGS-01")


@given(st.lists(st.floats(min_value=0, max_value=4e9, allow_nan=False), min_size=1, max_size=60))
def test_now_is_strictly_increasing_for_any_clock(seconds):
    hlc = HybridLogicalClock("DSP-01", clock=scripted_clock(seconds))
    readings = [hlc.now() for _ in seconds]
    for earlier, later in itertools.pairwise(readings):
        assert key(later) > key(earlier)
        assert later > earlier


def test_restarts_after_the_last_stored_timestamp():
    last = Timestamp(5_000_000, 3, "MGS-01")
    hlc = HybridLogicalClock("MGS-01", last=last, clock=lambda: 1.0)  # clock far behind
    first = hlc.now()
    assert key(first) > key(last)
    assert first == Timestamp(5_000_000, 4, "MGS-01")


def test_observe_of_a_remote_far_ahead():
    hlc = HybridLogicalClock("MGS-01", clock=lambda: 1000.0)
    local = hlc.now()
    remote = Timestamp(9_000_000_000, 12, "DSP-01")
    seen = hlc.observe(remote)
    assert key(seen) > key(remote)
    assert key(seen) > key(local)
    assert seen.node == "MGS-01"
    later = [hlc.now() for _ in range(5)]
    for ts in later:
        assert key(ts) > key(remote)
        assert ts.node == "MGS-01"
    assert key(later[0]) > key(seen)


def test_observe_of_a_remote_behind_still_moves_forward():
    hlc = HybridLogicalClock("MGS-01", clock=lambda: 1000.0)
    local = hlc.now()
    seen = hlc.observe(Timestamp(5, 0, "DSP-01"))
    assert key(seen) > key(local)
    assert key(hlc.now()) > key(seen)


def test_observe_of_a_remote_with_the_same_millis_takes_the_larger_counter():
    hlc = HybridLogicalClock("MGS-01", clock=lambda: 1.0)
    hlc.now()  # (1000, 0)
    assert hlc.observe(Timestamp(1000, 7, "DSP-01")) == Timestamp(1000, 8, "MGS-01")
    assert hlc.observe(Timestamp(1000, 2, "DSP-01")) == Timestamp(1000, 9, "MGS-01")


def test_observe_when_the_physical_clock_is_ahead_of_everything():
    hlc = HybridLogicalClock("MGS-01", clock=lambda: 2.0)
    assert hlc.observe(Timestamp(1000, 7, "DSP-01")) == Timestamp(2000, 0, "MGS-01")


operations = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1e6, allow_nan=False),
        st.one_of(st.none(), st.builds(Timestamp, st.integers(0, 10**9), counters, nodes)),
    ),
    min_size=1,
    max_size=60,
)


@given(operations)
def test_clock_never_goes_back_and_never_falls_behind_what_it_saw(ops):
    hlc = HybridLogicalClock("MGS-01", clock=scripted_clock([seconds for seconds, _ in ops]))
    previous: Timestamp | None = None
    highest_seen: Timestamp | None = None
    for _, remote in ops:
        if remote is None:
            ts = hlc.now()
        else:
            ts = hlc.observe(remote)
            if highest_seen is None or key(remote) > key(highest_seen):
                highest_seen = remote
        assert ts.node == "MGS-01"
        if previous is not None:
            assert key(ts) > key(previous)
        if highest_seen is not None:
            assert key(ts) > key(highest_seen)
        previous = ts
