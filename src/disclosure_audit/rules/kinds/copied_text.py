"""Copied text: prose shared with another agency's report, reused from last year's report, and tables
identical to last year's (report-format.md E10/E11). One params model per `compare`
(rules/params/copied_text.py).

The work is split by what it does: `_copy_units` cuts a report's own prose into units (boilerplate
removed, agency masked, digits folded); `_copy_sketch` finds candidate pairs across agencies with
MinHash/LSH; `_copy_evidence` confirms each pair by exact Jaccard and writes out the evidence.

Across agencies (`compare: agencies`) every unit of every report is sketched and candidates come from
LSH banding; every candidate is confirmed exactly before anything is reported. Across years
(`compare: previous_year`) each report is compared with the same agency's previous-year report
(`RunContext.previous_report`): two reports of about ten paragraphs each, so every pair is checked
exactly and no sketch is needed. `compare: tables` flags tables whose every cell equals last year's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ...core.finding import Hit, capped
from ...zhtext.orgs import agency_key
from ..params.copied_text import Agencies, PreviousYear, Tables
from ..registry import RuleKind
from ._common import NO_PREVIOUS
from ._copy_evidence import (
    TABLE_EN,
    TABLE_ZH,
    Match,
    confirm,
    entry_of,
    excerpt,
    jaccard,
    no_prose,
    para_chars,
    pct,
    share_of,
    shown_matches,
    source_entry,
)
from ._copy_sketch import lsh_bands, lsh_candidates, minhash_signatures, unit_signatures
from ._copy_units import Unit, boilerplate_regex, prose_units

if TYPE_CHECKING:
    from ...core.context import RunContext
    from ...model import Report

__all__ = [
    "CopiedText",
    "jaccard",
    "lsh_bands",
    "lsh_candidates",
    "minhash_signatures",
    "prose_units",
    "unit_signatures",
]


class CopiedText(RuleKind):
    params: Agencies | PreviousYear | Tables

    def nothing_to_check(self, ctx: RunContext, report_id: str) -> tuple[str, str] | None:
        """Across years, a report without a readable previous-year report has nothing to compare."""
        if isinstance(self.params, Agencies):
            return None
        prev = ctx.previous_report(report_id)
        return NO_PREVIOUS if prev is None or not prev.machine_readable else None

    @cached_property
    def _boilerplate(self) -> re.Pattern | None:
        p = self.params
        return None if isinstance(p, Tables) else boilerplate_regex(p.boilerplate)

    def _units(self, ctx: RunContext, report: Report) -> list[Unit]:
        """Prose units of a report, computed once per run for each set of text parameters (rules
        with equal ones share them)."""
        p = self.params
        assert not isinstance(p, Tables)
        key = ("copied_text.units", p.text_key(), report.report_id)
        return ctx.memo(key, lambda: prose_units(report, p, self._boilerplate))

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        if isinstance(self.params, Agencies):
            yield from self._across_agencies(ctx, report_ids)
        elif isinstance(self.params, PreviousYear):
            yield from self._previous_year(ctx, report_ids)
        else:
            yield from self._tables(ctx, report_ids)

    # -- across agencies ------------------------------------------------------------------------

    def _across_agencies(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        reports = {rid: ctx.reports[rid] for rid in report_ids}
        per_report = {rid: self._units(ctx, r) for rid, r in reports.items()}
        for rid in sorted(report_ids):
            if not per_report[rid]:
                yield no_prose(rid)
        # earliest published first, so a bucket's first members (the likeliest sources) are kept
        order = sorted(report_ids, key=lambda rid: (reports[rid].published or "9999-99-99", rid))
        units = [u for rid in order for u in per_report[rid]]
        if len(units) < 2:
            return
        group_of = {rid: agency_key(r.agency) if r.agency else f"\0{rid}" for rid, r in reports.items()}
        groups = {g: i for i, g in enumerate(sorted(set(group_of.values())))}
        grp = np.fromiter((groups[group_of[u.report_id]] for u in units), dtype=np.int64, count=len(units))
        kind = np.fromiter((u.kind == "section" for u in units), dtype=np.int64, count=len(units))
        sig = unit_signatures(units, p.shingle, p.num_perm, p.seed)
        bands, rows = lsh_bands(p.lsh_threshold, p.num_perm)
        cand = lsh_candidates(sig, bands, rows, salt=kind, cap=p.bucket_cap)
        cand = cand[(grp[cand[:, 0]] != grp[cand[:, 1]]) & (kind[cand[:, 0]] == kind[cand[:, 1]])]
        my_paras = {rid: {u.paras[0]: u for u in us if u.kind == "paragraph"} for rid, us in per_report.items()}
        found: dict[tuple[str, str], list[Match]] = defaultdict(list)
        for i, j in cand.tolist():
            ua, ub = units[i], units[j]
            a, b = ua.shingles(p.shingle), ub.shingles(p.shingle)
            if min(len(a), len(b)) < p.similarity * max(len(a), len(b)):
                continue  # Jaccard ≤ |small| / |large|
            sim = jaccard(a, b)
            if sim < p.similarity:
                continue
            pa, pb = reports[ua.report_id].published, reports[ub.report_id].published
            if not (pa and pb and pa < pb) and (m := confirm(p, ua, ub, sim, my_paras[ua.report_id])):
                found[(ua.report_id, ub.report_id)].append(m)  # ua is not the earlier one: ua copied (or unknown)
            if not (pa and pb and pb < pa) and (m := confirm(p, ub, ua, sim, my_paras[ub.report_id])):
                found[(ub.report_id, ua.report_id)].append(m)
        by_mine: dict[str, dict[str, list[Match]]] = defaultdict(dict)
        for (mine, theirs), ms in found.items():
            by_mine[mine][theirs] = ms
        for rid in sorted(by_mine):
            chars_of = para_chars(per_report[rid])
            prose = sum(chars_of.values())
            # every source counts towards the share; only the closest `max_sources` keep their
            # passages in the evidence (a passage shared by thousands of reports would otherwise put
            # thousands of sources, each with its passages, into one finding)
            ranked, covered = [], set()
            for theirs, ms in by_mine[rid].items():
                shown, cov = shown_matches(ms)
                c = sum(chars_of[i] for i in cov)
                ranked.append((-share_of(c, prose), theirs, c, shown))
                covered |= cov
            ranked.sort(key=lambda e: (e[0], e[1]))
            chars = sum(chars_of[i] for i in covered)
            share = chars / prose if prose else 0.0
            if share < p.min_share or not ranked:
                continue
            # the earliest copied line of all sources (the first source's, on a tie)
            first = min((e[3][0] for e in ranked if e[3]), key=lambda m: m.mine.line)
            kept = [entry_of(reports[e[1]], e[2], e[3], prose, p.max_pairs) for e in ranked[: p.max_sources]]
            top = [(reports[e[1]].agency or reports[e[1]].file, reports[e[1]].file, pct(-e[0])) for e in ranked[:3]]
            yield Hit(
                report_id=rid,
                section=first.mine.section or None,
                line=first.mine.line,
                raw=first.mine.text,
                expected=f"与其他单位报告雷同不超过{pct(p.min_share)}",
                found=f"雷同{pct(share)}（{chars}/{prose}字）",
                params={
                    "share": pct(share),
                    "copied_chars": chars,
                    "prose_chars": prose,
                    "n_sources": len(ranked),
                    "sources": "；".join(f"{n}（{f}，{s}）" for n, f, s in top) + ("等" if len(ranked) > 3 else ""),
                    "sources_en": "; ".join(f"{n} ({f}, {s})" for n, f, s in top)
                    + (" and others" if len(ranked) > 3 else ""),
                    "excerpt": excerpt(first.mine.text),
                },
                details={
                    "share": round(share, 4),
                    "prose_chars": prose,
                    "copied_chars": chars,
                    **capped("sources", kept, len(ranked)),
                },
            )

    # -- across years ---------------------------------------------------------------------------

    def _previous_year(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        for rid in sorted(report_ids):
            r = ctx.reports[rid]
            prev = ctx.previous_report(rid)
            if prev is None or not prev.machine_readable:
                continue
            mine, theirs = self._units(ctx, r), self._units(ctx, prev)
            if not mine:
                yield no_prose(rid)
                continue
            chars_of = para_chars(mine)
            my_paras = {u.paras[0]: u for u in mine if u.kind == "paragraph"}
            matches = []
            their_sets = [(t, t.shingles(p.shingle, keep=False)) for t in theirs]
            for u in mine:
                a = u.shingles(p.shingle, keep=False)
                for t, b in their_sets:
                    if t.kind != u.kind or min(len(a), len(b)) < p.similarity * max(len(a), len(b)):
                        continue
                    sim = jaccard(a, b)
                    if sim >= p.similarity and (m := confirm(p, u, t, sim, my_paras)):
                        matches.append(m)
            if not matches:
                continue
            prose = sum(chars_of.values())
            entry, covered = source_entry(prev, chars_of, matches, prose, p.max_pairs)
            share = entry["share"]
            if share < p.min_share:
                continue
            sections = []
            for sec in sorted({u.section or 0 for u in mine if u.kind == "paragraph"}):
                idx = [u.paras[0] for u in mine if u.kind == "paragraph" and (u.section or 0) == sec]
                total = sum(chars_of[i] for i in idx)
                same = sum(chars_of[i] for i in idx if i in covered)
                sections.append({"section": sec or None, "share": round(same / total, 4), "chars": total})
            first = entry["pairs"][0]
            yield Hit(
                report_id=rid,
                section=first["section"] or None,
                line=first["mine"]["line"],
                raw=first["mine"]["text"],
                expected=f"沿用上年报告文字不超过{pct(p.min_share)}",
                found=f"沿用{pct(share)}（{entry['chars']}/{prose}字）",
                params={
                    "share": pct(share),
                    "copied_chars": entry["chars"],
                    "prose_chars": prose,
                    "prev_year": prev.year,
                    "prev_file": prev.file,
                    "excerpt": excerpt(first["mine"]["text"]),
                },
                details={
                    "share": share,
                    "prose_chars": prose,
                    "copied_chars": entry["chars"],
                    "sources": [entry],
                    "sections": sections,
                },
            )

    def _tables(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        for rid in sorted(report_ids):
            r = ctx.reports[rid]
            prev = ctx.previous_report(rid)
            if prev is None or not prev.machine_readable:
                continue
            compared, n_cells, nonzero, same = [], 0, 0, True
            for key in p.tables:
                mine, theirs = r.tables.get(key), prev.tables.get(key)
                if mine is None or theirs is None or not (mine.found and theirs.found):
                    if bool(mine and mine.found) != bool(theirs and theirs.found):
                        same = False
                        break
                    continue
                keys = set(mine.cells) | set(theirs.cells)
                cells = nz = 0
                for ck in keys:
                    cm, ct = mine.cell(*ck), theirs.cell(*ck)
                    if (cm.kind, cm.value) != (ct.kind, ct.value):
                        same = False
                        break
                    if cm.kind == "number":
                        cells += 1
                        nz += cm.value != 0
                if not same:
                    break
                compared.append({"table": key, "numbers": cells, "nonzero": int(nz), "line": mine.first_line})
                n_cells += cells
                nonzero += int(nz)
            if not same or not compared or nonzero < p.min_nonzero:
                continue
            names_zh = "、".join(TABLE_ZH[c["table"]] for c in compared)
            names_en = ", ".join(TABLE_EN[c["table"]] for c in compared)
            yield Hit(
                report_id=rid,
                line=compared[0]["line"],
                expected="本年数据",
                found=f"{names_zh}与{prev.year}年报告逐格相同",
                params={
                    "tables_zh": names_zh,
                    "tables_en": names_en,
                    "numbers": n_cells,
                    "nonzero": nonzero,
                    "prev_year": prev.year,
                    "prev_file": prev.file,
                },
                details={
                    "previous": {
                        "report_id": prev.report_id,
                        "agency": prev.agency,
                        "file": prev.file,
                        "year": prev.year,
                        "published": prev.published,
                    },
                    "tables": compared,
                },
            )
