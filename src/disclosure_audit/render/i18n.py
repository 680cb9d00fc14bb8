"""UI strings for every generated file, one language per output. Rule titles, messages, basis and
fix come from the rule files; evidence written in Chinese is put in English by `core.english`.

A `--lang zh` output is Chinese throughout (rule ids, numbers, file names and commands in <code>
excepted); a `--lang en` output is English, with the format's official labels and the report's own
words kept as printed, in quotes or in elements marked lang="zh" (tests/test_language_purity.py)."""

from __future__ import annotations

from ..core.english import english

UI = {
    "zh": {
        "site_title": "政府信息公开工作年度报告合规审查",
        "ranking": "排名",
        "rank": "名次",
        "agency": "机关",
        "year": "年度",
        "format": "格式",
        "score": "得分",
        "grade": "等级",
        "errors": "错误",
        "warnings": "警告",
        "infos": "提示",
        "not_evaluable": "无法核验",
        "report": "报告",
        "file": "文件",
        "reports_audited": "审查报告数",
        "mean_score": "平均分",
        "share_passing": "合格率",
        "unreadable": "无法读取的文件",
        "skipped_files": "未作为报告读取的文件和文件夹",
        "rule_errors": "规则文件错误",
        "broken_rules": "运行出错的规则（本次未执行，所涉报告未经该规则审查）",
        "broken_rule_reports": "所涉报告",
        "preview": "预览",
        "unknown_agency": "（未写明机关）",
        "category": "类别",
        "cap": "扣分上限",
        "lost": "扣分",
        "deductions": "扣分明细",
        "rule": "规则",
        "points": "分值",
        "findings": "问题清单",
        "no_findings": "未发现问题。",
        "location": "位置",
        "line": "行",
        "raw": "原文",
        "expected": "应为",
        "found": "实为",
        "arithmetic": "计算",
        "cells": "涉及单元格",
        "tables": "表格还原",
        "outline": "章节结构",
        "problems": "抽取说明",
        "published": "成文日期",
        "title": "标题",
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "outcome": {"failed": "不符合", "not_evaluable": "无法核验"},
        "standard": "规范",
        "nonstandard": "不规范",
        "extra": "多余标题",
        "table_not_found": "未找到该表",
        "back": "返回排名",
        "rules_page": "规则目录",
        "fired": "触发次数",
        "basis": "依据",
        "legend": "图例：红色为有问题的单元格（点击跳转至问题），灰色为空白、“/”或“-”。",
        "encoding": "编码",
        "layout": "版式",
        "none": "无",
        "severity_col": "严重程度",
        "level": "层级",
        "region": "地区",
        "by_level": "按层级",
        "by_region": "按地区",
        "manifest_problems": "报送清单问题",
        "chart_scores_x": "得分分布（每10分一档）",
        "chart_scores_y": "报告数",
        "chart_rules": "最常见的问题（规则触发次数）",
        "filter_all": "全部",
        "search": "搜索机关或文件",
        "showing": "显示",
        "sort_hint": "点击表头排序",
        "source": "报告原文",
        "copied_from": "相同或近似内容来自",
        "sources_omitted": "另有 {0} 份报告含相同或近似内容（共 {1} 份），未逐一列出",
        "this_report": "本报告",
        "formats": "适用格式",
        "what": "检查什么",
        "why": "依据",
        "examples": "示例",
        "example_pass": "通过的示例",
        "example_failed": "不通过的示例",
        "example_not_evaluable": "无法核验的示例",
        "message_template": "消息模板",
        "this_run": "本次审查",
        "waived": "已豁免",
        "until": "有效期至",
        "previous_score": "年度得分",
        "open": "查看",
        "change": "变化",
        "source_legend": "按读取结果逐行显示；有问题的行已标色，点击规则编号跳转至问题。",
        "no_text": "没有可显示的文本。",
        "db_row": "数据库行",
        "db_no_text": "本次审查读取的是数据库中的表格数字，数据库不保存报告原文。",
        "db_source": "本次审查读取数据库 {url} 的 {table} 表：证据指向数据库行（fact_id），而非原文件的行。",
        "db_not_run": "以下 {n} 条规则未运行（{reason}），不扣分，也不表示通过：",
        "not_audited": "未能审查",
        "not_audited_title": "未能审查的报告",
        "not_audited_intro": (
            "以下报告无法读取或不属于任一年度报告格式，未评分、未排名；这是读取问题，不计入机关的扣分。"
        ),
        "reason": "原因",
        "ask": "需向机关索取",
        "not_audited_findings": "本报告未能审查：以下结果仅供参考，不扣分、不排名。",
        "needs_review": "待复核",
        "review_pending": "未扣分：确认前不计入得分。复核人核对原文后，在豁免文件中登记复核确认即可扣分。",
        "review_confirmed": "已复核确认",
        "reviewer": "复核人",
        "review_summary": "待复核的问题（读数不确定，未扣分）",
        "status": "状态",
        # run record (render/record.py): every page's footer, printouts, the workbook's 运行记录
        "record_title": "运行记录",
        "record_office": "审查机关",
        "record_audit_title": "审查名称",
        "record_as_of": "审查基准日",
        "record_as_of_source": {"option": "命令行 --as-of", "audit.yaml": "audit.yaml", "today": "运行当天"},
        "record_tool": "工具版本",
        "record_ruleset": "规则集版本",
        "record_sha": "规则文件 SHA-256",
        "record_engine": "检测引擎",
        "record_engine_gx": "Great Expectations（{checks}项SQL检查，一次校验）",
        "record_engine_fallback": (
            "；{reports}份报告含SQL无法精确计算的数字（{cells}格超出±9.2×10^12或小数超过6位，或合计超出64位），"
            "其表格规则由默认引擎检测"
        ),
        "record_reports": "报告数",
        "record_audited": "已审查",
        "record_not_audited": "未能审查",
        "record_unreadable": "无法读取的文件",
        "record_failed": "不符合",
        "record_not_evaluable": "无法核验",
        "record_waived": "已豁免",
        "record_needs_review": "待复核",
        "record_item": "项目",
        "record_value": "内容",
        "not_stated": "未注明",
        # ranking by year and level, trend, scoring method page
        "level_rank": "层级内名次",
        "year_heading": "{year}年度",
        "year_unknown": "年度不明",
        "reports_unit": "份报告",
        "rank_hint": (
            "每个年度单独排名；层级内名次为同一年度、同一层级（政府 / 部门 / 乡镇街道）中的名次。"
            "按层级、地区、等级或年度筛选后，按显示的报告重新排名；得分、错误数、警告数都相同者名次相同。"
        ),
        "year_rank_card": "{year}年度名次",
        "level_rank_card": "{level}中名次",
        "scoring_page": "计分方法",
        "trend_title": "历年得分与错误数",
        "trend_intro": (
            "同一机关（按规范化后的机关名称识别）各年度已审查报告的得分（折线，0–100）和错误数（柱）；"
            "本报告的年度加粗。"
        ),
        "trend_score": "得分",
        "trend_errors": "错误数",
        "scoring_intro": (
            "每份报告从100分起扣：每个不符合的问题扣其规则的分值，扣分按类别汇总，每类不超过该类的扣分上限。"
        ),
        "scoring_formula": "得分 = 100 − Σ 各类别（扣分上限与该类别扣分中的较小者）",
        "scoring_categories": "类别与扣分上限",
        "scoring_per_rule": "同一规则在一份报告中最多按 {n} 个问题扣分（扣分 = 分值 × 问题数与{n}中的较小者）。",
        "scoring_grades": "等级",
        "scoring_min": "最低分",
        "scoring_pass": "{mark}分及以上为合格，计入合格率。",
        "scoring_policies": "不扣分的情形",
        "scoring_ne_zero": (
            "无法核验（例如所需单元格空白、表格未找到）不扣分：无法核验不等于不符合；"
            "空白单元格本身由 BLANK-* 规则计分。"
        ),
        "scoring_ne_some": "无法核验的检查每条规则扣 {w} 分（只计一次）：无法核验不等于不符合。",
        "scoring_review": (
            "建立在不确定读数上的问题（待复核：单元格有多种读法、由读表程序推断位置或拆分、所在表格的读数未通过自身勾稽关系）"
            "不扣分；复核人员核对原件并在豁免文件的复核确认清单中登记后才扣分。"
        ),
        "scoring_waived": (
            "已豁免的问题仍然列出并注明理由和批准人，但不扣分；过期的豁免不再生效，本身列为问题（WVR-EXPIRED）。"
        ),
        "scoring_not_audited": (
            "未能审查的报告（扫描件、无法读取、不属于任一年度报告格式）不评分、不评等级、不排名，"
            "也不计入平均分和合格率；读表程序读不出的内容不算机关的错误。"
        ),
        "scoring_ranking": "排名规则",
        "scoring_ranking_text": "每个年度单独排名，并在同一年度同一层级（政府 / 部门 / 乡镇街道）内排名。依次比较：",
        "tie_keys": {
            "score_desc": "得分高者在前",
            "errors_asc": "错误少者在前（只计可扣分的规则）",
            "warnings_asc": "警告少者在前（只计可扣分的规则）",
            "not_evaluable_asc": "无法核验少者在前",
        },
        "scoring_ties": "各项都相同者名次相同，下一个名次顺延（1、2、2、4）。",
        "scoring_weights": "各规则分值",
        "scoring_weight_zero": "分值为0的规则只列出问题供核对，不扣分。",
        "unreadable_reason": "文件无法读取，未生成报告，内容无法审查",
        "unreadable_ask": "请提供可以正常打开、可复制文字的文件（带文本层的PDF、Word文档或网页版）",
        "detail": "详情",
        "summary_head": "已审查 {audited} / {reports} 份报告，{rules} 条规则",
        "colon": "：",
        "sep": " ｜ ",
        "list_sep": "、",
        "paren": "（{}）",
        "fix": "整改建议",
        "see_also": "参考",
        "rule_status": {"stable": "正式", "preview": "预览"},
        "example_input": "示例输入",
        "years": "适用年度",
        "no_level": "—",
        "layouts": {
            "tabcell": "逐格分行的文本",
            "tsv": "制表符分隔的文本",
            "pipe": "竖线分隔的文本",
            "markdown": "轻量标记文本",
            "crawler": "网页抓取文本",
            "text": "纯文本",
            "html": "网页",
            "docx": "Word 文档",
            "pdf": "PDF",
        },
    },
    "en": {
        "site_title": "Government information disclosure annual reports: compliance audit",
        "ranking": "Ranking",
        "rank": "Rank",
        "agency": "Agency",
        "year": "Year",
        "format": "Format",
        "score": "Score",
        "grade": "Grade",
        "errors": "Errors",
        "warnings": "Warnings",
        "infos": "Info",
        "not_evaluable": "Not evaluable",
        "report": "Report",
        "file": "File",
        "reports_audited": "Reports audited",
        "mean_score": "Mean score",
        "share_passing": "Share passing",
        "unreadable": "Unreadable files",
        "skipped_files": "Files and folders not read as reports",
        "rule_errors": "Rule file errors",
        "broken_rules": "Rules that failed while running (no findings from them; the reports listed were not checked)",
        "broken_rule_reports": "reports",
        "preview": "preview",
        "unknown_agency": "(agency not named)",
        "category": "Category",
        "cap": "Cap",
        "lost": "Deducted",
        "deductions": "Deductions",
        "rule": "Rule",
        "points": "Points",
        "findings": "Findings",
        "no_findings": "No findings.",
        "location": "Location",
        "line": "Line",
        "raw": "Raw text",
        "expected": "Expected",
        "found": "Found",
        "arithmetic": "Arithmetic",
        "cells": "Cells",
        "tables": "Tables as read",
        "outline": "Outline",
        "problems": "Extraction notes",
        "published": "Dated",
        "title": "Title",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "outcome": {"failed": "failed", "not_evaluable": "not evaluable"},
        "standard": "standard",
        "nonstandard": "non-standard",
        "extra": "extra heading",
        "table_not_found": "table not found",
        "back": "Back to ranking",
        "rules_page": "Rule catalogue",
        "fired": "Fired",
        "basis": "Basis",
        "legend": "Red cells carry findings (click to jump); grey cells are blank, '/' or '-'.",
        "encoding": "Encoding",
        "layout": "Layout",
        "none": "none",
        "severity_col": "Severity",
        "level": "Level",
        "region": "Region",
        "by_level": "By level",
        "by_region": "By region",
        "manifest_problems": "Manifest problems",
        "chart_scores_x": "Score distribution (10-point bands)",
        "chart_scores_y": "reports",
        "chart_rules": "Most frequent findings (times each rule failed)",
        "filter_all": "all",
        "search": "search agency or file",
        "showing": "showing",
        "sort_hint": "click a column header to sort",
        "source": "Report text",
        "copied_from": "Shared with",
        "sources_omitted": "{0} more reports share this text ({1} in all); not listed one by one",
        "this_report": "This report",
        "formats": "Formats",
        "what": "What it checks",
        "why": "Why (basis)",
        "examples": "Examples",
        "example_pass": "Passing example",
        "example_failed": "Failing example",
        "example_not_evaluable": "Not-evaluable example",
        "message_template": "Message template",
        "this_run": "In this run",
        "waived": "waived",
        "until": "until",
        "previous_score": " score",
        "open": "open",
        "change": "change",
        "source_legend": "The report as read, line by line; lines with findings are coloured, rule ids link to them.",
        "no_text": "No text to show.",
        "db_row": "Database row",
        "db_no_text": "This audit read the tables' figures from a database, which does not hold the report's text.",
        "db_source": "This audit read table {table} of the database {url}: evidence points at database rows "
        "(fact_id), not at lines of the source files.",
        "db_not_run": "These {n} rules were not run ({reason}): nothing is deducted for them, and they are not passed:",
        "not_audited": "Not audited",
        "not_audited_title": "Reports not audited",
        "not_audited_intro": (
            "These reports could not be read or follow neither annual report format; they have no score and no "
            "rank. This is a reading problem and is not charged to the agency."
        ),
        "reason": "Reason",
        "ask": "Ask the agency for",
        "not_audited_findings": (
            "This report was not audited: the results below are for reference only; nothing is deducted and it "
            "is not ranked."
        ),
        "needs_review": "needs review",
        "review_pending": (
            "Deducted nothing: it counts only once a reviewer confirms it under confirmations in the waivers file."
        ),
        "review_confirmed": "confirmed by review",
        "reviewer": "reviewer",
        "review_summary": "Findings awaiting review (uncertain reading, nothing deducted)",
        "status": "Status",
        "record_title": "Run record",
        "record_office": "Office",
        "record_audit_title": "Audit",
        "record_as_of": "Audit date (as of)",
        "record_as_of_source": {"option": "--as-of option", "audit.yaml": "audit.yaml", "today": "day of the run"},
        "record_tool": "Tool version",
        "record_ruleset": "Rule set version",
        "record_sha": "Rule files SHA-256",
        "record_engine": "Detection engine",
        "record_engine_gx": "Great Expectations ({checks} SQL checks, one validation)",
        "record_engine_fallback": (
            "; {reports} report(s) hold numbers SQL cannot add exactly ({cells} cells beyond ±9.2×10^12 or finer"
            " than 6 decimals, or sums beyond 64 bits): their table rules were detected by the default engine"
        ),
        "record_reports": "Reports",
        "record_audited": "Audited",
        "record_not_audited": "Not audited",
        "record_unreadable": "Unreadable files",
        "record_failed": "Failed",
        "record_not_evaluable": "Not evaluable",
        "record_waived": "Waived",
        "record_needs_review": "Needs review",
        "record_item": "item",
        "record_value": "value",
        "not_stated": "not stated",
        "level_rank": "Rank in level",
        "year_heading": "{year}",
        "year_unknown": "Year not known",
        "reports_unit": "reports",
        "rank_hint": (
            "Each year is ranked on its own; the rank in level is the rank among the same year's reports of the "
            "same level (government / department / township). Filtering by level, region, grade or year re-ranks "
            "the reports shown; equal score, errors and warnings share a rank."
        ),
        "year_rank_card": "Rank in {year}",
        "level_rank_card": "Rank among {level}",
        "scoring_page": "Scoring method",
        "trend_title": "Score and errors by year",
        "trend_intro": (
            "The same agency's audited reports (recognised by its normalised name): score as a line (0–100), errors "
            "as bars; this report's year in bold."
        ),
        "trend_score": "score",
        "trend_errors": "errors",
        "scoring_intro": (
            "Each report starts from 100: every failed finding deducts its rule's points, deductions are summed per "
            "category, and no category deducts more than its cap."
        ),
        "scoring_formula": "score = 100 − Σ over categories of min(cap, deductions in the category)",
        "scoring_categories": "Categories and caps",
        "scoring_per_rule": ("One rule deducts for at most {n} findings per report (points × min(findings, {n}))."),
        "scoring_grades": "Grades",
        "scoring_min": "Minimum score",
        "scoring_pass": "A score of {mark} or more passes and counts in the share passing.",
        "scoring_policies": "What deducts nothing",
        "scoring_ne_zero": (
            "A check that could not be made (a blank operand, a table not found) deducts nothing: not evaluable is "
            "not failed; blank cells themselves are scored by the BLANK-* rules."
        ),
        "scoring_ne_some": (
            "A check that could not be made deducts {w} points per rule (once): not evaluable is not failed."
        ),
        "scoring_review": (
            "A finding resting on an uncertain reading (needs review: a cell with several readings, one placed or "
            "split by the reader, a table whose reading fails its own identities) deducts nothing until a reviewer "
            "has checked the source and confirmed it under confirmations in the waivers file."
        ),
        "scoring_waived": (
            "A waived finding stays listed with its reason and approver but deducts nothing; an expired waiver "
            "waives nothing and is itself a finding (WVR-EXPIRED)."
        ),
        "scoring_not_audited": (
            "A report that could not be audited (a scan, unreadable, in neither annual report format) gets no score, "
            "grade or rank and counts in no mean or share passing: what the reader cannot read is not the agency's "
            "fault."
        ),
        "scoring_ranking": "Ranking",
        "scoring_ranking_text": (
            "Each year is ranked on its own, and within each year each level (government / department / township). "
            "Reports are compared by:"
        ),
        "tie_keys": {
            "score_desc": "higher score first",
            "errors_asc": "fewer errors first (rules that can deduct only)",
            "warnings_asc": "fewer warnings first (rules that can deduct only)",
            "not_evaluable_asc": "fewer not-evaluable checks first",
        },
        "scoring_ties": "Reports equal on every key share a rank and the next rank is skipped (1, 2, 2, 4).",
        "scoring_weights": "Points per rule",
        "scoring_weight_zero": "Rules with 0 points list findings for review and deduct nothing.",
        "unreadable_reason": "The file could not be read; no report, its content could not be audited",
        "unreadable_ask": (
            "ask for a file that opens and whose text can be copied (a PDF with a text layer, a Word file or the "
            "web page)"
        ),
        "detail": "detail",
        "summary_head": "{audited} of {reports} reports audited, {rules} rules",
        "colon": ": ",
        "sep": " | ",
        "list_sep": ", ",
        "paren": " ({})",
        "fix": "How to fix",
        "see_also": "See also",
        "rule_status": {"stable": "stable", "preview": "preview"},
        "example_input": "Example input",
        "years": "Years",
        "no_level": "—",
        "layouts": {
            "tabcell": "one cell per line",
            "tsv": "tab-separated text",
            "pipe": "pipe-separated text",
            "markdown": "Markdown",
            "crawler": "crawled web page text",
            "text": "plain text",
            "html": "web page",
            "docx": "Word document",
            "pdf": "PDF",
        },
    },
}

