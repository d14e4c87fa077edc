"""The arithmetic of core.py against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from policygap import core


def test_required_growth_473_to_600_over_three_years():
    # (600/473)^(1/3) - 1 = 8.2505%
    expected = (600 / 473) ** (1 / 3) - 1
    assert core.cagr(473, 600, 3) == pytest.approx(expected, rel=1e-15)
    assert round(float(core.cagr(473, 600, 3)) * 100, 2) == 8.25


def test_required_growth_from_april_2024_is_one_year_eight_months():
    years = 1 + 8 / 12
    expected = (600 / 495) ** (1 / years) - 1
    assert core.cagr(495, 600, years) == pytest.approx(expected, rel=1e-15)
    assert round(float(core.cagr(495, 600, years)) * 100, 1) == 12.2


def test_cagr_undefined_for_nonpositive_values_or_no_time():
    assert math.isnan(core.cagr(0, 10, 3))
    assert math.isnan(core.cagr(10, -1, 3))
    assert math.isnan(core.cagr(10, 20, 0))


def test_required_path_473_to_600():
    # 473 × 1.0825^k: 512.0, 554.3, 600 (the yearly path planners print)
    from policygap.required import plan

    p = plan(473, 600, "2022", 2025)
    assert [round(x["compound"], 1) for x in p.path] == [512.0, 554.3, 600.0]
    assert [x["linear"] for x in p.path] == pytest.approx([473 + 127 / 3, 473 + 254 / 3, 600])


def test_progress_is_share_of_the_way():
    assert core.progress(473, 495, 600) == pytest.approx(22 / 127)
    # A rank (lower is better) 55 -> 50, now 45: twice the way.
    assert core.progress(55, 45, 50) == pytest.approx(2.0)
    assert math.isnan(core.progress(5, 6, 5))


def test_expected_progress_linear_and_compound():
    assert core.expected_progress(16 / 12, 3) == pytest.approx(16 / 36)
    # Compound from 100 to 200 over 4 years: after 2 years the path is at
    # 100 × √2, i.e. (√2 - 1)/(2 - 1) of the way.
    assert core.expected_progress(2, 4, 100, 200, True) == pytest.approx(math.sqrt(2) - 1)
    # Linear where compound is undefined (non-positive base).
    assert core.expected_progress(2, 4, 0, 200, True) == pytest.approx(0.5)


def test_meets_honours_the_boundary_exactly():
    assert core.meets(600, 600, ">=", 0, False)
    assert not core.meets(600, 600, ">", 0, False)
    assert core.meets(600.01, 600, ">", 0, False)
    assert core.meets(50, 50, "<=", 0, True)
    assert not core.meets(50, 50, "<", 0, True)
    assert not core.meets(599.99, 600, ">=", 0, False)


def test_meets_approx_band():
    # 100项左右 with the default 5%: 95 meets, 94.9 does not, 120 is over-fulfilled.
    assert core.meets(95, 100, "~", 0.05, False)
    assert not core.meets(94.9, 100, "~", 0.05, False)
    assert core.meets(120, 100, "~", 0.05, False)
    # 7.5%左右: 7.3 is within ±0.2/7.5 = 2.67%, so a 3% band accepts it.
    assert core.meets(7.3, 7.5, "~", 0.03, False)


def test_meets_with_computed_goal_ignores_binary_noise():
    goal = 473 * (600 / 473) ** (1 / 3) ** 1  # not exactly representable
    assert core.meets(600, core.compound_value(473, core.cagr(473, 600, 3), 3), ">=", 0, False)
    assert goal > 0


@pytest.mark.parametrize(
    "gap, status",
    [
        (10.0, "ahead"), (9.9, "on_track"), (10.1, "ahead"),
        (-10.0, "on_track"), (-9.9, "on_track"), (-10.1, "behind"),
        (-30.0, "behind"), (-29.9, "behind"), (-30.1, "off_track"),
        (0.0, "on_track"),
    ],
)
def test_grade_boundaries(gap, status):
    assert core.grade(np.array([gap]), 10, -10, -30)[0] == status


def test_gap_rounding_keeps_exact_boundaries():
    # 0.2 - 0.3 is -0.09999999999999998 in binary: exactly -10 points.
    gap = core.gap_points(0.2, 0.3)
    assert gap == -10.0
    assert core.grade(gap, 10, -10, -30) == "on_track"


@pytest.mark.parametrize(
    "ratio, category",
    [(0.95, "substantial"), (0.9499, "moderate"), (0.6, "moderate"), (0.5999, "limited"),
     (0.0, "limited"), (-0.0001, "deterioration"), (1.3, "substantial")],
)
def test_cagr_categories_boundaries_included(ratio, category):
    assert core.cagr_category(np.array([ratio]), np.array([False]))[0] == category


def test_cagr_category_achieved_checked_first():
    assert core.cagr_category(np.array([-1.0]), np.array([True]))[0] == "achieved"


def test_years_to_reach():
    # 495 growing 16.5 a year reaches 600 in 105/16.5 years.
    assert core.years_to_reach(495, 600, 16.5, False) == pytest.approx(105 / 16.5)
    # compound: 100 at 10% reaches 121 in 2 years
    assert core.years_to_reach(100, 121, 0.1, True) == pytest.approx(2.0)
    # moving away: never
    assert math.isnan(core.years_to_reach(495, 600, -3, False))
