"""Word-wrapping by measured width, shared by every paper."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth


def wrap_words(
    text: str,
    font: str,
    size: float,
    width: float,
    *,
    long_word: Callable[[str], list[str]],
) -> list[str]:
    """Greedy word wrap to `width` points. A word wider than a line goes to `long_word`,
    which returns its pieces (split, or cut short); the last piece starts the next line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        *whole, current = long_word(word)
        lines.extend(whole)
    if current:
        lines.append(current)
    return lines
