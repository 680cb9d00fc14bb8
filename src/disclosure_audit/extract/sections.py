"""Top-level headings: the six standard sections plus any extra top-level heading.

A heading is a short narrative line opening with an ordinal (一、 / 5、 / 五.). Chinese-numbered
lines that match no standard section are reported as extra headings (a duplicated 二、 inside
总体情况 is a real fault); digit-numbered lines count only when their wording is a standard
section's, because `1.宣传贯彻…` sub-points are normal prose.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from ..model import Paragraph, Section
from ..templates import Templates
from ..zhtext.chars import squash, strip_edges
from ..zhtext.numerals import number_value
from .layout import TextLine
from .normalize import EDITOR_ARTEFACT, norm_label
from .per_definition import PerDefinition

_HEADING = re.compile(r"^(?P<ord>[一二三四五六七八九十]{1,2}|\d{1,2})\s*(?P<sep>[、.．,，:：]|\s)\s*(?P<rest>\S.*)$")
_MAX_HEADING = 36
_WORDING_RATIO = 0.8
_HEAD_END = re.compile(r"[。；;：:]")
# what may follow a heading on its line: a sentence mark, a space, or a sentence (not a stray character)
_PROSE_START = re.compile(r"^(?:[\s\u3000。，,；;：:！!（(]|.{6,})")


def strip_line(text: str) -> str:
    return strip_edges(EDITOR_ARTEFACT.sub("", text))


@dataclass(frozen=True)
class _Candidate:
    number: int | None
    heading: str
    line: int
    ordinal: str
    sep: str
    standard_wording: bool


class SectionMatcher:
    def __init__(self, templates: Templates) -> None:
        self.std: list[tuple[int, str, bool]] = []  # (number, normalised wording, is standard)
        for s in templates.sections:
            self.std.append((s.number, norm_label(s.heading), True))
            for v in s.variants:
                self.std.append((s.number, norm_label(v), False))
        self._longest_first = sorted(self.std, key=lambda t: -len(t[1]))
        # one matcher per wording, its analysis kept: only the candidate changes between comparisons
        self._matchers = [difflib.SequenceMatcher(None, "", t[1]) for t in self.std]
        self._seen: dict[tuple[str, bool], tuple[int | None, bool, str]] = {}

    def _closest(self, n: str) -> tuple[int, str, bool] | None:
        """The wording most like `n` (the first of equals) when it is within _WORDING_RATIO, else None.
        A wording whose length alone (or whose characters alone) keep it below the ratio is not
        compared: a report with thousands of heading-like lines costs each a few comparisons."""
        best, best_ratio = None, -1.0
        for entry, sm in zip(self.std, self._matchers, strict=True):
            sm.set_seq1(n)
            if sm.real_quick_ratio() < _WORDING_RATIO or sm.quick_ratio() < _WORDING_RATIO:
                continue
            r = sm.ratio()
            if r > best_ratio:
                best, best_ratio = entry, r
        return best if best_ratio >= _WORDING_RATIO else None

    def classify(self, rest: str, whole_line_only: bool = False) -> tuple[int | None, bool, str]:
        """→ (section number, standard wording?, the heading part of `rest`); a line seen before is
        not classified again."""
        key = (rest, whole_line_only)
        if key not in self._seen:
            self._seen[key] = self._classify(rest, whole_line_only)
        return self._seen[key]

    def _classify(self, rest: str, whole_line_only: bool) -> tuple[int | None, bool, str]:
        n = norm_label(rest, drop_ordinal=False)
        for num, wording, standard in self.std:
            if n == wording:
                return num, standard, rest
        if whole_line_only:
            return None, False, rest
        # heading followed by prose on the same line: "一、总体情况。2020年，…"
        for num, wording, standard in self._longest_first:
            if len(wording) >= 4 and n.startswith(wording) and len(n) > len(wording):
                cut = _cut_after(rest, wording)
                if cut is not None and _PROSE_START.match(rest[len(cut) :]):
                    return num, standard, cut
        # a heading with changed wording followed by prose on the same line: compare the part before
        # the first sentence mark ("四、政府信息公开行政法复议、行政诉讼情况。本年度…")
        head = _HEAD_END.split(rest, maxsplit=1)[0]
        if head != rest and len(squash(head)) <= _MAX_HEADING:
            best = self._closest(norm_label(head, drop_ordinal=False))
            if best is not None:
                return best[0], False, head
        if len(squash(rest)) <= _MAX_HEADING:
            best = self._closest(n)
            if best is not None:
                return best[0], False, rest
        return None, False, rest

    def candidates(self, lines: list[TextLine]) -> list[_Candidate]:
        out: list[_Candidate] = []
        for tl in lines:
            s = strip_line(tl.text)
            m = _HEADING.match(s)
            if not m:
                continue
            ordinal, sep, rest = m.group("ord"), m.group("sep"), m.group("rest").strip()
            number, standard, heading_rest = self.classify(rest, whole_line_only=ordinal.isdigit())
            if number is None:
                body = squash(rest)
                if ordinal.isdigit() or len(body) > _MAX_HEADING or "。" in body.rstrip("。"):
                    continue
                if body.endswith("。"):
                    continue
            head = s if heading_rest is rest else s[: s.index(heading_rest) + len(heading_rest)]
            out.append(_Candidate(number, head.strip(), tl.line, ordinal, sep, standard))
        return out


def _cut_after(rest: str, wording: str) -> str | None:
    """Shortest prefix of `rest` whose normal form is `wording`."""
    for i in range(1, len(rest) + 1):
        if norm_label(rest[:i], drop_ordinal=False) == wording:
            return rest[:i]
    return None


_section_matchers: PerDefinition[Templates, SectionMatcher] = PerDefinition(SectionMatcher, cap=16)


def _matcher_for(templates: Templates) -> SectionMatcher:
    """One matcher per set of templates, its classifications kept across reports (a pure function
    of the line), up to a bound."""
    matcher = _section_matchers(templates)
    if len(matcher._seen) > 50_000:
        matcher._seen.clear()
    return matcher


def find_sections(lines: list[TextLine], templates: Templates) -> list[Section]:
    matcher = _matcher_for(templates)
    cands = matcher.candidates(lines)
    seen: set[int] = set()
    sections: list[Section] = []
    for c in cands:
        number = c.number
        if number is not None and number in seen:
            number = None  # a second heading with the same wording counts as an extra one
        if number is not None:
            seen.add(number)
        std_num = number is not None and number_value(c.ordinal) == number and not c.ordinal.isdigit()
        sections.append(
            Section(
                number=number,
                heading=c.heading,
                line=c.line,
                ordinal=c.ordinal + (c.sep if c.sep.strip() else ""),
                standard_wording=c.standard_wording if number is not None else False,
                standard_numbering=bool(std_num and c.sep == "、"),
            )
        )
    return _with_ends(sections, lines)


def _with_ends(sections: list[Section], lines: list[TextLine]) -> list[Section]:
    last_line = lines[-1].line if lines else 0
    out: list[Section] = []
    for i, s in enumerate(sections):
        nxt = sections[i + 1].line - 1 if i + 1 < len(sections) else None
        out.append(
            Section(
                number=s.number,
                heading=s.heading,
                line=s.line,
                ordinal=s.ordinal,
                standard_wording=s.standard_wording,
                standard_numbering=s.standard_numbering,
                end_line=nxt if nxt is not None else max(last_line, s.line),
            )
        )
    return out


class _SectionIndex:
    """The standard section a line belongs to (extra headings belong to the enclosing one), found by
    bisection: a report with many headings and many lines costs lines × log(headings), not lines ×
    headings. It reads as a scan of the headings in order would: the number of the last standard
    heading before the first heading that stands below the line."""

    def __init__(self, sections: list[Section]) -> None:
        # the headings a forward scan can stop at (each further down than all before it), and the
        # standard section in force just before each of them
        self.stops: list[int] = []
        self.before: list[int | None] = []
        current: int | None = None
        for s in sections:
            if not self.stops or s.line > self.stops[-1]:
                self.stops.append(s.line)
                self.before.append(current)
            if s.number is not None:
                current = s.number
        self.last = current

    def at(self, line: int) -> int | None:
        i = bisect.bisect_right(self.stops, line)
        return self.before[i] if i < len(self.stops) else self.last


def paragraphs(lines: list[TextLine], sections: list[Section], skip: set[int]) -> list[Paragraph]:
    heading_lines = {s.line for s in sections}
    index = _SectionIndex(sections)
    out: list[Paragraph] = []
    for tl in lines:
        if tl.line in heading_lines or tl.line in skip:
            continue
        text = strip_line(tl.text)
        if not text:
            continue
        out.append(Paragraph(text=text, line=tl.line, section=index.at(tl.line)))
    return out
