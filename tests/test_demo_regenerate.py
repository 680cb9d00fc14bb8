"""The demo corpus is what its generators make of their data, byte for byte.

`tools/make_demo_reports.py` (the reports, from `tools/demo_data/*.yaml`), `tools/make_demo_extras.py`
(manifest, scan, waivers, the previous-year twin) and `tools/make_demo_copies.py` (the copied-text pair)
are run into a temporary folder, in that order, exactly as a developer runs them; everything in
`reports_in/` and the expectation files in `tests/data/` must come out identical. A change to the data
or the rendering that was not regenerated, or a hand edit of a generated file, fails here.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import RULES

ROOT = RULES.parent
TOOLS = ("make_demo_reports.py", "make_demo_extras.py", "make_demo_copies.py")
EXPECTATIONS = ("demo_expectations.yaml", "demo_extras.yaml", "demo_copies.yaml")


def _first_difference(want: bytes, got: bytes) -> str:
    try:
        a, b = want.decode("utf-8").splitlines(), got.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{len(want)} bytes committed, {len(got)} generated"
    return "\n".join(list(difflib.unified_diff(a, b, "committed", "generated", lineterm="", n=1))[:12])


def test_generators_reproduce_the_committed_corpus(tmp_path: Path):
    for tool in TOOLS:
        done = subprocess.run(
            [sys.executable, str(ROOT / "tools" / tool), "--out", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{tool} failed:\n{done.stderr[-2000:]}"

    committed = {p.name: p for p in (ROOT / "reports_in").iterdir() if p.is_file()}
    generated = {p.name: p for p in (tmp_path / "reports_in").iterdir() if p.is_file()}
    assert sorted(generated) == sorted(committed), "reports_in/ holds files the generators do not make, or lacks some"
    pairs = [(committed[n], generated[n]) for n in sorted(committed)]
    pairs += [(ROOT / "tests" / "data" / n, tmp_path / "tests" / "data" / n) for n in EXPECTATIONS]
    stale = [(a, b) for a, b in pairs if a.read_bytes() != b.read_bytes()]
    assert not stale, (
        f"{len(stale)} file(s) differ from what the generators make (re-run tools/make_demo_*.py): "
        + ", ".join(str(a.relative_to(ROOT)) for a, _ in stale)
        + "\n"
        + _first_difference(stale[0][0].read_bytes(), stale[0][1].read_bytes())
    )


def test_the_readme_lists_every_file_and_the_clean_reports():
    """reports_in/README.md names every file of the folder, and calls clean exactly the reports whose
    expectations declare no finding at all (must_fire empty in every expectation file)."""
    import yaml

    readme = (ROOT / "reports_in" / "README.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([^`]+)` \|.*\| ([^|]*) \|$", readme, flags=re.M)}
    others = set(re.findall(r"^- `([^`]+)`: ", readme, flags=re.M))
    files = {p.name for p in (ROOT / "reports_in").iterdir() if p.is_file() and p.name != "README.md"}
    assert set(rows) | (others & files) == files
    fires: dict[str, set[str]] = {}
    for name in EXPECTATIONS:
        for file, entry in yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8")).items():
            fires.setdefault(file, set()).update(entry.get("must_fire") or [])
    clean = {f for f, text in rows.items() if text.startswith("无，干净样本")}
    assert clean == {f for f in rows if not fires.get(f)}
    assert clean == {"01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt", "14_baishi_slj_2021.txt"}
    n = len(rows)
    assert f"本目录中的 {n} 份" in readme and f"Every one of the {n} reports" in readme
