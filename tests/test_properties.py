"""Laws the assessment must obey, checked on generated targets (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from policygap import dataset, periods
from policygap.assess import Options, assess

HEAD = """\
regions:
  r: {name: 甲市}
indicators:
  up: {name: 数量, unit: 家}
  pct: {name: 比重, unit: "%"}
  rank: {name: 排名, unit: 位, direction: down}
  mirror: {name: 镜像, unit: 位}
targets:
"""

ORDER = {"missed": 0, "off_track": 1, "behind": 2, "on_track": 3, "ahead": 4, "achieved": 5}
# Each example loads and assesses a data set (about 0.3 s): 60% of the
# profile's examples, 15 in the quick default, 1,200 with HYPOTHESIS_PROFILE=deep.
SETTINGS = settings(max_examples=examples(0.6), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(targets: list[str], observations: list[str], as_of: int):
    with tempfile.TemporaryDirectory() as d:
        t, b = Path(d) / "t.yaml", Path(d) / "b.csv"
        t.write_text(HEAD + "".join(f"  - {x}\n" for x in targets), encoding="utf-8")
        b.write_text("region,indicator,period,value\n" + "".join(f"{x}\n" for x in observations), encoding="utf-8")
        ds = dataset.load(t, b)
        rows = assess(ds, Options(as_of=as_of)).rows
    return {r["target_id"]: r for r in rows.to_dict("records")}


plans = st.tuples(
    st.integers(2012, 2022),  # base year
    st.integers(2, 8),  # years to the target
    st.data(),
)


@SETTINGS
@given(plans, st.floats(1, 1e5), st.floats(1.05, 5), st.floats(0.01, 0.4), st.floats(1.2, 4))
def test_a_series_on_the_planned_path_is_on_track_every_year(plan, base, factor, rate, multiple):
    base_year, years, data = plan
    k = data.draw(st.integers(1, years - 1), label="years elapsed")
    target_year = base_year + years
    goal = base * factor
    pct_base = 1 + base % 40
    pct_goal = pct_base * factor if pct_base * factor < 100 else 99.0
    rank_base, rank_goal = 300, 300 - int(270 * (1 - 1 / factor))
    if rank_goal >= rank_base:
        rank_goal = rank_base - 1
    pin = f'base: {{period: "{base_year}"}}'
    targets = [
        f"{{id: level, region: r, indicator: up, kind: level, value: {goal!r}, year: {target_year}, {pin}}}",
        f"{{id: share, region: r, indicator: pct, kind: share, value: {pct_goal!r}, year: {target_year}, {pin}}}",
        f"{{id: rank, region: r, indicator: rank, kind: rank, value: {rank_goal}, year: {target_year}, {pin}}}",
    ]
    latest = base_year + k
    obs = [
        f"r,up,{base_year},{base!r}", f"r,up,{latest},{base + (goal - base) * k / years!r}",
        f"r,pct,{base_year},{pct_base!r}", f"r,pct,{latest},{pct_base + (pct_goal - pct_base) * k / years!r}",
        f"r,rank,{base_year},{rank_base}", f"r,rank,{latest},{rank_base + (rank_goal - rank_base) * k / years!r}",
    ]
    rows = run(targets, obs, periods.year_end(latest))
    for tid in ("level", "share", "rank"):
        assert rows[tid]["status"] == "on_track", (tid, rows[tid])
        assert abs(rows[tid]["gap_points"]) < 1e-6

    # growth-type targets follow the compound path
    targets = [
        f"{{id: growth, region: r, indicator: up, kind: growth_rate, value: {rate * 100!r}, year: {target_year}, {pin}}}",
        f"{{id: double, region: r, indicator: mirror, kind: multiple, value: {multiple!r}, year: {target_year}, {pin}}}",
    ]
    g_multiple = multiple ** (1 / years)
    obs = [
        f"r,up,{base_year},{base!r}", f"r,up,{latest},{base * (1 + rate) ** k!r}",
        f"r,mirror,{base_year},{base!r}", f"r,mirror,{latest},{base * g_multiple ** k!r}",
    ]
    rows = run(targets, obs, periods.year_end(latest))
    for tid in ("growth", "double"):
        assert rows[tid]["status"] == "on_track", (tid, rows[tid])


# A share of the base as a statistic is written: to six decimals (a figure of
# 10^-177 is refused on reading as too small to compute with).
shares = st.floats(0, 3).map(lambda x: round(x, 6))


@SETTINGS
@given(plans, st.floats(1, 1e4), st.floats(1.05, 3), shares, shares)
def test_a_higher_figure_never_worsens_the_status(plan, base, factor, a, b):
    base_year, years, data = plan
    k = data.draw(st.integers(1, years), label="years elapsed")
    goal = base * factor
    low, high = sorted((base * a, base * b))
    target_year = base_year + years
    pin = f'base: {{period: "{base_year}"}}'
    statuses = []
    for value in (low, high):
        rows = run(
            [f"{{id: t, region: r, indicator: up, kind: level, value: {goal!r}, year: {target_year}, {pin}}}"],
            [f"r,up,{base_year},{base!r}", f"r,up,{base_year + k},{value!r}"],
            periods.year_end(base_year + k),
        )
        statuses.append(rows["t"]["status"])
    assert ORDER[statuses[1]] >= ORDER[statuses[0]], statuses


@SETTINGS
@given(plans, st.integers(20, 200), st.integers(1, 19), st.integers(1, 250))
def test_a_rank_target_mirrors_a_level_target(plan, base_rank, climb, latest_rank):
    """Rank r against goal g is the level target (M − r) against (M − g)."""
    base_year, years, data = plan
    k = data.draw(st.integers(1, years), label="years elapsed")
    goal_rank = base_rank - climb
    mirror = 1000
    target_year = base_year + years
    pin = f'base: {{period: "{base_year}"}}'
    rows = run(
        [f"{{id: rank, region: r, indicator: rank, kind: rank, value: {goal_rank}, year: {target_year}, {pin}}}",
         f"{{id: level, region: r, indicator: mirror, kind: level, value: {mirror - goal_rank}, year: {target_year}, {pin}}}"],
        [f"r,rank,{base_year},{base_rank}", f"r,rank,{base_year + k},{latest_rank}",
         f"r,mirror,{base_year},{mirror - base_rank}", f"r,mirror,{base_year + k},{mirror - latest_rank}"],
        periods.year_end(base_year + k),
    )
    rank, level = rows["rank"], rows["level"]
    assert rank["status"] == level["status"]
    assert rank["progress"] == level["progress"]
    assert rank["expected_progress"] == level["expected_progress"]
    if rank["required_annual_change"] == rank["required_annual_change"]:  # not NaN
        assert rank["required_annual_change"] == -level["required_annual_change"]
