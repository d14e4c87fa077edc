"""A fresh set of hand-worked cases, written after the rules of
docs/methodology.md were changed and before running them: none of these
inputs was used to develop the rules. Each case: inputs, the formula, the
numbers worked out by hand.

The helper ``case`` (tests/test_hand_worked.py) also checks that `explain`
ends with the same status as the JSON row and prints no "nan".
"""

from __future__ import annotations

import pytest
from test_hand_worked import CSV_HEAD, HEAD, case, empty

approx = pytest.approx


def test_f01_level_up_ahead(tmp_path):
    # 200 (2021; document 2022-03-01) -> >=300 by 2026; 270 in 2023; as of 2024-03.
    # n = 5, e = 2: 序时 0.4; progress 70/100 = 0.7; gap +30 -> ahead
    # r = 3: required (300/270)^(1/3) - 1 = exp(ln(1.111111)/3) - 1 = exp(0.0351202) - 1 = 0.035744
    # required change 30/3 = 10; actual growth sqrt(1.35) - 1 = 0.161895
    # pace 35 a year: 270 + 35 x 3 = 375 by 2026; 300 reached 30/35 = 0.857 yr after 2023-12 -> 2024
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 300, year: 2026, source: {document: d22}}
    """, "r,firms,2021,200,,,\nr,firms,2023,270,,,\n", "2024-03")
    a = rows["a"]
    assert (a["progress"], a["expected_progress"], a["gap_points"]) == (approx(0.7), approx(0.4), approx(30))
    assert a["status"] == "ahead"
    assert a["required_annual_growth"] == approx(0.035744, abs=1e-6)
    assert a["required_annual_change"] == approx(10)
    assert a["actual_annual_growth"] == approx(0.161895, abs=1e-6)
    assert a["projected_value"] == approx(375)
    assert a["projected_year"] == 2024


def test_f02_level_down_off_track(tmp_path):
    # energy 100 (2022) -> <=80 by 2025; 95 in 2024; as of 2025-02
    # progress (95-100)/(80-100) = 0.25; 序时 2/3; gap -41.67 -> off_track
    # required change (80-95)/1 = -15; growth 80/95 - 1 = -0.157895
    rows, _ = case(tmp_path, """
        - {id: e, region: r, indicator: energy, kind: level, comparator: "<=", value: 80, year: 2025, source: {document: d}}
    """, "r,energy,2022,100,,,\nr,energy,2024,95,,,\n", "2025-02")
    e = rows["e"]
    assert e["gap_points"] == approx(-41.6667, abs=1e-4)
    assert e["status"] == "off_track"
    assert e["required_annual_change"] == approx(-15)
    assert e["required_annual_growth"] == approx(-0.157895, abs=1e-6)


def test_f03_down_indicator_base_past_goal(tmp_path):
    # energy <=80; base 75 (2022) already met; now 84 (2024): shortfall 4 = 5% of 80 -> behind
    rows, _ = case(tmp_path, """
        - {id: e, region: r, indicator: energy, kind: level, comparator: "<=", value: 80, year: 2025, source: {document: d}}
    """, "r,energy,2022,75,,,\nr,energy,2024,84,,,\n", "2025-02")
    e = rows["e"]
    assert empty(e["progress"])
    assert e["shortfall"] == approx(4)
    assert e["status"] == "behind"


def test_f04_share_exactly_ahead(tmp_path):
    # 1.0% (2021) -> 2.0% by 2025 (n = 4); 1.6 in 2023 (e = 2): 0.6 - 0.5 = +10 -> ahead
    # required change (2.0 - 1.6)/2 = 0.2 points a year; no growth for a share
    rows, _ = case(tmp_path, """
        - {id: s, region: r, indicator: intensity, kind: share, comparator: ">=", value: 2.0, year: 2025, source: {document: d22}}
    """, "r,intensity,2021,1.0,,,\nr,intensity,2023,1.6,,,\n", "2024-05")
    s = rows["s"]
    assert s["gap_points"] == approx(10)
    assert s["status"] == "ahead"
    assert s["required_annual_change"] == approx(0.2)
    assert empty(s["required_annual_growth"])


def test_f05_increase_of_a_stock(tmp_path):
    # 新增 >=50 from 400 (2022): goal 450 by 2025; 430 in 2024; as of 2025-01
    # progress 30/50 = 0.6; 序时 2/3; gap -6.67 -> on_track; r = 1: change 20, growth 450/430 - 1 = 0.046512
    rows, _ = case(tmp_path, """
        - {id: i, region: r, indicator: firms, kind: increase, counting: stock, value: 50, year: 2025, source: {document: d}}
    """, "r,firms,2022,400,,,\nr,firms,2024,430,,,\n", "2025-01")
    i = rows["i"]
    assert i["goal_value"] == approx(450)
    assert i["gap_points"] == approx(-6.6667, abs=1e-4)
    assert i["status"] == "on_track"
    assert i["required_annual_change"] == approx(20)
    assert i["required_annual_growth"] == approx(0.046512, abs=1e-6)


def test_f06_running_sum_with_a_gap_is_overdue(tmp_path):
    # 累计 >=30 from 2023: 10 (2023), no 2024, 5 by 2025-06; as of 2025-07.
    # The sum stops at 2023 (10). The 2024 figure was due by 2025-06: overdue.
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: breakthroughs, kind: increase, counting: flow, value: 30, year: 2025, from: 2023, source: {document: d}}
    """, "r,breakthroughs,2023,10,,,\nr,breakthroughs,2025-06,5,,,\n", "2025-07")
    c = rows["c"]
    assert c["latest_period"] == "2023" and c["latest_value"] == approx(10)
    assert c["status"] == "overdue"


