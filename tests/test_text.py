"""`--format text`: the sentence a planner pastes into a report, for every
kind of target, with the numbers worked out by hand below.

KINDS_TARGETS / KINDS_BASELINES are one small data set with a target of
every kind and every status; the other export tests use it too.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIRMS_HEAD, examples
from policygap.assess import OUTPUT_FIELDS
from policygap.render import fmt, text
from policygap.schema import NOTE_ZH

AS_OF = "2024-06"

KINDS_TARGETS = """\
regions:
  anshan: {name: 鞍山市, aliases: [鞍山, Anshan], parent: liaoning, name_en: Anshan}
  liaoning: {name: 辽宁省, aliases: [辽宁], name_en: Liaoning}
indicators:
  hitech_firms: {name: 高新技术企业数量, unit: 家, direction: up, name_en: high-tech enterprises}
  tech_smes: {name: 科技型中小企业数量, unit: 家, direction: up, name_en: tech SMEs}
  gazelles: {name: 瞪羚企业数量, unit: 家, direction: up, name_en: gazelle firms}
  talent: {name: 引进人才数量, unit: 人, direction: up, name_en: talent attracted}
  patents: {name: 每万人口高价值发明专利拥有量, unit: 件/万人, direction: up, name_en: patents per 10k people}
  rd_spending: {name: 全社会研发经费投入, unit: 亿元, direction: up, measure: flow, name_en: gross R&D spending}
  rd_intensity: {name: 研发投入强度, unit: "%", direction: up, name_en: R&D intensity}
  platforms: {name: 省级科技创新平台数量, unit: 个, direction: up, name_en: provincial platforms}
  contracts: {name: 技术合同成交额, unit: 亿元, direction: up, measure: flow, name_en: technology contracts}
  zone_rank: {name: 高新区全国排位, unit: 位, direction: down, name_en: high-tech zone rank}
  output: {name: 高新技术产业产值, unit: 亿元, direction: up, name_en: high-tech output}
  lab: {name: 重点实验室建设, unit: "", direction: up, name_en: key laboratory built}
  centre: {name: 中试基地建设, unit: "", direction: up, name_en: pilot base built}
documents:
  doc-a: {region: anshan, title: 科技人才专项行动工作方案, number: 鞍科办〔2023〕18号, issued: "2023-08-03"}
  doc-b: {region: anshan, title: 创新提升工程实施方案, issued: "2023-07-25"}
  doc-l: {region: liaoning, title: 辽宁方案, issued: "2023-01-10"}
targets:
  - {id: a-level, region: anshan, indicator: hitech_firms, kind: level, comparator: ">=", value: 600, year: 2025,
     milestones: {2023: 500}, stretch: 650, source: {document: doc-a, clause: 一(四), quote: 高新技术企业达到600家、力争650家}}
  - {id: a-growth, region: anshan, indicator: rd_spending, kind: growth_rate, comparator: ">=", value: 10, year: 2025,
     base: {period: "2022"}, source: {document: doc-a, quote: 研发投入年均增长10%}}
  - {id: a-share, region: anshan, indicator: rd_intensity, kind: share, comparator: ">=", value: 2, year: 2025,
     base: {period: "2022"}, source: {document: doc-b, quote: 研发投入强度达到2%}}
  - {id: a-increase, region: anshan, indicator: platforms, kind: increase, comparator: ">=", value: 25, year: 2025,
     base: {period: "2022"}, source: {document: doc-a, quote: 新增25个省级科技创新平台}}
  - {id: a-annual, region: anshan, indicator: contracts, kind: annual, comparator: ">=", value: 100, year: 2025,
     from: 2024, source: {document: doc-b, quote: 每年技术合同成交额100亿元以上}}
  - {id: a-rank, region: anshan, indicator: zone_rank, kind: rank, comparator: "<=", value: 50, year: 2025,
     base: {period: "2022"}, source: {document: doc-b, quote: 全国排位前50名}}
  - {id: a-relative, region: anshan, indicator: rd_intensity, kind: relative, comparator: ">", reference: liaoning,
     year: 2025, base: {period: "2022"}, source: {document: doc-b, quote: 研发投入强度超过全省平均水平}}
  - {id: a-multiple, region: anshan, indicator: output, kind: multiple, comparator: ">=", value: 2, year: 2025,
     base: {period: "2020"}, source: {document: doc-b, quote: 高新技术产业产值实现翻番}}
  - {id: a-milestone, region: anshan, indicator: lab, kind: milestone, year: 2024,
     source: {document: doc-b, quote: 重点实验室建设任务全部完成}}
  - {id: a-done, region: anshan, indicator: centre, kind: milestone, year: 2025,
     source: {document: doc-b, quote: 中试基地建成}}
  - {id: a-achieved, region: anshan, indicator: tech_smes, kind: level, comparator: ">=", value: 120, year: 2025,
     base: {period: "2022"}, source: {document: doc-a, quote: 科技型中小企业达到120家}}
  - {id: a-nodata, region: anshan, indicator: gazelles, kind: level, comparator: ">=", value: 50, year: 2025,
     source: {document: doc-a, quote: 瞪羚企业达到50家}}
  - {id: a-missed, region: anshan, indicator: patents, kind: level, comparator: ">=", value: 10, year: 2023,
     base: {period: "2021"}, source: {document: doc-b, quote: 每万人口高价值发明专利拥有量达到10件}}
  - {id: a-offtrack, region: anshan, indicator: talent, kind: level, comparator: ">=", value: 2000, year: 2025,
     base: {period: "2022"}, source: {document: doc-a, quote: 引进人才2000人}}
  - {id: l-share, region: liaoning, indicator: rd_intensity, kind: share, comparator: ">=", value: 2.5, year: 2025,
     base: {period: "2022"}, source: {document: doc-l, quote: 研发投入强度达到2.5%}}
