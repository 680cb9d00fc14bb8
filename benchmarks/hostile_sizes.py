"""Benchmark: reading and auditing time versus input size for each hostile input of issue 11.

Not a test: prints a table and writes benchmarks/hostile_sizes.md. Each input is generated at
doubling sizes and read in a fresh subprocess (so the peak memory is that one input's, from
resource.getrusage), which also times the rules over the report when the cost was in a rule. Time
that doubles with the size is linear; time that quadruples is quadratic. A point that takes longer
than --timeout is killed, reported as such, and the larger sizes of that input are not tried.

The inputs:

* html-span-bomb: an HTML report whose table rows hold 5 cells of `rowspan="0" colspan="200"`;
* html-wide-grid: one row of cells whose spans ask for more columns than a table can have;
* docx-paragraphs: a DOCX whose document.xml is nothing but small paragraphs (a large, legal file);
* docx-vmerge: a DOCX table of 100 rows, each of its columns one vertical merge down all of them;
* text-lines: a plain-text report followed by a long run of short lines;
* text-headings: the same with every other line an extra heading (section lookup per line);
* preamble-wording: a missing section's words repeated on one line before the first heading;
* one-line-*: the demo report with one extra paragraph made of a single repeated piece — the CJK
  numeral 一, the numerals 一二三…十, `www.1`, digits, dots, spaces, full-width punctuation, （一）,
  `%`, 元, full-width digits, a narrative claim (办结申请1件，) or a total with its breakdown — read and
  audited (the cost there was in the rules' patterns);
* one-line-blank-run: a line `5`, a long run of spaces, `x` (the page-number pattern's worst case);
* one-line-doubled: one sentence of doubled phrases (政务公开政务公开，…), a finding each;
* crawler-1mb: the whole report on one line of about 1 MB, as a crawler saves a page.

The default run takes the inputs that were slow; --all adds those that never were (digits, dots,
spaces, full-width punctuation, （一）, %, 元, URL-ish text, claims, totals), kept as a guard.

Usage: python benchmarks/hostile_sizes.py [--sizes 3] [--timeout 60] [--all] [--only NAME ...] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "reports_in" / "01_clean_qinghe_scjgj_2022.txt"
TITLE = "青禾县市场监督管理局2022年政府信息公开工作年度报告"

# the child: read one file (and audit it alone when asked), print seconds and peak memory as JSON
_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
path, rules, audit = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
from disclosure_audit.extract import extract_file
from disclosure_audit.pipeline import audit_reports
t0 = time.perf_counter()
report = extract_file(path, rules)
t1 = time.perf_counter()
if audit:
    audit_reports([report], path.parent, rules)
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"extract": t1 - t0, "rules": t2 - t1, "peak_mb": peak}))
"""


@dataclass(frozen=True)
class Case:
    name: str
    unit: str  # what `size` counts
    first: int  # the smallest size; each next one doubles it
    make: Callable[[int, Path], Path]
    audit: bool  # also run the rules over the report
    why: str
    default: bool = True  # in the default run (the others with --all)