def test_f07_annual_all_past_years_met(tmp_path):
    # 每年 >=100 (flow) 2024-2026: 2024 = 120 met; 60 by 2025-09: 0.6 vs 9/12 = 0.75 -> -15 -> behind
    # still needed this year 100 - 60 = 40
    rows, _ = case(tmp_path, """
        - {id: y, region: r, indicator: projects, kind: annual, comparator: ">=", value: 100, year: 2026, from: 2024, source: {document: d}}
    """, "r,projects,2024,120,,,\nr,projects,2025-09,60,,,\n", "2025-10")
    y = rows["y"]
    assert y["target_year"] == 2025
    assert y["gap_points"] == approx(-15)
    assert y["status"] == "behind"
    assert y["required_annual_change"] == approx(40)


def test_f08_annual_cap_broken_last_year(tmp_path):
    # 每年 <=100 事故 2024-2026: 2024 = 130 missed; 20 by 2025-03 (pace 80: on track); the row is missed
    rows, _ = case(tmp_path, """
        - {id: y, region: r, indicator: accidents, kind: annual, comparator: "<=", value: 100, year: 2026, from: 2024, source: {document: d24}}
    """, "r,accidents,2024,130,,,\nr,accidents,2025-03,20,,,\n", "2025-04")
    y = rows["y"]
    assert y["status"] == "missed"
    assert y["checkpoints"].startswith("2024:100:missed;2025:100:on_track")


