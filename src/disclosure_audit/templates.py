"""Template definitions (rows, columns, labels per format version) loaded from `rules/templates/`.

The format is State Council data, not code: when a label variant turns up in the wild, a reviewer
adds it to YAML and nothing in Python changes.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .rules.yamlpos import load_plain

ColumnType = Literal["count", "signed_count", "money"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnDef(_Strict):
    key: str
    label: str
    short: str | None = None
    type: ColumnType = "count"
    unit: str | None = None
    total: bool = False
    variants: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        return self.short or self.label


class RowDef(_Strict):
    key: str
    label: str
    short: str | None = None
    group: str | None = None
    requires_group: bool = False
    total: bool = False
    variants: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        return self.short or self.label


class GroupDef(_Strict):
    key: str
    label: str
    short: str | None = None


class BlockDef(_Strict):
    caption: str | None = None
    row_label_optional: bool = False
    columns: tuple[ColumnDef, ...]
    rows: tuple[RowDef, ...]


class IdentityDef(_Strict):
    """An arithmetic identity the format builds into a table (per row: operands are columns; per
    column: operands are rows), in the language of `expr.py`. The reader uses them to split digit
    runs whose separators were lost and to check its own reading; the rules in `rules/checks/`
    report the same identities as findings."""

    per: Literal["row", "column"]
    lhs: str
    rhs: str
    each: dict[str, tuple[str, ...]] = {}


class TableDef(_Strict):
    key: str = ""
    title: str
    short: str
    anchors: tuple[str, ...]
    header_labels: tuple[str, ...] = ()
    groups: tuple[GroupDef, ...] = ()
    blocks: tuple[BlockDef, ...]
    identities: tuple[IdentityDef, ...] = ()
    section: int | None = None  # the section the format prints the table in

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    @cached_property
    def rows(self) -> dict[str, RowDef]:
        return {r.key: r for b in self.blocks for r in b.rows}

    @cached_property
    def name_en(self) -> str:
        """'table 4' for 表四: English text names a table by its number, not by its Chinese title."""
        digits = "一二三四五六七八九"
        return f"table {digits.index(self.short) + 1}" if len(self.short) == 1 and self.short in digits else self.key

    @cached_property
    def columns(self) -> dict[str, ColumnDef]:
        out: dict[str, ColumnDef] = {}
        for b in self.blocks:
            for c in b.columns:
                out.setdefault(c.key, c)
        return out

    @cached_property
    def block_of_row(self) -> dict[str, BlockDef]:
        return {r.key: b for b in self.blocks for r in b.rows}

    def cell_keys(self) -> list[tuple[str, str]]:
        return [(r.key, c.key) for b in self.blocks for r in b.rows for c in b.columns]

    def column_def(self, row: str, col: str) -> ColumnDef:
        for c in self.block_of_row[row].columns:
            if c.key == col:
                return c
        raise KeyError((row, col))


class SectionDef(_Strict):
    number: int
    heading: str
    variants: tuple[str, ...] = ()


class TemplateDef(_Strict):
    version: str
    name: str
    years: tuple[int, ...] = ()
    years_from: int | None = None
    markers: tuple[str, ...]
    tables: dict[str, TableDef]

    def covers_year(self, year: int) -> bool:
        if year in self.years:
            return True
        return self.years_from is not None and year >= self.years_from


class Templates(_Strict):
    """All versions plus the facts both share."""

    versions: dict[str, TemplateDef]
    sections: tuple[SectionDef, ...]
    ordinals: tuple[str, ...] = Field(min_length=6)
    # Table labels that narrative text also uses ("本年度未发生行政复议、行政诉讼"): finding one in the
    # text is no evidence that the table is printed there.
    prose_labels: tuple[str, ...] = ()

    def version_for_year(self, year: int) -> str | None:
        for v, t in self.versions.items():
            if t.covers_year(year):
                return v
        return None

    def version_of(self, template: str | None, year: int | None) -> str:
        """A report's format version: the one its text names, else the one its year falls under,
        else the newest. One rule for the engine, the facts export and the pages."""
        return template or (self.version_for_year(year) if year else None) or max(self.versions)


def _resolve_refs(template: dict, common: dict) -> dict:
    """Let a version file say `columns: requests_columns` / `appeals: appeals` to reuse common.yaml."""
    for tkey, table in list(template.get("tables", {}).items()):
        if isinstance(table, str):
            table = dict(common[table])
            template["tables"][tkey] = table
        for block in table.get("blocks", []):
            if isinstance(block.get("columns"), str):
                block["columns"] = common[block["columns"]]
        if isinstance(table.get("identities"), str):
            table["identities"] = common[table["identities"]]
    return template


def load_templates(rules_dir: Path) -> Templates:
    tdir = Path(rules_dir) / "templates"
    common = load_plain((tdir / "common.yaml").read_text(encoding="utf-8"))
    versions: dict[str, TemplateDef] = {}
    for path in sorted(tdir.glob("v*.yaml")):
        raw = _resolve_refs(load_plain(path.read_text(encoding="utf-8")), common)
        for tkey, table in raw["tables"].items():
            table["key"] = tkey
        tdef = TemplateDef.model_validate(raw)
        versions[tdef.version] = tdef
    return Templates(
        versions=versions,
        sections=common["sections"],
        ordinals=common["ordinals"],
        prose_labels=common.get("prose_labels", ()),
    )


_CACHE: dict[Path, Templates] = {}


def get_templates(rules_dir: Path) -> Templates:
    key = Path(rules_dir).resolve()
    if key not in _CACHE:
        _CACHE[key] = load_templates(key)
    return _CACHE[key]
