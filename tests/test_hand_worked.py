"""Hand-worked cases for the classes of wrong answers in the assessment.

Each case states its inputs, writes the formula out and the expected numbers
as literal values worked out by hand (a calculator, not the code). They were
written before the rules they test were changed; see docs/methodology.md for
each rule.

Conventions: a period YYYY is the end of that year, YYYY-MM the end of that
month; ``--as-of 2025-06`` means the end of June 2025 (the June figure is in).
Durations are months / 12.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from policygap import dataset, periods
from policygap.assess import Options, assess
from policygap.render.explain import explain

HEAD = """\
regions:
  r: {name: 甲市}
  ref: {name: 乙省}
indicators:
  firms: {name: 高新技术企业数量, unit: 家}
  intensity: {name: 研发投入强度, unit: "%"}
  zone_rank: {name: 高新区排名, unit: 位, direction: down}
  accidents: {name: 生产安全事故, unit: 件, direction: down, measure: flow}
  contracts: {name: 技术合同成交额, unit: 亿元, measure: flow}
  breakthroughs: {name: 攻克产业技术, unit: 项, measure: flow}
  projects: {name: 科技创新项目, unit: 项, measure: flow}
  profit: {name: 规上工业利润, unit: 亿元}
  output: {name: 高技术产业产值, unit: 亿元}
  lab: {name: 重点实验室重组, unit: ""}
  energy: {name: 单位产值能耗, unit: "", direction: down}
documents:
  d: {region: r, title: 方案, issued: "2023-08-03"}
  d22: {region: r, title: 早方案, issued: "2022-03-01"}
  d24: {region: r, title: 新方案, issued: "2024-02-01"}
