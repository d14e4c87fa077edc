"""Every target kind against values worked out by hand.

Each test writes a small targets file and observations file, assesses them
through the library, and compares with arithmetic written out in the test.
"""

from __future__ import annotations

import math
import textwrap

import pytest

from policygap import dataset, periods
from policygap.assess import Options, assess

HEAD = """\
regions:
  r: {name: 甲市, aliases: [甲]}
  ref: {name: 乙省}
indicators:
  firms: {name: 高新技术企业数量, unit: 家}
  rd: {name: 研发投入, unit: 亿元, measure: flow}
  intensity: {name: 研发投入强度, unit: "%"}
  platforms: {name: 省级平台数量, unit: 个}
  breakthroughs: {name: 攻克产业技术, unit: 项, measure: flow}
  projects: {name: 科技创新项目, unit: 项, measure: flow}
  zone_rank: {name: 高新区排名, unit: 位, direction: down}
  gdp: {name: 地区生产总值, unit: 亿元, measure: flow}
  lab: {name: 重点实验室重组, unit: ""}
  contracts: {name: 技术合同成交额, unit: 亿元, measure: flow}
documents:
  d: {region: r, title: 方案, issued: "2023-08-03"}
targets:
"""

CSV_HEAD = "region,indicator,period,value,unit,source,provisional\n"


def assess_text(tmp_path, targets: str, rows: str, as_of: str, **opts):
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_text(HEAD + textwrap.indent(textwrap.dedent(targets), "  "), encoding="utf-8")
    b.write_text(CSV_HEAD + textwrap.dedent(rows), encoding="utf-8")
    ds = dataset.load(t, b)
    result = assess(ds, Options(as_of=periods.parse_as_of(as_of), **opts))
    by_id = {r["target_id"]: r for r in result.rows.to_dict("records")}
    return by_id, result.checkpoints


def test_level(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n", "2024-06")
    a = rows["a"]
    assert a["required_annual_growth"] == pytest.approx((600 / 495) ** (1 / (20 / 12)) - 1)
    assert a["actual_annual_growth"] == pytest.approx((495 / 473) ** (12 / 16) - 1)
    assert a["planned_annual_growth"] == pytest.approx((600 / 473) ** (1 / 3) - 1)
    assert a["progress"] == pytest.approx(22 / 127)
    assert a["expected_progress"] == pytest.approx(16 / 36)
    assert a["gap_points"] == pytest.approx((22 / 127 - 16 / 36) * 100)
    assert a["required_annual_change"] == pytest.approx(105 / (20 / 12))
    assert a["actual_annual_change"] == pytest.approx(22 / (16 / 12))
    # At the pace so far (16.5 a year) 2025 ends at 495 + 16.5 × 20/12 = 522.5,
    # and 600 is reached 105/16.5 = 6.36 years after April 2024: in 2030.
    assert a["projected_value"] == pytest.approx(522.5)
    assert a["projected_year"] == 2030
    assert a["status"] == "behind"
    # International measure: achieved ÷ planned growth.
    assert a["cagr_ratio"] == pytest.approx(a["actual_annual_growth"] / a["planned_annual_growth"])
    assert a["cagr_category"] == "limited"


def test_growth_rate_is_compound_from_pinned_base(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: g, region: r, indicator: rd, kind: growth_rate, value: 9, year: 2025, base: {period: "2021"}, source: {document: d}}
    """, "r,rd,2021,24.4,,,\nr,rd,2023,27.0,,,\n", "2024-06")
    g = rows["g"]
    goal = 24.4 * 1.09 ** 4
    assert g["goal_value"] == pytest.approx(goal)
    assert g["target_value"] == 9
    assert g["actual_annual_growth"] == pytest.approx((27.0 / 24.4) ** 0.5 - 1)
    # growth now required over the last two years for the 4-year average to be 9%
    assert g["required_annual_growth"] == pytest.approx((goal / 27.0) ** 0.5 - 1)
    assert g["progress"] == pytest.approx((27.0 - 24.4) / (goal - 24.4))
    # 序时进度 is time elapsed, 2/4; the compound path's share (路径进度),
    # which the status uses: (1.09² − 1)/(1.09⁴ − 1)
    assert g["expected_progress"] == pytest.approx(0.5)
    assert g["path_progress"] == pytest.approx((1.09 ** 2 - 1) / (1.09 ** 4 - 1))
    # 2.6/10.04 = 0.259 against 0.457: −19.8 points, behind
    assert g["gap_points"] == pytest.approx(-19.8, abs=0.05)
    assert g["status"] == "behind"


def test_growth_rate_on_its_planned_path_is_on_track(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: g, region: r, indicator: rd, kind: growth_rate, value: 9, year: 2025, base: {period: "2021"}, source: {document: d}}
    """, f"r,rd,2021,100,,,\nr,rd,2023,{100 * 1.09 ** 2!r},,,\n", "2024-06")
    assert rows["g"]["gap_points"] == pytest.approx(0, abs=1e-9)
    assert rows["g"]["status"] == "on_track"


