"""Installable anywhere: the wheel carries the rule set, so a fresh virtual environment runs the audit
from an empty folder with no `rules/` beside it; `init` gives an office a copy of the rules to edit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

DEMO = ROOT / "reports_in"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the package installed from its wheel (dependencies from the index)."""
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("disclosure_audit-*.whl")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = env_dir / "bin" / "pip"
    subprocess.run(
        [str(pip), "install", "-q", "--disable-pip-version-check", str(wheel)], check=True, capture_output=True
    )
    return env_dir / "bin" / "disclosure-audit"


def test_the_wheel_audits_from_an_empty_folder(installed, tmp_path):
    work = tmp_path / "anywhere"
    work.mkdir()
    shutil.copytree(DEMO, work / "demo")
    assert not (work / "rules").exists()
    res = subprocess.run(
        [str(installed), "run", "demo", "--out", "out", "--quiet", "--no-history"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert res.returncode in (0, 1), res.stderr  # 1: the demo's scan is named as not audited
    doc = json.loads((work / "out" / "findings.json").read_text(encoding="utf-8"))
    files = {r["file"] for r in doc["reports"]}
    want = {p.name for p in DEMO.iterdir() if p.suffix in (".txt", ".md", ".pdf") and p.stem != "README"}
    assert files == want
    assert (work / "out" / "index.html").is_file()
    assert {f["rule_id"] for r in doc["reports"] for f in r["findings"]} >= {"T3-BAL", "EXT-SCAN"}


def test_init_copies_the_rules_and_an_audit_record_to_edit(installed, tmp_path):
    res = subprocess.run([str(installed), "init", "office"], cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    office = tmp_path / "office"
    assert (office / "rules" / "checks" / "T3-BAL.yaml").is_file()
    assert (office / "rules" / "templates" / "v2021.yaml").is_file()
    assert (office / "rules" / "scoring.yaml").is_file() and (office / "rules" / "deadlines.yaml").is_file()
    assert (office / "rules" / "ruleset.yaml").is_file()
    # the audit's record goes beside the reports, where `run` reads it
    assert "office:" in (office / "reports_in" / "audit.yaml").read_text(encoding="utf-8")
    # an edited copy is kept on a second init
    (office / "rules" / "scoring.yaml").write_text("# edited\n", encoding="utf-8")
    again = subprocess.run([str(installed), "init", "office"], cwd=tmp_path, capture_output=True, text=True)
    assert "kept" in again.stderr and (office / "rules" / "scoring.yaml").read_text(encoding="utf-8") == "# edited\n"
