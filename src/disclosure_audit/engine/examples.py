"""Build a Report from a rule example and run one rule on it (the rule's own pass/fail contract).

Strict on purpose, so that an example cannot pass by accident:

- a `report:` fragment may only name what exists: its keys, and every table, row and column key of
  the format version it declares (`rules/templates/`); a typo such as `nwe:` would otherwise leave
  the cell at `fill` and the example would pass trivially. `report_from_dict` refuses such a
  fragment; `check_example` reports it as `file:line` of the offending key;
- a `failed` or `not_evaluable` example states the exact (zh) message of every finding it expects:
  `message` when there is one, `messages` (a list, any order) when there are several; `count`, when
  given, must agree. A `pass` example states none;
- every finding the rule gives on the example is compared, not only the first: a finding whose
  message is not stated, a stated message no finding has, or a finding of another outcome (a
  `not_evaluable` finding inside a `failed` example) is a problem.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..core.finding import Finding
from ..extract import extract_document
from ..extract.normalize import parse_cell
from ..ingest import Document
from ..manifest import COLUMNS as MANIFEST_COLUMNS
from ..model import MISSING_CELL, Paragraph, Problem, Report, Section, Table
from ..rules.loader import LoadedRule
from ..rules.spec import Example
from ..rules.yamlpos import PosDict, PosList, load_yaml
from ..templates import TableDef, Templates
from .runner import run_rules

# --------------------------------------------------------------------------- the report fragment

# what `report_from_dict` reads (and `run_example` around it); anything else is a typo
_FRAGMENT_KEYS = (
    "template",
    "year",
    "title",
    "agency",
    "published",
    "region",
    "level",
    "level_source",
    "url",
    "fill",
    "tables",
    "tables_missing",
    "labels_seen",
    "readings",
    "header_units",
    "sections",
    "section_numbers",
    "paragraphs",
    "machine_readable",
    "format",
    "problem",
    "problem_zh",
    "manifest",
    "text_meta",
)
_TOP_ONLY_KEYS = ("previous", "waivers", "confirmations", "as_of")  # the example's run, not a report
_READINGS = ("segmented", "placed", "aligned")


class FragmentError(ValueError):
    """A report fragment names something its format version does not have."""

    def __init__(self, problems: list[tuple[tuple, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{_dotted(loc)}: {msg}" for loc, msg in problems))


def _dotted(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def _mapping(value: Any, loc: tuple, what: str, out: list[tuple[tuple, str]]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.append((loc, f"{what} must be a mapping"))
        return {}
    return value


def _table_keys(value: Any, loc: tuple, tables: dict[str, TableDef], version: str, out: list) -> None:
    if not isinstance(value, list | tuple):
        out.append((loc, "must be a list of table keys"))
        return
    for i, tkey in enumerate(value):
        if tkey not in tables:
            out.append(((*loc, i), f"table '{tkey}' is not in format {version} (tables: {', '.join(tables)})"))


def _cell_map(value: Any, loc: tuple, tables: dict[str, TableDef], version: str, out: list, leaf) -> None:
    """table → row → column → leaf value, every key checked against the format's template."""
    for tkey, rows in _mapping(value, loc, "tables", out).items():
        tdef = tables.get(tkey)
        if tdef is None:
            out.append(((*loc, tkey), f"table '{tkey}' is not in format {version} (tables: {', '.join(tables)})"))
            continue
        for row, cols in _mapping(rows, (*loc, tkey), f"table '{tkey}'", out).items():
            if row not in tdef.rows:
                out.append(((*loc, tkey, row), f"row '{row}' is not a row of table '{tkey}' in format {version}"))
                continue
            block_cols = [c.key for c in tdef.block_of_row[row].columns]
            for col, v in _mapping(cols, (*loc, tkey, row), f"row '{row}'", out).items():
                if col not in block_cols:
                    out.append(
                        (
                            (*loc, tkey, row, col),
                            f"column '{col}' is not a column of row '{row}' of table '{tkey}' in format {version} "
                            f"(columns: {', '.join(block_cols)})",
                        )
                    )
                    continue
                msg = leaf(v)
                if msg:
                    out.append(((*loc, tkey, row, col), msg))


def _cell_value(v: Any) -> str | None:
    if v is None:
        return 'no value (write "" for a blank cell)'
    if isinstance(v, dict | list | bool):
        return "a cell is a string or a number"
    return None


def _reading(v: Any) -> str | None:
    return None if v in _READINGS else f"reading '{v}' is not one of {', '.join(_READINGS)}"


