"""`run --scheduler` on a loopback Dask cluster against the local run, on the same corpus.

    python benchmarks/bench_dask.py --corpus DIR [--workers 2] [--threads 1] [--repeat 1]

Starts a `dask scheduler` and WORKERS `dask worker` processes on 127.0.0.1 (killed, whole process
groups, at the end), then times, each REPEAT times and in turns: the local run (`--jobs 2`), the
cluster run reading by path, and the cluster run sending bytes (`--send-bytes`); checks that the
three output folders are byte for byte the same (SOURCE_DATE_EPOCH pinned); and measures what a
report costs on the wire (its pickle, what a worker sends back). Peak RSS is the client's (the
`disclosure-audit` process), from wait4. On a loopback cluster on one machine the workers share the
client's cores, so this measures the overhead of the cluster, not a speed-up: that needs more
machines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "disclosure_audit.cli"]


def start_cluster(tmp: Path, workers: int, threads: int) -> tuple[str, list[subprocess.Popen]]:
    procs: list[subprocess.Popen] = []
    sched_file = tmp / "scheduler.json"

    def start(args: list[str], name: str, cwd: Path) -> None:
        with open(tmp / f"{name}.log", "wb") as log:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", *args], stdout=log, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True
                )
            )

    start(
        [
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(sched_file),
        ],
        "scheduler",
        tmp,
    )
    while not (sched_file.exists() and sched_file.stat().st_size):
        time.sleep(0.1)
    address = json.loads(sched_file.read_text())["address"]
    for k in range(workers):
        work = tmp / f"w{k}"
        work.mkdir()
        start(
            [
                "distributed.cli.dask_worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                str(threads),
                "--no-dashboard",
                "--host",
                "127.0.0.1",
                "--local-directory",
                str(work),
            ],
            f"worker{k}",
            work,
        )
    from distributed import Client

    with Client(address, timeout=60) as c:
        c.wait_for_workers(workers, timeout=120)
    return address, procs


def stop(procs: list[subprocess.Popen]) -> None:
    for p in reversed(procs):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def timed_run(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB of the client process, exit status)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    t0 = time.perf_counter()
    p = subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, p.returncode


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def wire_bytes(corpus: Path, sample: int) -> tuple[float, float]:
    """Mean bytes of a file and of its pickled Report (what a worker sends back), over `sample`
    files read locally."""
    from disclosure_audit.pipeline import find_inputs
    from disclosure_audit.reading import read_files

    files = find_inputs(corpus).files[:sample]
    read = read_files([(f, f.name) for f in files], ROOT / "rules", jobs=2)
    pickles = [len(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for r, _ in read if r is not None]
    return sum(f.stat().st_size for f in files) / len(files), sum(pickles) / max(1, len(pickles))


def extraction_only(corpus: Path, address: str) -> dict[str, float]:
    """Wall seconds of reading alone (the part that runs on the workers), in this process: the
    local reader with 2 processes, and the cluster reader by path and sending bytes."""
    from disclosure_audit.distributed import close_all, connect, read_on_cluster
    from disclosure_audit.pipeline import find_inputs
    from disclosure_audit.reading import read_files

    files = [(f, f.name) for f in find_inputs(corpus).files]
    rules = ROOT / "rules"
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    local = read_files(files, rules, jobs=2)
    out["local read_files(jobs=2)"] = time.perf_counter() - t0
    try:
        for label, send in (("cluster, by path", False), ("cluster, bytes", True)):
            cluster = connect(address, send_bytes=send)
            t0 = time.perf_counter()
            got = read_on_cluster(cluster, files, rules)
            out[label] = time.perf_counter() - t0
            assert got == local, f"{label}: reports differ from the local reader's"
    finally:
        close_all()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    address, procs = start_cluster(tmp, a.workers, a.threads)
    from disclosure_audit.pipeline import find_inputs

    n = len(find_inputs(a.corpus).files)
    try:
        common = ["run", str(a.corpus), "--rules", str(ROOT / "rules"), "-q", "--no-history", "--as-of", "2024-06-30"]
        kinds = {
            "local --jobs 2": ["--jobs", "2"],
            f"--scheduler (by path, {a.workers}×{a.threads} threads)": ["--scheduler", address],
            f"--scheduler --send-bytes ({a.workers}×{a.threads} threads)": ["--scheduler", address, "--send-bytes"],
        }
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
        outs: dict[str, dict[str, bytes]] = {}
        for _ in range(a.repeat):
            for k, extra in kinds.items():
                out = tmp / "out"
                secs, rss, code = timed_run([*common, "--out", str(out), *extra])
                assert code in (0, 1), f"{k}: exit {code}"
                times[k].append((secs, rss))
                outs[k] = tree(out)
                shutil.rmtree(out)
        first = next(iter(outs.values()))
        same = all(o == first for o in outs.values())
        file_b, report_b = wire_bytes(a.corpus, 200)
        reading = extraction_only(a.corpus, address)
        print(f"corpus: {a.corpus} ({n} entries); outputs byte-identical: {same}")
        print("| run | wall s (best) | reports/s | client peak RSS MB |")
        print("|---|---|---|---|")
        for k, ts in times.items():
            best = min(t for t, _ in ts)
            print(f"| {k} | {best:.1f} | {n / best:.0f} | {max(r for _, r in ts):.0f} |")
        for k, secs in reading.items():
            print(f"reading only, {k}: {secs:.1f} s ({n / secs:.0f} reports/s)")
        print(f"mean file: {file_b / 1024:.1f} KB; mean pickled Report (worker → client): {report_b / 1024:.1f} KB")
    finally:
        stop(procs)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