@pytest.mark.parametrize("ytd, status", [
    (25, "on_track"),   # 25 by March: 25 / (3/12) = 100 <= 100: within the cap at this pace
])
def test_f09_cap_pace_exactly_at_the_cap(tmp_path, ytd, status):
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d24}}
    """, f"r,accidents,2023,110,,,\nr,accidents,2025-03,{ytd},,,\n", "2025-04")
    assert rows["c"]["projected_value"] == approx(100)
    assert rows["c"]["status"] == status


@pytest.mark.parametrize("ytd, pace, status", [
    (65, 130, "behind"),     # 65 / 0.5 = 130: 30% over the cap, 30 included -> behind
    (66, 132, "off_track"),  # 132: 32% over -> off_track
])
def test_f10_cap_overshoot_boundary(tmp_path, ytd, pace, status):
    rows, _ = case(tmp_path, """
        - {id: c, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d24}}
    """, f"r,accidents,2023,110,,,\nr,accidents,2025-06,{ytd},,,\n", "2025-07")
    assert rows["c"]["projected_value"] == approx(pace)
    assert rows["c"]["status"] == status


def test_f11_milestone_done_by_year_end(tmp_path):
    rows, _ = case(tmp_path, """
        - {id: l, region: r, indicator: lab, kind: milestone, year: 2024, source: {document: d}}
    """, "r,lab,2024,1,,,\n", "2025-01")
    assert rows["l"]["status"] == "achieved"


def test_f12_milestone_without_any_figure_not_yet_due(tmp_path):
    # target 2025; as of 2024-06 nothing is due for a milestone: no_data
    rows, _ = case(tmp_path, """
        - {id: l, region: r, indicator: lab, kind: milestone, year: 2025, source: {document: d}}
    """, "", "2024-06")
    assert rows["l"]["status"] == "no_data"


def test_f13_growth_rate_exactly_on_its_path(tmp_path):
    # 10% a year from 100 (2022, pinned) by 2025: goal 133.1; 121 in 2024; as of 2025-03
    # progress 21/33.1 = 0.634441; path ((1.331)^(2/3) - 1)/0.331 = 0.21/0.331 = 0.634441: gap 0 -> on_track
    # 序时 (elapsed) 2/3; required (133.1/121)^1 - 1 = 0.1
    rows, _ = case(tmp_path, """
        - {id: g, region: r, indicator: profit, kind: growth_rate, value: 10, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,profit,2022,100,,,\nr,profit,2024,121,,,\n", "2025-03")
    g = rows["g"]
    assert g["goal_value"] == approx(133.1)
    assert g["progress"] == approx(0.634441, abs=1e-6)
    assert g["path_progress"] == approx(0.634441, abs=1e-6)
    assert g["expected_progress"] == approx(2 / 3)
    assert g["gap_points"] == approx(0, abs=1e-6)
    assert g["status"] == "on_track"
    assert g["required_annual_growth"] == approx(0.1)


def test_f14_multiple_from_negative_base(tmp_path):
    rows, _ = case(tmp_path, """
        - {id: m, region: r, indicator: output, kind: multiple, value: 2, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,output,2022,-10,,,\nr,output,2024,5,,,\n", "2025-03")
    assert rows["m"]["status"] == "no_data"


def test_f15_relative_without_base_equal_meets_at_least(tmp_path):
    # >= reference: 2.0 against 2.0 in 2024, no earlier common figure: gap 0 >= 0 -> achieved
    rows, _ = case(tmp_path, """
        - {id: v, region: r, indicator: intensity, kind: relative, comparator: ">=", reference: ref, year: 2025, source: {document: d}}
    """, "r,intensity,2024,2.0,,,\nref,intensity,2024,2.0,,,\n", "2025-03")
    assert rows["v"]["status"] == "achieved"


def test_f16_deadline_passed_but_met_earlier(tmp_path):
    # >=600 by 2024; 610 at 2024-06; as of 2025-03 (no year-end figure): met is met -> achieved
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2024, source: {document: d}}
    """, "r,firms,2022,500,,,\nr,firms,2024-06,610,,,\n", "2025-03")
    assert rows["a"]["status"] == "achieved"


def test_f17_met_stock_is_not_overdue(tmp_path):
    # >=600 by 2026; 650 in 2023; as of 2025-08 the 2024 figure is due and absent, but the goal is met
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, year: 2026, source: {document: d}}
    """, "r,firms,2022,500,,,\nr,firms,2023,650,,,\n", "2025-08")
    assert rows["a"]["status"] == "achieved"


def test_f18_rank_in_its_last_year(tmp_path):
    # rank 20 (2022) -> <=10 by 2025; 12 at 2025-06; as of 2025-07
    # progress (12-20)/(10-20) = 0.8; 序时 30/36 = 0.833333; gap -3.33 -> on_track
    # still needed this year: 10 - 12 = -2 places
    rows, _ = case(tmp_path, """
        - {id: k, region: r, indicator: zone_rank, kind: rank, comparator: "<=", value: 10, year: 2025, source: {document: d}}
    """, "r,zone_rank,2022,20,,,\nr,zone_rank,2025-06,12,,,\n", "2025-07")
    k = rows["k"]
    assert k["gap_points"] == approx(-3.3333, abs=1e-4)
    assert k["status"] == "on_track"
    assert k["required_annual_change"] == approx(-2)


def test_f19_floor_met_stretch_ahead(tmp_path):
    # >=600 (力争650) from 500 (2022); 620 in 2024; as of 2025-02: floor achieved;
    # stretch: (620-500)/(650-500) = 0.8 against 2/3: +13.33 -> ahead
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 600, stretch: 650, year: 2025, source: {document: d}}
    """, "r,firms,2022,500,,,\nr,firms,2024,620,,,\n", "2025-02")
    assert rows["a"]["status"] == "achieved"
    assert rows["a"]["stretch_status"] == "ahead"


