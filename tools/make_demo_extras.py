"""Write the pipeline-level demo inputs: reports_in/manifest.csv, an image-only PDF (a scan), the
waivers file, the audit's record (audit.yaml) and the previous-year twin.

Deterministic; stdlib only. The manifest carries two deliberate defects (a late publication and a
register entry naming another agency) and the expectations for them go to tests/data/demo_extras.yaml.
Run: python tools/make_demo_extras.py [--out ROOT] (after tools/make_demo_reports.py with the same ROOT)
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import yaml
from demo_model import Defect
from demo_readme import DemoFile, OtherFile

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports_in"

# file, agency, region, level, year, published (went online), url
MANIFEST = [
    ("01_clean_qinghe_scjgj_2022.txt", "青禾县市场监督管理局", "青禾县", "部门", "2022", "2023-01-20"),
    ("02_yunling_sfj_2020.txt", "云岭区司法局", "云岭区", "部门", "2020", "2021-01-22"),
    # late: 乡镇街道 deadline 31 March; online 6 April
    ("03_songxi_zhen_2020.txt", "松溪镇人民政府", "青禾县", "乡镇街道", "2020", "2021-04-06"),
    # late: 部门 deadline 31 January; online 15 February
    ("04_yunling_zjj_2021.txt", "云岭区住房和城乡建设局", "云岭区", "部门", "2021", "2022-02-15"),
    ("05_wangjiang_jtysj_2022.txt", "望江市交通运输局", "望江市", "部门", "2022", "2023-01-16"),
    ("06_qinghe_jytyj_2021.txt", "青禾县教育体育局", "青禾县", "部门", "2021", "2022-01-25"),
    ("07_yunling_zrzyj_2020.txt", "云岭区自然资源局", "云岭区", "部门", "2020", "2021-01-28"),
    # the text names no agency: the manifest supplies it (and the level)
    ("08_untitled_jiedao_2021.txt", "白鹭湾街道办事处", "望江市", "乡镇街道", "2021", "2022-02-10"),
    ("09_wangjiang_fgw_2021.txt", "望江市发展和改革委员会", "望江市", "部门", "2021", "2022-01-24"),
    # register mix-up: filed under another agency than the one the report names
    ("10_wangjiang_tjj_2020.txt", "望江市审计局", "望江市", "部门", "2020", "2021-01-27"),
    ("11_qinghe_wsjkj_2022.txt", "青禾县卫生健康局", "青禾县", "部门", "2022", "2023-01-19"),
    ("12_scan_baiyuwan_2022.pdf", "白鹭湾街道办事处", "望江市", "乡镇街道", "2022", "2023-02-01"),
    # reports in forms found in the wild (tools/demo_forms.py); the crawler's page went online the day
    # after the signature date, as its 发布时间 says
    ("15_wangjiang_swj_2021_crawler.txt", "望江市商务局", "望江市", "部门", "2021", "2022-01-25"),
    ("16_baishi_rsj_2020_layout.txt", "白石县人力资源和社会保障局", "白石县", "部门", "2020", "2021-01-26"),
    ("17_yunling_ybj_2022_mixed.md", "云岭区医疗保障局", "云岭区", "部门", "2022", "2023-01-18"),
]

SLUG = {"青禾县": "qinghe", "云岭区": "yunling", "望江市": "wangjiang", "白石县": "baishi"}
# the page a crawler saved names its own address (原文链接): the register keeps the same one
# (the same address as form.url in tools/demo_data/15_wangjiang_swj_2021_crawler.yaml)
URLS = {"15_wangjiang_swj_2021_crawler.txt": "http://www.wangjiang.gov.cn/xxgk/swj/ndbg/202201/t20220125_4816302.html"}

EXTRAS = """# Pipeline-level expectations (manifest, deadlines, scans) for the demo corpus.
# Written by tools/make_demo_extras.py; the text-level expectations are in demo_expectations.yaml.
03_songxi_zhen_2020.txt:
  # waivers.yaml confirms a T3-BAL finding here, but its reading is certain: nothing awaits review
  must_fire: [TIME-LATE, WVR-CONFIRM-UNUSED]
  level: 乡镇街道
