"""The extraction cache: a file's extracted Report, kept by the sha256 of its bytes, so that a re-run
over an unchanged corpus (or after a rule was edited) does not read a single report again.

Reading is the one stage whose result depends on nothing but the file's bytes, its type (the suffix
picks the reader), the read limits and the extractor itself; a changed rule, waiver, register or
as-of date changes findings, never what a file says. So the key is (sha256 of the bytes, suffix,
read limits, extractor version), and the extractor version covers the package version, the source
of every module that reading can run (everything but the audit, scoring, rendering and export
modules: a module added later is covered unless it is named here as not reading), the template
files under RULES/templates and the versions of the reading libraries. Any change gives new keys,
never a stale report; old entries age out.

What is never cached: a file that gave no report (a budget failure depends on the machine, a reader
crash should be retried after a fix, and both are rare), legacy .doc/.wps files (what they give
depends on whether LibreOffice is installed), and a file whose bytes changed while it was read.

The report id and file name are not part of the stored report: they are this run's (the same bytes
under two names are two reports). The cache never changes results: a stored report is exactly the
object a worker would have sent back (workers already pickle reports), so outputs are byte for byte
the same with and without it.

Stored in one SQLite file (default OUT/cache.sqlite, beside the history): one row per entry, written
in one transaction after reading, so two runs sharing it see whole entries or none. It is bounded:
an entry not used by the last KEEP_RUNS runs is deleted, and so are the least recently used ones
beyond MAX_MB. The values are pickles, loaded by an unpickler that builds only the report model's
classes and plain values, so a planted cache file cannot run code. A damaged cache file is a warning:
it is moved aside (NAME.damaged) and the run reads every file itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sqlite3
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

FORMAT = 1
KEEP_RUNS = 5  # an entry no run among the last KEEP_RUNS used is deleted
MAX_MB = 2048  # beyond this, the least recently used entries go
PACKAGE = Path(__file__).resolve().parent
# Modules that run after reading and never while a file is read: editing them keeps the cache.
NOT_READING = ("engine", "render", "scoring", "gx", "warehouse", "rules/kinds", "rules/prose")
NOT_READING_FILES = ("cli.py", "pipeline.py", "atomic_output.py", "run_record.py", "diff.py", "manifest.py")
READING_LIBRARIES = ("charset-normalizer", "pdfplumber", "pdfminer.six", "python-docx", "lxml")
# legacy formats go through LibreOffice when it is installed: what they give depends on the machine
UNCACHED_SUFFIXES = (".doc", ".wps")

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB NOT NULL, size INTEGER NOT NULL,
  used INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
"""


@cache
def _code_digest() -> str:
    h = hashlib.sha256()
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(PACKAGE).as_posix()
        if "__pycache__" in rel or rel in NOT_READING_FILES or any(rel.startswith(d + "/") for d in NOT_READING):
            continue
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def _library_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in READING_LIBRARIES:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def extractor_version(rules_dir: Path) -> str:
    """What a stored report depends on besides the file: package, reading code, templates, libraries."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pkg = version("disclosure-audit")
    except PackageNotFoundError:
        pkg = "-"
    h = hashlib.sha256(f"extract-cache-v{FORMAT}\0{pkg}\0{_code_digest()}\0{_library_versions()}\0".encode())
    tdir = Path(rules_dir) / "templates"
    for p in sorted(tdir.rglob("*")) if tdir.is_dir() else ():
        if p.is_file():
            h.update(p.relative_to(tdir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def file_digest(path: Path) -> str | None:
    """sha256 of the file's bytes; None when it cannot be read (the reader then says why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


class _ReportUnpickler(pickle.Unpickler):
    """Builds only the report model's classes and the plain values they hold."""

    ALLOWED = frozenset(
        {
            ("decimal", "Decimal"),
            ("builtins", "set"),
            ("builtins", "frozenset"),
            ("builtins", "tuple"),
            ("builtins", "list"),
            ("builtins", "dict"),
            ("copyreg", "_reconstructor"),
            ("builtins", "object"),
        }
    )

    def find_class(self, module: str, name: str):  # type: ignore[no-untyped-def]
        if module == "disclosure_audit.model" or (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a report class: {module}.{name}")


def dump_report(report: object) -> bytes:
    return zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 1)


def load_report(data: bytes) -> object:
    return _ReportUnpickler(io.BytesIO(zlib.decompress(data))).load()


@dataclass
class CacheStats:
    """What the cache did this run (the --json summary shows it; never in an output file, which must
    not depend on whether the cache was used)."""

    path: str
    hits: int = 0
    misses: int = 0
    stored: int = 0
    evicted: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "file": self.path,
            "hits": self.hits,
            "misses": self.misses,
            "stored": self.stored,
            "evicted": self.evicted,
            "warnings": list(self.warnings),
        }


