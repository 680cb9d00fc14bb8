"""The rule set shipped with the package, and `init`: a folder an office can edit.

The repository's `rules/` is the default rule set; it is installed with the package (as
`disclosure_audit/default_rules`), so `disclosure-audit run` works from any folder. An office that
wants its own deadlines, weights or wording runs `disclosure-audit init` and edits the copy.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

# Written to FOLDER/reports_in/audit.yaml: `run` reads audit.yaml from the reports folder it audits
# (reports_in by default). Checked against run_record.AuditFile by the tests.
AUDIT_YAML = """\
# 审查记录 / the audit's record: shown on every page and printout of the site, in findings.json
# (run.record) and in ranking.xlsx (运行记录). Every key is optional.
office: 某某市人民政府办公室政务公开科      # 审查机关 / the office that runs the audit
title:                                     # 审查名称 / the audit's title
  zh: 政府信息公开工作年度报告审查
  en: Review of the government information disclosure annual reports
# as_of: 2024-04-30   # 审查基准日（豁免是否过期以此为准）；不写则为运行当天，--as-of 优先
"""


def default_rules_dir() -> Path:
    """The shipped rule set as a folder on disk (a package installed from a wheel or in place)."""
    root = resources.files("disclosure_audit") / "default_rules"
    return Path(str(root))


def init_folder(folder: Path, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Copy rules/ (checks, templates, scoring.yaml, deadlines.yaml, ruleset.yaml) into `folder` and
    write reports_in/audit.yaml (where `run` looks for it, beside the reports); files already there
    are kept unless `force`. Returns (written, kept)."""
    src = default_rules_dir()
    written: list[Path] = []
    kept: list[Path] = []
    targets: list[tuple[Path | None, Path, str | None]] = []
    for f in sorted(src.rglob("*.yaml")):
        targets.append((f, folder / "rules" / f.relative_to(src), None))
    targets.append((None, folder / "reports_in" / "audit.yaml", AUDIT_YAML))
    for source, dest, text in targets:
        if dest.exists() and not force:
            kept.append(dest)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copyfile(source, dest)
        else:
            dest.write_text(text or "", encoding="utf-8")
        written.append(dest)
    return written, kept
