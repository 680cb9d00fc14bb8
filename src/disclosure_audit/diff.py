"""Compare two runs (their findings.json): per agency and year, findings new / fixed / persisting,
and score and rank changes (the rank within the year). A finding is the same across runs when its
rule and place are (see engine.history.fingerprint): line numbers shift when an agency edits its
text, the fault does not."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .core.context import agency_key
from .engine.history import fingerprint


@dataclass
class ReportDiff:
    key: str
    agency: str
    year: int | None
    old_score: float | None
    new_score: float | None
    old_rank: int | None
    new_rank: int | None
    new: list[dict] = field(default_factory=list)
    fixed: list[dict] = field(default_factory=list)
    persisting: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        def brief(fs: list[dict]) -> list[dict]:
            return [
                {"rule_id": f["rule_id"], "message": f["message"]["zh"], "location": f["location"]["label"]} for f in fs
            ]

        return {
            "agency": self.agency,
            "year": self.year,
            "old_score": self.old_score,
            "new_score": self.new_score,
            "old_rank": self.old_rank,
            "new_rank": self.new_rank,
            "new": brief(self.new),
            "fixed": brief(self.fixed),
            "persisting": brief(self.persisting),
        }


def load_run(path: Path) -> dict:
    path = Path(path)
    if path.is_dir():
        path = path / "findings.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _key(r: dict) -> str:
    name = r.get("agency") or r["report_id"]
    return f"{agency_key(name)}|{r.get('year')}"


def _rank(r: dict) -> int | None:
    """The rank within the report's year (schema 1.3); a run written before that has only the
    run-wide rank, which for a one-year run is the same."""
    return r["year_rank"] if "year_rank" in r else r["rank"]


def diff_runs(old: dict, new: dict) -> list[ReportDiff]:
    a = {_key(r): r for r in old["reports"]}
    b = {_key(r): r for r in new["reports"]}
    out = []
    for key in sorted(set(a) | set(b)):
        ra, rb = a.get(key), b.get(key)
        ref = rb or ra
        d = ReportDiff(
            key,
            ref.get("agency") or ref["report_id"],
            ref.get("year"),
            ra and ra["score"],
            rb and rb["score"],
            ra and _rank(ra),
            rb and _rank(rb),
        )
        fa = {fingerprint(f): f for f in (ra or {}).get("findings", []) if f["outcome"] == "failed"}
        fb = {fingerprint(f): f for f in (rb or {}).get("findings", []) if f["outcome"] == "failed"}
        d.new = [fb[k] for k in sorted(set(fb) - set(fa))]
        d.fixed = [fa[k] for k in sorted(set(fa) - set(fb))]
        d.persisting = [fb[k] for k in sorted(set(fa) & set(fb))]
        out.append(d)
    return out


def format_text(diffs: list[ReportDiff]) -> str:
    lines = [f"{'agency':<24} {'year':>4}  {'score':>13}  {'rank':>9}  new fixed kept"]
    for d in diffs:
        score = f"{_n(d.old_score)}→{_n(d.new_score)}"
        rank = f"{d.old_rank or '—'}→{d.new_rank or '—'}"
        lines.append(
            f"{d.agency[:24]:<24} {d.year or '—':>4}  {score:>13}  {rank:>9}  "
            f"{len(d.new):>3} {len(d.fixed):>5} {len(d.persisting):>4}"
        )
        for tag, fs in (("+", d.new), ("-", d.fixed)):
            for f in fs:
                lines.append(f"    {tag} {f['rule_id']}: {f['message']['zh']}")
    return "\n".join(lines)


def _n(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"
