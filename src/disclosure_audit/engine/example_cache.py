"""What each rule's examples give (pass/fail and the exact messages), computed once per rule set.

The rule pages of the site and `rules explain` show every example with the messages the engine
produces. Running all examples costs more than auditing the demo corpus, and the answer depends only
on the rule set and the code, so it is kept in a cache file keyed by a sha256 over the rule folder's
files (relative path and bytes, in sorted path order) and the package's own source: any edit to a rule,
a template or an evaluator gives a new key, never a stale page. The cached values are exactly what a
fresh computation gives, so the pages are byte-identical with and without the cache.

The cache folder is `user_cache.cache_dir()`. A cache file that cannot be read or written is
ignored: the results are then computed, the run goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..rules.loader import LoadedRule
from ..rules.spec import Example
from ..templates import Templates
from ..user_cache import cache_dir

FORMAT = 1
KEEP = 8  # cache files kept (one per rule set recently used)
PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class ExampleOutcome:
    """One example as the engine runs it: whether it holds, the findings' messages per language, and
    its input as written in the rule file (for the page)."""

    ok: bool
    messages: dict[str, list[str]]
    source: str

    def to_json(self) -> dict:
        return {"ok": self.ok, "zh": self.messages["zh"], "en": self.messages["en"], "source": self.source}

    @classmethod
    def from_json(cls, d: object) -> ExampleOutcome | None:
        if not isinstance(d, dict) or not isinstance(d.get("ok"), bool) or not isinstance(d.get("source"), str):
            return None
        msgs = {lang: d.get(lang) for lang in ("zh", "en")}
        if not all(isinstance(m, list) and all(isinstance(x, str) for x in m) for m in msgs.values()):
            return None
        return cls(d["ok"], msgs, d["source"])  # type: ignore[arg-type]


def _plain(x):
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x


def example_source(ex: Example) -> str:
    """The example's input as the rule file gives it: its text, or its report fragment as YAML."""
    if ex.text is not None:
        return ex.text.rstrip()
    import yaml

    return yaml.safe_dump(_plain(ex.report), allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip()


@cache
def _code_digest() -> str:
    """The package's source and templates: a changed evaluator or message changes the key."""
    h = hashlib.sha256()
    for p in sorted(PACKAGE.rglob("*")):
        if p.suffix in (".py", ".j2") and p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def rule_set_hash(rules_dir: Path) -> str:
    """sha256 over every file of the rules folder (relative path and bytes, sorted by path) and the code."""
    rules_dir = Path(rules_dir)
    h = hashlib.sha256(f"examples-v{FORMAT}\0{_code_digest()}\0".encode())
    for p in sorted(rules_dir.rglob("*"), key=lambda q: q.relative_to(rules_dir).as_posix()):
        if p.is_file() and not p.name.startswith("."):
            h.update(p.relative_to(rules_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _read(path: Path) -> dict:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _write(folder: Path, path: Path, doc: dict) -> None:
    """Atomically (another run may read it at the same moment); failure only costs the next run time."""
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".examples-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        old = sorted(folder.glob("examples-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[KEEP:]:
            with contextlib.suppress(OSError):
                p.unlink()


def compute(rule: LoadedRule, templates: Templates, loaded: list[LoadedRule] | None) -> list[ExampleOutcome]:
    from .examples import run_example

    out = []
    for ex in rule.spec.examples:
        res = run_example(rule, ex, templates, rules=loaded)
        messages = {lang: [f.message[lang] for f in res.findings] for lang in ("zh", "en")}
        out.append(ExampleOutcome(res.ok, messages, example_source(ex)))
    return out


def example_outcomes(
    rules: list[LoadedRule],
    templates: Templates,
    rules_dir: Path | None,
    loaded: list[LoadedRule] | None = None,
) -> dict[str, list[ExampleOutcome]]:
    """Every example of `rules`, by rule id: from the cache when the rule set's entry has it, else
    computed (and stored). `loaded` is the whole rule set, for examples that need other rules' findings
    (waivers); it is passed down so that no rule file is read again."""
    folder = cache_dir() if rules_dir is not None else None
    path = folder / f"examples-{rule_set_hash(rules_dir)[:32]}.json" if folder and rules_dir else None
    stored = _read(path) if path else {}
    entries = stored.get("rules") if stored.get("format") == FORMAT else None
    entries = entries if isinstance(entries, dict) else {}
    out: dict[str, list[ExampleOutcome]] = {}
    missing = False
    for rule in rules:
        rid = rule.spec.id
        got = entries.get(rid)
        outcomes = [ExampleOutcome.from_json(x) for x in got] if isinstance(got, list) else []
        if len(outcomes) == len(rule.spec.examples) and all(o is not None for o in outcomes):
            out[rid] = outcomes  # type: ignore[assignment]
            continue
        out[rid] = compute(rule, templates, loaded)
        entries[rid] = [o.to_json() for o in out[rid]]
        missing = True
    if path is not None and missing:
        _write(path.parent, path, {"format": FORMAT, "rules": entries})
    return out