"""

KINDS_BASELINES = """\
region,indicator,period,value,unit,source
anshan,hitech_firms,2022,473,家,x
anshan,hitech_firms,2023,520,家,x
anshan,hitech_firms,2024-04,495,家,x
anshan,tech_smes,2022,100,家,x
anshan,tech_smes,2024-03,130,家,x
anshan,talent,2022,1000,人,x
anshan,talent,2024-04,1050,人,x
anshan,patents,2021,8,件/万人,x
anshan,patents,2023,9,件/万人,x
anshan,rd_spending,2022,20,亿元,x
anshan,rd_spending,2023,21,亿元,x
anshan,rd_intensity,2022,1.6,%,x
anshan,rd_intensity,2023,1.8,%,x
liaoning,rd_intensity,2022,2.1,%,x
liaoning,rd_intensity,2023,2.2,%,x
anshan,platforms,2022,40,个,x
anshan,platforms,2024-03,50,个,x
anshan,contracts,2024-03,30,亿元,x
anshan,zone_rank,2022,60,位,x
anshan,zone_rank,2023,56,位,x
anshan,output,2020,100,亿元,x
anshan,output,2023,150,亿元,x
anshan,lab,2024-02,0,,x
anshan,centre,2024-05,1,,x
"""

# Statuses at AS_OF (worked out in the sentences below).
KINDS_STATUS = {
    "a-level": "behind", "a-growth": "behind", "a-share": "ahead", "a-increase": "on_track",
    "a-annual": "on_track", "a-rank": "on_track", "a-relative": "behind", "a-multiple": "on_track",
    "a-milestone": "on_track", "a-done": "achieved", "a-achieved": "achieved", "a-nodata": "no_data",
    "a-missed": "missed", "a-offtrack": "off_track", "l-share": "on_track",
}


@pytest.fixture
def kinds(data):
    """The data set above, as --targets/--baselines arguments."""
    t, b = data(KINDS_TARGETS, KINDS_BASELINES)
    return ["--targets", t, "--baselines", b, "--as-of", AS_OF]


def sentences(run, kinds, *args):
    r = run("status", "--all", "--format", "text", *kinds, *args)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    return r.stdout


# Each sentence with the arithmetic behind its numbers.
EXPECTED_ZH = [
    # 473 (2022) -> 495 (2024-04) -> 600 (2025): progress 22/127 = 17.3%;
    # 序时进度 16/36 months = 44.4%; gap -27.1; (600/495)^(12/20) - 1 = 12.2%.
    # The 2023 figure 520 met the 2023 milestone of 500.
    "高新技术企业数量：2025年目标600家（力争650家），现495家（2024年4月），完成进度17.3%，"
    "低于序时进度27.1个百分点，今后需年均增长12.2%，2023年阶段目标500家已完成。",
    # 20 x 1.1^3 = 26.62; progress 1/6.62 = 15.1%; compound 序时进度
    # (1.1 - 1)/(1.331 - 1) = 30.2% (路径进度; 序时进度 1/3); actual 21/20 - 1 = 5.0%;
    # required sqrt(26.62/21) - 1 = 12.6%.
    "全社会研发经费投入：目标年均增长10%（2025年达到26.62亿元），现21亿元（2023年），实际年均增长5.0%，"
    "完成进度15.1%，低于路径进度15.1个百分点，今后需年均增长12.6%。",
    # 1.6 -> 1.8 -> 2: progress 0.2/0.4 = 50%; 序时进度 1/3; +16.7;
    # (2 - 1.8)/2 years = 0.1 points a year.
    "研发投入强度：2025年目标2%，现1.8%（2023年），完成进度50.0%，超序时进度16.7个百分点，"
    "今后需年均提高0.1个百分点。",
    # 40 + 25 = 65; added 10: 40%; 序时进度 15/36 = 41.7%; -1.7;
    # 15 still to add in 21 months: 15/1.75 = 8.57 a year.
    "省级科技创新平台数量：2025年目标较2022年新增25个，已新增10个（2024年3月），完成进度40.0%，"
    "低于序时进度1.7个百分点，今后需年均新增8.57个。",
    # 2024: 30 by March of 100: 30%; 3/12 = 25%; +5.0; 70 still needed.
    "技术合同成交额：目标每年100亿元，2024年1—3月完成30亿元，完成进度30.0%，超序时进度5.0个百分点，"
    "年内尚需70亿元。",
    # 60 -> 56 -> 50: 4/10 = 40%; 1/3; +6.7; (50 - 56)/2 = -3: three places up a year.
    "高新区全国排位：2025年目标进入前50位，现第56位（2023年），完成进度40.0%，超序时进度6.7个百分点，"
    "今后需年均前移3位。",
    # gap to 辽宁: -0.5 (2022) -> -0.4 (2023) -> 0: 20%; 1/3; -13.3; 0.4/2 = 0.2 a year.
    "研发投入强度：2025年目标超过辽宁省，现1.8%，辽宁省2.2%（2023年），完成进度20.0%，"
    "低于序时进度13.3个百分点，今后需年均缩小差距0.2个百分点。",
    # 100 (2020) x 2 = 200; 150: 50%; compound 序时进度 2^(3/5) - 1 = 51.6%;
    # -1.6 points against that path (路径进度); sqrt(200/150) - 1 = 15.5%.
    "高新技术产业产值：2025年目标较2020年翻番（200亿元），现150亿元（2023年），完成进度50.0%，"
    "低于路径进度1.6个百分点，今后需年均增长15.5%。",
    "重点实验室建设：目标2024年完成，尚未完成。",
    "中试基地建设：目标2025年完成，已完成。",
    "科技型中小企业数量：2025年目标120家，现130家（2024年3月），已完成。",
    # no figure before the document was issued (2023-08-03)
    "瞪羚企业数量：2025年目标50家，无数据（缺少文件印发前的基期数据）。",
    # 8 (2021) -> 9 (2023) of 10 by 2023, and 2023 is over: 10 - 9 = 1 short.
    "每万人口高价值发明专利拥有量：2023年目标10件/万人，现9件/万人（2023年），未完成，差1件/万人。",
    # 1000 -> 1050 -> 2000: 5%; 44.4%; -39.4; (2000/1050)^(12/20) - 1 = 47.2%.
    "引进人才数量：2025年目标2000人，现1050人（2024年4月），完成进度5.0%，低于序时进度39.4个百分点，"
    "今后需年均增长47.2%。",
]


def test_every_kind_reads_right_in_chinese(run, kinds):
    out = sentences(run, kinds)
    blocks = out.split("\n\n")
    assert len(blocks) == 2  # a blank line between regions
    anshan = blocks[0].splitlines()
    assert anshan[0] == "鞍山市"
    assert anshan[1:] == EXPECTED_ZH
    # 2.1 -> 2.2 -> 2.5: 25%; 1/3; -8.3; 0.3/2 = 0.15 a year.
    assert blocks[1] == ("辽宁省\n研发投入强度：2025年目标2.5%，现2.2%（2023年），完成进度25.0%，"
                         "低于序时进度8.3个百分点，今后需年均提高0.15个百分点。\n")
    assert out.endswith("。\n") and not out.endswith("\n\n")


def test_english_sentences(run, kinds):
    lines = sentences(run, kinds, "--lang", "en").splitlines()
    assert lines[0] == "Anshan"
    assert lines[1] == ("high-tech enterprises: target ≥600家 by 2025 (stretch 650家); latest 495家 (2024-04); "
                        "progress 17.3%, 27.1 points behind time elapsed; needs growth of 12.2% a year from now on; "
                        "2023 milestone 500家 achieved.")
    assert lines[3] == ("R&D intensity: target ≥2% by 2025; latest 1.8% (2023); progress 50.0%, "
                        "16.7 points ahead of time elapsed; needs +0.1 pts a year from now on.")
    assert lines[5] == ("technology contracts: target each year ≥100亿元 in 2024; 30亿元 done in 2024 so far "
                        "(2024-03); progress 30.0%, 5.0 points ahead of time elapsed; 70亿元 still needed this year.")
    assert lines[6].endswith("needs to move up 3 places a year from now on.")
    assert "gazelle firms: target ≥50家 by 2025; no data (no figure before the document was issued)." in lines
    assert "patents per 10k people: target ≥10件/万人 by 2023; latest 9件/万人 (2023); missed, short by 1件/万人." in lines
    assert "tech SMEs: target ≥120家 by 2025; latest 130家 (2024-03); achieved." in lines
    assert not any("：" in line or "，" in line for line in lines)  # no Chinese punctuation


def test_embedded_anshan_hitech_sentence(run):
    """The issue's example, on the embedded data."""
    r = run("status", "anshan", "--format", "text", "--as-of", "2024-06")
    assert r.exit_code == 0 and r.stderr == ""
    assert ("高新技术企业数量：2025年目标600家，现495家（2024年4月），完成进度17.3%，低于序时进度27.1个百分点，"
            "今后需年均增长12.2%。") in r.stdout.splitlines()


