"""Progress figures: recorded residents (wajib KTP) against cards received."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.regions import regions
from desktop.store.store import Store


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    residents: int
    cards: int

    @property
    def percent(self) -> float:
        return 100.0 * self.cards / self.residents if self.residents else 0.0


@dataclass
class Stats:
    total: Line
    kecamatan: list[Line] = field(default_factory=list)
    kelurahan: list[Line] = field(default_factory=list)
    misrouted: int = 0
    handed_over: int = 0


def city_stats(store: Store) -> Stats:
    """Cards are counted once each, at the holder's domicile from the register; cards whose
    holder is not in the register (misrouted) are counted in the total only."""
    conn = store.conn
    reference = regions()
    residents = dict(
        conn.execute("SELECT kode_kelurahan, count(*) FROM residents GROUP BY 1").fetchall()
    )
    cards = dict(
        conn.execute(
            "SELECT r.kode_kelurahan, count(*) FROM cards c JOIN residents r ON r.nik = c.nik"
            " GROUP BY 1"
        ).fetchall()
    )
    total_cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    unmatched = total_cards - sum(cards.values())
    handed = conn.execute(
        "SELECT count(*) FROM cards WHERE status IN ('handed_over', 'conflict')"
    ).fetchone()[0]
    stats = Stats(
        Line("35.76", "Kota Mojokerto", sum(residents.values()), total_cards),
        misrouted=unmatched,
        handed_over=handed,
    )
    for kec in reference.kecamatan.values():
        kels = [k for k in reference.kelurahan.values() if k.kecamatan == kec]
        lines = [Line(k.code, k.name, residents.get(k.code, 0), cards.get(k.code, 0)) for k in kels]
        stats.kelurahan.extend(lines)
        stats.kecamatan.append(
            Line(
                kec.code,
                kec.name,
                sum(line.residents for line in lines),
                sum(line.cards for line in lines),
            )
        )
    return stats
