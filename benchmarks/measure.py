"""How benchmarks/run_all.py measures a command: wall time, the main process's peak RSS, the peak
memory of its whole process tree (workers included) and the stage split the run traced itself.

Memory of a tree of forked workers is counted as PSS (proportional set size, /proc/PID/smaps_rollup):
pages a worker shares with its parent count once in total, not once per process, so the figure is
what the run costs the machine. It is sampled every `interval` seconds, so a peak shorter than that
can be missed; the main process's own peak (wait4's ru_maxrss) is exact.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measured:
    seconds: float
    returncode: int
    main_peak_mb: float  # the main process's peak RSS (exact)
    tree_peak_mb: float  # the process tree's peak PSS (sampled)
    stages: list[tuple[float, float, str]] = field(default_factory=list)  # (seconds, peak MB, name)
    stderr: str = ""


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    kids = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(kids.get(pid, []))
    return total / 1024


def run(
    cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, interval: float = 0.5
) -> Measured:
    """Run `cmd`, tracing its stages (DISCLOSURE_AUDIT_TRACE) and sampling its tree's memory."""
    trace = Path(os.environ.get("TMPDIR", "/tmp")) / f"da-trace-{os.getpid()}-{time.monotonic_ns()}.tsv"
    env = {**os.environ, **(env or {}), "DISCLOSURE_AUDIT_TRACE": str(trace)}
    err_path = trace.with_suffix(".stderr")
    peak = [0.0]
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(interval):
                peak[0] = max(peak[0], tree_pss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stages = []
    if trace.exists():
        for line in trace.read_text(encoding="utf-8").splitlines():
            t, mb, name = line.split("\t", 2)
            stages.append((float(t), float(mb), name))
        trace.unlink()
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    err_path.unlink()
    main_peak = usage.ru_maxrss / 1024
    return Measured(
        seconds, proc.returncode, main_peak, max(peak[0], main_peak if not peak[0] else 0.0), stages, stderr
    )


def stage_split(m: Measured) -> list[tuple[str, float]]:
    """(stage, seconds) from one traced run: start-up up to the first mark, then mark to mark, then
    the end of the process; the agency pages, the site's rest and the history are named."""
    out, last = [], 0.0
    for t, _, name in m.stages:
        out.append((name, t - last))
        last = t
    out.append(("(exit)", m.seconds - last))
    return out


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / (1 << 20)
