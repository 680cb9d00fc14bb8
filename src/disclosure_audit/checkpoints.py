"""Named points of a run where a test can kill it, to prove that a run killed anywhere leaves the
output folder and the history whole.

`DISCLOSURE_AUDIT_KILL_AT=N` makes the process SIGKILL itself at the N-th checkpoint it passes
(`DISCLOSURE_AUDIT_KILL_AT=<name>` at the first one of that name), after naming it on stderr. A test
counts N up from 1 until a run finishes: then every checkpoint was a kill point once. Unset (every
normal run), a checkpoint costs one environment lookup.

`DISCLOSURE_AUDIT_TRACE=FILE` appends one line per checkpoint and per `stage` (a named point that is
never a kill point) to FILE: seconds since the process started, the process's peak RSS in MB, the
name (tab-separated). benchmarks/run_all.py reads it to split a real CLI run into its stages.
"""

from __future__ import annotations

import os
import signal
import sys
import time

KILL_ENV = "DISCLOSURE_AUDIT_KILL_AT"
TRACE_ENV = "DISCLOSURE_AUDIT_TRACE"

_passed = 0


def stage(name: str) -> None:
    """Note a stage boundary in the trace file, when there is one."""
    path = os.environ.get(TRACE_ENV)
    if not path:
        return
    import resource

    since = time.time() - _started()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"{since:.3f}\t{peak_mb:.0f}\t{name}\n")


def _started() -> float:
    """When this process started (Linux /proc), so the first stage includes imports; else now."""
    try:
        with open("/proc/self/stat", "rb") as f:
            ticks = int(f.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/uptime", "rb") as f:
            uptime = float(f.read().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


def checkpoint(name: str) -> None:
    global _passed
    stage(name)
    at = os.environ.get(KILL_ENV)
    if not at:
        return
    _passed += 1
    if at == name or (at.isdigit() and int(at) == _passed):
        sys.stderr.write(f"killed at checkpoint {_passed}: {name}\n")
        sys.stderr.flush()
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
