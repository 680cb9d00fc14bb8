"""Row, group and header labels of one table, found in the text tokens of its region.

The text tokens are joined into one normalised stream (NFKC, no whitespace, no punctuation), so a
label reads the same whether it was wrapped over three lines, broken by stray spaces, interrupted by
the values printed in the middle of it, or glued to its neighbours. Row labels are then chosen in the
format's row order (a longest-weighted increasing subsequence), which keeps a header's 总计 or 其他
from being taken for the （七）总计 row or the （六）3 row, and tolerates text emitted out of order.
Labels not found exactly are looked for approximately (OCR damage, one character inserted) in the
stretch of text where the row order says they must be.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from ..templates import RowDef, TableDef
from .normalize import norm_label
from .per_definition import PerDefinition
from .tokens import Tok

_DROP = set(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\ufeff")
_DROP |= set("“”\"'‘’「」『』《》、，,。.：:；;·/／\\-—_！!？?|()（）[]【】<>〈〉*#~`^")

_PREFIX_MIN = 6
_FUZZY_MIN = 4


class _NormChars(dict):
    """`str.translate` table: each character's NFKC form without the dropped characters, worked
    out the first time the character is met (a report repeats a few thousand characters a
    million times)."""

    def __missing__(self, code: int) -> str:
        out = "".join(c for c in unicodedata.normalize("NFKC", chr(code)) if c not in _DROP)
        self[code] = out
        return out


_NORM_CHARS = _NormChars()


def norm_chars(text: str) -> str:
    """NFKC one character at a time, without whitespace and punctuation."""
    return text.translate(_NORM_CHARS)


def label_form(label: str) -> str:
    """A label's core as matched in the stream: no ordinal, no trailing parenthetical, no punctuation."""
    return norm_chars(norm_label(label))


@dataclass(slots=True)
class Stream:
    text: str
    tok: list[int]  # token index of each character

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        return self.tok[start], self.tok[end - 1]


def build_stream(tokens: list[Tok]) -> Stream:
    chars: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(tokens):
        if t.kind != "text":
            continue
        for c in norm_chars(t.text):
            chars.append(c)
            owner.append(i)
    return Stream("".join(chars), owner)


@dataclass(slots=True)
class Occurrence:
    start: int  # in the stream
    end: int
    row: int  # index of the row in the table's row order
    weight: float
    exact: bool


def _ordinal(r: RowDef) -> str:
    """The numbering printed before a row label, normalised: "6" for （三）6, "七" for （七）, "一"."""
    short = r.short or ""
    digits = "".join(ch for ch in short if ch.isdigit())
    if digits:
        return digits
    return norm_chars(short)


def matcher_for(tdef: TableDef) -> TableMatcher:
    """The matcher of a table definition, built once: it only holds the definition's label forms
    and is never changed by a reading."""
    return _matchers(tdef)


