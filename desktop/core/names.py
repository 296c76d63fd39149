"""Comparing people's names the way a clerk would: ignoring case, accents and spacing."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def fold_name(name: str) -> str:
    """`'  Siti  ÁMINAH '` → `'siti aminah'`: case, diacritics, punctuation and spacing folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


def same_name(a: str, b: str) -> bool:
    return fold_name(a) == fold_name(b)