def test_filters_apply_to_text(run, kinds):
    out = sentences(run, kinds, "--kind", "share")
    assert out.count("。") == 2 and "研发投入强度：2025年目标2%" in out and "研发投入强度：2025年目标2.5%" in out
    out = sentences(run, kinds, "--status", "missed,no_data")
    assert out.splitlines()[1:] == [EXPECTED_ZH[11], EXPECTED_ZH[12]]
    out = sentences(run, kinds, "--document", "doc-l")
    assert out.splitlines()[0] == "辽宁省"


def test_no_rows_gives_empty_text(run, kinds):
    r = run("status", "liaoning", "--format", "text", "--status", "missed", *kinds)
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == ""


# --------------------------------------------------------------------------
# One sentence at a time: boundaries and wording that the data set above
# does not reach.


def row(**values):
    rec = dict.fromkeys(OUTPUT_FIELDS)
    rec.update(region="anshan", target_id="t", indicator="hitech_firms", name="高新技术企业数量", unit="家",
               kind="level", comparator=">=", base_period="2022", base_value=100.0, latest_period="2023",
               latest_value=110.0, target_year=2025, target_value=130.0, goal_value=130.0, status="on_track",
               stale=False, provisional=False, progress=1 / 3, expected_progress=1 / 3, gap_points=0.0,
               required_annual_growth=(130 / 110) ** 0.5 - 1, name_en="high-tech enterprises")
    rec.update(values)
    return rec


