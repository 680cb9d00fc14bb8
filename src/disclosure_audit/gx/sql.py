"""Portable SQL pieces shared by the per-kind compilers: quoting, a rule's scope, exact comparisons.

Everything here must mean the same on SQLite and PostgreSQL: identifiers are double-quoted, text
literals single-quoted with quotes doubled, and only integer arithmetic on `scaled` decides
anything. `%` is never written (it is a bind-parameter marker for psycopg2 and for SQLAlchemy's
`text()` on some dialects): a remainder is spelled `x - (x / d) * d`. No braces other than
`{batch}` either: GX fills the query with `str.format`.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..rules.loader import LoadedRule
from ..warehouse.facts import SCALE

BIGINT_MAX = 2**63 - 1
ONE = 10**SCALE  # `scaled` of the value 1


class NotExportable(Exception):
    """A rule of an exportable kind whose parameters have no exact SQL form (zh, en reason)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def q(name: str) -> str:
    """A quoted identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A quoted text literal."""
    return "'" + text.replace("'", "''") + "'"


def lits(texts: tuple[str, ...] | list[str]) -> str:
    return ", ".join(lit(t) for t in texts)


def col(alias: str | None, name: str) -> str:
    return f"{q(alias)}.{q(name)}" if alias else q(name)


def scope(rule: LoadedRule, version: str, alias: str | None = None) -> list[str]:
    """WHERE conditions for the facts rows a rule applies to, read with format `version`.

    `applies_to` speaks of the report's version (`report_template`) and year, as the engine's scope
    does; `template` is the version the table was read with, whose row and column keys the query
    names. Reports that are not machine-readable have no rows in the facts table, so the engine's
    other scope condition holds by construction."""
    a = rule.spec.applies_to
    out = [
        f"{col(alias, 'template')} = {lit(version)}",
        f"{col(alias, 'report_template')} IN ({lits(a.templates)})",
    ]
    lo, hi = a.years
    if lo is not None or hi is not None:
        out.append(f"{col(alias, 'year')} IS NOT NULL")
        if lo is not None:
            out.append(f"{col(alias, 'year')} >= {int(lo)}")
        if hi is not None:
            out.append(f"{col(alias, 'year')} <= {int(hi)}")
    return out


def scaled_const(v: Decimal | int, what: str) -> int:
    """An exact constant at the scale of `scaled`; a constant with more than SCALE decimals has no
    such form (NotExportable)."""
    x = Fraction(Decimal(v)) * ONE
    if x.denominator != 1:
        raise NotExportable(
            f"{what}（{v}）的小数超过{SCALE}位，无法在“scaled”整数上精确计算",
            f"{what} ({v}) has more than {SCALE} decimals: no exact form on the `scaled` integers",
        )
    return int(x)


def le_products(x: str, p: int, y: str, qq: int) -> str:
    """SQL for x·p ≤ y·qq, exactly and without a product beyond 64 bits, for integer expressions
    x ≥ 0, y ≥ 0 and constants p, qq > 0 with (p + 1)·qq < 2**62 (checked by the caller).

    With x = a·qq + r (0 ≤ r < qq): x·p/qq = a·p + r·p/qq, so x·p ≤ y·qq ⇔ a·p + ⌈r·p/qq⌉ ≤ y ⇔
    a ≤ ⌊(y − c)/p⌋ with c = ⌈r·p/qq⌉, provided y − c ≥ 0 (else false, since a·p ≥ 0). Every
    intermediate stays below (p + 1)·qq or max(x, y). Plain `CAST(... AS NUMERIC)` products would be
    exact on PostgreSQL but silently become floating point on SQLite."""
    if qq == 1:
        return f"({x} <= ({y}) / {p})"
    a = f"(({x}) / {qq})"
    c = f"((({x}) - {a} * {qq}) * {p} + {qq - 1}) / {qq}"
    return f"(({y}) - {c} >= 0 AND {a} <= (({y}) - {c}) / {p})"


def fits_le_products(p: int, qq: int) -> bool:
    return p > 0 and qq > 0 and (p + 1) * qq < 2**62