targets:
"""

CSV_HEAD = "region,indicator,period,value,unit,source,provisional\n"


def case(tmp_path, targets: str, rows: str, as_of: str, **opts):
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_text(HEAD + textwrap.indent(textwrap.dedent(targets), "  "), encoding="utf-8")
    b.write_text(CSV_HEAD + textwrap.dedent(rows), encoding="utf-8")
    ds = dataset.load(t, b)
    result = assess(ds, Options(as_of=periods.parse_as_of(as_of), **opts))
    rows = {r["target_id"]: r for r in result.rows.to_dict("records")}
    for target_id, row in rows.items():  # explain says what the JSON says
        text = explain(ds, result, target_id)
        assert explained_status(text) == row["status"], text
        assert not re.search(r"\bnan\b", text, flags=re.I), text
    return rows, result


def explained_status(text: str) -> str:
    """The status explain ends its verdict with: '  → behind (滞后)'."""
    found = re.findall(r"^  → (\w+) ", text, flags=re.M)
    return found[-1] if found else ""


def empty(x) -> bool:
    import pandas as pd

    return x is None or bool(pd.isna(x))


approx = pytest.approx
# The current code gives a wrong answer here (issue: right in every direction).
WRONG_TODAY = pytest.mark.xfail(strict=True, reason="the rule is wrong today")


# ---------------------------------------------------------------------------
# Up and down indicators, the ordinary case (checks the notation)


def test_level_up(tmp_path):
    # 473 (2022) -> >=600 by 2025; 495 at 2024-04; document 2023-08-03.
    # n = 36/12 = 3, e = 16/12, r = 20/12
    # progress = 22/127 = 0.173228; 序时 = 16/36 = 0.444444; gap = -27.12 -> behind
    # required growth = (600/495)^(12/20) - 1 = exp(0.6 x ln 1.212121) - 1
    #                 = exp(0.6 x 0.192372) - 1 = exp(0.115423) - 1 = 0.122348
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-04,495,,,\n", "2024-06")
    a = rows["a"]
    assert a["progress"] == approx(0.173228, abs=1e-6)
    assert a["expected_progress"] == approx(0.444444, abs=1e-6)
    assert empty(a["path_progress"])  # a linear path: no compound share
    assert a["gap_points"] == approx(-27.1216, abs=1e-4)
    assert a["required_annual_growth"] == approx(0.122348, abs=1e-6)
    assert a["status"] == "behind"


def test_level_down(tmp_path):
    # 单位产值能耗 100 (2022) -> <=80 by 2025; 90 in 2024; as of 2025-03.
    # progress = (90-100)/(80-100) = 0.5; 序时 = 24/36 = 0.666667; gap -16.67 -> behind
    # required change = (80-90)/1 = -10 a year; required growth = 80/90 - 1 = -0.111111
    rows, _ = case(tmp_path, """
        - {id: e, region: r, indicator: energy, kind: level, comparator: "<=", value: 80, year: 2025, source: {document: d}}
    """, "r,energy,2022,100,,,\nr,energy,2024,90,,,\n", "2025-03")
    e = rows["e"]
    assert e["progress"] == approx(0.5)
    assert e["gap_points"] == approx(-16.6667, abs=1e-4)
    assert e["required_annual_change"] == approx(-10)
    assert e["required_annual_growth"] == approx(-0.111111, abs=1e-6)
    assert e["status"] == "behind"


# ---------------------------------------------------------------------------
# A base already at or past the goal: progress has no meaning; judged by
# whether the goal is met now, and by how far the latest figure falls short
# as a share of the goal: within |behind threshold| (30%) behind, else
# off_track.


def test_base_past_goal_level_fell_below(tmp_path):
    # >=600, base 620 (2022), now 590 (2024). Old rule: (590-620)/(600-620) = 150% -> ahead.
    # shortfall = 600 - 590 = 10; 10/600 = 1.67% of the goal -> behind
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,620,,,\nr,firms,2024,590,,,\n", "2025-03")
    a = rows["a"]
    assert empty(a["progress"]) and empty(a["gap_points"])
    assert a["shortfall"] == approx(10)
    assert a["status"] == "behind"
    assert "base already met" in a["note"]


def test_base_past_goal_far_below_is_off_track(tmp_path):
    # >=600, base 620, now 400: shortfall 200 = 33.3% of 600 > 30% -> off_track
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,620,,,\nr,firms,2024,400,,,\n", "2025-03")
    assert rows["a"]["shortfall"] == approx(200)
    assert rows["a"]["status"] == "off_track"


def test_base_past_goal_still_met(tmp_path):
    # base 620, now 610 >= 600: achieved; progress empty
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,620,,,\nr,firms,2024,610,,,\n", "2025-03")
    assert rows["a"]["status"] == "achieved"
    assert empty(rows["a"]["progress"])


def test_base_exactly_at_goal(tmp_path):
    # base 600 = goal 600 (>=); now 599: shortfall 1 (0.17%) -> behind; 600 -> achieved
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,600,,,\nr,firms,2024,599,,,\n", "2025-03")
    assert rows["a"]["status"] == "behind" and rows["a"]["shortfall"] == approx(1)


def test_base_past_goal_rank(tmp_path):
    # rank <=50, base 45 (2022), now 52 (2024): shortfall 2 places = 4% of 50 -> behind
    rows, _ = case(tmp_path, """
        - {id: k, region: r, indicator: zone_rank, kind: rank, comparator: "<=", value: 50, year: 2025, source: {document: d}}
    """, "r,zone_rank,2022,45,,,\nr,zone_rank,2024,52,,,\n", "2025-03")
    k = rows["k"]
    assert empty(k["progress"])
    assert k["shortfall"] == approx(2)
    assert k["status"] == "behind"


def test_base_past_goal_relative(tmp_path):
    # own - reference: 2.2 - 2.0 = +0.2 at the base (2022); 1.9 - 2.0 = -0.1 in 2024.
    # shortfall 0.1 points against the reference's 2.0 = 5% -> behind
    rows, _ = case(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2022,2.2,,,\nr,intensity,2024,1.9,,,\nref,intensity,2022,2.0,,,\nref,intensity,2024,2.0,,,\n",
        "2025-03")
    v = rows["v"]
    assert empty(v["progress"])
    assert v["shortfall"] == approx(0.1)
    assert v["status"] == "behind"


# ---------------------------------------------------------------------------
# A cap on a flow, read through the year: judged by its pace, never met
# before the year is over.


def test_cap_on_flow_year_to_date_behind(tmp_path):
    # 事故 <=100 in 2025 (a flow). 30 by 2025-03, as of 2025-04.
    # pace: 30 / (3/12) = 120 a year > 100; overshoot 20/100 = 20% (<= 30%) -> behind
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d24}}
    """, "r,accidents,2023,120,,,\nr,accidents,2025-03,30,,,\n", "2025-04")
    c = rows["c"]
    assert c["status"] == "behind"
    assert c["projected_value"] == approx(120)
    assert empty(c["projected_year"])


