"""A synthetic Kota Mojokerto at the city's real 2012 scale, deterministic from a seed.

85,636 recorded residents over the 18 kelurahan and 67,536 cards (78.86 %) in several
batches, with a few misrouted, damaged and reprinted cards, built through the same
importers real files go through. Names and streets come from Faker's `id_ID` word lists;
no real person's data is used.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from faker.providers.address.id_ID import Provider as AddressWords
from faker.providers.person.id_ID import Provider as NameWords

from desktop.core.cards import WithholdReason
from desktop.core.events import EventType
from desktop.core.nik import Sex, make_nik
from desktop.core.regions import regions
from desktop.core.roles import Role
from desktop.store.accounts import add_operator
from desktop.store.importers import (
    CARD_COLUMNS,
    REGISTER_COLUMNS,
    ImportResult,
    import_cards,
    import_register,
    table_from_records,
)
from desktop.store.store import Store

RESIDENTS = 85_636
CARDS = 67_536
DEMO_PASSWORD = "loket-demo"

# Relative sizes of the kelurahan (synthetic, roughly in proportion to area and density).
_KELURAHAN_WEIGHT = {
    "35.76.01.1001": 6, "35.76.01.1002": 7, "35.76.01.1003": 4, "35.76.01.1004": 5,
    "35.76.01.1005": 5, "35.76.01.1006": 5, "35.76.01.1007": 6, "35.76.01.1008": 4,
    "35.76.02.1001": 5, "35.76.02.1002": 7, "35.76.02.1003": 5, "35.76.02.1004": 4,
    "35.76.02.1005": 3, "35.76.02.1006": 4, "35.76.02.1007": 3, "35.76.02.1008": 6,
    "35.76.02.1009": 7, "35.76.02.1010": 8,
}  # fmt: skip
# Where residents who moved in were first registered (their NIK keeps that prefix).
_OTHER_REGIONS = ("35.16.01", "35.16.05", "35.16.12", "35.15.03", "35.17.08", "35.78.11")
_MISROUTED_KELURAHAN = ("35.16.05.2003", "35.16.12.2007", "35.17.08.2001")

DEMO_OPERATORS = (
    ("supervisor", "Hj. Sri Wahyuni", Role.SUPERVISOR, None),
    ("operator1", "Agus Santoso", Role.OPERATOR, "MGS"),
    ("operator2", "Dewi Lestari", Role.OPERATOR, "MGS"),
    ("operator3", "Bambang Wijaya", Role.OPERATOR, "DSP"),
    ("alihdaya1", "Rina Kurniawati", Role.OUTSOURCED, "MGS"),
    ("admin", "Tim TI Dispendukcapil", Role.ADMIN, None),
)


@dataclass
class Batch:
    batch_id: str
    cards: list[dict] = field(default_factory=list)
    reprint: bool = False


@dataclass
class DemoCity:
    register: list[dict]
    batches: list[Batch]
    withheld: list[tuple[str, WithholdReason]]  # (nik, reason) of damaged / wrong cards


def _birth_date(rng: random.Random) -> date:
    start = date(1935, 1, 1)
    return start + timedelta(days=rng.randrange((date(1995, 8, 31) - start).days))


def _name(rng: random.Random, sex: Sex) -> str:
    if sex is Sex.MALE:
        first, last = NameWords.first_names_male, NameWords.last_names_male
    else:
        first, last = NameWords.first_names_female, NameWords.last_names_female
    if rng.random() < 0.25:  # many Javanese have one name only
        return rng.choice(first)
    return f"{rng.choice(first)} {rng.choice(last)}"


def build_city(seed: int = 2012, scale: float = 1.0) -> DemoCity:
    """Generate the register and the card manifests; same seed and scale, same city."""
    rng = random.Random(seed)
    reference = regions()
    n_residents = round(RESIDENTS * scale)
    n_cards = round(CARDS * scale)
    codes = list(_KELURAHAN_WEIGHT)
    weights = list(_KELURAHAN_WEIGHT.values())
    rw_count = {code: rng.randint(4, 12) for code in codes}
    streets = AddressWords.street
    streets = list(AddressWords.streets) if not isinstance(streets, list | tuple) else streets
    cities = list(AddressWords.cities)
    serials: dict[str, int] = {}
    used_niks: set[str] = set()

    def next_nik(region: str, birth: date, sex: Sex) -> str:
        key = f"{region}{birth}{sex}"
        serial = serials.get(key, rng.randint(0, 40)) + 1
        serials[key] = serial
        nik = make_nik(region, birth, sex, serial)
        used_niks.add(nik)
        return nik

    register = []
    for _ in range(n_residents):
        code = rng.choices(codes, weights)[0]
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        birth = _birth_date(rng)
        home = reference.kelurahan[code].kecamatan.code
        region = home if rng.random() < 0.88 else rng.choice(_OTHER_REGIONS)
        rw = rng.randint(1, rw_count[code])
        register.append(
            {
                "nik": next_nik(region, birth, sex),
                "nama": _name(rng, sex),
                "jenis_kelamin": sex.value,
                "tempat_lahir": "Mojokerto" if rng.random() < 0.7 else rng.choice(cities),
                "tanggal_lahir": birth.isoformat(),
                "alamat": f"Jl. {rng.choice(streets)} No. {rng.randint(1, 180)}",
                "rt": f"{rng.randint(1, 6):03d}",
                "rw": f"{rw:03d}",
                "kode_kelurahan": code,
                "tanggal_rekam": (
                    date(2011, 9, 1) + timedelta(days=rng.randrange(365))
                ).isoformat(),
            }
        )

    n_misrouted = max(2, round(24 * scale))
    n_reprints = max(1, round(18 * scale))
    n_withheld = max(1, round(30 * scale))
    # Cards come back from the centre roughly in recording order.
    order = sorted(
        range(n_residents),
        key=lambda i: (date.fromisoformat(register[i]["tanggal_rekam"]).toordinal()
                       + rng.randint(-45, 45), i),
    )  # fmt: skip
    holders = order[: n_cards - n_misrouted - n_reprints]
    batch_dates = [date(2012, 5, 7), date(2012, 5, 28), date(2012, 6, 18), date(2012, 7, 9),
                   date(2012, 7, 30), date(2012, 8, 20)]  # fmt: skip
    share = [0.10, 0.14, 0.17, 0.19, 0.19, 0.21]
    batches = [Batch(f"B{d:%Y%m%d}") for d in batch_dates]
    start = 0
    for b, (batch, part) in enumerate(zip(batches, share, strict=True)):
        end = len(holders) if b == len(batches) - 1 else start + round(part * len(holders))
        printed = (batch_dates[b] - timedelta(days=10)).isoformat()
        for i in holders[start:end]:
            person = register[i]
            batch.cards.append(
                {
                    "nik": person["nik"],
                    "nama": person["nama"].upper(),
                    "kode_kelurahan": person["kode_kelurahan"],
                    "tanggal_cetak": printed,
                }
            )
        start = end
    for k in range(n_misrouted):
        batch = batches[rng.randrange(len(batches))]
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        birth = _birth_date(rng)
        if k % 2:
            kelurahan = rng.choice(_MISROUTED_KELURAHAN)  # printed for another region
        else:
            kelurahan = rng.choice(codes)  # addressed here, but the holder is not registered
        nik = next_nik(rng.choice(_OTHER_REGIONS), birth, sex)
        batch.cards.append(
            {
                "nik": nik,
                "nama": _name(rng, sex).upper(),
                "kode_kelurahan": kelurahan,
                "tanggal_cetak": batch.cards[0]["tanggal_cetak"],
            }
        )
    reprint_batch = Batch(f"B{date(2012, 8, 27):%Y%m%d}-CU", reprint=True)
    registered = {person["nik"] for person in register}
    first_cards = [c for b in batches[:-1] for c in b.cards if c["nik"] in registered]
    for card in rng.sample(first_cards, n_reprints):
        reprint_batch.cards.append({**card, "tanggal_cetak": "2012-08-20"})
    batches.append(reprint_batch)
    reprinted = {c["nik"] for c in reprint_batch.cards}
    candidates = [c["nik"] for c in batches[-2].cards if c["nik"] not in reprinted]
    withheld = [
        (nik, WithholdReason.DAMAGED if j % 3 else WithholdReason.DATA_ERROR)
        for j, nik in enumerate(rng.sample(candidates, n_withheld))
    ]
    return DemoCity(register, batches, withheld)


def export_city(city: DemoCity, folder: Path) -> list[Path]:
    """Write the city as the CSV files a Dinas would hand over (register + one per batch)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "register.csv"]
    _write_csv(written[0], REGISTER_COLUMNS, city.register)
    for batch in city.batches:
        path = folder / f"kartu-{batch.batch_id}.csv"
        _write_csv(path, CARD_COLUMNS, batch.cards)
        written.append(path)
    return written


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def load_city(
    store: Store,
    city: DemoCity,
    *,
    actor: str,
    progress: Callable[[str], None] = lambda _: None,
) -> list[ImportResult]:
    """Import a generated city into a store through the real importers."""
    results = [
        import_register(
            store,
            table_from_records("demo-register", REGISTER_COLUMNS, city.register),
            actor=actor,
        )
    ]
    progress(results[-1].summary())
    for batch in city.batches:
        table = table_from_records(f"demo-{batch.batch_id}", CARD_COLUMNS, batch.cards)
        results.append(
            import_cards(store, table, batch_id=batch.batch_id, actor=actor, reprint=batch.reprint)
        )
        progress(results[-1].summary())
    if results[-1].already_imported:
        return results
    with store.write():
        for nik, reason in city.withheld:
            (card_id,) = store.conn.execute(
                "SELECT card_id FROM cards WHERE nik = ? AND status = 'ready'", (nik,)
            ).fetchone()
            store.append(
                EventType.CARD_WITHHELD,
                {"card_id": card_id, "reason": reason.value, "actor": actor},
            )
        for username, full_name, role, site in DEMO_OPERATORS:
            expires = "2012-12-31" if role is Role.OUTSOURCED else None
            add_operator(
                store, username, full_name, role, DEMO_PASSWORD, site=site, expires_on=expires
            )
    progress(f"{len(city.withheld)} kartu ditahan (rusak/salah data); akun demo dibuat")
    return results
