"""table_present: a standard table the reader did not find, one model per `check`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..registry import KindDecl, KindParams, Modes, ParamError
from . import TableKey

if TYPE_CHECKING:
    from ...templates import TableDef


def table_labels(tdef: TableDef) -> list[str]:
    """Every label of a table in one format version: anchors, headers, groups, captions, columns, rows."""
    out: list[str] = [*tdef.anchors, *tdef.header_labels, *(g.label for g in tdef.groups)]
    for b in tdef.blocks:
        if b.caption:
            out.append(b.caption)
        for c in b.columns:
            out += [c.label, *c.variants]
        for r in b.rows:
            out += [r.label, *r.variants]
    return out


class _Tables(KindParams):
    tables: tuple[TableKey, ...] = ("active", "requests", "appeals")
    min_label_chars: int = Field(default=4, ge=2)

    def check_params(self, spec, templates, rules_dir) -> None:
        if templates is None:
            return
        from ..kinds._text import search_form  # the extractor's label normal form

        known = {
            search_form(label)
            for v in templates.versions.values()
            for t in v.tables.values()
            for label in table_labels(t)
        }
        unknown = [p for p in templates.prose_labels if search_form(p) not in known]
        if unknown:
            raise ParamError(
                "prose_labels", f"templates/common.yaml prose_labels not a table label: {', '.join(unknown)}"
            )


class Missing(_Tables):
    check: Literal["missing"] = "missing"  # none of the table's labels is in the text


class Unread(_Tables):
    check: Literal["unread"]  # labels there, cells not read: the reader's failure, for review


KIND = KindDecl(
    name="table_present",
    params=Modes("check", Missing, Unread, default="missing"),
    evaluator="disclosure_audit.rules.kinds.table_present:TablePresent",
    doc="a standard table the reader could not find: missing (no label in the text) or unread (labels there)",
)