def test_cap_on_flow_year_to_date_within_pace(tmp_path):
    # 20 by 2025-03: pace 80 a year <= 100 -> on_track (never achieved before the year ends)
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d24}}
    """, "r,accidents,2023,120,,,\nr,accidents,2025-03,20,,,\n", "2025-04")
    assert rows["c"]["status"] == "on_track"
    assert rows["c"]["projected_value"] == approx(80)


def test_cap_on_flow_already_broken(tmp_path):
    # 105 by 2025-10 > 100: a flow only adds up, the cap is broken -> missed
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d24}}
    """, "r,accidents,2023,120,,,\nr,accidents,2025-10,105,,,\n", "2025-11")
    assert rows["c"]["status"] == "missed"


def test_cap_on_flow_year_over(tmp_path):
    # the full year's figure 95 <= 100 -> achieved
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d24}}
    """, "r,accidents,2023,120,,,\nr,accidents,2025,95,,,\n", "2026-02")
    assert rows["c"]["status"] == "achieved"


def test_annual_cap_year_to_date(tmp_path):
    # 每年 <=100 (a flow) from 2025: 30 by 2025-03 -> pace 120 -> behind
    rows, _ = case(tmp_path, """
        - {id: y, region: r, indicator: accidents, kind: annual, comparator: "<=", value: 100, year: 2026, from: 2025, source: {document: d24}}
    """, "r,accidents,2025-03,30,,,\n", "2025-04")
    assert rows["y"]["status"] == "behind"


# ---------------------------------------------------------------------------
# growth_rate and multiple from a zero or negative base: no_data with a reason


def test_growth_rate_from_negative_base(tmp_path):
    # -5 (2022) growing 10% a year: (-5) x 1.1^3 = -6.655 "met" by -6 under the old rule
    rows, _ = case(tmp_path, """
        - {id: g, region: r, indicator: profit, kind: growth_rate, value: 10, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,profit,2022,-5,,,\nr,profit,2024,-6,,,\n", "2025-03")
    assert rows["g"]["status"] == "no_data"
    assert "zero or negative base" in rows["g"]["note"]


def test_multiple_from_zero_base(tmp_path):
    # 0 x 2 = 0: "achieved" under the old rule
    rows, _ = case(tmp_path, """
        - {id: m, region: r, indicator: output, kind: multiple, value: 2, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,output,2022,0,,,\nr,output,2024,5,,,\n", "2025-03")
    assert rows["m"]["status"] == "no_data"
    assert "zero or negative base" in rows["m"]["note"]


# ---------------------------------------------------------------------------
# relative targets without a base; any target without a base


def test_relative_without_base_met(tmp_path):
    # no common figure before 2023-08; 2024: 2.5 > 2.2 -> achieved
    rows, _ = case(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2024,2.5,,,\nref,intensity,2024,2.2,,,\n", "2025-03")
    v = rows["v"]
    assert v["status"] == "achieved"
    assert v["latest_value"] == approx(2.5) and v["target_value"] == approx(2.2)


def test_relative_without_base_not_met(tmp_path):
    # 2024: 2.0 < 2.2, no base to measure pace: behind with that reason; progress empty
    rows, _ = case(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2024,2.0,,,\nref,intensity,2024,2.2,,,\n", "2025-03")
    v = rows["v"]
    assert v["status"] == "behind"
    assert empty(v["progress"])
    assert v["shortfall"] == approx(0.2)
    assert "no base" in v["note"]


def test_no_base_but_later_figures(tmp_path):
    # >=600 by 2025, document 2023-08, only 550 in 2024; as of 2025-03.
    # Known: latest 550, required growth 600/550 - 1 = 0.090909 (r = 1), change 50;
    # pace unknown: status no_data with the reason, latest shown.
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2024,550,,,\n", "2025-03")
    a = rows["a"]
    assert a["status"] == "no_data"
    assert a["latest_value"] == approx(550) and a["latest_period"] == "2024"
    assert a["required_annual_growth"] == approx(0.090909, abs=1e-6)
    assert a["required_annual_change"] == approx(50)
    assert a["shortfall"] == approx(50)
    assert empty(a["progress"])
    assert a["note"]


def test_no_base_but_goal_already_met(tmp_path):
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2024,610,,,\n", "2025-03")
    assert rows["a"]["status"] == "achieved"


# ---------------------------------------------------------------------------
# 每年 with a missed past year: the row says so and check fails


def test_annual_missed_past_year(tmp_path):
    # 每年 >=200 (flow) 2024-2026: 2024 = 150 (missed); 2025-06 = 110:
    # 110/200 = 0.55 against 6/12 = 0.5: +5 -> on_track for 2025, but the row is missed.
    rows, result = case(tmp_path, """
        - {id: y, region: r, indicator: projects, kind: annual, comparator: ">=", value: 200, year: 2026, from: 2024, source: {document: d}}
    """, "r,projects,2024,150,,,\nr,projects,2025-06,110,,,\n", "2025-07")
    y = rows["y"]
    assert y["status"] == "missed"
    assert "2024" in y["note"]
    assert y["checkpoints"].startswith("2024:200:missed;2025:200:on_track")


# ---------------------------------------------------------------------------
# A deadline just passed without its year-end figure; milestones past due;
# overdue figures.


def test_deadline_passed_level_waits_for_year_end(tmp_path):
    # >=600 by 2024; 550 at 2024-06; as of 2025-03: the 2024 figure is due by
    # 2025-06 (lag 6): not yet overdue; no verdict without it -> no_data
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2024, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-06,550,,,\n", "2025-03")
    a = rows["a"]
    assert a["status"] == "no_data"
    assert "year is over" in a["note"]
    assert empty(a["required_annual_growth"]) and empty(a["required_annual_change"])


def test_deadline_passed_level_overdue(tmp_path):
    # the same as of 2025-06: 2024*12+12+6 = month 2025-06 -> overdue
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2024, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024-06,550,,,\n", "2025-06")
    assert rows["a"]["status"] == "overdue"


@pytest.mark.parametrize("obs, as_of, status", [
    ("r,lab,2024-06,0,,,\n", "2025-03", "no_data"),   # 2024 over, figure due 2025-06
    ("r,lab,2024-06,0,,,\n", "2025-06", "overdue"),
    ("r,lab,2024,0,,,\n", "2025-03", "missed"),       # year-end figure: not done
    ("r,lab,2024-06,1,,,\n", "2025-06", "achieved"),
    ("r,lab,2024-06,0,,,\n", "2024-09", "on_track"),  # its year not over
])
def test_milestone_deadline(tmp_path, obs, as_of, status):
    rows, _ = case(tmp_path, """
        - {id: l, region: r, indicator: lab, kind: milestone, year: 2024, source: {document: d}}
    """, obs, as_of)
    assert rows["l"]["status"] == status


def test_overdue_before_the_target_year(tmp_path):
    # >=600 by 2026, base 473 (2022), latest 2023 = 500. As of 2025-06 the 2024
    # figure is due (2024*12+12+6 = 2025*12+6) and absent -> overdue.
    # As of 2025-05 it is not yet due: graded on 2023:
    # progress 27/127 = 0.212598, 序时 12/48 = 0.25 -> gap -3.74 -> on_track
    targets = """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2026, source: {document: d}}
    """
    obs = "r,firms,2022,473,,,\nr,firms,2023,500,,,\n"
    rows, _ = case(tmp_path, targets, obs, "2025-06")
    assert rows["a"]["status"] == "overdue"
    rows, _ = case(tmp_path, targets, obs, "2025-05")
    assert rows["a"]["status"] == "on_track"
    assert rows["a"]["gap_points"] == approx(-3.7402, abs=1e-4)


def test_publication_lag_per_indicator(tmp_path):
    # publication_lag: 3 -> the 2024 figure is due by 2025-03
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_text(HEAD.replace("firms: {name: 高新技术企业数量, unit: 家}",
                              "firms: {name: 高新技术企业数量, unit: 家, publication_lag: 3}")
                 + "  - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2026, source: {document: d}}\n",
                 encoding="utf-8")
    b.write_text(CSV_HEAD + "r,firms,2022,473,,,\nr,firms,2023,500,,,\n", encoding="utf-8")
    ds = dataset.load(t, b)
    at = {m: assess(ds, Options(as_of=periods.parse_as_of(m))).rows.iloc[0]["status"] for m in ("2025-02", "2025-03")}
    assert at == {"2025-02": "on_track", "2025-03": "overdue"}


# ---------------------------------------------------------------------------
# Secondary numbers


def test_year_to_date_flow_projected_year_not_next_year(tmp_path):
    # >=20亿元 (flow) in 2025: 9 by 2025-06 -> pace 18 a year; not reached in 2025
    # progress 9/20 = 0.45 against 6/12: -5 -> on_track; still needed this year: 11
    rows, _ = case(tmp_path, """
        - {id: f, region: r, indicator: contracts, kind: level, comparator: ">=", value: 20, year: 2025, source: {document: d}}
    """, "r,contracts,2022,15.98,,,\nr,contracts,2025-06,9,,,\n", "2025-07")
    f = rows["f"]
    assert f["status"] == "on_track"
    assert f["projected_value"] == approx(18)
    assert empty(f["projected_year"])
    assert f["required_annual_change"] == approx(11)


def test_within_target_year_required_is_what_is_still_needed(tmp_path):
    # >=600 by 2025; base 473 (2022); 545 at 2025-06: 55 still needed this year
    # (not 55/0.5 = 110 a year); growth still needed 600/545 - 1 = 0.100917
    # progress 72/127 = 0.566929; 序时 30/36 = 0.833333; gap -26.64 -> behind
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2025, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2025-06,545,,,\n", "2025-07")
    a = rows["a"]
    assert a["required_annual_change"] == approx(55)
    assert a["required_annual_growth"] == approx(0.100917, abs=1e-6)
    assert a["gap_points"] == approx(-26.6404, abs=1e-4)
    assert a["status"] == "behind"


def test_running_sum_with_provisional_year_is_provisional(tmp_path):
    # 累计 >=25 from 2023: 8 + 9 (2024, provisional) + 4 (2025-06) = 21, provisional
    # progress 21/25 = 0.84, 序时 30/36 = 0.833333 -> +0.67 on_track
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: breakthroughs, kind: increase, counting: flow, value: 25, year: 2025, from: 2023, source: {document: d}}
    """, "r,breakthroughs,2023,8,,,\nr,breakthroughs,2024,9,,,true\nr,breakthroughs,2025-06,4,,,\n", "2025-07")
    c = rows["c"]
    assert c["latest_value"] == approx(21)
    assert bool(c["provisional"]) is True
    assert c["status"] == "on_track"


