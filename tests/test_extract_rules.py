"""The parsing rules of `policygap extract`, on short made-up sentences (none
copied from the seed documents): number forms, comparators, kinds, year
scopes, the present, and several targets in one sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import REPO
from policygap.extract import extract_text
from policygap.extract.registry import Indicator, Region, Registry
from policygap.extract.text import normalize
from policygap.numbers import find_quantities

HEAD = "某某市科技创新行动方案\n"
SIGNED = "\n某某市科学技术局\n2024年3月1日\n"


def registry() -> Registry:
    reg = Registry()
    reg.indicators["hitech_firms"] = Indicator("hitech_firms", "高新技术企业数量", "家", aliases=["高新技术企业", "高企"])
    reg.indicators["tech_deals"] = Indicator("tech_deals", "技术合同成交额", "亿元", measure="flow")
    reg.indicators["rd_intensity"] = Indicator("rd_intensity", "研发投入强度", "%")
    reg.regions["mycity"] = Region("mycity", "某某市", ["某某"], "myprov")
    reg.regions["myprov"] = Region("myprov", "某某省", ["全省"], None)
    return reg


def targets(body: str, **kw):
    return extract_text(HEAD + body + SIGNED, registry(), **kw).targets


def one(body: str, **kw):
    ts = targets(body, **kw)
    assert len(ts) == 1, [(t.name, t.value, t.year) for t in ts]
    return ts[0]


def figures(body: str):
    return sorted((t.name, str(t.value), t.unit, t.year) for t in targets(body))


# --------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize("text, value", [
    ("培育1万名", Decimal(10000)), ("2千万", Decimal(20000000)), ("1.5亿", Decimal(150000000)),
    ("两个", Decimal(2)), ("百分之九", Decimal(9)), ("百分之十二点五", None), ("１２３", Decimal(123)),
    ("1,300家", Decimal(1300)), ("二十三", Decimal(23)), ("两千万", Decimal(20000000)),
])
def test_find_quantities_reads_number_forms(text, value):
    found = find_quantities(normalize(text))
    if value is None:
        assert all(q.value != Decimal("12.5") for q in found)
    else:
        assert found and found[0].value == value


@pytest.mark.parametrize("text", ["十四五", "万众创新", "每万人", "千家万户", "SF6压缩机", "5G基站", "三四家"])
def test_words_with_numeral_characters_are_not_numbers(text):
    assert find_quantities(normalize(text)) == []


def test_range_keeps_both_ends():
    (q,) = find_quantities("建设3—5家")
    assert (q.value, q.high) == (3, 5)


def test_units_and_magnitudes_in_targets():
    ts = targets("到2026年,新增技能人才2万名以上,科技贷款余额达到3.5亿元,技术合同成交额突破8千万元,"
                 "孵化面积达到2万平方米。")
    got = {t.name: (t.value, t.unit) for t in ts}
    assert got["技能人才"] == (20000, "名")
    assert got["科技贷款余额"] == (Decimal("3.5"), "亿元")
    # Matched to a registry indicator in 亿元: 8千万元 is 0.8亿元, exactly.
    assert got["技术合同成交额"] == (Decimal("0.8"), "亿元")
    assert got["孵化面积"] == (20000, "平方米")


def test_full_width_digits_and_punctuation():
    t = one("到２０２６年，高企数量达到８００家。")
    assert (t.indicator, t.value, t.year, t.quote) == ("hitech_firms", 800, 2026, "到２０２６年，高企数量达到８００家")


def test_chinese_numerals_with_a_verb_or_comparator():
    got = figures("到2026年,建设两个省级中试基地,科普基地达到十五个,培训农民技术员一千人以上。")
    assert got == [("培训农民技术员", "1000", "人", 2026), ("省级中试基地", "2", "个", 2026),
                   ("科普基地", "15", "个", 2026)]


def test_percent_in_words_is_a_share():
    t = one("到2026年,科技成果转化率达到百分之五十五。")
    assert (t.kind, t.value, t.unit) == ("share", 55, "%")


def test_bare_magnitude_of_money_reads_yuan_from_the_name():
    t = one("到2026年,科技园营业收入突破50亿。")
    assert (t.value, t.unit, t.comparator) == (50, "亿元", ">")
    assert any("元 read from the name" in r for r in t.review)


# --------------------------------------------------------------------------
# Comparators and kinds


@pytest.mark.parametrize("phrase, comparator", [
    ("达到120家", ">="), ("突破120家", ">"), ("超过120家", ">"), ("不少于120家", ">="),
    ("120家以上", ">="), ("120家左右", "~"), ("不低于120家", ">="), ("控制在120家以内", "<="),
])
def test_comparator_words(phrase, comparator):
    t = one(f"到2026年,众创空间{phrase}。")
    assert (t.value, t.comparator) == (120, comparator)


def test_stretch_beside_a_floor_in_one_clause_and_across_a_comma():
    a = one("到2026年,高企突破900家、力争达到1000家。")
    b = one("到2026年,高企达到900家,力争突破1000家。")
    for t in (a, b):
        assert (t.indicator, t.value, t.stretch, t.comparator) == ("hitech_firms", 900, 1000, t.comparator)
        assert not any("力争" in r for r in t.review)


def test_aspiration_alone_is_the_target_with_review():
    t = one("到2026年,力争省级孵化器不少于12家。")
    assert (t.value, t.stretch) == (12, None)
    assert "力争 (aspiration)" in t.notes and t.needs_review


def test_kinds():
    ts = {t.name: t for t in targets(
        "到2027年,研发经费投入年均增长10%,研发投入强度提高到2.8%,累计引进博士200名,"
        "新增省级工程研究中心8个,每年举办成果对接会不少于4场,市高新区全国排名进入前60位,"
        "规上企业研发投入占营业收入比重实现翻一番。")}
    assert ts["研发经费投入"].kind == "growth_rate" and ts["研发经费投入"].value == 10
    assert ts["研发投入强度"].kind == "share" and ts["研发投入强度"].indicator == "rd_intensity"
    assert ts["引进博士"].kind == "increase"
    assert ts["省级工程研究中心"].kind == "increase"
    assert ts["举办成果对接会"].kind == "annual"
    rank = ts["市高新区全国排名"]
    assert (rank.kind, rank.comparator, rank.value) == ("rank", "<=", 60)
    mult = ts["规上企业研发投入占营业收入比重"]
    assert (mult.kind, mult.value) == ("multiple", 2)


def test_double_doubling_gives_two_multiples():
    ts = targets("到2026年,实现高企和科技型中小企业双倍增。")
    assert sorted((t.name, t.kind, t.value) for t in ts) == [
        ("科技型中小企业", "multiple", 2), ("高企", "multiple", 2)]


def test_a_rise_in_points_with_a_base_year():
    t = one("到2026年,研发投入强度比2023年提高0.6个百分点。")
    assert (t.kind, t.value, t.base_period) == ("increase", Decimal("0.6"), "2023")


def test_relative_target_to_the_province():
    t = one("到2026年,研发投入强度高于全省平均水平。", region="mycity")
    assert (t.kind, t.comparator, t.reference, t.value) == ("relative", ">", "myprov", None)


def test_relative_target_with_unknown_reference_is_left_as_comment():
    d = extract_text(HEAD + "到2026年,研发投入强度达到周边县区平均水平。" + SIGNED, registry(), region="mycity")
    assert d.targets == [] and len(d.unresolved) == 1


# --------------------------------------------------------------------------
# Several targets in one sentence


def test_list_of_targets_and_each():
    got = figures("到2026年,新增10个省级实验室、30个市级实验室;每年新认定高企、科技型中小企业各150家以上。")
    assert got == [("市级实验室", "30", "个", 2026), ("新认定高企", "150", "家", 2026),
                   ("省级实验室", "10", "个", 2026), ("科技型中小企业", "150", "家", 2026)]


def test_a_part_after_qizhong():
    got = figures("到2026年,新建研发机构50个,其中国家级5个。")
    assert got == [("新建研发机构", "50", "个", 2026), ("新建研发机构中国家级", "5", "个", 2026)]


def test_name_from_the_clause_before():
    t = one("到2026年,支持企业共建联合实验室,每年不少于6个。")
    assert (t.name, t.kind, t.value) == ("支持企业共建联合实验室", "annual", 6)


def test_qualifier_number_inside_a_name_is_not_a_target():
    t = one("到2026年,培育5家营业收入超50亿元的创新型企业。")
    assert (t.value, t.unit, t.name) == (5, "家", "营业收入超50亿元的创新型企业")


def test_elliptical_name_continues_the_one_before():
    ts = targets("到2026年,全社会研发投入总量达到40亿元,投入强度达到2.6%。")
    assert [t.name for t in ts][1] == "全社会研发投入强度"


def test_slogans_and_dates_are_not_targets():
    assert targets("坚持“两个毫不动摇”,落实“四个一批”工作机制。会议于2025年6月30日召开。") == []


def test_framing_clause_numbers_belong_to_someone_else():
    assert targets("围绕全省打造12个产业集群的部署,推动产业链协同。") == []


# --------------------------------------------------------------------------
# Years


def test_year_scope_carries_to_following_sentences_until_a_heading():
    ts = targets("一、主要目标\n到2026年,全市创新能力显著提升。\n——高企达到900家。\n——众创空间达到40家。\n"
                 "二、重点任务\n(一)加强平台。孵化器达到20家。")
    years = {t.name: (t.year, t.year_how) for t in ts}
    assert years["高企"] == (2026, "inherited")
    assert years["众创空间"] == (2026, "inherited")
    # After a heading the year is the document's horizon, and flagged.
    assert years["孵化器"] == (2026, "horizon")
    assert any("horizon" in r for r in next(t for t in ts if t.name == "孵化器").review)


def test_interim_year_becomes_a_milestone():
    t = one("2024年,高企达到700家。到2026年,高企达到900家。")
    assert (t.value, t.year, t.milestones) == (900, 2026, {2024: 700})


def test_year_ranges_and_five_year_plans():
    a = one("2024-2026年,众创空间达到40家。")
    b = one("“十五五”期末,众创空间达到60家。")
    assert (a.year, b.year) == (2026, 2030)


def test_duration_counts_from_the_issue_date():
    t = one("两年内引进高层次人才100名。")
    assert t.year == 2026  # signed 2024-03-01


def test_restatement_counts_once():
    ts = targets("一、目标\n到2026年,高企达到900家。\n二、任务\n到2026年,高企突破900家。")
    assert len(ts) == 1 and ts[0].notes[-1] == "restated in 二 as >"


# --------------------------------------------------------------------------
# The present


def test_present_figures_are_base_values_not_targets():
    d = extract_text(HEAD + "截至目前,全市拥有高企612家,技术合同成交额达到9.6亿元(2023年)。"
                     "到2026年,高企达到900家。" + SIGNED, registry())
    assert [(t.indicator, t.value) for t in d.targets] == [("hitech_firms", 900)]
    base = {b.indicator: (b.value, b.period) for b in d.baselines}
    assert base["hitech_firms"] == (612, "2024-02")  # 截至目前 in a text signed 2024-03-01
    assert base["tech_deals"] == (Decimal("9.6"), "2023")


def test_a_situation_section_is_the_present():
    d = extract_text(HEAD + "一、发展现状\n全市高企达到612家,居全省第4位。\n二、目标\n到2026年,高企达到900家。"
                     + SIGNED, registry())
    assert [t.value for t in d.targets] == [900]
    assert sorted((b.value, b.unit) for b in d.baselines) == [(4, "位"), (612, "家")]


def test_milestone_deliverable_with_a_year():
    t = one("到2025年,科技大市场建设任务全部完成。")
    assert (t.kind, t.value, t.year) == ("milestone", None, 2025) and t.needs_review


# --------------------------------------------------------------------------
# Any text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "到2026年,", "2025年,", "截至目前,", "一、", "(二)", "3.", "高企", "研发投入强度", "达到", "突破", "力争",
    "不少于", "以上", "左右", "新增", "累计", "每年", "、", ",", "。", ";", "\n", "前", "名", "家", "个", "亿元",
    "%", "两", "十五", "1万", "2千万", "百分之九", "1—2", "翻一番", "其中", "“", "”", "(2022年)", "12", "0.5",
    "个百分点", "比2020年", "提高", "平均水平", "超过全省", "全部完成", "三年内", "的", "建设", "培育",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.text(max_size=30))
def test_any_text_drafts_without_error_and_quotes_are_verbatim(pieces, noise):
    text = "".join(pieces) + noise
    d = extract_text(text, registry())
    for t in d.targets + d.unresolved:
        assert t.quote in text
        assert t.year is None or 1900 <= t.year <= 2200
    from policygap.extract import render_yaml
    import yaml

    yaml.safe_load(render_yaml(d))


def test_a_control_character_in_a_base_value_quote_stays_escaped_in_its_comment():
    """Found by the test above: a base value's quote ending in ESC went raw
    into the commented baselines rows, and the YAML could not be read."""
    import yaml

    from policygap.extract import render_yaml

    out = render_yaml(extract_text("1万(2022年)研发投入强度\x1b", registry()))
    assert "\x1b" not in out and "\\u001b" in out
    yaml.safe_load(out)


def test_list_items_keep_the_year_that_introduces_them():
    ts = targets("二、目标\n到2026年,主要指标如下:\n(1)高企达到900家;\n(2)众创空间达到40家。\n三、任务\n(1)孵化器达到20家。")
    years = {t.name: t.year_how for t in ts}
    assert years == {"高企": "inherited", "众创空间": "inherited", "孵化器": "horizon"}


def test_a_past_year_dates_the_figures_of_its_paragraph():
    d = extract_text(HEAD + "一、发展基础\n2022年,全市研发投入强度为1.9%;拥有高企520家。" + SIGNED, registry())
    assert sorted((b.period, b.value) for b in d.baselines) == [("2022", Decimal("1.9")), ("2022", 520)]


def test_yaml_scalars_escape_what_yaml_refuses():
    import yaml

    from policygap.extract.output import q

    for text in ["删\x7f除", "换\x85行", 'quote " and \\', "yes", "1.5", "a: b", "#x"]:
        assert yaml.safe_load("k: " + q(text))["k"] == text


def test_a_unit_policygap_does_not_know_is_drafted_as_a_comment():
    from policygap.extract import render_yaml

    d = extract_text(HEAD + "到2026年,万元地区生产总值能耗控制在0.4吨标准煤以内,高企达到900家。" + SIGNED, registry())
    assert [t.value for t in d.targets] == [900]
    (other,) = d.unresolved
    assert (other.value, other.unit, other.comparator) == (Decimal("0.4"), "吨标准煤", "<=")
    assert "#     value: 0.4  # 吨标准煤" in render_yaml(d)


# --------------------------------------------------------------------------
# A yearly count of people-times or events is a flow; a measure guessed is
# said so (made-up sentences)


def _draft(body: str, reg: Registry | None = None):
    return extract_text(HEAD + body + SIGNED, reg or registry())


@pytest.mark.parametrize("body, unit", [
    ("到2026年,每年组织科技志愿者下乡服务不少于300人次。", "人次"),
    ("到2026年,每年召开科技成果对接会不少于4场。", "场"),
    ("到2026年,每年走访科技型企业不少于200次。", "次"),
    ("到2026年,每年开设科普讲堂不少于10期。", "期"),
    ("到2026年,每年服务企业科技人员不少于150人。", "人"),
])
def test_a_yearly_count_of_people_times_events_or_people_served_is_a_flow(body, unit):
    d = _draft(body)
    (t,) = d.targets
    assert (t.kind, t.unit, t.counting) == ("annual", unit, "flow")
    assert d.indicators[t.indicator].measure == "flow" and t.indicator in d.proposed
    assert not any("guessed" in r for r in t.review)  # the unit (or 服务…人 a year) says so


def test_a_yearly_count_whose_measure_is_a_guess_is_flagged():
    d = _draft("到2026年,每年推动科技型企业与高校合作不少于30家。")
    (t,) = d.targets
    assert t.kind == "annual" and t.counting == d.indicators[t.indicator].measure
    assert any("guessed" in r and t.indicator in r for r in t.review)
    # A registry indicator's measure is no guess.
    d = _draft("到2026年,每年新增高新技术企业不少于30家。")
    (t,) = d.targets
    assert (t.indicator, t.counting) == ("hitech_firms", "stock") and not any("guessed" in r for r in t.review)


# --------------------------------------------------------------------------
# Year scopes: an interim year inside the horizon's scope dates its sentence


PLAN = "某某市创新发展三年行动方案(2024—2026年)\n二、主要目标\n"


def test_an_earlier_year_inside_the_horizon_scope_dates_only_its_own_sentence():
    ts = targets(PLAN + "到2026年,高企达到900家。新增孵化器3家。到2025年,建成科创综合体。技术合同成交额达到8亿元。")
    assert {t.name: t.year for t in ts} == {"高企": 2026, "孵化器": 2026, "科创综合体建成": 2025,
                                           "技术合同成交额": 2026}


def test_an_interim_year_still_holds_across_semicolons_and_commas():
    ts = targets(PLAN + "到2026年,高企达到900家。到2025年,技术合同成交额达到8亿元;研发投入强度达到2.5%。"
                 "孵化器达到12家。")
    assert {t.name: t.year for t in ts} == {"高企": 2026, "技术合同成交额": 2025, "研发投入强度": 2025,
                                           "孵化器": 2026}


def test_a_year_opening_a_section_still_holds_until_the_next_year():
    # No scope of the horizon before it: 到2025年 holds for what follows (phases, year blocks).
    ts = targets(PLAN + "到2025年,高企达到800家。技术合同成交额达到8亿元。到2026年,孵化器达到12家。")
    assert {t.name: t.year for t in ts} == {"高企": 2025, "技术合同成交额": 2025, "孵化器": 2026}


# --------------------------------------------------------------------------
# 建成 and a named facility ending a dated sentence is a milestone


@pytest.mark.parametrize("body, name", [
    ("到2025年,建成科技成果转化服务中心。", "科技成果转化服务中心建成"),
    ("到2025年底,建成某某市中试基地。", "中试基地建成"),  # the document's own place dropped
    ("2025年,技术转移大厦建成。", "技术转移大厦建成"),
])
def test_a_named_facility_built_by_a_year_is_a_milestone(body, name):
    t = one(PLAN + body)
    assert (t.kind, t.name, t.year, t.value) == ("milestone", name, 2025, None)
    assert t.review


@pytest.mark.parametrize("body", [
    "到2025年,建成具有区域影响力的科技创新中心。",  # what the place is to become, not a facility
    "到2025年,建成一批新型研发平台。",
    "到2025年,建成创新型城市。",
    "到2025年,建成科技成果转化服务中心,带动周边产业发展。",  # not the end of the sentence
    "建成科技成果转化服务中心。",  # no year in the sentence
])
def test_no_milestone_without_a_named_facility_ending_a_dated_sentence(body):
    assert [t for t in targets(PLAN + body) if t.kind == "milestone"] == []


# --------------------------------------------------------------------------
# A fall in % of a measure: direction down, an id from the measure's name


def test_a_cumulative_fall_is_at_most_a_multiple_of_the_base():
    d = _draft("到2026年,单位地区生产总值能耗累计下降12%。")
    (t,) = d.targets
    assert (t.name, t.kind, t.comparator, t.value) == ("单位地区生产总值能耗", "multiple", "<=", Decimal("0.88"))
    ind = d.indicators[t.indicator]
    assert (t.indicator, ind.direction) == ("energy_intensity", "down")
    assert any("12%" in r for r in t.review) and not any("no comparator" in r for r in t.review)


def test_a_yearly_fall_is_a_negative_growth_rate_at_most():
    d = _draft("到2026年,单位地区生产总值二氧化碳排放年均下降3%。")
    (t,) = d.targets
    assert (t.kind, t.comparator, t.value, t.indicator) == ("growth_rate", "<=", -3, "co2_intensity")
    assert d.indicators[t.indicator].direction == "down"


def test_a_measure_per_unit_of_gdp_matches_however_the_gdp_is_written():
    reg = registry()
    reg.indicators["energy"] = Indicator("energy", "万元GDP能耗", "吨标准煤/万元", direction="down")
    d = _draft("到2026年,单位地区生产总值能耗累计下降12%。", reg)
    assert [t.indicator for t in d.targets] == ["energy"] and not d.proposed


def test_a_doubling_from_a_base_year_keeps_the_base_and_the_name():
    # 比2023年翻一番: 2023 is the base, not a duration of "23年"
    t = one("到2026年,科技型中小企业数量比2023年翻一番。")
    assert (t.name, t.kind, t.value, t.year, t.base_period) == ("科技型中小企业数量", "multiple", 2, 2026, "2023")


def test_a_yearly_count_in_batches_is_drafted_for_review_not_dropped():
    # 批次 is no unit policygap converts: written as a commented-out entry with the reason.
    d = _draft("到2026年,每年组织专家下乡服务不少于3批次。")
    assert d.targets == []
    (t,) = d.unresolved
    assert (t.kind, t.value, t.unit) == ("annual", 3, "批次") and any("批次" in r for r in t.review)


def test_a_rise_in_points_of_a_known_share_is_that_share(tmp_path):
    """提高0.5个百分点 of 研发投入强度, an indicator of the registry in %: the
    draft names rd_intensity, not a second indicator of the same name (which a
    merge would refuse as a clash)."""
    from policygap.extract import extract_text, load_registry

    registry = load_registry(REPO / "data" / "targets.yaml")
    draft = extract_text("到2027年，全县研发投入强度提高0.5个百分点。", registry=registry, region="anshan")
    [target] = draft.targets
    assert target.indicator == "rd_intensity" and target.kind == "increase" and float(target.value) == 0.5
    assert not draft.proposed


# --------------------------------------------------------------------------
# Shapes met in a second held-out set of written texts (each sentence made up)


def test_a_net_increase_is_an_increase_and_the_total_after_it_is_the_stock():
    ts = targets("到2027年,高新技术企业净增150家,总数达到900家。")
    assert sorted((t.kind, int(t.value)) for t in ts) == [("increase", 150), ("level", 900)]
    total = next(t for t in ts if t.kind == "level")
    assert total.indicator == "hitech_firms"  # the count of firms, not of the firms added


def test_an_interim_year_after_qizhong_dao_holds_for_its_clause_only():
    ts = targets("到2028年,累计引进青年博士3000名,其中到2027年累计引进青年博士1800名;研发投入强度达到3%。")
    assert {t.name: t.year for t in ts}["研发投入强度"] == 2028


def test_an_earlier_year_named_bare_after_the_sentence_year_is_an_interim_one():
    ts = targets("到2028年,高新技术企业达到650家,2027年达到550家;每年新增科技型中小企业200家以上;新增上市企业3家。")
    assert sorted((t.name, t.year) for t in ts) == [("上市企业", 2028), ("科技型中小企业", 2028), ("高新技术企业", 2028)]
    firms = next(t for t in ts if t.name == "高新技术企业")
    assert firms.milestones == {2027: 550}


def test_a_base_year_of_a_change_is_no_year_in_force():
    ts = targets("到2030年,高新技术企业数量在2025年基础上翻一番,科技型中小企业达到1000家。")
    assert sorted((t.kind, t.year) for t in ts) == [("level", 2030), ("multiple", 2030)]


def test_a_base_in_brackets_after_a_target_is_its_base_not_a_target():
    d = extract_text(HEAD + "到2028年,技术合同成交额突破125亿元(2025年为106亿元),新建研发平台20个。" + SIGNED,
                     registry())
    assert sorted(int(t.value) for t in d.targets) == [20, 125]
    assert [(b.name, int(b.value), b.period) for b in d.baselines] == [("技术合同成交额", 106, "2025")]


def test_a_figure_per_ten_thousand_people_is_not_the_present():
    ts = targets("到2027年,每万人拥有5G基站数保持全省第一;研发投入强度达到3%。")
    assert sorted((t.kind, int(t.value), t.year) for t in ts) == [("rank", 1, 2027), ("share", 3, 2027)]


def test_a_place_among_a_kind_of_zone_is_a_rank():
    t = one("到2027年,营商环境评价保持全省开发区第一。")
    assert (t.kind, t.comparator, int(t.value), t.name) == ("rank", "<=", 1, "营商环境评价全省开发区排名")


def test_the_plan_period_is_the_documents_horizon():
    d = extract_text("某某市科技创新规划(2026—2030年)\n规划期内引进培育高层次创新创业人才500名。" + SIGNED, registry())
    assert [(int(t.value), t.year) for t in d.targets] == [(500, 2030)]


def test_a_doubling_is_not_folded_into_a_share_of_another_total():
    ts = targets("到2030年,技术合同成交额翻一番,占地区生产总值比重达到3%。")
    assert sorted(t.kind for t in ts) == ["multiple", "share"]
    t = one("到2030年,技术合同成交额翻一番,达到300亿元。")  # the level it comes to: one commitment
    assert (t.kind, int(t.value)) == ("level", 300)


# --------------------------------------------------------------------------
# Shapes met in a third held-out set of written texts (each sentence made up)


def test_the_second_half_of_the_year_is_this_year():
    ts = targets("三、下半年工作计划\n下半年,确保高新技术企业总数达到900家,新增研发平台12个。")
    assert sorted((int(t.value), t.year) for t in ts) == [(12, 2024), (900, 2024)]


def test_indicators_listed_a_line_each_with_base_and_goal():
    text = ("专栏1 主要指标\n1. 研发投入强度:2023年基数1.6%,2026年目标2.2%\n"
            "2. 高新技术企业数:2023年基数48家,2026年目标80家\n3. 企业开办时间:2023年5个工作日,2026年3个工作日\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    got = sorted((t.name, t.comparator, str(t.value), t.unit, t.year) for t in d.targets)
    assert got == [("企业开办时间", "<=", "3", "个工作日", 2026), ("研发投入强度", ">=", "2.2", "%", 2026),
                   ("高新技术企业数", ">=", "80", "家", 2026)]  # below its base with no word: at most
    assert sorted((b.name, str(b.value), b.period) for b in d.baselines) == [
        ("企业开办时间", "5", "2023"), ("研发投入强度", "1.6", "2023"), ("高新技术企业数", "48", "2023")]


def test_a_list_in_chinese_numerals_and_a_percentage_in_words_are_read():
    ts = targets("到2027年,新建示范基地二十个、示范点十个;化肥施用量下降百分之五;创新水平进入全市前两位。")
    got = sorted((t.kind, str(t.value)) for t in ts)
    assert got == [("increase", "10"), ("increase", "20"), ("multiple", "0.95"), ("rank", "2")]


def test_a_threshold_that_picks_out_firms_is_not_a_target():
    assert targets("对年营业收入超过5000万元、研发投入占比超过3%的企业,给予补助。") == []
    ts = targets("到2027年,推动年营业收入超过2000万元的工业企业建立研发机构,覆盖率达到50%。")
    assert [(t.name, int(t.value)) for t in ts] == [("覆盖率", 50)]


def test_next_year_opening_a_sentence_dates_the_sentence():
    ts = targets("今年,新建平台30个。明年,我们还要建设概念验证中心5家。")
    assert sorted((int(t.value), t.year) for t in ts) == [(5, 2025), (30, 2024)]


def test_a_web_pages_time_stamp_dates_the_text():
    from policygap.extract.parse import issue_date

    assert issue_date("标题\n2026-05-12 09:32  来源:某某日报\n今年新增企业8家。") == (2026, 5, 12)
    assert issue_date("电话 0571-8690-2216 09:32") is None


def test_a_task_heading_is_no_review_of_the_present():
    ts = targets("到2027年,主要任务如下。\n(四)夯实产业发展基础。累计新增高标准农田五万亩。")
    assert [(t.kind, int(t.value), t.unit) for t in ts] == [("increase", 50000, "亩")]


def test_a_review_heading_marks_its_figures_as_the_present():
    text = ("一、2023年工作完成情况\n全年新增孵化器4家,总数达到21家。\n(二)重点工作推进情况\n实施科技项目18项。\n"
            "二、2024年工作计划\n到2025年,孵化器达到30家。")
    d = extract_text(HEAD + text + SIGNED, registry())
    assert [(int(t.value), t.year) for t in d.targets] == [(30, 2025)]
    # figures of the review: the present, of 2023; 新增孵化器4家 is no count held
    assert sorted((int(b.value), b.period) for b in d.baselines) == [(18, "2023"), (21, "2023")]


def test_a_rank_raised_to_a_place_is_a_target():
    t = one("到2026年,全区创新能力在全省排名提升至第6位。")
    assert (t.kind, t.comparator, int(t.value), t.unit, t.year) == ("rank", "<=", 6, "位", 2026)


def test_an_annual_average_concentration_is_a_level_under_a_cap():
    t = one("到2027年,细颗粒物年均浓度控制在28微克/立方米以内。")
    assert (t.kind, t.comparator, int(t.value), t.unit) == ("level", "<=", 28, "微克/立方米")


def test_a_later_year_in_brackets_is_a_milestone_and_an_earlier_one_a_base():
    (t,) = [t for t in targets("到2027年,研发投入强度达到2.9%(2026年达到2.7%),技术合同成交额达到40亿元。")
            if t.unit == "%"]
    assert (str(t.value), t.year, {y: str(v) for y, v in t.milestones.items()}) == ("2.9", 2027, {2026: "2.7"})
    d = extract_text(HEAD + "到2027年,研发投入强度达到2.9%(2023年为2.1%)。" + SIGNED, registry())
    assert [t.milestones for t in d.targets] == [{}]
    assert [(str(b.value), b.period) for b in d.baselines] == [("2.1", "2023")]


def test_a_later_year_with_its_verb_holds_for_its_clause_only():
    ts = targets("2025年的主要目标是:研发投入强度达到2.5%,确保2026年达到2.7%的规划目标;"
                 "高新技术企业突破800家,技术合同成交额达到45亿元。")
    got = sorted((t.name, str(t.value), t.year, tuple(t.milestones.items())) for t in ts)
    assert [g[1:3] for g in got] == [("45", 2025), ("2.7", 2026), ("800", 2025)]
    assert [g[0] for g in got][1] == "研发投入强度"  # the goal's 规划目标 is no name
    assert got[1][3] == ((2025, Decimal("2.5")),)


def test_an_outlook_year_dates_its_own_sentence_only():
    text = ("到2026年,研发投入强度达到2.5%。展望2035年,高新技术企业突破1500家。\n"
            "三、重点任务\n每年组织实施重大科技专项6项以上。")
    got = sorted((int(t.value), t.year) for t in targets(text) if t.unit != "%")
    assert got == [(6, 2026), (1500, 2035)]


def test_a_table_of_one_target_year_with_weights():
    text = ("表1 2025年度考核指标\n序号\n考核指标\n权重(分)\n2025年目标值\n"
            "1\n研发投入强度\n20\n3.1%\n2\n高新技术企业净增数\n15\n35家\n3\n科技型中小企业入库数\n10\n260家\n"
            "4\n高新技术产业产值增速\n10\n15%\n5\n单位工业增加值能耗降幅\n5\n4%\n合计\n60\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    got = sorted((t.name, t.kind, t.comparator, str(t.value), t.unit, t.year) for t in d.targets)
    assert got == [("单位工业增加值能耗", "multiple", "<=", "0.96", "倍", 2025),
                   ("研发投入强度", "share", ">=", "3.1", "%", 2025),
                   ("科技型中小企业入库数", "level", ">=", "260", "家", 2025),
                   ("高新技术产业产值增速", "growth_rate", ">=", "15", "%", 2025),
                   ("高新技术企业净增数", "increase", ">=", "35", "家", 2025)]
    assert d.baselines == []  # no base column: the weights are not figures


def test_a_scoring_rule_and_a_per_project_grant_cap_are_no_targets():
    assert targets("单项指标完成目标值90%以上(含90%)的,按完成比例计分。") == []
    ts = targets("到2025年,新立项重点研发项目120项,重点研发计划单个项目支持额度一般不超过300万元。")
    assert [(int(t.value), t.unit) for t in ts] == [(120, "项")]


def test_a_signature_of_year_and_month_dates_the_text():
    from policygap.extract.parse import issue_date

    assert issue_date("某某规划中期评估报告\n某某市科学技术局\n2027年4月\n截至2026年底,进度为42.9%。") == (2027, 4, 1)


def test_a_yearly_document_without_a_target_year_takes_its_titles_year():
    text = "某县2026年度部门整体支出绩效目标表\n年度总体目标\n全年力争新增高新技术企业25家以上,研发投入强度达到1.8%。\n"
    d = extract_text(text, registry())
    assert sorted((str(t.value), t.year) for t in d.targets) == [("1.8", 2026), ("25", 2026)]


def test_a_table_of_yearly_goals_with_last_years_values():
    text = ("某县2026年度绩效目标表\n一级指标\n二级指标\n三级指标\n上年完成值\n指标值\n产出指标\n数量指标\n"
            "新增高新技术企业数\n21家\n≥25家\n科普活动场次\n58场\n≥60场\n质量指标\n项目验收合格率\n93%\n≥95%\n"
            "县域创新能力全市排名\n第6位\n前5位\n备注:上年完成值来源于统计公报。\n")
    d = extract_text(text, registry())
    got = sorted((t.name, t.kind, t.comparator, str(t.value), t.unit, t.year) for t in d.targets)
    assert got == [("县域创新能力全市排名", "rank", "<=", "5", "位", 2026),
                   ("新增高新技术企业数", "increase", ">=", "25", "家", 2026),
                   ("科普活动场次", "level", ">=", "60", "场", 2026),
                   ("项目验收合格率", "share", ">=", "95", "%", 2026)]
    assert sorted((b.name, str(b.value), b.period) for b in d.baselines)[0] == ("县域创新能力全市排名", "6", "2025")


def test_a_review_table_passes_over_the_actual_and_progress_columns():
    text = ("表1 主要指标中期完成情况\n序号 | 指标 | 单位 | 2023年基期值 | 2030年目标值 | 2026年实际值 | 目标完成进度 | 评价\n"
            "1 | 研发投入强度 | % | 2.35 | 3.3 | 2.71 | 37.9% | 基本符合进度\n"
            "2 | 高新技术企业数量 | 家 | 620 | 1500 | 1085 | 52.8% | 超进度\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    assert sorted((t.name, str(t.value), t.year) for t in d.targets) == [
        ("研发投入强度", "3.3", 2030), ("高新技术企业数量", "1500", 2030)]
    assert sorted((b.name, str(b.value), b.period) for b in d.baselines) == [
        ("研发投入强度", "2.35", "2023"), ("高新技术企业数量", "620", "2023")]


def test_the_progress_and_problems_of_a_review_are_the_present():
    text = ("二、主要进展和成效\n高新技术企业由620家增加到1085家,新型研发机构达到12家。\n"
            "三、存在的主要问题\n研发人员中博士占比仅为4.6%。\n四、后半期目标\n到2030年,新型研发机构达到20家。")
    assert [(int(t.value), t.year) for t in targets(text)] == [(20, 2030)]


def test_grants_by_the_month_weights_and_a_projects_scale_are_no_targets():
    assert targets("到2027年,对新引进的青年博士给予每人每月3000元生活补贴,3年内每月2000元。") == []
    assert targets("到2027年,科技创新指标考核权重由6%提高到8%。") == []
    assert targets("到2027年,建设创新港项目,总投资85亿元,占地320亩。") == []


def test_a_new_item_after_the_present_on_one_line_is_a_plan_again():
    ts = targets("到2027年,二是加强服务,目前已为286家企业配备服务专员;三是三年内新培育独角兽企业3至5家。")
    assert [(int(t.value), t.kind) for t in ts] == [(3, "increase")]


def test_this_year_as_a_step_of_a_later_goal_holds_for_its_clause():
    text = "今年是开局之年。到2027年,产业规模突破300亿元,今年新增企业80家以上;企业数量突破500家。"
    got = sorted((int(t.value), t.year) for t in targets(text))
    assert got == [(80, 2024), (300, 2027), (500, 2027)]
    ts = targets("到2028年,科技进步贡献率达到66%,其中今年达到64%;机械化率达到88%。")
    assert sorted((int(t.value), t.year) for t in ts) == [(66, 2028), (88, 2028)]
    assert [dict(t.milestones) for t in ts if int(t.value) == 66] == [{2024: Decimal("64")}]


def test_a_plans_end_as_the_base_of_a_doubling_is_not_the_year():
    t = one("到“十五五”末,高新技术企业数量在“十四五”末基础上翻一番。")
    assert (t.kind, int(t.value), t.year) == ("multiple", 2, 2030)


def test_in_a_set_of_rules_a_figure_without_a_year_is_a_condition():
    text = ("某某市科技创新券管理办法\n第一条 到2027年,全市创新券服务企业达到1000家。\n"
            "第五条 申请团队核心成员不少于3人,单份服务合同金额不低于1万元。\n")
    d = extract_text(text + SIGNED, registry())
    assert [(int(t.value), t.year) for t in d.targets] == [(1000, 2027)]


def test_a_line_in_traditional_characters_within_simplified_text_is_read():
    plain = "到2027年,全市高新技术企业达到1200家以上,研发投入强度达到2.6%。\n" * 20
    ts = targets(plain + "到2027年,科技型中小企業評價入庫數達到2500家,技術合同成交額達到30億元。\n")
    assert {(int(t.value), t.unit) for t in ts} >= {(2500, "家"), (30, "亿元")}


def test_what_is_brought_in_or_striven_for_is_an_increase():
    ts = targets("到2026年,三年内引进高层次创新创业团队10个,争创省级重点实验室1家,吸引社会资本投入50亿元。")
    assert sorted((int(t.value), t.kind) for t in ts) == [(1, "increase"), (10, "increase"), (50, "level")]


def test_a_rise_from_one_figure_to_another_in_the_past_gives_the_latest_as_a_base():
    d = extract_text(HEAD + "2021年至2023年,全县研发经费投入强度由1.1%提高到1.6%。到2026年,研发经费投入强度达到2.2%。"
                     + SIGNED, registry())
    assert [(b.name, str(b.value), b.period) for b in d.baselines] == [("研发经费投入强度", "1.6", "2023")]
    assert [(str(t.value), t.year) for t in d.targets] == [("2.2", 2026)]


def test_a_place_in_a_table_is_a_rank_of_at_most_that_place_and_the_table_goes_on():
    text = ("表1 主要指标\n指标名称\n单位\n2023年\n2027年\n属性\n全市创新能力评价位次\n位\n第7位\n前4\n预期性\n"
            "每万人口发明专利拥有量\n件\n6.5\n9\n预期性\n科技型中小企业数量\n家\n310\n≤500\n预期性\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    got = sorted((t.name, t.kind, t.comparator, str(t.value), t.unit) for t in d.targets)
    assert got == [("全市创新能力评价位次", "rank", "<=", "4", "位"),
                   ("每万人口发明专利拥有量", "level", ">=", "9", "件/万人"),
                   ("科技型中小企业数量", "level", "<=", "500", "家")]
    assert sorted((b.name, str(b.value), b.unit) for b in d.baselines)[0] == ("全市创新能力评价位次", "7", "位")


def test_a_rank_in_a_table_without_a_word_is_at_most_that_place():
    text = "指标\t单位\t2022年\t2026年\n区域创新能力全省排名\t位\t9\t5\n"
    (t,) = extract_text(HEAD + text + SIGNED, registry()).targets
    assert (t.kind, t.comparator, str(t.value)) == ("rank", "<=", "5")


def test_a_figure_in_a_sentence_and_its_table_row_per_10000_people_is_one_target():
    text = ("到2027年,每万人口高价值发明专利拥有量达到8件。\n"
            "表1\n指标名称\n单位\n2023年\n2027年\n每万人口高价值发明专利拥有量\n件\n4.2\n8\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    assert [(str(t.value), t.unit) for t in d.targets] == [("8", "件/万人")]


def test_an_action_after_a_colon_does_not_name_the_figure():
    text = ("专栏2 企业培育\n瞪羚企业:健全梯度培育机制,到2027年达到60家。\n"
            "专精特新企业:实施提质行动,到2026年达到120家,到2028年达到200家。\n")
    got = sorted((t.name, int(t.value), t.year, dict(t.milestones)) for t in targets(text))
    assert got == [("专精特新企业", 200, 2028, {2026: 120}), ("瞪羚企业", 60, 2027, {})]


def test_the_conditions_and_grants_of_a_measure_are_no_targets():
    assert targets("第六条 对使用面积在5000平方米以上、在孵企业20家以上的众创空间,按每平方米每年不超过15元给予补贴。") == []
    assert targets("第七条 对年度研发投入超过2000万元的企业,按增量的10%给予奖励。") == []
    assert targets("第八条 对新三板挂牌企业,分阶段给予累计不超过200万元奖励。") == []
    assert targets("2.对2026年度新认定的科技型中小企业,按每家5万元标准兑现奖励。") == []
    t = one("到2027年,每年安排项目20个左右,单个项目支持经费一般为20万元至80万元。")
    assert (int(t.value), t.unit) == (20, "个")


def test_what_an_applicant_must_meet_prizes_and_income_shares_are_no_targets():
    t = one("到2027年,建成概念验证中心3家。申报认定的概念验证中心,专职人员应不少于5人、年服务项目不少于20项。")
    assert (int(t.value), t.unit) == (3, "家")
    assert targets("到2027年,每年举办科技创新大赛,设二等奖5名,每名奖励10万元。") == []
    assert targets("到2027年,职务科技成果转化收入用于奖励研发团队的比例不低于60%。") == []


def test_a_plans_title_and_its_notice_are_no_doubling():
    text = ("某市人民政府关于印发某市专精特新企业倍增行动计划(2025—2027年)的通知\n"
            "某市专精特新企业倍增行动计划(2025—2027年)\n到2027年,专精特新企业达到300家。\n"
            "(三)实施科技型企业倍增工程。\n(一)加强组织领导。市科技局统筹推进专精特新企业倍增工作。\n"
            "相关链接:一图读懂《某市专精特新企业倍增行动计划(2025—2027年)》\n")
    assert [(t.kind, int(t.value)) for t in targets(text)] == [("level", 300)]
    # in a sentence of the text, a programme of doubling is the document's commitment
    t = one("到2027年,全市创新能力明显增强。实施规上企业研发机构倍增计划。")
    assert (t.kind, int(t.value), t.year) == ("multiple", 2, 2027)


def test_each_area_in_brackets_is_one_name_and_at_least_one_in_each_is_a_goal():
    assert [(t.name, int(t.value)) for t in targets("到2027年,各县(市、区)省级孵化器均达到2家以上。")] == \
        [("各县(市、区)省级孵化器", 2)]
    t = one("到2028年,实现每个乡镇(街道)至少拥有1家科技特派员服务站。")
    assert (int(t.value), t.unit, t.year, t.name) == (1, "家", 2028, "科技特派员服务站")


def test_year_on_year_growth_in_a_years_goals_is_a_target():
    text = "某区科技局2026年工作要点\n全年主要目标是:研发投入强度达到3.2%;技术合同成交额达到18亿元,同比增长12%以上。\n"
    d = extract_text(text, registry())
    got = sorted((t.name, t.kind, str(t.value), t.year) for t in d.targets)
    assert ("技术合同成交额", "growth_rate", "12", 2026) in got
    review = "2023年,全区技术合同成交额达到16亿元,同比增长12%。到2027年,技术合同成交额达到25亿元。"
    assert [int(t.value) for t in targets(review)] == [25]


def test_a_table_row_named_with_a_figure_first_is_read():
    text = "序号 | 指标名称 | 单位 | 2023年 | 2027年\n1 | 5G基站数量 | 万个 | 0.8 | 1.5\n2 | 上云企业数 | 家 | 900 | 2000\n"
    got = sorted((t.name, str(t.value), t.unit) for t in targets(text))
    assert got == [("5G基站数量", "1.5", "万个"), ("上云企业数", "2000", "家")]


def test_a_tables_first_column_after_the_stated_base_year_is_a_milestone():
    text = ("规划期为2024—2030年,基期为2023年。\n"
            "序号 | 指标名称 | 单位 | 2025年 | 2027年 | 2030年\n1 | 软件业务收入 | 亿元 | 150 | 210 | 350\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    (t,) = d.targets
    assert (str(t.value), t.year, {y: str(v) for y, v in t.milestones.items()}) == ("350", 2030, {2025: "150", 2027: "210"})
    assert d.baselines == []


def test_a_validity_end_date_is_not_the_signature():
    from policygap.extract.parse import issue_date

    text = "某某省关于推动生物医药产业发展的意见\n到2027年,营业收入突破3000亿元。\n本意见自印发之日起施行,有效期至2030年12月31日。\n"
    assert issue_date(text) is None
    assert issue_date("请于2026年6月30日前报送。\n自2025年3月1日起施行。") == (2025, 3, 1)
    d = extract_text(text, registry())
    assert [(int(t.value), t.year) for t in d.targets] == [(3000, 2027)]


def test_a_box_drawn_around_a_column_is_read_as_its_text():
    text = ("┌────────────────┐\n│专栏1 平台建设工程\n│到2027年,建设省级创新中心5家,备案临床试验机构达到80家。\n"
            "│对新获批的国家级平台,给予最高3000万元支持。\n└────────────────┘\n"
            "┌──────┬──────┬──────┐\n│指标  │2024年│2027年│\n├──────┼──────┼──────┤\n"
            "│上云企业数(家)│900│2000│\n└──────┴──────┴──────┘\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    got = sorted((t.name, int(t.value), t.year) for t in d.targets)
    assert got == [("上云企业数", 2000, 2027), ("备案临床试验机构", 80, 2027), ("建设省级创新中心", 5, 2027)]
    for t in d.targets:
        assert "│" not in t.name and "|" not in t.name


def test_an_undated_plans_table_of_its_own_years_holds_milestones():
    text = ("某区科技企业培育三年行动计划\n(2026—2028年)\n截至2025年底,全区高新技术企业180家。\n"
            "序号  指标名称      单位  2026年  2027年  2028年  责任单位\n1     高新技术企业  家    200     230     260     科技局\n")
    d = extract_text(text, registry())
    (t,) = d.targets
    assert (int(t.value), t.year, {y: int(v) for y, v in t.milestones.items()}) == (260, 2028, {2026: 200, 2027: 230})


def _wrapped(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` (a Chinese character two), as a PDF wraps them."""
    lines, line, width = [], "", 0
    for ch in text:
        w = 2 if ord(ch) > 0x2e80 else 1
        if width + w > columns:
            lines.append(line)
            line, width = "", 0
        line, width = line + ch, width + w
    return [*lines, line]


