"""Copied text: prose shared with another agency's report, reused from last year's report, and tables
identical to last year's (report-format.md E10/E11).

Text is compared after template boilerplate is removed (the statutory preamble, the statistics-period
sentence, headings, table labels, contact lines: regexes in the rule's params), the report's own agency
name masked and, by default, digit runs folded (a copy with new figures is still a copy). Each
paragraph, and each section of two or more paragraphs (which catches copies re-paragraphed), is a
*unit*; a unit is a set of character k-grams (shingles).

Across agencies (`compare: agencies`) every unit of every report is sketched with MinHash and
candidate pairs come from LSH banding, so the work grows with the number of units, not with its
square; every candidate is then confirmed by the exact Jaccard similarity of its shingle sets before
anything is reported. MinHash is a small numpy implementation here rather than datasketch: datasketch
pulls in scipy (about 100 MB installed) only to pick the band/row split, and its per-document
`update` API hashes one document at a time in Python, while this sketches all units of a run in a
few vectorised passes. The band/row split is chosen the way datasketch does (minimum of the weighted
false-positive and false-negative areas), integrated with numpy.

Across years (`compare: previous_year`) each report is compared with the same agency's previous-year
report (`RunContext.previous_report`): two reports of about ten paragraphs each, so every pair is
checked exactly and no sketch is needed. `compare: tables` flags tables whose every cell equals last
year's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Literal

import numpy as np
from pydantic import Field

from ...core.context import agency_key
from ...core.finding import Hit
from ..registry import KindParams, ParamError, RuleKind, register

if TYPE_CHECKING:
    from ...core.context import RunContext
    from ...model import Report

# whitespace and punctuation dropped before shingling (the same family as duplicate_text)
_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_PUNCT = re.compile(r"[\s，,。.、；;：:“”\"'‘’（）()！!？?《》〈〉【】\[\]〔〕<>\-—_~·…/|]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_MASK = "#"
_TABLE_ZH = {"active": "表二", "requests": "表三", "appeals": "表四"}
_TABLE_EN = {"active": "table 2", "requests": "table 3", "appeals": "table 4"}


class CopyParams(KindParams):
    compare: Literal["agencies", "previous_year", "tables"]
    # text comparison
    shingle: int = Field(5, ge=2, le=20)
    num_perm: int = Field(128, ge=16, le=1024)
    lsh_threshold: float = Field(0.5, gt=0, le=1)
    similarity: float = Field(0.7, gt=0, le=1)
    min_chars: int = Field(30, ge=1)
    min_share: float = Field(0.2, ge=0, le=1)
    fold_digits: bool = True
    mask_agency: bool = True
    sections: bool = True
    boilerplate: tuple[str, ...] = ()
    bucket_cap: int = Field(50, ge=1)
    max_pairs: int = Field(20, ge=1)
    seed: int = 20240101
    # table comparison
    tables: tuple[Literal["active", "requests", "appeals"], ...] = ("requests", "appeals")
    min_nonzero: int = Field(3, ge=0)


# --- text units ----------------------------------------------------------------------------------


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


def _boilerplate_regex(patterns: Sequence[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def prose_units(report: Report, p: CopyParams, boilerplate: re.Pattern | None) -> list[Unit]:
    """The report's prose units: paragraphs left with at least `min_chars` characters after
    boilerplate removal, then (with `sections`) one unit per section of two or more of them."""
    names: list[str] = []
    if p.mask_agency:
        for name in (report.agency, (report.manifest or {}).get("agency"), (report.text_meta or {}).get("agency")):
            if isinstance(name, str) and name.strip():
                names += [_WS.sub("", name), agency_key(name)]
        names = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    paras: list[Unit] = []
    for para in report.paragraphs:
        text = _WS.sub("", para.text)
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


# --- MinHash and LSH (numpy) ---------------------------------------------------------------------

_U64 = np.uint64


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits of a 64-bit array (wrapping arithmetic)."""
    z = z ^ (z >> _U64(30))
    z = z * _U64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> _U64(27))
    z = z * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def shingle_hashes(norms: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every character k-gram of every text, concatenated, and each text's start
    offset in that array. A text shorter than k contributes one hash (of the whole text)."""
    if not norms:
        return np.zeros(0, dtype=_U64), np.zeros(0, dtype=np.int64)
    padded = [s if len(s) >= k else s + "\0" * (k - len(s)) for s in norms]
    lens = np.fromiter((len(s) for s in padded), dtype=np.int64, count=len(padded))
    cps = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    n = len(cps) - k + 1
    h = np.zeros(n, dtype=_U64)
    for j in range(k):  # polynomial hash of cps[i : i + k], wrapping at 2**64
        h = h * _U64(0x100000001B3) + cps[j : j + n]
    counts = lens - k + 1
    offsets = np.concatenate(([0], np.cumsum(lens)[:-1]))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    pos = np.repeat(offsets - starts, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    return _mix64(h[pos]), starts


def minhash_signatures(norms: Sequence[str], k: int, num_perm: int, seed: int, chunk: int = 8192) -> np.ndarray:
    """MinHash signatures (len(norms) × num_perm, uint32) of the k-gram sets, with multiply-shift
    hash functions ((a·x + b) mod 2**64) >> 32 on the 64-bit k-gram hashes."""
    hashes, starts = shingle_hashes(norms, k)
    out = np.empty((len(norms), num_perm), dtype=np.uint32)
    if not len(norms):
        return out
    rng = np.random.default_rng(seed)
    a = (rng.integers(0, 2**62, num_perm, dtype=np.uint64) << _U64(1)) | _U64(1)
    b = rng.integers(0, 2**62, num_perm, dtype=np.uint64)
    ends = np.append(starts[1:], len(hashes))
    u = 0
    while u < len(norms):  # chunks of whole units, about `chunk` k-grams each
        v = int(np.searchsorted(ends, starts[u] + chunk, side="right"))
        v = max(v, u + 1)
        lo, hi = int(starts[u]), int(ends[v - 1])
        block = ((hashes[lo:hi, None] * a[None, :] + b[None, :]) >> _U64(32)).astype(np.uint32)
        out[u:v] = np.minimum.reduceat(block, starts[u:v] - lo, axis=0)
        u = v
    return out


def unit_signatures(units: Sequence[Unit], k: int, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures of prose units. Paragraphs are sketched directly; a section's shingles are
    the union of its paragraphs' and the k-grams across their boundaries, and the MinHash of a union
    is the minimum of the MinHashes, so a section costs only its boundaries (same result as sketching
    its text, half the work)."""
    para_at = {(u.report_id, u.paras[0]): i for i, u in enumerate(units) if u.kind == "paragraph"}
    texts = [u.norm for u in units if u.kind == "paragraph"]
    row = {i: n for n, i in enumerate(i for i, u in enumerate(units) if u.kind == "paragraph")}
    members: list[tuple[int, list[int]]] = []  # (unit index, rows of its paragraphs and boundaries)
    for i, u in enumerate(units):
        if u.kind == "paragraph":
            continue
        rows, prev = [], None
        for j in u.paras:
            para = units[para_at[(u.report_id, j)]]
            rows.append(row[para_at[(u.report_id, j)]])
            if prev is not None:
                rows.append(len(texts))
                texts.append(prev.norm[-(k - 1) :] + para.norm[: k - 1])
            prev = para
        members.append((i, rows))
    atoms = minhash_signatures(texts, k, num_perm, seed)
    out = np.empty((len(units), num_perm), dtype=np.uint32)
    for i, n in row.items():
        out[i] = atoms[n]
    for i, rows in members:
        out[i] = atoms[rows].min(axis=0)
    return out


def _area(ys: np.ndarray, xs: np.ndarray) -> float:
    return float(((ys[1:] + ys[:-1]) * np.diff(xs)).sum() / 2)


@lru_cache(maxsize=64)
def lsh_bands(threshold: float, num_perm: int, fp_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows) with bands·rows ≤ num_perm minimising the weighted areas of false positives
    below `threshold` and false negatives above it (datasketch's choice, integrated with numpy)."""
    fn_weight = 1 - fp_weight
    best, best_err = (1, num_perm), float("inf")
    xs_lo = np.linspace(0, threshold, 201)
    xs_hi = np.linspace(threshold, 1, 201)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _area(1 - (1 - xs_lo**r) ** b, xs_lo)
            fn = _area((1 - xs_hi**r) ** b, xs_hi)
            err = fp_weight * fp + fn_weight * fn
            if err < best_err - 1e-12:
                best, best_err = (b, r), err
    return best


def lsh_candidates(sig: np.ndarray, bands: int, rows: int, salt: np.ndarray | None = None, cap: int = 50) -> np.ndarray:
    """Pairs (i, j), i < j, of rows of `sig` that agree on every row of at least one band.
    `salt` (one int per row) keeps rows with different salts apart. Rows are taken in order: a
    bucket's member is paired with at most the first `cap` members before it, so a passage shared
    by thousands of reports costs O(n·cap) pairs, not O(n²)."""
    n = len(sig)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    base = _mix64(salt.astype(_U64)) if salt is not None else np.zeros(n, dtype=_U64)
    found: list[np.ndarray] = []
    for band in range(bands):
        key = base.copy()
        for col in range(band * rows, (band + 1) * rows):
            key = _mix64(key ^ sig[:, col].astype(_U64) ^ _U64(col))
        order = np.argsort(key, kind="stable")
        ks = key[order]
        new = np.empty(n, dtype=bool)
        new[0] = True
        np.not_equal(ks[1:], ks[:-1], out=new[1:])
        gid = np.cumsum(new) - 1
        start = np.flatnonzero(new)
        rank = np.arange(n) - start[gid]
        top = min(int(rank.max()), cap)
        for i in range(top):
            m = rank > i
            first = order[start[gid[m]] + i]
            found.append(first * n + order[m])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n, codes % n), axis=1)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset, b: frozenset) -> float:
    """Share of a's shingles found in b."""
    return len(a & b) / len(a) if a else 0.0


