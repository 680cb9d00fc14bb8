"""`run --scheduler` on a real Dask cluster on loopback: a `dask scheduler` and two `dask worker`
processes (one process, one thread each), started here and killed (whole process groups) when the
module ends.

The promise tested: the output folder of a cluster run equals the local run's byte for byte
(SOURCE_DATE_EPOCH pins the run's timestamp), whether the workers read the files by path, are sent
their bytes (`--send-bytes`), or cannot see the client's paths (workers started in another folder
and told not to read client paths); a file past its memory budget costs that file on a worker as it
does locally; and a scheduler that cannot be reached is exit 2 before any output is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
AS_OF = "2024-06-30"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=ENV, timeout=600)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder, by its path in it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class LoopbackCluster:
    """A scheduler and two single-thread workers, each in its own process group (killed whole at the
    end, so that nothing a worker started outlives the test)."""

    def __init__(self, tmp: Path, worker_env: dict[str, str] | None = None) -> None:
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        scheduler_file = tmp / "scheduler.json"
        self._start(
            "scheduler",
            [
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
            os.environ,
        )
        deadline = time.monotonic() + 120
        while not (scheduler_file.exists() and scheduler_file.stat().st_size):
            self._check_alive()
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        self.address = json.loads(scheduler_file.read_text())["address"]
        env = {**os.environ, **(worker_env or {})}
        for k in range(2):
            work = tmp / f"worker{k}"  # another current folder than the client's
            work.mkdir()
            self._start(
                f"worker{k}",
                [
                    "worker",
                    self.address,
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    "--local-directory",
                    str(work),
                ],
                env,
                cwd=work,
            )
        self._wait_for_workers(2, deadline)

    def _start(self, name: str, args: list[str], env, cwd: Path | None = None) -> None:
        log = self.tmp / f"{name}.log"
        self.logs.append(log)
        with open(log, "wb") as f:
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "distributed.cli.dask_" + args[0], *args[1:]],
                    stdout=f,
                    stderr=subprocess.STDOUT,
                    env=env,
                    cwd=cwd or self.tmp,
                    start_new_session=True,
                )
            )

    def _check_alive(self) -> None:
        for p, log in zip(self.procs, self.logs, strict=True):
            assert p.poll() is None, f"{log.name} exited: {log.read_text(errors='replace')[-2000:]}"

    def _wait_for_workers(self, n: int, deadline: float) -> None:
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            while len(client.scheduler_info()["workers"]) < n:
                self._check_alive()
                assert time.monotonic() < deadline, "the workers did not join"
                time.sleep(0.2)

    def close(self) -> None:
        for p in reversed(self.procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
        for p in self.procs:
            p.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = LoopbackCluster(tmp_path_factory.mktemp("cluster"))
    yield c
    c.close()


@pytest.fixture(scope="module")
def blind_cluster(tmp_path_factory):
    """Workers that never read a client path: as if they saw another file system."""
    c = LoopbackCluster(tmp_path_factory.mktemp("blind"), {"DISCLOSURE_AUDIT_WORKER_PATHS": "no"})
    yield c
    c.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The demo reports and a 40 MB text that needs more than its 64 MB memory budget."""
    d = tmp_path_factory.mktemp("in") / "reports"
    shutil.copytree(DEMO, d)
    line = "政府信息公开工作年度报告：本年新收政府信息公开申请 12 件，办结 34 件，结转 56 件。\n".encode()
    (d / "zz_hog.txt").write_bytes(line * (40 * (1 << 20) // len(line)))
    return d


def audit_args(reports: Path, out: Path) -> list[str]:
    return [
        "run",
        str(reports),
        "--rules",
        str(RULES),
        "--out",
        str(out),
        "--as-of",
        AS_OF,
        "-q",
        "--file-memory",
        "64",
    ]


@pytest.fixture(scope="module")
def local_run(reports, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("local") / "out"
    res = run_cli(*audit_args(reports, out), "--jobs", "2")
    assert res.returncode == 1, res.stderr  # the memory hog is unreadable
    assert "unreadable: zz_hog.txt: budget: reading needed more than 64 MB (limit --file-memory)" in res.stderr
    return tree(out)


def test_a_cluster_run_reading_by_path_equals_the_local_run_byte_for_byte(cluster, reports, local_run, tmp_path):
    out = tmp_path / "out"
    res = run_cli(*audit_args(reports, out), "--scheduler", cluster.address)
    assert res.returncode == 1, res.stderr
    assert "unreadable: zz_hog.txt: budget: reading needed more than 64 MB (limit --file-memory)" in res.stderr
    got = tree(out)
    assert sorted(got) == sorted(local_run)
    assert [name for name in got if got[name] != local_run[name]] == []


def test_a_cluster_run_sending_the_bytes_equals_the_local_run(cluster, reports, local_run, tmp_path):
    out = tmp_path / "out"
    res = run_cli(*audit_args(reports, out), "--scheduler", cluster.address, "--send-bytes")
    assert res.returncode == 1, res.stderr
    got = tree(out)
    assert sorted(got) == sorted(local_run)
    assert [name for name in got if got[name] != local_run[name]] == []


def test_workers_that_cannot_see_the_files_are_sent_their_bytes(blind_cluster, reports, local_run, tmp_path):
    out = tmp_path / "out"
    res = run_cli(*audit_args(reports, out), "--scheduler", blind_cluster.address)
    assert res.returncode == 1, res.stderr
    got = tree(out)
    assert [name for name in sorted(set(got) | set(local_run)) if got.get(name) != local_run.get(name)] == []


def test_the_reader_goes_by_path_where_it_can_and_falls_back_to_bytes_file_by_file(cluster, blind_cluster, reports):
    """In process, to see how the files went: by path to workers that see them; told to go by path
    to workers that cannot see them, every file comes back unseen and is sent again as bytes."""
    from disclosure_audit.distributed import close_all, connect, read_on_cluster
    from disclosure_audit.reading import read_files

    files = [(p, p.name) for p in sorted(reports.glob("*.txt")) if p.name != "zz_hog.txt"]
    local = read_files(files, RULES)
    try:
        seeing = connect(cluster.address)
        assert read_on_cluster(seeing, files, RULES) == local
        assert seeing.sent == {"by path": len(files), "as bytes": 0, "local": 0}
        blind = connect(blind_cluster.address, send_bytes=False)
        assert read_on_cluster(blind, files, RULES) == local
        assert blind.sent == {"by path": len(files), "as bytes": len(files), "local": 0}
    finally:
        close_all()


def test_export_facts_on_the_cluster_writes_the_same_database(cluster, tmp_path):
    outs = []
    for extra in ([], ["--scheduler", cluster.address]):
        db = tmp_path / f"facts{len(extra)}.sqlite"
        res = run_cli("export", "facts", str(DEMO), "--rules", str(RULES), "--out", str(db), *extra)
        assert res.returncode == 0, res.stderr
        outs.append(db.read_bytes())
    assert outs[0] == outs[1]


def test_a_scheduler_that_cannot_be_reached_is_exit_2_before_any_output(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    res = run_cli("run", str(DEMO), "--rules", str(RULES), "--out", str(out), "--scheduler", f"tcp://127.0.0.1:{port}")
    assert res.returncode == 2
    assert f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in res.stderr
    assert not out.exists()


def test_send_bytes_without_a_scheduler_is_a_usage_error(tmp_path):
    res = run_cli("run", str(DEMO), "--rules", str(RULES), "--out", str(tmp_path / "out"), "--send-bytes")
    assert res.returncode == 2
    assert "error: --send-bytes needs --scheduler" in res.stderr
