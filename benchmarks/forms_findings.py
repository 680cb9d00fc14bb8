"""What the audit charges on every in-the-wild form of the demo reports, against their text versions.

    python benchmarks/forms_findings.py [--out DIR] [--only FORM] [--detail]

Each form's files (tests/forms) are audited together, as the text reports are (without the
manifest, on both sides). Per form: the deducting error findings on the clean reports (each is a
false error), and over all reports the deducting findings the form adds to what the text version
gets (`extra`: charged only because of the form) and those it loses (`missed`: not charged because
the form could not be read with certainty — they are not evaluable or sent for review instead).
A finding is identified by report, rule and place.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.forms import FORMS, all_forms, demo_reports  # noqa: E402

from disclosure_audit.pipeline import audit  # noqa: E402

RULES = ROOT / "rules"
CLEAN = ("01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt")


def charged(result) -> dict[str, set[tuple]]:
    """Report stem → the deducting failed findings (not waived, not awaiting review, weight > 0)."""
    weights = {r.spec.id: r.spec.weight for r in result.rules}
    out: dict[str, set[tuple]] = defaultdict(set)
    for f in result.findings:
        if f.outcome != "failed" or f.waived or f.review or weights.get(f.rule_id, 0) <= 0:
            continue
        stem = Path(result.reports[f.report_id].file).stem
        out[stem].add((f.rule_id, f.severity, f.table, f.row, f.column, f.section))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="forms-findings-"))
    names = demo_reports()
    text_dir = out / "text"
    text_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "reports_in" / name, text_dir / name)
    base = charged(audit(text_dir, RULES))
    per_form: dict[str, dict[str, str]] = defaultdict(dict)
    for name in names:
        for form, body in all_forms(name, out / "_tmp").items():
            if not args.only or form in args.only:
                per_form[form][name] = body
    print(f"{'form':26} {'false errors (clean)':>21} {'extra':>6} {'missed':>7}")
    details = []
    for form in sorted(per_form):
        d = out / form
        d.mkdir(parents=True, exist_ok=True)
        for name, body in per_form[form].items():
            (d / (Path(name).stem + FORMS[form])).write_text(body, encoding="utf-8")
        got = charged(audit(d, RULES))
        false_clean = sum(1 for name in CLEAN for f in got.get(Path(name).stem, ()) if f[1] == "error")
        extra = missed = 0
        for name in names:
            stem = Path(name).stem
            plus = got.get(stem, set()) - base.get(stem, set())
            minus = base.get(stem, set()) - got.get(stem, set())
            extra += len(plus)
            missed += len(minus)
            details += [f"{form:26} {stem:32} extra  {x}" for x in sorted(plus, key=str)]
            details += [f"{form:26} {stem:32} missed {x}" for x in sorted(minus, key=str)]
        print(f"{form:26} {false_clean:>21} {extra:>6} {missed:>7}")
    if args.detail:
        print("\n".join(details))


if __name__ == "__main__":
    main()