# --- the rule kind -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Match:
    mine: Unit
    theirs: Unit
    similarity: float
    covers: tuple[int, ...]  # my prose paragraphs this match shows to be copied


def _para_chars(units: list[Unit]) -> dict[int, int]:
    return {u.paras[0]: u.chars for u in units if u.kind == "paragraph"}


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _excerpt(text: str, n: int = 40) -> str:
    text = text.replace("\n", " ")
    return text[:n] + ("…" if len(text) > n else "")


@register("copied_text")
class CopiedText(RuleKind):
    Params = CopyParams
    doc = "prose copied from another agency's report or reused from last year's; tables identical to last year's"
    params: CopyParams

    def check_params(self, templates, rules_dir) -> None:
        p = self.params
        for pat in p.boilerplate:
            try:
                re.compile(pat)
            except re.error as exc:
                raise ParamError("boilerplate", f"bad pattern '{pat}': {exc}") from exc
            if re.compile(pat).fullmatch(""):
                raise ParamError("boilerplate", f"pattern '{pat}' matches the empty string")
        if p.min_chars < p.shingle:
            raise ParamError("min_chars", f"min_chars ({p.min_chars}) must be at least the shingle size ({p.shingle})")
        if p.compare == "tables" and not p.tables:
            raise ParamError("tables", "compare 'tables' needs at least one table")

    @cached_property
    def _boilerplate(self) -> re.Pattern | None:
        return _boilerplate_regex(self.params.boilerplate)

    def _units(self, ctx: RunContext, report: Report) -> list[Unit]:
        """Prose units of a report, cached on the run context (rules with equal text params share them)."""
        p = self.params
        key = (p.shingle, p.min_chars, p.fold_digits, p.mask_agency, p.sections, p.boilerplate)
        cache = ctx.__dict__.setdefault("_copied_text_units", {}).setdefault(key, {})
        ident = id(report)
        if ident not in cache:
            cache[ident] = (report, prose_units(report, p, self._boilerplate))
        return cache[ident][1]

    def evaluate(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        if self.params.compare == "agencies":
            yield from self._across_agencies(ctx, report_ids)
        elif self.params.compare == "previous_year":
            yield from self._previous_year(ctx, report_ids)
        else:
            yield from self._tables(ctx, report_ids)

    # -- shared ---------------------------------------------------------------------------------

    @staticmethod
    def _no_prose(rid: str) -> Hit:
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

    def _source_entry(
        self, report: Report, para_chars: dict[int, int], matches: list[_Match], prose: int
    ) -> tuple[dict, set[int]]:
        """One source's entry in `details["sources"]` and the set of my prose paragraphs it covers."""
        best: dict[tuple[str, tuple[int, ...]], _Match] = {}
        covered: set[int] = set()
        for m in matches:
            covered.update(m.covers)
            key = (m.mine.kind, m.mine.paras)
            if key not in best or m.similarity > best[key].similarity:
                best[key] = m
        by_para = {m.mine.paras for m in best.values() if m.mine.kind == "paragraph"}
        shown = [m for m in best.values() if m.mine.kind == "paragraph" or not all((i,) in by_para for i in m.covers)]
        shown.sort(key=lambda m: (m.mine.line, m.mine.kind != "paragraph"))
        chars = sum(para_chars[i] for i in covered)
        entry = {
            "report_id": report.report_id,
            "agency": report.agency,
            "file": report.file,
            "year": report.year,
            "published": report.published,
            "share": round(chars / prose, 4) if prose else 0.0,
            "chars": chars,
            "pairs": [
                {
                    "unit": m.mine.kind,
                    "section": m.mine.section,
                    "mine": {"line": m.mine.line, "text": m.mine.text},
                    "theirs": {"line": m.theirs.line, "text": m.theirs.text},
                    "similarity": round(m.similarity, 4),
                }
                for m in shown[: self.params.max_pairs]
            ],
            "pairs_total": len(shown),
        }
        return entry, covered

    def _match(self, mine: Unit, theirs: Unit, sim: float, my_paras: dict[int, Unit]) -> _Match | None:
        """A confirmed pair. A section pair covers only those of my paragraphs whose shingles are
        mostly (≥ `similarity`) found in their section: a section copied but re-paragraphed counts,
        an own paragraph that happens to sit in that section does not."""
        if mine.kind == "paragraph":
            return _Match(mine, theirs, sim, mine.paras)
        k, t = self.params.shingle, theirs.shingles(self.params.shingle)
        covers = tuple(i for i in mine.paras if containment(my_paras[i].shingles(k), t) >= self.params.similarity)
        return _Match(mine, theirs, sim, covers) if covers else None

    # -- across agencies ------------------------------------------------------------------------

    def _across_agencies(self, ctx: RunContext, report_ids: list[str]) -> Iterable[Hit]:
        p = self.params
        reports = {rid: ctx.reports[rid] for rid in report_ids}
        per_report = {rid: self._units(ctx, r) for rid, r in reports.items()}
        for rid in sorted(report_ids):
            if not per_report[rid]:
                yield self._no_prose(rid)
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
        found: dict[tuple[str, str], list[_Match]] = defaultdict(list)
        for i, j in cand.tolist():
            ua, ub = units[i], units[j]
            a, b = ua.shingles(p.shingle), ub.shingles(p.shingle)
            if min(len(a), len(b)) < p.similarity * max(len(a), len(b)):
                continue  # Jaccard ≤ |small| / |large|
            sim = jaccard(a, b)
            if sim < p.similarity:
                continue
            pa, pb = reports[ua.report_id].published, reports[ub.report_id].published
            if not (pa and pb and pa < pb) and (m := self._match(ua, ub, sim, my_paras[ua.report_id])):
                found[(ua.report_id, ub.report_id)].append(m)  # ua is not the earlier one: ua copied (or unknown)
            if not (pa and pb and pb < pa) and (m := self._match(ub, ua, sim, my_paras[ub.report_id])):
                found[(ub.report_id, ua.report_id)].append(m)
        by_mine: dict[str, dict[str, list[_Match]]] = defaultdict(dict)
        for (mine, theirs), ms in found.items():
            by_mine[mine][theirs] = ms
        for rid in sorted(by_mine):
            para_chars = _para_chars(per_report[rid])
            prose = sum(para_chars.values())
            sources, covered = [], set()
            for theirs, ms in by_mine[rid].items():
                entry, cov = self._source_entry(reports[theirs], para_chars, ms, prose)
                sources.append(entry)
                covered |= cov
            sources.sort(key=lambda e: (-e["share"], e["report_id"]))
            chars = sum(para_chars[i] for i in covered)
            share = chars / prose if prose else 0.0
            if share < p.min_share or not sources:
                continue
            first = min((pr for e in sources for pr in e["pairs"]), key=lambda pr: pr["mine"]["line"])
            yield Hit(
                report_id=rid,
                section=first["section"] or None,
                line=first["mine"]["line"],
                raw=first["mine"]["text"],
                expected=f"与其他单位报告雷同不超过{_pct(p.min_share)}",
                found=f"雷同{_pct(share)}（{chars}/{prose}字）",
                params={
                    "share": _pct(share),
                    "copied_chars": chars,
                    "prose_chars": prose,
                    "n_sources": len(sources),
                    "sources": "；".join(
                        f"{e['agency'] or e['file']}（{e['file']}，{_pct(e['share'])}）" for e in sources[:3]
                    )
                    + ("等" if len(sources) > 3 else ""),
                    "sources_en": "; ".join(
                        f"{e['agency'] or e['file']} ({e['file']}, {_pct(e['share'])})" for e in sources[:3]
                    )
                    + (" and others" if len(sources) > 3 else ""),
                    "excerpt": _excerpt(first["mine"]["text"]),
                },
                details={"share": round(share, 4), "prose_chars": prose, "copied_chars": chars, "sources": sources},
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
                yield self._no_prose(rid)
                continue
            para_chars = _para_chars(mine)
            my_paras = {u.paras[0]: u for u in mine if u.kind == "paragraph"}
            matches = []
            their_sets = [(t, t.shingles(p.shingle, keep=False)) for t in theirs]
            for u in mine:
                a = u.shingles(p.shingle, keep=False)
                for t, b in their_sets:
                    if t.kind != u.kind or min(len(a), len(b)) < p.similarity * max(len(a), len(b)):
                        continue
                    sim = jaccard(a, b)
                    if sim >= p.similarity and (m := self._match(u, t, sim, my_paras)):
                        matches.append(m)
            if not matches:
                continue
            prose = sum(para_chars.values())
            entry, covered = self._source_entry(prev, para_chars, matches, prose)
            share = entry["share"]
            if share < p.min_share:
                continue
            sections = []
            for sec in sorted({u.section or 0 for u in mine if u.kind == "paragraph"}):
                idx = [u.paras[0] for u in mine if u.kind == "paragraph" and (u.section or 0) == sec]
                total = sum(para_chars[i] for i in idx)
                same = sum(para_chars[i] for i in idx if i in covered)
                sections.append({"section": sec or None, "share": round(same / total, 4), "chars": total})
            first = entry["pairs"][0]
            yield Hit(
                report_id=rid,
                section=first["section"] or None,
                line=first["mine"]["line"],
                raw=first["mine"]["text"],
                expected=f"沿用上年报告文字不超过{_pct(p.min_share)}",
                found=f"沿用{_pct(share)}（{entry['chars']}/{prose}字）",
                params={
                    "share": _pct(share),
                    "copied_chars": entry["chars"],
                    "prose_chars": prose,
                    "prev_year": prev.year,
                    "prev_file": prev.file,
                    "excerpt": _excerpt(first["mine"]["text"]),
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
            names_zh = "、".join(_TABLE_ZH[c["table"]] for c in compared)
            names_en = ", ".join(_TABLE_EN[c["table"]] for c in compared)
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
