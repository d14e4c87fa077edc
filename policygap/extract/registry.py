"""The registry a draft is matched against: the indicators, regions and
documents of a targets file, read through the same loader every command uses.

An indicator name from the text matches a registry indicator when the
registry's name or one of its aliases is the text's name, or its head: Chinese
noun phrases end in their head, so 全市技术合同成交额 is 技术合同成交额 and
高企总数 is 高企, while 高新技术企业产值 is not 高新技术企业. A level (省级,
市级) or a sub-area (高新区) before the head makes it another indicator. The
unit must convert. Names that match nothing get a proposed id built from a
glossary of the genre's words (科技型中小企业 -> tech_smes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import units
from . import rules as R


@dataclass
class Indicator:
    id: str
    name: str
    unit: str = ""
    direction: str = "up"
    measure: str = "stock"
    aliases: list = field(default_factory=list)
    name_en: str | None = None


@dataclass
class Region:
    id: str
    name: str
    aliases: list = field(default_factory=list)
    parent: str | None = None


@dataclass
class Document:
    id: str
    region: str | None = None
    title: str | None = None
    issued: str | None = None
    file: str | None = None


@dataclass
class ExistingTarget:
    id: str
    region: str | None
    indicator: str | None
    kind: str | None
    year: int | None
    value: float | None
    document: str | None
    quote: str | None
    base_index: float | None = None  # the pinned base period (periods.parse_period), if any


@dataclass
class Registry:
    indicators: dict = field(default_factory=dict)  # id -> Indicator
    regions: dict = field(default_factory=dict)  # id -> Region
    documents: dict = field(default_factory=dict)  # id -> Document
    targets: list = field(default_factory=list)  # ExistingTarget

    @classmethod
    def from_definitions(cls, defs) -> "Registry":
        """From ``validate.Definitions`` (what ``check_targets_file`` returns)."""
        reg = cls()
        for iid, row in defs.indicators.iterrows():
            reg.indicators[iid] = Indicator(
                iid, row["name"] or iid, row["unit"] or "", row["direction"] or "up",
                row["measure"] or "stock", list(row["aliases"] or []), row.get("name_en"))
        for rid, row in defs.regions.iterrows():
            reg.regions[rid] = Region(rid, row["name"] or rid, list(row["aliases"] or []), row["parent"])
        for did, row in defs.documents.iterrows():
            reg.documents[did] = Document(did, row["region"], row["title"], row["issued"], row["file"])
        for row in defs.targets.to_dict("records"):
            value = row.get("value")
            base = row.get("base_index")
            reg.targets.append(ExistingTarget(
                row["target_id"], row["region"], row["indicator"], row["kind"],
                None if row["year"] is None or row["year"] != row["year"] else int(row["year"]),
                None if value is None or value != value else float(value),
                _text_or_none(row["document"]), _text_or_none(row["quote"]),
                None if base is None or base != base else float(base)))
        return reg

    # ------------------------------------------------------------------
    # Indicators

    def match(self, name: str, unit: str, kind: str) -> str | None:
        """The registry indicator this name means, or None."""
        key = name_key(name)
        if not key:
            return None
        best, best_len = None, 0
        wider = set()  # registry names that end with this name (千山湾科技园总收入 for 科技园总收入)
        for ind in self.indicators.values():
            if not _unit_fits(unit, ind.unit, kind):
                continue
            for k in _label_keys(ind):
                if len(k) >= 4 and len(key) >= 4 and k.endswith(key) and k != key:
                    wider.add(ind.id)
                if len(k) < 2 or len(k) <= best_len:
                    continue
                if key == k or (key.endswith(k) and _prefix_keeps_meaning(key[: -len(k)])):
                    best, best_len = ind.id, len(k)
        if best is None and len(wider) == 1:
            return wider.pop()
        return best

    # ------------------------------------------------------------------
    # Regions

    def region_in_text(self, norm: str) -> str | None:
        """The region a text is about: the one whose names occur most often,
        among regions that are no other region's parent (a city or county;
        a province named in the text is context, not the author)."""
        parents = {r.parent for r in self.regions.values() if r.parent}
        counts = {}
        for r in self.regions.values():
            if r.id in parents:
                continue
            names = {n for n in (r.name, *r.aliases) if n and len(n) >= 2 and not n.isascii()}
            n = sum(norm.count(x) for x in names)
            if n:
                counts[r.id] = n
        if not counts:
            return None
        return max(counts, key=lambda r: counts[r])

    def reference_region(self, text: str, region: str | None) -> str | None:
        """The region a relative target compares with: 全省 is the region's
        parent, 全国 the country; otherwise a region named in the text."""
        text = text.strip()
        if text in ("全省", "省", "省内", "全省各市") and region in self.regions:
            parent = self.regions[region].parent
            return parent if parent in self.regions else None
        if text in ("全国", "国家", "国内"):
            for r in self.regions.values():
                if {"全国", "中国"} & {r.name, *r.aliases}:
                    return r.id
            return None
        for r in self.regions.values():
            for n in (r.name, *r.aliases):
                if n and len(n) >= 2 and (n in text + "平均" or text in n):
                    return r.id
        return None

    def document_for_file(self, file_name: str | None) -> str | None:
        if not file_name:
            return None
        for d in self.documents.values():
            if d.file and d.file == file_name:
                return d.id
        return None


def _text_or_none(value) -> str | None:
    """A text cell of the targets table; a missing one (None or NaN) is None."""
    return value if isinstance(value, str) else None


def _label_keys(ind: Indicator) -> list[str]:
    """Keys of an indicator's name and aliases; a name listing examples
    (工程研究中心、重点实验室等研发机构) also stands for what follows 等."""
    out = []
    for label in (ind.name, *ind.aliases):
        out.append(name_key(label))
        if "等" in label:
            out.append(name_key(label.rsplit("等", 1)[1]))
    return [k for k in out if k]


# A measure per unit of output (单位地区生产总值能耗, 万元GDP能耗, 单位GDP能耗): one
# way of writing the denominator for all, so the names match each other.
_PER_OUTPUT_RE = re.compile(r"^(?:单位|每万元|万元)(?:地区生产总值|生产总值|GDP)(?=.)")


def name_key(name: str) -> str:
    key = R.NAME_NOISE_RE.sub("", name)
    key = _PER_OUTPUT_RE.sub("单位GDP", key)
    key = R.FILLERS.sub("", key)
    for _ in range(2):
        key = R.NAME_SUFFIX_RE.sub("", key) or key
    return key


def _prefix_keeps_meaning(prefix: str) -> bool:
    if R.LEVEL_QUALIFIER_RE.search(prefix) or R.SUBAREA_RE.search(prefix):
        return False
    # 新增高技能人才 is 高技能人才; 科技园总收入 is not 总收入 of the city.
    return not re.search(r"园|区|县|镇|乡|街道|基地|中心|平台|企业|其中", prefix)


# A rise of a share written in 百分点 is a figure of that share in %.
POINTS = ("个百分点", "百分点")


def _unit_fits(unit: str, ind_unit: str, kind: str) -> bool:
    if kind in ("growth_rate", "multiple", "relative", "milestone"):
        return True
    if unit in POINTS and ind_unit == "%":
        return True
    try:
        units.factor(unit, ind_unit)
        return True
    except units.UnitError:
        return False


# --------------------------------------------------------------------------
# Proposed ids

GLOSSARY = {
    "高新技术企业": "hitech_firms", "高企": "hitech_firms", "科技型中小企业": "tech_smes",
    "雏鹰": "fledgling", "瞪羚": "gazelle", "独角兽": "unicorn", "专精特新": "specialised",
    "领军企业": "leading_firms", "规模以上": "above_scale", "规上": "above_scale",
    "技术合同成交额": "tech_contract_value", "技术交易成交额": "tech_trade_value", "成交额": "turnover",
    "研究与试验发展": "rd", "研究开发": "rd", "研发": "rd", "R&D": "rd", "经费": "funds", "投入": "spending",
    "支出": "spending", "强度": "intensity", "比重": "share", "比例": "share", "占比": "share",
    "地区生产总值": "gdp", "生产总值": "gdp", "GDP": "gdp", "主营业务收入": "revenue", "收入": "revenue",
    "产值": "output", "增加值": "value_added", "转化率": "conversion_rate", "本地": "local",
    "科技成果": "results", "成果": "results", "转化": "transfer", "发明专利": "invention_patents",
    "专利": "patents", "高价值": "high_value", "每万人口": "per_10k", "每万人": "per_10k", "拥有量": "",
    "国家级": "national", "国家": "national", "省级以上": "provincial_plus", "省级": "provincial",
    "市级以上": "municipal_plus", "市级": "municipal", "县级": "county", "全国": "national",
    "重点实验室": "key_labs", "实验室": "labs", "技术创新中心": "innovation_centres", "工程研究中心": "eng_centres",
    "研发机构": "rd_institutes", "研发平台": "rd_platforms", "创新平台": "innovation_platforms",
    "科技创新平台": "innovation_platforms", "平台": "platforms", "中试基地": "pilot_bases", "基地": "bases",
    "孵化器": "incubators", "众创空间": "makerspaces", "孵化载体": "incubation_carriers",
    "创新载体": "innovation_carriers", "载体": "carriers", "孵化面积": "incubation_area", "面积": "area",
    "大学科技园": "university_parks", "科技园": "science_park", "高新区": "hitech_zone",
    "高新技术产业开发区": "hitech_zone", "开发区": "dev_zone", "园区": "park",
    "产学研": "iur", "联盟": "alliances", "协同创新": "collaboration", "合作协议": "cooperation_agreements",
    "合作": "cooperation", "高校": "universities", "院所": "institutes", "科研机构": "research_institutes",
    "揭榜挂帅": "open_competition", "攻关项目": "research_projects", "科技攻关": "research",
    "项目": "projects", "攻克": "solved", "产业技术": "industrial_tech", "关键核心技术": "core_tech",
    "创新产品": "innovation_products", "产品": "products", "研制": "developed",
    "高技能人才": "high_skill_talent", "高层次人才": "high_level_talent", "人才团队": "talent_teams",
    "人才": "talent", "团队": "teams", "技术人才": "tech_talent", "中青年": "young", "国外": "foreign",
    "引进": "recruited", "培育": "cultivated", "培养": "trained", "培训": "training", "技能": "skills",
    "技术经纪人": "tech_brokers", "农民技术员": "farmer_technicians", "特派团": "sci_envoys",
    "带土移植": "transplant", "科技信贷": "tech_credit", "信贷": "credit", "贷款": "loans",
    "活动": "events", "论坛": "forums", "发布": "releases", "宣讲": "lectures", "科普": "popularisation",
    "示范县": "demo_counties", "科学素质": "sci_literacy", "公民": "citizens",
    "职业教育集团": "vocational_groups", "中介服务机构": "intermediaries", "服务机构": "service_bodies",
    "服务平台": "service_platforms", "创业": "startup", "双创": "startup", "入驻": "resident",
    "毕业企业": "graduated_firms", "企业上市": "listed_firms", "上市": "listed", "企业": "firms",
    "排名": "rank", "排位": "rank", "位次": "rank", "总数": "", "数量": "", "新增": "new", "净增": "net_new", "累计": "cumulative",
    "技术合作": "tech_cooperation", "对接": "matchmaking", "技术": "tech", "科技": "tech", "创新": "innovation",
    "增长": "growth", "增速": "growth", "中心": "centres", "机构": "institutions", "空间": "spaces",
    "金融": "finance", "体系": "system", "服务": "services", "重组": "restructured", "规划": "plan",
    "招商": "investment", "大厦": "building", "开工": "started", "建成": "built", "完成": "done",
    "投入使用": "in_use", "投入运营": "in_operation", "能耗": "energy", "能源消费": "energy_use",
    "二氧化碳排放": "co2", "碳排放": "co2", "用水": "water", "水耗": "water",
}
_GLOSSARY_RE = re.compile("|".join(re.escape(g) for g in sorted(GLOSSARY, key=len, reverse=True)))


def propose_id(name: str, taken) -> str:
    """An id from the glossary words found in ``name`` (科技园总收入 ->
    science_park_revenue); numbered when taken."""
    key = R.NAME_NOISE_RE.sub("", name)
    per_output = _PER_OUTPUT_RE.match(key)
    if per_output:  # 单位地区生产总值能耗: energy per unit of GDP, energy_intensity
        key = key[per_output.end():]
    words: list[str] = []
    for m in _GLOSSARY_RE.finditer(key):  # leftmost, longest glossary word first
        slug = GLOSSARY[m.group(0)]
        if slug and slug not in words:
            words.append(slug)
    if len(words) > 4:
        words = words[:1] + words[-3:]
    if per_output and words:
        words.append("intensity")
    base = "_".join(words) or "indicator"
    base = re.sub(r"_+", "_", base)
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}_{n}", n + 1
    return ident
