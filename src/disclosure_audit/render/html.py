"""Self-contained HTML (no external CSS/JS/fonts); all report text is escaped by jinja2 autoescape."""

from __future__ import annotations

import difflib
import json
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..checkpoints import checkpoint
from ..scoring import needs_review, rank_key
from ..zhtext.orgs import agency_key, level_label
from .agency_fragments import grid_rows, source_lines
from .charts import score_histogram, top_rules, trend_chart
from .checks_view import checks_of, findings_by_report
from .i18n import UI, evidence, finding_evidence, layout_label
from .not_audited import not_audited_entries
from .page_workers import write_pages
from .record import record_items
from .review_page import build_queue, write_review_page
from .slugs import page_path, page_root, slug

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


# SequenceMatcher's time grows with the product of the lengths: two 100k-character paragraphs (a body
# saved on one line, copied from last year) took minutes per page. Beyond this the passages are
# shown without marks (or wholly marked when identical); the finding and its similarity stand.
MAX_HIGHLIGHT_WORK = 4_000_000


def highlight_pair(mine: str, theirs: str, min_len: int = 4) -> tuple[Markup, Markup]:
    """Both passages escaped, with the runs they share (≥ min_len characters) wrapped in <mark>."""
    if len(mine) * len(theirs) > MAX_HIGHLIGHT_WORK:
        blocks = [difflib.Match(0, 0, len(mine))] if mine == theirs else []
    else:
        sm = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size >= min_len]

    def mark(text: str, spans: list[tuple[int, int]]) -> Markup:
        out, pos = [], 0
        for start, size in spans:
            out.append(escape(text[pos:start]))
            out.append(Markup("<mark>") + escape(text[start : start + size]) + Markup("</mark>"))
            pos = start + size
        out.append(escape(text[pos:]))
        return Markup("").join(out)

    return mark(mine, [(b.a, b.size) for b in blocks]), mark(theirs, [(b.b, b.size) for b in blocks])


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (jinja checks each template's source checksum, so an edited
    template is compiled afresh); compiling them costs a fifth of a small run."""
    from ..user_cache import cache_dir

    folder = cache_dir("jinja")
    return FileSystemBytecodeCache(str(folder)) if folder is not None else None


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("disclosure_audit.render", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # templates do not change during a run: without this every page and every include stats
        # its template file again (7,000 checks for 1,000 pages)
        auto_reload=False,
    )
    env.filters["slug"] = slug
    env.filters["page"] = page_path
    env.filters["evidence"] = evidence
    env.globals["layout_label"] = layout_label
    env.globals["ev"] = finding_evidence
    env.globals["highlight_pair"] = highlight_pair
    env.globals["level_label"] = level_label
    return env


def _table_views(rules_dir: Path, database: dict | None, report, findings, ui: dict) -> list[dict]:
    from ..templates import get_templates

    templates = get_templates(rules_dir)
    version = templates.version_of(report.template, report.year)
    flagged: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for f in findings:
        if f.outcome != "failed":
            continue
        for c in f.cells:
            flagged[(c.table, c.row, c.column)].append(f.id)
    views = []
    for tkey in templates.versions[version].tables:
        table = report.table(tkey)
        tdef = templates.versions[table.version or version].tables[tkey]  # a mixed-format table
        blocks = []
        for b in tdef.blocks:
            blocks.append(
                {
                    "caption": b.caption,
                    "columns": [
                        {"label": c.display, "key": c.key, "unit": table.header_units.get(c.key) or c.unit or ""}
                        for c in b.columns
                    ],
                    "rows_html": grid_rows(table, tkey, b, flagged, ui, database),
                }
            )
        views.append(
            {
                "key": tkey,
                "title": tdef.title,
                "found": table.found,
                "blocks": blocks,
                "lines": (table.first_line, table.last_line),
            }
        )
    return views


def _group_findings(findings, scoring, lang: str) -> list[dict]:
    groups = []
    for cat, cc in scoring.categories.items():
        fs = [f for f in findings if f.category == cat]
        if not fs:
            continue
        fs.sort(
            key=lambda f: (
                f.outcome != "failed",
                SEVERITY_RANK[f.severity],
                f.rule_id,
                f.line if f.line is not None else 10**9,
            )
        )
        groups.append({"key": cat, "label": cc.zh if lang == "zh" else cc.en, "findings": fs})
    return groups


def _group_stats(result, attr: str) -> list[dict]:
    """Mean score and share passing per level or region, over the audited reports only."""
    buckets: dict[str, list] = defaultdict(list)
    for s in result.scores:
        if not s.audited:
            continue
        value = getattr(result.reports[s.report_id], attr)
        if value:
            buckets[value].append(s)
    return [
        {
            "name": k,
            "n": len(v),
            "mean": round(sum(x.score for x in v) / len(v), 1),
            "passing": round(100 * sum(1 for x in v if x.passed) / len(v)),
        }
        for k, v in sorted(buckets.items())
    ]


def _in_language(report, lang: str):
    """The report as the page shows it: its extraction notes in the page's language (the page lists
    each note's `message`; a Chinese page must not show the English text)."""
    if lang != "zh":
        return report
    from dataclasses import replace

    return replace(report, problems=[replace(p, message=p.zh or p.message) for p in report.problems])


