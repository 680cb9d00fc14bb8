"""The export's README.md (zh + en): how to run the GX project, which rules it holds and which rules
it leaves out and why. Generated from the compiled checks, so it lists exactly what was exported."""

from __future__ import annotations

from collections import defaultdict

from ..warehouse.facts import FACT_COLUMNS
from .checks import NotExported, SqlCheck

OUTCOME_ZH = {"failed": "不通过", "not_evaluable": "无法核验"}


def readme(checks: list[SqlCheck], skipped: list[NotExported], table: str) -> str:
    by_rule: dict[str, list[SqlCheck]] = defaultdict(list)
    for c in checks:
        by_rule[c.rule_id].append(c)
    lines = [
        "# disclosure-audit: Great Expectations export / 规则目录的 GX 导出",
        "",
        "## 中文",
        "",
        "本目录是一个 Great Expectations（GX）项目：政府信息公开工作年度报告表格规则（勾稽关系、总计栏空白、"
        "取值、金额单位）编译成针对“facts”长表（每个表格单元格一行）的 SQL 检查。运行它只需要 GX，"
        "不需要安装 disclosure-audit。",
        "",
        "运行：",
        "",
        "```",
        "pip install 'great_expectations[postgresql]'   # 或 great_expectations（SQLite）",
        "python run_checkpoint.py --url sqlite:///facts.sqlite",
        "python run_checkpoint.py --url postgresql://user@host/db --table facts --json failures.json",
        "```",
        "",
        f"不给 `--url` 时读取环境变量 `FACTS_URL`，再没有则读取本目录下的 `facts.sqlite`；表名默认 `{table}`。"
        "在自己的流水线中使用时：先 `import disclosure_audit_gx_plugin`（注册本导出的期望类型），"
        '再 `gx.get_context(mode="file", project_root_dir=本目录)`，设置 `FACTS_URL` 后运行检查点 `disclosure_audit`。',
        "",
        "结果按规则编号列出每个检查返回的全部行（GX 自带的 UnexpectedRowsExpectation 最多返回200行，"
        "本导出的期望类型返回全部行）。`outcome` 为 `failed` 的行是不通过的实例；"
        "`not_evaluable` 的行是无法核验的实例（运算数空白、“/”、缺格，或数值无法精确表示），不是违规，"
        "其 GX 严重程度为 info。有不通过的行时退出码为1，否则为0，无法运行时为2。",
        "",
        "## English",
        "",
        "This folder is a Great Expectations (GX) project: the table rules of the disclosure-audit catalogue "
        "(arithmetic identities, blank totals, value domains, money units) compiled to SQL checks over the "
        "`facts` long table (one row per table cell). It runs with GX alone; disclosure-audit need not be installed.",
        "",
        "Run:",
        "",
        "```",
        "pip install 'great_expectations[postgresql]'   # or great_expectations (SQLite)",
        "python run_checkpoint.py --url sqlite:///facts.sqlite",
        "python run_checkpoint.py --url postgresql://user@host/db --table facts --json failures.json",
        "```",
        "",
        "Without `--url` the URL comes from the environment variable `FACTS_URL`, else `facts.sqlite` in this "
        f"folder; the table is `{table}` unless `--table` says otherwise. In your own pipeline: "
        "`import disclosure_audit_gx_plugin` (it registers this export's expectation type), then "
        '`gx.get_context(mode="file", project_root_dir=<this folder>)`, set `FACTS_URL`, and run the checkpoint '
        "`disclosure_audit`.",
        "",
        "Every check lists all the rows it returns (GX's own UnexpectedRowsExpectation stops at 200; this "
        "export's expectation type does not). Rows of a check with `outcome` `failed` are failing instances; rows "
        "of a `not_evaluable` check are instances that could not be checked (a blank, '/' or missing operand, or "
        "a figure with no exact 64-bit form): not failures, and their GX severity is info. Exit status 1 when "
        "there are failing rows, else 0; 2 when the checkpoint could not run.",
        "",
        "Each expectation's `meta` carries rule_id, kind, version, outcome, severity, category, title and message "
        "(zh/en), applies_to, binding and the columns returned. GX severity: error → critical, warning → warning, "
        "info → info.",
        "",
        "## Files / 文件",
        "",
        "- `gx/`: the GX project (suites `disclosure_audit_2019`, `disclosure_audit_2021`, their validation "
        "definitions, checkpoint `disclosure_audit`) / GX 项目",
        "- `disclosure_audit_gx_plugin.py`: the expectation `expect_query_to_return_no_rows` / 期望类型",
        "- `run_checkpoint.py`: runs the checkpoint and prints the rows / 运行检查点",
        "- `checks.json`: every check's SQL and every rule left out / 全部检查的 SQL 与未导出的规则",
        "",
        "## Exported rules / 已导出的规则",
        "",
        "| rule | kind | format versions | checks |",
        "|---|---|---|---|",
    ]
    for rid in sorted(by_rule):
        cs = by_rule[rid]
        versions = ", ".join(sorted({c.version for c in cs}))
        outcomes = ", ".join(sorted({c.outcome for c in cs}))
        lines.append(f"| {rid} | {cs[0].kind} | {versions} | {len(cs)} ({outcomes}) |")
    lines += [
        "",
        "## Rules not exported / 未导出的规则",
        "",
        "| rule | kind | 原因 | reason |",
        "|---|---|---|---|",
    ]
    for n in skipped:
        lines.append(f"| {n.rule_id} | {n.kind} | {_cell(n.reason_zh)} | {_cell(n.reason_en)} |")
    lines += [
        "",
        "## The facts table / facts 表",
        "",
        "| column | type | 说明 | meaning |",
        "|---|---|---|---|",
    ]
    lines += [f"| {c.name} | {c.sql} | {_cell(c.zh)} | {_cell(c.en)} |" for c in FACT_COLUMNS]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