# ---------------------------------------------------------------------------
# 序时进度 is elapsed time for every kind; the compound path's share is
# path_progress, which the status of a compound-path target uses.


def test_multiple_path_progress(tmp_path):
    # 翻两番: 1000 (2020) x4 = 4000 by 2025; 2000 in 2023; as of 2024-03.
    # progress 1000/3000 = 0.333333; 序时 (elapsed) 3/5 = 0.6;
    # path share (4^(3/5) - 1)/3 = (2.297397 - 1)/3 = 0.432466;
    # gap = (0.333333 - 0.432466) x 100 = -9.91 -> on_track
    rows, _ = case(tmp_path, """
        - {id: m, region: r, indicator: output, kind: multiple, value: 4, year: 2025, base: {period: "2020"}, source: {document: d}}
    """, "r,output,2020,1000,,,\nr,output,2023,2000,,,\n", "2024-03")
    m = rows["m"]
    assert m["expected_progress"] == approx(0.6)
    assert m["path_progress"] == approx(0.432466, abs=1e-6)
    assert m["gap_points"] == approx(-9.9133, abs=1e-4)
    assert m["status"] == "on_track"


# ---------------------------------------------------------------------------
# Each threshold boundary: base 100 (2021) -> 200 by 2025 (n = 4); latest 2023
# (e = 2, 序时 0.5). Document 2022-03.


