"""The six standard sections: presence, order, numbering, extra top-level headings, wording.

A section the outline lacks is "missing" only when its heading's words (standard wording or a known
variant) occur nowhere in the text. Words found outside a heading make it a layout finding
(`check: heading`), not a missing section; words found only in the preamble's list of the parts
("本报告由总体情况、主动公开政府信息情况……组成") do not count. A line that opens with an ordinal and
reads like a misprinted heading (similarity ≥ 0.8) is not a missing section either.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Report
from ..params.required_sections import Extra, Heading, Missing, Numbering, Order, Wording
from ..registry import RuleKind
from ._text import TextIndex, excerpt, search_form

_ORDINAL_LINE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*[、.．,，:：]\s*(?P<rest>\S.*)$")
_HEAD_END = re.compile(r"[。；;：:，,]")
SIMILAR = 0.8  # the same threshold extract/sections.py uses for a heading with changed wording
LISTING_MIN_SECTIONS = 3  # a preamble sentence naming this many sections is a list of the parts


@dataclass(frozen=True)
class _Absent:
    number: int
    heading: str
    line: int | None = None  # where the heading's words occur outside a heading
    raw: str | None = None
    similar: bool = False


def absent_sections(report: Report, ctx: RunContext) -> list[_Absent]:
    """Standard sections the outline lacks, each with where its words occur in the text (if anywhere)."""
    templates = ctx.templates
    present = {s.number for s in report.sections if s.number}
    missing = [d for d in templates.sections if d.number not in present]
    if not missing:
        return []
    wordings = {
        d.number: [w for w in dict.fromkeys(search_form(x) for x in (d.heading, *d.variants)) if w]
        for d in templates.sections
    }
    index = TextIndex(report.lines, breaks=[s.line for s in report.sections])
    first_heading = min((s.line for s in report.sections), default=None)
    preamble_end = index.offset_of_line(first_heading) if first_heading is not None else len(index.text)

    listed: dict[int, bool] = {}  # per sentence start: a sentence is read once however many hits it holds

    def listing(offset: int) -> bool:
        if offset >= preamble_end:
            return False
        a, b = index.sentence(offset)
        if a not in listed:
            sentence = index.text[a:b]
            named = sum(1 for ws in wordings.values() if any(w in sentence for w in ws))
            listed[a] = named >= LISTING_MIN_SECTIONS
        return listed[a]

    out = []
    for d in missing:
        heading = f"{templates.ordinals[d.number - 1]}、{d.heading}"
        hits = sorted(o for w in wordings[d.number] for o in index.find_all(w) if not listing(o))
        if hits:
            line = index.line_at(hits[0])
            out.append(_Absent(d.number, heading, line, excerpt(report.lines[line - 1])))
            continue
        near = _misprinted_heading(report, wordings[d.number])
        if near is not None:
            out.append(_Absent(d.number, heading, near, excerpt(report.lines[near - 1]), similar=True))
            continue
        out.append(_Absent(d.number, heading))
    return out


def _misprinted_heading(report: Report, wordings: list[str]) -> int | None:
    """A line opening with an ordinal whose first words are within SIMILAR of a heading wording.
    One matcher per wording (difflib indexes its second sequence, the wording, once), and a
    candidate whose length alone bounds the ratio below SIMILAR is not compared: the same answer
    as a fresh SequenceMatcher(None, cand, w).ratio() per pair, which was this kind's main cost."""
    heading_lines = {s.line for s in report.sections}
    matchers: list[difflib.SequenceMatcher] | None = None
    for n, line in enumerate(report.lines, start=1):
        if n in heading_lines:
            continue
        m = _ORDINAL_LINE.match(line)
        if not m:
            continue
        rest = m.group("rest")
        head = search_form(_HEAD_END.split(rest, maxsplit=1)[0])
        whole = search_form(rest)
        if matchers is None:
            matchers = [_matcher(w) for w in wordings]
        for w, sm in zip(wordings, matchers, strict=True):
            for cand in (head, whole[: len(w)], whole[: len(w) + 1]):
                if cand and 2.0 * min(len(cand), len(w)) / (len(cand) + len(w)) >= SIMILAR:  # real_quick_ratio
                    sm.set_seq1(cand)
                    if sm.ratio() >= SIMILAR:
                        return n
    return None


