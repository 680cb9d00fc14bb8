"""The prose of a generated report: sections 一, 五 and 六, written from sentence frames whose every
part varies (openings, verbs, the agency's own fields of work, channels, measures, clause order), so
that reports of different agencies do not read as copies of each other: COPY-AGENCY compares 5-character
shingles after masking the agency and folding digits, so only varied wording keeps them apart.

Figures restated in the prose come from the report's own tables (the demo's `facts`) in the phrasings
the narrative rules read ("新收…申请N件", "行政复议N件"); a sentence that would restate a cell that is not
a plain number is left out, as a writer would not quote a blank."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from corpus_names import Agency

Frame = Sequence[Sequence[str]]  # a sentence: one alternative drawn from each part, joined

ADV = ("持续", "进一步", "着力", "扎实", "认真", "不断", "切实", "积极", "全面", "稳步")
DO = ("推进", "抓好", "落实", "做好", "深化", "规范", "加强", "优化")
CHANNELS = (
    "门户网站政府信息公开专栏",
    "政务微信公众号",
    "政务微博",
    "政务服务大厅公开栏",
    "政府公报",
    "新闻发布会",
    "便民服务站电子屏",
    "村（社区）公开栏",
    "政务服务网",
    "融媒体中心",
)
MEANS = ("图文解读", "视频解读", "一问一答", "政策吹风会", "在线访谈", "专家解读", "动漫解读", "新闻发布")
THINGS = ("办事指南", "工作动态", "通知公告", "政策文件", "统计数据", "规划计划", "财政资金信息", "人事信息")

INTRO: Frame = (
    ("{year}年，", "本年度，", "过去一年，", "{year}年以来，", "一年来，"),
    ("{we}",),
    (
        "坚持以公开为常态、不公开为例外，",
        "认真贯彻《中华人民共和国政府信息公开条例》，",
        "在上级政务公开部门的指导下，",
        "按照政务公开工作要点部署，",
        "紧扣群众关切，",
        "把政务公开作为转变作风的重要抓手，",
    ),
    ("围绕{t0}、{t1}等重点工作", "聚焦{t0}和{t1}", "结合{t1}、{t0}等中心任务", "以{t0}为重点"),
    ("{adv}{do}政府信息公开，", "{adv}{do}政务公开各项工作，", "{adv}提升公开质量，"),
    (
        "公开工作总体平稳有序。",
        "各项工作取得新进展。",
        "群众满意度有所提升。",
        "较好完成了年度公开任务。",
        "公开的规范化水平进一步提高。",
    ),
)
ACTIVE: tuple[Frame, ...] = (
    (
        ("全年", "本年度", "年内"),
        ("通过{ch0}", "依托{ch0}", "在{ch0}"),
        ("主动公开政府信息{n_pub}条", "发布各类政府信息{n_pub}条"),
        ("，其中{t0}相关信息{n_a}条。", "，涉及{t0}的{n_a}条。", "。"),
    ),
    (
        ("围绕{t1}，", "针对{t1}，", "结合{t1}工作，"),
        ("在{ch1}", "通过{ch1}和{ch2}"),
        ("及时发布{th0}和{th1}", "集中公开{th0}", "同步推送{th1}"),
        ("，方便群众查询。", "，便于企业群众办事。", "，回应社会关切。", "。"),
    ),
    (
        ("行政许可决定{act_licensing_decisions}件、行政处罚决定{act_penalty_decisions}件",),
        ("均在作出后", "全部"),
        ("按规定时限公开。", "依法公开。", "在法定期限内公开。"),
    ),
    (
        ("对涉及{t0}的", "对{t1}方面的", "对新出台的"),
        ("政策文件", "规范性文件", "重要政策"),
        ("同步开展{m0}和{m1}，", "采取{m0}、{m1}等方式解读，", "坚持文件与{m0}同步发布，"),
        ("全年发布解读材料{n_b}篇。", "解读{n_b}次。", "提高了政策知晓度。"),
    ),
    (
        ("{th1}", "{t0}领域的{th0}"),
        ("在{ch2}", "经{ch1}"),
        ("集中发布", "按季度更新", "分类展示"),
        ("，信息查找更加便捷。", "，做到应公开尽公开。", "。"),
    ),
)
REQ_FIGURES: tuple[Frame, ...] = (
    (
        ("全年", "本年度", "{year}年"),
        ("新收政府信息公开申请{req_new_total}件",),
        ("，上年结转{req_carried_over_total}件", ""),
        ("，结转下年度继续办理{req_carry_forward_total}件。", "。"),
    ),
    (
        ("本年度", "全年", "年内"),
        ("办结", "共办结"),
        (
            "申请{req_total_total}件，其中予以公开{req_granted_total}件",
            "{req_total_total}件，其中予以公开{req_granted_total}件",
        ),
        ("，部分公开{req_partial_total}件。", "。"),
    ),
)
REQ_MORE: tuple[Frame, ...] = (
    (
        ("申请内容", "申请事项", "所涉信息"),
        ("主要涉及", "集中在", "多与"),
        ("{t0}和{t1}", "{t1}、{t0}"),
        ("等方面。", "相关。"),
    ),
    (
        ("{we}", "各承办股室"),
        ("严格按照法定时限答复，", "坚持依法依规答复，", "实行首问负责和限时办结，"),
        ("对申请内容不明确的及时告知补正。", "答复文书均告知救济途径。", "未出现逾期答复情况。"),
    ),
    (
        ("对", "针对"),
        ("无法提供的申请，", "不予公开的申请，", "申请人提出的疑问，"),
        ("{we}", "承办人员"),
        ("逐件说明理由。", "耐心做好解释沟通。", "加强与申请人沟通。"),
    ),
    (
        ("修订完善", "进一步规范", "梳理优化"),
        ("依申请公开工作流程", "登记、审核、办理、答复各环节", "答复文书格式"),
        ("，", "，同时"),
        ("提高了答复质量。", "建立了办理台账。", "做到件件有记录。"),
    ),
)
MANAGEMENT: tuple[Frame, ...] = (
    (
        ("{we}",),
        ("{adv}落实", "严格执行", "认真执行"),
        ("公开前保密审查制度", "“先审查、后公开”制度", "“一事一审”制度", "信息发布三审制度"),
        ("，", "，对{t0}相关文件"),
        ("逐件明确公开属性。", "防止泄露敏感信息。", "确保发布信息准确。"),
    ),
    (
        ("全年", "本年度"),
        ("开展已公开信息自查{n_c}次", "组织信息公开专项检查{n_c}次", "清理过期失效信息{n_c}批次"),
        ("，未发现泄露国家秘密和个人隐私的情况。", "，发现问题均已整改。", "。"),
    ),
    (
        ("建立", "完善", "落实"),
        ("公开事项动态调整机制", "文件公开属性源头认定机制", "政府信息管理台账"),
        ("，", "，并"),
        ("每季度更新公开目录。", "及时标注失效文件。", "定期清理重复信息。"),
    ),
)
PLATFORM: tuple[Frame, ...] = (
    (
        ("{we}", "本年度"),
        ("{adv}优化{ch0}栏目设置", "对{ch0}进行改版升级", "加强{ch0}日常维护"),
        ("，", "，同时"),
        ("做好{t1}专题更新。", "确保信息更新及时。", "提升页面易用性。"),
    ),
    (
        ("依托", "用好", "整合"),
        ("{ch1}和{ch2}", "{ch2}等渠道"),
        ("拓展公开覆盖面，", "扩大信息传播范围，"),
        ("{t0}信息实现集中展示。", "信息发布更加便捷。", "群众获取信息更加方便。"),
    ),
    (
        ("对{ch1}", "对所属平台"),
        ("开展常态化检查，", "实行每日巡查，", "定期开展自查，"),
        ("及时整改错链断链等问题。", "确保平台安全稳定运行。", "发现问题即时整改。"),
    ),
)
OVERSIGHT: tuple[Frame, ...] = (
    (
        ("将政务公开纳入", "把信息公开工作列入", "将公开工作完成情况计入", "把政务公开工作纳入"),
        ("年度绩效考核，", "目标管理考核，", "股室年度考评，", "机关作风建设考核，"),
        ("全年组织业务培训{n_d}次", "开展专题培训{n_d}场", "举办业务讲座{n_d}期", "组织以会代训{n_d}次"),
        ("，参训人员覆盖各股室。", "，提升了工作人员业务水平。", "。", "，培训内容涵盖{t1}信息发布。"),
    ),
    (
        ("{we}", "本年度{we}", "年初，{we}"),
        (
            "明确分管负责人和专职联络员，",
            "调整充实政务公开工作领导小组，",
            "落实专人负责信息发布，",
            "制定年度公开工作任务清单，",
        ),
        ("{adv}加强督促检查，", "细化责任分工，", "建立工作台账，", "实行挂图作战，"),
        ("形成一级抓一级的工作格局。", "确保各项任务落实到位。", "按季度调度工作进展。", "{t0}信息公开责任落实到人。"),
    ),
    (
        ("聘请社会监督员", "邀请群众代表", "通过意见箱和留言板收集意见", "委托第三方机构"),
        ("对{t0}信息公开情况进行评议，", "对公开工作提出意见建议，", "对{ch0}开展测评，"),
        ("本年度未发生责任追究情况。", "评议结果总体良好。", "相关意见均已吸收采纳。", "反映的问题已逐项整改。"),
    ),
)
APPEALS: Frame = (
    ("本年度", "全年", "{year}年"),
    (
        "因政府信息公开被申请行政复议{app_cases_review_total}件，",
        "涉及政府信息公开的行政复议{app_cases_review_total}件，",
    ),
    ("被提起行政诉讼{suits}件。", "行政诉讼{suits}件。"),
)
SUBJECTS = ("部分股室", "个别工作人员", "基层单位", "{t0}相关股室", "少数承办人员", "新入职人员")
PROBLEMS: tuple[Frame, ...] = (
    (
        ("一是",),
        SUBJECTS,
        (
            "对公开时限把握不严，",
            "对主动公开范围理解不够准确，",
            "公开意识还需加强，",
            "对{t0}信息的发布不够及时，",
            "对保密审查要求掌握不够，",
        ),
        ("个别信息发布滞后；", "少数信息更新不及时；", "信息发布质量参差不齐；", "{th0}更新偏慢；"),
    ),
    (
        ("二是",),
        (
            "政策解读形式较为单一，",
            "{t1}领域公开的深度和广度有待拓展，",
            "依申请公开答复文书还需规范，",
            "主动公开内容与群众需求衔接不够紧密，",
            "{ch1}栏目维护力量不足，",
            "数据开放程度不高，",
        ),
        (
            "{m0}数量偏少。",
            "解读的针对性有待增强。",
            "群众获取信息仍不够便捷。",
            "与上级要求还有差距。",
            "信息利用率不高。",
        ),
    ),
)
THIRD: Frame = (
    ("三是",),
    ("{county}", "基层", "部分"),
    ("{t0}相关数据", "{t1}类信息", "村（社区）公开栏内容", "政务新媒体内容"),
    ("更新不够规范，", "发布标准不统一，", "与门户网站衔接不够，"),
    ("需进一步整改。", "群众反映查找不便。", "存在重复发布现象。"),
)
MEASURES_MORE: Frame = (
    ("同时，", "此外，", "另一方面，"),
    ("对{county}", "对所属单位", "对{town}片区"),
    ("{t1}信息", "{t0}相关内容", "政务公开专栏"),
    ("开展季度抽查，", "实行清单化管理，", "纳入年度考核，"),
    ("发现问题限期整改。", "确保问题整改到位。", "推动基层公开标准化。"),
)
MEASURES: Frame = (
    ("下一步，{we}将", "{next_year}年，{we}将", "针对上述问题，{we}将", "今后，{we}将"),
    (
        "建立信息更新提醒机制，",
        "加强业务培训，",
        "围绕{t0}梳理公开事项清单，",
        "完善{t1}信息发布流程，",
        "健全公开工作制度，",
    ),
    ("丰富{m1}等解读形式，", "按月通报发布情况，", "强化督促检查，", "用好{ch2}等平台，", "加强与群众的互动交流，"),
    ("提升公开实效。", "推动公开工作规范化。", "不断提高政务公开水平。", "更好服务{t1}工作。", "增强公开的针对性。"),
)
FEES: Frame = (
    ("本年度", "{year}年", "全年"),
    ("{we}未收取信息处理费。", "未向申请人收取信息处理费。", "未发生收取信息处理费的情况。"),
)
OTHER: tuple[Frame, ...] = (
    (
        ("全年承办人大代表建议{n_e}件、政协委员提案{n_f}件，", "本年度办理建议提案{n_e}件，"),
        ("均已按期办结并公开办理结果。", "办理复文已按规定公开。", "满意率较高。"),
    ),
    (
        ("本年度", "全年"),
        (
            "按要求完成政务公开工作要点确定的各项任务。",
            "{t1}相关信息公开工作按计划推进。",
            "{t0}领域基层政务公开标准化规范化工作稳步推进。",
        ),
    ),
    (("本年度无其他需要报告的事项。", "无其他需要报告的事项。"),),
)

DOCS = ("实施方案", "工作要点", "暂行办法", "行动计划", "实施细则", "工作规程", "考核办法", "指导意见")
# a named piece of the agency's own work, appended to a paragraph: what real reports cite (a document,
# a campaign, a date) and what keeps two agencies' paragraphs apart
SPECIFIC: tuple[Frame, ...] = (
    (
        ("{month}月，", "年初，", "年中，", "{month}月中旬，", "下半年，"),
        ("{we}", "经{we}研究，"),
        ("印发《{county}{t0}{doc0}》，", "制定《{county}{t1}{doc0}》，", "出台《{t0}信息公开{doc1}》，"),
        ("在{ch0}全文公开。", "同步发布解读材料。", "明确了公开的主体、内容和时限。", "并组织专题学习。"),
    ),
    (
        ("结合{county}实际，", "针对{county}{t1}工作特点，", "立足{county}{t0}工作，"),
        ("编制{t1}公开事项清单，", "细化{t0}信息公开标准，", "梳理{t1}办事流程，"),
        ("列明事项{n_g}项。", "逐项明确公开时限。", "并向社会公布。"),
    ),
    (
        ("在{county}{town}", "在{county}政务服务中心", "在{town}片区"),
        ("开展“{t0}进万家”活动，", "设立{t1}信息查阅点，", "举办政务开放日活动，"),
        ("现场解答群众咨询{n_h}人次。", "发放宣传资料{n_h}份。", "听取意见建议{n_g}条。"),
    ),
)

_FIELD = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: Mapping[str, str]) -> str | None:
    """The text with its fields filled; None when a figure it restates is not a plain number."""
    out = text
    for key in _FIELD.findall(text):
        value = values.get(key)
        if value is None or (key.startswith(("req_", "act_", "app_", "suits")) and not value.isdigit()):
            return None
        out = out.replace("{" + key + "}", value)
    return out


def _say(frame: Frame, values: Mapping[str, str], rng: random.Random) -> str:
    return _fill("".join(rng.choice(part) for part in frame), values) or ""


def _some(frames: Sequence[Frame], k: int, values: Mapping[str, str], rng: random.Random) -> str:
    return "".join(_say(f, values, rng) for f in rng.sample(list(frames), k))


def prose(agency: Agency, year: int, facts: Mapping[str, str], rng: random.Random):
    """(section 一 paragraphs, section 五 paragraphs, section 六 paragraphs)."""
    topics = list(agency.topics)
    rng.shuffle(topics)
    ch, m, th = rng.sample(CHANNELS, 3), rng.sample(MEANS, 2), rng.sample(THINGS, 2)
    values = dict(facts)
    values.update(
        county=agency.county,
        town=rng.choice(("城关", "东片", "西片", "南部", "北部", "新区", "老城", "工业园")),
        month=str(rng.randint(2, 11)),
        doc0=(d := rng.sample(DOCS, 2))[0],
        doc1=d[1],
        n_g=str(rng.randint(5, 90)),
        n_h=str(rng.randint(50, 3000)),
        year=str(year),
        next_year=str(year + 1),
        we=agency.we,
        t0=topics[0],
        t1=topics[1],
        adv=rng.choice(ADV),
        do=rng.choice(DO),
        ch0=ch[0],
        ch1=ch[1],
        ch2=ch[2],
        m0=m[0],
        m1=m[1],
        th0=th[0],
        th1=th[1],
        n_pub=str(rng.randint(40, 3000)),
        n_a=str(rng.randint(5, 300)),
        n_b=str(rng.randint(1, 30)),
        n_c=str(rng.randint(1, 12)),
        n_d=str(rng.randint(1, 6)),
        n_e=str(rng.randint(0, 15)),
        n_f=str(rng.randint(0, 20)),
    )
    heads = rng.choice(
        (
            ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"),
            ("主动公开情况", "依申请公开情况", "政府信息管理情况", "公开平台建设情况", "监督保障情况"),
            ("着力抓好主动公开", "依法办理依申请公开", "规范政府信息管理", "加强公开平台建设", "强化监督保障"),
        )
    )
    overall = [
        _say(INTRO, values, rng),
        f"（一）{heads[0]}。" + _some(ACTIVE, 3, values, rng) + _say(SPECIFIC[0], values, rng),
        f"（二）{heads[1]}。" + _some(REQ_FIGURES, 2, values, rng) + _some(REQ_MORE, 3, values, rng),
        f"（三）{heads[2]}。" + _some(MANAGEMENT, 2, values, rng) + _some(SPECIFIC[:2], 1, values, rng),
        f"（四）{heads[3]}。" + _some(PLATFORM, 2, values, rng) + _say(SPECIFIC[2], values, rng),
        f"（五）{heads[4]}。" + _some(OVERSIGHT, 3, values, rng) + _say(APPEALS, values, rng),
    ]
    problems = [
        rng.choice(("本年度", f"{year}年，", ""))
        + f"{agency.we}政府信息公开工作仍存在一些不足："
        + "".join(_say(f, values, rng) for f in PROBLEMS)
        + (_say(THIRD, values, rng) if rng.random() < 0.6 else ""),
        _say(MEASURES, values, rng) + _say(MEASURES_MORE, values, rng),
    ]
    other = [_say(FEES, values, rng) + _some(OTHER, rng.randint(1, 2), values, rng)]
    return tuple(p for p in overall if p), tuple(problems), tuple(other)
