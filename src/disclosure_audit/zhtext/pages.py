"""Page furniture: page numbers (`- 3 -`, `— 5 —`, `第3页`, `第1页 共6页`, `3/6`, `Page 3 of 6`)
and running headers, which a PDF and a pdftotext copy print at every page's edge.

Furniture is not report text: a page number inside a table would be read as a cell, a running
header as a paragraph or a title. The PDF reader and the plain-text reader share these patterns so
that a report reads the same in both forms.
"""

from __future__ import annotations

import re

from .chars import squash

_DASH = "-－—–~·"
# Forms that say "page number" on their own: dashes around the number, 第N页 (共M页), N/M, Page N.
_MARKED = (
    rf"[{_DASH}]\s*\d{{1,4}}\s*[{_DASH}]|[-—–－]\s+\d{{1,4}}"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
# A line that is a page number wherever it stands (a plain-text copy: no page edges known for sure).
PAGE_NUMBER = re.compile(rf"^\s*(?:{_MARKED})\s*$", re.IGNORECASE)
# A line at a page's top or bottom edge that is a page number: there a bare number (`7`, `7 of 9`,
# `-7`) is one too.
PAGE_NUMBER_AT_EDGE = re.compile(
    rf"^\s*(?:{_MARKED}|[{_DASH}]*\s*\d{{1,4}}\s*[{_DASH}]*|\d{{1,4}}\s*(?:of\s*\d{{1,4}})?)\s*$", re.IGNORECASE
)


def is_page_number(line: str) -> bool:
    """`line` is a page number wherever it stands (PAGE_NUMBER). Read with each run of whitespace as
    one space, which reads the same (every blank the patterns allow is `\\s*` or `\\s+`, and nothing
    else in them is a blank) at a cost linear in the line, where a 100,000-space line tried every
    split of its blanks between the pattern's `\\s*`s."""
    return PAGE_NUMBER.match(" ".join(line.split())) is not None


def is_page_number_at_edge(line: str) -> bool:
    """`line`, at a page's top or bottom edge, is a page number (PAGE_NUMBER_AT_EDGE); read as
    `is_page_number` reads it."""
    return PAGE_NUMBER_AT_EDGE.match(" ".join(line.split())) is not None


def edge_key(text: str) -> str:
    """What a running header or footer has in common on every page: its text without blanks, the
    digits (a page number or date inside it) masked."""
    return re.sub(r"\d+", "#", squash(text))