def test_f20_sdg_running_sum_by_change(tmp_path):
    # 累计 >=30 from 2023: 10 + 8 = 18 at the end of 2024; as of 2025-01 (n = 3 from 2022-12)
    # planner: 18/30 = 0.6 against 2/3: -6.67 -> on_track
    # sdg: actual 18/2 = 9 a year, planned 30/3 = 10 a year: ratio 0.9 -> moderate -> behind
    targets = """
        - {id: c, region: r, indicator: breakthroughs, kind: increase, counting: flow, value: 30, year: 2025, from: 2023, source: {document: d}}
    """
    obs = "r,breakthroughs,2023,10,,,\nr,breakthroughs,2024,8,,,\n"
    rows, _ = case(tmp_path, targets, obs, "2025-01")
    assert rows["c"]["status"] == "on_track"
    rows, _ = case(tmp_path, targets, obs, "2025-01", method="sdg")
    assert rows["c"]["cagr_ratio"] == approx(0.9)
    assert rows["c"]["cagr_category"] == "moderate"
    assert rows["c"]["status"] == "behind"


def test_f21_sdg_refuses_a_milestone_with_a_message(tmp_path):
    rows, _ = case(tmp_path, """
        - {id: l, region: r, indicator: lab, kind: milestone, year: 2025, source: {document: d}}
    """, "r,lab,2024-06,0,,,\n", "2024-09", method="sdg")
    assert rows["l"]["status"] == "on_track"
    assert rows["l"]["note"].startswith("not graded by --method sdg")


def test_f22_level_text_ahead(tmp_path):
    # F01 as a sentence: 今后需年均增长3.6% (0.035744)
    from policygap.assess import OUTPUT_FIELDS
    from policygap.render.machine import records
    from policygap.render.text import sentence

    _, result = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 300, year: 2026, source: {document: d22}}
    """, "r,firms,2021,200,,,\nr,firms,2023,270,,,\n", "2024-03")
    zh = sentence(records(result.rows, OUTPUT_FIELDS)[0], "zh")
    assert "完成进度70.0%" in zh and "超序时进度30.0个百分点" in zh and "今后需年均增长3.6%" in zh


# --------------------------------------------------------------------------
# Cases a trial of the documentation found wrong, worked by hand from
# docs/methodology.md before the fix.


def _files(tmp_path, targets: str, rows: str) -> tuple:
    """The targets (after test_hand_worked's HEAD) and figures written out, as
    the command-line options that read them."""
    t, b = tmp_path / "t.yaml", tmp_path / "b.csv"
    t.write_text(HEAD + targets, encoding="utf-8")
    b.write_text(CSV_HEAD + rows, encoding="utf-8")
    return "--targets", t, "--baselines", b


@pytest.mark.parametrize("as_of, status", [
    ("2025-06", "overdue"),     # 2024's year-end figure is due by 2025-06 (lag 6): missing
    ("2025-12-31", "overdue"),  # the target year is over; 2025's figure is not due yet, 2024's still missing
    ("2026-03", "overdue"),
    ("2026-05", "overdue"),
    ("2026-06", "overdue"),     # now 2025's figure is due too
])
def test_f30_an_earlier_missing_figure_keeps_a_finished_target_overdue(tmp_path, as_of, status):
    # firms 50 (2022) -> >=150 by 2025; 70 (2023), 107 (2024-06). The latest
    # due year is min(floor((as_of - 6 months)/12) - 1, 2025); its year-end
    # figure is missing in each case, so the rule "overdue when the latest due
    # year has no figure for its end" holds. Before the fix, from the end of
    # 2025 to 2026-05 the row fell to no_data and `check` passed.
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 150, year: 2025, source: {document: d}}
    """, "r,firms,2022,50,,,\nr,firms,2023,70,,,\nr,firms,2024-06,107,,,\n", as_of)
    assert rows["a"]["status"] == status


