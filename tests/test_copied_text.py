"""Copied text (COPY-AGENCY, COPY-PREV, COPY-TABLES): copies between demo agencies with their passages,
boilerplate-only overlap, cross-year reuse share, identical tables, attribution by publication date,
and LSH candidates confirmed by exact Jaccard."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.extract import extract_file
from disclosure_audit.model import Paragraph
from disclosure_audit.rules.kinds.copied_text import (
    jaccard,
    lsh_bands,
    lsh_candidates,
    minhash_signatures,
    prose_units,
    unit_signatures,
)
from disclosure_audit.rules.loader import LoadedRule, load_rule_file, load_rules, validate_params
from tests.conftest import RULES

DEMO = RULES.parent / "reports_in"
LOADED = {r.spec.id: r for r in load_rules(RULES)[0] if r.spec.id.startswith("COPY-")}

PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自2022年1月1日至2022年12月31日。"
    "本报告电子版可在本县人民政府门户网站“政府信息公开”专栏查阅下载。"
)
TEMPLATE_LINES = [
    PREAMBLE,
    "一、总体情况",
    "五、存在的主要问题及改进情况",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "本年度我局未收取政府信息公开信息处理费，无其他需要报告的事项。",
    "如对本报告有任何疑问，请与本局办公室联系。联系电话：0000-1234567；通讯地址：本县人民路1号。",
]
# two agencies' own, unrelated paragraphs
OWN_A = [
    "2022年，甲县水务局以城乡供水一体化和防汛抗旱为重点，按月公开水质检测结果和供水工程建设进度，回应群众对饮水安全的关切。",
    "存在的问题：乡镇供水站信息报送不及时，部分工程进度信息滞后。下一步将建立月通报制度，明确专人负责信息报送。",
]
OWN_B = [
    "2022年，乙区民政局围绕社会救助、养老服务和婚姻登记等民生事项，集中公开低保对象名单、特困人员供养标准和养老机构备案信息。",
    "我局将加强对街道民政工作人员的业务培训，统一救助信息公示格式，对公示期间收到的异议逐件核实并答复。",
]


def run(rule_id: str, reports, **params):
    rule = LOADED[rule_id]
    if params:
        new = validate_params(rule.spec.kind, {**rule.params.model_dump(), **params})
        rule = LoadedRule(rule.spec, new, rule.file, rule.rules_dir)
    findings, _ = run_rules(reports, [rule], _templates())
    return findings


_TPL = []


def _templates():
    if not _TPL:
        from disclosure_audit.templates import get_templates

        _TPL.append(get_templates(RULES))
    return _TPL[0]


def report(
    rid: str,
    agency: str,
    paragraphs: list[str],
    published: str | None = "2023-01-20",
    year: int = 2022,
    sections: list[int] | None = None,
    **kw,
):
    """A report fragment (all paragraphs in section 五 unless `sections` gives each one's section)."""
    data = {"template": "2021", "fill": "0", "agency": agency, "year": year, "published": published}
    data.update(kw, paragraphs=paragraphs)
    r = report_from_dict(data, _templates(), report_id=rid)
    if sections:
        r.paragraphs = [Paragraph(p.text, p.line, sec) for p, sec in zip(r.paragraphs, sections, strict=True)]
    return r


# --- across agencies: the demo copy ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_copy():
    files = ["01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt", "09_wangjiang_fgw_2021.txt"]
    files += ["13_baishi_slj_2022.txt", "14_baishi_slj_2021.txt"]
    reports = [extract_file(DEMO / f, RULES) for f in files]
    return {r.report_id: r for r in reports}, run("COPY-AGENCY", reports)


def test_copied_paragraphs_between_demo_agencies_are_found_with_the_passages(demo_copy):
    reports, findings = demo_copy
    assert [(f.report_id, f.outcome) for f in findings] == [("13_baishi_slj_2022.txt", "failed")]
    f = findings[0]
    source09 = reports["09_wangjiang_fgw_2021.txt"]
    assert "望江市发展和改革委员会（09_wangjiang_fgw_2021.txt，" in f.message["zh"]
    (src,) = f.details["sources"]
    assert (src["report_id"], src["agency"], src["file"]) == (source09.report_id, source09.agency, source09.file)
    assert 0.3 < f.details["share"] == src["share"] < 0.6
    # the opening of 总体情况 and both paragraphs of 五, each paired with 09's passage at its own line
    mine13 = {p.line: p.text for p in reports["13_baishi_slj_2022.txt"].paragraphs}
    theirs09 = {p.line: p.text for p in source09.paragraphs}
    sections = sorted({pr["section"] for pr in src["pairs"]})
    assert sections == [1, 5]
    for pr in src["pairs"]:
        assert pr["mine"]["text"] in mine13.values() or pr["unit"] == "section"
        if pr["unit"] == "paragraph":
            assert mine13[pr["mine"]["line"]] == pr["mine"]["text"]
            assert theirs09[pr["theirs"]["line"]] == pr["theirs"]["text"]
        assert 0.5 <= pr["similarity"] <= 1
    opening = next(pr for pr in src["pairs"] if pr["section"] == 1)
    assert opening["mine"]["text"].startswith("2022年，白石县水利局围绕全县经济社会发展大局")
    assert opening["theirs"]["text"].startswith("2021年，望江市发展和改革委员会围绕全市经济社会发展大局")
    assert f.line == opening["mine"]["line"] and f.section == 1


def test_the_clean_reports_and_the_same_agency_are_left_alone(demo_copy):
    _, findings = demo_copy
    flagged = {f.report_id for f in findings}
    assert not flagged & {"01_clean_qinghe_scjgj_2022.txt", "02_yunling_sfj_2020.txt", "14_baishi_slj_2021.txt"}


def test_boilerplate_only_overlap_gives_nothing():
    a = report("a", "甲县水务局", TEMPLATE_LINES + OWN_A)
    b = report("b", "乙区民政局", TEMPLATE_LINES + OWN_B)
    assert run("COPY-AGENCY", [a, b]) == []
    # the same two reports without the boilerplate patterns: the template lines alone would be a copy
    found = run("COPY-AGENCY", [a, b], boilerplate=())
    assert {f.report_id for f in found} == {"a", "b"}


def test_boilerplate_removal_keeps_the_own_prose():
    rule = LOADED["COPY-AGENCY"]
    units = prose_units(report("a", "甲县水务局", TEMPLATE_LINES + OWN_A), rule.kind.params, rule.kind._boilerplate)
    assert [u.text for u in units if u.kind == "paragraph"] == OWN_A
    assert all("甲县水务局" not in u.norm for u in units), "the agency's own name is masked"


def test_figures_and_the_agency_name_do_not_hide_a_copy():
    copied = OWN_A[0].replace("甲县水务局", "丙县水利局").replace("2022", "2023")
    a = report("a", "甲县水务局", [OWN_A[0], OWN_A[1]], published="2023-01-10")
    c = report("c", "丙县水利局", [copied, *OWN_B], published="2023-01-25")
    (f,) = run("COPY-AGENCY", [a, c])
    (pair,) = f.details["sources"][0]["pairs"]
    assert pair["similarity"] == 1.0 and pair["mine"]["text"] == copied and pair["theirs"]["text"] == OWN_A[0]


def test_a_section_copied_but_reparagraphed_counts_only_the_copied_paragraphs():
    merged = OWN_A[0] + OWN_A[1]  # two paragraphs of the source pasted as one
    own = "本年度我局新建政务公开体验区一处，安排专人为群众现场查询政府信息提供指引，全年接待群众查询四十余人次。"
    src = report("src", "甲县水务局", [*OWN_A, *OWN_B], published="2023-01-10", sections=[1, 1, 5, 5])
    cp = report("cp", "丙县水利局", [merged, own, PREAMBLE], published="2023-01-25", sections=[1, 1, 5])
    # no paragraph matches on its own (the merged one holds two of the source's) ...
    assert run("COPY-AGENCY", [src, cp], sections=False) == []
    (f,) = run("COPY-AGENCY", [src, cp])
    units = {
        u.paras[0]: u.chars
        for u in prose_units(cp, LOADED["COPY-AGENCY"].kind.params, LOADED["COPY-AGENCY"].kind._boilerplate)
        if u.kind == "paragraph"
    }
    assert f.details["copied_chars"] == units[0]  # the merged paragraph, not the own one in the same section
    assert f.details["prose_chars"] == sum(units.values())


# --- attribution -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pub_a", "pub_b", "charged"),
    [
        ("2023-01-10", "2023-01-25", {"b"}),  # b published later: b copied from a
        ("2023-01-25", "2023-01-10", {"a"}),
        ("2023-01-20", "2023-01-20", {"a", "b"}),  # same day: both
        (None, "2023-01-20", {"a", "b"}),  # one date unknown: both
    ],
)
def test_attribution_by_publication_date(pub_a, pub_b, charged):
    a = report("a", "甲县水务局", OWN_A, published=pub_a)
    b = report("b", "乙区民政局", [OWN_A[0].replace("甲县水务局", "乙区民政局"), OWN_A[1]], published=pub_b)
    found = run("COPY-AGENCY", [a, b])
    assert {f.report_id for f in found} == charged
    for f in found:
        other = ({"a", "b"} - {f.report_id}).pop()
        assert [s["report_id"] for s in f.details["sources"]] == [other]
        assert f.details["share"] == 1.0


