"""Agency pages rendered in worker processes (`--jobs N`): the largest part of the site, one page
per report, each independent of the others.

Pages go out in chunks of consecutive reports, each what its pages need (the run's shared page
context, and per report its report, score, findings, check outcomes, trend and previous-year
score), never the whole result; its worker writes the pages itself, so only a count comes back.
Where workers are forked (Linux) they already hold those pieces, set aside before the pool starts,
and a call sends only a chunk's bounds: pickling the pieces of 1,000 pages (26 MB) cost 2.7 s to
send and as much to receive, as long as rendering them. Elsewhere (spawn) the pieces are sent.
The workers are the same reusable pool that reads the reports (workers.py).
A page is the same bytes whoever renders it: the same function renders it in the main process
with `--jobs 1`. A chunk whose worker fails (it died, ran out of memory) is rendered again in the
main process, where a real bug in a page raises as it always did.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..workers import Budget, WorkerPool

# Enough chunks per worker that a slow chunk at the end does not leave the other worker idle, and
# few enough that the shared context (pickled once per chunk) is not sent thousands of times.
CHUNKS_PER_WORKER = 4
MAX_CHUNK = 64

_ENV = None
# (shared, pages) of the write in progress, for forked workers to read: set before the pool starts
_FORKED: tuple[dict, list[dict]] | None = None


def _env():
    """One jinja environment per process: compiling and loading the templates once, not per chunk."""
    global _ENV
    if _ENV is None:
        from .html import _env as make_env

        _ENV = make_env()
    return _ENV


def _write_chunk(arg: tuple[Path, dict, list[dict]]) -> int:
    from .html import agency_page
    from .slugs import page_path

    out_dir, shared, pages = arg
    env = _env()
    for page in pages:
        path = out_dir / page_path(page["report"].report_id)
        path.parent.mkdir(parents=True, exist_ok=True)  # a long id's page sits in folders (slugs)
        path.write_text(agency_page(env, shared, page), encoding="utf-8")
    return len(pages)


def _write_slice(arg: tuple[Path, int, int]) -> int:
    out_dir, start, end = arg
    assert _FORKED is not None, "a forked worker holds the pages"
    shared, pages = _FORKED
    return _write_chunk((out_dir, shared, pages[start:end]))


def chunks(pages: list[dict], jobs: int) -> list[list[dict]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(pages) / (jobs * CHUNKS_PER_WORKER))))
    return [pages[i : i + size] for i in range(0, len(pages), size)]


def write_pages(out_dir: Path, shared: dict, pages: list[dict], jobs: int = 1) -> None:
    """Every page into `out_dir`; with `jobs` > 1 (and more than one chunk) in worker processes.
    Rendering has no time or memory budget, as in the main process: a page is of a report
    that was already read within its budget."""
    parts = chunks(pages, jobs)
    if jobs <= 1 or len(parts) < 2:
        _write_chunk((out_dir, shared, pages))
        return
    global _FORKED
    _FORKED = (shared, pages)
    try:
        with WorkerPool(min(jobs, len(parts)), Budget(seconds=None, memory_mb=None)) as pool:
            if pool.shares_memory:
                bounds, start = [], 0
                for part in parts:
                    bounds.append((out_dir, start, start + len(part)))
                    start += len(part)
                done = pool.run(_write_slice, bounds)
            else:
                done = pool.run(_write_chunk, [(out_dir, shared, part) for part in parts])
    finally:
        _FORKED = None
    for part, result in zip(parts, done, strict=True):
        if not isinstance(result, int):  # a Failure: the main process renders it, or raises
            _write_chunk((out_dir, shared, part))
