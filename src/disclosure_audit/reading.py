"""Reading files into reports in worker processes under the per-file budgets, for `run` and `extract`.

A file whose reading runs out of time or memory, or whose reader crashes, gives a reason instead of
a report, and every other file is still read (workers.WorkerPool). Budget reasons start with
`budget: ` and reader crashes with `extraction failed (`, so tools can sort them by that. Kept apart
from pipeline.py so that `extract` reads under the same budgets without importing the audit's
heavy libraries.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

from .extract import extract_file
from .ingest import ReadLimits, UnreadableFileError
from .model import Report
from .templates import get_templates
from .workers import Budget, Failure, WorkerPool, caused_by_memory

# Per-file budgets (run --file-timeout / --file-memory): generous for any real report (the largest
# sample reads in a few seconds and well under 300 MB), small enough that a hostile file cannot stall
# a run or take the machine's memory.
DEFAULT_FILE_TIMEOUT = 30.0
DEFAULT_FILE_MEMORY = 1024


def read_one(args: tuple[str, str, str, ReadLimits]) -> tuple[Report | None, str | None]:
    """Runs in a worker: (report, None) or (None, why). A MemoryError, even one a reader turned into
    "unreadable", is re-raised so that the pool reports it as the memory budget it is."""
    path, rules_dir, report_id, limits = args
    try:
        report = extract_file(Path(path), Path(rules_dir), limits)
        report.report_id = report_id
        return report, None
    except UnreadableFileError as exc:
        if caused_by_memory(exc):
            raise MemoryError from exc
        return None, str(exc)
    except Exception as exc:  # a reader bug must not lose the rest of the run
        if caused_by_memory(exc):
            raise MemoryError from exc
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return None, f"extraction failed ({type(exc).__name__}: {exc}) at {Path(tb.filename).name}:{tb.lineno}"


def budget_reason(failure: Failure, budget: Budget) -> str:
    """Why a file that hit a budget, or whose reading process died, gave no report."""
    if failure.kind == "timeout":
        return f"budget: reading took longer than {budget.seconds:g} s (limit --file-timeout)"
    if failure.kind == "memory":
        return f"budget: reading needed more than {budget.memory_mb} MB (limit --file-memory)"
    if failure.kind == "died":
        return f"extraction failed (the reading process {failure.detail})"
    return f"extraction failed ({failure.detail})"


def read_files(
    files: list[tuple[Path, str]],
    rules_dir: Path,
    *,
    jobs: int = 1,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    file_memory: int | None = DEFAULT_FILE_MEMORY,
    limits: ReadLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[Report | None, str | None]]:
    """(path, report id) → (report, None) or (None, why) each, in the order given, whatever `jobs`
    is. Every file is read in a worker process, with jobs=1 too."""
    limits = limits or ReadLimits()
    budget = Budget(file_timeout, file_memory)
    get_templates(rules_dir)  # loaded once here, so that forked workers start with it
    args = [(str(path), str(rules_dir), rid, limits) for path, rid in files]
    with WorkerPool(jobs, budget) as pool:
        outcomes = pool.run(read_one, args, progress)
    return [(None, budget_reason(o, budget)) if isinstance(o, Failure) else o for o in outcomes]
