"""Precision of the rules that match words over the prose: ordinary report language about enforcement,
publicity, fees and the lottery fund must raise nothing (a report that writes about gambling is not a
report that advertises it), and the shapes of spam that hacked government sites actually show must
each be found. Sentences written here by hand in the style of real reports; every rule runs for real
(loaded from rules/, evaluated by the engine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_audit.engine.examples import report_from_dict
from disclosure_audit.engine.runner import run_rules
from disclosure_audit.rules.loader import load_rules
from tests.conftest import RULES

ORDINARY = [
    # enforcement and publicity
    "深入开展“扫黄打非”专项行动，查处网络淫秽色情信息12条，关闭违法违规网站3个。",
    "查处网络淫秽色情信息",
    "及时发布辟谣信息，依法处置网络谣言，全年澄清不实信息8条。",
    "开展反诈宣传进社区、进校园活动36场，发放宣传资料5000余份。",
    "严厉打击电信网络诈骗违法犯罪，全年破获案件45起，为群众挽回损失320万元。",
    "组织开展全民禁毒宣传月活动，推进禁毒宣传进校园、进家庭。",
    "深入开展打击非法集资宣传教育活动，发布风险提示12期。",
    "严厉打击赌博违法犯罪活动，全年查处赌博案件17起。",
    "持续整治跨境赌博，切断境外赌场对我县群众的招赌吸赌渠道。",
    "依法查处利用网络平台组织六合彩、时时彩等赌博活动的案件3起。",
    "侦破一起利用“北京赛车”开设网络赌场案，抓获犯罪嫌疑人12名。",
    "开展打击治理电信网络诈骗和跨境赌博“断卡”行动，查处涉赌银行卡账户86个。",
    "会同文化部门收缴赌博机、老虎机23台。",
    "严禁党员干部参与赌博，严禁出入博彩场所。",
    "提醒群众警惕“注册送彩金”“充值返利”等网络赌博陷阱。",
    "加强网络生态治理，清理色情低俗信息1.2万条。",
    "欢迎向12377举报中心（www.12377.cn）举报违法和不良信息。",
    "举报网络淫秽色情信息可拨打“扫黄打非”举报电话12390。",
    "开展打击“体育投注”类非法网站专项行动，关停境外博彩网站链接27个。",
    "公安机关严厉打击涉黄涉赌违法犯罪活动，依法查处卖淫嫖娼、赌博案件。",
    "组织开展“净网”专项行动，整治网络色情、赌博等突出问题。",
    "防范和打击“网上投注”“境外博彩”等新型违法犯罪。",
    "开展“清朗·未成年人网络环境整治”行动，清理涉未成年人色情信息，关闭违规账号。",
    "全年共受理群众举报赌博线索19条，均已核查并按程序处理。",
    "开展“扫黄打非·护苗”行动，收缴非法出版物2300余件。",
    "加强对“一夜情”等低俗信息的清理整治，营造清朗网络空间。",
    "依法查处利用“真人荷官”网络直播组织赌博案件2起。",
    "接群众举报“澳门新葡京”等境外赌博网站广告3条，已移交网信部门处置。",
    "配合公安机关开展打击整治养老诈骗专项行动，公开典型案例6起。",
    "时时彩、六合彩等非法彩票严重危害社会稳定，公安机关将依法严厉打击。",
    "开展禁赌宣传，张贴“远离赌博 珍爱家庭”宣传画500张。",
    "发布《关于严厉打击网络赌博违法犯罪的通告》，公布举报电话和举报邮箱jubao@qinghe.gov.cn。",
    "拍摄禁毒、反赌、防诈骗系列宣传片3部，在微信、抖音平台播放10万余次。",
    "联合公安、文旅部门开展娱乐场所“黄赌毒”专项整治。",
    "全年查处涉赌涉黄案件17起，其中赌博案件12起、涉黄案件5起。",
    "开展专项整治：一是严厉打击跨境赌博；二是清理网络色情信息；三是加强反诈宣传。",
    "全年依法查处赌博案件17起，当事人对行政处罚决定申请行政复议2件、提起行政诉讼1件，均获维持。",
    # the lottery, its fund and fees: disclosure items in their own right
    "按照规定公开彩票公益金使用情况，接受社会监督。",
    "本年度全县体育彩票销售12.3亿元，筹集彩票公益金3.1亿元。",
    "福利彩票发行销售和彩票公益金分配使用情况已在政府网站专栏公开。",
    "规范彩票投注站设置，全年新增体育彩票投注站8家。",
    "互联网销售彩票须经财政部批准，严禁擅自利用互联网销售彩票。",
    "在政府门户网站公开2022年度体育彩票公益金资助项目及使用情况。",
    "宣传《彩票管理条例》，引导群众理性购彩。",
    "在政府网站开设“彩票管理”专栏，公开全市体育彩票网点分布和彩票网上销售政策。",
    "开展“体彩公益行”宣传活动，公开体育彩票公益金用于全民健身的项目。",
    "公开本年度行政事业性收费目录清单，全年未收取信息处理费。",
    # everyday work that uses the same words
    "对辖区棋牌室开展治安检查42次，督促整改隐患6处。",
    "本年度共办理群众来信反映棋牌室扰民问题5件，均已办结。",
    "加强文化市场监管，检查歌舞娱乐场所156家次。",
    "对全市14家成人用品店开展消防安全检查。",
    "市体育局指导举办全市象棋、围棋等棋牌类赛事4场，参赛群众1200人次。",
    "全年通过政府网站发布体育赛事信息和即时比分等便民服务信息。",
    "采用图文解读、真人视频解读、动漫短视频等形式解读政策文件12件，可登录政府网站观看或下载。",
    "关注“青禾发布”微信公众号，获取最新政务信息。",
    "政务公开咨询QQ群：123456789，咨询电话：0571-12345678。",
    "政策文件同步在区政府官网、“云岭发布”微信公众号、政务微博发布，方便群众下载查阅。",
    "本机关门户网站全年发布信息1200条，其中政策解读56条。",
    "相关政策可登录中国政府网www.gov.cn查询。",
    "根据《关于印发“扫黄打非”工作要点的通知》（青政办〔2023〕15号），结合本单位实际开展工作。",
]

# the shapes injected spam takes on hacked government pages, and the word each finding names
SPAM = {
    "澳门新葡京娱乐城官网注册送38元彩金 微信：abc8888": "澳门新葡京",
    "根据《国务院办公厅政府信息与政务公开办公室最新老虎机_即时比分网¥游戏手机版平台:政府信息公开年度报告》": "老虎机",
    "根据《条例》和《澳门威尼斯人娱乐城_真人百家乐官网中华人民共和国政府信息公开工作年度报告格式》": "澳门威尼斯人",
    "北京赛车pk10开奖直播_时时彩计划网_重庆时时彩走势图": "北京赛车",
    "香港六合彩开奖结果 六合彩资料大全 网址：www.6hc888.com": "六合彩",
    "百家乐开户就送88元 VX：bjl6688": "百家乐",
    "皇冠体育投注平台hg0088官网": "皇冠体育",
    "真人荷官在线发牌 首存100送100 信誉保证": "真人荷官",
    "成人视频免费看 加V：av5566": "成人视频",
    "色情直播 一夜情同城交友 QQ：88886666": "色情",
    "金沙娱乐城js333官网注册": "金沙娱乐城",
    "网上投注首选 体育投注 telegram：@bet365cn": "网上投注",
    "博彩平台日赚千元 飞机：@dubo888": "博彩",
    "online casino baccarat http://www.lucky-casino88.com": "casino",
    "本机关全年主动公开政府信息326条，澳门新葡京官网注册送38元彩金，其中政策解读12条。": "澳门新葡京",
    "相关服务指南可访问http://www.xx-casino.com查询。": "casino",
    # an enforcement sentence does not hide a spam contact handle
    "严厉打击赌博违法犯罪活动，百家乐注册送彩金 微信：bjl2023vip": "百家乐",
    "棋牌游戏下载送20元 扣扣：2837465": "棋牌游戏",
}

# every rule that matches words or figures in the prose (not those judging whether a section is there)
PROSE_RULES = (
    "INT-SPAM",
    "INT-LINK",
    "INT-ARTEFACT",
    "TXT-DUP",
    "TXT-REPEAT",
    "TXT-ENUM",
    "NAR-SUM",
    "NAR-REQ",
    "NAR-PCT",
    "NAR-APPEAL",
    "NAR-OUTCOME",
    "NAR-FEE",
)


def _run(rules_dir: Path, rule_ids: tuple[str, ...], paragraphs_by_report: dict[str, list[str]]):
    from disclosure_audit.templates import get_templates

    rules, errors = load_rules(rules_dir)
    assert errors == []
    chosen = [r for r in rules if r.spec.id in rule_ids]
    assert {r.spec.id for r in chosen} == set(rule_ids)
    templates = get_templates(rules_dir)
    reports = [
        report_from_dict({"template": "2021", "fill": "0", "paragraphs": paras}, templates, report_id=rid)
        for rid, paras in paragraphs_by_report.items()
    ]
    findings, _ = run_rules(reports, chosen, templates, rules_dir)
    return findings


@pytest.fixture(scope="module")
def ordinary_findings():
    """Each sentence as a report of its own, and all of them as one report (for the rules that
    compare paragraphs: duplicates, numbering)."""
    by_report = {f"s{i:02d}": [s] for i, s in enumerate(ORDINARY)}
    by_report["all"] = ORDINARY
    return _run(RULES, PROSE_RULES, by_report)


def test_the_corpora_are_large_enough():
    assert len(ORDINARY) >= 40 and len(SPAM) >= 10
    assert len(set(ORDINARY)) == len(ORDINARY)


@pytest.mark.parametrize("index", range(len(ORDINARY)), ids=[f"ordinary-{i:02d}" for i in range(len(ORDINARY))])
def test_ordinary_sentence_raises_nothing(index, ordinary_findings):
    got = [(f.rule_id, f.message["zh"]) for f in ordinary_findings if f.report_id == f"s{index:02d}"]
    assert got == [], ORDINARY[index]


def test_ordinary_sentences_together_raise_nothing(ordinary_findings):
    assert [(f.rule_id, f.message["zh"]) for f in ordinary_findings if f.report_id == "all"] == []


@pytest.fixture(scope="module")
def spam_findings():
    sentences = list(SPAM)
    return sentences, _run(RULES, ("INT-SPAM",), {f"x{i:02d}": [s] for i, s in enumerate(sentences)})


@pytest.mark.parametrize("index", range(len(SPAM)), ids=[f"spam-{i:02d}" for i in range(len(SPAM))])
def test_spam_injection_is_found(index, spam_findings):
    sentences, findings = spam_findings
    got = [f for f in findings if f.report_id == f"x{index:02d}"]
    assert [(f.rule_id, f.outcome, f.raw, f.line) for f in got] == [
        ("INT-SPAM", "failed", SPAM[sentences[index]], 1)
    ], sentences[index]


def test_an_injection_in_an_enforcement_paragraph_is_found_on_its_own_sentence():
    """The guard reads the sentence around a match: an enforcement sentence before the spam does not
    excuse it."""
    text = "严厉打击赌博违法犯罪活动，查处赌博案件17起。澳门新葡京官网注册送38元彩金，点击进入。"
    (f,) = _run(RULES, ("INT-SPAM",), {"r": [text]})
    assert (f.raw, f.message["zh"]) == (
        "澳门新葡京",
        "第1行含疑似植入的违法信息“澳门新葡京”：“…击赌博违法犯罪活动，查处赌博案件17起。澳门新葡京官网注册送38元彩金，点击进入。”",
    )
