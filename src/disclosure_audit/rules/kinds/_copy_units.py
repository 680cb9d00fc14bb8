"""Copied text, step 1: a report's own prose as *units* to compare.

Template boilerplate is removed first (the statutory preamble, the statistics-period sentence,
headings, table labels, contact lines: regexes in the rule's params), the report's own agency name is
masked and, by default, digit runs folded (a copy with new figures is still a copy). Each paragraph,
and each section of two or more paragraphs (which catches copies re-paragraphed), is a unit; a unit is
a set of character k-grams (shingles).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...zhtext.chars import squash
from ...zhtext.orgs import agency_key

if TYPE_CHECKING:
    from ...model import Report
    from ..params.copied_text import _Text

# whitespace and punctuation dropped before shingling (the same family as duplicate_text)
_PUNCT = re.compile(r"[\s，,。.、；;：:“”\"'‘’（）()！!？?《》〈〉【】\[\]〔〕<>\-—_~·…/|]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_MASK = "#"


@dataclass(slots=True)
class Unit:
    """A paragraph, or a whole section, of a report's own prose (boilerplate removed)."""

    report_id: str
    kind: str  # "paragraph" | "section"
    section: int | None
    line: int
    text: str  # as printed (a section's paragraphs joined by newlines)
    norm: str  # what is shingled
    chars: int  # prose characters (no whitespace or punctuation) after boilerplate removal
    paras: tuple[int, ...]  # indices into the report's prose paragraphs
    _shingles: frozenset[str] | None = None

    def shingles(self, k: int, keep: bool = True) -> frozenset[str]:
        """The set of character k-grams; kept on the unit unless `keep` is false (a unit is always
        shingled with its rule's k). Not keeping them spares memory and garbage-collector time when
        every unit of a large run is shingled once."""
        if self._shingles is not None:
            return self._shingles
        s = self.norm
        out = frozenset({s[i : i + k] for i in range(len(s) - k + 1)} if len(s) >= k else {s})
        if keep:
            self._shingles = out
        return out


def boilerplate_regex(patterns: Sequence[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def prose_units(report: Report, p: _Text, boilerplate: re.Pattern | None) -> list[Unit]:
    """The report's prose units: paragraphs left with at least `min_chars` characters after
    boilerplate removal, then (with `sections`) one unit per section of two or more of them."""
    names: list[str] = []
    if p.mask_agency:
        for name in (report.agency, (report.manifest or {}).get("agency"), (report.text_meta or {}).get("agency")):
            if isinstance(name, str) and name.strip():
                names += [squash(name), agency_key(name)]
        names = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    paras: list[Unit] = []
    for para in report.paragraphs:
        text = squash(para.text)
        if boilerplate is not None:
            text = boilerplate.sub("", text)
        for n in names:
            text = text.replace(n, _MASK)
        stripped = _PUNCT.sub("", unicodedata.normalize("NFKC", text))
        chars = len(stripped.replace(_MASK, ""))
        if chars < p.min_chars:
            continue
        norm = _DIGITS.sub("0", stripped) if p.fold_digits else stripped
        i = len(paras)
        paras.append(Unit(report.report_id, "paragraph", para.section, para.line, para.text, norm, chars, (i,)))
    units = list(paras)
    if p.sections:
        by_section: dict[int | None, list[Unit]] = defaultdict(list)
        for u in paras:
            by_section[u.section].append(u)
        for sec, members in by_section.items():
            if len(members) >= 2:
                units.append(
                    Unit(
                        report.report_id,
                        "section",
                        sec,
                        members[0].line,
                        "\n".join(m.text for m in members),
                        "".join(m.norm for m in members),
                        sum(m.chars for m in members),
                        tuple(i for m in members for i in m.paras),
                    )
                )
    return units
