"""Matching names from a text to the registry's indicators, and proposed ids."""

from __future__ import annotations

import pytest

from policygap.extract.registry import Indicator, Region, Registry, propose_id


@pytest.fixture
def reg():
    r = Registry()
    for ind in [
        Indicator("firms", "高新技术企业数量", "家", aliases=["高新技术企业", "高企"]),
        Indicator("deals", "技术合同成交额", "亿元"),
        Indicator("zone_firms", "开发区高新技术企业数量", "家"),
        Indicator("labs", "工程研究中心、重点实验室等研发机构数量", "个"),
        Indicator("park_income", "千山湾科技园总收入", "亿元"),
        Indicator("intensity", "研发投入强度", "%"),
    ]:
        r.indicators[ind.id] = ind
    r.regions["city"] = Region("city", "某市", ["某"], "prov")
    r.regions["prov"] = Region("prov", "某省", [], "nation")
    r.regions["nation"] = Region("nation", "全国", ["中国"])
    return r


@pytest.mark.parametrize("name, unit, kind, expected", [
    ("高新技术企业", "家", "level", "firms"),
    ("全市高企总数", "户", "level", "firms"),          # fillers and 总数 ignored, 户 converts to 家
    ("国家高新技术企业", "家", "level", "firms"),
    ("省级高新技术企业", "家", "level", None),         # a level qualifier makes it another indicator
    ("高新区高新技术企业", "家", "level", None),       # so does a sub-area
    ("高新技术企业产值", "亿元", "level", None),       # the head is 产值, not 企业
    ("技术合同成交额", "万元", "level", "deals"),
    ("技术合同成交额", "家", "level", None),           # the unit must convert
    ("技术合同成交额", "%", "growth_rate", "deals"),   # a growth rate is in % whatever the unit
    ("研发机构", "个", "level", "labs"),               # …等研发机构 stands for 研发机构
    ("科技园总收入", "亿元", "level", "park_income"),  # a unique wider registry name
    ("研发投入强度", "%", "share", "intensity"),
])
def test_match(reg, name, unit, kind, expected):
    assert reg.match(name, unit, kind) == expected


def test_region_in_text_ignores_parents(reg):
    assert reg.region_in_text("某省某市人民政府……某市……全国") == "city"
    assert reg.region_in_text("某省人民政府") is None


def test_reference_region(reg):
    assert reg.reference_region("全省", "city") == "prov"
    assert reg.reference_region("全国", "city") == "nation"
    assert reg.reference_region("周边县区", "city") is None


def test_proposed_ids_are_readable_and_unique():
    assert propose_id("省级重点实验室", set()) == "provincial_key_labs"
    assert propose_id("省级重点实验室", {"provincial_key_labs"}) == "provincial_key_labs_2"
    assert propose_id("某某某", set()) == "indicator"