04_yunling_zjj_2021.txt:
  must_fire: [TIME-LATE]
  level: 部门
08_untitled_jiedao_2021.txt:
  must_fire: []
  must_not_fire: [TIME-LATE, META-MANIFEST]
  agency: 白鹭湾街道办事处
  level: 乡镇街道
10_wangjiang_tjj_2020.txt:
  must_fire: [META-MANIFEST]
  agency: 望江市审计局
12_scan_baiyuwan_2022.pdf:
  must_fire: [EXT-SCAN]
  only: [EXT-SCAN]
  # a scan cannot be audited: no score, no rank, listed apart with what to ask the agency for
  not_audited: scan
# the 2019 twin below makes 07 the agency's second year: carry-over, item counts and reuse are checked
07_yunling_zrzyj_2020.txt:
  must_fire: [T3-XYEAR, T2-19-XYEAR, COPY-PREV, COPY-TABLES]
20_yunling_zrzyj_2019.txt:
  template: "2019"
  year: 2019
  agency: 云岭区自然资源局
  published: "2020-01-20"
  layout: tabcell
  encoding: utf-8
  # same tables and prose as 07 one year earlier; its own defects are 07's (see reports_in/README.md)
  must_fire: [T4-SUM, T2-19-INEQ, BLANK-TOTAL, BLANK-CELL, UNIT-CONFLICT]
  must_not_fire: [T3-XYEAR, T2-19-XYEAR, COPY-PREV, COPY-TABLES, TIME-LATE]
  cells:
    - {table: appeals, row: cases, column: review.total, raw: "{review_total}"}
"""


def manifest_csv() -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "agency", "region", "level", "year", "published", "url"])
    for file, agency, region, level, year, published in MANIFEST:
        url = URLS.get(file) or f"http://www.{SLUG[region]}.gov.cn/xxgk/ndbg/{year}/{Path(file).stem}.html"
        w.writerow([file, agency, region, level, year, published, url])
    return buf.getvalue()


def image_only_pdf() -> bytes:
    """One A4 page with a grey block and no text layer: what a scanned report looks like to a reader."""
    content = b"0.85 g 56 80 483 680 re f 0.2 g 90 700 300 14 re f 90 660 400 8 re f 90 640 380 8 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


WAIVERS = """# Waivers the (invented) office granted. Each: rule, scope, reason, approver, expiry.
# Waived findings stay visible, marked, and deduct nothing; expired or unused waivers are findings.
# Confirmations: a reviewer checked the source of a finding that rests on an uncertain reading; it then
# deducts. One that matches no finding awaiting review is a finding (WVR-CONFIRM-UNUSED).
waivers:
  - rule: BLANK-CELL
    scope: {agency: 云岭区自然资源局, year: 2020, table: requests}
    reason: 业务系统导出表格时将0显示为空白，已书面要求更正
    approver: 云岭区政务公开办 李明
    expires: 2099-12-31
  - rule: VAL-NEG
    scope: {agency: 青禾县教育体育局, year: 2021}
    reason: 负数为撤回申请的冲减，待核实
    approver: 青禾县政务公开办 王芳
    expires: 2022-06-30
  - rule: UNIT-MISSING
    scope: {agency: 望江市交通运输局}
    reason: 采购金额单位另行说明
    approver: 望江市政务公开办 陈静
    expires: 2099-12-31
confirmations:
  - rule: T3-BAL
    scope: {agency: 松溪镇人民政府, year: 2020, table: requests, column: natural}
    reviewer: 青禾县政务公开办 赵敏
    date: 2021-04-20
    note: 核对原件，本年新收申请数确为40件