@pytest.mark.parametrize("gap, words", [
    (0.0, "与序时进度持平"),
    (0.04, "与序时进度持平"),   # rounds to 0.0
    (-0.04, "与序时进度持平"),
    (0.06, "超序时进度0.1个百分点"),
    (-0.06, "低于序时进度0.1个百分点"),
    (10.0, "超序时进度10.0个百分点"),
    (-30.0, "低于序时进度30.0个百分点"),
])
def test_gap_wording_at_boundaries(gap, words):
    s = text.sentence(row(gap_points=gap), "zh")
    assert f"完成进度33.3%，{words}，" in s


def test_level_with_gap_zero_reads_level():
    # 100 -> 110 -> 130: 1/3 done after 1 of 3 years; sqrt(130/110) - 1 = 8.7%.
    assert text.sentence(row(), "zh") == ("高新技术企业数量：2025年目标130家，现110家（2023年），完成进度33.3%，"
                                          "与序时进度持平，今后需年均增长8.7%。")
    assert text.sentence(row(), "en").endswith("progress 33.3%, level with time elapsed; "
                                               "needs growth of 8.7% a year from now on.")


def test_comparators_in_words():
    assert "2025年目标超过130家" in text.sentence(row(comparator=">"))
    assert "2025年目标不超过130家" in text.sentence(row(comparator="<="))
    assert "2025年目标低于130家" in text.sentence(row(comparator="<"))
    assert "2025年目标130家左右" in text.sentence(row(comparator="~"))


def test_flags_for_provisional_and_old_figures():
    s = text.sentence(row(provisional=True, stale=True), "zh", stale_months=12)
    assert "现110家（2023年，初步数，数据已超过12个月）" in s
    s = text.sentence(row(provisional=True, stale=True), "en", stale_months=6)
    assert "latest 110家 (2023, provisional, older than 6 months)" in s


def test_decline_needed():
    # An indicator that must fall (energy use): growth below zero reads 下降.
    s = text.sentence(row(latest_value=130.0, target_value=117.0, goal_value=117.0, comparator="<=",
                          required_annual_growth=-0.05), "zh")
    assert s.endswith("今后需年均下降5.0%。")
    assert text.sentence(row(required_annual_growth=-0.05), "en").endswith("needs a decline of 5.0% a year from now on.")