def test_f31_a_finished_target_with_every_due_figure_is_no_data_until_its_own(tmp_path):
    # The same target with 2024's year-end figure: as of 2026-03 only 2025's is
    # missing, and it is not due before 2026-06: no_data, not overdue.
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: ">=", value: 150, year: 2025, source: {document: d}}
    """, "r,firms,2022,50,,,\nr,firms,2023,70,,,\nr,firms,2024,120,,,\n", "2026-03")
    assert rows["a"]["status"] == "no_data"


def test_f32_sdg_leaves_a_missed_year_missed_in_every_output(tmp_path, run):
    # 每年 ~100 from 2023: 95 in 2023 (within 5%: achieved), 94 in 2024 (6% short: missed).
    # As of 2025-01 the row answers for the missed 2024; --method sdg grades
    # pace statuses only, so the table, the text and explain all say missed.
    common = (*_files(tmp_path, """\
  - {id: y, region: r, indicator: projects, kind: annual, comparator: "~", value: 100, year: 2026, from: 2023, source: {document: d22}}
""", "r,projects,2023,95,,,\nr,projects,2024,94,,,\n"), "--as-of", "2025-01", "--method", "sdg")
    assert run("status", "r", "-f", "json", *common).json()[0]["status"] == "missed"
    assert "未完成" in run("status", "r", *common).stdout
    assert "中等进展" not in run("status", "r", *common).stdout
    assert "据此判定状态" not in run("explain", "r", "y", *common).stdout


def test_f33_an_achieved_approximate_goal_falls_short_of_nothing(tmp_path):
    # 50左右 (tolerance 5%: 47.5-52.5); 47.5 in 2024 -> achieved; shortfall 0, not 50 - 47.5 = 2.5.
    rows, _ = case(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, comparator: "~", value: 50, year: 2025, source: {document: d}}
    """, "r,firms,2022,40,,,\nr,firms,2024,47.5,,,\n", "2025-01")
    assert (rows["a"]["status"], rows["a"]["shortfall"]) == ("achieved", 0)


def test_f34_explain_gives_a_share_s_shortfall_and_a_relative_gap_in_points(tmp_path, run):
    # share 33% (2024) against ≥36% by 2026: 3 百分点 short, not 3%.
    # relative: 33% against the province's 33.5%: 0.5 百分点 short; at the pace
    # so far (the gap closes 1 point a year, −2.5 → −0.5 over 2022-2024) the
    # gap is +0.5 points by the end of 2025, the region's own figure 34%.
    common = (*_files(tmp_path, """\
  - {id: sh, region: r, indicator: intensity, kind: level, comparator: ">=", value: 36, year: 2026, source: {document: d}}
  - {id: rel, region: r, indicator: intensity, kind: relative, comparator: ">", reference: ref, year: 2025, source: {document: d}}
""", "r,intensity,2022,30,,,\nref,intensity,2022,32.5,,,\nr,intensity,2024,33,,,\nref,intensity,2024,33.5,,,\n"),
              "--as-of", "2025-01")
    assert "差距 = L 距 V = 3个百分点" in run("explain", "r", "sh", *common).stdout
    rel = run("explain", "r", "rel", *common).stdout
    assert "差距 = L 距 V = 0.5个百分点" in rel
    assert "2025年底达到差值 0.5个百分点" in rel


@pytest.mark.parametrize("as_of", ["2025-07", "2026-01"])
def test_f35_a_flow_read_year_to_date_says_so_in_every_output_also_after_its_year(tmp_path, run, as_of):
    # contracts ≥20 by 2025; 10 (2022), 15 (2024), 10 by 2025-06 (a January-June total).
    # Judged from 0 at the start of 2025: progress 10/20 = 50%; the year at this
    # pace 10 × 12/6 = 20. After the year ends (2026-01) the 2025 figure is not
    # due yet and the row still stands on the June total: the same reading, not
    # "base 10 (2022), +20 a year".
    common = (*_files(tmp_path, """\
  - {id: c, region: r, indicator: contracts, kind: level, comparator: ">=", value: 20, year: 2025, source: {document: d}}
""", "r,contracts,2022,10,,,\nr,contracts,2024,15,,,\nr,contracts,2025-06,10,,,\n"), "--as-of", as_of)
    (row,) = run("status", "r", "-f", "json", *common).json()
    assert (row["year_to_date"], row["progress"], row["actual_annual_change"]) == (True, 0.5, 20)
    table = run("status", "r", *common).stdout
    assert "0（2025年初）" in table and "全年约20亿元" in table and "+20" not in table
    assert "2025年1—6月完成10亿元" in run("status", "r", "-f", "text", *common).stdout
    import openpyxl

    run("status", "r", "-f", "xlsx", "-o", tmp_path / "o.xlsx", *common)
    sheet = openpyxl.load_workbook(tmp_path / "o.xlsx").worksheets[0]
    cells = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]]))
    assert (cells["基期"], cells["基期值"]) == ("2025年初", 0)