def fragment_problems(
    data: Any, templates: Templates, loc: tuple = (), default_template: str = "2021", top: bool = True
) -> list[tuple[tuple, str]]:
    """Every key of a report fragment that `report_from_dict` would not use, with its location."""
    out: list[tuple[tuple, str]] = []
    data = _mapping(data, loc, "a report fragment", out)
    known = _FRAGMENT_KEYS + (_TOP_ONLY_KEYS if top else ())
    for key in data:
        if key not in known:
            out.append(((*loc, key), f"unknown key (known: {', '.join(known)})"))
    version = str(data.get("template", default_template))
    if version not in templates.versions:
        out.append(((*loc, "template"), f"unknown format version '{version}' (known: {', '.join(templates.versions)})"))
        return out
    tables = templates.versions[version].tables
    _cell_map(data.get("tables"), (*loc, "tables"), tables, version, out, _cell_value)
    _cell_map(data.get("readings"), (*loc, "readings"), tables, version, out, _reading)
    for tkey, units in _mapping(data.get("header_units"), (*loc, "header_units"), "header_units", out).items():
        if tkey not in tables:
            out.append(((*loc, "header_units", tkey), f"table '{tkey}' is not in format {version}"))
            continue
        for col in _mapping(units, (*loc, "header_units", tkey), f"table '{tkey}'", out):
            if col not in tables[tkey].columns:
                out.append(((*loc, "header_units", tkey, col), f"column '{col}' is not a column of table '{tkey}'"))
    for key in ("tables_missing", "labels_seen"):
        if key in data:
            _table_keys(data[key], (*loc, key), tables, version, out)
    for key in _mapping(data.get("manifest"), (*loc, "manifest"), "manifest", out):
        if key not in MANIFEST_COLUMNS:
            out.append(((*loc, "manifest", key), f"not a manifest column ({', '.join(MANIFEST_COLUMNS)})"))
    headings = data.get("sections")
    for h in _mapping(data.get("section_numbers"), (*loc, "section_numbers"), "section_numbers", out):
        if isinstance(headings, list | tuple) and h not in headings:
            out.append(((*loc, "section_numbers", h), "not one of the fragment's `sections`"))
    if top and "previous" in data:
        out += fragment_problems(data["previous"], templates, (*loc, "previous"), version, top=False)
    return out


def report_from_dict(data: dict, templates: Templates, report_id: str = "example") -> Report:
    """A Report built from a fragment (see README "Rule files"); refuses keys the format does not have."""
    problems = fragment_problems(data, templates)
    if problems:
        raise FragmentError(problems)
    version = str(data.get("template", "2021"))
    tpl = templates.versions[version]
    year = data.get("year", 2022 if version == "2021" else 2020)
    r = Report(
        report_id=report_id,
        file=f"{report_id}.txt",
        template=version,
        year=year,
        title=data.get("title", "示例县示例局2022年政府信息公开工作年度报告"),
        agency=data.get("agency", "示例县示例局"),
        published=data.get("published", "2023-01-20"),
    )
    fill = data.get("fill")
    given = data.get("tables", {})
    missing_tables = set(data.get("tables_missing", []))
    line = 100
    for tkey, tdef in tpl.tables.items():
        table = Table(key=tkey, found=tkey not in missing_tables)
        rows = given.get(tkey, {})
        for row, col in tdef.cell_keys():
            line += 1
            raw = rows.get(row, {}).get(col)
            if tkey in missing_tables:
                table.cells[(row, col)] = MISSING_CELL
            elif raw is not None:
                table.cells[(row, col)] = parse_cell(str(raw), line=line)
            elif fill is not None:
                table.cells[(row, col)] = parse_cell(str(fill), line=line)
            else:
                table.cells[(row, col)] = parse_cell("", line=line)
        for row, cols in data.get("readings", {}).get(tkey, {}).items():
            for col, reading in cols.items():
                table.cells[(row, col)] = replace(table.cells[(row, col)], reading=reading)
        table.header_units.update(data.get("header_units", {}).get(tkey, {}))
        r.tables[tkey] = table
    standard = [f"{templates.ordinals[d.number - 1]}、{d.heading}" for d in templates.sections]
    headings = data.get("sections", standard)
    for i, h in enumerate(headings):
        num = data.get("section_numbers", {}).get(h, i + 1 if h in standard else None)
        r.sections.append(
            Section(
                number=num, heading=h, line=10 * (i + 1), ordinal=h[:2], standard_wording=True, standard_numbering=True
            )
        )
    for i, p in enumerate(data.get("paragraphs", [])):
        r.paragraphs.append(Paragraph(text=p, line=200 + i, section=5))
    r.lines = [p for p in data.get("paragraphs", [])]
    if data.get("machine_readable") is False:
        r.machine_readable = False
        r.source_format = data.get("format", "pdf")
        r.problems.append(
            Problem(
                code="not-machine-readable",
                message=data.get("problem", "no text"),
                zh=data.get("problem_zh", None if "problem" in data else "没有文字"),
            )
        )
    for key in ("region", "level", "level_source", "url"):
        if key in data:
            setattr(r, key, data[key])
    if "level" in data and "level_source" not in data:
        r.level_source = "manifest"  # a level written into an example is a given fact, not a guess
    for tkey in data.get("labels_seen", []):
        r.tables[tkey].labels_seen = True
    r.manifest = {k: str(v) for k, v in data.get("manifest", {}).items()}
    r.text_meta = dict(data.get("text_meta", {}))
    return r


