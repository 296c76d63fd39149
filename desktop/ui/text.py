"""Small helpers for showing store values the Indonesian way."""

from __future__ import annotations

from datetime import date, datetime


def fill(template: str, *values: object) -> str:
    """Qt-style placeholders: `fill("Loket %1", 2)` → "Loket 2" (translations keep %n)."""
    for n, value in reversed(list(enumerate(values, start=1))):
        template = template.replace(f"%{n}", str(value))
    return template


def show_date(iso: str) -> str:
    try:
        return date.fromisoformat(iso[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return iso


def show_time(iso: str) -> str:
    """`2012-09-10T08:15:02+07:00` → `10-09-2012 08:15`."""
    try:
        return datetime.fromisoformat(iso).strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return iso


def sentence(message: str) -> str:
    return message[:1].upper() + message[1:] if message else message
