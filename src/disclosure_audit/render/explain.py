"""`rules explain ID`: a rule's page in the terminal (same content as the site's rule page)."""

from __future__ import annotations

from pathlib import Path

from ..engine.example_cache import example_outcomes
from ..rules.loader import load_rules
from ..templates import get_templates
from .catalogue import build_page, explain_text


def explain(rules_dir: Path, rule_id: str, lang: str = "zh") -> str | None:
    loaded, _ = load_rules(rules_dir)
    rule = next((r for r in loaded if r.spec.id == rule_id), None)
    if rule is None:
        return None
    outcomes = example_outcomes([rule], get_templates(rules_dir), rules_dir, loaded)[rule.spec.id]
    return explain_text(build_page(rule, outcomes), lang)
