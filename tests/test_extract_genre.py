"""Rules of the genre added for text shapes the first rules missed: 为 as a
value, a figure right after its measure, verbs and comparators of rising,
funds and grants, 双100% and 双双, quoted programme names, undated present
figures, lists that continue without their verb, sub-areas and durations.
Every sentence here is made up for the test; none comes from a policy text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_extract_rules import HEAD, SIGNED, figures, one, registry, targets
from policygap.extract import draft as D
from policygap.extract import extract_text
from policygap.extract import parse as P
from policygap.extract.registry import Registry

# --------------------------------------------------------------------------
# 为 before the number, and a figure right after the name of its measure


def test_wei_states_a_value_in_a_sentence_with_a_year():
    got = figures("到2027年,全县规上企业数为320家,新产品产值占比为18.5%,技术交易额为42亿元。")
    assert got == [("技术交易额", "42", "亿元", 2027), ("新产品产值占比", "18.5", "%", 2027),
                   ("规上企业数", "320", "家", 2027)]


def test_wei_reads_as_at_least_and_is_reviewed():
    t = one("到2027年,孵化器在孵企业数为260家。")
    assert (t.comparator, t.value) == (">=", 260)
    assert any("comparator" in r for r in t.review)


@pytest.mark.parametrize("body", [
    "一批企业被认定为5家领军企业之一。",       # 认定为
    "把园区划分为3个片区推进建设。",           # 分为 (划分为)
    "每个项目的支持额度为80万元。",            # no year in the sentence
    "到2027年,努力成为3家头部企业的配套基地。",  # 成为
])
def test_wei_that_is_no_value(body):
    assert targets(body) == []


def test_wei_in_the_present_is_a_base_value():
    d = extract_text("某某市科技创新行动方案\n截至目前,全市孵化器数为41家。\n某某市科学技术局\n2024年3月1日\n",
                     Registry())
    assert d.targets == []
    assert [(b.name, b.value) for b in d.baselines] == [("孵化器数", 41)]


def test_a_measure_right_before_its_figure_in_a_sentence_with_a_year():
    got = figures("到2026年,每万人高价值发明专利拥有量6件,软件业务收入年均增长12%,占服务业比重30%。")
    assert ("每万人高价值发明专利拥有量", "6", "件/万人", 2026) in got
    assert ("软件业务收入占服务业比重", "30", "%", 2026) in got
    assert len(got) == 3


@pytest.mark.parametrize("body", [
    "全县孵化器在孵企业数量160家。",          # no year: a description, not a commitment
    "到2026年,推进12个项目总投资额80亿元。",   # a verb reads it, not the bare rule (投资)
])
def test_a_bare_figure_needs_a_year_and_a_measure_name(body):
    assert all(t.name != "孵化器在孵企业数量" for t in targets(body))
    assert all("投资" not in t.name or t.value != 80 for t in targets(body))


# --------------------------------------------------------------------------
# Verbs and comparators of rising


def test_verbs_and_comparators_of_rising():
    got = figures("到2026年,开发首台套装备12个,争创省级工程研究中心4家,"
                  "数字产业增加值占比跃升到11%,技术合同登记额上升至65亿元,"
                  "科技企业孵化面积扩大到30万平方米。")
    values = {(v, u) for _n, v, u, _y in got}
    assert values == {("12", "个"), ("4", "家"), ("11", "%"), ("65", "亿元"), ("300000", "平方米")}


def test_a_development_zone_is_no_verb_of_doing():
    # 开发 of products is a verb; 开发区 is a place, and its income here has no cue.
    assert targets("经济开发区营业收入360亿元。") == []


# --------------------------------------------------------------------------
# Funds and grants are instruments, not figures to reach


@pytest.mark.parametrize("body", [
    "到2027年,设立规模不少于20亿元科技成果转化基金。",
    "到2027年,入选团队每年可获得300万元经费支持。",
    "到2027年,对首次认定的企业给予最高30万元奖励。",
])
def test_a_fund_or_a_grant_is_no_target(body):
    assert targets(body) == []


def test_money_that_is_a_target_stays_one():
    t = one("到2027年,全社会研发经费投入不少于20亿元。")
    assert (t.value, t.unit) == (20, "亿元")


# --------------------------------------------------------------------------
# Two names, one figure


def test_double_percent_is_one_target_for_each_name():
    got = figures("到2026年,实现规上工业企业研发机构和研发活动覆盖率双100%。")
    assert got == [("研发活动覆盖率", "100", "%", 2026), ("规上工业企业研发机构覆盖率", "100", "%", 2026)]


@pytest.mark.parametrize("word", ["双双突破", "均达到"])
def test_two_names_sharing_one_figure(word):
    got = figures(f"到2026年,瞪羚企业和雏鹰企业{word}150家。")
    assert [(n, v) for n, v, _u, _y in got] == [("瞪羚企业", "150"), ("雏鹰企业", "150")]


def test_one_name_with_jun_stays_one_target():
    assert [n for n, *_ in figures("到2026年,新型研发机构均达到20家。")] == ["新型研发机构"]


# --------------------------------------------------------------------------
# A programme named in quotes


def test_a_quoted_doubling_is_a_programme_name():
    got = figures("到2026年,深入实施科技型企业“倍增”行动,科技型中小企业达到760家。")
    assert got == [("科技型中小企业", "760", "家", 2026)]


def test_an_unquoted_doubling_is_still_a_target():
    t = one("到2026年,科技型中小企业数量翻一番。")
    assert (t.kind, t.value) == ("multiple", Decimal(2))


# --------------------------------------------------------------------------
# The present without a year: 截至11月20日, 已完成, a year's results reported

UNDATED = "某某市科技工作要点\n"


def HEAD_DATED(body: str) -> str:  # noqa: N802 - a text: head, body, signature (2024年3月1日)
    return HEAD + body + SIGNED


def test_a_date_without_a_year_is_the_present():
    d = extract_text(HEAD_DATED("截至10月底,全市新增科技型中小企业210家。今年,新增科技型中小企业300家。"), registry())
    assert [(t.name, t.value, t.year) for t in d.targets] == [("科技型中小企业", 300, 2024)]
    assert d.baselines == []  # 210 added so far is no count held: not a base value of the stock


def test_done_already_is_the_present_whatever_the_year():
    d = extract_text(HEAD_DATED("年内已建成中试基地4个。到2026年,建成中试基地10个。"), registry())
    assert [(t.value, t.year) for t in d.targets] == [(10, 2026)]
    assert [b.value for b in d.baselines] == [4]


def test_already_recognised_as_a_qualifier_is_no_present():
    d = extract_text(HEAD_DATED("到2026年,推动已认定的科技型中小企业中60家成长为高新技术企业。"), registry())
    assert [(t.value, t.year) for t in d.targets] == [(60, 2026)]


def test_an_undated_report_of_a_year_gives_base_values():
    body = ("2023年,全市新增高新技术企业95家,比上年增长12%,技术合同成交额达到61亿元。\n"
            "2024年,全市新增高新技术企业120家,技术合同成交额达到75亿元。\n")
    d = extract_text(UNDATED + body, registry())
    assert sorted((t.value, t.year) for t in d.targets) == [(75, 2024), (120, 2024)]
    assert sorted(b.value for b in d.baselines if b.unit != "%") == [61]  # 新增95家 is no count held


def test_an_undated_year_without_report_words_sets_targets():
    body = "2023年,全市新增高新技术企业95家。\n2024年,全市新增高新技术企业120家。\n"
    d = extract_text(UNDATED + body, registry())
    assert [(t.value, t.year, t.milestones) for t in d.targets] == [(120, 2024, {2023: 95})]
    assert d.baselines == []


# --------------------------------------------------------------------------
# A list that goes on without its verb


def test_a_clause_of_a_name_and_its_figure_continues_the_list():
    got = figures("到2026年,培育省级专精特新企业70家,创新型中小企业260家,单项冠军企业3家。")
    assert sorted(v for _n, v, _u, _y in got) == ["260", "3", "70"]


def test_a_clause_with_more_words_after_its_figure_is_no_list_item():
    got = figures("到2026年,培育省级专精特新企业70家,园区企业200家入驻标准厂房。")
    assert [v for _n, v, _u, _y in got] == ["70"]


# --------------------------------------------------------------------------
# Two areas with the same figure are two targets, not a restatement


def test_two_areas_with_the_same_growth_rate_stay_two_targets():
    got = figures("到2026年,北岸片区规上工业增加值年均增长8%。南岸片区规上工业增加值年均增长8%。")
    assert [n for n, *_ in got] == ["北岸片区规上工业增加值", "南岸片区规上工业增加值"]


def test_a_restatement_of_one_area_is_still_one_target():
    got = figures("到2026年,北岸片区规上工业增加值年均增长8%。到2026年,北岸片区规上工业增加值年均增长8%。")
    assert len(got) == 1


def test_a_reported_year_stays_past_in_the_rest_of_its_paragraph():
    body = ("2023年,全市科技工作保持了良好势头。2023年全市技术合同成交额预计达到52亿元。\n"
            "到2025年,技术合同成交额达到80亿元。\n")
    d = extract_text(UNDATED + body, registry())
    assert [(t.value, t.year, t.milestones) for t in d.targets] == [(80, 2025, {})]
    assert [b.value for b in d.baselines] == [52]


# --------------------------------------------------------------------------
# Names the clause leaves to the one before; a name, a colon, its figure


def test_a_growth_rate_after_a_level_is_of_the_same_name():
    got = figures("到2026年,技术合同登记额达到45亿元,年均增长18%。")
    assert got == [("技术合同登记额", "18", "%", 2026), ("技术合同登记额", "45", "亿元", 2026)]


def test_a_total_after_an_increase_is_the_total_of_that_name():
    got = figures("到2026年,新增挂牌企业4家,总数达到15家。")
    assert ("挂牌企业总数", "15", "家", 2026) in got


def test_a_name_a_colon_and_its_figure_in_a_sentence_with_a_year():
    got = figures("到2026年主要指标:科技企业孵化器数量:24家;规上企业研发费用占比:3.5%。")
    assert got == [("科技企业孵化器数量", "24", "家", 2026), ("规上企业研发费用占比", "3.5", "%", 2026)]


def test_a_colon_without_a_year_gives_nothing():
    assert targets("各县区基本情况:科技企业孵化器数量:24家。") == []


# --------------------------------------------------------------------------
# 百 and 千 alone after a verb of doing


def test_a_lone_hundred_after_a_verb_of_doing_counts():
    got = figures("到2026年,组织实施百项关键核心技术攻关项目,培育千家创新型中小企业。")
    assert sorted((v, u) for _n, v, u, _y in got) == [("100", "项"), ("1000", "家")]


@pytest.mark.parametrize("body", ["到2026年,培育百强企业。", "到2026年,科技服务走进千家万户。"])
def test_a_lone_hundred_as_a_word_is_no_number(body):
    assert targets(body) == []


def test_numbered_indicators_with_colons_under_a_year():
    body = "二、主要目标\n到2026年,主要指标如下:\n1.众创空间数量:36家。\n2.企业研发费用加计扣除额:12亿元。\n"
    got = figures(body)
    assert got == sorted([("众创空间数量", "36", "家", 2026), ("企业研发费用加计扣除额", "12", "亿元", 2026)])


# --------------------------------------------------------------------------
# From the present to a target in one sentence


def test_from_the_present_to_a_target():
    d = extract_text(HEAD_DATED("到2026年,省级工程技术研究中心由目前的42家增加到60家。"), registry())
    assert [(t.value, t.year) for t in d.targets] == [(60, 2026)]
    assert [(b.value, b.period) for b in d.baselines] == [(42, "2024-02")]


def test_on_the_present_base_is_no_present():
    t = one("到2026年,科技型中小企业数量在现有基础上翻一番,达到1400家。")
    assert (t.name, t.value) == ("科技型中小企业数量", 1400)


def test_a_target_takes_the_name_of_the_base_value_before_it():
    d = extract_text(HEAD_DATED("全市现有新型研发机构18家,到2026年达到30家。"), registry())
    assert [(t.name, t.value, t.year) for t in d.targets] == [("新型研发机构", 30, 2026)]
    assert [b.value for b in d.baselines] == [18]


# --------------------------------------------------------------------------
# The terms of a measure are no targets


@pytest.mark.parametrize("body", [
    "到2026年,对年营业收入首次突破2亿元的企业,给予一次性奖励。",      # a condition (对…的企业)
    "到2026年,实施关键技术攻关,单个项目每年不超过150万元。",          # money per project
    "到2026年,每家企业支持资金不低于80万元。",                      # a grant's size
])
def test_conditions_and_grant_terms_are_no_targets(body):
    assert all(not t.unit.endswith("元") for t in targets(body))


def test_what_listed_projects_cost_is_no_target():
    got = figures("到2026年,建设产业创新项目16个,总投资35亿元。")
    assert [(v, u) for _n, v, u, _y in got] == [("16", "个")]


def test_a_comparator_before_de_still_makes_a_target_outside_a_condition():
    # 达到120家的规模: not opened by 对, so the figure stays a target.
    t = one("到2026年,规上高新技术企业达到120家的规模。")
    assert t.value == 120


def test_a_figure_saying_which_items_are_counted_is_no_target():
    got = figures("到2026年,招引总投资3000万元以上项目24个。")
    assert [(v, u) for _n, v, u, _y in got] == [("24", "个")]


def test_a_group_named_by_its_rank_is_no_rank_target():
    got = figures("到2026年,营收前50强企业研发投入增长12%,区域创新能力进入全省前8名行列。")
    assert sorted((v, u) for _n, v, u, _y in got) == [("12", "%"), ("8", "位")]


# --------------------------------------------------------------------------
# A headline over a duration restating a dated target


def test_a_duration_headline_restating_a_dated_target_is_one_target():
    text = ("某某县数字经济行动计划\n用三年时间,数字经济核心产业营业收入突破90亿元。\n"
            "到2025年,数字经济核心产业营业收入突破90亿元。\n某某县人民政府\n2021年6月1日\n")
    d = extract_text(text, registry())
    assert [(t.value, t.year) for t in d.targets] == [(90, 2025)]
    assert any("用三年时间" in n for n in d.targets[0].notes)


def test_a_duration_target_alone_keeps_its_year():
    text = "某某县数字经济行动计划\n用三年时间,数字经济核心产业营业收入突破90亿元。\n某某县人民政府\n2021年6月1日\n"
    d = extract_text(text, registry())
    assert [(t.value, t.year) for t in d.targets] == [(90, 2024)]


# --------------------------------------------------------------------------
# The document's own place in a name is the whole region


def test_the_own_place_of_the_title_in_a_name_folds_with_the_plain_name():
    text = ("青石新区创新驱动三年行动方案(2025—2027年)\n到2027年,青石新区瞪羚企业突破90家。\n"
            "到2027年,科技型中小企业突破400家、瞪羚企业突破90家。\n青石新区管委会\n2025年2月1日\n")
    d = extract_text(text, registry())
    assert d.title == "青石新区创新驱动三年行动方案(2025—2027年)"
    assert sorted((t.name, t.value) for t in d.targets) == [("瞪羚企业", 90), ("科技型中小企业", 400)]


def test_another_place_in_a_name_is_kept():
    text = "青石新区创新驱动三年行动方案\n到2027年,北湖片区瞪羚企业突破30家。\n青石新区管委会\n2025年2月1日\n"
    d = extract_text(text, registry())
    assert [t.name for t in d.targets] == ["北湖片区瞪羚企业"]


@pytest.mark.parametrize("so_far", ["今年以来", "1—9月", "前三季度", "上半年", "一至八月"])
def test_figures_so_far_this_year_are_the_present(so_far):
    d = extract_text(HEAD_DATED(f"{so_far},全市新增科技型中小企业230家。今年,新增科技型中小企业400家。"), registry())
    assert [(t.value, t.year) for t in d.targets] == [(400, 2024)]
    assert d.baselines == []  # the present, not a target; and 230 added is no count held


def test_a_place_heading_names_the_area_of_the_targets_beneath_it():
    body = ("三、各片区目标\n(一)北岸片区\n到2026年,规上工业增加值年均增长8%。\n"
            "(二)南岸片区\n到2026年,规上工业增加值年均增长8%。\n(三)建设创新示范区\n到2026年,新型研发机构达到12家。\n")
    got = figures(body)
    assert sorted(n for n, *_ in got) == ["北岸片区规上工业增加值", "南岸片区规上工业增加值", "新型研发机构"]


# --------------------------------------------------------------------------
# 力争 after a growth rate, 累计 after 每年, 万人


def test_a_stretch_in_another_unit_after_a_growth_rate_is_a_target_of_its_own():
    got = figures("到2026年,软件业务收入年均增长12%以上,力争突破260亿元。")
    assert got == [("软件业务收入", "12", "%", 2026), ("软件业务收入", "260", "亿元", 2026)]


def test_a_stretch_in_the_same_unit_stays_a_stretch():
    t = one("到2026年,软件业务收入达到220亿元,力争突破260亿元。")
    assert (t.value, t.stretch) == (220, 260)


def test_a_cumulative_figure_after_each_year_is_no_yearly_target():
    ts = targets("到2026年,每年新认定瞪羚企业不少于20家,累计培育瞪羚企业120家。")
    assert sorted((t.kind, t.value) for t in ts) == [("annual", 20), ("increase", 120)]


def test_wan_ren_opening_a_name_is_per_ten_thousand_people():
    t = one("到2026年,万人高价值发明专利拥有量达到9件。")
    assert t.unit == "件/万人"


# --------------------------------------------------------------------------
# The small pieces, alone


@pytest.mark.parametrize("body, cue", [
    ("孵化器数为", "为"), ("占比为", "为"), ("成为", None), ("作为", None), ("认定为", None),
    ("每万人发明专利拥有量", "bare"), ("占地区生产总值比重", "bare"), ("项目总投资额", None),
    ("建设孵化器数量", None), ("孵化器", None),
])
def test_year_cue(body, cue):
    assert P._year_cue(body) == cue


@pytest.mark.parametrize("name, parts", [
    ("研发机构和研发活动覆盖率双", ["研发机构覆盖率", "研发活动覆盖率"]),
    ("瞪羚企业和雏鹰企业", ["瞪羚企业", "雏鹰企业"]),
    ("新型研发机构", ["新型研发机构"]),
])
def test_pair_names(name, parts):
    assert P._pair_names(name) == parts


@pytest.mark.parametrize("tail, reported", [
    (",全市技术合同成交额同比增长9%", True),
    (",全市新增企业30家,比上年多5家", True),
    (",全市科技工作取得显著成效", True),
    (",全市新增企业30家。2025年,全市新增企业40家,同比增长", False),  # the report is of the next year
    (",全市新增企业30家,力争达到40家", False),
])
def test_reports_reads_up_to_the_next_year(tail, reported):
    norm = "2024年" + tail
    assert P._reports(norm, len("2024年")) is reported


@pytest.mark.parametrize("name, area", [
    ("东港片区地区生产总值", "东港片区"), ("西湖高新区营业收入", "西湖高新区"),
    ("地区生产总值", None), ("研发投入占地区生产总值比重", None), ("高新技术企业", None),
])
def test_area_of_a_name(name, area):
    assert D._area(name) == area


def test_duration_before_a_quote_is_the_last_time_named():
    text = "力争用三年时间,营业收入突破90亿元。\n到2025年,营业收入突破90亿元。"
    assert D._duration_before(text, text.index("营业收入")) == "用三年时间"
    assert D._duration_before(text, text.rindex("营业收入")) is None


# --------------------------------------------------------------------------
# Support measures around the targets: budgets, grant caps, the share a grant
# is reckoned from, conditions listing several figures


@pytest.mark.parametrize("body", [
    "到2026年,区财政每年安排创新驱动专项资金8000万元。",        # a budget named before its figure
    "到2026年,县财政统筹安排6000万元用于平台建设。",             # 安排 right before the money
    "到2026年,对新建中试基地按设备投资的20%给予补助。",          # the share a grant is reckoned from
    "到2026年,对购买检测服务的费用给予40%补贴。",               # 给予 before a share
    "到2026年,对认定的孵化器给予奖励,单家每年最高80万元。",      # a grant's cap
    "到2026年,单户年度贴息最高20万元。",
    "到2026年,风险补偿资金池规模扩大至3亿元。",
    "到2026年,对新认定的省级、市级研发中心分别给予40万元、15万元奖励。",
    "到2026年,对年主营业务收入首次突破5亿元、20亿元的企业分别奖励30万元、60万元。",
])
def test_support_measures_are_no_targets(body):
    assert targets(body) == []


def test_a_target_beside_a_grant_is_kept():
    got = figures("到2026年,新增省级研发中心12家,对新认定的省级研发中心给予最高50万元奖励。")
    assert got == [("省级研发中心", "12", "家", 2026)]


def test_a_telephone_number_is_no_plan_period():
    """0571-8890 3321 is no span of years: the targets keep the text's year."""
    d = extract_text(HEAD + "今年高新技术企业达到420家。\n联系电话:0571-8890 3321。" + SIGNED, registry())
    assert [(t.value, t.year) for t in d.targets] == [(420, 2024)]


