"""Reading the reports on an existing Dask distributed cluster, for `run --scheduler ADDRESS`.

Only reading (extraction) runs on the workers: it is the one stage that is independent per report.
The engine runs every rule over all reports at once on stacked frames (cross-report rules such as
copied text and cross-year need them all), so stacking, rules, scoring and rendering stay on the
client, which therefore holds every report in memory as a local run does.

What this module guarantees, so that a cluster run's output equals a local run's byte for byte:
- each worker task reads its files with `reading.read_files`, the local reader, so a file meets the
  same per-file budgets (time, memory) in a forked process on the worker and gives the same report or
  the same reason; a hostile file costs that file, never the worker;
- the worker reads with the client's templates (sent once, content-addressed), never with whatever
  rules folder its own disk holds, and refuses to work when its package code differs from the
  client's (a different reader could read a different report);
- a file goes by path only when the worker sees the same file (same size and modification time),
  else the client sends its bytes; a worker can be told never to read client paths
  (DISCLOSURE_AUDIT_WORKER_PATHS=no in its environment);
- files are submitted in batches, a bounded number at once (never 100k futures), and placed back in
  input order; a batch whose task fails even after Dask's retries is split into single files, and a
  file whose task still fails (its workers keep dying) is reported unreadable, like a local reader
  crash.

`dask` and `distributed` are imported only here, and only when `--scheduler` is given.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ingest import ReadLimits
from .model import Report
from .reading import DEFAULT_FILE_MEMORY, DEFAULT_FILE_TIMEOUT

# Files per task: enough that the task's overhead (scheduling, one fork for the budgeted reader,
# a round trip) is small beside reading them, few enough that a lost worker re-reads little.
FILES_PER_TASK = 16
# Tasks in flight per worker thread: keeps every thread busy while results travel back, and bounds
# the client's memory (in bytes mode, the files' bytes of the tasks in flight).
TASKS_PER_THREAD = 2
# Dask re-runs a task whose worker died this many times more (the scheduler's own
# `allowed-failures` then decides when the task is lost: KilledWorker).
TASK_RETRIES = 2
CONNECT_TIMEOUT = 10.0
# In a worker's environment, "no": the worker reads only the bytes it is sent, never a client path
# (a worker that must not read the shared file system, or sees another one under the same names).
WORKER_PATHS_ENV = "DISCLOSURE_AUDIT_WORKER_PATHS"

_UNSEEN = "unseen"  # a task's answer for a file it was sent by path and cannot see


class ClusterError(Exception):
    """The cluster cannot run this job: its scheduler cannot be reached, it has no workers, its
    workers cannot import this package or run other code, or the client lost it."""


@dataclass
class Cluster:
    """A connected client and how files go to its workers: `send_bytes` True (always the bytes),
    False (always by path) or None (by path when the workers see the files, else bytes)."""

    address: str
    client: Any
    send_bytes: bool | None = None
    fingerprint: str = ""
    threads: int = 1
    # measured on the last read: files sent by path and as bytes, and the bytes of results received
    sent: dict[str, int] = field(default_factory=dict)


_CLUSTERS: dict[str, Cluster] = {}


def code_fingerprint() -> str:
    """A hash of this package's Python source: client and workers must run the same reader, or a
    cluster run could differ from a local one. Cached: it is asked once per task."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.sha256()
        root = Path(__file__).parent
        for p in sorted(root.rglob("*.py")):
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
        _FINGERPRINT = h.hexdigest()[:16]
    return _FINGERPRINT


_FINGERPRINT: str | None = None


