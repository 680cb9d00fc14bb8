"""Checks reviewers still do by hand in the prose: section 五/六 content, enumerations, doubled
words, a stated total against its own breakdown. The text analysis lives in `rules/prose/` as pure
functions; this kind adds the report's sections, lines and evidence.

`check:` selects one of: `problems_section` (五 names a problem and a measure), `fee_note` (2021
format: 六 says whether 信息处理费 was collected), `enumeration`, `repeated_words`, `stated_sum`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...core.context import RunContext
from ...core.finding import Hit
from ...model import Paragraph, Report
from ...zhtext.chars import squash
from ...zhtext.numerals import cn_numeral
from ..params.prose_checks import ProseParams
from ..prose.content import other_matters_section, problems_section
from ..prose.enumeration import faults
from ..prose.repeats import repeats
from ..prose.sums import sum_faults
from ..registry import RuleKind
from ._narrative_text import sentences

_CONTENT_ZH = {
    "empty": "只有标题，没有内容",
    "nothing": "只写了“{text}”",
    "short": "内容过短，未写明问题",
    "no_problem": "未写明存在的问题",
    "no_measure": "未写明改进措施",
    "no_fee": "未说明信息处理费的收取情况",
}
_CONTENT_EN = {
    "empty": "has a heading and nothing under it",
    "nothing": "says only '{text}'",
    "short": "is too short and names no problem",
    "no_problem": "names no problem",
    "no_measure": "names no improvement measure",
    "no_fee": "does not say whether 信息处理费 was collected",
}


def _by_section(report: Report) -> dict[int | None, list[Paragraph]]:
    out: dict[int | None, list[Paragraph]] = {}
    for p in report.paragraphs:
        out.setdefault(p.section, []).append(p)
    return out


def _printed_empty(r: Report, heading) -> bool:
    """A section without paragraphs is empty only on positive evidence: its heading is printed on
    the line the reader gives, and every printed line up to the next heading is blank. A report
    whose lines are not at hand (or a heading the reader placed elsewhere) gives no finding."""
    if not (1 <= heading.line <= len(r.lines)):
        return False
    if squash(heading.heading) not in squash(r.lines[heading.line - 1]):
        return False
    later = [s.line for s in r.sections if s.line > heading.line]
    end = min(later) if later else len(r.lines) + 1
    return all(not squash(r.lines[i - 1]) for i in range(heading.line + 1, min(end, len(r.lines) + 1)))


class ProseChecks(RuleKind):
    params: ProseParams

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        check = getattr(self, f"_{self.params.check}")
        for rid in report_ids:
            yield from check(ctx.reports[rid])

    # sections 五 and 六 -----------------------------------------------------------------------

    def _content(self, r: Report, number: int, fault) -> Iterator[Hit]:
        heading = next((s for s in r.sections if s.number == number), None)
        if heading is None:
            return  # a missing section is SEC-MISSING's finding
        paras = _by_section(r).get(number, [])
        if not paras and not _printed_empty(r, heading):
            return  # no paragraph, and no printed text shows the section empty: nothing to go on
        f = fault([p.text for p in paras])
        if f is None:
            return
        shown = f.text[:40] + ("…" if len(f.text) > 40 else "")
        yield Hit(
            report_id=r.report_id,
            section=number,
            raw=shown or heading.heading,
            line=paras[0].line if paras else heading.line,
            expected="写明存在的问题及改进措施" if number == 5 else "说明信息处理费收取情况",
            found=_CONTENT_ZH[f.kind].format(text=shown),
            params={
                "heading": heading.heading,
                "why_zh": _CONTENT_ZH[f.kind].format(text=shown),
                "why_en": _CONTENT_EN[f.kind].format(text=shown),
            },
        )

    def _problems_section(self, r: Report) -> Iterator[Hit]:
        yield from self._content(r, 5, problems_section)

    def _fee_note(self, r: Report) -> Iterator[Hit]:
        yield from self._content(r, 6, other_matters_section)

    # enumerations -----------------------------------------------------------------------------

    def _enumeration(self, r: Report) -> Iterator[Hit]:
        for section, paras in sorted(_by_section(r).items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
            for f in faults([p.text for p in paras]):
                para = paras[f.item.para]
                kind_zh = f"跳过了“{_marker(f.item, f.expected)}”" if f.kind == "gap" else "重复"
                kind_en = f"skips {_marker(f.item, f.expected)}" if f.kind == "gap" else "repeats a number"
                yield Hit(
                    report_id=r.report_id,
                    section=section,
                    raw=f.item.text[:60],
                    line=para.line,
                    expected=_marker(f.item, f.expected),
                    found=f.item.marker,
                    params={
                        "previous": f.previous.marker,
                        "marker": f.item.marker,
                        "kind_zh": kind_zh,
                        "kind_en": kind_en,
                        "excerpt": f.item.text[:30] + ("…" if len(f.item.text) > 30 else ""),
                    },
                )

    # doubled words ----------------------------------------------------------------------------

    def _repeated_words(self, r: Report) -> Iterator[Hit]:
        for para in r.paragraphs:
            for _, s in sentences(para.text):
                quoted = s.strip()  # once per sentence, however many doubles it holds
                for rep in repeats(s):
                    yield Hit(
                        report_id=r.report_id,
                        section=para.section,
                        raw=quoted,
                        line=para.line,
                        expected=rep.unit,
                        found=rep.text,
                        params={"doubled": rep.text, "unit": rep.unit, "sentence": quoted[:60]},
                    )

    # a stated total and its breakdown ---------------------------------------------------------

    def _stated_sum(self, r: Report) -> Iterator[Hit]:
        for para in r.paragraphs:
            for _, s in sentences(para.text):
                for f in sum_faults(s):
                    parts = "+".join(_fmt(v) for v in f.parts)
                    total = sum(f.parts)
                    yield Hit(
                        report_id=r.report_id,
                        section=para.section,
                        raw=s.strip(),
                        line=para.line,
                        expected=f"≤ {_fmt(f.total)}{f.unit}" if f.kind == "exceeds" else f"= {_fmt(f.total)}{f.unit}",
                        found=f"{_fmt(total)}{f.unit}",
                        arithmetic=f"{parts} = {_fmt(total)}; 总数 {_fmt(f.total)}; 差 {_fmt(abs(total - f.total))}",
                        params={
                            "total": f"{_fmt(f.total)}{f.unit}",
                            "parts_sum": f"{_fmt(total)}{f.unit}",
                            "kind_zh": "超过了" if f.kind == "exceeds" else "不等于",
                            "kind_en": "exceed" if f.kind == "exceeds" else "do not add up to",
                            "sentence": s.strip()[:80],
                        },
                    )


def _marker(item, n: int) -> str:
    cn = cn_numeral(n)
    if item.style == "inline":
        return f"{cn}是"
    if item.style == "paren":
        return f"（{cn}）"
    return f"{n}."


def _fmt(v) -> str:
    s = format(v.normalize(), "f")
    return s