class TableMatcher:
    """Precomputed label forms of one table."""

    def __init__(self, tdef: TableDef) -> None:
        self.tdef = tdef
        self.rows: list[RowDef] = [r for b in tdef.blocks for r in b.rows]
        self.row_index = {r.key: i for i, r in enumerate(self.rows)}
        self.forms: list[list[str]] = []
        for r in self.rows:
            forms = []
            for lab in (r.label, *r.variants):
                f = label_form(lab)
                if f and f not in forms:
                    forms.append(f)
            self.forms.append(forms)
        all_forms = [(f, i) for i, fs in enumerate(self.forms) for f in fs]
        self.prefixes: list[list[str]] = []
        for i, fs in enumerate(self.forms):
            pre = []
            for f in fs:
                if len(f) < 8:
                    continue
                k = max(_PREFIX_MIN, math.ceil(len(f) * 0.5))
                p = f[:k]
                if not any(j != i and g.startswith(p) for g, j in all_forms):
                    pre.append(p)
            self.prefixes.append(pre)
        self.ordinals = [_ordinal(r) for r in self.rows]
        self.groups = {g.key: label_form(g.label) for g in tdef.groups}
        header = set()
        for h in tdef.header_labels:
            header.add(label_form(h))
        for b in tdef.blocks:
            for c in b.columns:
                for lab in (c.label, *c.variants):
                    header.add(label_form(lab))
            if b.caption:
                header.add(label_form(b.caption))
        self.header = {h for h in header if h}
        self.anchors = [label_form(a) for a in tdef.anchors if label_form(a)]

    # ------------------------------------------------------------------ occurrences

    def occurrences(self, s: Stream) -> list[Occurrence]:
        out: list[Occurrence] = []
        text = s.text
        for i, fs in enumerate(self.forms):
            for f in fs:
                for a in _find_all(text, f):
                    w = float(len(f)) + (0.5 if text[:a].endswith(self.ordinals[i]) and self.ordinals[i] else 0.0)
                    out.append(Occurrence(a, a + len(f), i, w, True))
            for p in self.prefixes[i]:
                for a in _find_all(text, p):
                    if any(o.start == a and o.row == i for o in out):
                        continue
                    out.append(Occurrence(a, a + len(p), i, len(p) * 0.8, False))
        return [o for o in out if self._group_ok(o, text)]

    def _group_ok(self, o: Occurrence, text: str) -> bool:
        """A row that only its group makes unique (2021 （六）3 其他) needs that group before it."""
        r = self.rows[o.row]
        if not r.requires_group or r.group is None:
            return True
        g = self.groups.get(r.group, "")
        before = text[: o.start]
        if g and g in before:
            return True
        return any(
            f in before for j, x in enumerate(self.rows) if x.group == r.group and j != o.row for f in self.forms[j]
        )

    def choose(self, occs: list[Occurrence]) -> list[Occurrence]:
        """Occurrences with increasing position and strictly increasing row order, heaviest first."""
        occs = sorted(occs, key=lambda o: (o.start, -o.weight))
        n = len(occs)
        best = [o.weight for o in occs]
        prev = [-1] * n
        for j in range(n):
            for i in range(j):
                if occs[i].end <= occs[j].start and occs[i].row < occs[j].row and best[i] + occs[j].weight > best[j]:
                    best[j] = best[i] + occs[j].weight
                    prev[j] = i
        if not n:
            return []
        j = max(range(n), key=lambda k: (best[k], -k))
        chain = []
        while j >= 0:
            chain.append(occs[j])
            j = prev[j]
        return chain[::-1]

    def fuzzy_fill(self, s: Stream, chosen: list[Occurrence]) -> list[Occurrence]:
        """Rows the exact pass missed, looked for approximately between their chosen neighbours."""
        have = {o.row for o in chosen}
        out = list(chosen)
        for i, fs in enumerate(self.forms):
            if i in have:
                continue
            lo = max((o.end for o in out if o.row < i), default=0)
            hi = min((o.start for o in out if o.row > i), default=len(s.text))
            if hi - lo < 3 or hi - lo > 600:
                continue
            best: tuple[int, int, int, str] | None = None
            for f in fs:
                if len(f) < _FUZZY_MIN:
                    continue
                k = max(1, len(f) // 5)
                hit = approx_find(f, s.text[lo:hi], k)
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = (hit[0], lo + hit[1], lo + hit[2], f)
            if best is not None:
                d, a, b, f = best
                out.append(Occurrence(a, b, i, max(1.0, len(f) - 2.0 * d), False))
                out.sort(key=lambda o: o.start)
        return out

    def present_anywhere(self, s: Stream, row: int) -> bool:
        """The row's own label occurs somewhere in the table text (exactly, by prefix, or
        approximately), not merely as part of a header or group label (`其他` in `其他处理`)."""
        others = [(a, b) for a, b in self.header_hits(s) + self.group_hits(s)]
        for o in self.occurrences(s):
            if o.row == row and not any(a <= o.start and o.end <= b and (b - a) > (o.end - o.start) for a, b in others):
                return True
        for f in self.forms[row]:
            if len(f) >= _FUZZY_MIN and approx_find(f, s.text, max(1, len(f) // 5)) is not None:
                return True
        return False

    def group_hits(self, s: Stream) -> list[tuple[int, int]]:
        out = []
        for g in self.groups.values():
            if len(g) >= 2:
                out.extend((a, a + len(g)) for a in _find_all(s.text, g))
        return sorted(out)

    def header_hits(self, s: Stream) -> list[tuple[int, int]]:
        out = []
        for h in self.header | set(self.anchors):
            if len(h) < 2:
                continue
            out.extend((a, a + len(h)) for a in _find_all(s.text, h))
        return sorted(out)


_matchers: PerDefinition[TableDef, TableMatcher] = PerDefinition(TableMatcher, cap=256)


def _find_all(text: str, sub: str) -> list[int]:
    out = []
    i = text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def approx_find(pattern: str, text: str, k: int) -> tuple[int, int, int] | None:
    """Best approximate occurrence of `pattern` in `text` with at most `k` edits (Sellers'
    algorithm): (edits, start, end) or None."""
    m = len(pattern)
    if m == 0 or not text:
        return None
    prev = list(range(m + 1))
    best_d, best_end = k + 1, -1
    for j, tc in enumerate(text, start=1):
        cur = [0] * (m + 1)
        for i in range(1, m + 1):
            cost = 0 if pattern[i - 1] == tc else 1
            cur[i] = min(prev[i - 1] + cost, prev[i] + 1, cur[i - 1] + 1)
        if cur[m] < best_d:
            best_d, best_end = cur[m], j
        elif cur[m] == best_d and best_end == j - 1:
            best_end = j  # same distance one character further: take the fuller occurrence
        prev = cur
    if best_end < 0:
        return None
    # the start: run the same alignment backwards from the best end
    rp, rt = pattern[::-1], text[:best_end][::-1]
    prev = list(range(m + 1))
    start = best_end
    for j, tc in enumerate(rt, start=1):
        cur = [j] + [0] * m  # anchored: the occurrence must end where the forward pass said
        for i in range(1, m + 1):
            cost = 0 if rp[i - 1] == tc else 1
            cur[i] = min(prev[i - 1] + cost, prev[i] + 1, cur[i - 1] + 1)
        if cur[m] == best_d:
            start = best_end - j
            break
        prev = cur
    return best_d, start, best_end
