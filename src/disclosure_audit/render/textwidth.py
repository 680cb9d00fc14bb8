"""How wide a string is on screen: East Asian wide and full-width characters take two columns.
Column widths in the workbook and the padding of the terminal summary both depend on it."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns a string needs: East Asian wide/full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` display columns (never cut: a longer text stays whole)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