# --------------------------------------------------------------------------
# A place to keep or reach, an outlook's year, a share named again


@pytest.mark.parametrize("body, name, value", [
    ("到2027年,全县科技进步综合评价保持全市第一。", "科技进步综合评价全市排名", 1),
    ("到2027年,园区在全省开发区考核中跃居第三位。", "全省开发区考核排名", 3),
    ("到2027年,创新指数力争进入全国第10名。", "创新指数全国排名", 10),
])
def test_a_place_to_keep_or_reach_is_a_rank_target(body, name, value):
    t = one(body)
    assert (t.kind, t.comparator, t.name, float(t.value), t.year) == ("rank", "<=", name, value, 2027)


@pytest.mark.parametrize("body", [
    "到2027年,全市科技创新水平进入全国第一方阵。",    # a group, not a place
    "到2027年,举办第三届创新创业大赛。",              # an edition
    "2023年,全县科技进步综合评价位居全市第二位。",     # where it stands now
])
def test_a_place_that_is_no_rank_target(body):
    assert [t for t in targets(body) if t.kind == "rank"] == []


def test_an_outlook_year_dates_its_figures():
    got = figures("到2025年,研发投入强度达到2.6%。展望2035年,研发投入强度达到3.2%左右。")
    assert ("研发投入强度", "3.2", "%", 2035) in got


