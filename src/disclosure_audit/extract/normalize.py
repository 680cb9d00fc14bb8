"""Text normalisation for matching labels and headings, and parsing of cell values.

Labels drift (`1、` vs `1.`, full-width vs ASCII brackets, curly vs straight quotes, a dropped
parenthetical); matching happens on a normal form so the YAML needs variants only for real
wording differences.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..model import Cell
from ..zhtext.chars import one_space, squash

_ORDINAL_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．,，]?(?!\d))"
)
_TRAILING_PAREN = re.compile(r"[(（][^()（）]*[)）]$")
_PUNCT = re.compile(r"[“”\"'‘’「」『』《》、，,。.：:；;·/／\-—_！!？?|]")
EDITOR_ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]|\{\s*(?:HYPERLINK|PAGEREF|TOC)[^}]*\}|MERGEFORMAT")


def norm_label(text: str, *, drop_ordinal: bool = True, drop_paren: bool = True) -> str:
    return _norm_label(text, drop_ordinal, drop_paren)


@lru_cache(maxsize=65536)
def _norm_label(text: str, drop_ordinal: bool, drop_paren: bool) -> str:
    """Kept per text: the same labels and headings are normalised in every report."""
    s = unicodedata.normalize("NFKC", EDITOR_ARTEFACT.sub("", text))
    s = squash(s)
    if drop_ordinal:
        for _ in range(2):  # "三、(一)" style double prefixes
            s2 = _ORDINAL_PREFIX.sub("", s)
            if s2 == s:
                break
            s = s2
    if drop_paren:
        while True:
            s2 = _TRAILING_PAREN.sub("", s)
            if s2 == s or not s2:
                break
            s = s2
    return _PUNCT.sub("", s)


_UNIT_IN_HEADER = re.compile(r"单位\s*[:：]?\s*(万元|元|亿元|千元)")


def header_unit(text: str) -> str | None:
    m = _UNIT_IN_HEADER.search(unicodedata.normalize("NFKC", text))
    return m.group(1) if m else None


_NUMBER = re.compile(
    r"^(?P<sign>[+\-])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<unit>万元|亿元|千元|元|项|件|个|条|次|人次|宗|起|家|%)?$"
)
_DASHES = {"-", "--", "—", "——", "–", "－", "一"}
_SLASHES = {"/", "／", "\\", "、"}


def parse_cell(raw_text: str, line: int | None = None, page: int | None = None) -> Cell:
    """Turn printed cell text into a Cell, keeping blank / "/" / "-" / "0" / "0项" apart."""
    raw, kind, value, unit = _parse(raw_text)
    return Cell(raw=raw, kind=kind, value=value, unit=unit, line=line, page=page)  # type: ignore[arg-type]


@lru_cache(maxsize=65536)
def _parse(raw_text: str) -> tuple[str, str, int | Decimal | None, str | None]:
    """(raw, kind, value, unit) of a cell's text; kept per text, as the same few values fill
    every table (and a glued table's readings are parsed thousands of times)."""
    raw = one_space(raw_text)
    if raw == "":
        return "", "blank", None, None
    if "\ufffd" in raw:
        # a character the decoder could not read (ingest.decode): `1�5` is not 15, 1 or 5, and not
        # text the agency printed either; no reading is taken
        return raw, "ambiguous", None, None
    if raw in _SLASHES:
        return raw, "slash", None, None
    if raw in _DASHES:
        return raw, "dash", None, None
    s = unicodedata.normalize("NFKC", squash(raw)).replace("，", ",")
    s = s.replace("−", "-")
    m = _NUMBER.match(s)
    if not m:
        return raw, "text", None, None
    num = m.group("num").replace(",", "")
    try:
        value: int | Decimal = Decimal(num) if "." in num else int(num)
    except (InvalidOperation, ValueError):
        return raw, "text", None, None
    if m.group("sign") == "-":
        value = -value
    return raw, "number", value, m.group("unit")


def is_value_like(text: str) -> bool:
    """True for anything that can stand in a number cell (numbers, blanks, '/', '-')."""
    return parse_cell(text).kind != "text"
