"""Publishing a run's output folder whole: whatever kills a run, OUT is at every instant the previous
complete output or the new complete one (or absent, when there was none before).

The run writes everything into a hidden folder beside OUT (`.NAME.tmp-PID`: same parent, so the same
file system, where a rename is atomic) and puts it in OUT's place only once it is complete:

* Linux (renameat2 with RENAME_EXCHANGE; ext4, xfs, btrfs, tmpfs, …): the two folders trade names in
  one atomic step, then the previous output, now under the hidden name, is deleted. Killed at any
  instant, OUT is whole; a killed run leaves at most a hidden folder, which the next run deletes.
* elsewhere (other systems, file systems without the exchange): OUT is renamed to `.NAME.old-PID`,
  then the new folder to OUT. A run killed between the two renames leaves no OUT, with the previous
  output whole under `.NAME.old-PID`; the next run puts it back before anything else. OUT never holds
  a mix of two runs.

The history: when it lives in OUT (the default, OUT/history.sqlite) the run reads and writes a copy
inside the new folder, commits its record there in one transaction after every output is written, and
that copy replaces OUT's history together with the outputs. A history outside OUT gets the run's
record (one transaction) only after the new outputs are in place. Either way the history never holds a
run whose outputs were not published.

Whatever else OUT holds (files a user put there, a history this run does not use, the marker file of
an older output) and this run does not write is carried into the new folder (hard links where the file
system allows, else copies) before the swap: nothing in OUT is lost.

So the run needs to write in OUT's parent folder, and OUT must not be a mount point (a mount point
cannot be renamed): both are checked before the audit starts, with a message that says so.

Not covered: power loss (nothing is fsynced, so after a crash of the machine a renamed folder's files
may not have reached the disk) and two runs into one OUT at once (each output is whole; the last to
finish wins, and so does its history).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from .checkpoints import checkpoint

# "rename": use the two-rename fallback even where the exchange exists (so its tests run on Linux)
SWAP_ENV = "DISCLOSURE_AUDIT_SWAP"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The output folder or the history cannot be written; the message is the user's one line."""


@dataclass
class Staging:
    out: Path  # the output folder, absolute, symlinks resolved
    tmp: Path  # where this run writes its outputs
    # the history file the run reads during the audit and records into (in `tmp` when the history
    # lives in OUT); None without history
    history: Path | None = None
    # where that history file ends up: its place in `tmp` (before the swap) or the file itself
    history_target: Path | None = None
    history_in_out: bool = False
    published: bool = False
    # the extraction cache the run uses, where it is: a cache in OUT is used in place (it is not an
    # output and never changes one, so it need not wait for the swap; the swap carries it over by a
    # hard link) or, when OUT has none yet, created in `tmp` and published with the outputs
    cache: Path | None = None

    @property
    def shown_history(self) -> Path | None:
        """The history file as the user knows it (OUT/…, not the run's working copy)."""
        if self.history_in_out and self.history_target is not None:
            return self.out / self.history_target.relative_to(self.tmp)
        return self.history

    @property
    def shown_cache(self) -> Path | None:
        """The cache file as the user knows it (OUT/…, also while it is still in `tmp`)."""
        if self.cache is not None and self.tmp in self.cache.parents:
            return self.out / self.cache.relative_to(self.tmp)
        return self.cache


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _out_error(out: Path, reason: str) -> OutputError:
    return OutputError(f"cannot write output to {out}: {reason}")


def _history_error(path: Path, reason: str) -> OutputError:
    return OutputError(f"cannot use history file {path}: {reason}")


def _leftovers(out: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(out.name)}\.(tmp|old)-(\d+)")


def _alive(pid: int) -> bool:
    """Whether the run that left a hidden folder may still be writing it. Our own pid is never another
    live run: a folder with it was left by an earlier process that had the same pid."""
    if pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    except OSError:
        return False
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()


def recover(out: Path) -> None:
    """Clean up after runs killed before they finished: put back a previous output that a run killed
    between its two renames left under `.NAME.old-PID` (only when OUT is missing), then delete every
    other hidden folder of dead runs. Folders of runs still alive are left alone."""
    parent = out.parent
    if not parent.is_dir():
        return
    pattern = _leftovers(out)
    stale: list[tuple[str, Path]] = []
    for p in sorted(parent.iterdir()):
        m = pattern.fullmatch(p.name)
        if m and not _alive(int(m.group(2))):
            stale.append((m.group(1), p))
    if not out.exists() and not out.is_symlink():
        olds = [p for kind, p in stale if kind == "old" and p.is_dir()]
        if olds:
            os.rename(olds[-1], out)
            stale = [(k, p) for k, p in stale if p != olds[-1]]
    for _, p in stale:
        _remove(p)


