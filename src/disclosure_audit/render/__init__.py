"""Render: AuditResult → findings.json, ranking.csv, ranking.xlsx, index.html, agencies/*.html, rules.html.

The writers (jinja2, openpyxl) are imported when outputs are written, not when a module of this
package is: the pipeline only needs `render.slugs`, and `extract`/`diff` need none of it."""

from __future__ import annotations

from pathlib import Path

# Written into every output folder: a run never reads a folder holding it as reports (pipeline.find_inputs).
OUTPUT_MARKER = ".disclosure-audit-output"


def write_outputs(result, out_dir: Path, lang: str = "zh", jobs: int = 1) -> dict[str, Path]:
    """Every output into `out_dir`, in place; `jobs` worker processes render the agency pages
    (the same bytes as with one). The CLI hands it a fresh hidden folder and swaps that
    into the output folder's place afterwards (atomic_output), so readers never see a half-written
    output; a caller writing into a live folder directly gets no such guarantee."""
    from ..checkpoints import checkpoint
    from .csv_out import write_ranking_csv
    from .html import write_site
    from .json_out import write_findings_json
    from .xlsx_out import write_ranking_xlsx

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / OUTPUT_MARKER).write_text("written by disclosure-audit: not read as reports\n", encoding="utf-8")
    paths = {"findings": write_findings_json(result, out_dir / "findings.json")}
    checkpoint("findings.json written")
    paths["ranking_csv"] = write_ranking_csv(result, out_dir / "ranking.csv", lang)
    checkpoint("ranking.csv written")
    paths["ranking_xlsx"] = write_ranking_xlsx(result, out_dir / "ranking.xlsx", lang)
    checkpoint("ranking.xlsx written")
    paths.update(write_site(result, out_dir, lang, jobs))
    checkpoint("site written")
    return paths
