"""The prose checks on ordinary report language: what they must find and, above all, what they must
leave alone (precision first). Sentences are written here by hand in the style of real reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_audit.rules.prose.content import other_matters_section, problems_section
from disclosure_audit.rules.prose.enumeration import faults
from disclosure_audit.rules.prose.fees import fee_claims
from disclosure_audit.rules.prose.repeats import repeats
from disclosure_audit.rules.prose.sums import sum_faults

ORDINARY = [
    "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
    "全年主动公开政府信息1264条，其中行政许可决定2846件、行政处罚决定312件。",
    "深入开展“扫黄打非”宣传，查处网络淫秽色情信息，及时澄清网络谣言，持续开展反诈宣传。",
    "层层压实责任，常常开展督查，件件有回应，实实在在解决群众关切，决不让问题不了了之。",
    "统一是基础，唯一是目标，第一是责任。",
    "全年共发布信息300条，其中通过门户网站发布280条、政务微信发布150条、微博发布90条。",
    "全年共受理申请30件，同比增长20%，其中自然人申请25件、法人申请10件。",
    "共召开专题会议3次，其中党组会议2次、局务会议1次。",
    "研究研究再定，讨论讨论也无妨。",
]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_sentences_raise_nothing(sentence):
    assert repeats(sentence) == []
    assert sum_faults(sentence) == []
    assert faults([sentence]) == []


def test_doubled_function_word_and_phrase():
    got = repeats("进一步加强政府信息公开的的制度建设，推进政务公开政务公开标准化。")
    assert [(r.text, r.unit) for r in got] == [("的的", "的"), ("政务公开政务公开", "政务公开")]


def test_enumeration_gap_and_repeat():
    got = faults(["存在的不足：一是政策解读形式较为单一；三是培训覆盖面不广；三是考核机制不健全。"])
    assert [(f.kind, f.previous.marker, f.item.marker) for f in got] == [
        ("gap", "一是", "三是"),
        ("repeat", "三是", "三是"),
    ]


def test_enumeration_runs_over_paragraphs_and_restarts():
    paras = [
        "（一）主动公开。略。",
        "（二）依申请公开。略。",
        "（四）平台建设。略。",
        "（一）加强宣传。略。",
        "（二）完善制度。略。",
    ]
    got = faults(paras)
    assert [(f.kind, f.item.marker, f.expected) for f in got] == [("gap", "（四）", 3)]


def test_a_pasted_duplicate_paragraph_is_not_a_numbering_slip():
    paras = ["（一）加强宣传。通过宣传提高认识。", "（二）完善制度。健全考核。", "（二）完善制度。健全考核。"]
    assert faults(paras) == []


def test_parts_exceeding_the_total():
    (f,) = sum_faults("全年共公开政府信息925条，其中政策文件25条、图解解读68条、规划计划932条。")
    assert (f.kind, f.total, f.parts) == ("exceeds", Decimal(925), (Decimal(25), Decimal(68), Decimal(932)))


def test_a_partial_breakdown_says_nothing_but_a_complete_one_must_add_up():
    assert sum_faults("全年共公开政府信息2599条，其中政策文件25条、图解解读68条、规划计划856条。") == []
    (f,) = sum_faults("全年共办理申请30件，其中分别为予以公开10件、部分公开5件、不予公开3件。")
    assert (f.kind, sum(f.parts)) == ("unequal", Decimal(18))


def test_section_five():
    assert problems_section(["无"]).kind == "nothing"
    assert problems_section([]).kind == "empty"
    assert problems_section(["我局始终高度重视政府信息公开工作，下一步将继续加强。"]).kind == "no_problem"
    assert problems_section(["存在政策解读形式单一、信息更新不够及时等问题，由办公室牵头督办。"]).kind == "no_measure"
    assert problems_section(["一是政策解读形式单一；二是信息更新不够及时。下一步将丰富解读形式。"]) is None


def test_section_six_fee():
    assert other_matters_section(["无。"]).kind == "no_fee"
    assert other_matters_section(["本年度未收取信息处理费。"]) is None
    assert other_matters_section(["本年度未收取任何费用。"]) is None


def test_fee_claims_keep_the_two_fees_apart():
    assert [c.kind for c in fee_claims("本年度未收取信息处理费。")] == []  # says nothing of 表二
    assert [c.kind for c in fee_claims("本年度未收取行政事业性收费。")] == ["admin_none"]
    (c,) = fee_claims("全年收取行政事业性收费共计35000元。")
    assert (c.kind, c.amount_wan) == ("admin_amount", Decimal("3.5"))
    assert [c.kind for c in fee_claims("本年度未向申请人发出收费通知。")] == ["no_notice"]


# --- TXT-DUP: a paragraph repeated inside one report (duplicate_text) ------------------------------

# 44 characters, 41 once the three punctuation marks are dropped
DUP_A = "通过召开新闻发布会、政策吹风会等形式，围绕重点工作开展政策解读，全年发布解读材料二十余篇"
DUP_B = "依托政务服务中心设立政府信息公开查阅点，安排专人为群众查阅和申请提供指引与帮助"


def _paras(*texts):
    from disclosure_audit.rules.kinds.duplicate_text import _norm, _Para

    return [_Para(_norm(t)) for t in texts]


def test_a_repeat_is_paired_with_the_first_earlier_paragraph_that_reaches_the_threshold():
    from disclosure_audit.rules.kinds.duplicate_text import first_repeat

    one_char_changed = DUP_A[:20] + "拓" + DUP_A[21:]  # 40 of 41 characters match: 2·40 / 82
    paras = _paras(DUP_A, DUP_B, one_char_changed, DUP_A)
    assert first_repeat(paras, 1, 0.9) is None
    assert first_repeat(paras, 2, 0.9) == (0, 80 / 82)
    assert first_repeat(paras, 3, 0.9) == (0, 1.0)  # verbatim, yet paired with the first, not the near copy
    assert first_repeat(paras, 2, 0.98) is None  # 80 / 82 ≈ 0.976


def test_the_same_characters_in_another_order_are_not_a_repeat():
    import difflib

    from disclosure_audit.rules.kinds.duplicate_text import first_repeat

    shuffled = DUP_A[::-1]
    sm = difflib.SequenceMatcher(None, DUP_A.replace("，", "").replace("、", ""), autojunk=False)
    sm.set_seq2(shuffled.replace("，", "").replace("、", ""))
    assert sm.quick_ratio() == 1.0 and sm.ratio() < 0.2  # every character shared, no phrase
    assert first_repeat(_paras(DUP_A, shuffled), 1, 0.9) is None


def test_duplicate_text_prefilters_give_what_difflib_gives_on_every_pair():
    """The bounds only skip pairs difflib would reject: same first match, same ratio, on 300 random
    paragraph sets of near copies (0–8 characters changed, some shuffled, some cut) and strangers."""
    import difflib
    import random

    from disclosure_audit.rules.kinds.duplicate_text import first_repeat

    rng = random.Random(5)
    pool = DUP_A + DUP_B + "健全信息发布审核机制对拟公开信息逐条进行保密审查确保公开内容准确规范"

    def variant(text: str) -> str:
        chars = list(text)
        for k in rng.sample(range(len(chars)), rng.randint(0, 8)):
            chars[k] = rng.choice(pool)
        if rng.random() < 0.2:
            rng.shuffle(chars)
        return "".join(chars[: len(chars) - rng.randint(0, 5)])

    checked = near = 0
    for _ in range(300):
        base = [DUP_A, DUP_B, "".join(rng.choice(pool) for _ in range(44))]
        texts = [variant(rng.choice(base)) for _ in range(6)]
        paras = _paras(*texts)
        for j in range(1, len(paras)):
            want = None
            for i in range(j):
                ni, nj = paras[i].norm, paras[j].norm
                if abs(len(ni) - len(nj)) > 0.1 * max(len(ni), len(nj)):
                    continue
                r = 1.0 if ni == nj else difflib.SequenceMatcher(None, ni, nj, autojunk=False).ratio()
                if r >= 0.9:
                    want = (i, r)
                    break
            assert first_repeat(paras, j, 0.9) == want, (texts, j)
            checked += 1
            near += want is not None and want[1] < 1
    assert checked == 1500 and near > 50  # the threshold is exercised, not only verbatim copies