def test_share_below_the_threshold_is_not_reported():
    a = report("a", "甲县水务局", OWN_A[:1], published="2023-01-10")
    long_own = [p * 3 for p in OWN_B]  # one copied paragraph among much longer own prose
    b = report("b", "乙区民政局", [OWN_A[0], *long_own], published="2023-01-25")
    assert run("COPY-AGENCY", [a, b]) == []
    assert [f.report_id for f in run("COPY-AGENCY", [a, b], min_share=0.1)] == ["b"]


# --- MinHash, LSH and the exact confirmation ------------------------------------------------------


def _perturb(text: str, n: int, rng: random.Random) -> str:
    chars = list(text)
    for i in rng.sample(range(len(chars)), n):
        chars[i] = rng.choice(
            "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
        )
    return "".join(chars)


def test_minhash_estimates_jaccard():
    rng = random.Random(7)
    base = "".join(OWN_A + OWN_B)
    texts = [base] + [_perturb(base, n, rng) for n in (5, 15, 30, 60)]
    sig = minhash_signatures(texts, 5, 256, seed=1)
    for i, j in itertools.combinations(range(len(texts)), 2):
        sh = [frozenset(t[k : k + 5] for k in range(len(t) - 4)) for t in (texts[i], texts[j])]
        exact = jaccard(*sh)
        estimate = float(np.mean(sig[i] == sig[j]))
        assert abs(estimate - exact) < 0.1, (i, j, exact, estimate)


