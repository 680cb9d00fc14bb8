"""End to end through the real CLI: bad input never stops the run, output is deterministic,
links resolve, and report text is escaped."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import RULES

ROOT = RULES.parent
DEMO = ROOT / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, **(env or {})}
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, env=e, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The demo reports plus hostile input: binary junk, an empty file, an unsupported type, a report
    whose text carries markup, and one in GB18030."""
    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(DEMO.glob("*.txt")):
        shutil.copy(f, d / f.name)
    (d / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (d / "empty.txt").write_bytes(b"")
    (d / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    clean = next(f for f in sorted(DEMO.glob("*.txt")) if "clean" in f.name)
    text = codecs.decode(clean.read_bytes(), "utf-8-sig") if clean.read_bytes()[:3] == codecs.BOM_UTF8 else None
    if text is None:
        from disclosure_audit.ingest.decode import decode_bytes

        text = decode_bytes(clean.read_bytes()).text
    hostile = text.replace(
        "一、总体情况", '一、总体情况\n<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">', 1
    )
    (d / "zz_markup.txt").write_text(hostile, encoding="utf-8")
    (d / "zz_gbk.txt").write_bytes(text.encode("gb18030"))
    return d


@pytest.fixture(scope="module")
def audited(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = run_cli("run", str(corpus), "--rules", str(RULES), "--out", str(out), env={"SOURCE_DATE_EPOCH": "1700000000"})
    return res, out


def test_run_finishes_and_names_every_bad_file(audited):
    res, out = audited
    assert res.returncode == 1, res.stderr
    for name in ("junk.txt", "empty.txt", "scan.pdf"):
        assert re.search(rf"unreadable: {re.escape(name)}: \S", res.stderr), res.stderr
    assert "Traceback" not in res.stderr
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {e["file"] for e in doc["run"]["unreadable_files"]} == {"junk.txt", "empty.txt", "scan.pdf"}
    assert len(doc["reports"]) == len(list(DEMO.glob("*.txt"))) + 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "junk.txt" in index and "scan.pdf" in index


def test_gb18030_copy_reads_like_the_original(audited):
    _, out = audited
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    by = {r["report_id"]: r for r in doc["reports"]}
    clean = next(r for r in by.values() if "clean" in r["report_id"])
    assert by["zz_gbk.txt"]["score"] == clean["score"] == 100.0
    assert by["zz_gbk.txt"]["agency"] == clean["agency"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(a[key])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_link_resolves(audited):
    """Every page of the site (ranking, rule list, agency pages, rule pages), parsed once: each href
    names a generated file, and each #fragment an id present in that file."""
    _, out = audited
    pages = sorted(p for p in out.rglob("*.html"))
    assert {p.parent.name for p in pages} >= {out.name, "agencies", "rules"}
    parsed = {p.resolve(): _parse(p) for p in pages}
    checked, broken = 0, []
    for page in pages:
        p = parsed[page.resolve()]
        assert p.external == [], page
        for href in p.hrefs:
            target, _, frag = href.partition("#")
            dest = (page.parent / target).resolve() if target else page.resolve()
            checked += 1
            if dest not in parsed and not dest.is_file():
                broken.append(f"{page.relative_to(out)}: {href} (no such file)")
            elif frag and frag not in (parsed.get(dest) or _parse(dest)).ids:
                broken.append(f"{page.relative_to(out)}: {href} (no id '{frag}')")
    assert broken == []
    assert checked > 1000  # the agency pages' cell and line links are there


def test_report_markup_is_escaped(audited):
    _, out = audited
    page = out / "agencies" / "zz_markup.txt.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and 'onerror="window' not in html
    assert _parse(page).scripts == 0


def test_same_inputs_same_bytes(corpus, audited, tmp_path):
    _, out1 = audited
    out2 = tmp_path / "again"
    run_cli(
        "run",
        str(corpus),
        "--rules",
        str(RULES),
        "--out",
        str(out2),
        "--jobs",
        "2",
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    files1 = sorted(p.relative_to(out1) for p in out1.rglob("*") if p.is_file())
    files2 = sorted(p.relative_to(out2) for p in out2.rglob("*") if p.is_file())
    assert files1 == files2
    for rel in files1:
        assert (out1 / rel).read_bytes() == (out2 / rel).read_bytes(), rel


def test_only_the_timestamp_changes_between_runs(corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run_cli("run", str(corpus), "--rules", str(RULES), "--out", str(a), "-q", env={"SOURCE_DATE_EPOCH": "1"})
    run_cli("run", str(corpus), "--rules", str(RULES), "--out", str(b), "-q", env={"SOURCE_DATE_EPOCH": "2"})
    ja = json.loads((a / "findings.json").read_text(encoding="utf-8"))
    jb = json.loads((b / "findings.json").read_text(encoding="utf-8"))
    assert ja["run"].pop("generated_at") != jb["run"].pop("generated_at")
    ja["run"]["reports_dir"] = jb["run"]["reports_dir"]
    assert ja == jb


def test_broken_rule_file_is_named_and_the_rest_runs(corpus, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "checks" / "BROKEN.yaml").write_text("id: BROKEN-1\nkind: identity\nparams: {}\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli("run", str(corpus), "--rules", str(rules), "--out", str(out), "-q")
    assert res.returncode == 1
    assert re.search(r"rule error: .*BROKEN\.yaml:\d+: \S+", res.stderr), res.stderr
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert doc["run"]["rules"] >= 30 and doc["run"]["rule_errors"]
    assert any(f["rule_id"] == "T3-BAL" for r in doc["reports"] for f in r["findings"])


def test_ranking_csv_has_bom_and_one_row_per_report(audited):
    _, out = audited
    raw = (out / "ranking.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    lines = raw.decode("utf-8-sig").strip().split("\n")
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert len(lines) == 1 + len(doc["reports"])
    assert lines[0].startswith("年度名次,层级名次,机关")


def test_findings_carry_evidence(audited):
    _, out = audited
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    failed = [f for r in doc["reports"] for f in r["findings"] if f["outcome"] == "failed"]
    assert failed
    for f in failed:
        assert f["rule_id"] and f["message"]["zh"] and f["message"]["en"]
        assert f["location"]["label"], f
        if f["location"]["label"] in ("全文", "whole report"):
            assert f["rule_id"].startswith(("META-", "FMT-")), f
        else:
            assert f["location"]["table"] or f["location"]["section"] or f["line"] is not None, f
    identity = [f for f in failed if f["rule_id"] in ("T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM")]
    assert identity
    for f in identity:
        assert " = " in f["arithmetic"] and f["cells"] and f["expected"] and f["found"] is not None


def test_extract_json_shape(tmp_path):
    demo = sorted(DEMO.glob("*.txt"))[0]
    res = run_cli("extract", str(demo), "--json", "--rules", str(RULES))
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout.splitlines()[0])
    for key in ("file", "template", "agency", "year", "published", "sections", "tables", "problems"):
        assert key in doc
    cell = doc["tables"]["requests"]["total"]["total"]
    assert set(cell) >= {"raw", "value", "unit", "line"}


def test_rules_explain_and_check():
    res = run_cli("rules", "explain", "T3-BAL", "--rules", str(RULES))
    assert res.returncode == 0
    assert "T3-BAL" in res.stdout and "一+二 = 12+3 = 15; （七）+四 = 10+4 = 14; 差 1" in res.stdout
    assert run_cli("rules", "explain", "NOPE-1", "--rules", str(RULES)).returncode == 2
    res = run_cli("rules", "check", "--rules", str(RULES))
    assert res.returncode == 0, res.stderr
    res = run_cli("rules", "list", "--rules", str(RULES))
    assert len(res.stdout.strip().splitlines()) >= 30


def test_legacy_doc_without_libreoffice_is_a_finding_not_a_crash(tmp_path):
    from disclosure_audit.ingest.legacy import soffice
    from disclosure_audit.pipeline import audit

    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = audit(tmp_path, RULES)
    (report,) = result.reports.values()
    rules = {f.rule_id for f in result.findings}
    if soffice() is None:
        assert report.machine_readable is False and rules == {"EXT-SCAN"}
        assert "LibreOffice" in result.findings[0].message["zh"] or "LibreOffice" in result.findings[0].found
    else:  # a real converter either reads it or says why not; never a crash
        assert report.converted_with == "LibreOffice" or result.file_errors


def test_manifest_overrides_and_reports_disagreement(tmp_path):
    from disclosure_audit.pipeline import audit

    src = next(p for p in sorted(DEMO.glob("*.txt")) if "clean" in p.name)
    shutil.copy(src, tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text(
        "file,agency,region,level,year,published,url\n"
        "a.txt,青禾县市场监管局,青禾县,部门,2022,2023-02-03,http://x.gov.cn/a\n"
        "missing.txt,某局,青禾县,部门,2022,2023-01-01,\n",
        encoding="gb18030",
    )
    result = audit(tmp_path, RULES)
    (r,) = result.reports.values()
    assert (r.agency, r.region, r.level, r.published) == ("青禾县市场监管局", "青禾县", "部门", "2023-02-03")
    late = [f for f in result.findings if f.rule_id == "TIME-LATE"]
    assert len(late) == 1 and late[0].params["days"] == 3 and "清单" in late[0].message["zh"]
    assert any("missing.txt" in m for m in result.manifest_problems)


def test_json_summary_for_scripts(corpus, tmp_path):
    res = run_cli("run", str(corpus), "--rules", str(RULES), "--out", str(tmp_path / "o"), "--json", "--no-history")
    assert res.returncode == 1  # the corpus holds unreadable files on purpose
    doc = json.loads(res.stdout)
    assert doc["reports"] == len(doc["ranking"]) and {u["file"] for u in doc["unreadable"]} >= {"junk.txt"}
    assert doc["errors"] > 0 and doc["output"].endswith("index.html")
    years = [r["year"] for r in doc["ranking"]]
    assert years == sorted(years, reverse=True)  # newest year first, each year in rank order
    for year in set(years):
        in_year = [r["year_rank"] for r in doc["ranking"] if r["year"] == year]
        assert in_year == sorted(in_year) and in_year[0] == 1


def test_copied_passages_shown_side_by_side(audited):
    _, out = audited
    html = (out / "agencies" / "13_baishi_slj_2022.txt.html").read_text(encoding="utf-8")
    assert 'class="side-by-side"' in html and "<mark>" in html and "望江市发展和改革委员会" in html


def test_highlight_pair_escapes_and_marks():
    from disclosure_audit.render.html import highlight_pair

    a, b = highlight_pair("<b>加强组织领导，健全工作机制</b>", "我局加强组织领导，健全工作机制。")
    assert "&lt;b&gt;" in a and "<b>" not in a
    assert "<mark>加强组织领导，健全工作机制</mark>" in a and "<mark>加强组织领导，健全工作机制</mark>" in b
