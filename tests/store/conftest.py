"""Shared fixtures for the store tests: every store is a real SQLite file under tmp_path."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.events import Event, EventType
from desktop.core.nik import Sex, make_nik
from desktop.store import Store, open_store
from desktop.store.demo import DemoCity, build_city, load_city

SITE = "MGS"
WORKSTATION = 1
CITY_SEED = 2012
CITY_SCALE = 0.01  # 856 residents, 675 card rows: a city in about a second

AppendEvent = Callable[..., Event]
AddResident = Callable[..., dict[str, Any]]

_serials = itertools.count(1)


def append_event(
    store: Store, event_type: EventType, payload: dict[str, Any], **kwargs: Any
) -> Event:
    """Append one event in its own write transaction."""
    with store.write():
        return store.append(event_type, payload, **kwargs)


def resident_payload(
    nama: str,
    *,
    kode_kelurahan: str = "35.76.02.1003",
    birth: date = date(1980, 1, 1),
    sex: Sex = Sex.MALE,
    serial: int | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """A register record whose NIK agrees with its birth date and sex."""
    serial = serial if serial is not None else next(_serials) % 9999 + 1
    record = {
        "nik": make_nik(kode_kelurahan[:8], birth, sex, serial),
        "nama": nama,
        "jenis_kelamin": sex.value,
        "tempat_lahir": "Mojokerto",
        "tanggal_lahir": birth.isoformat(),
        "alamat": "Jl. Majapahit No. 7",
        "rt": "001",
        "rw": "002",
        "kode_kelurahan": kode_kelurahan,
        "tanggal_rekam": "2011-10-03",
        "nik_warning": None,
    }
    record.update(overrides)
    return record


def _add_resident(store: Store, nama: str, **kwargs: Any) -> dict[str, Any]:
    record = resident_payload(nama, **kwargs)
    append_event(store, EventType.RESIDENT_REGISTERED, record)
    return record


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A fresh store initialised as MGS workstation 1."""
    with open_store(data_dir) as opened:
        opened.initialize(SITE, WORKSTATION)
        yield opened


@pytest.fixture
def append() -> AppendEvent:
    """`append(store, EventType.X, payload)`: one event, one transaction."""
    return append_event


@pytest.fixture
def add_resident() -> AddResident:
    """`add_resident(store, "Nama", kode_kelurahan=..., birth=..., sex=...)` -> the record."""
    return _add_resident


@pytest.fixture(scope="session")
def city() -> DemoCity:
    return build_city(CITY_SEED, scale=CITY_SCALE)


@pytest.fixture(scope="session")
def city_template(tmp_path_factory: pytest.TempPathFactory, city: DemoCity) -> Path:
    """A data folder holding the small demo city; tests get copies, never this one."""
    folder = tmp_path_factory.mktemp("city-template")
    with open_store(folder) as template:
        template.initialize(SITE, WORKSTATION)
        load_city(template, city, actor="admin")
    return folder


@pytest.fixture
def small_city(city_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the small demo city (register, 7 card batches, withheld cards,
    demo operators), opened as MGS workstation 1."""
    folder = tmp_path / "city"
    shutil.copytree(city_template, folder)
    with open_store(folder) as opened:
        yield opened
