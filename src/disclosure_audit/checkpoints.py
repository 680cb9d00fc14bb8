"""Named points of a run where a test can kill it, to prove that a run killed anywhere leaves the
output folder and the history whole.

`DISCLOSURE_AUDIT_KILL_AT=N` makes the process SIGKILL itself at the N-th checkpoint it passes
(`DISCLOSURE_AUDIT_KILL_AT=<name>` at the first one of that name), after naming it on stderr. A test
counts N up from 1 until a run finishes: then every checkpoint was a kill point once. Unset (every
normal run), a checkpoint costs one environment lookup.
"""

from __future__ import annotations

import os
import signal
import sys

KILL_ENV = "DISCLOSURE_AUDIT_KILL_AT"

_passed = 0


def checkpoint(name: str) -> None:
    global _passed
    at = os.environ.get(KILL_ENV)
    if not at:
        return
    _passed += 1
    if at == name or (at.isdigit() and int(at) == _passed):
        sys.stderr.write(f"killed at checkpoint {_passed}: {name}\n")
        sys.stderr.flush()
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
