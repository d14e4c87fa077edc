"""Silent misreads made loud: `validate` warns on each, and a flow the data
reveals is read as one (hand-worked)."""

from __future__ import annotations

import textwrap

import pytest

from policygap import dataset, periods
from policygap.assess import Options, assess

TARGETS = """\
regions:
  r: {name: 甲市}
indicators:
  trained: {name: 培训人数, unit: 人}
  new_firms: {name: 新增科技型企业, unit: 家}
  visits: {name: 科技服务次数, unit: 个}
  output: {name: 高技术产业产值, unit: 亿元}
  firms: {name: 高新技术企业数量, unit: 家}
documents:
  d: {region: r, title: 方案, issued: "2023-08-03"}
  nodate: {region: r, title: 无日期方案}
targets:
"""
CSV = "region,indicator,period,value\n"


def load(tmp_path, targets: str, rows: str):
    t = tmp_path / "t.yaml"
    b = tmp_path / "b.csv"
    t.write_text(TARGETS + textwrap.indent(textwrap.dedent(targets), "  "), encoding="utf-8")
    b.write_text(CSV + textwrap.dedent(rows), encoding="utf-8")
    ds, problems = dataset.check(t, b)
    warnings = [p for p in problems if not p.is_error]
    assert not [p for p in problems if p.is_error], problems
    return ds, warnings


def status(ds, as_of):
    result = assess(ds, Options(as_of=periods.parse_as_of(as_of)))
    return {r["target_id"]: r for r in result.rows.to_dict("records")}


def test_annual_target_on_indicator_without_measure_warns(tmp_path):
    # 每年培训50人 on an indicator without measure, and no part-year figure to
    # reveal a flow: read as a stock (each year's rise), so warned
    ds, warnings = load(tmp_path, """
        - {id: a, region: r, indicator: trained, kind: annual, value: 50, year: 2025, from: 2024, source: {document: d}}
    """, "r,trained,2023,35\nr,trained,2024,40\n")
    hit = [w for w in warnings if "targets[a]" in w.field]
    assert len(hit) == 1 and "measure: flow" in hit[0].message


def test_flow_inferred_from_name(tmp_path):
    # 新增科技型企业 每年50家: read as a flow, warned with the reason.
    # 30 by 2025-10: 30/50 = 0.6 against 10/12 = 0.833333 -> gap -23.33 -> behind
    # (read as a stock it would have been 30 - 55 = -25 of a rise of 50); 2024: 55 >= 50 met.
    ds, warnings = load(tmp_path, """
        - {id: a, region: r, indicator: new_firms, kind: annual, value: 50, year: 2025, from: 2024, source: {document: d}}
    """, "r,new_firms,2024,55\nr,new_firms,2025-10,30\n")
    hit = [w for w in warnings if w.field == "indicators.new_firms.measure"]
    assert len(hit) == 1 and "新增" in hit[0].message
    assert not [w for w in warnings if "targets[a]" in w.field]  # no longer silent, no longer a stock
    a = status(ds, "2025-10")["a"]
    assert a["progress"] == pytest.approx(0.6)
    assert a["expected_progress"] == pytest.approx(10 / 12)
    assert a["gap_points"] == pytest.approx(-23.3333, abs=1e-4)
    assert a["status"] == "behind"


def test_flow_inferred_from_figures_falling_back_each_january(tmp_path):
    # 100 (2023), 20 (2024-03), 110 (2024), 25 (2025-03): each part-year figure
    # after a year end is lower than it -> a year-to-date total, a flow
    ds, warnings = load(tmp_path, """
        - {id: v, region: r, indicator: visits, kind: annual, value: 120, year: 2025, from: 2024, source: {document: d}}
    """, "r,visits,2023,100\nr,visits,2024-03,20\nr,visits,2024,110\nr,visits,2025-03,25\n")
    hit = [w for w in warnings if w.field == "indicators.visits.measure"]
    assert len(hit) == 1 and "January" in hit[0].message
    # 2025: 25 of 120 by March: 0.208333 against 0.25 -> -4.17 -> on_track;
    # 2024: 110 < 120 -> missed, so the row is missed
    v = status(ds, "2025-03")["v"]
    assert v["status"] == "missed" and "2024" in v["note"]
    assert v["progress"] == pytest.approx(25 / 120)