def report_from_example(ex: Example, templates: Templates) -> Report:
    if ex.text is not None:
        doc = Document(path=Path("example.txt"), source_format="txt", lines=ex.text.split("\n"), encoding="utf-8")
        return extract_document(doc, templates, report_id="example")
    return report_from_dict(ex.report or {}, templates)


# --------------------------------------------------------------------------- what an example states


def stated_messages(ex: Example) -> list[str] | None:
    """The zh messages the example says its findings have (None: it states none)."""
    if ex.messages is not None:
        return list(ex.messages)
    if ex.message is not None:
        return [ex.message]
    return None


def statement_problems(ex: Example) -> list[tuple[str, str]]:
    """(example key, problem) for what an example must state before it is run."""
    out: list[tuple[str, str]] = []
    if ex.message is not None and ex.messages is not None:
        out.append(("messages", "give `message` (one finding) or `messages` (several), not both"))
    if ex.expect == "pass":
        for key in ("message", "messages"):
            if getattr(ex, key) is not None:
                out.append((key, "a pass example has no finding, so no message"))
        if ex.count:
            out.append(("count", "a pass example has no finding: count must be 0 or left out"))
        return out
    stated = stated_messages(ex)
    if stated is None:
        out.append(
            (
                "expect",
                f"a {ex.expect} example states the exact (zh) message of its finding (`message`) "
                "or of each of its findings (`messages`)",
            )
        )
    elif ex.messages is not None and len(ex.messages) < 2:
        out.append(("messages", "one finding: write `message`, `messages` lists two or more"))
    if stated is not None and ex.count is not None and ex.count != len(stated):
        out.append(("count", f"count {ex.count} but {len(stated)} message(s) stated"))
    return out


@dataclass
class ExampleResult:
    example: Example
    outcome: str
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not self.issues()

    def problems(self) -> list[str]:
        return [text for _key, text in self.issues()]

    def issues(self) -> list[tuple[str, str]]:
        """(example key, problem): the outcome, the count and every finding's message compared."""
        out: list[tuple[str, str]] = []
        ex = self.example
        out += statement_problems(ex)
        if self.outcome != ex.expect:
            out.append(
                ("expect", f"expected {ex.expect}, got {self.outcome}: {[f.message['zh'] for f in self.findings]}")
            )
        relevant = [f for f in self.findings if f.outcome == ex.expect]
        others = [f for f in self.findings if f.outcome != ex.expect]
        if others and ex.expect != "pass" and self.outcome == ex.expect:
            out.append(
                (
                    "expect",
                    f"the rule also gave {len(others)} finding(s) of another outcome, which a {ex.expect} example "
                    f"cannot state: {[(f.outcome, f.message['zh']) for f in others]}",
                )
            )
        if ex.count is not None and len(relevant) != ex.count:
            out.append(
                (
                    "count",
                    f"expected {ex.count} {ex.expect} finding(s), got {len(relevant)}: "
                    f"{[f.message['zh'] for f in relevant]}",
                )
            )
        stated = stated_messages(ex)
        if stated is not None and ex.expect != "pass":
            key = "messages" if ex.messages is not None else "message"
            want, got = Counter(stated), Counter(f.message["zh"] for f in relevant)
            missing, unstated = list((want - got).elements()), list((got - want).elements())
            if len(stated) == 1 and len(missing) == 1 and len(unstated) == 1:
                out.append((key, f"message differs:\n  want: {missing[0]}\n  got:  {unstated[0]}"))
            else:
                out += [(key, f"stated, but no finding has this message: {m}") for m in missing]
                out += [(key, f"a finding whose message is not stated: {m}") for m in unstated]
        return out


