#!/usr/bin/env python3
"""Generate a corpus of realistic, invented annual reports with injected defects and their ground truth.

    python benchmarks/generate.py --n N --seed S --out DIR [--formats txt,md,html,docx,pdf]
                                  [--defect-rate R] [--start K] [--jobs J]

`--count` is an alias of `--n`. `--formats` takes names (equal shares) or shares such as
`txt=70,md=10,html=10,docx=5,pdf=5`. Report i (K ≤ i < K+N) depends on (seed, i) alone, so a batch can be
rebuilt by itself, and the same arguments give the same bytes. Reports mix the 2019 trial format (years
2019–2020) and the 2021 format (2021–2024), agencies of three levels (部门, 政府, 乡镇街道; names from
benchmarks/data/names.yaml) and every text layout the reader supports: tab cells, full-width indented
tab cells, tsv, pipe, markdown, `pdftotext -layout` text, a crawler's one-line page, a PDF-to-markdown
converter's output (tools/demo_layouts.py, tools/demo_forms.py), and HTML pages, Word files and text
PDFs drawn from the report (benchmarks/corpus_documents.py). Every figure is random but every identity
of the format holds (tools/demo_model.py computes the totals). A fraction R of the reports (seeded)
carries one defect (benchmarks/corpus_defects.py).

Speed (CPU time per process, measured on the shared 2-core machine): text and markdown about 290
reports/s (100k text reports ≈ 6 min, ≈ 3 min with --jobs 2); HTML about 40/s, Word about 16/s, PDF
about 10/s (each is drawn from the report's own reading, and PDF layout is reportlab's).

DIR/ground_truth.json:
    {"reports": {file: [{"rule_id", "table", "row", "column", "section", "outcome", "cells"}, …]},
     "meta": {file: {template, year, agency, level, published, format, layout, encoding, defect}},
     "generator": {seed, start, count, defect_rate, formats, headings}}
A report's list is `[]` when it is clean. A file name is the path relative to DIR, as the auditor names
reports. An entry's place is a cell (table, row, column), an identity's instance (a row or a column of
its table) or a section (table, row, column null); `cells` lists the cells a finding that names a whole
table (BLANK-TOTAL, BLANK-CELL, not-evaluable identities) must list.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tools")]

from corpus_defects import Injected, inject  # noqa: E402
from corpus_figures import active, appeals, requests  # noqa: E402
from corpus_names import Agency, agency  # noqa: E402
from corpus_prose import prose  # noqa: E402
from demo_forms import ConverterForm, CrawlerForm, LayoutForm  # noqa: E402
from demo_layouts import EXTRACTOR_LAYOUT, encode, facts, render  # noqa: E402
from demo_model import HEADINGS, Report, build_grids, preamble  # noqa: E402

# the text layouts of each text format; a document format is drawn from a tabcell text report
LAYOUTS = {
    "txt": ("tabcell", "fullwidth", "tsv", "pipe", "pdflayout", "crawler"),
    "md": ("markdown", "mdconvert"),
    "html": ("tabcell",),
    "docx": ("tabcell",),
    "pdf": ("tabcell",),
}
DOCUMENTS = ("html", "docx", "pdf")
ENCODINGS = ("utf-8",) * 6 + ("utf-8-sig", "gb18030")
YEARS = (2019, 2020, 2021, 2022, 2023, 2024)


@dataclasses.dataclass(frozen=True)
class Generated:
    file: str
    data: bytes
    meta: dict
    defect: Injected | None


def parse_formats(text: str) -> dict[str, float]:
    """`txt,md` (equal shares) or `txt=70,md=10,html=10,docx=5,pdf=5` (shares, any scale) → format → share."""
    shares: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _, weight = part.partition("=")
        name = name.strip()
        if name not in LAYOUTS:
            raise ValueError(f"unknown format {name!r}; choose from {', '.join(LAYOUTS)}")
        try:
            share = float(weight) if weight else 1.0
        except ValueError:
            raise ValueError(f"share of {name!r} is not a number: {weight!r}") from None
        if share < 0 or name in shares:
            raise ValueError(f"format {name!r}: a share must be ≥ 0 and given once")
        shares[name] = share
    if not shares or sum(shares.values()) <= 0:
        raise ValueError("no format with a share above 0")
    return shares


def _format(formats: dict[str, float], template: str, injected: Injected | None, rng: random.Random) -> tuple[str, str]:
    names = sorted(formats)
    fmt = rng.choices(names, weights=[formats[n] for n in names])[0]
    choices = list(LAYOUTS[fmt])
    if template != "2019":  # the pdftotext drawing fits 2019's row labels only (2021's 其他处理 run long)
        choices = [c for c in choices if c != "pdflayout"]
    if injected is not None and injected.no_blank_layouts:
        choices = [c for c in choices if c not in ("pipe", "crawler")] or choices
    return fmt, rng.choice(choices)


def _signed(year: int, level: str, rng: random.Random) -> str:
    """A signature date before the level's deadline (rules/deadlines.yaml: 部门 31 January, 政府 and
    乡镇街道 31 March): most bodies publish in the last weeks before it."""
    if level == "部门":
        return f"{year + 1}年1月{rng.randint(8, 31)}日"
    month = rng.choices((1, 2, 3), weights=(3, 3, 4))[0]
    return f"{year + 1}年{month}月{rng.randint(5, 28 if month == 2 else 31)}日"


DEADLINE = {"部门": (1, 31), "政府": (3, 31), "乡镇街道": (3, 31)}  # rules/deadlines.yaml, default


def _late(year: int, level: str, days: int) -> str:
    month, day = DEADLINE[level]
    d = datetime.date(year + 1, month, day) + datetime.timedelta(days=days)
    return f"{d.year}年{d.month}月{d.day}日"


def _form(layout: str, who: Agency, year: int, signed: str, rng: random.Random):
    """The settings of a real-world text form (tools/demo_forms.py), drawn from the report's rng."""
    if layout == "crawler":
        y, rest = signed.split("年")
        m, d = rest.rstrip("日").split("月")
        published = f"{int(y):04d}-{int(m):02d}-{int(d):02d} {rng.randint(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        return CrawlerForm(
            published=published,
            url=f"http://www.example.gov.cn/xxgk/{who.slug}/ndbg/{int(y)}{int(m):02d}/t{rng.randrange(10**7):07d}.html",
            breadcrumb=rng.choice(
                ("当前位置：首页 > 政务公开 > 政府信息公开年报 ", "您现在的位置：首页 > 信息公开 > 年度报告 ")
            ),
            toolbar=rng.choice(("字号：大 中 小 分享到：微信 微博 ", "【字体：大 中 小】【打印】 ")),
            ending=rng.choice(("【我要纠错】【打印本页】【关闭窗口】", "扫一扫在手机打开当前页 返回顶部")),
        )
    if layout == "pdflayout":
        breaks = tuple(sorted(rng.sample(("heading:2", "heading:3", "heading:5", "heading:6"), 2)))
        return LayoutForm(running_header=f"{who.name}{year}年政府信息公开工作年度报告", breaks=breaks)
    if layout == "mdconvert":
        return ConverterForm(
            split_before=rng.choice(("unable.1", "not_processed.1", "denied.1")), footer=f"— {rng.randint(3, 6)} —"
        )
    return None


