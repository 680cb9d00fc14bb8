"""Paragraphs repeated verbatim or near-verbatim inside one report (copy-paste slips).

The similarity is difflib's `SequenceMatcher.ratio` (2·M / T, M the characters in matching blocks, T
both lengths), and a paragraph is reported against the *first* earlier paragraph that reaches it. Most
pairs are far apart, so before difflib runs each pair must pass bounds that can only over-estimate
the ratio (the same findings, far fewer SequenceMatcher runs):

* lengths: M ≤ the shorter length (difflib's `real_quick_ratio`);
* characters: every distinct character of one paragraph missing from the other leaves at least
  one of its characters unmatched, so M ≤ L_a − |chars(a) − chars(b)| (and the same from b);
* bigrams: the bigrams inside matching blocks are common bigrams (B ≤ L_a − 1 − |bigrams(a) −
  bigrams(b)|, the same argument), and consecutive blocks are separated by at least one unmatched
  character on one side, so M − (T − 2M + 1) ≤ B, i.e. M ≤ (B + T + 1) / 3 — strong for prose that
  shares characters but not phrases;
* difflib's own `quick_ratio` (the multiset intersection of characters) on what is left.

Every bound uses sets of distinct characters and bigrams, built once per paragraph and intersected
in C. Identical paragraphs are found by equality (ratio 1) and difflib is set up once per later paragraph
(`set_seq2` caches its index) rather than once per pair.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from ...core.context import RunContext
from ...core.finding import Hit
from ..params.duplicate_text import DupParams
from ..registry import RuleKind

_STRIP = re.compile(r"[\s\u3000\u00a0，,。.、；;：:“”\"'（）()！!？?《》\-—]+")


# full-width forms and the ideographic space replaced by their compatibility decomposition first: NFKC
# would do the same, but a paragraph left with none passes NFKC's quick check (the same result, and
# about 40 % less time on Chinese prose full of ，：（）)
_FULLWIDTH = {c: unicodedata.normalize("NFKD", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}


def _norm(text: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", text.translate(_FULLWIDTH)))


class _Para:
    """A paragraph's normalised text and, built on first use, its sets of characters and bigrams."""

    __slots__ = ("_bigrams", "_chars", "norm")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self._chars: frozenset[str] | None = None
        self._bigrams: frozenset[str] | None = None

    @property
    def chars(self) -> frozenset[str]:
        if self._chars is None:
            self._chars = frozenset(self.norm)
        return self._chars

    @property
    def bigrams(self) -> frozenset[str]:
        if self._bigrams is None:
            s = self.norm
            self._bigrams = frozenset([s[i : i + 2] for i in range(len(s) - 1)])
        return self._bigrams


def _common_bound(la: int, lb: int, a: frozenset, b: frozenset) -> int:
    """At most how many of the items (of la and lb) are common: each distinct item of one side
    missing from the other leaves at least one of that side's items unmatched."""
    inter = len(a & b)
    return max(0, min(la - (len(a) - inter), lb - (len(b) - inter)))


def first_repeat(paras: Sequence[_Para], j: int, similarity: float) -> tuple[int, float] | None:
    """The first earlier paragraph whose difflib ratio to paragraph j reaches `similarity`, and
    the ratio (the same answer as running SequenceMatcher on every earlier paragraph in turn)."""
    pj = paras[j]
    nj = pj.norm
    sm = None
    for i in range(j):
        pi = paras[i]
        ni = pi.norm
        la, lb = len(ni), len(nj)
        if abs(la - lb) > (1 - similarity) * max(la, lb):
            continue
        if ni == nj:
            return i, 1.0
        total = la + lb
        m = _common_bound(la, lb, pi.chars, pj.chars)
        if 2.0 * m / total < similarity:
            continue
        common_bigrams = _common_bound(la - 1, lb - 1, pi.bigrams, pj.bigrams)
        m = min(m, (common_bigrams + total + 1) // 3)
        if 2.0 * m / total < similarity:
            continue
        if sm is None:
            sm = difflib.SequenceMatcher(None, autojunk=False)
            sm.set_seq2(nj)
        sm.set_seq1(ni)
        if sm.quick_ratio() < similarity:
            continue
        ratio = sm.ratio()
        if ratio >= similarity:
            return i, ratio
    return None


class DuplicateText(RuleKind):
    params: DupParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        paras = ctx.paragraphs
        paras = paras[paras["report_id"].isin(report_ids)].copy()
        if paras.empty:
            return
        # plain lists grouped by report, in row order: a pandas groupby costs more than the checks
        by_report: dict[str, list[tuple]] = {}
        cols = (paras[c].tolist() for c in ("report_id", "text", "line", "section"))
        for rid, text, line, section in zip(*cols, strict=True):
            norm = _norm(text)
            if len(norm) >= p.min_chars:
                by_report.setdefault(rid, []).append((norm, text, line, section))
        for rid in sorted(by_report):
            rows = by_report[rid]
            items = [_Para(r[0]) for r in rows]
            for j in range(1, len(rows)):
                _nj, tj, lj, sj = rows[j]
                found = first_repeat(items, j, p.similarity)
                if found is None:
                    continue
                i, ratio = found
                li = rows[i][2]
                yield Hit(
                    report_id=rid,
                    section=int(sj) or None,
                    raw=tj,
                    line=int(lj),
                    expected="不重复",
                    found=f"与第{li}行{'相同' if ratio == 1 else f'相似度{ratio:.0%}'}",
                    params={
                        "first_line": int(li),
                        "excerpt": tj[:40] + ("…" if len(tj) > 40 else ""),
                        "similarity": f"{ratio:.0%}",
                        "kind_zh": "逐字重复" if ratio == 1 else "几乎逐字重复",
                        "kind_en": "verbatim" if ratio == 1 else "near-verbatim",
                    },
                )
