"""Whitespace the way a browser and Word show it, for the HTML and DOCX readers.

A line break between two CJK characters vanishes (Chinese is not spaced), any other run of
whitespace (NBSP included) is one space; the lines of one table cell are joined without a space
between CJK text and with one between two pieces of Latin text or digits.
"""

from __future__ import annotations

import re

from ..zhtext.chars import INVISIBLE, is_wide

_WS_RUN = re.compile(r"[ \t\r\n\f\u00a0]+")


def normalize_text(s: str) -> str:
    """Collapse whitespace like a browser: a line break between two CJK characters vanishes, any
    other run of whitespace (NBSP included) becomes one space; ends are trimmed."""
    s = INVISIBLE.sub("", s)

    def repl(m: re.Match[str]) -> str:
        ws = m.group(0)
        if "\n" in ws or "\r" in ws:
            a = s[m.start() - 1] if m.start() > 0 else ""
            b = s[m.end()] if m.end() < len(s) else ""
            if is_wide(a) and is_wide(b):
                return ""
        return " "

    return _WS_RUN.sub(repl, s).strip(" ")


def join_pieces(pieces: list[str]) -> str:
    """Join the lines of one cell (split by <br>, <p>, Word paragraphs): nothing between CJK text,
    one space between two pieces of Latin text or digits."""
    out = ""
    for p in pieces:
        if not p:
            continue
        if out and not (is_wide(out[-1]) or is_wide(p[0])):
            out += " "
        out += p
    return out
