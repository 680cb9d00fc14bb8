"""The office's own register of reports (`reports_in/manifest.csv`): who published each file,
where, at what level, and when it went online. Manifest values win over what the text says; the
text's own values are kept in `Report.text_meta` so a disagreement can be reported."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .ingest.decode import UndecodableError, decode_bytes
from .model import Report
from .zhtext.dates import parse_date
from .zhtext.orgs import LEVEL_SOURCE_GUESSED, LEVEL_SOURCE_NAME, LEVELS, infer_level_with_source

COLUMNS = ("file", "agency", "region", "level", "year", "published", "url")
_LEVEL_ALIASES = {
    "department": "部门",
    "government": "政府",
    "township": "乡镇街道",
    "乡镇": "乡镇街道",
    "街道": "乡镇街道",
    "乡镇（街道）": "乡镇街道",
}


@dataclass
class Manifest:
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def load_manifest(reports_dir: Path) -> Manifest:
    path = reports_dir / "manifest.csv"
    if not path.exists():
        return Manifest()
    man = Manifest(path=path)
    try:
        decoded = decode_bytes(path.read_bytes(), expect_report=False)
    except (OSError, UndecodableError) as exc:
        man.problems.append(f"manifest.csv: cannot read ({exc}); ignored")
        return man
    text = decoded.text
    if decoded.damage is not None:  # read all the same, but a register with damaged bytes must say so
        man.problems.append(f"manifest.csv: {decoded.damage.message}")
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    if "file" not in fields:
        man.problems.append("manifest.csv: no 'file' column; ignored")
        return man
    unknown = [f for f in fields if f not in COLUMNS]
    if unknown:
        man.problems.append(f"manifest.csv: unknown column(s) {', '.join(unknown)} ignored")
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        name = row.get("file", "")
        if not name:
            man.problems.append(f"manifest.csv:{n}: empty 'file'; row ignored")
            continue
        clean: dict[str, str] = {"line": str(n)}
        for key in ("agency", "region", "url"):
            if row.get(key):
                clean[key] = row[key]
        if row.get("level"):
            level = _LEVEL_ALIASES.get(row["level"], row["level"])
            if level in LEVELS:
                clean["level"] = level
            else:
                man.problems.append(f"manifest.csv:{n}: level '{row['level']}' is not one of {'/'.join(LEVELS)}")
        if row.get("year"):
            if re.fullmatch(r"\d{4}", row["year"]):
                clean["year"] = row["year"]
            else:
                man.problems.append(f"manifest.csv:{n}: year '{row['year']}' is not a year")
        if row.get("published"):
            iso = parse_date(row["published"])
            if iso:
                clean["published"] = iso
            else:
                man.problems.append(f"manifest.csv:{n}: published '{row['published']}' is not a date")
        if name in man.rows:
            man.problems.append(f"manifest.csv:{n}: '{name}' listed twice; the first row is kept")
            continue
        man.rows[name] = clean
    return man


def apply_manifest(report: Report, manifest: Manifest, rel_name: str) -> None:
    # keep what the reader recorded (e.g. published_source "online" for a crawler's 发布时间)
    report.text_meta = {
        **report.text_meta,
        "agency": report.agency,
        "year": report.year,
        "published": report.published,
    }
    row = manifest.rows.get(rel_name) or manifest.rows.get(Path(rel_name).name)
    if row:
        report.manifest = dict(row)
        if "agency" in row:
            report.agency = row["agency"]
        if "year" in row:
            report.year = int(row["year"])
            report.year_source = "manifest"
        if "published" in row:
            report.published = row["published"]
            report.published_line = None
        report.region = row.get("region")
        report.url = row.get("url")
        if "level" in row:
            report.level, report.level_source = row["level"], "manifest"
    if report.level is None or report.level_source in (LEVEL_SOURCE_NAME, LEVEL_SOURCE_GUESSED):
        # inferred again from the manifest's agency name; a place-name-only inference is marked guessed
        report.level, report.level_source = infer_level_with_source(report.agency)


def unused_rows(manifest: Manifest, seen: set[str]) -> list[str]:
    return [
        f"manifest.csv:{row['line']}: no report file '{name}'"
        for name, row in manifest.rows.items()
        if name not in seen and Path(name).name not in seen
    ]
