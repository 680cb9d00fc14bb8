"""Who a generated report is about: an invented agency (place, level, department) that no other report
of the corpus shares, so no two reports are the same body in two years (the cross-year rules and the
copied-text rules would otherwise compare reports that were drawn independently).

Report i gets the agency numbered `(a·i + b) mod N`, with a, b drawn from the seed and a prime to N: a
permutation, so agencies are unique for i < N and each depends on (seed, i) alone.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

# Invented two-character place names (first × second character); none is meant to be a real place.
PLACE_FIRST = "青云望松白临永清新东西南北河宁泰金石兰安丰平长鹤枫桐梅柳溪"
PLACE_SECOND = "禾岭江溪石川阳丰源泉城林桥湾山湖陵塘坪浦"
COUNTY_KINDS = ("县", "区", "市")  # a county, a district, a county-level city
TOWN_FIRST = "港柳花杏桃竹梨荷茶樱"
TOWN_SECOND = "门口塘湾集坝铺岗冲营"


@dataclass(frozen=True)
class Department:
    name: str  # after the place, e.g. 市场监督管理局
    we: str  # how it calls itself in its prose: 我局, 我委
    topics: tuple[str, ...]  # its own fields of work, named in its prose
    short: str  # an ASCII slug for file names


DEPARTMENTS = (
    Department("市场监督管理局", "我局", ("食品安全抽检", "市场主体登记", "特种设备安全", "价格监督检查"), "scjgj"),
    Department("交通运输局", "我局", ("道路运输管理", "农村公路养护", "出租汽车行业", "水路客运安全"), "jtysj"),
    Department("教育局", "我局", ("义务教育招生", "校外培训治理", "校园安全", "学生资助"), "jyj"),
    Department("卫生健康委员会", "我委", ("医疗机构监管", "疫苗接种", "公共卫生服务", "妇幼健康"), "wsjkw"),
    Department("自然资源局", "我局", ("土地供应", "不动产登记", "国土空间规划", "矿产资源管理"), "zrzyj"),
    Department("住房和城乡建设局", "我局", ("保障性住房", "建筑工程质量", "物业管理", "老旧小区改造"), "zjj"),
    Department("人力资源和社会保障局", "我局", ("就业创业服务", "社会保险经办", "劳动保障监察", "职业技能培训"), "rsj"),
    Department("民政局", "我局", ("社会救助", "养老服务", "婚姻登记", "社会组织管理"), "mzj"),
    Department("农业农村局", "我局", ("强农惠农补贴", "高标准农田建设", "动物防疫", "农村人居环境"), "nyncj"),
    Department("水利局", "我局", ("河湖长制", "防汛抗旱", "水资源管理", "农村饮水安全"), "slj"),
    Department("财政局", "我局", ("预算决算", "政府采购管理", "惠民惠农资金", "国有资产管理"), "czj"),
    Department("司法局", "我局", ("法律援助", "人民调解", "公共法律服务", "社区矫正"), "sfj"),
    Department("应急管理局", "我局", ("安全生产监管", "应急预案管理", "防灾减灾", "危险化学品监管"), "yjglj"),
    Department("统计局", "我局", ("统计公报发布", "经济普查", "统计执法检查", "统计数据解读"), "tjj"),
    Department("文化广电和旅游局", "我局", ("文物保护", "旅游市场监管", "公共文化服务", "文化市场执法"), "whlyj"),
    Department("医疗保障局", "我局", ("医保待遇政策", "药品集中采购", "医保基金监管", "异地就医结算"), "ybj"),
    Department("发展和改革局", "我局", ("重大项目建设", "价格管理", "粮食储备", "社会信用体系建设"), "fgj"),
    Department("商务局", "我局", ("招商引资", "外贸稳增长", "市场保供", "电子商务发展"), "swj"),
    Department("生态环境分局", "我局", ("环境影响评价", "排污许可", "空气质量监测", "环境执法"), "sthjj"),
    Department("城市管理局", "我局", ("市容环境整治", "违法建设治理", "户外广告管理", "生活垃圾分类"), "cgj"),
    Department("退役军人事务局", "我局", ("优抚待遇发放", "退役军人安置", "就业创业扶持", "褒扬纪念"), "tyjrj"),
    Department("审计局", "我局", ("审计结果公告", "审计整改", "经济责任审计", "政府投资审计"), "sjj"),
    Department("林业局", "我局", ("森林防火", "林木采伐许可", "野生动物保护", "国土绿化"), "lyj"),
    Department("体育局", "我局", ("全民健身", "体育场馆开放", "体育赛事", "青少年体育"), "tyj"),
)
GOVERNMENT = Department("人民政府", "我县", ("重大行政决策", "政策文件发布", "政务服务改革", "财政预决算"), "zf")
TOWNSHIP_TOPICS = ("惠民资金发放", "村务监督", "人居环境整治", "基层公共服务")


@dataclass(frozen=True)
class Agency:
    name: str  # the full name printed in the title and the signature
    county: str  # the county-level place, e.g. 青禾县
    level: str  # 部门 | 政府 | 乡镇街道 (the auditor's levels)
    we: str
    topics: tuple[str, ...]
    slug: str  # ASCII, for the file name


def _places() -> list[str]:
    return [a + b for a in PLACE_FIRST for b in PLACE_SECOND]


PLACES = _places()
# the agency space: every county with its government, its departments and two townships
_PER_COUNTY = 1 + len(DEPARTMENTS) + 2
AGENCY_COUNT = len(PLACES) * len(COUNTY_KINDS) * _PER_COUNTY


def agency_permutation(seed: int) -> tuple[int, int]:
    """(a, b) of the agency permutation i → (a·i + b) mod AGENCY_COUNT, from the seed alone."""
    rng = random.Random(f"agencies:{seed}")
    while True:
        a = rng.randrange(1, AGENCY_COUNT)
        if math.gcd(a, AGENCY_COUNT) == 1:
            return a, rng.randrange(AGENCY_COUNT)


def agency(seed: int, i: int) -> Agency:
    if not 0 <= i < AGENCY_COUNT:
        raise ValueError(f"report index {i} outside 0..{AGENCY_COUNT - 1}: agencies would repeat")
    a, b = agency_permutation(seed)
    n = (a * i + b) % AGENCY_COUNT
    n, slot = divmod(n, _PER_COUNTY)
    place_no, kind_no = divmod(n, len(COUNTY_KINDS))
    kind = COUNTY_KINDS[kind_no]
    county = PLACES[place_no] + kind
    code = f"p{place_no:03d}{'xqs'[kind_no]}"
    if slot == 0:
        return Agency(county + GOVERNMENT.name, county, "政府", "我" + kind, GOVERNMENT.topics, f"{code}_zf")
    if slot <= len(DEPARTMENTS):
        d = DEPARTMENTS[slot - 1]
        return Agency(county + d.name, county, "部门", d.we, d.topics, f"{code}_{d.short}")
    k = slot - 1 - len(DEPARTMENTS)
    town_rng = random.Random(f"town:{place_no}:{kind_no}:{k}")
    town = town_rng.choice(TOWN_FIRST) + town_rng.choice(TOWN_SECOND)
    name = f"{county}{town}镇人民政府" if k == 0 else f"{county}{town}街道办事处"
    return Agency(
        name,
        county,
        "乡镇街道",
        "我镇" if k == 0 else "我街道",
        TOWNSHIP_TOPICS,
        f"{code}_{'zhen' if k == 0 else 'jd'}",
    )
