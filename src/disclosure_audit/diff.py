"""Compare two runs (their findings.json): per agency and year, findings new / fixed / persisting,
and score and rank changes (the rank within the year). A finding is the same across runs when its
rule and place are (see engine.history.fingerprint): line numbers shift when an agency edits its
text, the fault does not."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .engine.history import fingerprint
from .zhtext.orgs import agency_key
from .zhtext.width import clip, pad


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
                {"rule_id": f["rule_id"], "message": f["message"]["zh"], "location": f.get("location", {}).get("label")}
                for f in fs
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


class RunFileError(ValueError):
    """A run that cannot be compared: what is wrong with it, in one line, naming the file."""


def load_run(path: Path) -> dict:
    """A run's findings.json (given as the file or its output folder), checked enough to be diffed."""
    path = Path(path)
    if path.is_dir():
        if not (path / "findings.json").is_file():
            raise RunFileError(f"{path}: no findings.json in this folder (is it a run's output folder?)")
        path = path / "findings.json"
    elif not path.exists():
        raise RunFileError(f"{path}: no such file or folder")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RunFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise RunFileError(f"{path}: not a findings.json (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise RunFileError(f"{path}: not a findings.json (invalid JSON at line {exc.lineno})") from None
    reports = doc.get("reports") if isinstance(doc, dict) else None
    if not isinstance(reports, list):
        raise RunFileError(f"{path}: not a findings.json of disclosure-audit (no list of reports)")
    for i, r in enumerate(reports, start=1):
        if not isinstance(r, dict) or not {"report_id", "score", "rank"} <= set(r):
            raise RunFileError(f"{path}: report {i} lacks report_id, score or rank")
        findings = r.get("findings", [])
        if not isinstance(findings, list) or not all(_finding_ok(f) for f in findings):
            raise RunFileError(f"{path}: report {i} ({r['report_id']}) has a finding without rule, outcome or message")
    return doc


def _finding_ok(f: object) -> bool:
    return (
        isinstance(f, dict)
        and isinstance(f.get("rule_id"), str)
        and "outcome" in f
        and isinstance(f.get("message"), dict)
        and isinstance(f["message"].get("zh"), str)
        and isinstance(f.get("location", {}), dict)
    )


def _key(r: dict) -> str:
    """Agency and year; for a report that names no agency, its file: the file's path is the same in
    runs before and after report ids became paths (`x` then, `x.txt` now)."""
    name = r.get("agency") or str(r.get("file") or r["report_id"]).replace("\\", "/")
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
    """A table whose columns line up in a terminal with Chinese agency names (two cells a character)."""
    head = f"{pad('agency', 24)} {pad('year', 4, True)}  {pad('score', 13, True)}  {pad('rank', 9, True)}"
    lines = [f"{head}  new fixed kept"]
    for d in diffs:
        score = f"{_n(d.old_score)}→{_n(d.new_score)}"
        rank = f"{d.old_rank or '—'}→{d.new_rank or '—'}"
        lines.append(
            f"{pad(clip(d.agency, 24), 24)} {pad(str(d.year or '—'), 4, True)}  {pad(score, 13, True)}  "
            f"{pad(rank, 9, True)}  {len(d.new):>3} {len(d.fixed):>5} {len(d.persisting):>4}"
        )
        for tag, fs in (("+", d.new), ("-", d.fixed)):
            for f in fs:
                lines.append(f"    {tag} {f['rule_id']}: {f['message']['zh']}")
    return "\n".join(lines)


def _n(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"