def test_share_falling_and_level_without_growth():
    s = text.sentence(row(kind="share", unit="%", required_annual_growth=None, required_annual_change=-0.25), "zh")
    assert s.endswith("今后需年均降低0.25个百分点。")
    # growth undefined (a base of zero): the change per year in the unit
    s = text.sentence(row(required_annual_growth=None, required_annual_change=10.0), "zh")
    assert s.endswith("今后需年均增加10家。")


def test_achieved_with_stretch():
    s = text.sentence(row(status="achieved", stretch_value=150.0, stretch_status="behind"), "zh")
    assert s == "高新技术企业数量：2025年目标130家（力争150家），现110家（2023年），已完成，力争目标尚未完成。"
    s = text.sentence(row(status="achieved", stretch_value=150.0, stretch_status="achieved"), "zh")
    assert s.endswith("已完成，力争目标亦已完成。")


def test_no_data_with_unknown_or_no_note():
    nothing = dict(latest_value=None, required_annual_growth=None, required_annual_change=None)
    assert text.sentence(row(status="no_data", note=None, **nothing), "zh") == "高新技术企业数量：2025年目标130家，无数据。"
    # a target without a base still shows its latest figure and what it now requires
    assert text.sentence(row(status="no_data", note=None), "zh") == \
        "高新技术企业数量：2025年目标130家，现110家（2023年），无数据，今后需年均增长8.7%。"
    assert text.sentence(row(status="no_data", note="something new", **nothing), "zh").endswith("无数据（something new）。")
    for note, words in NOTE_ZH.items():
        assert text.sentence(row(status="no_data", note=note, **nothing), "zh").endswith(f"无数据（{words}）。")


def test_missed_milestone_and_large_numbers():
    s = text.sentence(row(kind="milestone", status="missed", unit=""), "zh")
    assert s == "高新技术企业数量：目标2025年完成，未按期完成。"
    # Chinese report numbers carry no thousands separators.
    s = text.sentence(row(target_value=12500.0, goal_value=12500.0, latest_value=10250.5), "zh")
    assert "2025年目标12500家，现10250.5家" in s
    assert "target ≥12,500家" in text.sentence(row(target_value=12500.0), "en")


# 四舍五入 as written in decimal, the way a statistician checks a row by hand:
# 68.75 → 68.8 and −16.25 → −16.3 (round half to even would give −16.2, so
# that 52.5% − 68.8% would not read as the gap beside it).
@pytest.mark.parametrize("call, expect", [
    (lambda: fmt.percent(0.6875, 1), "68.8%"),
    (lambda: fmt.percent(-0.1625, 1), "−16.3%"),
    (lambda: fmt.percent(0.00005, 1), "0.0%"),
    (lambda: fmt.points(-16.25), "−16.3"),
    (lambda: fmt.points(-16.249999999999996), "−16.3"),  # (0.525 − 0.6875) × 100 in floating point
    (lambda: fmt.points(16.25), "+16.3"),
    (lambda: fmt.points(-0.04), "±0.0"),
    (lambda: fmt.number(2.675, 2), "2.68"),
    (lambda: fmt.number(-2.675, 2), "−2.68"),
    (lambda: fmt.number(42.33335), "42.3334"),
    (lambda: fmt.number(1234.5, 0), "1,235"),
])
def test_figures_are_rounded_half_up(call, expect):
    assert call() == expect


def _figures_near_ties():
    """Decimal figures a table shows, exactly at a tie, or one float step or
    a little noise off it, of every size: what the shortcut must not get wrong."""
    from hypothesis import strategies as st

    written = st.builds(lambda n, k, sign: sign * n / 10 ** k, st.integers(0, 10**13), st.integers(0, 9),
                        st.sampled_from([1, -1]))
    nudged = st.builds(lambda x, steps: __import__("math").nextafter(x, x + steps) if steps else x,
                       written, st.integers(-2, 2))
    noisy = st.builds(lambda x, e: x * (1 + e), written, st.sampled_from([1e-16, -1e-16, 3e-15, -3e-15, 1e-13]))
    return st.one_of(written, nudged, noisy, st.floats(allow_nan=True, allow_infinity=True))


@given(x=_figures_near_ties(), decimals=st.integers(0, 6), scale=st.sampled_from([1, 100]))
@settings(max_examples=examples(20))
def test_the_rounding_shortcut_agrees_with_the_decimal_rule(x, decimals, scale):
    """fmt.half_up skips the decimal arithmetic away from a tie: it must give
    what the rule (half_up_exact) gives for every figure."""
    fast, exact = fmt.half_up(x, decimals, scale), fmt.half_up_exact(x, decimals, scale)
    assert fast == exact or (fast != fast and exact != exact)


