"""A deliberately tiny expression language for identities: keys, numbers, + and -, sum(glob).

`new + carried_over`, `sum(denied.*) + granted`, `{g}.upheld + {g}.pending` (placeholders are
filled by `substitute` before parsing). `parse` turns an expression into a linear form: one signed
term (coefficient +1 or -1) per operand *as written*, in the order written, plus the sum of the
numeric constants. `Linear.expand` resolves each `sum(glob)` against a table's keys in template
order and checks every key. Terms are not merged: `a + a` expands to two terms `(1, a)`, and
`sum(x.*) - x.1` keeps `x.1` twice, `+1` and `-1`. The value is the same as with merged
coefficients (evaluation multiplies and adds term by term, vectorised over all reports), and the
arithmetic written out in a finding lists exactly the operands the rule names; code that needs one
coefficient per key adds them up itself (`extract/rowmath.py`).

Rules parse their expressions when they are loaded (to report a bad one as `file:line`) and again
when they are evaluated, once per run and binding, never per report.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<sum>sum\s*\()|(?P<id>[A-Za-z_][A-Za-z0-9_.*]*)|(?P<op>[+\-()]))")


class ExprError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    coef: int
    key: str  # may be a glob inside sum()
    glob: bool = False


@dataclass(frozen=True)
class Linear:
    terms: tuple[Term, ...]
    const: Decimal = Decimal(0)

    def expand(self, keys: list[str]) -> list[tuple[int, str]]:
        """Resolve globs against the table's keys (template order); unknown keys raise."""
        out: list[tuple[int, str]] = []
        for t in self.terms:
            if t.glob:
                matched = [k for k in keys if fnmatch.fnmatchcase(k, t.key)]
                if not matched:
                    raise ExprError(f"sum({t.key}) matches no key")
                out.extend((t.coef, k) for k in matched)
            else:
                if t.key not in keys:
                    raise ExprError(f"unknown key '{t.key}'")
                out.append((t.coef, t.key))
        return out


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Linear:
    """Cached: the result is immutable, and the reader's self-checks parse the same few identities
    thousands of times while it weighs the readings of one glued table (a crawler's page)."""
    pos = 0
    tokens: list[tuple[str, str]] = []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            rest = text[pos:]
            if rest.strip() == "":
                break
            at = pos + len(rest) - len(rest.lstrip())  # the offending character, not the space before it
            raise ExprError(f"unexpected '{rest.strip()[:10]}' at position {at}")
        kind = m.lastgroup or ""
        tokens.append((kind, m.group(kind).strip()))
        pos = m.end()
    terms: list[Term] = []
    const = Decimal(0)
    i = 0
    sign = 1
    expect_operand = True
    while i < len(tokens):
        kind, val = tokens[i]
        if expect_operand:
            if kind == "op" and val in "+-":
                sign = -sign if val == "-" else sign
                i += 1
                continue
            if kind == "num":
                const += sign * Decimal(val)
            elif kind == "id":
                if "*" in val:
                    raise ExprError(f"glob '{val}' only allowed inside sum()")
                terms.append(Term(sign, val))
            elif kind == "sum":
                if i + 2 >= len(tokens) or tokens[i + 1][0] != "id" or tokens[i + 2] != ("op", ")"):
                    raise ExprError("sum() takes one key pattern, e.g. sum(denied.*)")
                terms.append(Term(sign, tokens[i + 1][1], glob=True))
                i += 2
            else:
                raise ExprError(f"expected a key or number, got '{val}'")
            sign = 1
            expect_operand = False
        else:
            if kind != "op" or val not in "+-":
                raise ExprError(f"expected + or -, got '{val}'")
            sign = -1 if val == "-" else 1
            expect_operand = True
        i += 1
    if expect_operand:
        raise ExprError("expression ends where an operand is expected" if tokens else "empty expression")
    return Linear(tuple(terms), const)


def substitute(text: str, bindings: dict[str, str]) -> str:
    for k, v in bindings.items():
        text = text.replace("{" + k + "}", v)
    if re.search(r"\{\w+\}", text):
        raise ExprError(f"unbound placeholder in '{text}'")
    return text
