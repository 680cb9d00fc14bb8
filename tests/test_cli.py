"""The command line's own behaviour, through the real entry point: clean help, clear one-line
errors with exit code 2, `extract` on a folder or a scan, `diff` aligned for Chinese names, the
terminal summary in the run's language, and every third-party import declared in pyproject."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from disclosure_audit.diff import ReportDiff, format_text
from disclosure_audit.zhtext.width import display_width
from tests.conftest import RULES
from tests.test_pipeline import run_cli

ROOT = RULES.parent
DEMO = ROOT / "reports_in"
SCAN = DEMO / "12_scan_baiyuwan_2022.pdf"


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", [["run"], ["extract"], ["diff"], ["rules"], ["rules", "explain"], ["init"]])
def test_help_has_no_type_placeholders(command):
    res = run_cli(*command, "--help")
    assert res.returncode == 0, res.stderr
    assert not re.search(r"<(bool|str|int|path|list\[\w+\]|int range)>", res.stdout), res.stdout
    assert "{files}" not in res.stdout and "{old}" not in res.stdout


def test_help_shows_square_brackets_as_written():
    res = run_cli("rules", "list", "--help")
    assert "[preview]" in res.stdout


def test_run_help_names_option_values():
    out = run_cli("run", "--help").stdout
    for shown in ("--out DIR", "--lang zh|en", "--jobs N", "--as-of YYYY-MM-DD", "--waivers FILE", "REPORTS_DIR"):
        assert shown in out, shown


# --------------------------------------------------------------------------- run: nothing to audit


def test_run_on_a_folder_without_reports_says_so_and_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "README.md").write_text("notes\n", encoding="utf-8")
    res = run_cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert res.returncode == 1
    assert res.stderr.strip() == f"没有可审查的报告 / no reports found in {tmp_path / 'in'}"
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- extract


def test_extract_a_folder_reads_every_report_in_it(tmp_path):
    for name in ("01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt", "README.md", "manifest.csv"):
        shutil.copy(DEMO / name, tmp_path / name)
    res = run_cli("extract", str(tmp_path), "--json")
    assert res.returncode == 0, res.stderr
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [Path(d["file"]).name for d in docs] == ["01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt"]
    assert [d["year"] for d in docs] == [2022, 2020]
    assert "unsupported" not in res.stderr


def test_extract_an_empty_folder_is_a_clear_error(tmp_path):
    res = run_cli("extract", str(tmp_path))
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: {tmp_path}: no report files in this folder"


def test_extract_a_scan_gives_the_reason_it_cannot_be_audited():
    res = run_cli("extract", str(SCAN))
    assert res.returncode == 0, res.stderr
    assert "None" not in res.stdout
    assert res.stdout.startswith(f"{SCAN}: not audited (scan): The report cannot be read as text")


# --------------------------------------------------------------------------- diff


def test_diff_columns_line_up_for_chinese_names():
    diffs = [
        ReportDiff("a", "云岭区住房和城乡建设局", 2021, 17.0, 20.5, 17, 15),
        ReportDiff("b", "Acme Water Bureau", 2020, None, 88.0, None, 2),
        ReportDiff("c", "望江市发展和改革委员会办公室综合科信息公开组", 2022, 60.0, 60.0, 9, 9),
    ]
    lines = format_text(diffs).splitlines()
    assert lines[1].startswith("云岭区住房和城乡建设局   2021")  # 22 cells + 2 pad + 1 gap
    assert lines[2].startswith("Acme Water Bureau        2020")
    assert lines[3].startswith("望江市发展和改革委员会…  2022")  # clipped to 24 cells with an ellipsis
    # the year, score, rank and count columns end at the same display column on every line
    for token in ("2021", "17.0→20.5"):
        assert token in lines[1]
    ends = [display_width(line) for line in lines]
    assert len(set(ends)) == 1, ends


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no such file or folder"),
        ("{not json", "not a findings.json (invalid JSON at line 1)"),
        ('{"run": {}}', "not a findings.json of disclosure-audit (no list of reports)"),
        ('{"reports": [{"report_id": "x"}]}', "report 1 lacks report_id, score or rank"),
    ],
)
def test_diff_on_a_bad_run_is_one_clear_line_with_exit_2(tmp_path, content, says):
    bad = tmp_path / "old.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    good = tmp_path / "new.json"
    good.write_text('{"reports": []}', encoding="utf-8")
    res = run_cli("diff", str(bad), str(good))
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: cannot compare: {bad}: {says}"


# --------------------------------------------------------------------------- the summary's language


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    d = tmp_path_factory.mktemp("in")
    for name in ("01_clean_qinghe_scjgj_2022.txt", "03_songxi_zhen_2020.txt", SCAN.name):
        shutil.copy(DEMO / name, d / name)
    return d


def _summary(two_reports, tmp_path, lang: str) -> str:
    res = run_cli(
        "run", str(two_reports), "--out", str(tmp_path / lang), "--lang", lang, "--no-history", env={"COLUMNS": "200"}
    )
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_summary_follows_lang_en(two_reports, tmp_path):
    out = _summary(two_reports, tmp_path, "en")
    assert "2 of 3 reports audited" in out and " · warnings " in out and " · not evaluable " in out
    for label in ("Rank", "Score", "Grade", "Agency", "Errors", "Ask the agency for", "Tool version"):
        assert label in out
    # Chinese only in data (agency names), never in the summary's own words
    words = re.sub(r"青禾县市场监督管理局|松溪镇人民政府|白鹭湾街道办事处", "", out)
    assert not re.search(r"[\u4e00-\u9fff]", words), words


def test_summary_in_chinese_by_default(two_reports, tmp_path):
    out = _summary(two_reports, tmp_path, "zh")
    assert (
        "已审查 2 / 3 份报告" in out
        and "名次" in out
        and "需向机关索取" in out
        and " · 警告 " in out
        and " · 无法核验 " in out
    )
    assert "Rank" not in out and "errors " not in out


# --------------------------------------------------------------------------- dependencies


def test_every_third_party_import_is_declared():
    """A module the package imports (rich, say) must be a dependency in pyproject, or a fresh
    install breaks the first time that code runs. An extra for users counts (`[dask]`: the code that
    imports it says which extra to install when it is missing); the test extra does not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    deps = project["dependencies"] + [d for name, ds in extras.items() if name != "test" for d in ds]
    declared = {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower().replace("_", "-") for d in deps}
    dists = packages_distributions()
    missing = set()
    for path in sorted((ROOT / "src" / "disclosure_audit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "disclosure_audit":
                    continue
                owners = {d.lower().replace("_", "-") for d in dists.get(top, [top])}
                if not owners & declared:
                    missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert missing == set()


@pytest.mark.parametrize(
    "command",
    [["--help"], ["run", "--help"], ["diff", "--help"], ["rules", "--help"], ["extract", "FOLDER"]],
)
def test_start_up_imports_no_heavy_library(command, tmp_path):
    """`--help`, and `extract` of a folder of text reports, must not pay for pandas, pandera, openpyxl,
    jinja2 … (they load when a command needs them); read from Python's own import log, not a timing."""
    shutil.copy(DEMO / "02_yunling_sfj_2020.txt", tmp_path / "02.txt")
    command = [str(tmp_path) if c == "FOLDER" else c for c in command]
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "disclosure_audit.cli", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in res.stderr.splitlines() if "|" in line}
    heavy = {"pandas", "pandera", "great_expectations", "openpyxl", "jinja2", "numpy", "pdfplumber", "docx", "lxml"}
    heavy |= {"dask", "distributed"}
    assert loaded & heavy == set()