@pytest.mark.parametrize("latest, gap, status", [
    (160, 10, "ahead"),       # 0.6 - 0.5 = +10 (ahead includes +10)
    (159, 9, "on_track"),
    (140, -10, "on_track"),   # -10 is on track
    (139, -11, "behind"),
    (120, -30, "behind"),     # -30 is behind (included)
    (119, -31, "off_track"),
])
def test_threshold_boundaries(tmp_path, latest, gap, status):
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 200, year: 2025, source: {document: d22}}
    """, f"r,firms,2021,100,,,\nr,firms,2023,{latest},,,\n", "2024-03")
    assert rows["a"]["gap_points"] == approx(gap)
    assert rows["a"]["status"] == status


# ---------------------------------------------------------------------------
# --method sdg: shares in 百分点, ranks by their change


def test_sdg_share_graded_in_points(tmp_path):
    # share 0.5 (2022) -> 2.0 by 2025; 1.0 in 2024; as of 2025-03.
    # points: actual (1.0-0.5)/2 = 0.25 a year, planned 1.5/3 = 0.5 -> ratio 0.5 -> limited -> off_track
    # (the CAGR ratio would be (2^0.5-1)/(4^(1/3)-1) = 0.4142/0.5874 = 0.705 -> moderate)
    rows, _ = case(tmp_path, """
        - {id: s, region: r, indicator: intensity, kind: share, comparator: ">=", value: 2.0, year: 2025, source: {document: d}}
    """, "r,intensity,2022,0.5,,,\nr,intensity,2024,1.0,,,\n", "2025-03", method="sdg")
    s = rows["s"]
    assert s["cagr_ratio"] == approx(0.5)
    assert s["cagr_category"] == "limited"
    assert s["status"] == "off_track"


def test_sdg_rank_by_change(tmp_path):
    # rank 58 (2022) -> <=50 by 2025; 54 in 2024: actual -2/yr, planned -8/3 -> ratio 0.75 moderate -> behind
    rows, _ = case(tmp_path, """
        - {id: k, region: r, indicator: zone_rank, kind: rank, comparator: "<=", value: 50, year: 2025, source: {document: d}}
    """, "r,zone_rank,2022,58,,,\nr,zone_rank,2024,54,,,\n", "2025-03", method="sdg")
    assert rows["k"]["cagr_ratio"] == approx(0.75)
    assert rows["k"]["cagr_category"] == "moderate"
    assert rows["k"]["status"] == "behind"


# ---------------------------------------------------------------------------
# The text of `required` and of a past target


def test_required_path_significant_digits(run):
    # 0.1 (2023) -> 0.2 by 2025, compound: 0.1 x 2^(1/2) = 0.141421 -> "0.141", then 0.2
    out = run("required", "0.1", "0.2", "--from", "2023", "--to", "2025").stdout
    assert "2024: 0.141" in out and "2025: 0.2" in out
    # 2.24% (2023) -> 2.5% by 2025 in points: +0.13 a year -> 2.37, 2.5
    out = run("required", "2.24", "2.5", "--from", "2023", "--to", "2025", "--unit", "%").stdout
    assert "2024: 2.37" in out


def test_past_target_text_says_what_was_reached(tmp_path):
    # >=600 by 2024; 560 at the end of 2024; as of 2025-03 -> missed, short by 40
    from policygap.render.text import sentence
    from policygap.render.machine import records
    from policygap.assess import OUTPUT_FIELDS

    _, result = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2024, source: {document: d}}
    """, "r,firms,2022,473,,,\nr,firms,2024,560,,,\n", "2025-03")
    rec = records(result.rows, OUTPUT_FIELDS)[0]
    assert rec["status"] == "missed"
    zh = sentence(rec, "zh")
    assert "今后需" not in zh
    assert "560家" in zh and "差40家" in zh
    en = sentence(rec, "en")
    assert "from now on" not in en and "40" in en