def test_stock_with_a_rise_in_january_is_not_inferred(tmp_path):
    ds, warnings = load(tmp_path, """
        - {id: v, region: r, indicator: visits, kind: level, value: 200, year: 2025, source: {document: d}}
    """, "r,visits,2023,100\nr,visits,2024-03,102\nr,visits,2024,110\n")
    assert not [w for w in warnings if w.field == "indicators.visits.measure"]


def test_document_without_issued_date_warns(tmp_path):
    ds, warnings = load(tmp_path, """
        - {id: a, region: r, indicator: firms, kind: level, value: 600, year: 2025, source: {document: nodate}}
        - {id: b, region: r, indicator: firms, kind: level, value: 700, year: 2026, source: {document: nodate}}
    """, "r,firms,2022,473\nr,firms,2024,500\n")
    hit = [w for w in warnings if "nodate" in w.message]
    assert len(hit) == 1 and "2 target" in hit[0].message


def test_growth_from_zero_base_warns(tmp_path):
    ds, warnings = load(tmp_path, """
        - {id: g, region: r, indicator: output, kind: multiple, value: 2, year: 2025, base: {period: "2022"}, source: {document: d}}
    """, "r,output,2022,0\nr,output,2024,5\n")
    hit = [w for w in warnings if w.field == "targets[g].kind"]
    assert len(hit) == 1 and "zero or negative" in hit[0].message


