#!/usr/bin/env python3
"""Hold an audit of a generated corpus to its ground truth: which injected defects were found, which
clean reports drew an error, per format and layout.

    python benchmarks/corpus_score.py CORPUS_DIR FINDINGS_JSON

CORPUS_DIR holds benchmarks/generate.py's reports and ground_truth.json; FINDINGS_JSON is the
findings.json of `disclosure-audit run CORPUS_DIR`. Prints recall (expected findings found) and false
alarms (error-severity findings on clean reports) by format and layout. The ground-truth test
(tests/test_ground_truth.py) uses the same matching.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


def _cell(c: Mapping) -> tuple:
    return (c["table"], c["row"], c["column"])


def matches(finding: Mapping, want: Mapping) -> bool:
    """The finding is the one the ground truth names: same rule and outcome, and the same place, or,
    for a finding that lists its cells under a whole table (BLANK-*, VAL-SUFFIX, not-evaluable
    identities), every cell the ground truth names among them. A finding's place is its location;
    a section-level truth entry (no table) matches on the section alone."""
    if finding["rule_id"] != want["rule_id"] or finding["outcome"] != want["outcome"]:
        return False
    loc = finding["location"]
    if want["table"] is None:
        return want["section"] is None or loc.get("section") == want["section"]
    place = (loc.get("table"), loc.get("row"), loc.get("column"))
    if place == (want["table"], want["row"], want["column"]):
        return True
    listed = {_cell(c) for c in finding.get("cells") or ()}
    return (
        bool(want["cells"])
        and place[1] is None
        and place[2] is None
        and place[0] == want["table"]
        and all(_cell(c) in listed for c in want["cells"])
    )


def unread_by_reader(want: Mapping, got: Iterable[Mapping], not_audited: bool) -> bool:
    """The reader said it could not read what the entry needs: the report was not audited, or an
    EXT-READ finding names the entry's row (or, for an instance of a whole column or table, any row of
    its table). Such a miss is a reading gap the auditor reported, not a silent one."""
    if not_audited:
        return True
    if want["table"] is None:
        return False
    rows = {want["row"], *(c["row"] for c in want["cells"])} - {None}
    return any(
        f["rule_id"] == "EXT-READ"
        and f["location"].get("table") == want["table"]
        and (not rows or f["location"].get("row") in rows or f["location"].get("row") is None)
        for f in got
    )


@dataclass
class Score:
    """Misses (report, expected entry) and false alarms (report, rule, message) over a corpus; a miss
    the reader itself reported as unreadable (`unread_by_reader`) is kept apart in `unread`."""

    expected: int = 0
    misses: list[tuple[str, dict]] = field(default_factory=list)
    unread: list[tuple[str, dict]] = field(default_factory=list)
    clean: int = 0
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)
    warned: list[tuple[str, str, str]] = field(default_factory=list)  # warnings on clean reports
    # format/layout → [expected, found, unread, clean reports, clean with an error, clean with a warning]
    by_group: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 6))

    def lines(self) -> list[str]:
        head = ("format/layout", "expected", "found", "unread", "clean", "clean w/ error", "clean w/ warning")
        out = ["{:<20} {:>8} {:>6} {:>6} {:>6} {:>14} {:>16}".format(*head)]
        for g in [*sorted(self.by_group), "all"]:
            exp, found, unread, clean, errors, warned = (
                self.by_group[g] if g != "all" else [sum(v[k] for v in self.by_group.values()) for k in range(6)]
            )
            out.append(f"{g:<20} {exp:>8} {found:>6} {unread:>6} {clean:>6} {errors:>14} {warned:>16}")
        return out


def score(truth: Mapping, findings: Mapping[str, Iterable[Mapping]], not_audited: Iterable[str] = ()) -> Score:
    """`findings`: report id → its findings as findings.json writes them (rule_id, outcome, severity,
    location, cells, message); `not_audited`: the reports the auditor could not audit at all."""
    s = Score()
    skipped = set(not_audited)
    for file, want in sorted(truth["reports"].items()):
        meta = truth["meta"][file]
        tally = s.by_group[f"{meta['format']}/{meta['layout_variant']}"]
        got = list(findings.get(file, ()))
        if want:
            for w in want:
                s.expected += 1
                tally[0] += 1
                if any(matches(f, w) for f in got):
                    tally[1] += 1
                elif unread_by_reader(w, got, file in skipped):
                    tally[2] += 1
                    s.unread.append((file, w))
                else:
                    s.misses.append((file, w))
        else:
            s.clean += 1
            tally[3] += 1
            errors = [f for f in got if f["severity"] == "error"]
            warnings = [f for f in got if f["severity"] == "warning"]
            tally[4] += bool(errors)
            tally[5] += bool(warnings)
            s.false_alarms += [(file, f["rule_id"], _message(f)) for f in errors]
            s.warned += [(file, f["rule_id"], _message(f)) for f in warnings]
    return s


def _message(f: Mapping) -> str:
    m = f.get("message")
    return (m.get("zh") if isinstance(m, Mapping) else str(m or ""))[:160]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    truth = json.loads((Path(argv[0]) / "ground_truth.json").read_text(encoding="utf-8"))
    data = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    reports = data["reports"]
    s = score(
        truth, {r["report_id"]: r["findings"] for r in reports}, [r["report_id"] for r in reports if r["not_audited"]]
    )
    print("\n".join(s.lines()))
    for label, rows in (("MISS", s.misses), ("UNREAD", s.unread)):
        for file, w in rows[:40]:
            print(label, file, json.dumps(w, ensure_ascii=False))
    for label, rows in (("ERROR", s.false_alarms), ("WARNING", s.warned)):
        for file, rule, msg in rows[:40]:
            print(label, file, rule, msg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
