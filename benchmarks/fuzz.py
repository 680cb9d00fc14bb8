"""The long fuzz run: N damaged or hostile files (benchmarks/mutations.py) through the real pipeline.

Usage: python benchmarks/fuzz.py --n 10000 [--seed S] [--jobs N] [--batch 100] [--timeout 60]
       [--stage-timeout 900] [--bomb-mb 300] [--mem-mb 3072] [--no-render] [--examples DIR]

Mutants are written in batches to a temporary folder; each batch is read by a worker process (this
file with --worker) that extracts one file at a time exactly as `pipeline.extract_all` does,
reporting each file as it starts and ends, then runs the rules, scoring and (unless --no-render) every
output over the batch. A watchdog kills a worker that makes no progress for --timeout seconds: the
file it was on is a hang, and a new worker carries on with the rest. Every mutant ends up as exactly
one of

  audited       a report came out
  unreadable    a FileError with a reason (the file is named, the run went on)
  budget        a FileError starting with "budget: " (per-file time/memory budgets)
  caught        unreadable, but the reason is a reader's internal exception caught at its border
                ("cannot read DOCX: KeyError: …"): not a crash, and a hint where messages could be clearer
  crash         a FileError starting "extraction failed (" (a reader raised something unexpected), or
                the worker died with a traceback or a signal while on this file
  hang          the watchdog fired on this file

A crash of the audit or render stage over a batch is counted once per batch (`stage crash`), and so
are rules that raised (`broken rules`). The first few examples of every failure kind are copied to
--examples with the message or traceback beside them. Exit status 1 if any crash or hang.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("audited", "unreadable", "budget", "caught", "crash", "hang")
FAILURES = ("crash", "hang", "budget", "caught", "stage_crash", "broken_rules")
CAUGHT = re.compile(r"^cannot (?:read|open|parse) \w+: [A-Z]\w*(?:Error|Exception|Exit|Interrupt)\b")
EXAMPLES_PER_KIND = 5


def classify(message: str | None) -> str:
    if message is None:
        return "audited"
    if message.startswith("extraction failed ("):
        return "crash"
    if message.startswith("budget: "):
        return "budget"
    if CAUGHT.match(message):
        return "caught"
    return "unreadable"


# --------------------------------------------------------------------------- worker (one process per batch)


def worker(folder: Path, files: list[str], rules: Path, render: bool) -> int:
    """Protocol on the original stdout, one JSON object a line; library chatter goes to stderr."""
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    def say(**kw) -> None:
        proto.write(json.dumps(kw, ensure_ascii=False) + "\n")

    from disclosure_audit.pipeline import audit_reports, extract_all

    reports, errors = [], []
    for name in files:
        say(start=name)
        rs, es = extract_all([folder / name], folder, rules)
        reports += rs
        errors += es
        say(done=name, message=es[0].message if es else None)
    say(stage="audit")
    try:
        result = audit_reports(reports, folder, rules, file_errors=errors)
        if render:
            from disclosure_audit.render import write_outputs

            write_outputs(result, folder.parent / f"{folder.name}_out", "zh")
    except Exception:
        say(stage_crash=traceback.format_exc())
        return 3
    say(finished=True, broken_rules=[str(b) for b in result.broken_rules])
    return 0


# --------------------------------------------------------------------------- parent


@dataclass
class Outcome:
    kinds: dict[str, str] = field(default_factory=dict)  # file → kind
    messages: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    stage_crashes: list[str] = field(default_factory=list)
    broken_rules: list[str] = field(default_factory=list)


def _limit_memory(mb: int):
    def apply() -> None:
        import resource

        os.setsid()
        if mb:
            resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))

    return apply


def run_batch(folder: Path, files: list[str], args) -> Outcome:
    """Run workers over `files` until every one has an outcome; a hang or death costs one file."""
    out = Outcome()
    todo = list(files)
    while todo:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(folder), "--rules", str(args.rules)]
        cmd += ["--worker-render"] if args.render else []
        listing = folder.parent / f"{folder.name}.todo"
        listing.write_text("\n".join(todo), encoding="utf-8")
        cmd += ["--files", str(listing)]
        err = (folder.parent / f"{folder.name}.stderr").open("w")
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=err, text=True, preexec_fn=_limit_memory(args.mem_mb), cwd=ROOT
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(p=proc, q=lines) -> None:
            for line in p.stdout:
                q.put(line)
            q.put(None)

        threading.Thread(target=pump, daemon=True).start()
        current, started, finished = None, time.monotonic(), False
        while True:
            limit = args.stage_timeout if current == "<audit>" else args.timeout
            try:
                line = lines.get(timeout=max(0.1, limit - (time.monotonic() - started)))
            except queue.Empty:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                err.close()
                if current == "<audit>":
                    out.stage_crashes.append(f"audit/render stage made no progress for {limit} s")
                    todo = []
                elif current is not None:
                    out.kinds[current], out.messages[current] = "hang", f"no progress for {limit} s"
                    out.seconds[current] = limit
                    todo.remove(current)
                break
            if line is None:  # the worker ended
                code = proc.wait()
                err.close()
                if not finished:
                    tail = (folder.parent / f"{folder.name}.stderr").read_text(errors="replace")[-3000:]
                    if current == "<audit>":
                        out.stage_crashes.append(f"exit {code}\n{tail}")
                        todo = []
                    elif current is not None:
                        out.kinds[current], out.messages[current] = "crash", f"worker died (exit {code})\n{tail}"
                        todo.remove(current)
                    else:
                        out.stage_crashes.append(f"worker died before its first file (exit {code})\n{tail}")
                        todo = []
                else:
                    todo = []
                break
            msg = json.loads(line)
            if "start" in msg:
                current, started = msg["start"], time.monotonic()
            elif "done" in msg:
                name = msg["done"]
                out.kinds[name], out.messages[name] = classify(msg["message"]), msg["message"] or ""
                out.seconds[name] = time.monotonic() - started
                todo.remove(name)
                current = None
            elif "stage" in msg:
                current, started = "<audit>", time.monotonic()
            elif "stage_crash" in msg:
                out.stage_crashes.append(msg["stage_crash"])
            elif "finished" in msg:
                finished = True
                out.broken_rules += msg["broken_rules"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="mutants to run")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="first mutant number (reproduce one: --start K --n 1)")
    ap.add_argument("--jobs", type=int, default=1, help="batches run at the same time")
    ap.add_argument("--batch", type=int, default=100, help="mutants per worker")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds without progress before a file is a hang")
    ap.add_argument("--stage-timeout", type=float, default=900.0, help="seconds for a batch's audit and render")
    ap.add_argument("--bomb-mb", type=int, default=300, help="inflated size of the DOCX bombs")
    ap.add_argument("--mem-mb", type=int, default=3072, help="address-space limit per worker (0: none)")
    ap.add_argument("--no-render", dest="render", action="store_false", help="skip writing the outputs")
    ap.add_argument("--examples", type=Path, default=ROOT / "fuzz_examples", help="where failures are copied")
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--worker-render", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        names = args.files.read_text(encoding="utf-8").split("\n")
        return worker(args.worker, [n for n in names if n], args.rules, args.worker_render)

    from benchmarks.mutations import mutants, write

    t0 = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="disclosure-fuzz-"))
    if args.examples.exists():
        shutil.rmtree(args.examples)
    counts: Counter[str] = Counter()
    by_op: dict[str, Counter[str]] = {}
    saved: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    stage_crashes, broken = 0, 0
    lock = threading.Lock()

    def save(kind: str, name: str, data_from: Path | None, note: str) -> None:
        if saved[kind] >= EXAMPLES_PER_KIND:
            return
        saved[kind] += 1
        d = args.examples / kind
        d.mkdir(parents=True, exist_ok=True)
        if data_from is not None:
            shutil.copy(data_from, d / name)
        (d / f"{name}.why").write_text(note + "\n", encoding="utf-8")

    def one(b: int) -> None:
        nonlocal stage_crashes, broken
        start = args.start + b * args.batch
        count = min(args.batch, args.start + args.n - start)
        folder = work / f"batch{b:05d}"
        ms = list(mutants(start, count, args.seed, args.bomb_mb))
        write(ms, folder)
        res = run_batch(folder, [m.name for m in ms], args)
        with lock:
            for m in ms:
                kind = res.kinds.get(m.name, "lost")
                counts[kind] += 1
                by_op.setdefault(m.op, Counter())[kind] += 1
                slowest.append((res.seconds.get(m.name, 0.0), m.name))
                if kind in FAILURES or kind == "lost":
                    save(
                        kind,
                        m.name,
                        folder / m.name,
                        f"mutant {m.index} (seed {args.seed}): {res.messages.get(m.name)}",
                    )
            for i, tb in enumerate(res.stage_crashes):
                stage_crashes += 1
                save("stage_crash", f"batch{b:05d}_{i}", None, f"mutants {start}..{start + count - 1}:\n{tb}")
            for i, msg in enumerate(res.broken_rules):
                broken += 1
                save("broken_rules", f"batch{b:05d}_{i}", None, f"mutants {start}..{start + count - 1}: {msg}")
            done = sum(counts.values())
            print(f"  {done}/{args.n} files, {time.monotonic() - t0:.0f} s: {dict(counts)}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work / f"batch{b:05d}_out", ignore_errors=True)

    batches = (args.n + args.batch - 1) // args.batch
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(one, range(batches)))
    shutil.rmtree(work, ignore_errors=True)

    print(f"fuzz: {args.n} mutants (seed {args.seed}, from {args.start}) in {time.monotonic() - t0:.0f} s")
    for kind in (*KINDS, "lost"):
        if counts[kind] or kind in KINDS:
            print(f"  {kind:12s} {counts[kind]}")
    print(f"  {'stage crash':12s} {stage_crashes}  (audit/render over a batch)")
    print(f"  {'broken rules':12s} {broken}  (a rule raised on a mutant)")
    print("by operation (kind: count):")
    for op in sorted(by_op):
        print(f"  {op:12s} " + ", ".join(f"{k} {v}" for k, v in sorted(by_op[op].items())))
    print("slowest files:")
    for secs, name in sorted(slowest, reverse=True)[:5]:
        print(f"  {secs:7.1f} s  {name}")
    if saved:
        print(f"examples: {args.examples}")
    bad = counts["crash"] + counts["hang"] + counts["lost"] + stage_crashes + broken
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