# The review queue (review.html) and the checks listed on every agency page. Kept apart from the
# table above so that each page's strings stay together; merged into UI below.
REVIEW_UI = {
    "zh": {
        "review_page": "待人工决定的问题",
        "review_intro": (
            "以下问题需要人工决定：无法核验的检查、依据的读数不确定（待复核）的问题，以及权重较高的警告。"
            "每项附有可直接粘贴的豁免条目：复制后粘贴到报告文件夹中 waivers.yaml 的豁免清单中，"
            "把尖括号中的占位内容换成实际的理由和批准人，再次运行审查即可生效；占位内容未替换的条目会被当作豁免文件错误报告，"
            "不会生效。待复核的问题另附复核确认条目（粘贴到复核确认清单中），确认后照常扣分。"
        ),
        "review_settings": "本次设置：",
        "review_settings_text": (
            "进入队列的警告：规则权重不低于 {weight}（scoring.yaml 中的复核设置）；"
            "建议的豁免有效期：{days} 天，自审查基准日 {as_of} 起算"
        ),
        "review_reason": {
            "uncertain_reading": "读数不确定，待复核",
            "not_evaluable": "无法核验",
            "warning": "警告",
        },
        "review_empty": "没有需要人工决定的问题。",
        "review_total": "待人工决定",
        "review_link": "本报告待人工决定的问题",
        "review_items": "项",
        "review_by_agency": "按机关",
        "review_not_audited": "未能审查的报告不在此列，见排名页“未能审查的报告”。",
        "copy_entry": "复制",
        "copied": "已复制",
        "copy_all": "复制本报告全部豁免条目",
        "waiver_entry": "豁免条目（粘贴到 waivers.yaml 的豁免清单中）",
        "confirmation_entry": "复核确认条目（粘贴到 waivers.yaml 的复核确认清单中）",
        "placeholder_reason": "<填写豁免理由>",
        "placeholder_approver": "<填写批准人>",
        "placeholder_reviewer": "<填写复核人>",
        "placeholder_note": "<填写核对原文的结果>",
        "also_covers": "注意：此条目也会豁免以下不在队列中的问题：",
        "open_finding": "在机关页面查看",
        "entry_covers": "本条目涵盖",
        "label_sep": "：",
        "checks": "检查情况",
        "checks_intro": (
            "本报告适用的每条规则的结果。“通过”指规则适用于本报告（格式版本、年度、可读取），"
            "有可核对的内容，且没有产生不符合或无法核验的结果。"
        ),
        "checks_passed": "通过的检查",
        "checks_not_evaluable": "无法核验的检查",
        "checks_not_applicable": "不适用的检查",
        "checks_none_passed": "没有通过的检查。",
        "checks_count": "项",
        "checks_summary": "通过 {passed} 项，不符合 {failed} 项，无法核验 {ne} 项，不适用 {na} 项",
    },
    "en": {
        "review_page": "Findings awaiting a decision",
        "review_intro": (
            "These findings need a person's decision: checks that could not be made, findings resting on an "
            "uncertain reading (needs review), and heavier warnings. Each comes with a waiver entry to paste: copy it "
            "under waivers: in waivers.yaml in the reports folder, replace the placeholders in angle brackets with the "
            "reason and the approver, and run the audit again. An entry whose placeholders were left in is reported "
            "as an error of the waivers file and waives nothing. Findings awaiting review also come with a "
            "confirmation entry (under confirmations:); once confirmed they deduct like any other finding."
        ),
        "review_settings": "Settings of this run: ",
        "review_settings_text": (
            "warnings listed: rule weight at least {weight} (review.warning_weight_min in scoring.yaml); suggested "
            "waivers expire {days} days after the as-of date {as_of}"
        ),
        "review_reason": {
            "uncertain_reading": "uncertain reading, needs review",
            "not_evaluable": "not evaluable",
            "warning": "warning",
        },
        "review_empty": "Nothing awaits a decision.",
        "review_total": "Awaiting a decision",
        "review_link": "Findings of this report awaiting a decision",
        "review_items": "",
        "review_by_agency": "By agency",
        "review_not_audited": (
            "Reports that could not be audited are not listed here; see 'Reports not audited' on the ranking page."
        ),
        "copy_entry": "Copy",
        "copied": "Copied",
        "copy_all": "Copy all waiver entries of this report",
        "waiver_entry": "Waiver entry (paste under waivers: in waivers.yaml)",
        "confirmation_entry": "Confirmation entry (paste under confirmations: in waivers.yaml)",
        "placeholder_reason": "<reason for the waiver>",
        "placeholder_approver": "<approved by>",
        "placeholder_reviewer": "<reviewed by>",
        "placeholder_note": "<what the source shows>",
        "also_covers": "Note: this entry also waives these findings that are not in the queue: ",
        "open_finding": "open on the agency page",
        "entry_covers": "This entry covers",
        "label_sep": ": ",
        "checks": "Checks",
        "checks_intro": (
            "The result of every rule for this report. 'Passed' means the rule applies to this report (format "
            "version, year, readable), had something to check, and produced neither a failure nor a not-evaluable "
            "result."
        ),
        "checks_passed": "Checks passed",
        "checks_not_evaluable": "Checks that could not be made",
        "checks_not_applicable": "Checks not applicable",
        "checks_none_passed": "No check passed.",
        "checks_count": "",
        "checks_summary": "{passed} passed, {failed} failed, {ne} not evaluable, {na} not applicable",
    },
}
for _lang, _strings in REVIEW_UI.items():
    UI[_lang].update(_strings)


def evidence(text, lang: str):
    """A finding's evidence (expected, found, arithmetic, a reason) for a reader of `lang`."""
    return english(text) if lang == "en" else text


def finding_evidence(f, field: str, lang: str):
    """A finding's expected / found / arithmetic for `lang`: a kind's own English version of it
    (params `<field>_en`) when it wrote one, else `core.english` of the Chinese."""
    text = getattr(f, field)
    if lang != "en" or not text:
        return text
    return english(f.params.get(f"{field}_en") or text)


def layout_label(layout: str | None, lang: str) -> str:
    """How the report's text was laid out, in words; an unknown layout name is shown as it is."""
    if not layout:
        return "—"
    return UI[lang]["layouts"].get(layout, layout)