def test_section_signatures_from_paragraphs_equal_sketching_the_section_text():
    kind = LOADED["COPY-AGENCY"].kind
    p = kind.params
    reports = [extract_file(DEMO / f, RULES) for f in ("09_wangjiang_fgw_2021.txt", "13_baishi_slj_2022.txt")]
    units = [u for r in reports for u in prose_units(r, p, kind._boilerplate)]
    assert {u.kind for u in units} == {"paragraph", "section"}
    direct = minhash_signatures([u.norm for u in units], p.shingle, p.num_perm, p.seed)
    assert (unit_signatures(units, p.shingle, p.num_perm, p.seed) == direct).all()


def test_lsh_finds_near_duplicates_and_not_strangers():
    rng = random.Random(3)
    base = [OWN_A[0], OWN_A[1], OWN_B[0], OWN_B[1]]
    texts = base + [_perturb(t, 2, rng) for t in base]  # 4 + their near-copies
    sig = minhash_signatures(texts, 5, 128, seed=20240101)
    bands, rows = lsh_bands(0.4, 128)
    pairs = {tuple(p) for p in lsh_candidates(sig, bands, rows).tolist()}
    assert {(0, 4), (1, 5), (2, 6), (3, 7)} <= pairs
    assert not pairs & {(0, 2), (0, 3), (1, 2), (1, 3), (4, 6)}


