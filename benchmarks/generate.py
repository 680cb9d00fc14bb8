#!/usr/bin/env python3
"""Generate a corpus of realistic, invented annual reports with injected defects and their ground truth.

    python benchmarks/generate.py --count N --seed S --out DIR [--defect-rate R] [--formats txt,md]
                                  [--start K]

Report i (K ≤ i < K+N) depends on (seed, i) alone, so a batch can be rebuilt by itself. Reports mix the
2019 trial format (years 2019–2020) and the 2021 format (2021–2024), agencies of three levels (部门,
政府, 乡镇街道) and the demo's text layouts; every figure is random but every identity of the format holds
(tools/demo_model.py computes the totals). A fraction R of the reports (seeded) carries one defect
(benchmarks/corpus_defects.py), recorded in DIR/ground_truth.json with the findings it must cause.
The reports are modelled and printed by the demo generator's own pieces (tools/demo_model.py,
tools/demo_layouts.py), so the corpus looks like the demo reports.

ground_truth.json: {"generator": {seed, start, count, defect_rate, formats},
                    "reports": {report id: {template, year, agency, level, layout, encoding, defect}},
                    "defects": [{report, kind, rule, outcome, location: {section, table, row, column}}]}
A report id is the file's path relative to DIR, as the auditor names reports. A defect's location is
a cell, an identity's instance or a section (see corpus_defects.py); a finding that lists several cells
(BLANK-TOTAL, BLANK-CELL, VAL-SUFFIX) matches a cell location when the cell is among its cells.
"""

from __future__ import annotations

import argparse
import dataclasses
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
from demo_layouts import EXTRACTOR_LAYOUT, encode, facts, render  # noqa: E402
from demo_model import HEADINGS, Report, build_grids, preamble  # noqa: E402

LAYOUTS = {"txt": ("tabcell", "fullwidth", "tsv", "pipe"), "md": ("markdown",)}
ENCODINGS = ("utf-8",) * 6 + ("utf-8-sig", "gb18030")
YEARS = (2019, 2020, 2021, 2022, 2023, 2024)


@dataclasses.dataclass(frozen=True)
class Generated:
    file: str
    data: bytes
    meta: dict
    defect: Injected | None


def _layout(formats: tuple[str, ...], injected: Injected | None, rng: random.Random) -> tuple[str, str]:
    choices = [(fmt, lay) for fmt in formats for lay in LAYOUTS[fmt]]
    if injected is not None and injected.no_blank_layouts:
        choices = [c for c in choices if c[1] != "pipe"] or choices
    return rng.choice(choices)


def _signed(year: int, rng: random.Random) -> str:
    """A signature date in January of the next year: on time at every level (deadlines.yaml)."""
    return f"{year + 1}年1月{rng.randint(5, 28)}日"


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
        signed=_signed(year, rng),
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


def generate_one(seed: int, i: int, defect_rate: float, formats: tuple[str, ...]) -> Generated:
    rng = random.Random(f"report:{seed}:{i}")
    who = agency(seed, i)
    year = rng.choice(YEARS)
    report = _base(i, who, year, rng)
    injected = inject(build_grids(report), report.template, rng) if rng.random() < defect_rate else None
    fmt, layout = _layout(formats, injected, rng)
    encoding = rng.choice(ENCODINGS)
    changes: dict = {
        "file": f"r{i:05d}_{who.slug}_{year}.{fmt}",
        "layout": layout,
        "encoding": encoding,
        "crlf": rng.random() < 0.15,
    }
    if injected is not None:
        changes["overrides"] = tuple(injected.overrides)
        if injected.procurement_unit_header is not None:
            changes["procurement_unit_header"] = injected.procurement_unit_header
        if injected.drop_section is not None:
            changes["order"] = tuple(n for n in range(1, 7) if n != injected.drop_section)
    report = dataclasses.replace(report, **changes)
    grids = build_grids(report)
    overall, problems, other = prose(who, year, facts(grids), rng)
    if injected is not None and injected.duplicate_paragraph:
        k = rng.randrange(1, len(overall))
        overall = (*overall[: k + 1], overall[k], *overall[k + 1 :])
    report = dataclasses.replace(report, overall=overall, problems=problems, other=other)
    data = encode(render(report, grids), report)
    meta = {
        "template": report.template,
        "year": year,
        "agency": who.name,
        "level": who.level,
        "layout": EXTRACTOR_LAYOUT.get(layout, layout),
        "layout_variant": layout,
        "encoding": encoding,
        "newline": "crlf" if report.crlf else "lf",
        "defect": None if injected is None else {"kind": injected.kind, "description": injected.description},
    }
    return Generated(report.file, data, meta, injected)


def generate(out: Path, count: int, seed: int, *, start: int = 0, defect_rate: float = 0.5, formats=("txt", "md")):
    out.mkdir(parents=True, exist_ok=True)
    reports: dict[str, dict] = {}
    defects: list[dict] = []
    for i in range(start, start + count):
        g = generate_one(seed, i, defect_rate, tuple(formats))
        (out / g.file).write_bytes(g.data)
        reports[g.file] = g.meta
        if g.defect is not None:
            for e in g.defect.expects:
                defects.append({"report": g.file, "kind": g.defect.kind, **e.to_json()})
    truth = {
        "generator": {
            "seed": seed,
            "start": start,
            "count": count,
            "defect_rate": defect_rate,
            "formats": list(formats),
            "headings": HEADINGS,
        },
        "reports": reports,
        "defects": defects,
    }
    text = json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / "ground_truth.json").write_text(text, encoding="utf-8", newline="\n")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--start", type=int, default=0, help="index of the first report (rebuild one batch alone)")
    parser.add_argument("--defect-rate", type=float, default=0.5)
    parser.add_argument("--formats", default="txt,md", help=f"comma-separated, from {','.join(LAYOUTS)}")
    args = parser.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in LAYOUTS]
    if unknown or not formats:
        parser.error(f"unknown format(s) {unknown}; choose from {', '.join(LAYOUTS)}")
    if not 0 <= args.defect_rate <= 1:
        parser.error("--defect-rate must lie in [0, 1]")
    t = time.perf_counter()
    truth = generate(args.out, args.count, args.seed, start=args.start, defect_rate=args.defect_rate, formats=formats)
    took = time.perf_counter() - t
    print(
        f"{args.count} reports ({len({d['report'] for d in truth['defects']})} with a defect) in {args.out} "
        f"in {took:.2f} s ({args.count / took if took else 0:.0f} reports/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
