"""`rules explain ID [--dev]`: a rule's page in the terminal (same content as the site's rule page);
`--dev` adds the rule author's view (kind, params, templates, see_also, example inputs)."""

from __future__ import annotations

from pathlib import Path

from ..engine.example_cache import example_outcomes
from ..rules.loader import load_rules
from ..templates import get_templates
from .catalogue import build_page, explain_text


def explain(rules_dir: Path, rule_id: str, lang: str = "zh", dev: bool = False) -> str | None:
    from ..scoring import load_scoring

    loaded, _ = load_rules(rules_dir)
    rule = next((r for r in loaded if r.spec.id == rule_id), None)
    if rule is None:
        return None
    outcomes = example_outcomes([rule], get_templates(rules_dir), rules_dir, loaded)[rule.spec.id]
    categories = {k: {"zh": c.zh, "en": c.en} for k, c in load_scoring(rules_dir).categories.items()}
    return explain_text(build_page(rule, outcomes), lang, dev, categories)
