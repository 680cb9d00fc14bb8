"""Cells that a spreadsheet program shows as the text we wrote: never a formula, never a broken row.

Agency and region names come from manifest.csv, file names from whoever named the file, evidence
from the report itself: any of them may start with `=HYPERLINK(...)`, `+1+1` or `@SUM(1)`, which
Excel, LibreOffice and Google Sheets evaluate when they open a CSV (and which a workbook cell keeps
ready to fire as soon as someone copies it out or saves the sheet as CSV). Following OWASP's
CSV-injection advice, a text value starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading single
quote, which those programs read as "this is text". We also treat the full-width forms `＝ ＋ － ＠`
as triggers: CJK input methods and some locales turn them into their ASCII forms, and a report in
Chinese is where they turn up; a stray quote before such rare text costs less than a live formula.

Real numbers are not text: an int or float passes through untouched, and so does a string that is
only a plain decimal number (`-2.0`, `+3`, `-0.5`, how the CSV writer prints a negative change), which
a spreadsheet reads as that number and nothing else. So does a cell that is nothing but dashes (`-`,
`--`, `－`): the way reports print an empty cell, quoted as evidence on every blank-cell finding; with
no operand it computes and calls nothing, and a quote before it would only garble the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_INERT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)|[-－]+")  # a plain number, or dashes only
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def neutralise(value):
    """`value` as a spreadsheet should store it: trigger-led text quoted, everything else as given."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _INERT.fullmatch(value):
        return "'" + value
    return value


def _field(value) -> str:
    text = "" if value is None else str(neutralise(value))
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def write_csv(path: Path, rows: Iterable[Iterable]) -> Path:
    """UTF-8 with BOM (so spreadsheet programs open Chinese text correctly), "\\n" between rows, every
    field neutralised. Written here rather than with `csv.writer`, which on Python 3.11 leaves a
    field holding a lone CR unquoted when rows end in "\\n" — a file name with a CR in it would split
    its row in two."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        for row in rows:
            fh.write(",".join(_field(v) for v in row) + "\n")
    return Path(path)