def _matcher(wording: str) -> difflib.SequenceMatcher:
    sm = difflib.SequenceMatcher(None)
    sm.set_seq2(wording)
    return sm


class RequiredSections(RuleKind):
    params: Missing | Heading | Order | Numbering | Extra | Wording

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        std = {s.number: s.heading for s in ctx.templates.sections}
        ordinals = ctx.templates.ordinals
        for rid in report_ids:
            if self.params.check in ("missing", "heading"):
                absent = ctx.memo(("absent-sections", rid), lambda rid=rid: absent_sections(ctx.reports[rid], ctx))
                yield from getattr(self, f"_{self.params.check}")(rid, absent)
                continue
            secs = ctx.reports[rid].sections
            yield from getattr(self, f"_{self.params.check}")(rid, secs, std, ordinals)

    def _missing(self, rid, absent: list[_Absent]):
        for a in absent:
            if a.line is None:
                yield Hit(
                    report_id=rid,
                    section=a.number,
                    expected=a.heading,
                    found="（缺失）",
                    params={"heading": a.heading, "number": a.number},
                )

    def _heading(self, rid, absent: list[_Absent]):
        for a in absent:
            if a.line is not None:
                yield Hit(
                    report_id=rid,
                    section=a.number,
                    line=a.line,
                    raw=a.raw,
                    expected=a.heading,
                    found=a.raw,
                    params={
                        "heading": a.heading,
                        "number": a.number,
                        "excerpt": a.raw,
                        "similar_zh": "（用语近似，疑为标题错字）" if a.similar else "",
                        "similar_en": " (similar wording, likely a misprinted heading)" if a.similar else "",
                    },
                )

    def _order(self, rid, secs, std, ordinals):
        nums = [s for s in secs if s.number]
        for prev, cur in itertools.pairwise(nums):
            if cur.number < prev.number:
                yield Hit(
                    report_id=rid,
                    section=cur.number,
                    raw=cur.heading,
                    line=cur.line,
                    expected=f"{ordinals[prev.number - 1]}在{ordinals[cur.number - 1]}之后",
                    found=f"{cur.heading}（第{cur.line}行）位于{prev.heading}（第{prev.line}行）之后",
                    params={"heading": cur.heading, "after": prev.heading},
                )

    def _numbering(self, rid, secs, std, ordinals):
        for s in secs:
            if s.number and not s.standard_numbering:
                want = f"{ordinals[s.number - 1]}、"
                yield Hit(
                    report_id=rid,
                    section=s.number,
                    raw=s.heading,
                    line=s.line,
                    expected=want,
                    found=s.ordinal,
                    params={"heading": s.heading, "ordinal": s.ordinal, "want": want},
                )

    def _extra(self, rid, secs, std, ordinals):
        used = {}
        for s in secs:
            if s.number:
                used[s.ordinal.rstrip("、.．,，:： ")] = s.heading
        for s in secs:
            if s.number is None:
                o = s.ordinal.rstrip("、.．,，:： ")
                dup = next((h for k, h in used.items() if k == o), None)
                yield Hit(
                    report_id=rid,
                    raw=s.heading,
                    line=s.line,
                    expected="六个标准部分之一",
                    found=s.heading,
                    params={
                        "heading": s.heading,
                        "dup_zh": f"，与“{dup}”序号重复" if dup else "",
                        "dup_en": f"; its ordinal duplicates '{dup}'" if dup else "",
                    },
                )

    def _wording(self, rid, secs, std, ordinals):
        for s in secs:
            if s.number and not s.standard_wording:
                want = std[s.number]
                yield Hit(
                    report_id=rid,
                    section=s.number,
                    raw=s.heading,
                    line=s.line,
                    expected=want,
                    found=s.heading,
                    params={"heading": s.heading, "want": want},
                )
