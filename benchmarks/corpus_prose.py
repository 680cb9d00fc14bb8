"""The prose of a generated report: sections 一, 五 and 六, written from sentence frames whose wording,
order and subjects vary (the agency's own fields of work, synonyms, figures), so that reports of
different agencies do not read as copies of each other (COPY-AGENCY compares them after masking the
agency and folding digits). Figures restated in the prose come from the report's own tables (the
demo's `facts`); a sentence that would restate a cell that is not a plain number is left out, as a
writer would not quote a blank."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from corpus_names import Agency

ADVERBS = ("持续", "进一步", "着力", "扎实", "认真", "不断", "切实", "积极")
VERBS_DO = ("推进", "抓好", "落实", "做好", "深化", "规范")
CHANNELS = ("门户网站政府信息公开专栏", "政务新媒体", "政务服务大厅公开栏", "政府公报", "新闻发布会", "便民服务站")
MEANS = ("图文解读", "视频解读", "一问一答", "政策吹风会", "在线访谈", "专家解读")

INTRO = (
    "{year}年，{we}坚持以公开为常态、不公开为例外，围绕{t0}、{t1}等重点工作{adv}{do}政府信息公开。",
    "{year}年，{we}认真贯彻《中华人民共和国政府信息公开条例》，把{t0}和{t1}作为公开重点，公开工作总体平稳有序。",
    "本年度，{we}将政务公开与{t0}、{t1}工作同部署、同落实，{adv}提升公开质量和实效。",
    "{year}年，{we}紧扣{t1}和{t0}等群众关注事项，{adv}{do}政务公开，各项工作取得新进展。",
)
ACTIVE = (
    "全年通过{ch0}主动公开政府信息{n_pub}条，其中涉及{t0}的{n_a}条。",
    "围绕{t1}，{we}在{ch0}和{ch1}及时发布工作动态和办事指南{n_a}条。",
    "行政许可决定{act_licensing_decisions}件、行政处罚决定{act_penalty_decisions}件均在作出后按规定时限公开。",
    "对涉及{t0}的政策文件，同步开展{m0}和{m1}，全年发布解读材料{n_b}篇。",
    "{t1}相关的公示公告在{ch1}集中发布，方便群众查询。",
)
REQUESTS = (
    "全年新收政府信息公开申请{req_new_total}件，上年结转{req_carried_over_total}件，结转下年度继续办理{req_carry_forward_total}件。",
    "本年度办结申请{req_total_total}件，其中予以公开{req_granted_total}件，部分公开{req_partial_total}件。",
    "申请内容主要涉及{t0}和{t1}等方面。",
    "{we}严格按照法定时限答复，对申请内容不明确的及时告知补正。",
    "对无法提供的申请，{we}逐件说明理由并告知申请人救济途径。",
)
MANAGEMENT = (
    "（三）政府信息管理。{we}{adv}落实公开前保密审查制度，坚持“先审查、后公开”。",
    "（三）政府信息管理。{we}对{t0}相关文件逐件明确公开属性，{adv}规范发布流程。",
    "（三）政府信息管理。{we}修订完善信息发布审核办法，{t1}类信息实行分级审核。",
)
MANAGEMENT_MORE = (
    "全年开展已公开信息自查{n_c}次，未发现泄露国家秘密和个人隐私的情况。",
    "对到期失效的文件及时清理并标注失效，防止误导公众。",
    "建立公开事项动态调整机制，每季度对公开目录更新一次。",
)
PLATFORM = (
    "（四）平台建设。{we}{adv}优化{ch0}栏目设置，做好{t1}专题的日常维护。",
    "（四）平台建设。依托{ch0}和{ch1}拓展公开渠道，{t0}信息实现集中展示。",
    "（四）平台建设。{we}对{ch1}开展常态化检查，及时整改错链断链等问题。",
)
OVERSIGHT = (
    "（五）监督保障。将政务公开纳入年度绩效考核，全年组织业务培训{n_d}次。",
    "（五）监督保障。{we}明确分管负责人和专职联络员，{adv}加强工作督促检查。",
    "（五）监督保障。{we}聘请社会监督员对{t0}信息公开情况进行评议，本年度未发生责任追究情况。",
)
APPEALS = (
    "本年度因政府信息公开被申请行政复议{app_cases_review_total}件，被提起行政诉讼{suits}件。",
    "本年度涉及政府信息公开的行政复议{app_cases_review_total}件、行政诉讼{suits}件。",
)
PROBLEMS = (
    "一是{t0}信息更新不够及时；二是政策解读形式较为单一，{m0}数量偏少。",
    "一是部分股室对公开时限把握不严；二是{t1}领域公开的深度和广度有待拓展。",
    "一是{ch1}栏目维护力量不足；二是依申请公开答复文书还需进一步规范。",
    "一是主动公开内容与群众需求衔接不够紧密；二是{t0}方面的数据开放较少。",
)
MEASURES = (
    "下一步，{we}将建立信息更新提醒机制，丰富{m1}等解读形式，提升公开实效。",
    "下一步，{we}将加强业务培训，完善{t1}信息发布流程，推动公开工作规范化。",
    "下一步，{we}将围绕{t0}梳理公开事项清单，按月通报发布情况并纳入考核。",
)
OTHER = (
    "本年度{we}未收取信息处理费。",
    "{we}本年度未向申请人收取信息处理费。",
    "本年度未发生收取信息处理费的情况。",
)
OTHER_MORE = (
    "全年承办人大代表建议{n_e}件、政协委员提案{n_f}件，均已按期办结并公开办理结果。",
    "本年度按要求完成政务公开工作要点确定的各项任务。",
    "{we}按规定公开了{t1}相关的建议提案办理复文。",
    "本年度无其他需要报告的事项。",
)

_FIELD = re.compile(r"\{(\w+)\}")


def _fill(frame: str, values: Mapping[str, str]) -> str | None:
    """The frame with its fields filled; None when a figure it restates is not a plain number."""
    out = frame
    for key in _FIELD.findall(frame):
        value = values.get(key)
        if value is None or (key.startswith(("req_", "act_", "app_", "suits")) and not value.isdigit()):
            return None
        out = out.replace("{" + key + "}", value)
    return out


def _sentences(frames: tuple[str, ...], k: int, values: Mapping[str, str], rng: random.Random) -> str:
    chosen = [_fill(f, values) for f in rng.sample(frames, k)]
    return "".join(s for s in chosen if s)


def prose(agency: Agency, year: int, facts: Mapping[str, str], rng: random.Random):
    """(section 一 paragraphs, section 五 paragraphs, section 六 paragraphs)."""
    topics = list(agency.topics)
    rng.shuffle(topics)
    values = dict(facts)
    values.update(
        year=str(year),
        we=agency.we,
        t0=topics[0],
        t1=topics[1],
        adv=rng.choice(ADVERBS),
        do=rng.choice(VERBS_DO),
        ch0=(ch := rng.sample(CHANNELS, 2))[0],
        ch1=ch[1],
        m0=(m := rng.sample(MEANS, 2))[0],
        m1=m[1],
        n_pub=str(rng.randint(40, 3000)),
        n_a=str(rng.randint(5, 300)),
        n_b=str(rng.randint(1, 30)),
        n_c=str(rng.randint(1, 12)),
        n_d=str(rng.randint(1, 6)),
        n_e=str(rng.randint(0, 15)),
        n_f=str(rng.randint(0, 20)),
    )
    overall = [
        _sentences(INTRO, 1, values, rng),
        "（一）主动公开。" + _sentences(ACTIVE, rng.randint(2, 3), values, rng),
        "（二）依申请公开。" + _sentences(REQUESTS[:2], 2, values, rng) + _sentences(REQUESTS[2:], 2, values, rng),
        _sentences(MANAGEMENT, 1, values, rng) + _sentences(MANAGEMENT_MORE, 1, values, rng),
        _sentences(PLATFORM, 1, values, rng),
        _sentences(OVERSIGHT, 1, values, rng) + _sentences(APPEALS, 1, values, rng),
    ]
    problems = [
        f"本年度{agency.we}政府信息公开工作仍存在一些不足：" + _sentences(PROBLEMS, 1, values, rng),
        _sentences(MEASURES, 1, values, rng),
    ]
    other = [_sentences(OTHER, 1, values, rng) + _sentences(OTHER_MORE, 1, values, rng)]
    return tuple(p for p in overall if p), tuple(problems), tuple(other)