def run_example(
    rule: LoadedRule,
    ex: Example,
    templates: Templates,
    rules_dir: Path | None = None,
    rules: list[LoadedRule] | None = None,
) -> ExampleResult:
    """Run one example. `rules` is the loaded rule set, for an example whose rule judges waivers and
    needs the findings they cover (read from `rules_dir` only when not given)."""
    report = report_from_example(ex, templates)
    reports = [report]
    if ex.report and "previous" in ex.report:
        prev = dict(ex.report["previous"])
        prev.setdefault("agency", report.agency)
        prev.setdefault("year", (report.year or 2022) - 1)
        prev.setdefault("template", report.template)
        reports.append(report_from_dict(prev, templates, report_id="example-previous-year"))
    waivers, confirmations, as_of = None, None, None
    if ex.report and ("waivers" in ex.report or "confirmations" in ex.report):
        from datetime import date

        from ..engine.waivers import Confirmation, Waiver

        waivers = [Waiver.model_validate(w) for w in ex.report.get("waivers", [])]
        confirmations = [Confirmation.model_validate(c) for c in ex.report.get("confirmations", [])]
        as_of = date.fromisoformat(str(ex.report.get("as_of", "2024-01-01")))
    run = [rule]
    if rule.kind.after_waivers and (waivers or confirmations) and (rules is not None or rules_dir or rule.rules_dir):
        if rules is None:
            from ..rules.loader import load_rules

            rules = load_rules(rules_dir or rule.rules_dir)[0]
        # a waiver or confirmation needs the findings it covers, nothing more
        named = {w.rule for w in [*(waivers or []), *(confirmations or [])]}
        run = [r for r in rules if r.spec.id in named] + [rule]
    findings, _ = run_rules(
        reports,
        run,
        templates,
        rules_dir or rule.rules_dir,
        waivers=waivers,
        as_of=as_of,
        confirmations=confirmations,
    )
    findings = [f for f in findings if f.report_id == report.report_id and f.rule_id == rule.spec.id]
    if any(f.outcome == "failed" for f in findings):
        outcome = "failed"
    elif findings:
        outcome = "not_evaluable"
    else:
        outcome = "pass"
    return ExampleResult(ex, outcome, findings)


# --------------------------------------------------------------------------- rules check / test suite


@dataclass(frozen=True)
class ExampleProblem:
    """A broken example, located like a rule-file error: `file:line: key: message`."""

    file: str
    line: int
    key: str
    message: str
    example: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message} (example '{self.example}')"


def _rule_path(rule: LoadedRule) -> Path:
    """`LoadedRule.file` is the display name: relative to the rules folder's parent when loaded by
    `load_rules`, else the path as given."""
    path = Path(rule.file)
    if not path.is_absolute() and rule.rules_dir is not None:
        path = Path(rule.rules_dir).parent / path
    return path


def _raw_example(rule: LoadedRule, index: int) -> Any:
    """The example as written (with the line of every key), or None when the file cannot be re-read
    (or no longer holds that example: then no line is better than a wrong one)."""
    try:
        data = load_yaml(_rule_path(rule))
    except (OSError, yaml.YAMLError):
        return None
    examples = data.get("examples") if isinstance(data, PosDict) else None
    if isinstance(examples, PosList) and index < len(examples):
        raw = examples[index]
        if isinstance(raw, PosDict) and raw.get("name") == rule.spec.examples[index].name:
            return raw
    return None


def _line(raw: Any, loc: tuple) -> int:
    """Line of the deepest key of `loc` that exists in the example as written."""
    line = getattr(raw, "line", 1) or 1
    node = raw
    for part in loc:
        if isinstance(node, PosDict) and part in node:
            line = node.key_lines.get(str(part), line)
            node = node[part]
        elif isinstance(node, PosList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def check_example(
    rule: LoadedRule,
    index: int,
    templates: Templates,
    rules_dir: Path | None = None,
    rules: list[LoadedRule] | None = None,
) -> list[ExampleProblem]:
    """Everything wrong with one example: its fragment's keys, what it states, what the rule gives."""
    ex = rule.spec.examples[index]
    raw = _raw_example(rule, index)
    where = f"examples.{index}"

    def problem(loc: tuple, message: str) -> ExampleProblem:
        return ExampleProblem(rule.file, _line(raw, loc), ".".join([where, *map(str, loc)]), message, ex.name)

    if ex.report is not None:
        bad = fragment_problems(ex.report, templates)
        if bad:  # the fragment would not be the report the example means: do not run it
            return [problem(("report", *loc), msg) for loc, msg in bad]
    result = run_example(rule, ex, templates, rules_dir, rules)
    return [problem((key,), msg) for key, msg in result.issues()]


def check_rule_examples(
    rule: LoadedRule, templates: Templates, rules_dir: Path | None = None, rules: list[LoadedRule] | None = None
) -> list[ExampleProblem]:
    return [p for i in range(len(rule.spec.examples)) for p in check_example(rule, i, templates, rules_dir, rules)]