def test_share_moves_in_points(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: s, region: r, indicator: intensity, kind: share, comparator: ">=", value: 2.0, year: 2025, source: {document: d}}
    """, "r,intensity,2022,1.5,,,\nr,intensity,2024,1.7,,,\n", "2025-03")
    s = rows["s"]
    assert s["progress"] == pytest.approx(0.2 / 0.5)
    assert s["expected_progress"] == pytest.approx(2 / 3)
    assert s["required_annual_change"] == pytest.approx(0.3)  # 百分点 a year
    assert s["actual_annual_change"] == pytest.approx(0.1)
    # percent growth of a percentage is not reported
    assert s["required_annual_growth"] is None or math.isnan(s["required_annual_growth"])
    assert s["actual_annual_growth"] is None or math.isnan(s["actual_annual_growth"])
    assert s["status"] == "behind"  # 40% vs 66.7%: −26.7 points


def test_increase_of_a_stock(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: i, region: r, indicator: platforms, kind: increase, value: 25, year: 2025, source: {document: d}}
    """, "r,platforms,2023-07,173,,,\nr,platforms,2024-12,185,,,\n", "2025-01")
    i = rows["i"]
    assert i["goal_value"] == 198
    assert i["progress"] == pytest.approx(12 / 25)
    # 2023-07 to 2025-12 is 29 months; 17 of them elapsed at 2024-12
    assert i["expected_progress"] == pytest.approx(17 / 29)
    assert i["status"] == "behind"  # −10.6 points


def test_increase_as_sum_of_flows_with_year_to_date(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: c, region: r, indicator: breakthroughs, kind: increase, value: 25, year: 2025, from: 2023, source: {document: d}}
    """, "r,breakthroughs,2023,8,,,\nr,breakthroughs,2024,9,,,\nr,breakthroughs,2025-06,4,,,\n", "2025-06")
    c = rows["c"]
    assert c["latest_value"] == 21  # 8 + 9 + 4
    assert c["base_value"] == 0
    assert c["progress"] == pytest.approx(21 / 25)
    assert c["expected_progress"] == pytest.approx(2.5 / 3)
    assert c["status"] == "on_track"


def test_increase_as_flows_never_skips_a_missing_year(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: c, region: r, indicator: breakthroughs, kind: increase, value: 25, year: 2025, from: 2023, source: {document: d}}
    """, "r,breakthroughs,2023,8,,,\nr,breakthroughs,2025,9,,,\n", "2026-01")
    c = rows["c"]
    # 2024 is unknown: the sum is known only to the end of 2023.
    assert c["latest_period"] == "2023"
    assert c["latest_value"] == 8


