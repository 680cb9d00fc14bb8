"""`python -m tests.forms --out DIR [--only NAME]...` (from the repository root): every form of every
demo text report written as `DIR/<form>/<report-stem>.txt|.md`, the PDF and HTML twins they were
made from in `DIR/_twins/`, and `DIR/INDEX.md` listing the tool versions, the crawler's stray spaces
and the OCR changes. `--only` takes a form name (`crawler`, `pdftotext-layout`, …) or a demo report
(file name or stem, `01_clean_qinghe_scjgj_2022`); give it several times to combine."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tests.forms import FORMS, all_forms_with_details, demo_reports, heading_style, report_seed
from tests.forms.pdf import converter_versions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.forms", description=__doc__)
    ap.add_argument("--out", required=True, type=Path, help="folder to write the forms into")
    ap.add_argument("--only", action="append", default=[], metavar="NAME", help="a form name or a demo report")
    args = ap.parse_args(argv)

    reports = demo_reports()
    forms: set[str] = set()
    picked: list[str] = []
    for name in args.only:
        if name in FORMS:
            forms.add(name)
            continue
        hits = [r for r in reports if name in (r, Path(r).stem)]
        if not hits:
            ap.error(f"--only {name}: neither a form ({', '.join(FORMS)}) nor a demo report")
        picked += hits
    reports = picked or reports
    out: Path = args.out
    twins = out / "_twins"
    index = ["# Forms of the demo reports", "", "Made by `python -m tests.forms`.", ""]
    index += [f"- {k}: {v}" for k, v in converter_versions().items()] + [""]
    for report in reports:
        t0 = time.perf_counter()
        got = all_forms_with_details(report, twins, forms or None)
        stem = Path(report).stem
        for form, text in got.texts.items():
            path = out / form / f"{stem}{FORMS[form]}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        index.append(f"## {stem}")
        index.append("")
        index.append(f"- seed {report_seed(report)}; markdown-headings style `{heading_style(report)}`")
        if got.crawler is not None:
            index.append("- crawler stray spaces: " + "; ".join(f"{a} → {b}" for a, b in got.crawler.strays))
        for form, changes in got.ocr.items():
            index.append(f"- {form}:")
            index += [f"  - line {c.line} {c.kind}: {c.before!r} → {c.after!r}" for c in changes]
        index.append("")
        print(f"{stem}: {len(got.texts)} forms in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    (out / "INDEX.md").write_text("\n".join(index), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