def connect(address: str, *, send_bytes: bool | None = None, timeout: float = CONNECT_TIMEOUT) -> Cluster:
    """Connect to the scheduler at `address`, wait for a worker and check that the workers run this
    package's code; raise ClusterError, before any work, when one of these fails. Connections are
    kept per address for the rest of the process (the pipeline asks for the same one by address)."""
    if address in _CLUSTERS:
        cluster = _CLUSTERS[address]
        if send_bytes is not None:
            cluster.send_bytes = send_bytes
        return cluster
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(
            "--scheduler needs the Dask distributed package: pip install 'disclosure-audit[dask]'"
        ) from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # OSError, TimeoutError, ValueError for a malformed address …
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {type(exc).__name__}: {exc}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except Exception:
            raise ClusterError(f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)") from None
        try:
            prints = client.run(code_fingerprint)
        except Exception as exc:
            raise ClusterError(
                f"the Dask workers cannot run disclosure-audit ({type(exc).__name__}: {exc}): install the same"
                " version on every worker"
            ) from None
        mine = code_fingerprint()
        other = sorted(w for w, fp in prints.items() if fp != mine)
        if other:
            raise ClusterError(
                f"Dask workers {', '.join(other)} run other disclosure-audit code than this client: install the"
                " same version on every worker"
            )
        threads = sum(client.nthreads().values()) or 1
    except BaseException:
        client.close()
        raise
    cluster = Cluster(address, client, send_bytes, mine, threads)
    _CLUSTERS[address] = cluster
    return cluster


def close_all() -> None:
    """Close every connection `connect` made (the CLI does it when the run ends)."""
    while _CLUSTERS:
        _, cluster = _CLUSTERS.popitem()
        with contextlib.suppress(Exception):
            cluster.client.close()


def cluster_reader(address: str) -> Callable[..., list[tuple[Report | None, str | None]]]:
    """A reader with `reading.read_files`' signature and contract that reads on the cluster at
    `address` (the pipeline swaps it in when `--scheduler` is given)."""

    def read(files: list[tuple[Path, str]], rules_dir: Path, **kwargs: Any) -> list[tuple[Report | None, str | None]]:
        return read_on_cluster(connect(address), files, rules_dir, **kwargs)

    return read


# --- the worker's side -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    index: int
    path: str  # the client's absolute path
    report_id: str
    size: int
    mtime_ns: int
    data: bytes | None = None  # the file's bytes, when it is not read by path


def _sees(path: str, size: int, mtime_ns: int) -> bool:
    """Whether this worker may read `path` itself: the same file the client sees (size and
    modification time agree) and reading client paths is not refused here."""
    if os.environ.get(WORKER_PATHS_ENV, "").strip().lower() in ("no", "0", "false"):
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_size == size and st.st_mtime_ns == mtime_ns


def _sees_all(samples: list[tuple[str, int, int]]) -> bool:
    return all(_sees(*s) for s in samples)


def _templates_dir(templates: dict[str, bytes]) -> Path:
    """The client's templates as a rules folder on this worker, written once per content (its
    hash names the folder; written aside and renamed, so concurrent tasks never see half of it)."""
    h = hashlib.sha256()
    for name in sorted(templates):
        h.update(name.encode() + b"\0" + templates[name] + b"\0")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    target = Path(tempfile.gettempdir()) / f"disclosure-audit-rules-{h.hexdigest()[:16]}-{uid}"
    with contextlib.suppress(OSError):  # a folder of that name someone else made is not trusted
        st = target.lstat()
        if (hasattr(os, "getuid") and st.st_uid != uid) or target.is_symlink() or not target.is_dir():
            target = Path(tempfile.mkdtemp(prefix="disclosure-audit-rules-own-"))
    if not (target / "templates").is_dir():
        aside = Path(tempfile.mkdtemp(prefix="disclosure-audit-rules-tmp-"))
        (aside / "templates").mkdir()
        for name, data in templates.items():
            (aside / "templates" / name).write_bytes(data)
        try:
            aside.rename(target)
        except OSError:  # another task put it there first
            shutil.rmtree(aside, ignore_errors=True)
    return target


