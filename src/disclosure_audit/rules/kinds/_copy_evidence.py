"""Copied text, step 3: confirming a candidate pair exactly and writing out the evidence (each source
with its share of the report's prose and the passages side by side)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...core.finding import Hit
from ._copy_units import Unit

if TYPE_CHECKING:
    from ...model import Report
    from ..params.copied_text import _Text

TABLE_ZH = {"active": "表二", "requests": "表三", "appeals": "表四"}
TABLE_EN = {"active": "table 2", "requests": "table 3", "appeals": "table 4"}


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset, b: frozenset) -> float:
    """Share of a's shingles found in b."""
    return len(a & b) / len(a) if a else 0.0


@dataclass(slots=True)
class Match:
    mine: Unit
    theirs: Unit
    similarity: float
    covers: tuple[int, ...]  # my prose paragraphs this match shows to be copied


def para_chars(units: list[Unit]) -> dict[int, int]:
    return {u.paras[0]: u.chars for u in units if u.kind == "paragraph"}


def pct(x: float) -> str:
    return f"{x:.0%}"


def excerpt(text: str, n: int = 40) -> str:
    text = text.replace("\n", " ")
    return text[:n] + ("…" if len(text) > n else "")


def confirm(p: _Text, mine: Unit, theirs: Unit, sim: float, my_paras: dict[int, Unit]) -> Match | None:
    """A confirmed pair. A section pair covers only those of my paragraphs whose shingles are
    mostly (≥ `similarity`) found in their section: a section copied but re-paragraphed counts,
    an own paragraph that happens to sit in that section does not."""
    if mine.kind == "paragraph":
        return Match(mine, theirs, sim, mine.paras)
    k, t = p.shingle, theirs.shingles(p.shingle)
    covers = tuple(i for i in mine.paras if containment(my_paras[i].shingles(k), t) >= p.similarity)
    return Match(mine, theirs, sim, covers) if covers else None


def shown_matches(matches: list[Match]) -> tuple[list[Match], set[int]]:
    """A source's passages to show (the best match per unit of mine, a section only when its
    paragraphs are not all shown on their own), in my line order, and the paragraphs they cover."""
    best: dict[tuple[str, tuple[int, ...]], Match] = {}
    covered: set[int] = set()
    for m in matches:
        covered.update(m.covers)
        key = (m.mine.kind, m.mine.paras)
        if key not in best or m.similarity > best[key].similarity:
            best[key] = m
    by_para = {m.mine.paras for m in best.values() if m.mine.kind == "paragraph"}
    shown = [m for m in best.values() if m.mine.kind == "paragraph" or not all((i,) in by_para for i in m.covers)]
    shown.sort(key=lambda m: (m.mine.line, m.mine.kind != "paragraph"))
    return shown, covered


def source_entry(
    report: Report, chars_of: dict[int, int], matches: list[Match], prose: int, max_pairs: int
) -> tuple[dict, set[int]]:
    """One source's entry in `details["sources"]` and the set of my prose paragraphs it covers."""
    shown, covered = shown_matches(matches)
    return entry_of(report, sum(chars_of[i] for i in covered), shown, prose, max_pairs), covered


def entry_of(report: Report, chars: int, shown: list[Match], prose: int, max_pairs: int) -> dict:
    return {
        "report_id": report.report_id,
        "agency": report.agency,
        "file": report.file,
        "year": report.year,
        "published": report.published,
        "share": share_of(chars, prose),
        "chars": chars,
        "pairs": [
            {
                "unit": m.mine.kind,
                "section": m.mine.section,
                "mine": {"line": m.mine.line, "text": m.mine.text},
                "theirs": {"line": m.theirs.line, "text": m.theirs.text},
                "similarity": round(m.similarity, 4),
            }
            for m in shown[:max_pairs]
        ],
        "pairs_total": len(shown),
    }


def share_of(chars: int, prose: int) -> float:
    return round(chars / prose, 4) if prose else 0.0


def no_prose(rid: str) -> Hit:
    return Hit(
        report_id=rid,
        outcome="not_evaluable",
        expected="正文",
        found="去除模板文字后无正文",
        params={
            "reason_zh": "去除模板文字（前言、统计期限、标题、联系方式等）后没有可比对的正文",
            "reason_en": (
                "no prose left to compare after removing template text (preamble, period, headings, contacts)"
            ),
        },
    )