FALL_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  energy: {name: 单位地区生产总值能耗, unit: 吨标准煤/万元, direction: down, measure: stock}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
  - {id: energy-fall, region: x, indicator: energy, kind: growth_rate, comparator: "<=", value: -4, year: 2026,
     base: {period: "2022"}, source: {document: d}}
"""
FALL_BASELINES = "region,indicator,period,value,unit,source\nx,energy,2022,0.6,吨标准煤/万元,x\nx,energy,2024,0.56,吨标准煤/万元,x\n"


def test_a_fall_of_at_least_4_percent_reads_as_a_fall(run, data):
    """能耗年均下降4%: growth ≤ −4%. Hand-worked: V = 0.6 × 0.96^4 = 0.5096; progress
    (0.56 − 0.6)/(0.5096 − 0.6) = 44.25%; 路径进度 (0.96^2 − 1)/(0.96^4 − 1) = 52.04%; gap −7.8
    → 符合序时; actual (0.56/0.6)^(1/2) − 1 = −3.39%; required (0.5096/0.56)^(1/2) − 1 = −4.61%.
    The gap shown is that of the figures shown: 44.3 − 52.0 = −7.7."""
    t, b = data(FALL_TARGETS, FALL_BASELINES)
    args = ("--targets", t, "--baselines", b, "--as-of", "2025-06", "--lang", "zh")
    sentence = run("status", "x", *args, "-f", "text").stdout
    assert "目标年均下降4%" in sentence and "不超过" not in sentence
    assert "实际年均下降3.4%" in sentence and "今后需年均下降4.6%" in sentence and "低于路径进度7.7个百分点" in sentence
    row = next(x for x in run("status", "x", *args).stdout.splitlines() if x.startswith("单位地区生产总值能耗"))
    assert "年均下降≥4%" in row and "44.3%" in row and "52.0%§" in row and "−7.7" in row and "符合序时" in row


STRICT_TARGETS = FIRMS_HEAD + """\
  - {id: beyond, region: x, indicator: firms, kind: level, comparator: ">", value: 70, year: 2026,
     source: {document: d, quote: 高新技术企业突破70家}}
"""
STRICT_BASELINES = "region,indicator,period,value,unit,source\nx,firms,2022,50,家,x\nx,firms,2026-09,70,家,x\n"


def test_a_target_to_exceed_sitting_on_its_value_still_needs_to_pass_it(run, data, monkeypatch):
    """突破70家 with 70 now: the required growth is 0 by measure, yet 70 does
    not meet it; no output may say that nothing more is needed."""
    monkeypatch.setenv("POLICYGAP_LANG", "zh")
    t, b = data(STRICT_TARGETS, STRICT_BASELINES)
    args = ("--targets", t, "--baselines", b, "--as-of", "2026-10")
    row = run("status", "x", *args, "-f", "json").json()[0]
    assert row["status"] != "achieved" and row["required_annual_change"] == 0
    assert "需超过70家" in run("status", "x", *args).stdout
    sentence = run("status", "x", *args, "-f", "text").stdout
    assert "尚需超过70家" in sentence and "尚需增长0.0%" not in sentence
    assert "需超过70家" in run("explain", "x", "beyond", *args).stdout
    assert "must exceed 70家" in run("status", "x", *args, "-f", "text", "--lang", "en").stdout


def test_a_target_to_fall_below_sitting_on_its_value_is_not_reached_in_that_year(run, data):
    """低于0.45 with 0.45 in 2025 and a falling pace: passed only after 2025,
    so the goal is reached at that pace in 2026, not 2025; with no movement, never."""
    targets = STRICT_TARGETS.replace('comparator: ">", value: 70', 'comparator: "<", value: 0.45').replace(
        "direction: up", "direction: down")
    rows = "region,indicator,period,value,unit,source\nx,firms,2022,0.52,家,x\nx,firms,2025,0.45,家,x\n"
    t, b = data(targets, rows)
    row = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-06", "-f", "json").json()[0]
    assert row["status"] != "achieved" and row["projected_year"] == 2026
    flat = "region,indicator,period,value,unit,source\nx,firms,2022,0.45,家,x\nx,firms,2025,0.45,家,x\n"
    t, b = data(targets, flat)
    row = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-06", "-f", "json").json()[0]
    assert row["projected_year"] is None


def test_a_cap_already_within_its_limit_is_given_a_limit_not_a_need():
    """A yearly flow capped at 100吨, 96吨 last year, judged on next year's
    figure: (100/96)^(1/1) − 1 = 4.17% is how much it may still grow, not a
    growth it needs."""
    r = row(latest_value=96.0, target_value=100.0, goal_value=100.0, comparator="<=", unit="吨",
            required_annual_growth=100 / 96 - 1, required_annual_change=4.0)
    assert text.sentence(r, "zh").endswith("今后年均增长不超过4.2%即可。")
    assert text.sentence(r, "en").endswith("may grow by up to 4.2% a year and still meet it.")
    from policygap.render.words import required_phrase
    assert required_phrase(r, "zh") == "≤+4.2%"
    # an up target already above its goal (a flow of 25 against ≥20): it may fall by up to 20%
    up = row(latest_value=25.0, target_value=20.0, goal_value=20.0, comparator=">=",
             required_annual_growth=20 / 25 - 1, required_annual_change=-5.0)
    assert text.sentence(up, "zh").endswith("今后年均下降不超过20.0%即可。")
    assert required_phrase(up, "zh") == "≥−20.0%"


def test_a_capped_flow_so_far_this_year_happened_it_was_not_done():
    """事故 by June against a yearly cap: 2025年1—6月累计3起, not 完成3起."""
    r = row(kind="annual", comparator="<=", unit="起", target_value=8.0, goal_value=8.0, base_value=0.0,
            latest_value=3.0, latest_period="2025-06", target_year=2025, year_to_date=True)
    assert "2025年1—6月累计3起" in text.sentence(r, "zh")


# Found by hand-working the sentences of a made-up county against the docs.

GROWTH_TARGETS = """\
regions:
  x: {name: 某县, aliases: [某, Mouxian]}
  p: {name: 某省}
