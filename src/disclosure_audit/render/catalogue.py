"""One page per rule, generated from the rule file itself (ruff/sqlfluff style): what it checks,
why, its examples with the exact messages the engine produces. Shared by `rules explain` and the
site's rule pages so the two never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.examples import run_example
from ..rules.loader import LoadedRule
from ..templates import Templates


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


def _plain(x):
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x


def _source(ex) -> str:
    if ex.text is not None:
        return ex.text.rstrip()
    import yaml

    return yaml.safe_dump(_plain(ex.report), allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip()


def build_page(rule: LoadedRule, templates: Templates) -> RulePage:
    page = RulePage(rule)
    for ex in rule.spec.examples:
        res = run_example(rule, ex, templates)
        page.examples.append(
            ExampleView(
                ex.name,
                ex.expect,
                res.ok,
                {lang: [f.message[lang] for f in res.findings] for lang in ("zh", "en")},
                _source(ex),
            )
        )
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
        f"{'依据' if zh else 'Basis'}: {s.basis.zh if zh else s.basis.en}",
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