def test_lsh_candidates_are_confirmed_a_near_miss_is_not_reported():
    kind = LOADED["COPY-AGENCY"].kind
    p = kind.params
    bands, rows = lsh_bands(p.lsh_threshold, p.num_perm)
    src_text = OWN_A[1] + OWN_B[1]
    rng = random.Random(11)
    # a perturbed copy whose exact Jaccard is just below the rule's similarity, yet an LSH candidate
    for _ in range(500):
        near = _perturb(src_text, rng.randint(5, 30), rng)
        a = report("a", "甲县水务局", [src_text], published="2023-01-10")
        b = report("b", "乙区民政局", [near], published="2023-01-25")
        (ua,), (ub,) = (prose_units(r, p, kind._boilerplate) for r in (a, b))
        sim = jaccard(ua.shingles(p.shingle), ub.shingles(p.shingle))
        sig = minhash_signatures([ua.norm, ub.norm], p.shingle, p.num_perm, p.seed)
        if p.similarity - 0.06 <= sim < p.similarity and lsh_candidates(sig, bands, rows).tolist() == [[0, 1]]:
            break
    else:
        pytest.fail("no near-miss constructed")
    # the exact Jaccard rejects the candidate: nothing reported, whatever the share
    assert run("COPY-AGENCY", [a, b]) == []
    assert run("COPY-AGENCY", [a, b], min_share=0.0) == []
    # with the similarity threshold just under the pair's Jaccard, the same pair is reported
    (f,) = run("COPY-AGENCY", [a, b], similarity=round(sim - 0.005, 4))
    assert f.report_id == "b" and f.details["sources"][0]["pairs"][0]["similarity"] == round(sim, 4)


def test_a_passage_shared_by_many_reports_costs_linear_pairs():
    n, cap = 120, 5
    sig = minhash_signatures([OWN_A[0]] * n, 5, 64, seed=1)
    bands, rows = lsh_bands(0.5, 64)
    pairs = lsh_candidates(sig, bands, rows, cap=cap)
    assert len(pairs) <= n * cap
    dates = ["2023-01-01"] + [f"2023-01-{2 + i % 27:02d}" for i in range(1, n)]
    reports = [report(f"r{i:03d}", f"第{i}县水务局", [OWN_A[0]], published=d) for i, d in enumerate(dates)]
    found = run("COPY-AGENCY", reports, bucket_cap=cap)
    # every report but the one published first is charged (same-day copies both ways), each with ≤ cap sources
    assert {f.report_id for f in found} == {r.report_id for r in reports} - {"r000"}
    assert max(len(f.details["sources"]) for f in found) <= cap


def test_a_bucket_of_ten_thousand_members_gives_n_times_cap_pairs_not_all_pairs():
    # 10,000 units with one signature: one bucket in every band. Member r pairs with the first
    # min(r, cap) members: 0 + 1 + … + 49 for the first 50, then 50 each for the other 9,950
    n, cap = 10_000, 50
    sig = np.tile(np.arange(128, dtype=np.uint32), (n, 1))
    pairs = lsh_candidates(sig, 32, 4, cap=cap)
    assert len(pairs) == 1225 + 9950 * 50  # all pairs would be 49,995,000
    assert (pairs[:, 0] < pairs[:, 1]).all() and pairs[:, 0].max() == cap - 1
    # a salt keeps two halves apart: each half is its own bucket
    halves = lsh_candidates(sig, 32, 4, salt=np.arange(n) % 2, cap=cap)
    assert len(halves) == 2 * (1225 + 4950 * 50)
    assert ((halves[:, 0] - halves[:, 1]) % 2 == 0).all()