indicators:
  talent: {name: 人才总量, unit: 人, measure: stock}
  ri: {name: 研发投入强度, unit: "%"}
documents:
  d: {region: x, title: 方案, issued: "2023-03-15"}
targets:
  - {id: g, region: x, indicator: talent, kind: growth_rate, value: 8, year: 2025, source: {document: d}}
  - {id: r, region: x, indicator: ri, kind: relative, reference: p, comparator: ">=", year: 2025, source: {document: d}}
"""
GROWTH_FIGURES = """\
region,indicator,period,value
x,talent,2022,800
x,talent,2024,880
x,ri,2022,1.9
x,ri,2024,2.3
p,ri,2022,2.2
p,ri,2024,2.6
"""


def test_a_computed_goal_is_rounded_in_sentences_as_in_csv(run, data):
    # 800 × 1.08^3 = 1007.7696人: written 1007.77人, as the CSV's goal_value
    t, b = data(GROWTH_TARGETS, GROWTH_FIGURES)
    zh = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-03", "-f", "text", "--kind",
             "growth_rate").stdout
    assert "（2025年达到1007.77人）" in zh and "1007.7696" not in zh


def test_the_gap_in_a_sentence_is_the_tables_gap():
    # progress 0.0% and 序时进度 33.3% as the table shows them: −33.3 in both, whether or not the
    # sentence names 序时进度 (the unrounded −33.33 gives the same; −7.79 from 44.25 and 52.04 gives −7.7)
    s = text.sentence(row(progress=0.0, expected_progress=1 / 3, gap_points=-100 / 3, status="off_track"), "zh")
    assert "低于序时进度33.3个百分点" in s
    s = text.sentence(row(progress=0.4425, expected_progress=0.5204, gap_points=-7.79, status="on_track"), "zh")
    assert "低于序时进度7.7个百分点" in s


def test_english_names_a_region_by_its_latin_alias_and_brackets_in_ascii(run, data):
    t, b = data(GROWTH_TARGETS, GROWTH_FIGURES)
    en = run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-03", "-f", "text", "--lang", "en",
             "--kind", "relative").stdout
    assert en.splitlines()[0] == "Mouxian"
    assert "target ≥ p (2.6%) by 2025" in en and "（" not in en


def test_the_sentence_gives_the_tables_gap_on_real_rows(run, data):
    """700 by 2027 from 495 (2023-06); 570 in 2025-06, as of 2025-07: progress
    75/205 = 36.59% (36.6), 序时进度 2/4.5 = 44.44% (44.4): the table's 差值 is
    36.6 − 44.4 = −7.8, and so is the sentence's (the unrounded −7.86 would read 7.9)."""
    head = FIRMS_HEAD.replace('issued: "2023-03-01"', 'issued: "2023-08-15"')
    t, b = data(head + "  - {id: p, region: x, indicator: firms, kind: level, value: 700, year: 2027, "
                       "source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2023-06,495\nx,firms,2025-06,570\n")
    args = ("status", "x", "--targets", t, "--baselines", b, "--as-of", "2025-07", "--lang", "zh")
    table = run(*args, "--wide").stdout
    assert "36.6%" in table and "44.4%" in table and "−7.8" in table
    assert "完成进度36.6%，低于序时进度7.8个百分点" in run(*args, "-f", "text").stdout