def test_a_pdf_copy_wrapped_at_one_width_is_read_across_its_line_ends():
    from policygap.extract.text import wrap_width

    para = ("到2027年，全市科技创新能力显著增强，创新主体不断壮大，创新生态持续优化，"
            "高新技术企业数量达到800家，持证技术经纪人达到120名，新增省级以上研发平台30个，"
            "科技型中小企业评价入库数量达到1500家，全社会研发经费投入强度达到2.6%以上。")
    before = "为加快建设区域科技创新中心，推动经济社会高质量发展，结合我市实际，制定本方案。本方案自印发之日起施行。"
    lines = [line for t in (before, para) for line in _wrapped(t, 68)]
    text = "\n".join(lines) + "\n（二）加强组织领导。\n"
    assert wrap_width(text) is not None
    got = sorted(int(t.value) for t in targets(text) if t.unit != "%")
    assert got == [30, 120, 800, 1500]
    # a text of paragraphs, one a line, is read line by line as before
    assert wrap_width(para + "\n" + para[:50] + "。\n") is None


def test_a_table_row_in_a_unit_policygap_does_not_know_is_kept_as_a_comment_and_a_use_falls():
    text = ("指标\t单位\t2022年\t2027年\n单位地区生产总值能耗\t吨标准煤/万元\t0.52\t0.44\n"
            "可再生能源装机容量\t万千瓦\t30\t90\n高新技术企业\t家\t300\t500\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    assert [(t.name, int(t.value)) for t in d.targets] == [("高新技术企业", 500)]
    got = sorted((t.name, str(t.value), t.unit, t.comparator) for t in d.unresolved)
    assert got == [("单位地区生产总值能耗", "0.44", "吨标准煤/万元", "<="), ("可再生能源装机容量", "90", "万千瓦", ">=")]


def test_a_firm_qualified_by_its_revenue_a_definition_and_a_part_in_a_table_are_read_as_such():
    got = [(t.name, int(t.value), t.unit) for t in targets("到2027年,营业收入超百亿元企业达到4家,培育产业集群3个。")]
    assert got == [("营业收入超百亿元企业", 4, "家"), ("培育产业集群", 3, "个")]
    t = one("到2030年,打造3个五百亿级产业集群。五百亿级产业集群是指集群内企业年营业收入合计达到500亿元以上。")
    assert (int(t.value), t.unit) == (3, "个")
    text = ("序号  指标名称          单位  2023年  2027年\n1     研发平台总数      个    60      90\n"
            "2     其中：省级研发平台  个    12      20\n到2027年,研发平台总数达到90个,其中省级研发平台达到20个。\n")
    d = extract_text(HEAD + text + SIGNED, registry())
    assert sorted((t.name, int(t.value)) for t in d.targets) == [("研发平台总数", 90), ("研发平台总数中省级研发平台", 20)]


def test_a_tables_span_cells_bracketed_names_and_stated_base_column():
    text = ("自2025年3月1日起施行。\n"
            "指标\t单位\t2025年（基数）\t2027年\t2030年\n全社会研发经费投入年均增长\t%\t〔11.2〕\t—\t〔10以上〕\n"
            "垂直起降点（场）\t个\t42\t110\t150\n低空航线\t条\t18\t80\t120\n高新技术企业\t家\t300\t400\t500\n")
    d = extract_text(text, registry())
    got = sorted((t.name, int(t.value), t.unit, {y: int(v) for y, v in t.milestones.items()})
                 for t in [*d.targets, *d.unresolved])
    assert got == [("低空航线", 120, "条", {2027: 80}), ("垂直起降点(场)", 150, "个", {2027: 110}),
                   ("高新技术企业", 500, "家", {2027: 400})]
    assert sorted((b.name, int(b.value), b.period) for b in d.baselines)[-1] == ("高新技术企业", 300, "2025")


def test_a_wrapped_line_opening_with_a_stop_and_an_applicants_conditions_over_several_sentences():
    filler = "为加快建设区域科技创新中心，推动经济社会高质量发展，结合我市实际，制定本方案。" * 6
    para = ("到2027年，全市备案新型研发机构达到150家，其中省级以上新型研发机构达到40家\n"
            "、力争达到45家；新型研发机构研发人员总数突破1万人。")
    rules = "申请备案的新型研发机构应具备以下条件：具有独立法人资格；年度研发经费支出占年收入总额比重不低于25%；研发人员不少于20人。"
    text = "\n".join([*_wrapped(filler, 62), para, rules]) + "\n"
    d = extract_text(HEAD + text + SIGNED, registry())
    t = next(t for t in d.targets if int(t.value) == 40)
    assert t.stretch == 45
    assert all(int(t.value) not in (25, 20) for t in [*d.targets, *d.unresolved])


def test_a_rule_applied_in_principle_is_no_target():
    text = "到2027年,引导基金规模达到20亿元,对子基金出资比例原则上不超过25%,新引进项目亩均税收原则上不低于20万元。"
    assert [(int(t.value), t.unit) for t in targets(text)] == [(20, "亿元")]