def test_sdg_categories_select_and_text_follows_the_method(run, tmp_path):
    # share 0.5 (2022) -> 2.0 by 2025, 1.0 in 2024: ratio 0.5 -> limited (see above);
    # share 1.5 -> 2.0, 1.9 in 2024 (other region's target): 0.2/yr vs 0.1667/yr = 1.2 -> substantial
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_text(HEAD.replace("  ref: {name: 乙省}", "  ref: {name: 乙省}\n  s2: {name: 丙市}") + textwrap.indent(textwrap.dedent("""
        - {id: s, region: r, indicator: intensity, kind: share, comparator: ">=", value: 2.0, year: 2025, source: {document: d}}
        - {id: s2, region: s2, indicator: intensity, kind: share, comparator: ">=", value: 2.0, year: 2025, base: {period: "2022"}}
    """), "  "), encoding="utf-8")
    b.write_text(CSV_HEAD + "r,intensity,2022,0.5,,,\nr,intensity,2024,1.0,,,\n"
                 "s2,intensity,2022,1.5,,,\ns2,intensity,2024,1.9,,,\n", encoding="utf-8")
    common = ["--all", "--as-of", "2025-03", "--method", "sdg", "--targets", t, "--baselines", b]
    rows = run("status", *common, "--format", "json", "--status", "substantial").json()
    assert [x["target_id"] for x in rows] == ["s2"] and rows[0]["cagr_ratio"] == approx(1.2)
    text = run("status", *common, "--format", "text").stdout
    assert "国际方法评价为有限进展（实际÷计划 0.5）" in text
    assert "国际方法评价为显著进展（实际÷计划 1.2）" in text
    assert "序时进度" not in text
