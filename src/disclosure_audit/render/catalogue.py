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


def explain_text(page: RulePage, lang: str = "zh") -> str:
    s = page.spec
    zh = lang == "zh"
    lines = [
        f"{s.id}: {s.title.zh if zh else s.title.en}",
        "",
        f"{'类别' if zh else 'Category'}: {s.category}   {'严重程度' if zh else 'Severity'}: {s.severity}   "
        f"{'扣分' if zh else 'Weight'}: {s.weight:g}   kind: {s.kind}   status: {s.status}",
        f"{'适用格式' if zh else 'Formats'}: {', '.join(s.applies_to.templates)}"
        + (f"   {'年度' if zh else 'Years'}: {s.applies_to.years}" if any(s.applies_to.years) else ""),
        f"{'依据' if zh else 'Basis'}: {s.basis}",
        f"{'文件' if zh else 'File'}: {page.rule.file}",
    ]
    if s.description:
        lines += ["", s.description.zh if zh else s.description.en]
    if s.params:
        lines += ["", "params:"] + [f"  {k}: {v}" for k, v in s.params.items()]
    lines += ["", f"{'消息模板' if zh else 'Message template'}: {s.message.zh if zh else s.message.en}", ""]
    lines.append("示例：" if zh else "Examples:")
    for ex in page.examples:
        lines.append(f"  [{ex.expect}] {ex.name}" + ("" if ex.ok else "  (EXAMPLE BROKEN)"))
        for m in ex.messages[lang][:3]:
            lines.append(f"      → {m}")
    return "\n".join(lines)
