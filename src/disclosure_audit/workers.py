"""Worker processes that run one call at a time, each call under a time and a memory budget.

One hostile file (a DOCX bomb, a 50 MB text, a reader that loops) must cost that file, never the
run: so the work is done in worker processes, never in the main one, and the main process only hands
out calls and watches the clock. A call that runs past its time is ended by killing its worker
(SIGKILL to the worker's process group, so a converter it started dies with it) and a fresh worker
takes its place; a call that needs more memory than its budget fails inside the worker with
MemoryError (the worker's address space is capped at its size when it started plus the budget, via
RLIMIT_AS), and the worker is replaced, because a heap that grew that far does not shrink. A worker
that dies (a segfault in a C library, the kernel's OOM killer) costs only its call too.

Workers are started once and reused across calls (forked on Linux, where start-up is nearly free and
the parent's imports are shared; spawned elsewhere), so a budget costs a pickle round trip per call,
not a process. Results come back in the order of the calls whatever the number of workers, so the
output does not depend on `jobs`. The pool knows nothing about reports: extraction uses it now, and
rendering can use it the same way.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Literal

MB = 1 << 20


@dataclass(frozen=True)
class Budget:
    """What one call may use: wall-clock seconds and memory in MB above the worker's own size at
    start. None lifts that limit."""

    seconds: float | None = 30.0
    memory_mb: int | None = 1024


@dataclass(frozen=True)
class Failure:
    """A call that gave no result: it ran out of time, out of memory, its worker died (`detail`: the
    signal or exit status) or it let an exception escape (`detail`: the exception)."""

    kind: Literal["timeout", "memory", "died", "error"]
    detail: str = ""


def default_jobs() -> int:
    """The cores this process may run on: `--jobs` when not given. Python 3.13's
    os.process_cpu_count, else the affinity mask (a container or `taskset` limits it; os.cpu_count
    counts the machine's), else the machine's count."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return max(1, counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def caused_by_memory(exc: BaseException | None) -> bool:
    """True when `exc` is a MemoryError or was raised while handling one: readers that turn every
    exception into "unreadable" keep the MemoryError in the chain, and it is a budget matter."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _vm_bytes() -> int | None:
    """This process's virtual size (Linux /proc); None where there is no /proc."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _cap_memory(memory_mb: int | None) -> int | None:
    """Cap the address space at its present size plus the budget; → the size at start."""
    base = _vm_bytes()
    if memory_mb is None or base is None:
        return base
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = base + memory_mb * MB
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # no RLIMIT_AS here: the time budget still holds
        pass
    return base


def _serve(conn: Connection, memory_mb: int | None) -> None:
    """A worker's life: take (fn, arg), reply (status, value, retiring) until the pipe closes.
    status is "ok" (value: the result), "memory" or "error" (value: the exception escaped from fn).
    A worker retires after a MemoryError, and after a call that left its heap more than half the
    budget above where it started, so that the next call gets its whole budget."""
    if hasattr(os, "setpgid"):
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    base = _cap_memory(memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        fn, arg = msg
        try:
            status, value = "ok", fn(arg)
        except MemoryError:
            status, value = "memory", ""
        except BaseException as exc:  # the call's own bug: the run goes on
            status, value = ("memory", "") if caused_by_memory(exc) else ("error", f"{type(exc).__name__}: {exc}")
        grown = _vm_bytes()
        retiring = status == "memory" or (
            memory_mb is not None and base is not None and grown is not None and grown - base > memory_mb * MB // 2
        )
        try:
            conn.send((status, value, retiring))
        except MemoryError:
            conn.send(("memory", "", True))
            return
        except Exception as exc:  # a result that cannot be pickled
            conn.send(("error", f"result could not be sent back: {type(exc).__name__}: {exc}", retiring))
        if retiring:
            return


def _context() -> Any:
    """fork where it exists and is safe (Linux): a worker starts in milliseconds with the parent's
    imports already loaded; spawn elsewhere."""
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    task: int | None = None
    deadline: float | None = None


class WorkerPool:
    """`jobs` reusable worker processes. `run(fn, args)` → one result per arg, in order: fn's return
    value or a Failure. `fn` must be a module-level function (spawned workers import it by name)."""

    def __init__(self, jobs: int = 1, budget: Budget | None = None) -> None:
        self.jobs = max(1, jobs)
        self.budget = budget or Budget()
        self._ctx = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    @property
    def shares_memory(self) -> bool:
        """True when workers are forked: each sees the parent's objects as they were when it
        started (and a replacement worker as they are when it replaces), so a caller can set what
        the calls need before `run` and send only indices, not pickles."""
        return self._ctx.get_start_method() == "fork"

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_serve, args=(child, self.budget.memory_mb), daemon=True)
        proc.start()
        child.close()
        if hasattr(os, "setpgid"):
            with contextlib.suppress(OSError):  # from this side too: it may be killed before it does
                os.setpgid(proc.pid, proc.pid)
        return _Worker(proc, parent)

    def _kill(self, w: _Worker) -> None:
        """SIGKILL the worker's process group (before reaping it, so its pid cannot have been
        reused): a converter the worker started dies with it."""
        try:
            os.killpg(w.proc.pid, signal.SIGKILL)
        except (AttributeError, OSError):
            if w.proc.is_alive():
                w.proc.kill()
        w.proc.join()
        w.conn.close()

    def _retire(self, w: _Worker) -> None:
        """A worker that exited (after its reply, or dying): reap it and its process group."""
        self._kill(w)
        self._workers.remove(w)

    def close(self) -> None:
        for w in self._workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self._workers:
            w.proc.join(timeout=2)
            if w.proc.exitcode is None:
                self._kill(w)
            else:
                w.conn.close()
        self._workers = []

    def run(
        self, fn: Callable[[Any], Any], args: Sequence[Any], progress: Callable[[int, int], None] | None = None
    ) -> list[Any]:
        results: list[Any] = [None] * len(args)
        todo = deque(range(len(args)))
        done = 0
        while done < len(args):
            for w in [w for w in self._workers if w.task is None and not w.proc.is_alive()]:
                self._retire(w)  # died between calls (the OOM killer picks idle processes too)
            while len(self._workers) < min(self.jobs, len(todo) + self._busy()):
                self._workers.append(self._start())
            for w in self._workers:
                if w.task is None and todo:
                    w.task = todo.popleft()
                    w.deadline = None if self.budget.seconds is None else time.monotonic() + self.budget.seconds
                    with contextlib.suppress(OSError):  # a worker that is gone: its sentinel says so below
                        w.conn.send((fn, args[w.task]))
            busy = [w for w in self._workers if w.task is not None]
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = set(wait([x for w in busy for x in (w.conn, w.proc.sentinel)], timeout))
            for w in busy:
                outcome = self._outcome(w, ready)
                if outcome is _PENDING:
                    continue
                assert w.task is not None
                results[w.task] = outcome
                w.task, w.deadline = None, None
                done += 1
                if progress:
                    progress(done, len(args))
        return results

    def _busy(self) -> int:
        return sum(1 for w in self._workers if w.task is not None)

    def _outcome(self, w: _Worker, ready: set) -> Any:
        """The busy worker's result if it has one, a Failure if it ran out of time or died, else
        _PENDING. A worker that failed or retired is replaced (by `run`, when there is work left)."""
        if w.conn in ready or w.proc.sentinel in ready:
            try:
                reply = w.conn.recv() if w.conn.poll() else None
            except Exception:  # a torn reply from a dying worker
                reply = None
            if reply is not None:
                status, value, retiring = reply
                if retiring:
                    self._retire(w)
                if status == "ok":
                    return value
                return Failure("memory") if status == "memory" else Failure("error", value)
            w.proc.join(timeout=5)
            code = w.proc.exitcode
            self._retire(w)
            return Failure("died", _how_it_died(code))
        if w.deadline is not None and time.monotonic() >= w.deadline:
            self._retire(w)
            return Failure("timeout")
        return _PENDING


_PENDING = object()


def _how_it_died(code: int | None) -> str:
    if code is None:
        return "did not exit"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"killed by {name}" + (" (out of memory?)" if -code == signal.SIGKILL else "")
    return f"exited with status {code}"
