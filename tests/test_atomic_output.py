"""A run killed at any instant leaves the output folder whole (the previous complete output or the new
complete one) and the history consistent with it; the next run cleans up after it.

The real CLI runs in a subprocess into a folder that already holds a complete earlier run. It is
killed with SIGKILL at every checkpoint of the run in turn (DISCLOSURE_AUDIT_KILL_AT=N: the process
kills itself at the N-th; N counts up until a run finishes, so no checkpoint is missed) and at random
moments over a larger corpus. Both runs are pinned (SOURCE_DATE_EPOCH), so "complete" is checked byte
for byte against uninterrupted runs made into the same path; the two runs differ in their reports, so
a mix of the two cannot pass for either.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disclosure_audit.atomic_output import prepare, publish

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
OLD_EPOCH, NEW_EPOCH = "1700000000", "1710000000"
OLD_TIME, NEW_TIME = "2023-11-14T22:13:20+00:00", "2024-03-09T16:00:00+00:00"
# the previous run audits these; the new run also the last one (its page and findings tell the runs apart)
REPORTS = ("01_clean_qinghe_scjgj_2022.txt", "13_baishi_slj_2022.txt")
ADDED = "14_baishi_slj_2021.txt"
USER_FILES = {"notes.txt": b"kept by the user\n", ".gitkeep": b""}


def cli(*args: str, epoch: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, **(extra_env or {})}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) by content, except the history database, whose bytes
    depend on how SQLite laid out its pages: it is compared by the runs it holds; and the extraction
    cache (and its journal), which is no output: a run uses it in place (extract_cache)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "history.sqlite" and not p.name.startswith("cache.sqlite")
    }


def history_runs(db: Path) -> set[str]:
    """The runs a history holds, after checking that the database is sound."""
    if not db.exists():
        return set()
    con = sqlite3.connect(db)  # a journal left by a killed commit is rolled back here
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in con.execute("SELECT generated_at FROM runs")}
    finally:
        con.close()


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


class Scene:
    """An output folder holding a complete earlier run, the reference outputs of the earlier and the
    new run (made uninterrupted into the same path), and a way back to the earlier state. `fill` puts
    the earlier run's reports in the reports folder, `add` what the new run audits besides."""

    def __init__(self, base: Path, fill, add, external_history: bool) -> None:
        self.reports = base / "reports"
        self.reports.mkdir(parents=True)
        fill(self.reports)
        self.out = base / "audit_out"
        self.history = base / "state" / "runs.sqlite" if external_history else self.out / "history.sqlite"
        self.saved = base / "saved"
        self.args = ["run", str(self.reports), "--out", str(self.out), "-q"]
        if external_history:
            self.args += ["--history", str(self.history)]
        start = time.monotonic()
        assert cli(*self.args, epoch=OLD_EPOCH).returncode == 0
        self.duration = time.monotonic() - start
        for name, data in USER_FILES.items():
            (self.out / name).write_bytes(data)
        self.old = snapshot(self.out)
        self.old_runs = history_runs(self.history)
        assert self.old_runs == {OLD_TIME}
        shutil.copytree(self.out, self.saved / "out")
        if external_history:
            shutil.copy(self.history, self.saved / "history.sqlite")
        add(self.reports)
        self.new: dict[str, str] = {}
        self.new_runs = {OLD_TIME, NEW_TIME}

    def reference(self) -> None:
        """The new run, uninterrupted from the earlier complete state: the new complete output. It
        also cleans up after whatever killed runs left beside OUT."""
        self.reset()
        assert self.run().returncode == 0
        assert leftovers(self.out) == []
        self.new = snapshot(self.out)
        assert history_runs(self.history) == self.new_runs
        assert self.new != self.old and set(USER_FILES) <= set(self.new), "user files are carried over"

    def run(self, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return cli(*self.args, epoch=NEW_EPOCH, extra_env=extra_env)

    def kill_at(self, at: str, swap: str | None = None) -> str:
        """The run killed by itself at checkpoint `at` (a number or a name); the checkpoint's name."""
        env = {"DISCLOSURE_AUDIT_KILL_AT": at} | ({"DISCLOSURE_AUDIT_SWAP": swap} if swap else {})
        res = self.run(env)
        assert res.returncode == -signal.SIGKILL, (at, res.returncode, res.stderr)
        return res.stderr.strip().splitlines()[-1].split(": ", 1)[1]

    def reset(self) -> None:
        """Back to the earlier complete run (leftovers of killed runs beside OUT stay, for the next
        run to clean up)."""
        if self.out.exists():
            shutil.rmtree(self.out)
        shutil.copytree(self.saved / "out", self.out)
        if self.history.parent != self.out:
            Path(f"{self.history}-journal").unlink(missing_ok=True)
            shutil.copy(self.saved / "history.sqlite", self.history)

    def state(self) -> tuple[dict[str, str] | None, set[str]]:
        return (snapshot(self.out) if self.out.exists() else None), history_runs(self.history)

    def assert_whole(self, when: str, state: tuple[dict[str, str] | None, set[str]] | None = None) -> None:
        """OUT is the earlier or the new complete output, and the history holds the new run only if
        OUT is the new output."""
        files, runs = state or self.state()
        if files == self.old:
            assert runs == self.old_runs, f"{when}: the history holds a run whose outputs were not published"
        else:
            assert files == self.new, f"{when}: the output folder is neither the earlier nor the new output"
            # a history outside OUT is recorded just after the swap: a kill in between leaves it behind
            assert runs == self.new_runs or (runs == self.old_runs and self.history.parent != self.out), when


def demo_pair(reports: Path) -> None:
    for r in REPORTS:
        shutil.copy(DEMO / r, reports / r)


def demo_added(reports: Path) -> None:
    shutil.copy(DEMO / ADDED, reports / ADDED)


@pytest.fixture(scope="module")
def in_out(tmp_path_factory) -> Scene:
    scene = Scene(tmp_path_factory.mktemp("in_out"), demo_pair, demo_added, external_history=False)
    scene.reference()
    return scene


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Scene:
    scene = Scene(tmp_path_factory.mktemp("outside"), demo_pair, demo_added, external_history=True)
    scene.reference()
    return scene


def test_killed_at_every_checkpoint_the_output_is_whole_and_the_next_run_cleans_up(in_out):
    """The atomic exchange with the history in OUT: N counts up until the run finishes. Each run
    starts by deleting what the run killed before it left beside OUT."""
    passed: list[str] = []
    cleaned: list[str] = []
    for n in range(1, 60):
        in_out.reset()
        before = leftovers(in_out.out)
        res = in_out.run({"DISCLOSURE_AUDIT_KILL_AT": str(n)})
        after = leftovers(in_out.out)
        assert not set(before) & set(after), f"left over from a killed run: {set(before) & set(after)}"
        cleaned += before
        if res.returncode == 0:
            break
        assert res.returncode == -signal.SIGKILL, res.stderr
        passed.append(res.stderr.strip().splitlines()[-1].split(": ", 1)[1])
        in_out.assert_whole(f"killed at {passed[-1]}")
    else:
        pytest.fail("the run never finished")
    assert leftovers(in_out.out) == []
    assert in_out.state() == (in_out.new, in_out.new_runs)
    assert passed == [
        "output folder staged",
        "audited",
        "findings.json written",
        "ranking.csv written",
        "ranking.xlsx written",
        "index.html written",
        "agency pages written",
        "site written",
        "history: run stored, not yet committed",
        "history: committed into the new output",
        "history: in place in the new output",
        "before swap",
        "exchanged: previous output under the hidden name",
        "previous output deleted",
    ]
    assert any(".tmp-" in name for name in cleaned), "some killed run left a folder for the next to clean"


def test_rename_fallback_and_history_outside_out(outside):
    """Without the exchange (two renames) and with --history outside OUT, killed at each checkpoint
    of those paths. Between the renames OUT is missing and the earlier output waits under a hidden
    name; the next run puts it back before it starts."""
    for at in ("new output in place", "previous output deleted"):
        outside.reset()
        outside.kill_at(at, swap="rename")
        outside.assert_whole(f"killed at {at}")
    # killed inside the history's transaction: SQLite rolls it back on the next open, no part of the
    # run is stored
    outside.reset()
    outside.kill_at("history: run stored, not yet committed", swap="rename")
    assert Path(f"{outside.history}-journal").exists()
    assert outside.state() == (outside.new, outside.old_runs)
    outside.reset()
    outside.kill_at("history: committed", swap="rename")
    assert outside.state() == (outside.new, outside.new_runs)

    outside.reset()
    outside.kill_at("previous output moved aside", swap="rename")
    assert not outside.out.exists()
    (aside,) = [outside.out.parent / n for n in leftovers(outside.out) if ".old-" in n]
    assert snapshot(aside) == outside.old
    assert history_runs(outside.history) == outside.old_runs
    # the next run's start puts the earlier output back (killed right after, to see just that)
    outside.kill_at("output folder staged", swap="rename")
    assert outside.state() == (outside.old, outside.old_runs)
    assert outside.run({"DISCLOSURE_AUDIT_SWAP": "rename"}).returncode == 0
    assert leftovers(outside.out) == []
    assert outside.state() == (outside.new, outside.new_runs)

    # a first output (no folder before): renamed into place whole, the history recorded after it
    outside.reset()
    fresh = outside.out.parent / "fresh"
    args = [str(fresh) if a == str(outside.out) else a for a in outside.args]
    res = cli(*args, epoch=NEW_EPOCH, extra_env={"DISCLOSURE_AUDIT_KILL_AT": "first output in place"})
    assert res.returncode == -signal.SIGKILL
    assert snapshot(fresh) == {k: v for k, v in outside.new.items() if k not in USER_FILES}
    assert history_runs(outside.history) == outside.old_runs


def test_killed_at_random_moments_over_a_larger_corpus(tmp_path):
    """40 reports (the demo texts two and a half times over), killed from outside after seeded
    random delays spread over a whole run: wherever the kill lands, the output is whole. The
    uninterrupted run that gives the new output comes last, after the kills, and cleans up what they
    left."""
    texts = sorted(DEMO.glob("*.txt"))
    assert len(texts) == 16

    def copies(reports: Path) -> None:
        for i, n in ((1, 16), (2, 16), (3, 8)):
            (reports / f"c{i}").mkdir()
            for f in texts[:n]:
                shutil.copy(f, reports / f"c{i}" / f.name)

    def more(reports: Path) -> None:
        (reports / "c4").mkdir()
        shutil.copy(DEMO / "17_yunling_ybj_2022_mixed.md", reports / "c4")

    scene = Scene(tmp_path, copies, more, external_history=False)
    rng = random.Random(11)
    env = {**os.environ, "SOURCE_DATE_EPOCH": NEW_EPOCH}
    states = []
    for delay in sorted(rng.uniform(0.2, scene.duration * 1.2) for _ in range(4)):
        scene.reset()
        proc = subprocess.Popen(
            [*CLI, *scene.args], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.kill()
        proc.wait(timeout=60)
        states.append((f"killed after {delay:.2f} s (a whole run took {scene.duration:.2f} s)", scene.state()))
    scene.reference()
    for when, state in states:
        scene.assert_whole(when, state)


def test_hidden_files_in_the_new_output_survive_the_swap(tmp_path):
    """What the run writes into its folder is published as written, hidden files too; what the earlier
    output folder held and the run did not write is carried over; the run's own folders replace the
    earlier ones whole (no stale page survives)."""
    out = tmp_path / "out"
    (out / "agencies").mkdir(parents=True)
    (out / "agencies" / "gone.html").write_text("stale page")
    (out / "mine").mkdir()
    (out / "mine" / "a.txt").write_text("user folder")
    (out / ".hidden-note").write_text("user hidden file")
    stage = prepare(out, None, {})
    assert stage.tmp.parent == out.parent and stage.tmp.name.startswith(".out.tmp-")
    (stage.tmp / ".disclosure-audit-output").write_text("marker")
    (stage.tmp / "agencies").mkdir()
    (stage.tmp / "agencies" / "new.html").write_text("new page")
    publish(stage, None)
    assert snapshot(out) == snapshot_of(
        {
            ".disclosure-audit-output": "marker",
            ".hidden-note": "user hidden file",
            "agencies/new.html": "new page",
            "mine/a.txt": "user folder",
        }
    )
    assert leftovers(out) == []


def snapshot_of(files: dict[str, str]) -> dict[str, str]:
    return {k: hashlib.sha256(v.encode()).hexdigest() for k, v in sorted(files.items())}


# ---- output folders that cannot be written: one line naming the path, exit 2, before the audit ----


def _usage_error(tmp_path: Path, *args: str) -> str:
    """The run's one error line. DISCLOSURE_AUDIT_KILL_AT=1 would kill it at its first checkpoint
    (the output folder staged, before any report is read): exiting 2 instead shows the check came
    first."""
    reports = tmp_path / "reports"
    reports.mkdir(exist_ok=True)
    shutil.copy(DEMO / REPORTS[0], reports / REPORTS[0])
    res = cli("run", str(reports), "-q", *args, epoch=OLD_EPOCH, extra_env={"DISCLOSURE_AUDIT_KILL_AT": "1"})
    assert res.returncode == 2, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    return res.stderr.strip()


def test_out_is_a_file(tmp_path):
    target = tmp_path / "ranking.csv"
    target.write_text("not a folder")
    line = _usage_error(tmp_path, "--out", str(target))
    assert line == f"error: cannot write output to {target}: it is a file, not a folder"
    assert target.read_text() == "not a folder"


def test_out_under_a_file(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    line = _usage_error(tmp_path, "--out", str(blocker / "out"))
    assert line == f"error: cannot write output to {blocker / 'out'}: {blocker} is a file, not a folder"


def test_out_in_a_read_only_place(tmp_path):
    """/sys cannot be written, not even by root."""
    line = _usage_error(tmp_path, "--out", "/sys/audit_out")
    assert line.startswith("error: cannot write output to /sys/audit_out: cannot write in /sys (")


def test_out_is_a_mount_point(tmp_path):
    """A mount point cannot be renamed, so it cannot be swapped: said before the audit, with the way out."""
    line = _usage_error(tmp_path, "--out", "/proc")
    assert line == (
        "error: cannot write output to /proc: it is a mount point, which cannot be replaced whole; "
        "use a folder in it (/proc/audit)"
    )


def test_out_must_not_hold_the_reports(tmp_path):
    line = _usage_error(tmp_path, "--out", str(tmp_path))
    assert line.startswith(f"error: cannot write output to {tmp_path}: it holds the reports folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


@pytest.mark.parametrize("kind", ["folder", "not a database", "not a database, in OUT"])
def test_history_that_cannot_be_used(tmp_path, kind):
    out = tmp_path / "out"
    history = out / "history.sqlite" if kind.endswith("in OUT") else tmp_path / "state" / "runs.sqlite"
    history.parent.mkdir()
    if kind == "folder":
        history.mkdir()
    else:
        history.write_bytes(b"this is not SQLite" * 100)
    line = _usage_error(tmp_path, "--out", str(out), *(() if history.parent == out else ("--history", str(history))))
    says = "it is a folder" if kind == "folder" else "file is not a database"
    assert line == f"error: cannot use history file {history}: {says}"
    assert [p.name for p in history.parent.iterdir()] == [history.name]
    assert history.is_dir() or history.read_bytes() == b"this is not SQLite" * 100
    assert leftovers(out) == []
