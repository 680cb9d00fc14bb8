"""The extraction cache (extract_cache): an unchanged file is not read again, a changed one is, a
changed rule is checked again without reading, and the cache never changes a result: outputs are
byte for byte those of a run without it. A damaged cache file or entry costs a re-read, never the run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from disclosure_audit.extract_cache import ExtractCache, file_digest
from disclosure_audit.pipeline import audit

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "reports_in"
RULES = ROOT / "rules"
CLEAN, T4, PLAIN = "01_clean_qinghe_scjgj_2022.txt", "15_wangjiang_swj_2021_crawler.txt", "02_yunling_sfj_2020.txt"


def corpus(tmp_path: Path, names=(CLEAN, T4, PLAIN)) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in names:
        shutil.copy(DEMO / n, folder / n)
    return folder


def counts(result) -> tuple[int, int, int]:
    return result.cache["hits"], result.cache["misses"], result.cache["stored"]


def entries(cache: Path) -> int:
    with sqlite3.connect(cache) as con:
        return con.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_second_run_reads_nothing_and_gives_the_same_reports(tmp_path):
    folder, cache = corpus(tmp_path), tmp_path / "c" / "cache.sqlite"
    first = audit(folder, RULES, cache_path=cache)
    assert counts(first) == (0, 3, 3)
    assert entries(cache) == 3
    second = audit(folder, RULES, cache_path=cache)
    assert counts(second) == (3, 0, 0)
    assert second.cache["warnings"] == []
    assert sorted(second.reports) == [CLEAN, PLAIN, T4]
    for rid, r in second.reports.items():
        assert r == first.reports[rid]
        assert r.report_id == rid and r.file == rid


def test_a_changed_file_is_read_again(tmp_path):
    folder, cache = corpus(tmp_path), tmp_path / "cache.sqlite"
    audit(folder, RULES, cache_path=cache)
    p = folder / PLAIN
    p.write_text(p.read_text(encoding="utf-8").replace("云岭区司法局", "云岭区审计局"), encoding="utf-8")
    again = audit(folder, RULES, cache_path=cache)
    assert counts(again) == (2, 1, 1)
    assert again.reports[PLAIN].agency == "云岭区审计局"


def test_the_same_bytes_under_two_names_are_two_reports(tmp_path):
    folder, cache = corpus(tmp_path, (CLEAN,)), tmp_path / "cache.sqlite"
    shutil.copy(folder / CLEAN, folder / "copy.txt")
    first = audit(folder, RULES, cache_path=cache)
    assert first.cache["misses"] == 2 and entries(cache) == 1  # one key: the same bytes, the same type
    second = audit(folder, RULES, cache_path=cache)
    assert counts(second) == (2, 0, 0)
    assert {(r.report_id, r.file) for r in second.reports.values()} == {(CLEAN, CLEAN), ("copy.txt", "copy.txt")}


def test_a_changed_rule_is_checked_again_without_reading(tmp_path):
    folder, cache, rules = corpus(tmp_path), tmp_path / "cache.sqlite", tmp_path / "rules"
    shutil.copytree(RULES, rules)
    first = audit(folder, rules, cache_path=cache)
    t4 = [f for f in first.findings if f.rule_id == "T4-SUM" and f.outcome == "failed"]
    assert [f.report_id for f in t4] == [T4]
    assert "EDITED" not in t4[0].message["en"]
    rule = rules / "checks" / "T4-SUM.yaml"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace("total differs from", "EDITED total differs from"), encoding="utf-8"
    )
    second = audit(folder, rules, cache_path=cache)
    assert counts(second) == (3, 0, 0)  # not one file read
    t4 = [f for f in second.findings if f.rule_id == "T4-SUM" and f.outcome == "failed"]
    assert [f.report_id for f in t4] == [T4]
    assert "EDITED total differs from" in t4[0].message["en"]


def test_a_changed_template_file_reads_everything_again(tmp_path):
    """Reading depends on the templates (labels, anchors): editing one gives new keys."""
    folder, cache, rules = corpus(tmp_path), tmp_path / "cache.sqlite", tmp_path / "rules"
    shutil.copytree(RULES, rules)
    audit(folder, rules, cache_path=cache)
    common = rules / "templates" / "common.yaml"
    common.write_text(common.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert counts(audit(folder, rules, cache_path=cache)) == (0, 3, 3)


def test_a_damaged_cache_file_is_set_aside_and_everything_is_read(tmp_path):
    folder, cache = corpus(tmp_path), tmp_path / "cache.sqlite"
    cache.write_bytes(b"not a database at all " * 200)
    result = audit(folder, RULES, cache_path=cache)
    assert counts(result) == (0, 3, 3)
    assert len(result.cache["warnings"]) == 1 and "damaged" in result.cache["warnings"][0]
    assert (tmp_path / "cache.sqlite.damaged").read_bytes() == b"not a database at all " * 200
    assert counts(audit(folder, RULES, cache_path=cache)) == (3, 0, 0)


def test_a_damaged_entry_is_read_again(tmp_path):
    folder, cache = corpus(tmp_path), tmp_path / "cache.sqlite"
    first = audit(folder, RULES, cache_path=cache)
    with sqlite3.connect(cache) as con:
        con.execute("UPDATE entries SET data = x'0001020304'")
    again = audit(folder, RULES, cache_path=cache)
    assert counts(again) == (0, 3, 3)
    assert len(again.cache["warnings"]) == 3 and "does not load" in again.cache["warnings"][0]
    assert again.reports == first.reports


def test_an_entry_that_would_build_other_objects_is_refused(tmp_path):
    """Values load through an unpickler that builds only the report model: a planted pickle that
    would call os.system is a damaged entry, not code that runs."""
    import pickle
    import zlib

    folder, cache = corpus(tmp_path, (CLEAN,)), tmp_path / "cache.sqlite"
    audit(folder, RULES, cache_path=cache)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    with sqlite3.connect(cache) as con:
        con.execute("UPDATE entries SET data = ?", (zlib.compress(pickle.dumps(Evil())),))
    again = audit(folder, RULES, cache_path=cache)
    assert counts(again) == (0, 1, 1)
    assert not marker.exists()


def test_another_sqlite_file_is_not_used_nor_changed(tmp_path):
    folder, other = corpus(tmp_path, (CLEAN,)), tmp_path / "history.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE runs (run_id TEXT)")
    before = other.read_bytes()
    result = audit(folder, RULES, cache_path=other)
    assert counts(result) == (0, 1, 0)
    assert "not a cache file" in result.cache["warnings"][0]
    assert other.read_bytes() == before


def test_entries_no_recent_run_used_are_evicted(tmp_path):
    """An entry that none of the last KEEP_RUNS (5) runs used is deleted by the next one."""
    folder, cache = corpus(tmp_path), tmp_path / "cache.sqlite"
    audit(folder, RULES, cache_path=cache)  # run 1 stores three entries
    assert entries(cache) == 3
    (folder / PLAIN).unlink()
    for _ in range(4):  # runs 2-5 use two of them; the third was last used by run 1
        audit(folder, RULES, cache_path=cache)
    assert entries(cache) == 3
    assert audit(folder, RULES, cache_path=cache).cache["evicted"] == 1  # run 6
    assert entries(cache) == 2
    with sqlite3.connect(cache) as con:
        keys = {k for (k,) in con.execute("SELECT key FROM entries")}
    probe = ExtractCache(cache, RULES)
    expected = {probe.key(file_digest(folder / n), ".txt", _limits()) for n in (CLEAN, T4)}
    probe.close()
    assert keys == expected


def _limits():
    from disclosure_audit.ingest import ReadLimits

    return ReadLimits()


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in ("cache.sqlite", "history.sqlite")
    }


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    cmd = [sys.executable, "-m", "disclosure_audit.cli", "run", *args, "-q"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)


def test_outputs_with_the_cache_are_byte_identical_to_outputs_without(tmp_path):
    folder = corpus(tmp_path, (CLEAN, T4, PLAIN, "07_yunling_zrzyj_2020.txt", "20_yunling_zrzyj_2019.txt"))
    plain, cached = tmp_path / "plain", tmp_path / "cached"
    assert _run(str(folder), "--out", str(plain), "--rules", str(RULES), "--no-cache").returncode == 0
    assert not (plain / "cache.sqlite").exists()
    for _ in range(2):  # the second run takes every report from the cache
        assert _run(str(folder), "--out", str(cached), "--rules", str(RULES)).returncode == 0
    assert entries(cached / "cache.sqlite") == 5
    assert _tree(cached) == _tree(plain)
