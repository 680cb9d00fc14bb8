"""Pieces of table text → tokens: values (numbers, "/", "-", placeholder words, explicit empty
cells) and label text, each with its position.

A table reaches us in many shapes: cells one per line, tab- or pipe-separated, columns padded with
runs of spaces (`pdftotext -layout`), one value per line (`pdftotext`), or everything glued together
on one line (a crawler's textContent: `属于三类内部事务信息3200000326.属于四类过程性信息`). The
tokenizer does not care: it splits any text into value tokens and text tokens and records what
separated each token from the one before (`gap`). Labels are then found in the text tokens alone, so
a value printed in the middle of a wrapped label no longer hides it.

`Piece.cell` is set when the source says where a cell begins and ends (a tab, a `|`, a grid cell):
only such cells can be explicitly empty, which is how a blank cell is told from no cell at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..zhtext.chars import BLANK_RUN as _WS

# What can separate two tokens: nothing (glued), one space, a wide gap (several spaces, a tab, a
# cell boundary) or a line break.
GLUED, SPACE, WIDE, NEWLINE = "", " ", "w", "n"

# "damaged": a value with a character the decoder could not read (U+FFFD, ingest.decode) in or
# beside its digits: `1�5` may have been 105 or 1 5, so it is a cell that holds no number we can use
VALUE_KINDS = frozenset({"num", "slash", "dash", "word", "empty", "damaged"})

_UNITS = r"万元|亿元|千元|元|人次|项|件|个|条|次|宗|起|家|%"
_PLACEHOLDER = frozenset({"无", "暂无", "没有", "不适用", "未发生", "空", "零", "缺", "略", "无数据", "不涉及"})
_DASH_CELL = frozenset({"-", "--", "—", "——", "–", "－", "一", "-—"})
_SLASH_CHARS = "/／"
_DASH_CHARS = "-—–－"
_ORDINAL_PUNCT = ".、．"
# A number glued to these is a date, page or item number, not a value: 2021年, 第3项.
_NOT_VALUE_AFTER = "年月日号页时"


@dataclass(frozen=True, slots=True)
class GridSpan:
    """Where a grid cell stands when its reader resolved the spans (HTML, DOCX): the grid it belongs
    to, the first grid column and how many columns and rows (from `Piece.row` on) it covers."""

    grid: int
    col: int
    cols: int = 1
    rows: int = 1


@dataclass(slots=True)
class Piece:
    """A run of source text: a whole explicit cell (`cell` set) or free text from a line."""

    text: str
    line: int
    col: int = 0
    page: int | None = None
    cell: int | None = None
    row: int | None = None
    span: GridSpan | None = None


@dataclass(slots=True)
class Tok:
    kind: str  # "num" "slash" "dash" "word" "empty" or "text"
    text: str
    line: int
    col: int
    end: int
    page: int | None
    cell: int | None
    row: int | None
    gap: str
    span: GridSpan | None = None

    @property
    def is_value(self) -> bool:
        return self.kind in VALUE_KINDS


def _tok(kind: str, text: str, p: Piece, start: int, end: int, gap: str) -> Tok:
    """A token of `p` from its character `start` to `end`."""
    return Tok(kind, text, p.line, p.col + start, p.col + end, p.page, p.cell, p.row, gap, p.span)


def _nfkc_char(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


class _OneForOne(dict):
    """`str.translate` table of `_nfkc_char`, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _nfkc_char(chr(code))
        return out


_ONE_FOR_ONE = _OneForOne()


def normalise_chars(text: str) -> str:
    """NFKC one character at a time, so positions in the result are positions in the source."""
    return text.translate(_ONE_FOR_ONE).replace("−", "-")


def _is_word_char(ch: str) -> bool:
    return ch.isalpha()  # CJK ideographs and letters