def test_an_outlook_to_the_end_of_a_five_year_plan_dates_its_figures():
    got = figures("到2025年,研发投入强度达到2.6%。展望“十五五”末,研发投入强度达到3.3%左右。")
    assert ("研发投入强度", "3.3", "%", 2030) in got


def test_this_share_names_the_share_before_it_across_a_semicolon():
    got = figures("到2025年,数字经济核心产业增加值占GDP比重达到8%;到2027年,这一比重达到9.5%。")
    assert {(n, v, y) for n, v, _, y in got} >= {("数字经济核心产业增加值占GDP比重", "9.5", 2027)}
    assert not any(n.startswith("这一") for n, *_ in got)


# --------------------------------------------------------------------------
# Numbers typed with spaces


@pytest.mark.parametrize("raw, clean", [
    ("达到3 200家", "达到3200家"),            # thousands grouped by a space
    ("12 500 000元", "12500000元"),
    ("新增2 4 0家", "新增240家"),             # digits typed apart
    ("新增 2 4 0 家", "新增240家"),
    ("2025 2027", "2025 2027"),              # two figures stay two
    ("0571-8890 3321", "0571-8890 3321"),    # a telephone number
    ("第1 2名", "第1 2名"),                   # two digits alone: not sure, left
])
def test_spaces_inside_a_number(raw, clean):
    from policygap.extract.text import clean as clean_text

    assert clean_text(raw)[0] == clean


