"""The identity expression language (`expr.py`): what `parse`, `Linear.expand` and `substitute` give,
and the exact error for each malformed expression. Keys and expected terms are written by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_audit.expr import ExprError, Linear, Term, parse, substitute

# a table's keys in template order (deliberately not alphabetical)
KEYS = ["new", "carried_over", "granted", "denied.2", "denied.1", "denied.10", "other.1", "other.2", "total"]


def value(lin: Linear, keys: list[str], cells: dict[str, int]) -> Decimal:
    """Evaluate the way the identity kind does: term by term over the expanded form."""
    return sum((c * Decimal(cells[k]) for c, k in lin.expand(keys)), start=lin.const)


def test_keys_signs_and_constants():
    assert parse("new + carried_over") == Linear((Term(1, "new"), Term(1, "carried_over")), Decimal(0))
    assert parse("total - granted + 3 - 1.5") == Linear((Term(1, "total"), Term(-1, "granted")), Decimal("1.5"))
    # a sign in front of an operand flips it; two flips cancel
    assert parse("- new - - granted") == Linear((Term(-1, "new"), Term(1, "granted")), Decimal(0))
    assert parse("new - -3").const == Decimal(3)
    assert parse("1 + 2") == Linear((), Decimal(3))  # constants only


def test_sum_keeps_its_pattern_until_expanded():
    lin = parse("sum(denied.*) + granted")
    assert lin.terms == (Term(1, "denied.*", glob=True), Term(1, "granted"))
    assert parse("- sum ( other.* )").terms == (Term(-1, "other.*", glob=True),)


def test_expand_resolves_globs_in_template_order():
    assert parse("sum(denied.*) + granted").expand(KEYS) == [
        (1, "denied.2"),
        (1, "denied.1"),
        (1, "denied.10"),
        (1, "granted"),
    ]
    assert parse("total - sum(other.*)").expand(KEYS) == [(1, "total"), (-1, "other.1"), (-1, "other.2")]
    # the pattern is matched case-sensitively, whole key: `denied.1` is no glob and matches one key
    assert parse("sum(denied.1)").expand(KEYS) == [(1, "denied.1")]


def test_repeated_keys_are_not_merged_but_evaluate_right():
    """The module docstring's claim, checked: one term per operand as written."""
    twice = parse("new + new")
    assert twice.expand(KEYS) == [(1, "new"), (1, "new")]
    cells = {k: 0 for k in KEYS} | {"new": 7, "denied.2": 2, "denied.1": 5, "denied.10": 11}
    assert value(twice, KEYS, cells) == 14
    minus_one = parse("sum(denied.*) - denied.1")
    assert minus_one.expand(KEYS) == [(1, "denied.2"), (1, "denied.1"), (1, "denied.10"), (-1, "denied.1")]
    assert value(minus_one, KEYS, cells) == 13  # 2 + 5 + 11 - 5
    cancelled = parse("new - new + 4")
    assert cancelled.expand(KEYS) == [(1, "new"), (-1, "new")] and value(cancelled, KEYS, cells) == 4


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "empty expression"),
        ("   ", "empty expression"),
        ("new +", "expression ends where an operand is expected"),
        ("new carried_over", "expected + or -, got 'carried_over'"),
        ("2new", "expected + or -, got 'new'"),
        ("new * 2", "unexpected '* 2' at position 4"),
        ("new  ;granted", "unexpected ';granted' at position 5"),
        ("(new)", "expected a key or number, got '('"),
        ("denied.*", "glob 'denied.*' only allowed inside sum()"),
        ("granted + sum()", "sum() takes one key pattern, e.g. sum(denied.*)"),
        ("sum(denied.*", "sum() takes one key pattern, e.g. sum(denied.*)"),
        ("sum(denied.* other.*)", "sum() takes one key pattern, e.g. sum(denied.*)"),
        ("sum(denied.*)(", "expected + or -, got '('"),
    ],
)
def test_parse_errors(text, error):
    with pytest.raises(ExprError) as exc:
        parse(text)
    assert str(exc.value) == error


def test_expand_errors_name_the_key():
    with pytest.raises(ExprError) as exc:
        parse("nwe + carried_over").expand(KEYS)
    assert str(exc.value) == "unknown key 'nwe'"
    with pytest.raises(ExprError) as exc:
        parse("sum(Denied.*)").expand(KEYS)
    assert str(exc.value) == "sum(Denied.*) matches no key"


def test_substitute_fills_placeholders_and_refuses_unbound_ones():
    text = "{g}.upheld + {g}.pending"
    assert substitute(text, {"g": "review"}) == "review.upheld + review.pending"
    assert substitute("new + carried_over", {"g": "review"}) == "new + carried_over"  # nothing to fill
    with pytest.raises(ExprError) as exc:
        substitute("{g}.total - {h}.total", {"g": "review"})
    assert str(exc.value) == "unbound placeholder in 'review.total - {h}.total'"