def tokenize(pieces: list[Piece]) -> list[Tok]:
    out: list[Tok] = []
    prev_line: int | None = None
    prev_cell: int | None = None
    for p in pieces:
        if p.line != prev_line:
            gap = NEWLINE
        elif p.cell is not None or p.cell != prev_cell:
            gap = WIDE
        else:
            gap = SPACE
        prev_line, prev_cell = p.line, p.cell
        text = normalise_chars(p.text)  # one character for one: positions are the source's
        if p.cell is not None:
            stripped = _WS.sub("", text)
            if not stripped:
                out.append(_tok("empty", "", p, 0, 0, gap))
                continue
            if stripped in _DASH_CELL:
                out.append(_tok("dash", p.text.strip(), p, 0, len(text), gap))
                continue
            if stripped in _PLACEHOLDER:
                out.append(_tok("word", p.text.strip(), p, 0, len(text), gap))
                continue
            if REPLACEMENT in stripped and _DAMAGED_CELL.fullmatch(stripped):
                out.append(_tok("damaged", p.text.strip(), p, 0, len(text), gap))
                continue
        out.extend(_split_like(text, p, gap))
    return out


_SPLITS: dict[tuple[str, str, bool, str], tuple[tuple[str, str, int, int, str], ...]] = {}
_SPLITS_MAX = 30_000
_SPLIT_KEEP_LEN = 2_000


def _split_like(text: str, p: Piece, gap: str) -> list[Tok]:
    """`_split`, kept per piece text: labels, headers and most values recur in every report, and the
    split depends only on the text, whether the piece is a marked cell, and the gap before it."""
    if len(p.text) > _SPLIT_KEEP_LEN:
        return _split(text, p, gap)
    key = (text, p.text, p.cell is None, gap)
    shape = _SPLITS.get(key)
    if shape is None:
        if len(_SPLITS) >= _SPLITS_MAX:
            _SPLITS.clear()
        probe = Piece(p.text, 0, 0, None, None if p.cell is None else 0, None, None)
        shape = _SPLITS[key] = tuple((t.kind, t.text, t.col, t.end, t.gap) for t in _split(text, probe, gap))
    return [Tok(k, t, p.line, p.col + a, p.col + b, p.page, p.cell, p.row, g, p.span) for k, t, a, b, g in shape]


REPLACEMENT = "\ufffd"
_DAMAGED_CELL = re.compile(rf"[+\-]?[\d,.\ufffd]+(?:{_UNITS})?")
_DAMAGED_RUN = re.compile(rf"[\d\ufffd]+(?:[,.][\d\ufffd]+)*(?:{_UNITS})?")


def _damaged_at(text: str, i: int) -> tuple[int, int] | None:
    """The span of a value with U+FFFD in or beside its digits starting at `i` (`1�5`, `�3`, `12�`),
    or of a U+FFFD standing alone where a value stands (between blanks); None otherwise."""
    if text[i] != REPLACEMENT and not text[i].isdigit():
        return None
    m = _DAMAGED_RUN.match(text, i)
    if m is None or REPLACEMENT not in m.group():
        return None
    run = m.group()
    if any(ch.isdigit() for ch in run):
        return m.span()
    before = text[i - 1] if i > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return m.span() if before.isspace() and after.isspace() else None


_NUM = re.compile(rf"(?P<sign>[+\-])?(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?P<frac>\.\d+)?(?P<unit>{_UNITS})?")


def _number_at(text: str, i: int) -> re.Match | None:
    ch = text[i]
    if ch in "+-":
        if i + 1 >= len(text) or not text[i + 1].isdigit():
            return None
    elif not ch.isdigit():
        return None
    return _NUM.match(text, i)