def _year_tables(result, rows: list[dict]) -> list[dict]:
    """The ranking as one table per year, newest first (a year not known: last). `rows` come in
    result.scores order, which is already by year and then by rank."""
    tables: dict[int | None, list[dict]] = defaultdict(list)
    for row in rows:
        row["key"] = json.dumps(rank_key(row["score"], result.scoring))
        tables[row["report"].year].append(row)
    order = sorted(tables, key=lambda y: (y is None, -(y or 0)))
    return [{"year": y, "rows": tables[y]} for y in order]


def _trends(result) -> dict[str, list[dict]]:
    """Per audited report, its agency's audited years (score, errors, page) when there are two or
    more. An agency is the same across years by the normalised name the cross-year rules use
    (agency_key); of two reports of one agency and year, the first by report id stands for the year."""
    members: dict[str, list[str]] = defaultdict(list)
    years: dict[str, dict[int, str]] = defaultdict(dict)
    for s in sorted(result.scores, key=lambda s: s.report_id):
        r = result.reports[s.report_id]
        if s.audited and r.agency and r.year:
            members[agency_key(r.agency)].append(s.report_id)
            years[agency_key(r.agency)].setdefault(r.year, s.report_id)
    scores = {s.report_id: s for s in result.scores}
    out: dict[str, list[dict]] = {}
    for key, by_year in years.items():
        if len(by_year) < 2:
            continue
        points = [
            {"year": y, "score": scores[rid].score, "errors": scores[rid].counts["error"], "report_id": rid}
            for y, rid in sorted(by_year.items())
        ]
        for rid in members[key]:
            out[rid] = points
    return out


def agency_page(env: Environment, shared: dict, page: dict) -> str:
    """One agency page from what it alone needs (`shared`: the same for every page of the run;
    `page`: this report's pieces), so that it renders the same in the main process or a worker."""
    lang, ui, scoring = shared["lang"], shared["common"]["ui"], shared["scoring"]
    r, findings, trend = page["report"], page["findings"], page["trend"]
    return env.get_template("agency.html.j2").render(
        report=_in_language(r, lang),
        score=page["score"],
        groups=_group_findings(findings, scoring, lang),
        findings=findings,
        pending_review=[f for f in findings if f.outcome == "failed" and not f.waived and needs_review(f)],
        tables=_table_views(shared["rules_dir"], shared["database"], r, findings, ui),
        source="" if shared["database"] else source_lines(r, findings),
        previous=page["previous"],
        trend=trend,
        trend_svg=trend_chart(trend, r.year, ui["trend_score"], ui["trend_errors"]) if trend else None,
        grades_en={g.grade: g.en for g in scoring.grades},
        rules=shared["rules"],
        scoring=scoring,
        root=page_root(r.report_id),
        total=shared["total"],
        checks=checks_of(page["outcomes"], findings, shared["titles"], scoring.categories, lang),
        review_count=page["review_count"],
        **shared["common"],
    )


