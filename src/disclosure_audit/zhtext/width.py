"""Display columns for the terminal summary, `diff` and the workbook's column widths: a Chinese
character takes two cells, so `str.ljust` misaligns tables of agency names. Width per Unicode's East
Asian Width: Wide and Fullwidth count 2, combining marks 0, the rest 1."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending in … when something was cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (on the left when `right`-aligned)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill
