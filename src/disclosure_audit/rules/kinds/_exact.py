"""Exact decimal arithmetic for the rules that compare numbers (identities, cross-year, narrative).

A decision and the difference printed with it must always agree, so nothing is decided in binary
floating point: values are ints or Decimals as printed, sums are computed in a context wide enough
never to round (`Inexact` is trapped to prove it), and a tolerance is applied exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact, InvalidOperation, Rounded
from fractions import Fraction

Number = int | Decimal

EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact, Rounded, InvalidOperation])


def dec(v: Number) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(v)


def linear(terms: Iterable[tuple[int, Number]], const: Number = 0) -> Decimal:
    """const + Σ coef·value, exactly."""
    total = dec(const)
    for coef, v in terms:
        total = EXACT.add(total, EXACT.multiply(Decimal(coef), dec(v)))
    return total


def total(values: Iterable[Number]) -> Decimal:
    return linear((1, v) for v in values)


def diff(a: Number, b: Number) -> Decimal:
    return EXACT.subtract(dec(a), dec(b))


def violates(a: Number, b: Number, op: str, tolerance: Decimal) -> bool:
    """Whether `a op b` fails by more than the tolerance: |a − b| > tol for '=', a − b > tol for '<=',
    b − a > tol for '>='."""
    d = diff(a, b)
    if op == "=":
        return d.copy_abs() > tolerance  # copy_abs/copy_negate never round; abs() and unary − do
    if op == "<=":
        return d > tolerance
    return d.copy_negate() > tolerance


def magnitude(d: Decimal) -> Decimal:
    """|d| without rounding (abs() rounds to the current context's precision)."""
    return d.copy_abs()


def scaled(v: Number, exponent: int) -> int:
    """v × 10**−exponent as an int; v must have no digits below 10**exponent."""
    sign, digits, exp = dec(v).as_tuple()
    assert isinstance(exp, int) and exp >= exponent, (v, exponent)
    n = int("".join(map(str, digits)) or "0") * 10 ** (exp - exponent)
    return -n if sign else n


def exponent(v: Number) -> int:
    e = dec(v).as_tuple().exponent
    assert isinstance(e, int)
    return min(e, 0)


def percent(num: Number, den: Number, places: int, cut: bool = False) -> Decimal:
    """num ÷ den × 100 to `places` decimals, exactly: rounded half up (away from zero), or cut
    (towards zero). The quotient is a Fraction, so no binary or 28-digit rounding comes first."""
    x = Fraction(dec(num)) * 100 / Fraction(dec(den)) * 10**places
    n = math.floor(abs(x)) if cut else math.floor(abs(x) + Fraction(1, 2))
    return EXACT.scaleb(Decimal(n if x >= 0 else -n), -places)