def test_annual_flow_each_year_on_its_own(tmp_path):
    rows, cp = assess_text(tmp_path, """
        - {id: y, region: r, indicator: projects, kind: annual, comparator: "~", value: 100, year: 2027, from: 2024, source: {document: d}}
    """, "r,projects,2024,98,,,\nr,projects,2025-06,45,,,\n", "2025-06")
    years = cp[cp["target_id"] == "y"].set_index("cp_year")
    assert years.loc[2024, "status"] == "achieved"  # 98 is within 100 ± 5%
    assert years.loc[2026, "status"] == "no_data"
    y = rows["y"]
    assert y["target_year"] == 2025  # the latest year with a figure
    assert y["progress"] == pytest.approx(0.45)
    assert y["expected_progress"] == pytest.approx(0.5)  # 6 months of 12
    assert y["status"] == "on_track"
    assert y["checkpoints"] == "2024:100:achieved;2025:100:on_track;2026:100:no_data;2027:100:no_data"


def test_annual_rise_of_a_stock(tmp_path):
    rows, cp = assess_text(tmp_path, """
        - {id: y, region: r, indicator: firms, kind: annual, value: 200, year: 2027, from: 2024, counting: stock, source: {document: d}}
    """, "r,firms,2023,1800,,,\nr,firms,2024,1990,,,\nr,firms,2025-06,2080,,,\n", "2025-06")
    years = cp[cp["target_id"] == "y"].set_index("cp_year")
    assert years.loc[2024, "status"] == "missed"  # rose 190 < 200
    assert years.loc[2025, "goal_value"] == 2190
    assert years.loc[2025, "progress"] == pytest.approx(90 / 200)
    assert years.loc[2025, "status"] == "on_track"
    # the row answers for the missed year
    assert rows["y"]["status"] == "missed" and rows["y"]["note"] == "a past year was missed: 2024"


def test_every_missed_past_year_is_named_in_order(tmp_path):
    """Two 每年 targets, one missing 2024 and 2025, one only 2025: each row
    names its own years, earliest first."""
    rows, _ = assess_text(tmp_path, """
        - {id: y, region: r, indicator: firms, kind: annual, value: 200, year: 2027, from: 2024, counting: stock, source: {document: d}}
        - {id: z, region: ref, indicator: firms, kind: annual, value: 100, year: 2027, from: 2024, counting: stock, source: {document: d}}
    """, "r,firms,2023,1800,,,\nr,firms,2024,1990,,,\nr,firms,2025,2100,,,\nr,firms,2026-06,2150,,,\n"
         "ref,firms,2023,500,,,\nref,firms,2024,610,,,\nref,firms,2025,650,,,\nref,firms,2026-06,700,,,\n", "2026-06")
    assert rows["y"]["status"] == "missed" and rows["y"]["note"] == "a past year was missed: 2024, 2025"
    assert rows["z"]["status"] == "missed" and rows["z"]["note"] == "a past year was missed: 2025"