def _allow_children() -> None:
    """Dask starts its worker processes as daemons, and multiprocessing refuses to start a child
    from a daemon; the budgeted reader needs one. The flag only guards that refusal (our children
    are daemons themselves and end with the worker), so it is lifted for this worker process."""
    import multiprocessing

    proc = multiprocessing.current_process()
    if proc.daemon:
        proc._config["daemon"] = False  # type: ignore[attr-defined]


def read_batch(
    items: list[_Item],
    templates: dict[str, bytes],
    budget: tuple[float | None, int | None],
    limits: ReadLimits,
    fingerprint: str,
) -> tuple[str, Any]:
    """Runs on a worker: ("ok", [(report, None) | (None, why) | "unseen", …] in the order of
    `items`) or ("code", the worker's fingerprint) when it runs other code than the client."""
    from .reading import read_files

    if code_fingerprint() != fingerprint:
        return "code", code_fingerprint()
    _allow_children()
    rules_dir = _templates_dir(templates)
    tmp = Path(tempfile.mkdtemp(prefix="disclosure-audit-files-"))
    try:
        todo: list[tuple[int, Path]] = []
        out: list[Any] = [_UNSEEN] * len(items)
        for k, it in enumerate(items):
            if it.data is None:
                if _sees(it.path, it.size, it.mtime_ns):
                    todo.append((k, Path(it.path)))
                continue
            # the file's own name (readers go by its suffix; a report's `file` is its name)
            where = tmp / str(k) / Path(it.path).name
            where.parent.mkdir()
            where.write_bytes(it.data)
            todo.append((k, where))
        read = read_files(
            [(p, items[k].report_id) for k, p in todo],
            rules_dir,
            jobs=1,
            file_timeout=budget[0],
            file_memory=budget[1],
            limits=limits,
        )
        for (k, p), (report, why) in zip(todo, read, strict=True):
            if why is not None and str(p) != items[k].path:  # a reason naming the copy names the file
                why = why.replace(str(p), items[k].path)
            out[k] = (report, why)
        return "ok", out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- the client's side -------------------------------------------------------------------------


def _templates_of(rules_dir: Path) -> dict[str, bytes]:
    tdir = Path(rules_dir) / "templates"
    return {p.name: p.read_bytes() for p in sorted(tdir.glob("*.yaml"))}


def _lost(exc: BaseException) -> bool:
    """Whether a failed task means the client lost the cluster (not that the file is bad)."""
    from distributed.client import FutureCancelledError

    return isinstance(exc, FutureCancelledError) or type(exc).__name__ in ("CancelledError", "CommClosedError")


def _failed_reason(exc: BaseException) -> str:
    """A file whose task failed even alone, after Dask's retries: unreadable, with a reason that
    does not depend on which worker ran it (so that reruns agree)."""
    if type(exc).__name__ == "KilledWorker":
        return "extraction failed (the Dask workers reading it died repeatedly; it is taken as unreadable)"
    return f"extraction failed (on the Dask cluster: {type(exc).__name__}: {exc})"