# --------------------------------------------------------------------------
# Tables: a digit inside a name, a dash for a base, a unit with a magnitude


TABLE_DASH = """某某市数字经济行动方案
到2027年主要指标如下。
序号
指标名称
单位
2022年
2025年
2027年
属性
1
每万人拥有5G基站数
个
14
22
30
预期性
2
累计上云企业数
家
—
3000
5000
预期性
3
光纤入户家庭数
万户
40
60
75
预期性
某某市人民政府
2023年5月6日
"""


def test_a_table_row_with_a_digit_in_its_name_and_a_dash_for_its_base():
    d = extract_text(TABLE_DASH, Registry())
    got = {t.name: (float(t.value), t.year, {y: float(v) for y, v in t.milestones.items()}) for t in d.targets}
    assert got["每万人拥有5G基站数"] == (30, 2027, {2025: 22})
    assert got["累计上云企业数"] == (5000, 2027, {2025: 3000})
    assert not any(b.name == "累计上云企业数" for b in d.baselines)  # the dash is no base


def test_a_second_figure_of_a_proposed_indicator_in_another_unit_is_converted():
    """50万户 in the text proposes an indicator in 户; the table's 万户 column
    is converted into it, not copied (75 户 would be 10,000 times too few)."""
    text = TABLE_DASH.replace("到2027年主要指标如下。", "截至2022年底,光纤入户家庭数40万户。到2027年主要指标如下。")
    d = extract_text(text, Registry())
    t = next(t for t in d.targets if t.name.startswith("光纤入户家庭"))
    unit_factor = {"户": 10000, "万户": 1}[t.unit]
    assert (float(t.value) / unit_factor, {y: float(v) / unit_factor for y, v in t.milestones.items()}) == \
        (75, {2025: 60})


