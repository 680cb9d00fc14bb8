"""required_sections: the outline against the six standard headings, one model per `check`."""

from __future__ import annotations

from typing import Literal

from ..registry import KindDecl, KindParams, Modes


class Missing(KindParams):
    check: Literal["missing"]  # a section whose heading words occur nowhere in the text


class Heading(KindParams):
    check: Literal["heading"]  # a section's words present, but not as a heading


class Order(KindParams):
    check: Literal["order"]


class Numbering(KindParams):
    check: Literal["numbering"]


class Extra(KindParams):
    check: Literal["extra"]


class Wording(KindParams):
    check: Literal["wording"]


KIND = KindDecl(
    name="required_sections",
    params=Modes("check", Missing, Heading, Order, Numbering, Extra, Wording),
    evaluator="disclosure_audit.rules.kinds.required_sections:RequiredSections",
    doc="checks the outline against the six standard headings of the format",
)
