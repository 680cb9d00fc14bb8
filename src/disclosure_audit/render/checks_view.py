"""The "checks" section of an agency page: what passed (by category, with counts and rule titles),
what could not be checked (with the reason each result gives) and what did not apply (with why).
A page with no finding then says what was checked, not only that nothing was found."""

from __future__ import annotations

from collections import Counter, defaultdict


def findings_by_report(result) -> dict[str, list]:
    """Each report's findings in run order, grouped in one pass: `result.findings_of` scans every
    finding of the run per call, which made a page per report quadratic in the corpus."""
    out: dict[str, list] = defaultdict(list)
    for f in result.findings:
        out[f.report_id].append(f)
    return out


def checks_view(result, report_id: str, lang: str, findings: list | None = None) -> dict:
    """`findings`: the report's own findings when the caller has them grouped already."""
    titles = {r.spec.id: r.spec.title.zh if lang == "zh" else r.spec.title.en for r in result.rules}
    own = result.findings_of(report_id) if findings is None else findings
    return checks_of(result.checks.get(report_id, []), own, titles, result.scoring.categories, lang)


def checks_of(outcomes: list, findings: list, titles: dict[str, str], categories: dict, lang: str) -> dict:
    """The view from one report's pieces alone, so that a worker process rendering the page needs
    only them (not the whole run's result)."""
    passed = []
    for cat, cc in categories.items():
        rules = [o.rule_id for o in outcomes if o.status == "passed" and o.category == cat]
        if rules:
            passed.append(
                {"key": cat, "label": cc.zh if lang == "zh" else cc.en, "rules": [(r, titles[r]) for r in rules]}
            )
    not_evaluable = []
    for f in findings:
        if f.outcome != "not_evaluable":
            continue
        reason = f.params.get(f"reason_{lang}") or f.message[lang]
        not_evaluable.append({"rule_id": f.rule_id, "title": titles.get(f.rule_id, ""), "reason": reason, "id": f.id})
    not_applicable = [
        {"rule_id": o.rule_id, "title": titles[o.rule_id], "reason": o.reason[0 if lang == "zh" else 1]}
        for o in outcomes
        if o.status == "not_applicable" and o.reason is not None
    ]
    counts = Counter(o.status for o in outcomes)
    return {
        "passed": passed,
        "not_evaluable": not_evaluable,
        "not_applicable": not_applicable,
        "counts": {k: counts.get(k, 0) for k in ("passed", "failed", "not_evaluable", "not_applicable")},
    }
