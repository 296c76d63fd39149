"""Per-workstation settings live in the store's meta table and are checked before saving."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.store import Store, StoreError, open_store
from desktop.store.settings import (
    LANGUAGES,
    LAYOUTS,
    WorkstationSettings,
    load_settings,
    save_settings,
)


def test_fresh_store_has_the_defaults(store: Store) -> None:
    settings = load_settings(store)
    assert settings == WorkstationSettings()
    assert settings.printer == ""
    assert settings.receipt_layout == "a5"
    assert settings.print_preview is False
    assert settings.language == "id"  # Bahasa Indonesia by default
    assert settings.idle_lock_minutes == 5


def test_save_and_load_round_trip_with_types(store: Store) -> None:
    chosen = WorkstationSettings(
        printer="EPSON TM-T82 (Loket 1)",
        receipt_layout="roll80",
        print_preview=True,
        language="en",
        idle_lock_minutes=15,
    )
    save_settings(store, chosen)
    loaded = load_settings(store)
    assert loaded == chosen
    assert isinstance(loaded.print_preview, bool)
    assert isinstance(loaded.idle_lock_minutes, int)
    # Stored as meta rows, not as journal events: they are this machine's, not facts.
    assert store.conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 0
    assert store.meta("setting.receipt_layout") == "roll80"


def test_settings_survive_reopening_and_false_stays_false(store: Store) -> None:
    save_settings(store, WorkstationSettings(print_preview=True, idle_lock_minutes=60))
    save_settings(store, WorkstationSettings(print_preview=False, idle_lock_minutes=1))
    folder = store.path.parent
    store.close()
    with open_store(folder) as reopened:
        loaded = load_settings(reopened)
    assert loaded.print_preview is False
    assert loaded.idle_lock_minutes == 1


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_offered_choice_is_accepted(store: Store, layout: str, language: str) -> None:
    save_settings(store, WorkstationSettings(receipt_layout=layout, language=language))
    loaded = load_settings(store)
    assert (loaded.receipt_layout, loaded.language) == (layout, language)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"receipt_layout": "letter"}, "letter"),
        ({"receipt_layout": ""}, "tata letak"),
        ({"language": "jv"}, "jv"),
        ({"language": "ID"}, "id atau en"),
        ({"idle_lock_minutes": 0}, "1 dan 60"),
        ({"idle_lock_minutes": 61}, "1 dan 60"),
        ({"idle_lock_minutes": -5}, "1 dan 60"),
    ],
)
def test_invalid_settings_are_refused_and_nothing_is_saved(
    store: Store, change: dict[str, object], words: str
) -> None:
    save_settings(store, WorkstationSettings(language="en"))
    bad = dataclasses.replace(WorkstationSettings(), **change)
    with pytest.raises(StoreError, match=words):
        save_settings(store, bad)
    assert load_settings(store) == WorkstationSettings(language="en")
    assert not store.conn.in_transaction


@pytest.mark.parametrize("minutes", [1, 60])
def test_idle_lock_bounds_are_inclusive(store: Store, minutes: int) -> None:
    save_settings(store, WorkstationSettings(idle_lock_minutes=minutes))
    assert load_settings(store).idle_lock_minutes == minutes