def test_rank_lower_is_better(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: k, region: r, indicator: zone_rank, kind: rank, comparator: "<=", value: 50, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,zone_rank,2020,45,,,\nr,zone_rank,2022,58,,,\nr,zone_rank,2024,52,,,\n", "2025-01")
    k = rows["k"]
    assert k["progress"] == pytest.approx(6 / 8)
    assert k["expected_progress"] == pytest.approx(2 / 3)
    assert k["required_annual_change"] == pytest.approx(-2)  # climb 2 places a year
    assert k["required_annual_growth"] is None or math.isnan(k["required_annual_growth"])
    # climbing 3 places a year, 50th is reached two-thirds of a year after 2024
    assert k["projected_year"] == 2025
    assert k["status"] == "on_track"


def test_rank_reached(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: k, region: r, indicator: zone_rank, kind: rank, value: 50, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,zone_rank,2022,58,,,\nr,zone_rank,2024,50,,,\n", "2025-01")
    assert rows["k"]["comparator"] == "<="
    assert rows["k"]["status"] == "achieved"


def test_relative_to_reference_region(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2022,1.5,,,\nr,intensity,2024,1.7,,,\nref,intensity,2022,2.0,,,\n"
         "ref,intensity,2024,1.9,,,\nref,intensity,2023,1.95,,,\n", "2025-03")
    v = rows["v"]
    assert v["base_value"] == pytest.approx(1.5)
    assert v["latest_value"] == pytest.approx(1.7)
    assert v["target_value"] == pytest.approx(1.9)  # the reference's figure, same year
    # gap −0.5 at base, −0.2 now: 60% of the shortfall closed
    assert v["progress"] == pytest.approx(0.6)
    assert v["expected_progress"] == pytest.approx(2 / 3)
    assert v["status"] == "on_track"


def test_relative_needs_the_same_period(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2022,1.5,,,\nr,intensity,2024,2.5,,,\nref,intensity,2022,2.0,,,\nref,intensity,2023,1.9,,,\n",
        "2025-03")
    # no common period after the base; the 2023 figure of both was due by
    # 2024-06 and the region has none: overdue
    assert rows["v"]["latest_period"] is None
    assert rows["v"]["status"] == "overdue"


def test_relative_exceeded(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2022,1.5,,,\nr,intensity,2024,2.0,,,\nref,intensity,2022,2.0,,,\nref,intensity,2024,2.0,,,\n",
        "2025-03")
    # equal is not 超过
    assert rows["v"]["status"] != "achieved"


def test_multiple_doubling(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: m, region: r, indicator: gdp, kind: multiple, value: 2, year: 2025, base: {period: "2020"}, source: {document: d}}
    """, "r,gdp,2020,1000,,,\nr,gdp,2023,1400,,,\n", "2024-03")
    m = rows["m"]
    assert m["goal_value"] == 2000
    assert m["progress"] == pytest.approx(0.4)
    assert m["expected_progress"] == pytest.approx(3 / 5)  # time elapsed
    assert m["path_progress"] == pytest.approx(2 ** 0.6 - 1)  # compound path, which the status uses
    assert m["status"] == "behind"  # 40 − 51.57 = −11.6 points
    assert m["cagr_ratio"] == pytest.approx((1.4 ** (1 / 3) - 1) / (2 ** 0.2 - 1))
    assert m["cagr_category"] == "moderate"  # 0.80


def test_method_sdg_uses_the_growth_ratio(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: m, region: r, indicator: gdp, kind: multiple, value: 2, year: 2025, base: {period: "2020"}, source: {document: d}}
    """, "r,gdp,2020,1000,,,\nr,gdp,2023,1400,,,\n", "2024-03", method="sdg")
    assert rows["m"]["status"] == "behind"  # moderate progress
    rows, _ = assess_text(tmp_path, """
        - {id: m, region: r, indicator: gdp, kind: multiple, value: 2, year: 2025, base: {period: "2020"}, source: {document: d}}
    """, "r,gdp,2020,1000,,,\nr,gdp,2023,1500,,,\n", "2024-03", method="sdg")
    # (1.5^(1/3) − 1)/(2^(1/5) − 1) = 0.9599 ≥ 0.95: substantial
    assert rows["m"]["cagr_category"] == "substantial"
    assert rows["m"]["status"] == "on_track"


@pytest.mark.parametrize("obs, as_of, status", [
    ("r,lab,2024,0,,,\n", "2025-01", "on_track"),
    ("r,lab,2024,0,,,\nr,lab,2025-03,1,,,\n", "2025-06", "achieved"),
    ("r,lab,2025,0,,,\n", "2026-03", "missed"),
    # the year is over, the last figure (2024) said not yet: unknown, not on track
    ("r,lab,2024,0,,,\n", "2026-03", "no_data"),
    ("", "2025-01", "no_data"),
])
def test_milestone(tmp_path, obs, as_of, status):
    rows, _ = assess_text(tmp_path, """
        - {id: l, region: r, indicator: lab, kind: milestone, year: 2025, source: {document: d}}
    """, obs, as_of)
    assert rows["l"]["status"] == status


def test_interim_milestone_and_stretch(tmp_path):
    rows, cp = assess_text(tmp_path, """
        - {id: s, region: r, indicator: firms, kind: level, value: 1300, year: 2025, milestones: {2023: 1000}, stretch: 1500, source: {document: d}}
    """, "r,firms,2022,979,,,\nr,firms,2023,1010,,,\nr,firms,2024,1100,,,\n", "2025-01")
    s = rows["s"]
    assert (s["milestone_year"], s["milestone_value"], s["milestone_status"]) == (2023, 1000, "achieved")
    assert s["progress"] == pytest.approx(121 / 321)
    assert s["expected_progress"] == pytest.approx(2 / 3)
    assert s["status"] == "behind"  # −29.0 points: just inside behind
    assert s["stretch_value"] == 1500
    assert s["stretch_status"] == "off_track"  # 121/521 vs 2/3: −43.4 points
    ms = cp[(cp["target_id"] == "s") & (cp["role"] == "milestone")].iloc[0]
    # the 2023 milestone is judged at the end of 2023, from the same base
    assert ms["latest_period"] == "2023" and ms["progress"] == pytest.approx(31 / 21)


def test_milestone_year_missed(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: s, region: r, indicator: firms, kind: level, value: 1300, year: 2025, milestones: {2023: 1100}, source: {document: d}}
    """, "r,firms,2022,979,,,\nr,firms,2023,1010,,,\nr,firms,2024,1300,,,\n", "2025-01")
    assert rows["s"]["milestone_status"] == "missed"
    assert rows["s"]["status"] == "achieved"


@pytest.mark.parametrize("comparator, latest, status", [
    # 突破670 read strictly: 670 itself is all the way there but not beyond it,
    # so it is judged by its gap to 序时进度 (100% against 79%: ahead)
    (">=", 670, "achieved"), (">", 670, "ahead"), (">", 671, "achieved"), (">=", 669.99, "ahead"),
])
def test_boundary_of_comparators(tmp_path, comparator, latest, status):
    rows, _ = assess_text(tmp_path, f"""
        - {{id: p, region: r, indicator: platforms, kind: level, comparator: "{comparator}", value: 670, year: 2025, source: {{document: d}}}}
    """, f"r,platforms,2023-07,618,,,\nr,platforms,2025-06,{latest},,,\n", "2025-06")
    assert rows["p"]["status"] == status


@pytest.mark.parametrize("latest, tolerance, status", [
    (95, None, "achieved"), (94.9, None, "on_track"), (90, 0.1, "achieved"), (89.9, 0.1, "on_track"),
])
def test_approx_tolerance(tmp_path, latest, tolerance, status):
    tol = f", tolerance: {tolerance}" if tolerance else ""
    rows, _ = assess_text(tmp_path, f"""
        - {{id: p, region: r, indicator: platforms, kind: level, comparator: "~", value: 100, year: 2025{tol}, source: {{document: d}}}}
    """, f"r,platforms,2023-07,60,,,\nr,platforms,2025-06,{latest},,,\n", "2025-06")
    assert rows["p"]["status"] == status


def test_tolerance_option_overrides_default(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: p, region: r, indicator: platforms, kind: level, comparator: "~", value: 100, year: 2025, source: {document: d}}
    """, "r,platforms,2023-07,60,,,\nr,platforms,2025-06,92,,,\n", "2025-06", tolerance=0.08)
    assert rows["p"]["status"] == "achieved"