class ExtractCache:
    """One run's use of the cache file: `lookup` before reading, `store` after, `close` at the end.
    Every SQLite error is a warning in `stats` and the run goes on reading for itself."""

    def __init__(self, path: Path, rules_dir: Path, keep_runs: int = KEEP_RUNS, max_mb: int = MAX_MB) -> None:
        self.path = Path(path)
        self.keep_runs = keep_runs
        self.max_bytes = max_mb << 20
        self.stats = CacheStats(str(path))
        self.version = extractor_version(rules_dir)
        self.db: sqlite3.Connection | None = None
        self._used: set[str] = set()
        self._open()

    def _warn(self, what: str) -> None:
        self.stats.warnings.append(f"cache file {self.path}: {what}")

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._connect()
        except _Foreign as exc:
            self._warn(f"not a cache file ({exc}); not used, every file is read")
        except sqlite3.OperationalError as exc:  # locked, read-only, …: nothing wrong with the file
            self._close_db()
            self._warn(f"cannot be used ({exc}); every file is read")
        except sqlite3.DatabaseError as exc:  # not a database, malformed
            self._set_aside(exc)
        except (OSError, sqlite3.Error) as exc:
            self._close_db()
            self._warn(f"cannot be used ({exc}); every file is read")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "entries" not in tables:
                raise _Foreign(f"it holds other tables ({', '.join(sorted(tables))})")
            db.executescript(SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: Exception) -> None:
        """A damaged file: keep it for inspection under NAME.damaged and start a new cache."""
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            os.replace(self.path, aside)
            Path(f"{self.path}-journal").unlink(missing_ok=True)
            self.db = self._connect()
            self._warn(f"damaged ({exc}); moved to {aside.name}, every file is read again")
        except (OSError, sqlite3.Error) as exc2:
            self._close_db()
            self._warn(f"damaged ({exc}) and cannot be replaced ({exc2}); every file is read")

    def _close_db(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None

    def key(self, digest: str, suffix: str, limits: object) -> str:
        return hashlib.sha256(f"{self.version}\0{digest}\0{suffix.lower()}\0{limits!r}".encode()).hexdigest()

    def lookup(self, key: str) -> object | None:
        """The stored report, or None (not stored, or an entry that does not load: it is re-read)."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError as exc:
            self._warn(f"cannot be read ({exc}); every file is read")
            self._close_db()
            return None
        except sqlite3.DatabaseError as exc:  # damaged inside: set aside, the next run starts afresh
            self._close_db()
            self._set_aside(exc)
            return None
        if row is None:
            return None
        try:
            report = load_report(row[0])
        except Exception as exc:  # a damaged entry: a warning and a re-read, never a crash
            self._warn(f"an entry does not load ({type(exc).__name__}); the file is read again")
            return None
        self._used.add(key)
        return report

    def store(self, entries: list[tuple[str, object]]) -> None:
        """Stores new entries, marks this run's hits as used and evicts, in one transaction."""
        if self.db is None:
            return
        try:
            self._store(entries)
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.db.rollback()
            self._warn(f"cannot be written ({exc}); this run's reports were not stored")

    def _store(self, entries: list[tuple[str, object]]) -> None:
        assert self.db is not None
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE name = 'runs'").fetchone()
        run = (int(row[0]) if row else 0) + 1
        db.execute("INSERT OR REPLACE INTO meta VALUES ('runs', ?)", (str(run),))
        db.executemany("UPDATE entries SET used = ? WHERE key = ?", [(run, k) for k in sorted(self._used)])
        blobs = [(k, dump_report(r)) for k, r in entries]
        db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", [(k, b, len(b), run) for k, b in blobs])
        self.stats.stored += len(blobs)
        evicted = db.execute("DELETE FROM entries WHERE used <= ?", (run - self.keep_runs,)).rowcount
        total = db.execute("SELECT coalesce(sum(size), 0) FROM entries").fetchone()[0]
        if total > self.max_bytes:
            over = total - self.max_bytes
            drop = []
            for key, size in db.execute("SELECT key, size FROM entries ORDER BY used, key"):
                if over <= 0:
                    break
                drop.append((key,))
                over -= size
            db.executemany("DELETE FROM entries WHERE key = ?", drop)
            evicted += len(drop)
        self.stats.evicted += evicted
        db.commit()

    def close(self) -> None:
        self._close_db()


class _Foreign(sqlite3.DatabaseError):
    """An SQLite file that is something else (a history named by mistake): never replaced."""


def read_through_cache(
    cache: ExtractCache,
    files: list[tuple[Path, str]],
    read: Callable[[list[tuple[Path, str]]], list[tuple[Any, str | None]]],
    limits: object,
) -> list[tuple[Any, str | None]]:
    """(path, report id) → (report, None) or (None, why), in order: from the cache when the file's
    bytes were read before, else by `read` (the workers), whose reports are then stored. A report is
    stored only when the file's bytes after reading are the ones hashed before it (a file edited
    while the run read it is read again next time)."""
    out: list[tuple[Any, str | None] | None] = [None] * len(files)
    keys: list[tuple[str | None, str | None]] = []
    todo: list[int] = []
    for i, (path, rid) in enumerate(files):
        suffix = path.suffix.lower()
        digest = None if suffix in UNCACHED_SUFFIXES else file_digest(path)
        key = cache.key(digest, suffix, limits) if digest is not None else None
        keys.append((key, digest))
        report = cache.lookup(key) if key is not None else None
        if report is not None:
            report.report_id = rid  # type: ignore[attr-defined]
            out[i] = (report, None)
        else:
            todo.append(i)
    cache.stats.hits += len(files) - len(todo)
    cache.stats.misses += len(todo)
    new: list[tuple[str, object]] = []
    for i, res in zip(todo, read([files[i] for i in todo]) if todo else [], strict=True):
        out[i] = res
        key, digest = keys[i]
        if res[0] is not None and key is not None and file_digest(files[i][0]) == digest:
            new.append((key, res[0]))
    cache.store(new)
    return out  # type: ignore[return-value]
