"""Per-workstation settings kept in the store's meta table (not in the journal: they are
this machine's, not facts about residents or cards)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from desktop.store.store import Store, StoreError

LAYOUTS = ("a5", "roll80")
LANGUAGES = ("id", "en")


@dataclass
class WorkstationSettings:
    printer: str = ""  # empty: the system's default printer
    receipt_layout: str = "a5"
    print_preview: bool = False
    language: str = "id"
    idle_lock_minutes: int = 5
    holidays: str = ""  # office closed on these days (ISO dates, comma separated)
    invitation_cap: int = 150  # at most this many invited residents per pickup day
    backup_folder: str = ""  # empty: <data folder>/backups; else a USB disk or a share
    backup_keep: int = 14  # rotation keeps this many of this workstation's backups

    def validate(self) -> None:
        if self.receipt_layout not in LAYOUTS:
            raise StoreError(f"tata letak tanda terima '{self.receipt_layout}' tidak dikenal")
        if self.language not in LANGUAGES:
            raise StoreError(f"bahasa '{self.language}' tidak tersedia; pilih id atau en")
        if not 1 <= self.idle_lock_minutes <= 60:
            raise StoreError("kunci layar otomatis harus antara 1 dan 60 menit")
        if not 1 <= self.invitation_cap <= 5000:
            raise StoreError("batas undangan per hari harus antara 1 dan 5.000")
        if not 1 <= self.backup_keep <= 365:
            raise StoreError("jumlah cadangan yang disimpan harus antara 1 dan 365")
        for text in filter(None, (t.strip() for t in self.holidays.split(","))):
            try:
                date.fromisoformat(text)
            except ValueError:
                raise StoreError(
                    f"hari libur '{text}' bukan tanggal; tulis sebagai TTTT-BB-HH, dipisah koma"
                ) from None

    def holiday_dates(self) -> frozenset[date]:
        return frozenset(
            date.fromisoformat(t.strip()) for t in self.holidays.split(",") if t.strip()
        )


def load_settings(store: Store) -> WorkstationSettings:
    settings = WorkstationSettings()
    for f in fields(settings):
        raw = store.meta(f"setting.{f.name}")
        if raw is None:
            continue
        if f.type in ("bool", bool):
            value: object = raw == "1"
        elif f.type in ("int", int):
            value = int(raw)
        else:
            value = raw
        setattr(settings, f.name, value)
    return settings


def save_settings(store: Store, settings: WorkstationSettings) -> None:
    settings.validate()
    with store.write():
        for f in fields(settings):
            value = getattr(settings, f.name)
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            store.set_meta(f"setting.{f.name}", text)