def _base(i: int, who: Agency, year: int, rng: random.Random) -> Report:
    template = "2019" if year <= 2020 else "2021"
    unit_in_cell = template == "2019" and rng.random() < 0.5
    return Report(
        file="",
        template=template,
        year=year,
        agency=who.name,
        layout="tabcell",
        title=(f"{who.name}{year}年政府信息公开工作年度报告",),
        signed=_signed(year, who.level, rng),
        preamble=preamble(template, year, parts=rng.random() < 0.5, site=f"{who.county}人民政府门户网站"),
        overall=(),
        problems=(),
        other=(),
        active=active(template, who.level, rng, procurement_unit_in_cell=unit_in_cell),
        requests=requests(template, who.level, rng),
        appeals=appeals(who.level, rng),  # type: ignore[arg-type]
        procurement_unit_header=template == "2019" and not unit_in_cell,
        wrap_headers=rng.random() < 0.3,
    )


def generate_one(seed: int, i: int, defect_rate: float, formats: dict[str, float]) -> Generated:
    rng = random.Random(f"report:{seed}:{i}")
    who = agency(seed, i)
    year = rng.choice(YEARS)
    report = _base(i, who, year, rng)
    injected = inject(build_grids(report), report.template, rng) if rng.random() < defect_rate else None
    if injected is not None and injected.late_days:
        report = dataclasses.replace(report, signed=_late(year, who.level, injected.late_days))
    fmt, layout = _format(formats, report.template, injected, rng)
    document = fmt in DOCUMENTS
    encoding = "utf-8" if document else rng.choice(ENCODINGS)
    changes: dict = {
        "file": f"r{i:05d}_{who.slug}_{year}.{fmt}",
        "layout": layout,
        "encoding": encoding,
        "crlf": not document and rng.random() < 0.15,
        "form": _form(layout, who, year, report.signed or "", rng),
    }
    if injected is not None:
        changes["overrides"] = tuple(injected.overrides)
        if injected.procurement_unit_header is not None:
            changes["procurement_unit_header"] = injected.procurement_unit_header
        if injected.drop_section is not None:
            changes["order"] = tuple(n for n in range(1, 7) if n != injected.drop_section)
        if injected.swap_sections is not None:
            a, b = injected.swap_sections
            changes["order"] = tuple(b if n == a else a if n == b else n for n in range(1, 7))
        if injected.arabic_heading is not None:
            n = injected.arabic_heading
            changes["headings"] = {n: f"{n}、{HEADINGS[n][2:]}"}
    report = dataclasses.replace(report, **changes)
    grids = build_grids(report)
    said = facts(grids)
    if injected is not None and injected.misstate_new_requests:
        said["req_new_total"] = str(int(said["req_new_total"]) + injected.misstate_new_requests)
    overall, problems, other = prose(who, year, said, rng)
    if injected is not None and injected.duplicate_paragraph:
        k = rng.randrange(1, len(overall))
        overall = (*overall[: k + 1], overall[k], *overall[k + 1 :])
    if injected is not None and injected.doubled_phrase:
        problems = (problems[0].replace("信息公开", "信息公开信息公开", 1), *problems[1:])
    report = dataclasses.replace(report, overall=overall, problems=problems, other=other)
    text = render(report, grids)
    if document:
        from corpus_documents import document as draw

        data = draw(fmt, report.file, text)
    else:
        data = encode(text, report)
    meta = {
        "template": report.template,
        "year": year,
        "agency": who.name,
        "level": who.level,
        "published": report.published,
        "format": fmt,
        "layout": fmt if document else EXTRACTOR_LAYOUT.get(layout, layout),
        "layout_variant": layout,
        "encoding": None if fmt in ("docx", "pdf") else encoding,
        "newline": "crlf" if report.crlf else "lf",
        "defect": None if injected is None else {"kind": injected.kind, "description": injected.description},
    }
    return Generated(report.file, data, meta, injected)