def test_flow_year_to_date_in_target_year(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: f, region: r, indicator: contracts, kind: level, value: 20, year: 2025, source: {document: d}}
    """, "r,contracts,2022,15.98,,,\nr,contracts,2024,18.5,,,\nr,contracts,2025-06,9.0,,,\n", "2025-06")
    f = rows["f"]
    # judged within the year: 9 of 20 against 6 of 12 months
    assert f["base_value"] == pytest.approx(15.98) and f["base_period"] == "2022"
    assert f["latest_period"] == "2025-06"
    assert f["progress"] == pytest.approx(0.45)
    assert f["expected_progress"] == pytest.approx(0.5)
    assert f["status"] == "on_track"
    assert "year-to-date" in f["note"]


def test_flow_before_target_year_uses_full_years_only(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: f, region: r, indicator: contracts, kind: level, value: 20, year: 2025, source: {document: d}}
    """, "r,contracts,2022,15.98,,,\nr,contracts,2024,18.5,,,\nr,contracts,2024-06,9.0,,,\n", "2024-08")
    f = rows["f"]
    # a half-year total is not compared with a year's goal: the 2022 base is
    # the latest full year before 2024 ends, so nothing after base yet; and
    # the 2023 figure was due by 2024-06 (publication lag 6): overdue
    assert f["latest_period"] is None
    assert f["status"] == "overdue"
    rows, _ = assess_text(tmp_path, """
        - {id: f, region: r, indicator: contracts, kind: level, value: 20, year: 2025, source: {document: d}}
    """, "r,contracts,2022,15.98,,,\nr,contracts,2024,18.5,,,\nr,contracts,2025-02,3.0,,,\n", "2025-01")
    f = rows["f"]
    assert f["latest_period"] == "2024"
    assert f["progress"] == pytest.approx((18.5 - 15.98) / (20 - 15.98))
    assert f["expected_progress"] == pytest.approx(2 / 3)