def test_evidence_of_a_passage_shared_by_many_reports_is_bounded():
    # 40 agencies publish the same paragraph on the same day: each is charged, with 39 sources
    reports = [report(f"r{i:02d}", f"第{i}县水务局", [OWN_A[0]], published="2023-01-20") for i in range(40)]
    bounded = run("COPY-AGENCY", reports, max_sources=3)
    full = run("COPY-AGENCY", reports, max_sources=100)
    assert [f.report_id for f in bounded] == [f"r{i:02d}" for i in range(40)]
    f = bounded[5]
    assert [s["report_id"] for s in f.details["sources"]] == ["r00", "r01", "r02"]
    assert (f.details["sources_total"], f.details["sources_omitted"]) == (39, 36)
    assert f.details["sources"][0]["pairs"][0]["similarity"] == 1.0
    assert f.details["sources"][0]["pairs"][0]["theirs"]["text"] == OWN_A[0]
    assert f.params["n_sources"] == 39 and f.message["zh"].count("（r0") == 3 and "等；" in f.message["zh"]
    g = full[5]
    assert len(g.details["sources"]) == 39 and g.details["sources_omitted"] == 0
    # the bound trims the evidence only: share, message, line and the strongest sources are unchanged
    for a, b in zip(bounded, full, strict=True):
        assert (a.message, a.line, a.raw, a.params) == (b.message, b.line, b.raw, b.params)
        assert a.details["share"] == b.details["share"] == 1.0
        assert a.details["sources"] == b.details["sources"][:3]


# --- across years ---------------------------------------------------------------------------------


def test_cross_year_reuse_share_is_computed():
    new = "本年度我局新建政务公开体验区一处，安排专人为群众现场查询政府信息提供指引，全年接待群众查询四十余人次。"
    prev = report("prev", "甲县水务局", [OWN_A[0].replace("2022", "2021"), OWN_A[1], OWN_B[0]], year=2021)
    cur = report("cur", "甲县水务局", [OWN_A[0], OWN_A[1], new], year=2022)
    (f,) = run("COPY-PREV", [prev, cur])
    rule = LOADED["COPY-PREV"]
    chars = [u.chars for u in prose_units(cur, rule.kind.params, rule.kind._boilerplate) if u.kind == "paragraph"]
    assert f.report_id == "cur"
    assert f.details["copied_chars"] == chars[0] + chars[1] and f.details["prose_chars"] == sum(chars)
    assert f.details["share"] == pytest.approx((chars[0] + chars[1]) / sum(chars), abs=1e-4)
    assert f.params["prev_year"] == 2021 and f.params["prev_file"] == "prev.txt"
    assert [p["mine"]["text"] for p in f.details["sources"][0]["pairs"]] == OWN_A
    assert f.details["sections"] == [{"section": 5, "share": f.details["share"], "chars": sum(chars)}]
    # the earlier year is not charged, and a rewritten report is not either
    assert run("COPY-PREV", [prev, report("cur", "甲县水务局", [new, *OWN_B[1:]])]) == []


def test_demo_cross_year_pair():
    reports = [extract_file(DEMO / f, RULES) for f in ("13_baishi_slj_2022.txt", "14_baishi_slj_2021.txt")]
    found = run("COPY-PREV", reports) + run("COPY-TABLES", reports)
    assert sorted((f.report_id, f.rule_id) for f in found) == [
        ("13_baishi_slj_2022.txt", "COPY-PREV"),
        ("13_baishi_slj_2022.txt", "COPY-TABLES"),
    ]
    prev = next(f for f in found if f.rule_id == "COPY-PREV")
    assert prev.details["sources"][0]["file"] == "14_baishi_slj_2021.txt"
    assert 0.5 <= prev.details["share"] < 0.8


