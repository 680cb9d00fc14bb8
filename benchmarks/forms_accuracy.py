"""How well every in-the-wild form of every demo report reads, against the report's own text version.

    python benchmarks/forms_accuracy.py [--out DIR] [--only FORM] [--detail]

For each form (pdftotext with and without -layout, -raw, a crawler's one-line text, markdown from
pymupdf4llm and markitdown, OCR-damaged copies; see tests/forms) and each demo text report, the
cells read from the form are compared with the cells read from the text report: `same` (raw text
and kind equal), `ambiguous` (the reader declined to choose), `wrong` (a different reading: the
number that matters), `lost` (a cell the text version has that the form did not yield). Also the
sections found and the agency. Prints one table; `--detail` lists every wrong cell.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.forms import FORMS, all_forms, demo_reports  # noqa: E402

from disclosure_audit.extract import extract_file  # noqa: E402

RULES = ROOT / "rules"


def compare(form_report, text_report) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for tkey, t in text_report.tables.items():
        ft = form_report.tables.get(tkey)
        for key, c in t.cells.items():
            if c.kind == "missing":
                continue
            f = ft.cells.get(key) if ft else None
            where = (tkey, *key)
            if f is None or f.kind == "missing":
                out["lost"].append((where, c.raw, None))
            elif f.kind == "ambiguous":
                out["ambiguous"].append((where, c.raw, f.candidates))
            elif (f.raw or "") == (c.raw or "") and f.kind == c.kind:
                out["same"].append(where)
            else:
                out["wrong"].append((where, c.raw, f.raw))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="forms-"))
    names = demo_reports()  # the reports in the generator's own layouts (not those already in a wild form)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    details: list[str] = []
    for name in names:
        text = extract_file(ROOT / "reports_in" / name, RULES)
        forms = all_forms(name, out / "_tmp")
        for form, body in forms.items():
            if args.only and form not in args.only:
                continue
            path = out / form / (Path(name).stem + FORMS[form])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            rep = extract_file(path, RULES)
            res = compare(rep, text)
            tot = totals[form]
            for k in ("same", "ambiguous", "wrong", "lost"):
                tot[k] += len(res[k])
            tot["reports"] += 1
            want = {s.number for s in text.sections if s.number}
            got = {s.number for s in rep.sections if s.number}
            tot["sections_missed"] += len(want - got)
            tot["agency_differs"] += int((rep.agency or "") != (text.agency or ""))
            for w in res["wrong"]:
                details.append(f"{form:26} {name:32} {w[0]} text={w[1]!r} form={w[2]!r}")
            for w in res["lost"]:
                details.append(f"{form:26} {name:32} {w[0]} text={w[1]!r} LOST")
    cols = ["reports", "same", "ambiguous", "wrong", "lost", "sections_missed", "agency_differs"]
    print(f"{'form':26} " + " ".join(f"{c:>15}" for c in cols))
    for form in sorted(totals):
        print(f"{form:26} " + " ".join(f"{totals[form][c]:>15}" for c in cols))
    if args.detail:
        print("\n".join(details))


if __name__ == "__main__":
    main()
