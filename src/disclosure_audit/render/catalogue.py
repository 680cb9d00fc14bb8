"""One page per rule, generated from the rule file itself (ruff/sqlfluff style): what it checks,
why, its examples with the exact messages the engine produces. Shared by `rules explain` and the
site's rule pages so the two never disagree. What the examples give comes from
`engine.example_cache` (run once per rule set, not on every audit)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.example_cache import ExampleOutcome
from ..rules.loader import LoadedRule


@dataclass
class ExampleView:
    name: str
    expect: str
    ok: bool
    messages: dict[str, list[str]]
    source: str  # the example's input, as written in the rule file


@dataclass
class RulePage:
    rule: LoadedRule
    examples: list[ExampleView] = field(default_factory=list)

    @property
    def spec(self):
        return self.rule.spec

    def first(self, expect: str) -> ExampleView | None:
        return next((e for e in self.examples if e.expect == expect), None)


def build_page(rule: LoadedRule, outcomes: list[ExampleOutcome]) -> RulePage:
    """The rule's page from its spec and what each of its examples gives (in the examples' order)."""
    page = RulePage(rule)
    for ex, res in zip(rule.spec.examples, outcomes, strict=True):
        page.examples.append(ExampleView(ex.name, ex.expect, res.ok, res.messages, res.source))
    return page


def explain_text(page: RulePage, lang: str = "zh", dev: bool = False, categories: dict | None = None) -> str:
    """The rule's page as text, in one language. The office view says what the rule checks, its
    legal basis, how to fix a finding and the exact messages of its examples; `dev` adds what only a
    rule author needs: kind, status, params, message template, see_also, example inputs, file."""
    from ..core.english import english
    from .i18n import UI

    s = page.spec
    ui = UI[lang]
    zh = lang == "zh"
    c_ = ui["colon"]
    category = (categories or {}).get(s.category, {}).get(lang, s.category)
    head = (
        f"{ui['category']}{c_}{category}   {ui['severity_col']}{c_}{ui['severity'][s.severity]}   "
        f"{ui['points']}{c_}{s.weight:g}"
    )
    if s.status == "preview":
        head += f"   {ui['rule_status']['preview']}"
    formats = f"{ui['formats']}{c_}{ui['list_sep'].join(s.applies_to.templates)}"
    if any(s.applies_to.years):
        lo, hi = s.applies_to.years
        formats += f"   {ui['years']}{c_}{lo or ''}–{hi or ''}"
    lines = [f"{s.id}: {s.title.zh if zh else s.title.en}", "", head, formats]
    lines.append(f"{ui['basis']}{c_}{s.basis.zh if zh else s.basis.en}")
    if s.description:
        lines += ["", s.description.zh if zh else s.description.en]
    lines += ["", f"{ui['fix']}{c_}{s.fix.zh if zh else s.fix.en}", ""]
    lines.append(ui["examples"] + c_.rstrip())
    for ex in page.examples:
        label = ui[f"example_{ex.expect}"]
        name = f"  [{ex.expect}] {ex.name}" if dev else f"  {label}" + ("" if zh else f": {english(ex.name)}")
        lines.append(name + ("" if ex.ok else "  (EXAMPLE BROKEN)"))
        for m in ex.messages[lang][:3]:
            lines.append(f"      → {m}")
        if dev:
            lines += ["      " + ln for ln in ex.source.splitlines()]
    if dev:
        lines += ["", "--- developer ---", f"kind: {s.kind}   status: {s.status}", f"file: {page.rule.file}"]
        lines += [f"message template (zh): {s.message.zh}", f"message template (en): {s.message.en}"]
        if s.params:
            lines += ["params:"] + [f"  {k}: {v}" for k, v in s.params.items()]
        if s.see_also:
            lines += ["see_also:"] + [f"  - {x}" for x in s.see_also]
    return "\n".join(lines)