# --------------------------------------------------------------------------
# A duration before its verb, a comparator shared by a list, a project list


def test_a_duration_before_a_verb_dates_the_figure_from_the_document():
    """三年引进 in a plan signed 2024-03-01: by 2027 (a three-year plan)."""
    got = figures("三年引进创新团队20个、青年人才400名以上。")
    assert got == [("引进创新团队", "20", "个", 2027), ("青年人才", "400", "名", 2027)]


def test_a_duration_in_a_paragraph_about_the_past_is_no_target():
    body = "“十三五”期间,全市创新能力稳步提升。五年新增省级平台16个,累计达到43个。"
    assert targets(body) == []


def test_the_comparator_at_the_end_of_a_list_covers_each_item():
    ts = targets("到2026年,培育科技型企业300家、专精特新企业60家以上。")
    assert sorted((float(t.value), t.comparator) for t in ts) == [(60, ">="), (300, ">=")]
    assert not any("no comparator" in r for t in ts for r in t.review)


def test_a_project_list_is_a_scope_of_works_not_targets():
    text = (HEAD + "到2026年,新增省级研发中心12家。\n专栏 重点项目\n序号\n项目名称\n建设内容\n总投资(亿元)\n"
            "1\n某某算力中心\n新建标准机架6000架\n30\n2\n某某创新园\n总建筑面积20万平方米\n12\n"
            "三、保障措施\n到2026年,建成孵化器5个。" + SIGNED)
    got = sorted((t.name, float(t.value)) for t in extract_text(text, registry()).targets)
    assert got == [("建成孵化器", 5), ("省级研发中心", 12)]


