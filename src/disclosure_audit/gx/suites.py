"""`disclosure-audit export gx`: the compiled table rules as a Great Expectations project a data team
runs without our package.

The project is written by GX's own file context (`gx.get_context(mode="file")`), so the suites,
validation definitions and checkpoint are GX's JSON, valid for the GX version that wrote them:

    DIR/gx/                           GX project (great_expectations.yml, expectations/, ...)
    DIR/disclosure_audit_gx_plugin.py a verbatim copy of gx/plugin.py (the expectation class)
    DIR/run_checkpoint.py             runs the checkpoint against a facts table, prints the rows
    DIR/checks.json                   every exported check and every rule left out, with reasons
    DIR/README.md                     how to run it (zh + en), what is exported and what is not

One suite per format version (`disclosure_audit_2019`, `disclosure_audit_2021`), one expectation
per SqlCheck, one validation definition per suite and one checkpoint over both. The datasource
reads `${FACTS_URL}` (a GX config variable: environment, or `gx/uncommitted/config_variables.yml`,
default `sqlite:///facts.sqlite`), table `--table` (default `facts`; run_checkpoint.py can point it
elsewhere).

Deterministic: GX gives every datasource, asset, batch definition, suite, expectation, validation
definition, checkpoint, store and context a random UUID; once GX has written the project, each is
replaced (consistently across all files) by a UUID derived from the export's content and the order
the ids first appear in, so the same rules give the same files, byte for byte.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..rules.loader import LoadedRule
from ..templates import Templates
from ..warehouse.facts import FACT_COLUMNS
from .checks import NotExported, SqlCheck
from .compile import compile_rules
from .sql import q

DATASOURCE = "facts_db"
ASSET = "facts"
BATCH = "whole_table"
CHECKPOINT = "disclosure_audit"
PLUGIN_MODULE = "disclosure_audit_gx_plugin"
EXPECTATION_TYPE = "expect_query_to_return_no_rows"
GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}
MARKER = "checks.json"  # a folder holding it is an earlier export: `export gx` may replace it
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NAMESPACE = uuid.UUID("6f1c2a4e-8d3b-5e7f-9a0b-1c2d3e4f5a6b")
HERE = Path(__file__).resolve().parent


class ExportError(Exception):
    """The export could not be written (the message says why)."""


@dataclass(frozen=True)
class ExportSummary:
    out: Path
    checks: list[SqlCheck]
    not_exported: list[NotExported]

    @property
    def suites(self) -> list[str]:
        return sorted({suite_name(c.version) for c in self.checks})


def suite_name(version: str) -> str:
    return f"disclosure_audit_{version}"


def expectation_meta(check: SqlCheck) -> dict:
    return {**check.meta, "check": check.name, "binding_index": check.binding}


def export_gx(
    out: Path, rules: list[LoadedRule], templates: Templates, table: str = "facts", excluded: list[NotExported] = ()
) -> ExportSummary:
    """Compile `rules` and write the GX project to `out` (replacing an earlier export there; any
    other non-empty folder is refused). `excluded`: rules left out before compiling (preview rules),
    listed in the README with the rest."""
    checks, skipped = compile_rules(rules, templates)
    skipped = sorted([*skipped, *excluded], key=lambda n: n.rule_id)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise ExportError(f"'{out}' exists and is not an earlier export (no {MARKER}): choose another --out")
    stage = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    try:
        _write_project(stage, checks, table)
        shutil.copyfile(HERE / "plugin.py", stage / f"{PLUGIN_MODULE}.py")
        shutil.copyfile(HERE / "run_checkpoint.py", stage / "run_checkpoint.py")
        (stage / MARKER).write_text(_checks_json(checks, skipped, table), encoding="utf-8")
        from .export_readme import readme

        (stage / "README.md").write_text(readme(checks, skipped, table), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        stage.rename(out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return ExportSummary(out, checks, skipped)


def _write_project(root: Path, checks: list[SqlCheck], table: str) -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from . import plugin

    # GX connects to a datasource and looks the table up when they are added: give it an empty facts
    # table of the documented shape while the project is written (the project keeps ${FACTS_URL})
    probe = tempfile.TemporaryDirectory(prefix="disclosure-audit-gx-")
    db = Path(probe.name) / "facts.sqlite"
    con = sqlite3.connect(db)
    con.execute(f"CREATE TABLE {q(table)} ({', '.join(f'{q(c.name)} {c.sql}' for c in FACT_COLUMNS)})")
    con.close()
    context = gx.get_context(mode="file", project_root_dir=root, runtime_environment={"FACTS_URL": f"sqlite:///{db}"})
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.variables.save()
    context.enable_analytics(False)
    source = context.data_sources.add_sql(DATASOURCE, connection_string="${FACTS_URL}")
    batch = source.add_table_asset(ASSET, table_name=table).add_batch_definition_whole_table(BATCH)
    definitions = []
    for version in sorted({c.version for c in checks}):
        expectations = [
            plugin.ExpectQueryToReturnNoRows(
                unexpected_rows_query=c.query,
                meta=expectation_meta(c),
                description=_description(c),
                severity="info" if c.outcome == "not_evaluable" else GX_SEVERITY[c.meta["severity"]],
            )
            for c in checks
            if c.version == version
        ]
        suite = context.suites.add(gx.ExpectationSuite(name=suite_name(version), expectations=expectations))
        definitions.append(
            context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{suite_name(version)}_facts", data=batch, suite=suite)
            )
        )
    context.checkpoints.add(
        gx.Checkpoint(name=CHECKPOINT, validation_definitions=definitions, result_format={"result_format": "COMPLETE"})
    )
    probe.cleanup()
    gx_dir = root / "gx"
    (gx_dir / "uncommitted" / "config_variables.yml").write_text(
        _config_variables(gx_dir / "uncommitted" / "config_variables.yml"), encoding="utf-8"
    )
    _deterministic_ids(gx_dir)


def _description(c: SqlCheck) -> str:
    if c.outcome == "not_evaluable":
        return f"[not evaluable - not a failure] {c.description}"
    return f"[{c.meta['severity']}] {c.description}"


def _config_variables(path: Path) -> str:
    """GX's config variables file with the facts URL's default: a SQLite file `facts.sqlite` in the
    folder GX runs from (the environment variable FACTS_URL overrides it; so does run_checkpoint.py)."""
    kept = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("instance_id:")]
    return "\n".join([*kept, "FACTS_URL: sqlite:///facts.sqlite", ""])


def _deterministic_ids(gx_dir: Path) -> None:
    """Replace every UUID GX wrote under `gx_dir` by one derived from its place: the n-th distinct id
    met reading the files in path order. The files' other content is the same for the same rules, so
    the n-th id stands for the same object in every export."""
    files = sorted(p for p in gx_dir.rglob("*") if p.is_file() and p.suffix != ".css")
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    mapping: dict[str, str] = {}
    for p in files:
        for old in _UUID.findall(texts[p]):
            if old not in mapping:
                mapping[old] = str(uuid.uuid5(_NAMESPACE, f"{len(mapping)}"))
    for p in files:
        new = _UUID.sub(lambda m: mapping[m.group(0)], texts[p])
        if new != texts[p]:
            p.write_text(new, encoding="utf-8")


def _checks_json(checks: list[SqlCheck], skipped: list[NotExported], table: str) -> str:
    data = {
        "table": table,
        "checks": [
            {
                "name": c.name,
                "rule_id": c.rule_id,
                "kind": c.kind,
                "version": c.version,
                "outcome": c.outcome,
                "binding": c.binding,
                "columns": list(c.columns),
                "description": c.description,
                "query": c.query,
            }
            for c in checks
        ],
        "not_exported": [
            {"rule_id": n.rule_id, "kind": n.kind, "reason": {"zh": n.reason_zh, "en": n.reason_en}} for n in skipped
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
