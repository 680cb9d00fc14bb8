"""The rule set shipped with the package, and `init`: a folder an office can edit.

The repository's `rules/` is the default rule set; it is installed with the package (as
`disclosure_audit/default_rules`), so `disclosure-audit run` works from any folder. An office that
wants its own deadlines, weights or wording runs `disclosure-audit init` and edits the copy.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

AUDIT_YAML = """\
# The audit's record, shown on every page and printout of the site and in findings.json / ranking.xlsx.
office: 政务公开办公室            # who runs the audit (e.g. 某某市人民政府办公室政务公开科)
title: 政府信息公开工作年度报告审查   # the audit's title
"""


def default_rules_dir() -> Path:
    """The shipped rule set as a folder on disk (a package installed from a wheel or in place)."""
    root = resources.files("disclosure_audit") / "default_rules"
    return Path(str(root))


def init_folder(folder: Path, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Copy rules/ (checks, templates, scoring.yaml, deadlines.yaml) and an audit.yaml into
    `folder`; files already there are kept unless `force`. Returns (written, kept)."""
    src = default_rules_dir()
    written: list[Path] = []
    kept: list[Path] = []
    targets: list[tuple[Path | None, Path, str | None]] = []
    for f in sorted(src.rglob("*.yaml")):
        targets.append((f, folder / "rules" / f.relative_to(src), None))
    targets.append((None, folder / "audit.yaml", AUDIT_YAML))
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