def prepare(out: Path, history: Path | None, protect: dict[str, Path], cache: Path | None = None) -> Staging:
    """Before the audit starts: check that OUT can be written (and the history used), recover what
    killed runs left, and create the folder this run writes into. `protect` names folders OUT must not
    be or contain (the reports folder, the current folder): replacing OUT would move them."""
    out = Path(os.path.abspath(out))
    if out.is_symlink():
        out = out.resolve()  # the folder the link points to is the one replaced
    if out.exists() and not out.is_dir():
        raise _out_error(out, "it is a file, not a folder")
    existing = next(p for p in out.parents if p.exists())
    if not existing.is_dir():
        raise _out_error(out, f"{existing} is a file, not a folder")
    for what, p in protect.items():
        held = Path(os.path.abspath(p)).resolve()
        if held == out.resolve() or out.resolve() in held.parents:
            raise _out_error(out, f"it holds {what} ({p}); name a folder of its own")
    if out.is_dir() and os.path.ismount(out):
        raise _out_error(
            out, f"it is a mount point, which cannot be replaced whole; use a folder in it ({out / 'audit'})"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        recover(out)
        tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        tmp.mkdir()
    except OSError as exc:
        # the run needs to write beside OUT, not only in it
        raise _out_error(out, f"cannot write in {out.parent} ({_reason(exc)})") from None
    stage = Staging(out=out, tmp=tmp)
    try:
        if history is not None:
            _stage_history(stage, Path(os.path.abspath(history)))
        if cache is not None:
            _stage_cache(stage, Path(os.path.abspath(cache)))
    except BaseException:
        _remove(tmp)
        raise
    checkpoint("output folder staged")
    return stage


def _stage_history(stage: Staging, history: Path) -> None:
    if history.is_dir():
        raise _history_error(history, "it is a folder")
    resolved = history.resolve()
    if stage.out.resolve() in resolved.parents:
        stage.history_in_out = True
        stage.history_target = stage.tmp / resolved.relative_to(stage.out.resolve())
        # a hidden name until committed: a run whose reports folder holds OUT never reads it as a report
        stage.history = stage.history_target.with_name(f".{stage.history_target.name}.work")
        stage.history.parent.mkdir(parents=True, exist_ok=True)
        if resolved.exists():
            _copy_db(resolved, stage.history)
        return
    stage.history = stage.history_target = history
    try:
        history.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _history_error(history, _reason(exc)) from None
    if not os.access(history.parent, os.W_OK) or (history.exists() and not os.access(history, os.W_OK)):
        raise _history_error(history, "permission denied")
    if history.exists():
        try:
            with closing(sqlite3.connect(history)) as db:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise _history_error(history, str(exc)) from None


def _stage_cache(stage: Staging, cache: Path) -> None:
    resolved = cache.resolve()
    if stage.out.resolve() in resolved.parents:
        rel = resolved.relative_to(stage.out.resolve())
        live = stage.out / rel
        stage.cache = live if live.is_file() else stage.tmp / rel
    else:
        stage.cache = cache


def _copy_db(src: Path, dst: Path) -> None:
    """A consistent copy. A database with no journal beside it is whole as it is on disk (no run is
    writing it: two runs into one OUT are not covered), so its bytes are copied by the kernel (3-4×
    faster than page by page through SQLite; a hard link cannot do, the run writes into the copy before
    the swap). With a journal (a run killed while recording), through SQLite, which rolls it back
    instead of copying half a transaction."""
    if not any(Path(f"{src}{end}").exists() for end in ("-journal", "-wal")):
        try:
            shutil.copyfile(src, dst)
            with closing(sqlite3.connect(dst)) as d:
                d.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return
        except (OSError, sqlite3.Error):
            with suppress(OSError):
                dst.unlink()
    try:
        with closing(sqlite3.connect(src)) as s, closing(sqlite3.connect(dst)) as d:
            s.backup(d)
    except sqlite3.Error as exc:
        raise _history_error(src, str(exc)) from None


def publish(stage: Staging, record: Callable[[Path], None] | None) -> None:
    """Once every output is in `stage.tmp`: commit the history kept in OUT into the new folder, carry
    over what else OUT holds, put the new folder in OUT's place, then record into a history kept
    outside OUT. `record(path)` stores this run in the history at `path` in one transaction."""
    if record is not None and stage.history_in_out:
        assert stage.history is not None and stage.history_target is not None
        record(stage.history)
        checkpoint("history: committed into the new output")
        os.replace(stage.history, stage.history_target)
        checkpoint("history: in place in the new output")
    if stage.out.is_dir():
        merge = set()
        if stage.history_in_out and stage.history_target is not None:
            rel = stage.history_target.relative_to(stage.tmp)
            merge = {p.as_posix() for p in rel.parents if p.as_posix() != "."}
        _carry_over(stage.out, stage.tmp, merge)
    _swap(stage)
    stage.published = True
    if record is not None and not stage.history_in_out:
        assert stage.history is not None
        record(stage.history)
        checkpoint("history: committed")


def abandon(stage: Staging) -> None:
    """A run that stops before publishing deletes its unfinished folder; OUT stays as it was."""
    if not stage.published:
        _remove(stage.tmp)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _carry_over(src: Path, dst: Path, merge: set[str], rel: str = "") -> None:
    """Everything in `src` that the run did not write into `dst`. Folders the run wrote (agencies/,
    rules/) are its own and replace the old ones whole; only the folders that hold the history are
    merged (`merge`, paths relative to OUT)."""
    for entry in sorted(src.iterdir()):
        target = dst / entry.name
        here = rel + entry.name
        if target.exists() or target.is_symlink():
            if here in merge and entry.is_dir() and not entry.is_symlink() and target.is_dir():
                _carry_over(entry, target, merge, here + "/")
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _exchange(a: Path, b: Path) -> bool:
    """True when `a` and `b` traded names in one atomic step; False where this system or file system
    cannot do that."""
    if not sys.platform.startswith("linux") or os.environ.get(SWAP_ENV) == "rename":
        return False
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no libc symbol (glibc before 2.28)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(stage: Staging) -> None:
    out, tmp = stage.out, stage.tmp
    checkpoint("before swap")
    if not out.exists():
        os.rename(tmp, out)
        checkpoint("first output in place")
        return
    shutil.copymode(out, tmp)  # the folder keeps the permissions it had
    if _exchange(tmp, out):
        checkpoint("exchanged: previous output under the hidden name")
        _remove(tmp)
        checkpoint("previous output deleted")
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.rename(out, old)
    checkpoint("previous output moved aside")
    os.rename(tmp, out)
    checkpoint("new output in place")
    _remove(old)
    checkpoint("previous output deleted")