# --------------------------------------------------------------------------
# An interim year inside a target's clause, a section's year, 明年, the level
# a rise comes to, more conditions and budgets, 前三 without 名


def test_an_interim_year_holds_only_its_clause():
    got = figures("到2026年,研发人员达到9万人,其中2025年达到8万人;新建重点实验室12家。")
    assert ("新建重点实验室", "12", "家", 2026) in got
    assert not any(y == 2025 and v == "12" for _, v, _, y in got)


def test_a_heading_year_dates_its_section():
    text = ("某某县人民政府工作报告\n2024年1月10日\n一、今后五年目标\n到2028年,高新技术企业达到300家。\n"
            "二、2024年重点工作\n(一)壮大创新主体。全年新增高新技术企业40家,新建省级研发平台6个。\n")
    got = sorted((t.name, float(t.value), t.year) for t in extract_text(text, registry()).targets)
    assert ("新增高新技术企业", 40, 2024) in got or ("高新技术企业", 40, 2024) in got
    assert any(v == 6 and y == 2024 for _, v, y in got)
    assert any(v == 300 and y == 2028 for _, v, y in got)


def test_a_past_heading_year_dates_nothing():
    text = "某某县人民政府工作报告\n2024年1月10日\n一、2023年工作回顾\n新增高新技术企业35家。\n"
    assert extract_text(text, registry()).targets == []


