"""`rules explain ID`: a rule's page generated from its YAML (ruff `rule CODE` style)."""

from __future__ import annotations

from pathlib import Path

from ..templates import get_templates
from .examples import run_example
from .loader import load_rules


def explain(rules_dir: Path, rule_id: str, lang: str = "zh") -> str | None:
    loaded, _ = load_rules(rules_dir)
    rule = next((r for r in loaded if r.spec.id == rule_id), None)
    if rule is None:
        return None
    s = rule.spec
    templates = get_templates(rules_dir)
    zh = lang == "zh"
    lines = [
        f"{s.id}: {s.title.zh if zh else s.title.en}",
        "",
        f"{'类别' if zh else 'Category'}: {s.category}   {'严重程度' if zh else 'Severity'}: {s.severity}   "
        f"{'扣分' if zh else 'Weight'}: {s.weight:g}   kind: {s.kind}",
        f"{'适用格式' if zh else 'Formats'}: {', '.join(s.applies_to.templates)}"
        + (f"   {'年度' if zh else 'Years'}: {s.applies_to.years}" if any(s.applies_to.years) else ""),
        f"{'依据' if zh else 'Basis'}: {s.basis}",
        f"{'文件' if zh else 'File'}: {rule.file}",
    ]
    if s.description:
        lines += ["", s.description.zh if zh else s.description.en]
    if s.params:
        lines += ["", "params:"] + [f"  {k}: {v}" for k, v in s.params.items()]
    lines += ["", f"{'消息模板' if zh else 'Message template'}: {s.message.zh if zh else s.message.en}", ""]
    lines.append("示例：" if zh else "Examples:")
    for ex in s.examples:
        res = run_example(rule, ex, templates)
        status = "ok" if res.ok else "EXAMPLE BROKEN"
        lines.append(f"  [{ex.expect}] {ex.name} ({status})")
        for f in res.findings[:3]:
            lines.append(f"      → {f.message['zh' if zh else 'en']}")
    return "\n".join(lines)