def read_on_cluster(
    cluster: Cluster,
    files: list[tuple[Path, str]],
    rules_dir: Path,
    *,
    jobs: int = 1,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    file_memory: int | None = DEFAULT_FILE_MEMORY,
    limits: ReadLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[Report | None, str | None]]:
    """`reading.read_files` on the cluster: (report, None) or (None, why) per (path, report id), in
    the order given. `jobs` is not used: the cluster's threads are the workers. A file the client
    cannot stat or read to send is read here, locally, under the same budgets."""
    from distributed import as_completed

    from .reading import read_files

    del jobs
    limits = limits or ReadLimits()
    client = cluster.client
    n = len(files)
    results: list[Any] = [None] * n
    items: list[_Item] = []
    local: list[int] = []
    for i, (path, rid) in enumerate(files):
        try:
            st = os.stat(path)
        except OSError:
            local.append(i)
            continue
        items.append(_Item(i, os.path.abspath(path), rid, st.st_size, st.st_mtime_ns))
    send_bytes = cluster.send_bytes
    if send_bytes is None and items:  # probe once: do the workers see the client's files?
        samples = [(it.path, it.size, it.mtime_ns) for it in (items[0], items[len(items) // 2], items[-1])]
        try:
            send_bytes = not all(client.run(_sees_all, samples).values())
        except Exception:
            send_bytes = True
    templates = client.scatter(_templates_of(rules_dir), broadcast=True)
    budget = (file_timeout, file_memory)
    counts = {"by path": 0, "as bytes": 0}

    def with_bytes(batch: list[_Item]) -> list[_Item]:
        out = []
        for it in batch:
            try:
                data = Path(it.path).read_bytes()
            except OSError:
                local.append(it.index)
                continue
            out.append(_Item(it.index, it.path, it.report_id, it.size, it.mtime_ns, data))
        return out

    pending = [items[k : k + FILES_PER_TASK] for k in range(0, len(items), FILES_PER_TASK)]
    pending.reverse()  # popped from the end: submitted in input order
    retry: list[list[_Item]] = []  # single files of a failed batch, and files resent as bytes
    meta: dict[Any, list[_Item]] = {}
    done = 0
    running = as_completed(loop=client.loop)

    def submit(batch: list[_Item]) -> None:
        if not batch:
            return
        fut = client.submit(
            read_batch, batch, templates, budget, limits, cluster.fingerprint, pure=False, retries=TASK_RETRIES
        )
        counts["as bytes" if batch[0].data is not None else "by path"] += len(batch)
        meta[fut] = batch
        running.add(fut)

    def fill() -> None:
        while len(meta) < max(2, TASKS_PER_THREAD * cluster.threads) and (retry or pending):
            batch = retry.pop() if retry else pending.pop()
            submit(with_bytes(batch) if send_bytes and batch[0].data is None else batch)

    fill()
    try:
        while meta:
            fut = next(running)
            batch = meta.pop(fut)
            if fut.status != "finished" and fut.status != "error":
                raise ClusterError(f"lost the Dask cluster at {cluster.address}: a task was {fut.status}")
            if fut.status == "error":
                exc = fut.exception()
                if _lost(exc):
                    raise ClusterError(f"lost the Dask cluster at {cluster.address}: {type(exc).__name__}: {exc}")
                if len(batch) > 1:  # which file was it? each alone
                    retry.extend([it] for it in reversed(batch))
                else:
                    results[batch[0].index] = (None, _failed_reason(exc))
                    done += 1
            else:
                status, answer = fut.result()
                if status == "code":
                    raise ClusterError(
                        f"a Dask worker runs other disclosure-audit code ({answer}) than this client"
                        f" ({cluster.fingerprint}): install the same version on every worker"
                    )
                unseen = [it for it, a in zip(batch, answer, strict=True) if a == _UNSEEN]
                for it, a in zip(batch, answer, strict=True):
                    if a != _UNSEEN:
                        results[it.index] = a
                        done += 1
                if unseen:  # this worker does not see them: send their bytes (and from now on)
                    send_bytes = True
                    retry.append(with_bytes(unseen))
            fut.release()
            if progress:
                progress(done, n)
            fill()
    except BaseException:
        for f in list(meta):
            f.cancel()
        raise
    finally:
        client.cancel(templates)
    if local:  # files the client could not stat or read: read here, as a local run would
        local.sort()
        read = read_files(
            [files[i] for i in local],
            rules_dir,
            jobs=1,
            file_timeout=file_timeout,
            file_memory=file_memory,
            limits=limits,
        )
        for i, r in zip(local, read, strict=True):
            results[i] = r
        if progress:
            progress(n, n)
    counts["local"] = len(local)
    cluster.sent = counts
    assert all(r is not None for r in results), "a file went missing on the cluster"
    return results