def test_next_year_is_the_year_after_the_document():
    assert [(float(t.value), t.year) for t in targets("力争明年技术合同成交额突破60亿元。")] == [(60, 2025)]


def test_the_level_a_rise_in_points_comes_to_is_one_target():
    (t,) = targets("到2026年,科技成果本地转化率提高8个百分点、达到40%。")
    assert (t.kind, float(t.value), t.unit) == ("share", 40, "%")


@pytest.mark.parametrize("body", [
    "到2026年,对年综合能耗3000吨标准煤以上的企业开展节能诊断。",
    "到2026年,对营业收入超过5000万元且研发投入占比超过4%的企业给予支持。",
    "到2026年,园区每年安排不少于2亿元的科技创新专项资金。",
    "到2026年,对引进的博士、硕士分别给予每年4万元、1.5万元生活补贴。",
])
def test_more_support_measures_are_no_targets(body):
    assert targets(body) == []


def test_top_three_without_a_measure_word_is_a_rank():
    (t,) = targets("到2026年,全县创新能力进入全市前三。")
    assert (t.kind, t.comparator, float(t.value)) == ("rank", "<=", 3)


def test_value_added_is_no_increase():
    """增加值 is value added, a level: 增加 inside it is not 新增."""
    (t,) = targets("到2026年,数字经济核心产业增加值达到420亿元。")
    assert (t.kind, float(t.value)) == ("level", 420)