def test_publication_lag_must_be_months(tmp_path):
    t = tmp_path / "t.yaml"
    t.write_text(TARGETS.replace("firms: {name: 高新技术企业数量, unit: 家}",
                                 "firms: {name: 高新技术企业数量, unit: 家, publication_lag: soon}"), encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(CSV, encoding="utf-8")
    _, problems = dataset.check(t, b)
    assert [p for p in problems if p.is_error and p.field.endswith("publication_lag")]


JUMP_TARGETS = """\
regions:
  x: {name: 某县}
indicators:
  smes: {name: 科技型中小企业数量, unit: 家, direction: up, measure: stock}
  contract: {name: 技术合同成交额, unit: 亿元, direction: up, measure: flow}
  rank: {name: 创新能力排位, unit: 位, direction: down, measure: stock}
documents:
  d: {region: x, title: 方案, issued: "2023-03-01"}
targets:
  - {id: smes, region: x, indicator: smes, kind: level, comparator: ">=", value: 300, year: 2026, source: {document: d}}
  - {id: contract, region: x, indicator: contract, kind: level, comparator: ">=", value: 10, year: 2026,
     source: {document: d}}
  - {id: rank, region: x, indicator: rank, kind: rank, comparator: "<=", value: 50, year: 2026, source: {document: d}}
"""


@pytest.mark.parametrize("rows, flagged", [
    # named as a planner knows them; a fall said as a fraction
    ("x,smes,2023,155,家,x\nx,smes,2024,1.6万,家,x\n", ["某县 科技型中小企业数量 2024: 16000 is 103 times the 155 of 2023"]),
    ("x,smes,2023,1300,家,x\nx,smes,2024,1.3,家,x\n", ["某县 科技型中小企业数量 2024: 1.3 is only 1/1,000 of the 1300 of 2023"]),
    ("x,smes,2023,1,家,x\nx,smes,2024,45,家,x\n", []),  # ×45: a real (if fast) rise
    # a flow's January figure is a sliver of last year's total: not a slip
    ("x,contract,2023,12,亿元,x\nx,contract,2024-01,0.1,亿元,x\nx,contract,2024,13,亿元,x\n", []),
    ("x,contract,2023,12,亿元,x\nx,contract,2024,1300,亿元,x\n", ["某县 技术合同成交额 2024: 1300 is 108 times"]),
    # a total from January in 万元 typed into 亿元: against last year's total, or the month before
    ("x,contract,2023,5.1,亿元,x\nx,contract,2024-01,9000,亿元,x\n",
     ["某县 技术合同成交额 2024-01: 9000 is 1,765 times the 5.1 of 2023"]),
    ("x,contract,2024-08,2.9,亿元,x\nx,contract,2024-09,3.3,亿元,x\nx,contract,2024-10,33000,亿元,x\n",
     ["某县 技术合同成交额 2024-10: 33000 is 10,000 times the 3.3 of 2024-09"]),
    # a small January, then a February in line with last year's total: no slip
    ("x,contract,2023,5,亿元,x\nx,contract,2024-01,0.1,亿元,x\nx,contract,2024-02,6,亿元,x\n", []),
    ("x,rank,2023,2,位,x\nx,rank,2024,180,位,x\n", []),  # ranks move as they move
    ("x,smes,2023,0,家,x\nx,smes,2024,200,家,x\n", []),  # from zero: no ratio
])
def test_a_figure_far_from_the_one_before_is_a_warning(run, data, english, rows, flagged):
    t, b = data(JUMP_TARGETS, "region,indicator,period,value,unit,source\n" + rows)
    r = run("validate", "--targets", t, "--baselines", b)
    found = [line for line in r.stderr.splitlines() if "[O022]" in line or "[O023]" in line]
    assert len(found) == len(flagged), r.stderr
    for line, text in zip(found, flagged):
        assert text in line and "check the unit" in line


def test_many_jumps_stay_warnings(run, data):
    """More than the 20 listed: the count of the rest is a warning too, so the
    data still loads (exit 1 from validate, a table from status)."""
    rows = "".join(f"x,smes,{2000 + i},{10 if i % 2 else 1000},家,x\n" for i in range(40))
    t, b = data(JUMP_TARGETS, "region,indicator,period,value,unit,source\n" + rows)
    r = run("validate", "--targets", t, "--baselines", b)
    assert r.exit_code == 1, r.stderr
    assert run("status", "x", "--targets", t, "--baselines", b, "--as-of", "2040-06").exit_code == 0


@pytest.mark.parametrize("rows, flagged", [
    # 1.05 by June, 0.9 by September: a total from January cannot fall (one quarter typed?)
    ("x,contract,2025-06,1.05,亿元,x\nx,contract,2025-09,0.9,亿元,x\n",
     ["某县 技术合同成交额 2025-09: 0.9 is less than the 1.05 of 2025-06"]),
    # a new year starts again from 0; a stock may fall; equal totals are fine
    ("x,contract,2024,13,亿元,x\nx,contract,2025-03,2,亿元,x\n", []),
    ("x,smes,2025-06,300,家,x\nx,smes,2025-09,290,家,x\n", []),
    ("x,contract,2025-06,1.05,亿元,x\nx,contract,2025-09,1.05,亿元,x\n", []),
])
def test_a_falling_year_to_date_total_is_a_warning(run, data, english, rows, flagged):
    t, b = data(JUMP_TARGETS, "region,indicator,period,value,unit,source\n" + rows)
    r = run("validate", "--targets", t, "--baselines", b)
    found = [line for line in r.stderr.splitlines() if "[O024]" in line]
    assert len(found) == len(flagged), r.stderr
    for line, text in zip(found, flagged):
        assert text in line and "cannot fall" in line
    assert r.exit_code == (1 if flagged else 0)


def test_a_slip_is_shown_by_every_command_that_reads_the_figures(run, data, english):
    """28000 typed in 万元 into a 亿元 row makes the target achieved: status,
    check and report say so on stderr, not only validate (a count in a note
    is not enough for a figure that turns a target green)."""
    t, b = data(JUMP_TARGETS, "region,indicator,period,value,unit,source\n"
                              "x,contract,2023,2.7,亿元,x\nx,contract,2024,28000,亿元,x\n")
    for args in (("status", "x"), ("status", "x", "-f", "json"), ("check", "x")):
        r = run(*args, "--targets", t, "--baselines", b, "--as-of", "2025-03")
        assert r.exit_code in (0, 1)
        assert "[O022]" in r.stderr and "28000 is 10,370 times the 2.7 of 2023" in r.stderr, args
    many = "".join(f"x,contract,{2000 + i},{2 if i % 2 else 20000},亿元,x\n" for i in range(0, 20, 2))
    many += "".join(f"x,smes,{2000 + i},{10 if i % 2 else 10000},家,x\n" for i in range(10))
    t, b = data(JUMP_TARGETS, "region,indicator,period,value,unit,source\n" + many)
    r = run("check", "x", "--targets", t, "--baselines", b, "--as-of", "2025-03")
    assert len([ln for ln in r.stderr.splitlines() if "[O02" in ln]) == 5
    assert "more figures to check; policygap validate lists them" in r.stderr