def write_site(result, out_dir: Path, lang: str = "zh", jobs: int = 1) -> dict[str, Path]:
    """`jobs` > 1 renders the agency pages in that many worker processes (page_workers); every
    page is the same bytes whoever renders it."""
    env = _env()
    ui = UI[lang]
    agencies = out_dir / "agencies"
    if agencies.exists():
        shutil.rmtree(agencies)
    agencies.mkdir(parents=True)
    rule_specs = {r.spec.id: r.spec for r in result.rules}
    audited = [s for s in result.scores if s.audited]
    rows = []
    for s in audited:
        r = result.reports[s.report_id]
        rows.append({"score": s, "report": r, "href": page_path(r.report_id)})
    n = len(audited)
    summary = {
        "reports": n,
        "not_audited": len(result.scores) - n,
        "mean": round(sum(s.score for s in audited) / n, 1) if n else None,
        "passing": round(100 * sum(1 for s in audited if s.passed) / n) if n else None,
        "needs_review": sum(s.counts.get("needs_review", 0) for s in audited),
    }
    groups = {"level": _group_stats(result, "level"), "region": _group_stats(result, "region")}
    titles = {r.spec.id: r.spec.title.zh if lang == "zh" else r.spec.title.en for r in result.rules}
    in_ranking = {s.report_id for s in audited}
    # the chart counts what deducts: findings of ranked reports, not those still awaiting review
    most = Counter(
        f.rule_id
        for f in result.findings
        if f.outcome == "failed" and f.report_id in in_ranking and not needs_review(f)
    ).most_common()
    most.sort(key=lambda kv: (-kv[1], kv[0]))
    charts = {
        "scores": score_histogram([s.score for s in audited], ui["chart_scores_x"], ui["chart_scores_y"]),
        "rules": top_rules([(rid, titles.get(rid, ""), n) for rid, n in most[:10]]),
    }
    filters = {
        key: sorted({str(getattr(result.reports[s.report_id], key) or "") for s in audited} - {""})
        for key in ("level", "region", "year")
    }
    filters["grade"] = [g.grade if lang == "zh" else g.en for g in result.scoring.grades]
    fired = Counter(f.rule_id for f in result.findings if f.outcome == "failed")
    fired_reports: dict[str, set[str]] = defaultdict(set)
    for f in result.findings:
        if f.outcome == "failed":
            fired_reports[f.rule_id].add(f.report_id)
    common = {"ui": ui, "lang": lang, "record": record_items(result.record, lang), "database": result.database}
    queue = build_queue(result, lang)
    index = out_dir / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(
            rows=rows,
            year_tables=_year_tables(result, rows),
            not_audited_entries=not_audited_entries(result, lang),
            summary=summary,
            groups=groups,
            charts=charts,
            filters=filters,
            manifest_problems=result.manifest_problems,
            converter=result.converter,
            file_errors=result.file_errors,
            rule_errors=result.rule_errors,
            broken_rules=result.broken_rules,
            review_total=queue.total,
            **common,
            root="",
        ),
        encoding="utf-8",
    )
    checkpoint("index.html written")
    trends = _trends(result)
    by_report = findings_by_report(result)
    shared = {
        "lang": lang,
        "rules_dir": result.rules_dir,
        "database": result.database,
        "scoring": result.scoring,
        "rules": rule_specs,
        "titles": titles,
        "total": len(audited),
        "common": common,
    }
    pages = []
    for s in result.scores:
        rid = s.report_id
        pages.append(
            {
                "report": result.reports[rid],
                "score": s,
                "findings": by_report.get(rid, []),
                "outcomes": result.checks.get(rid, []),
                "previous": result.previous_scores.get(rid),
                "trend": trends.get(rid),
                "review_count": queue.counts.get(rid, 0),
            }
        )
    write_pages(out_dir, shared, pages, jobs)
    checkpoint("agency pages written")
    rule_dir = out_dir / "rules"
    if rule_dir.exists():
        shutil.rmtree(rule_dir)
    rule_dir.mkdir()
    from ..engine.example_cache import example_outcomes
    from ..templates import get_templates
    from .catalogue import build_page

    outcomes = example_outcomes(
        result.rules, get_templates(result.rules_dir), result.rules_dir, result.loaded_rules or None
    )
    ne_counts = Counter(f.rule_id for f in result.findings if f.outcome == "not_evaluable")
    categories = {k: {"zh": c.zh, "en": c.en} for k, c in result.scoring.categories.items()}
    for rule in result.rules:
        rid = rule.spec.id
        reps = [result.reports[x] for x in sorted(fired_reports.get(rid, ()))]
        (rule_dir / f"{rid}.html").write_text(
            env.get_template("rule.html.j2").render(
                page=build_page(rule, outcomes[rid]),
                fired=fired.get(rid, 0),
                ne=ne_counts.get(rid, 0),
                reports=[
                    {"agency": r.agency, "year": r.year, "file": r.file, "href": page_path(r.report_id)} for r in reps
                ],
                categories=categories,
                root="../",
                **common,
            ),
            encoding="utf-8",
        )
    rules_page = out_dir / "rules.html"
    rules_page.write_text(
        env.get_template("rules.html.j2").render(
            rules=[r.spec for r in result.rules],
            fired=fired,
            fired_reports={k: sorted(v) for k, v in fired_reports.items()},
            pages={rid: page_path(rid) for rid in result.reports},
            categories={k: {"zh": c.zh, "en": c.en} for k, c in result.scoring.categories.items()},
            root="",
            **common,
        ),
        encoding="utf-8",
    )
    scoring_page = out_dir / "scoring.html"
    scoring_page.write_text(
        env.get_template("scoring.html.j2").render(
            scoring=result.scoring,
            rules=sorted((r.spec for r in result.rules), key=lambda spec: (-spec.weight, spec.id)),
            root="",
            **common,
        ),
        encoding="utf-8",
    )
    return {
        "index": index,
        "rules": rules_page,
        "scoring": scoring_page,
        "agencies": agencies,
        "rule_pages": rule_dir,
        **write_review_page(env, queue, result, out_dir, lang),
    }