def test_a_review_heading_dates_nothing_and_a_plan_heading_its_year():
    text = ("某某市科学技术局2023年工作总结和2024年工作计划\n2023年12月20日\n一、2023年工作总结\n"
            "(一)平台建设提速。新获批省级重点实验室6家。\n二、2024年工作计划\n(一)壮大主体。新增高新技术企业120家。\n")
    got = [(float(t.value), t.year) for t in extract_text(text, registry()).targets]
    assert got == [(120, 2024)]


def test_a_number_grouped_by_wan_is_one_number():
    from policygap.extract.text import clean as clean_text

    assert clean_text("吸引毕业生 3 0000 人以上")[0] == "吸引毕业生30000人以上"


def test_a_time_cut_to_a_limit_is_a_cap():
    """办理时限压缩至3个工作日: a time to bring down, at most its figure."""
    got = sorted((t.comparator, float(t.value), t.unit) for t in targets(
        "到2026年,企业开办时间压缩至2个工作日,知识产权纠纷平均办案周期缩短至40天。"))
    assert got == [("<=", 2, "个工作日"), ("<=", 40, "天")]


def test_a_later_year_inside_a_dated_section_holds_for_its_sentence_only():
    text = ("某某市科学技术局2024年工作计划\n2024年1月5日\n一、2024年主要目标\n"
            "技术合同成交额突破80亿元,力争到2026年达到120亿元;新增高新技术企业150家。\n")
    got = sorted((float(t.value), t.year) for t in extract_text(text, registry()).targets)
    assert (150, 2024) in got and (80, 2024) in got
    assert not any(v == 150 and y == 2026 for v, y in got)
