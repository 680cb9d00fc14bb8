"""Run the exported disclosure-audit checkpoint on a facts table with Great Expectations alone.

    python run_checkpoint.py [--url URL] [--table NAME] [--json FILE]

URL is a SQLAlchemy URL of the database that holds the facts table (default: the environment
variable FACTS_URL, else `facts.sqlite` next to this script); NAME the table (default: the one the
export was made for). Prints, per rule id, every row each check returned; `--json FILE` writes the
same as JSON. Rows of a check whose outcome is `not_evaluable` are instances that could not be
checked (a blank or missing operand), never failures.

Exit status: 1 when a check with outcome `failed` returned rows, else 0; 2 when the checkpoint
could not run (bad URL, missing table).

This file is copied verbatim into the export by `disclosure-audit export gx`; it imports only
great_expectations, the standard library and the copied plugin beside it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATASOURCE = "facts_db"
ASSET = "facts"
CHECKPOINT = "disclosure_audit"
PLUGIN = "disclosure_audit_gx_plugin"


def run(url: str, table: str | None = None) -> list[dict]:
    """Every check that returned rows: its meta (rule id, outcome, version, binding, severity,
    kind, columns) and the rows, in rule-id and check order."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    sys.dont_write_bytecode = True  # leave the export as it was written (GX keeps results in gx/uncommitted)
    # the plugin copied beside this script by the export registers the suites' expectation type
    importlib.import_module(PLUGIN)
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=HERE, runtime_environment={"FACTS_URL": url})
    if table:
        context.data_sources.get(DATASOURCE).get_asset(ASSET).table_name = table
    result = context.checkpoints.get(CHECKPOINT).run()
    out = []
    for validation in result.run_results.values():
        for er in validation.results:
            if "observed_value" not in (er.result or {}):  # the query did not run: never read as a pass
                raise RuntimeError(f"{er.expectation_config.meta.get('check')}: {_exception(er.exception_info)}")
            rows = (er.result.get("details") or {}).get("unexpected_rows") or []
            if not rows:
                continue
            meta = er.expectation_config.meta
            out.append(
                {**{k: meta[k] for k in ("rule_id", "check", "outcome", "version", "kind")}, "rows": rows}
                | {
                    "binding": meta.get("binding", {}),
                    "binding_index": meta.get("binding_index", 0),
                    "severity": meta.get("severity"),
                    "columns": meta.get("columns", []),
                }
            )
    return sorted(out, key=lambda r: (r["rule_id"], r["check"]))


def _exception(info: dict | None) -> str:
    """GX's message of a check that raised: at the top of `exception_info`, or under a metric id."""
    info = info or {}
    if "exception_message" in info:
        return str(info["exception_message"])
    for v in info.values():
        if isinstance(v, dict) and v.get("exception_message"):
            return str(v["exception_message"]).strip().splitlines()[-1]
    return "no result"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", help="SQLAlchemy URL of the facts database (default: $FACTS_URL, else facts.sqlite here)")
    ap.add_argument("--table", help="name of the facts table (default: the export's)")
    ap.add_argument("--json", metavar="FILE", help="also write the rows as JSON to FILE")
    args = ap.parse_args(argv)
    url = args.url or os.environ.get("FACTS_URL") or f"sqlite:///{HERE / 'facts.sqlite'}"
    try:
        found = run(url, args.table)
    except Exception as exc:  # a data team's pipeline wants a message and a status, not a traceback
        print(f"error: the checkpoint could not run on {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for r in found:
        label = "NOT EVALUABLE (not a failure)" if r["outcome"] == "not_evaluable" else f"FAILED ({r['severity']})"
        print(f"{r['rule_id']} {label} format {r['version']}: {len(r['rows'])} row(s)  [{r['check']}]")
        for row in r["rows"]:
            print("    " + "\t".join(str(row.get(c)) for c in r["columns"]))
    failed = sum(len(r["rows"]) for r in found if r["outcome"] == "failed")
    unchecked = sum(len(r["rows"]) for r in found if r["outcome"] == "not_evaluable")
    print(f"{failed} failing row(s), {unchecked} not-evaluable row(s)")
    if args.json:
        Path(args.json).write_text(
            json.dumps(found, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