# --- identical tables -----------------------------------------------------------------------------

T3 = {"new": {"natural": "12", "total": "12"}, "granted": {"natural": "10", "total": "10"}}
T3 |= {"carry_forward": {"natural": "2", "total": "2"}}
T4 = {"cases": {"review.upheld": "1", "review.total": "1"}}


def _pair(cur_tables: dict, prev_tables: dict, **prev_kw):
    prev = report("prev", "甲县水务局", [], year=2021, tables=prev_tables, **prev_kw)
    cur = report("cur", "甲县水务局", [], year=2022, tables=cur_tables)
    return run("COPY-TABLES", [prev, cur])


def test_identical_tables_are_found():
    (f,) = _pair({"requests": T3, "appeals": T4}, {"requests": T3, "appeals": T4})
    assert f.report_id == "cur"
    assert [t["table"] for t in f.details["tables"]] == ["requests", "appeals"]
    assert f.params["nonzero"] == 8 and f.details["previous"]["year"] == 2021


def test_tables_that_differ_in_one_cell_or_only_in_table_two_are_not_identical():
    t3b = {**T3, "granted": {"natural": "10", "total": "11", "commercial": "1"}}
    assert _pair({"requests": T3, "appeals": T4}, {"requests": t3b, "appeals": T4}) == []
    active = {"active": {"licensing": {"decisions": "5"}}}
    assert len(_pair({"requests": T3, "appeals": T4}, {"requests": T3, "appeals": T4, **active})) == 1


def test_all_zero_or_missing_tables_are_not_reported():
    assert _pair({}, {}) == []  # all zeros both years: no requests, no appeals
    # 表四 missing one year and present the other: different
    assert _pair({"requests": T3, "appeals": T4}, {"requests": T3}, tables_missing=["appeals"]) == []


# --- parameters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ("{compare: agencies, boilerplate: ['(']}", "params.boilerplate"),
        ("{compare: agencies, boilerplate: ['x*']}", "params.boilerplate"),
        ("{compare: agencies, shingle: 5, min_chars: 3}", "params.min_chars"),
        ("{compare: agencies, lsh_threshold: 1.5}", "params.lsh_threshold"),
        ("{compare: sideways}", "params.compare"),
    ],
)
def test_bad_params_are_reported_with_their_key(tmp_path, templates, params, key):
    text = (RULES / "checks" / "COPY-AGENCY.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("params:\n")
    examples = rest[rest.index("examples:") :]
    path = tmp_path / "COPY-AGENCY.yaml"
    path.write_text(f"{head}params: {params}\n{examples}", encoding="utf-8")
    rule, errors = load_rule_file(path, templates)
    assert rule is None and [e.key for e in errors] == [key], errors


def test_the_page_says_how_many_sources_it_does_not_list():
    from disclosure_audit.render.html import _env
    from disclosure_audit.render.i18n import UI

    reports = [report(f"r{i:02d}", f"第{i}县水务局", [OWN_A[0]], published="2023-01-20") for i in range(12)]
    f = run("COPY-AGENCY", reports, max_sources=3)[0]
    template = _env().get_template("finding.html.j2")
    zh = template.render(f=f, ui=UI["zh"], lang="zh", rules={}, database=None)
    en = template.render(f=f, ui=UI["en"], lang="en", rules={}, database=None)
    assert zh.count('class="side-by-side"') == 3  # the kept sources, each side by side
    assert "另有 8 份报告含相同或近似内容（共 11 份），未逐一列出" in zh
    assert "8 more reports share this text (11 in all)" in en
    full = run("COPY-AGENCY", reports, max_sources=100)[0]
    page = template.render(f=full, ui=UI["zh"], lang="zh", rules={}, database=None)
    assert page.count('class="side-by-side"') == 11 and "另有" not in page