def test_f36_a_pace_landing_exactly_on_a_strict_goal_passes_it_the_year_after(tmp_path):
    # base 250 (2021, the year before the document of 2022-03), 275 (2022):
    # +25 a year; 300 is reached at the end of 2023. ≥300 is met then (2023);
    # >300 is passed only after it (2024), as the 突破 rule for a latest figure
    # that equals the goal.
    rows, _ = case(tmp_path, """
        - {id: ge, region: r, indicator: firms, kind: level, comparator: ">=", value: 300, year: 2026, source: {document: d22}}
        - {id: gt, region: r, indicator: firms, kind: level, comparator: ">", value: 300, year: 2026, source: {document: d22}}
    """, "r,firms,2021,250,,,\nr,firms,2022,275,,,\n", "2023-03")
    assert (rows["ge"]["projected_year"], rows["gt"]["projected_year"]) == (2023, 2024)


def test_f37_explain_of_a_year_to_date_growth_row_names_both_bases(tmp_path, run):
    # 年均增长9% from 10 (2022) by 2025: V = 10 × 1.09^3 = 12.950290; 6 by 2025-06,
    # read from 0 at the start of 2025: progress 6/12.95029 = 46.33%. B is 0 at
    # the start of 2025, the goal comes from the plan's base of 10 (2022).
    files = _files(tmp_path, """\
  - {id: g, region: r, indicator: contracts, kind: growth_rate, comparator: ">=", value: 9, year: 2025, source: {document: d}}
""", "r,contracts,2022,10,,,\nr,contracts,2024,12,,,\nr,contracts,2025-06,6,,,\n")
    out = run("explain", "r", "g", *files, "--as-of", "2025-07").stdout
    assert "B  基期 = 0亿元 @ 2025年初" in out
    assert "V  目标 = 方案基期值 × (1 + 9%)^n = 10 × 1.09^3 = 12.95029亿元" in out
    assert "46.331%" in out or "46.331" in out


def test_f30_a_flows_total_of_last_year_does_not_achieve_this_years_goal(tmp_path):
    # 技术合同成交额 (a flow) >=5亿元 in 2025; 3 (2022, before the document), 5.5 (2024).
    # As of 2025-02 with no 2025 figure: 2024's total is no 2025 total -> not achieved.
    # n = 3, e = 2: 序时 2/3; progress (5.5-3)/(5-3) = 1.25; gap +58.33 -> ahead
    # r = 1 (last year): still needed 5/5.5 - 1 = -0.090909 (may fall 9.1%), change 5 - 5.5 = -0.5
    # pace 1.25 a year: 2025 total 6.75 >= 5 -> reached in 2025 (not 2024)
    targets = """
        - {id: c, region: r, indicator: contracts, kind: level, comparator: ">=", value: 5, year: 2025, source: {document: d}}
    """
    figures = "r,contracts,2022,3,,,\nr,contracts,2024,5.5,,,\n"
    c = case(tmp_path, targets, figures, "2025-02")[0]["c"]
    assert c["status"] == "ahead"
    assert c["gap_points"] == approx(58.3333, abs=1e-4)
    assert c["required_annual_growth"] == approx(-0.090909, abs=1e-6)
    assert c["required_annual_change"] == approx(-0.5)
    assert c["shortfall"] == approx(0)
    assert c["projected_year"] == 2025
    # January-March 2025 total 5.2 >= 5: achieved within the year (a flow only adds up)
    c = case(tmp_path, targets, figures + "r,contracts,2025-03,5.2,,,\n", "2025-04")[0]["c"]
    assert c["status"] == "achieved"
    # As of 2026-08, the 2025 figure is overdue (due by 2026-06): 2024's total does not stand for it.
    c = case(tmp_path, targets, figures, "2026-08")[0]["c"]
    assert c["status"] == "overdue"