def _html(body: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><h1>{TITLE}</h1>{body}</body></html>"


def span_bomb(rows: int, out: Path) -> Path:
    cell = '<td rowspan="0" colspan="200">9</td>'
    page = _html("<table>" + "".join(f"<tr>{cell * 5}</tr>" for _ in range(rows)) + "</table>")
    path = out / "span_bomb.html"
    path.write_text(page, encoding="utf-8")
    return path


def wide_grid(cells: int, out: Path) -> Path:
    cell = '<td colspan="1000">9</td>'
    page = _html(f"<table><tr>{cell * cells}</tr><tr>{'<td>1</td>' * cells}</tr></table>")
    path = out / "wide_grid.html"
    path.write_text(page, encoding="utf-8")
    return path


def _docx(body_xml: str, out: Path, name: str) -> Path:
    """A minimal DOCX package around `body_xml` (the children of w:body)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{ns}"><w:body>'
            f"{body_xml}</w:body></w:document>"
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)
    path = out / name
    path.write_bytes(buf.getvalue())
    return path


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_paragraphs(megabytes: int, out: Path) -> Path:
    """`megabytes` MB of document.xml: the title, then small numbered paragraphs."""
    one = _p("本机关依法依规做好政府信息公开工作。")
    count = megabytes * 1024 * 1024 // len(one.encode())
    return _docx(_p(TITLE) + one * count, out, "paragraphs.docx")


def docx_vmerge(cols: int, out: Path) -> Path:
    """A table of 100 rows × `cols` columns, every column one vertical merge from top to bottom."""
    first = "<w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr>" + _p("9") + "</w:tc>"
    cont = "<w:tc><w:tcPr><w:vMerge/></w:tcPr>" + _p("") + "</w:tc>"
    table = f"<w:tbl><w:tr>{first * cols}</w:tr>" + f"<w:tr>{cont * cols}</w:tr>" * 99 + "</w:tbl>"
    return _docx(_p(TITLE) + table, out, "vmerge.docx")


def text_lines(megabytes: int, out: Path) -> Path:
    """The demo report, then short numbered lines up to `megabytes` MB."""
    base = BASE.read_text(encoding="utf-8")
    line = "本机关依法依规做好政府信息公开工作。\n"
    count = megabytes * 1024 * 1024 // len(line.encode())
    path = out / "big.txt"
    path.write_text(base + line * count, encoding="utf-8")
    return path


def text_headings(lines: int, out: Path) -> Path:
    """The demo report, then `lines` lines: every other one an extra heading (十、补充说明)."""
    base = BASE.read_text(encoding="utf-8")
    pair = "十、补充说明\n本机关依法依规做好政府信息公开工作。\n"
    path = out / "headings.txt"
    path.write_text(base + pair * (lines // 2), encoding="utf-8")
    return path


def preamble_wording(n: int, out: Path) -> Path:
    """A report without its 二、 heading whose first line repeats that section's wording `n` times,
    with no sentence end (where the missing section's words stand)."""
    lines = BASE.read_text(encoding="utf-8").splitlines()
    lines = [s for s in lines if not s.startswith("二、")]
    lines.insert(1, "主动公开政府信息情况" * n)
    path = out / "preamble.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one_line(piece: str) -> Callable[[int, Path], Path]:
    """The demo report with one extra paragraph in 总体情况: `piece` repeated `n` times."""

    def make(n: int, out: Path) -> Path:
        lines = BASE.read_text(encoding="utf-8").splitlines()
        at = next(i for i, s in enumerate(lines) if s.startswith("一、")) + 2
        lines.insert(at, piece * n)
        path = out / "one_line.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return make


def blank_run(n: int, out: Path) -> Path:
    """The demo report with a line `5`, `n` spaces, `x` (the page-number pattern's worst case)."""
    return _blank_line(n, out)


def _blank_line(n: int, out: Path) -> Path:
    lines = BASE.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "5" + " " * n + "x")
    path = out / "blank.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def crawler_line(megabytes: int, out: Path) -> Path:
    """The demo report's lines joined into one line, repeated to `megabytes` MB (a crawler's page)."""
    flat = " ".join(BASE.read_text(encoding="utf-8").split())
    count = max(1, megabytes * 1024 * 1024 // len(flat.encode()))
    path = out / "crawler.txt"
    path.write_text(" ".join([flat] * count) + "\n", encoding="utf-8")
    return path


CASES = [
    Case("html-span-bomb", "rows", 1000, span_bomb, False, "rowspan=0 colspan=200, 5 cells a row"),
    Case("html-wide-grid", "cells", 1000, wide_grid, False, "colspan=1000 cells in one row", False),
    Case("docx-paragraphs", "MB xml", 4, docx_paragraphs, False, "small paragraphs only"),
    Case("docx-vmerge", "columns", 50, docx_vmerge, False, "100 rows, every column merged down them all"),
    Case("text-lines", "MB", 4, text_lines, False, "short lines after the report"),
    Case("text-headings", "lines", 12500, text_headings, True, "every other line an extra heading"),
    Case("preamble-wording", "× 10 chars", 1250, preamble_wording, True, "a missing section's words, repeated"),
    Case("one-line-yi", "chars", 20000, one_line("一"), True, "一 × n"),
    Case("one-line-numerals", "× 10 chars", 2000, one_line("一二三四五六七八九十"), True, "一二三…十 × n"),
    Case("one-line-www", "× 5 chars", 8000, one_line("www.1"), True, "www.1 × n"),
    Case("one-line-blank-run", "spaces", 50000, blank_run, True, "5, n spaces, x (page-number pattern)"),
    Case("one-line-doubled", "× 9 chars", 2500, one_line("政务公开政务公开，"), True, "政务公开政务公开， × n"),
    Case("one-line-digits", "chars", 20000, one_line("1"), True, "1 × n", False),
    Case("one-line-digits-dots", "× 2 chars", 20000, one_line("1."), True, "1. × n", False),
    Case("one-line-dots", "chars", 20000, one_line("."), True, ". × n", False),
    Case("one-line-spaces", "chars", 20000, one_line("一 "), True, "一␠ × n", False),
    Case("one-line-fullwidth", "× 2 chars", 20000, one_line("，。"), True, "，。 × n", False),
    Case("one-line-ordinals", "× 3 chars", 10000, one_line("（一）"), True, "（一） × n", False),
    Case("one-line-percent", "× 2 chars", 20000, one_line("1%"), True, "1% × n", False),
    Case("one-line-yuan", "× 2 chars", 20000, one_line("1元"), True, "1元 × n", False),
    Case("one-line-url", "× 15 chars", 4000, one_line("http://a.b/c?d="), True, "http://a.b/c?d= × n", False),
    Case(
        "one-line-claims", "× 7 chars", 4000, one_line("办结申请1件，"), True, "办结申请1件， × n (one sentence)", False
    ),
    Case("one-line-totals", "× 10 chars", 4000, one_line("共公开1条，其中1条"), True, "共公开1条，其中1条 × n", False),
    Case("one-line-fw-digits", "chars", 20000, one_line("１"), True, "full-width １ × n", False),
    Case("crawler-1mb", "MB", 1, crawler_line, True, "the whole report on one line"),
]


# Measured with the same script on the code before the fix (commit 5d80f51), on the same machine.
BEFORE = """
## Before (commit 5d80f51, same script)

| input | size | extract s | rules s |
|---|---:|---:|---:|
| one-line-yi | 20000 chars | 0.12 | 27.97 |
| one-line-yi | 40000 chars | > 40 (killed) | |
| one-line-numerals | 2000 × 10 chars | 0.10 | 22.60 |
| one-line-numerals | 4000 × 10 chars | > 40 (killed) | |
| one-line-www | 8000 × 5 chars | 0.05 | 7.08 |
| one-line-www | 16000 × 5 chars | 0.07 | 24.55 |
| text-headings | 50000 lines | 38.91 | |
| text-headings | 100000 lines | > 60 (killed) | |
| preamble-wording (no sentence end, doubled) | 10000 × 10 chars | > 60 (killed; 16 GB at 20000) | |

The span bomb was already linear on main (coverage held as merged intervals since fadf040); what
changed there is that a grid beyond 1,000,000 positions is read without columns, with a note.
"""


def measure(case: Case, size: int, timeout: float) -> dict[str, float] | None:
    """Seconds and peak MB for one size, None when it ran past `timeout`."""
    with tempfile.TemporaryDirectory() as tmp:
        path = case.make(size, Path(tmp))
        cmd = [sys.executable, "-c", _CHILD, str(path), str(ROOT / "rules"), "1" if case.audit else "0"]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return None
        if done.returncode != 0:
            raise RuntimeError(f"{case.name} at {size}: {done.stderr[-2000:]}")
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        result["bytes"] = path.stat().st_size
        return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, default=3, help="doubling sizes per input")
    ap.add_argument("--all", action="store_true", help="also the inputs that were never slow (digits, dots…)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a point counts as a hang")
    ap.add_argument("--only", nargs="*", default=None, help="input names to run")
    ap.add_argument("--no-write", action="store_true", help="do not write benchmarks/hostile_sizes.md")
    args = ap.parse_args()
    rows = ["| input | size | file | extract s | rules s | peak MB |", "|---|---:|---:|---:|---:|---:|"]
    started = time.perf_counter()
    for case in CASES:
        if (args.only and case.name not in args.only) or (not args.only and not args.all and not case.default):
            continue
        for k in range(args.sizes):
            size = case.first * 2**k
            r = measure(case, size, args.timeout)
            if r is None:
                row = f"| {case.name} | {size} {case.unit} | | > {args.timeout:.0f} (killed) | | |"
            else:
                rules = f"{r['rules']:.2f}" if case.audit else "–"
                row = (
                    f"| {case.name} | {size} {case.unit} | {r['bytes'] / 1024:,.0f} KB | {r['extract']:.2f} | {rules} "
                    f"| {r['peak_mb']:.0f} |"
                )
            print(row, flush=True)
            rows.append(row)
            if r is None:
                break
    total = time.perf_counter() - started
    print(f"total {total:.0f} s")
    if not args.no_write:
        doc = ROOT / "benchmarks" / "hostile_sizes.md"
        head = (
            "# Hostile input sizes: time and memory versus size\n\n"
            "Generated by `.venv/bin/python benchmarks/hostile_sizes.py` (each point a fresh process; "
            "`extract` is reading the file, `rules` the audit of a folder holding only that report; peak MB "
            "is the process's maximum resident memory, about 100 MB of it the libraries). Linear growth: "
            "time doubles when the size doubles.\n\n"
        )
        doc.write_text(head + "\n".join(rows) + f"\n\nWhole run: {total:.0f} s.\n" + BEFORE, encoding="utf-8")


if __name__ == "__main__":
    main()