def test_a_sentence_rounds_a_rate_once_as_the_table_does(run, data):
    """Progress (38046 − 10000)/(110000 − 10000) = 28.046%: 28.0% and 22.0
    points below 序时进度 (50.0%) in the sentence as in the table, not 28.1%
    and 21.9 from a fraction already rounded to 0.2805."""
    t, b = data(FIRMS_HEAD + "  - {id: f, region: x, indicator: firms, kind: level, comparator: '>=', value: 110000,"
                             " year: 2025, base: {period: 2021}, source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2021,10000\nx,firms,2023,38046\n")
    args = ["--targets", t, "--baselines", b, "--as-of", "2024-03"]
    said = run("status", "--all", "--format", "text", *args).stdout
    assert "完成进度28.0%，低于序时进度22.0个百分点" in said, said
    table = run("status", "--all", "--wide", *args).stdout
    assert "28.0%" in table and "−22.0" in table


def test_the_provisional_mark_stands_beside_the_provisional_figure(run, data):
    """The base (约1000, 2023) is an estimate, the latest (1100, 2024) is not."""
    t, b = data(FIRMS_HEAD
                + "  - {id: lv, region: x, indicator: firms, kind: level, comparator: '>=', value: 1500, year: 2027,"
                  " base: {period: 2023}, source: {document: d}}\n"
                + "  - {id: inc, region: x, indicator: firms, kind: increase, comparator: '>=', value: 300,"
                  " year: 2027, base: {period: 2023}, source: {document: d}}\n",
                "region,indicator,period,value\nx,firms,2023,约1000\nx,firms,2024,1100\n")
    args = ["--targets", t, "--baselines", b, "--as-of", "2025-07"]
    table = run("status", "--all", "--wide", *args).stdout
    rows = [ln for ln in table.splitlines() if "1,100家" in ln]
    assert len(rows) == 2 and all("1,000家 (2023)*" in r and "1,100家 (2024)*" not in r for r in rows), table
    said = run("status", "--all", "--format", "text", *args).stdout
    assert "现1100家（2024年）" in said  # the latest figure is no estimate
    assert "已新增100家（2024年，初步数）" in said  # the amount added is counted from the estimate
    explained = run("explain", "x", "lv", *args).stdout
    base_line, latest_line = [ln for ln in explained.splitlines() if ln.lstrip().startswith(("B ", "L "))][:2]
    assert "初步数" in base_line and "初步数" not in latest_line


MULTIPLE_STRETCH = FIRMS_HEAD + """\
  - id: m1
    region: x
    indicator: firms
    kind: multiple
    comparator: ">="
    value: 2
    stretch: 2.5
    milestones: {2024: 1.4}
    base: {period: "2022"}
    year: 2026
    source: {document: d, quote: "翻一番，力争2.5倍"}
  - id: g1
    region: x
    indicator: firms
    kind: growth_rate
    comparator: ">="
    value: 10
    stretch: 12
    base: {period: "2022"}
    year: 2026
    source: {document: d, quote: "年均增长10%，力争12%"}
"""


def test_a_multiples_stretch_and_milestone_are_multiples_of_its_base_not_amounts(run, data):
    # base 100家 (2022): 翻番 = 200家; 力争2.5倍 = 2.5 × 100 = 250家, not "2.5家";
    # the 2024 milestone 1.4倍 = 140家, met by 150.
    t, b = data(MULTIPLE_STRETCH, "region,indicator,period,value\nx,firms,2022,100\nx,firms,2024,150\nx,firms,2025,170\n")
    args = ("status", "x", "--targets", t, "--baselines", b, "--as-of", "2026-03")
    zh = run(*args, "-f", "text").stdout
    assert "力争2.5倍（250家）" in zh and "2024年阶段目标1.4倍（140家）已完成" in zh
    assert "力争2.5家" not in zh and "阶段目标1.4家" not in zh
    assert "力争12%" in zh  # a growth target's stretch stays a rate
    en = run(*args, "-f", "text", "--lang", "en").stdout
    assert "stretch ×2.5 (250家)" in en and "2024 milestone ×1.4 (140家)" in en
    table = run(*args, "-f", "table").stdout
    assert "力争2.5倍（250家）" in table and "力争2.5家" not in table
    explained = run("explain", "x", "m1", "--targets", t, "--baselines", b, "--as-of", "2026-03").stdout
    assert "2024: 1.4×" in explained and "2.5×" in explained and "2.5家" not in explained