def _one(args: tuple) -> Generated:
    return generate_one(*args)


def _each(seed: int, indices: range, defect_rate: float, shares: dict[str, float], jobs: int):
    """The reports in index order; with jobs > 1 drawn by worker processes (report i depends on
    (seed, i) alone, so the bytes do not depend on the number of workers)."""
    work = ((seed, i, defect_rate, shares) for i in indices)
    if jobs <= 1 or len(indices) < 2:
        yield from map(_one, work)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(_one, work, chunksize=16)


def generate(
    out: Path,
    count: int,
    seed: int,
    *,
    start: int = 0,
    defect_rate: float = 0.5,
    formats: dict[str, float] | str = "txt,md",
    jobs: int = 1,
) -> dict:
    shares = parse_formats(formats) if isinstance(formats, str) else dict(formats)
    out.mkdir(parents=True, exist_ok=True)
    expected: dict[str, list[dict]] = {}
    meta: dict[str, dict] = {}
    for g in _each(seed, range(start, start + count), defect_rate, shares, jobs):
        (out / g.file).write_bytes(g.data)
        meta[g.file] = g.meta
        expected[g.file] = [e.to_json() for e in g.defect.expects] if g.defect is not None else []
    truth = {
        "generator": {
            "seed": seed,
            "start": start,
            "count": count,
            "defect_rate": defect_rate,
            "formats": shares,
            "headings": HEADINGS,
        },
        "reports": expected,
        "meta": meta,
    }
    text = json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / "ground_truth.json").write_text(text, encoding="utf-8", newline="\n")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", "--count", dest="count", type=int, required=True, help="number of reports")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--start", type=int, default=0, help="index of the first report (rebuild one batch alone)")
    parser.add_argument("--defect-rate", type=float, default=0.5)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (the output does not depend on it)")
    parser.add_argument(
        "--formats",
        default="txt,md",
        help=f"comma-separated from {','.join(LAYOUTS)}, each with an optional share: txt=70,md=10,html=10,pdf=10",
    )
    args = parser.parse_args(argv)
    try:
        formats = parse_formats(args.formats)
    except ValueError as exc:
        parser.error(str(exc))
    if not 0 <= args.defect_rate <= 1:
        parser.error("--defect-rate must lie in [0, 1]")
    if args.count < 0:
        parser.error("--n must be ≥ 0")
    t = time.perf_counter()
    truth = generate(
        args.out, args.count, args.seed, start=args.start, defect_rate=args.defect_rate, formats=formats, jobs=args.jobs
    )
    took = time.perf_counter() - t
    print(
        f"{args.count} reports ({sum(1 for v in truth['reports'].values() if v)} with a defect) in {args.out} "
        f"in {took:.2f} s ({args.count / took if took else 0:.0f} reports/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