def _split(text: str, p: Piece, gap: str) -> list[Tok]:
    """Free text (or a non-trivial cell) → tokens. Whitespace separates values; inside label text
    it is kept (stray spaces inside labels are common: `社会公益 组织`). Decisions are taken on the
    normalised `text`; tokens carry the source's own characters."""
    src = p.text
    toks: list[Tok] = []
    n = len(text)
    state = {"gap": gap, "tstart": None, "tgap": gap}

    def open_text(at: int) -> None:
        if state["tstart"] is None:
            state["tstart"], state["tgap"] = at, state["gap"]
            state["gap"] = GLUED

    def close_text(end: int) -> None:
        a = state["tstart"]
        if a is not None:
            seg = src[a:end].rstrip()
            if seg:
                toks.append(_tok("text", seg, p, a, a + len(seg), state["tgap"]))
            state["tstart"] = None

    def emit(kind: str, a: int, b: int) -> None:
        close_text(a)
        toks.append(_tok(kind, src[a:b], p, a, b, state["gap"]))
        state["gap"] = GLUED

    i = 0
    while i < n:
        m = _WS.match(text, i)
        if m:
            j = m.end()
            if state["tstart"] is not None and j < n and not _starts_value(text, j):
                i = j  # a space inside label text
                continue
            close_text(i)
            w = m.group()
            state["gap"] = WIDE if len(w) >= 2 or "\t" in w or "\u3000" in w else SPACE
            i = j
            continue
        dmg = _damaged_at(text, i)
        if dmg is not None:
            a, b = dmg
            before = text[a - 1] if a > 0 else ""
            if before and (before in "第(（" or (before.isascii() and before.isalpha())):
                open_text(a)  # 第�项: part of the text
            else:
                emit("damaged", a, b)
            i = b
            continue
        num = _number_at(text, i)
        if num is not None:
            a, b = num.span()
            before = text[a - 1] if a > 0 else ""
            after = text[b] if b < n else ""
            if (
                (before and (before in "第(（" or (before.isascii() and before.isalpha())))
                or (after and not num["unit"] and after in _NOT_VALUE_AFTER)
                or (after and after.isascii() and after.isalpha())
            ):
                open_text(a)  # 第3项, (1), 2021年, Col2: part of the text
                i = b
                continue
            if (
                not num["unit"]
                and not num["frac"]
                and not num["sign"]
                and after
                and after in _ORDINAL_PUNCT
                and _is_word_char(_next_nonspace(text, b + 1))
            ):
                # "1.属于国家秘密" is a label's numbering; "3200000326.属于…" is a value whose last
                # digit numbers the next label (a crawler glued them together)
                if b - a > 1:
                    emit("num", a, b - 1)
                open_text(b - 1)
                i = b
                continue
            emit("num", a, b)
            i = b
            continue
        ch = text[i]
        if ch in _SLASH_CHARS or ch in _DASH_CHARS:
            j = i
            while j < n and text[j] in (_SLASH_CHARS if ch in _SLASH_CHARS else _DASH_CHARS):
                j += 1
            # "增/减" is label text; a "/" or "-" standing apart, between digits, or a run of them
            # glued to a label ("规章---" from a crawler) is a value
            glued_left = i > 0 and _is_word_char(text[i - 1])
            glued_right = j < n and _is_word_char(text[j])
            if not (glued_left and glued_right and j - i == 1) and not (j - i == 1 and (glued_left or glued_right)):
                emit("slash" if ch in _SLASH_CHARS else "dash", i, j)
                i = j
                continue
        open_text(i)
        i += 1
    close_text(n)
    # a placeholder word standing apart (wide gaps) or glued right after a value (`4暂无19`) stands
    # where a number belongs
    for k, t in enumerate(toks):
        if (
            t.kind == "text"
            and _WS.sub("", t.text) in _PLACEHOLDER
            and ((p.cell is None and t.gap == WIDE) or (k > 0 and toks[k - 1].kind in ("num", "slash", "dash")))
        ):
            t.kind = "word"
    return toks


def _starts_value(text: str, j: int) -> bool:
    ch = text[j]
    if _damaged_at(text, j) is not None:
        return True
    if ch.isdigit():
        return True
    if ch in "+-" and j + 1 < len(text) and text[j + 1].isdigit():
        return True
    return ch in _SLASH_CHARS or ch in _DASH_CHARS


def _prev_nonspace(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


def _next_nonspace(text: str, i: int) -> str:
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    return text[j] if j < len(text) else ""
