"""The worker pool: every call under a time and a memory budget, in real worker processes.

A call that overruns, needs too much memory or kills its worker costs that call only; the other calls
still run, results come back in call order whatever the number of workers. Each test is cut short by
SIGALRM after a generous time, so that a hang is a failure, never a stuck test run.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from disclosure_audit.workers import Budget, Failure, WorkerPool


@pytest.fixture(autouse=True)
def no_hang():
    def fail(*_):
        raise TimeoutError("the worker pool hung")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# the calls: module-level, so that a worker can find them by name


def square_after(arg: tuple[int, float]) -> int:
    n, pause = arg
    time.sleep(pause)
    return n * n


def sleep_forever(n: int) -> int:
    if n == 1:
        time.sleep(3600)
    return n


def hog(n: int) -> int:
    if n == 1:
        blocks = [bytearray(16 << 20) for _ in range(64)]  # 1 GB in 16 MB steps
        return len(blocks)
    return n


def crash(n: int) -> int:
    if n == 1:
        faulthandler.disable()  # pytest's traceback dump would only be noise here
        os.kill(os.getpid(), signal.SIGSEGV)
    return n


def raise_keyboard_interrupt(n: int) -> int:
    if n == 1:
        raise KeyboardInterrupt
    return n


def start_child_and_wait(pidfile: str) -> int:
    child = subprocess.Popen(["sleep", "3600"])
    Path(pidfile).write_text(str(child.pid))
    time.sleep(3600)
    return 0


def test_results_come_back_in_call_order_whatever_the_number_of_workers():
    # the first calls take longest, so with two workers they finish last
    args = [(n, 0.3 if n < 2 else 0.0) for n in range(6)]
    for jobs in (1, 2):
        with WorkerPool(jobs, Budget(60, None)) as pool:
            assert pool.run(square_after, args) == [0, 1, 4, 9, 16, 25]


def test_a_call_past_its_time_is_killed_and_every_other_call_still_runs():
    for jobs in (1, 2):
        with WorkerPool(jobs, Budget(1, None)) as pool:
            assert pool.run(sleep_forever, [0, 1, 2, 3]) == [0, Failure("timeout"), 2, 3]


def test_a_call_that_needs_more_than_its_memory_budget_fails_and_the_next_call_gets_a_fresh_worker():
    with WorkerPool(1, Budget(60, 128)) as pool:
        assert pool.run(hog, [0, 1, 2]) == [0, Failure("memory"), 2]


def test_a_worker_that_dies_costs_only_its_call():
    with WorkerPool(1, Budget(60, None)) as pool:
        out = pool.run(crash, [0, 1, 2])
    assert out == [0, Failure("died", "killed by SIGSEGV"), 2]


def test_an_exception_that_escapes_the_call_is_its_failure_not_the_runs():
    with WorkerPool(1, Budget(60, None)) as pool:
        assert pool.run(raise_keyboard_interrupt, [0, 1, 2]) == [0, Failure("error", "KeyboardInterrupt: "), 2]


def test_a_killed_call_takes_the_processes_it_started_with_it(tmp_path: Path):
    pidfile = tmp_path / "child.pid"
    with WorkerPool(1, Budget(2, None)) as pool:
        assert pool.run(start_child_and_wait, [str(pidfile)]) == [Failure("timeout")]
    pid = int(pidfile.read_text())
    # gone, or a zombie waiting for init to reap it
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except FileNotFoundError:
        state = "gone"
    assert state in ("gone", "Z")


def own_pid(_: int) -> int:
    return os.getpid()


def test_a_worker_killed_between_calls_is_replaced_before_the_next_call():
    with WorkerPool(1, Budget(60, None)) as pool:
        (pid,) = pool.run(own_pid, [0])
        os.kill(pid, signal.SIGKILL)  # as the OOM killer would, while the worker waits for work
        while Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z":
            time.sleep(0.01)
        assert pool.run(square_after, [(3, 0.0)]) == [9]