def test_missed_when_target_year_in(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2025,590,,,\n", "2026-06")
    assert rows["a"]["status"] == "missed"
    assert rows["a"]["stale"] is False or rows["a"]["stale"] == False  # noqa: E712 - 2025-12 is 6 months old


def test_stale_and_provisional_flags(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,yes\n", "2025-05")
    assert rows["a"]["stale"] and rows["a"]["provisional"]
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n", "2025-04")
    assert not rows["a"]["stale"] and not rows["a"]["provisional"]
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n", "2025-05", stale_months=13)
    assert not rows["a"]["stale"]


def test_no_base_without_document_date(tmp_path):
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n", "2025-05")
    assert rows["a"]["status"] == "no_data"
    assert "base" in rows["a"]["note"]


def test_thresholds_from_file_and_option(tmp_path):
    targets = """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: d}}
        - {id: b, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: d}, thresholds: {ahead: 5, on_track: -5, behind: -20}}
    """
    obs = "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n"  # gap −27.1
    rows, _ = assess_text(tmp_path, targets, obs, "2024-06")
    assert rows["a"]["status"] == "behind" and rows["b"]["status"] == "off_track"
    rows, _ = assess_text(tmp_path, targets, obs, "2024-06", thresholds={"behind": -25.0})
    assert rows["a"]["status"] == "off_track"


@pytest.mark.parametrize("latest, status", [
    # base 100 (2020), goal 200 (2030), figure in 2025: 序时进度 exactly 50%
    (160, "ahead"), (159.99, "on_track"),      # +10 points is ahead
    (140, "on_track"), (139.99, "behind"),      # −10 points is on track
    (120, "behind"), (119.99, "off_track"),     # −30 points is behind (included)
])
def test_status_thresholds_through_the_assessment(tmp_path, latest, status):
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 200, year: 2030, base: {period: "2020"}, source: {document: d}}
    """, f"r,firms,2020,100,,,\nr,firms,2025,{latest},,,\n", "2026-01")
    assert rows["a"]["status"] == status


@pytest.mark.parametrize("as_of, stale", [("2025-04", False), ("2025-05", True)])
def test_stale_boundary(tmp_path, as_of, stale):
    # figure of 2024-04: 12 months old in 2025-04 (not stale), 13 in 2025-05
    rows, _ = assess_text(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2027, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n", as_of)
    assert bool(rows["a"]["stale"]) is stale


def test_every_note_has_a_chinese_wording():
    """Notes are English for programs; a report needs each in Chinese."""
    import re
    from pathlib import Path

    from policygap import assess as module
    from policygap.schema import NOTE_ZH

    source = Path(module.__file__).read_text(encoding="utf-8")
    block = source[source.index("note = np.select("):]
    block = block[: block.index(").astype(object)")]
    notes = set(re.findall(r'"([a-z][^" ]* [^"]+)"', block))  # phrases, not kind names
    base_notes = set(re.findall(r'"(no [^"]+)"', source[source.index("def _bases"): source.index("def _checkpoints")]))
    assert notes | base_notes <= set(NOTE_ZH), (notes | base_notes) - set(NOTE_ZH)
