"""Acceptance on the real reports in ../shared/samples: cells, sections, metadata and findings.

The shared folder must be beside the repository (CI has it; see README "Running the tests"): without
it these tests fail, they do not skip. The real reports are never copied here.
"""

from __future__ import annotations

import json

import pytest

from disclosure_audit.extract import extract_file
from disclosure_audit.extract.normalize import parse_cell
from tests.conftest import RULES, SAMPLE_TEXTS, require_samples

TXT = list(SAMPLE_TEXTS)  # by name, so that a missing folder fails each test instead of parametrizing none


def _expected(name: str) -> dict:
    return json.loads((require_samples() / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted(samples_dir):
    return {name: extract_file(samples_dir / f"{name}.txt", RULES) for name in TXT}


def test_the_text_samples_are_the_ones_named_here(samples_dir):
    assert sorted(p.stem for p in samples_dir.glob("*.txt")) == TXT


@pytest.mark.parametrize("name", TXT)
def test_metadata(name, extracted):
    exp, r = _expected(name), extracted[name]
    assert (r.template, r.year, r.agency, r.published) == (
        exp["template"],
        exp["year"],
        exp["agency"],
        exp["published"],
    )


@pytest.mark.parametrize("name", TXT)
def test_sections(name, extracted):
    exp, r = _expected(name), extracted[name]
    got = {str(s.number): s.heading for s in r.sections if s.number}
    for n, heading in exp["sections"].items():
        assert got.get(n) == heading, f"section {n}"


@pytest.mark.parametrize("name", TXT)
def test_every_cell_raw_and_value(name, extracted):
    exp, r = _expected(name), extracted[name]
    checked = 0
    for table in ("active", "requests", "appeals"):
        for row, cols in exp[table].items():
            for col, want in cols.items():
                if col == "amount_unit_in_header":
                    assert r.tables[table].header_units.get("amount") == want
                    continue
                cell = r.tables[table].cell(row, col)
                got = cell.raw if cell.raw else None
                assert got == want, f"{table}.{row}.{col} line {cell.line}"
                want_value = parse_cell(want).value if want is not None else None
                assert cell.value == want_value, f"{table}.{row}.{col}"
                checked += 1
    assert checked == len(r.tables["active"].cells) + len(r.tables["requests"].cells) + 15


# What each sample's expected findings mean in rule ids (the narrative finding of 001 is issue 4;
# publication deadlines are issue 3).
EXPECTED_RULES = {
    "000_4a965b7a7f7052a0": [
        ("SEC-EXTRA", None),
        ("SEC-NUMBERING", None),
        ("BLANK-CELL", "active"),
        ("BLANK-CELL", "requests"),
        ("BLANK-CELL", "appeals"),
        ("UNIT-MISSING", "active"),
        ("UNIT-MAGNITUDE", "active"),
        ("META-TITLE", None),
        ("META-AGENCY", None),
        ("META-DATE", None),
    ],
    "001_fe5c224497898358": [
        ("EXT-CELLS", "appeals"),
        ("META-TITLE", None),
        ("META-AGENCY", None),
        ("META-DATE", None),
    ],
    "002_59473a96f9f01f39": [
        ("SEC-MISSING", None),
        ("BLANK-TOTAL", "requests"),
        ("BLANK-CELL", "requests"),
        ("BLANK-CELL", "appeals"),
        ("TXT-DUP", None),
        ("META-DATE", None),
    ],
    "003_6762482f42d905fe": [("UNIT-NORMALISED", "active"), ("VAL-SUFFIX", "active"), ("INT-ARTEFACT", None)],
    "004_f237f57025bb66e2": [("INT-SPAM", None), ("SEC-WORDING", None)],
}
MUST_NOT = {
    "003_6762482f42d905fe": ["META-DATE", "META-AGENCY", "SEC-MISSING"],
    "004_f237f57025bb66e2": ["SEC-MISSING", "META-DATE", "META-AGENCY"],
    "001_fe5c224497898358": ["T3-BAL", "T3-RESULT", "T3-COLSUM", "T4-SUM", "BLANK-CELL"],
}


@pytest.fixture(scope="module")
def audited(extracted, templates):
    from disclosure_audit.engine.runner import run_rules
    from disclosure_audit.rules.loader import load_rules

    rules, errors = load_rules(RULES)
    assert not errors
    findings, _ = run_rules(list(extracted.values()), rules, templates)
    return findings


@pytest.mark.parametrize("name", TXT)
def test_expected_findings_are_reported(name, audited):
    mine = [f for f in audited if f.report_id == f"{name}.txt" and f.outcome == "failed"]
    for rule_id, table in EXPECTED_RULES[name]:
        assert any(f.rule_id == rule_id and (table is None or f.table == table) for f in mine), (rule_id, table)
    for rule_id in MUST_NOT.get(name, []):
        assert not any(f.rule_id == rule_id for f in mine), rule_id


def test_specific_evidence(audited):
    by = {(f.report_id, f.rule_id): f for f in audited}
    mag = by[("000_4a965b7a7f7052a0.txt", "UNIT-MAGNITUDE")]
    assert mag.params["likely_unit"] == "元" and mag.raw == "1477849.5"
    numbering = [f for f in audited if f.report_id == "000_4a965b7a7f7052a0.txt" and f.rule_id == "SEC-NUMBERING"]
    assert sorted(f.params["ordinal"] for f in numbering) == ["5、", "6、"]
    extra = by[("000_4a965b7a7f7052a0.txt", "SEC-EXTRA")]
    assert extra.raw == "二、政务公开工作有力开展" and "序号重复" in extra.message["zh"]
    bal = by[("002_59473a96f9f01f39.txt", "T3-BAL")]
    assert bal.outcome == "not_evaluable"
    dup = by[("002_59473a96f9f01f39.txt", "TXT-DUP")]
    assert dup.line == 431 and dup.params["first_line"] == 430
    spam = by[("004_f237f57025bb66e2.txt", "INT-SPAM")]
    assert spam.line == 1 and "老虎机" in spam.raw
    norm = by[("003_6762482f42d905fe.txt", "UNIT-NORMALISED")]
    assert norm.params["wan"] == "6.1355"
    surplus = by[("001_fe5c224497898358.txt", "EXT-CELLS")]
    assert surplus.line == 87 and "16" in surplus.message["zh"]


def test_spam_is_the_most_serious_finding(audited, rules_dir):
    from disclosure_audit.rules.loader import load_rules

    rules, _ = load_rules(rules_dir)
    weights = {r.spec.id: r.spec.weight for r in rules}
    assert weights["INT-SPAM"] == max(weights.values())


def test_a_missing_samples_folder_fails_with_directions(tmp_path):
    """Without the shared folder a test fails and says where the folder must be; it never skips."""
    try:
        require_samples(tmp_path / "shared" / "samples")
    except BaseException as exc:  # a skip (pytest's Skipped) too: caught here, so it can be refused
        outcome = exc
    else:
        outcome = None
    assert type(outcome) is pytest.fail.Exception, "a missing folder must fail the test, not skip it"
    assert str(outcome) == (
        f"../shared/samples is missing ({tmp_path / 'shared' / 'samples'}): clone the shared folder beside the "
        "repository, so that <parent>/shared/samples sits next to <parent>/<this repository>, or set "
        "DISCLOSURE_AUDIT_SAMPLES to the samples folder (see README, 'Running the tests')"
    )