def test_f31_a_cap_on_a_flow_is_still_judged_by_its_own_year(tmp_path):
    # 事故 (a flow, down) <=100 in 2025; 120 (2022), 90 (2024); as of 2025-02: 2024's 90 is no 2025 total.
    # progress (90-120)/(100-120) = 1.5 against 2/3: +83.33 -> ahead (not achieved, as before this rule)
    c = case(tmp_path, """
        - {id: a, region: r, indicator: accidents, kind: level, comparator: "<=", value: 100, year: 2025, source: {document: d}}
    """, "r,accidents,2022,120,,,\nr,accidents,2024,90,,,\n", "2025-02")[0]["a"]
    assert c["status"] == "ahead"
    assert c["gap_points"] == approx(83.3333, abs=1e-4)


def test_f32_the_milestone_shown_is_the_last_one_whose_year_is_over(tmp_path):
    # >=700 by 2027, milestones 550 (2024), 600 (2025), 650 (2026); figures 540 (2024),
    # 570 (2025-06), 590 (2025), 650 (2026-06).
    # As of 2025-07 the last milestone due is 2024's (its year is over): 540 < 550 -> missed,
    # not 2025's, still running. As of 2026-07: 2025's, 590 < 600 -> missed, though 2026's
    # 650 is already reached.
    targets = """
        - {id: m, region: r, indicator: firms, kind: level, comparator: ">=", value: 700, year: 2027,
           milestones: {2024: 550, 2025: 600, 2026: 650}, source: {document: d}}
    """
    figures = "r,firms,2022,495,,,\nr,firms,2024,540,,,\nr,firms,2025-06,570,,,\nr,firms,2025,590,,,\nr,firms,2026-06,650,,,\n"
    m = case(tmp_path, targets, figures, "2025-07")[0]["m"]
    assert (m["milestone_year"], m["milestone_value"], m["milestone_status"]) == (2024, 550, "missed")
    m = case(tmp_path, targets, figures, "2026-07")[0]["m"]
    assert (m["milestone_year"], m["milestone_value"], m["milestone_status"]) == (2025, 600, "missed")
    # before any milestone's year is over: the next one
    m = case(tmp_path, targets, figures, "2024-06")[0]["m"]
    assert (m["milestone_year"], m["milestone_value"]) == (2024, 550)


def test_a_projection_stops_at_first_place_and_at_zero(run, tmp_path):
    """Rank 9 (2023) to 5 (2024): at 4 places a year, 2027 would be 第−7位 on
    a straight line; a place is at least 1. A count of 危房 falling 30 a year
    from 50 stops at 0, not −70."""
    import json

    (tmp_path / "t.yaml").write_text(
        "regions:\n  x: {name: 某县}\nindicators:\n"
        "  rk: {name: 创新能力排名, unit: 位, direction: down}\n"
        "  risky: {name: 危房, unit: 个, direction: down}\n"
        "documents:\n  d: {region: x, title: 方案, issued: '2023-03-01'}\ntargets:\n"
        "  - {id: c, region: x, indicator: rk, kind: rank, comparator: '<=', value: 4, year: 2027,"
        " base: {period: 2023}, source: {document: d}}\n"
        "  - {id: h, region: x, indicator: risky, kind: level, comparator: '<=', value: 0, year: 2027,"
        " base: {period: 2023}, source: {document: d}}\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("region,indicator,period,value\nx,rk,2023,9\nx,rk,2024,5\n"
                                    "x,risky,2023,50\nx,risky,2024,20\n", encoding="utf-8")
    r = run("status", "--all", "--format", "json", "--as-of", "2025-06",
            "--targets", tmp_path / "t.yaml", "--baselines", tmp_path / "b.csv")
    got = {rec["target_id"]: rec["projected_value"] for rec in json.loads(r.stdout)}
    assert got == {"c": 1.0, "h": 0.0}