"""

AUDIT = """# 审查记录（演示用，机关为虚构）：审查机关、审查名称和基准日显示在每个页面和打印件的运行记录中，
# 并写入 findings.json（run.record）和 ranking.xlsx（运行记录）。as_of 为豁免是否过期的基准日，--as-of 优先。
office: 望江市人民政府办公室政务公开科
title:
  zh: 2019—2022年度政府信息公开工作年度报告审查（演示）
  en: "Review of the 2019–2022 government information disclosure annual reports (demo)"
as_of: 2023-04-30
"""

PREVIOUS_YEAR = ("07_yunling_zrzyj_2020.txt", "20_yunling_zrzyj_2019.txt")

# ---------------------------------------------------------------------------------------------------
# what reports_in/README.md says about the files this tool writes (tools/demo_readme.py); check_declared()
# holds it to the expectations above

SCAN = "12_scan_baiyuwan_2022.pdf"
TWIN_FIRES = ("T4-SUM", "T2-19-INEQ", "BLANK-TOTAL", "BLANK-CELL", "UNIT-CONFLICT")  # 07's table defects
TWIN_GIVES_07 = ("T3-XYEAR", "T2-19-XYEAR", "COPY-PREV", "COPY-TABLES")
# rules the manifest's deliberate entries trigger, by report
MANIFEST_FIRES = {
    "03_songxi_zhen_2020.txt": (
        "TIME-LATE",
        "乡镇街道3月31日截止，4月6日才上网",
        "乡镇街道 deadline 31 March, online 6 April",
    ),
    "04_yunling_zjj_2021.txt": (
        "TIME-LATE",
        "部门1月31日截止，2月15日才上网",
        "部门 deadline 31 January, online 15 February",
    ),
    "10_wangjiang_tjj_2020.txt": (
        "META-MANIFEST",
        "登记为另一机关（望江市审计局）",
        "filed under another agency (望江市审计局)",
    ),
}

README_FILES = [
    DemoFile(
        SCAN,
        "scan",
        "—",
        "—",
        2022,
        (
            Defect(
                ("EXT-SCAN",),
                "只有图像、没有文本层的 PDF（扫描件）：内容无法审查，不评分、不排名，单独列出并说明需向机关索取的版本",
                "an image-only PDF (a scan) with no text layer: its content cannot be audited, so no score and no "
                "rank; listed apart with what to ask the agency for",
            ),
        ),
    ),
    DemoFile(
        PREVIOUS_YEAR[1],
        "tabcell",
        "utf-8",
        "2019",
        2019,
        (
            Defect(
                TWIN_FIRES,
                f"{PREVIOUS_YEAR[0]} 早一年的报告（表格和正文相同），缺陷即该报告的表内缺陷；有了它，07 号报告另报 "
                + "、".join(TWIN_GIVES_07),
                f"{PREVIOUS_YEAR[0]}'s report one year earlier (same tables and prose): its defects are that report's "
                f"table defects; with it, 07 also fires {', '.join(TWIN_GIVES_07)}",
            ),
        ),
    ),
]


def _manifest_note() -> OtherFile:
    zh = "；".join(f"{f.split('_', 1)[0]} 号 {why}（{rule}）" for f, (rule, why, _) in MANIFEST_FIRES.items())
    en = "; ".join(f"{f.split('_', 1)[0]} {why} ({rule})" for f, (rule, _, why) in MANIFEST_FIRES.items())
    return OtherFile(
        "manifest.csv",
        f"报送登记册（{len(MANIFEST)} 份报告的机关、地区、层级、年度、上网日期和网址），故意设置：{zh}",
        f"the register ({len(MANIFEST)} reports: agency, region, level, year, date online, address), with "
        f"deliberate entries: {en}",
    )


def _waivers_note() -> OtherFile:
    doc = yaml.safe_load(WAIVERS)
    ws, cs = doc["waivers"], doc["confirmations"]
    zh = "；".join(f"{w['rule']}（{w['scope']['agency']}，至 {w['expires']}）" for w in ws)
    en = "; ".join(f"{w['rule']} ({w['scope']['agency']}, until {w['expires']})" for w in ws)
    czh = "；".join(f"{c['rule']}（{c['scope']['agency']} {c['scope']['year']}）" for c in cs)
    cen = "; ".join(f"{c['rule']} ({c['scope']['agency']} {c['scope']['year']})" for c in cs)
    return OtherFile(
        "waivers.yaml",
        f"{len(ws)} 项豁免：{zh}；{len(cs)} 项复核确认：{czh}",
        f"{len(ws)} waivers: {en}; {len(cs)} reviewer's confirmation(s): {cen}",
    )


def _audit_note() -> OtherFile:
    doc = yaml.safe_load(AUDIT)
    title = doc.get("title") or {}
    zh = title.get("zh", "") if isinstance(title, dict) else str(title)
    en = title.get("en", "") if isinstance(title, dict) else str(title)
    return OtherFile(
        "audit.yaml",
        f"审查记录：审查机关 {doc.get('office', '')}，审查名称 {zh}",
        f"the audit's record: office {doc.get('office', '')}, title {en}",
    )


README_OTHER = [_manifest_note(), _waivers_note(), _audit_note()]


def check_declared() -> None:
    """What the README says about these files is what the expectations say."""
    extras = yaml.safe_load(EXTRAS)
    assert tuple(extras[PREVIOUS_YEAR[1]]["must_fire"]) == TWIN_FIRES
    assert set(TWIN_GIVES_07) <= set(extras[PREVIOUS_YEAR[0]]["must_fire"])
    assert extras[SCAN]["must_fire"] == ["EXT-SCAN"]
    for file, (rule, _, _) in MANIFEST_FIRES.items():
        assert rule in extras[file]["must_fire"], (file, rule)
    assert {f for f, *_ in MANIFEST} >= set(MANIFEST_FIRES)


def previous_year_twin(text: str) -> str:
    """The agency's report one year earlier: same tables, years shifted (so the 2020 report has a
    predecessor and the cross-year identities have something to check)."""
    return text.replace("2021年1月28日", "@SIGNED@").replace("2020", "2019").replace("@SIGNED@", "2020年1月20日")


def _review_total(text: str) -> str:
    """表四 复议·总计 as printed in the source report (the twin keeps it), for the spot check."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from disclosure_audit.extract import extract_document
    from disclosure_audit.ingest import Document
    from disclosure_audit.templates import get_templates

    doc = Document(path=Path("twin.txt"), source_format="txt", lines=text.replace("\r\n", "\n").split("\n"))
    report = extract_document(doc, get_templates(ROOT / "rules"))
    return report.tables["appeals"].cell("cases", "review.total").raw or ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="write reports_in/ and tests/data/ under this folder")
    out = parser.parse_args(argv).out
    check_declared()
    reports, data = out / REPORTS.relative_to(ROOT), out / "tests" / "data"
    data.mkdir(parents=True, exist_ok=True)
    (reports / "manifest.csv").write_text(manifest_csv(), encoding="utf-8", newline="\n")
    (reports / "12_scan_baiyuwan_2022.pdf").write_bytes(image_only_pdf())
    twin_source = (reports / PREVIOUS_YEAR[0]).read_bytes().decode("utf-16")
    extras = EXTRAS.replace("{review_total}", _review_total(twin_source))
    (data / "demo_extras.yaml").write_text(extras, encoding="utf-8", newline="\n")
    (reports / "waivers.yaml").write_text(WAIVERS, encoding="utf-8", newline="\n")
    (reports / "audit.yaml").write_text(AUDIT, encoding="utf-8", newline="\n")
    src, dst = PREVIOUS_YEAR
    text = (reports / src).read_bytes().decode("utf-16")  # the source demo report is UTF-16 with BOM
    (reports / dst).write_bytes(previous_year_twin(text).encode("utf-8"))


if __name__ == "__main__":
    main()
