"""The arithmetic of targets, as small functions over whole columns.

No I/O, no pandas: numpy arrays in, numpy arrays out, so the same functions
serve one target or a hundred thousand, and the ad-hoc calculator
(``policygap required``) uses exactly what the assessment uses.

Notation (docs/methodology.md): base value B at base time b, latest value L at
time l, goal V at the end of the target year t; times in years.

    n = t - b    the plan's length      e = l - b    years elapsed
    r = t - l    years remaining
"""

from __future__ import annotations

import numpy as np

# Gaps are compared with thresholds after rounding to this many decimals of a
# percentage point, so that binary noise (−9.999999999999998) cannot move a
# target across a boundary that its exact value sits on.
GAP_DECIMALS = 9
# Comparisons of a value with a computed goal allow this relative slack, for
# the same reason (473 × 1.0825³ is not exactly 600 in binary).
REL_EPS = 1e-12


def _arr(x):
    return np.asarray(x, dtype=float)


def cagr(start, end, years):
    """Average annual (geometric) growth: (end/start)^(1/years) − 1.

    NaN where it has no meaning: non-positive values or no time elapsed.
    """
    start, end, years = _arr(start), _arr(end), _arr(years)
    ok = (start > 0) & (end > 0) & (years > 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.power(np.where(ok, end / np.where(ok, start, 1), 1), 1 / np.where(ok, years, 1)) - 1
    return np.where(ok, out, np.nan)


def annual_change(start, end, years):
    """Average change per year in the indicator's unit (百分点 for a share)."""
    start, end, years = _arr(start), _arr(end), _arr(years)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(years > 0, (end - start) / np.where(years > 0, years, 1), np.nan)


def compound_value(start, rate, years):
    """start × (1 + rate)^years."""
    start, rate, years = _arr(start), _arr(rate), _arr(years)
    with np.errstate(invalid="ignore", over="ignore"):
        return start * np.power(1 + rate, years)


def progress(base, latest, goal):
    """Share of the way from base to goal covered: (L − B)/(V − B).

    Direction-free: it works for a rank (55 → 50, now 45: 200%) as for a count.
    NaN when the goal equals the base.
    """
    base, latest, goal = _arr(base), _arr(latest), _arr(goal)
    span = goal - base
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(span != 0, (latest - base) / np.where(span != 0, span, 1), np.nan)


def expected_progress(elapsed, total, base=None, goal=None, compound=None):
    """序时进度: the share of the way the plan's path has covered after
    ``elapsed`` of ``total`` years.

    Linear (the planners' 时间进度): elapsed/total. Compound (for targets that
    are growth rates by nature): the share covered by constant growth from
    base to goal, ((V/B)^(e/n) − 1)/((V/B) − 1); linear where that is
    undefined (non-positive values or V = B).
    """
    elapsed, total = _arr(elapsed), _arr(total)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(total > 0, elapsed / np.where(total > 0, total, 1), np.nan)
    frac = np.clip(frac, 0, 1)
    if compound is None or base is None or goal is None:
        return frac
    base, goal, compound = _arr(base), _arr(goal), np.asarray(compound, dtype=bool)
    ok = compound & (base > 0) & (goal > 0) & (goal != base)
    ratio = np.where(ok, goal / np.where(ok, base, 1), 2.0)
    with np.errstate(invalid="ignore", over="ignore"):
        comp = (np.power(ratio, frac) - 1) / (ratio - 1)
    return np.where(ok, comp, frac)


def elapsed_share(elapsed, total):
    """序时进度 as planners read it: the share of the plan's time elapsed, e/n,
    between 0 and 1, for every kind."""
    return expected_progress(elapsed, total)


def path_share(elapsed, total, base, goal):
    """路径进度: the share of the way a constant-growth path from B to V has
    covered after e of n years, ((V/B)^(e/n) − 1)/((V/B) − 1). NaN where the
    path is undefined (non-positive figures or V = B)."""
    base, goal = _arr(base), _arr(goal)
    ok = (base > 0) & (goal > 0) & (goal != base)
    share = expected_progress(elapsed, total, base, goal, np.ones(np.broadcast(base, goal).shape, dtype=bool))
    return np.where(ok, share, np.nan)


def still_needed_growth(latest, goal):
    """Growth still needed within the last year of a plan, not annualised:
    V/L − 1 (55 more on 545 is 10.09%, whatever part of the year is left)."""
    latest, goal = _arr(latest), _arr(goal)
    ok = (latest > 0) & (goal > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, goal / np.where(ok, latest, 1) - 1, np.nan)


def shortfall(latest, goal, lower_is_better):
    """How far the latest figure falls short of the goal, in the indicator's
    unit, never negative: V − L (L − V where lower is better)."""
    latest, goal = _arr(latest), _arr(goal)
    short = np.where(np.asarray(lower_is_better, dtype=bool), latest - goal, goal - latest)
    return np.where(np.isnan(short), np.nan, np.maximum(short, 0.0))


def share_of(amount, scale):
    """``amount`` as a percentage of |scale| (NaN where scale is 0)."""
    amount, scale = _arr(amount), np.abs(_arr(scale))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(scale > 0, amount / np.where(scale > 0, scale, 1) * 100, np.nan)


def grade_shortfall(short_share, behind):
    """Status of a target that is not met and has no progress to measure (its
    base already met the goal; a cap on a flow overrun at the year's pace):
    behind while the shortfall is at most |behind| per cent of the goal (30),
    off_track beyond. Boundary included (30% is behind)."""
    s = np.round(_arr(short_share), GAP_DECIMALS)
    return np.where(s <= -_arr(behind), "behind", "off_track").astype(object)


def meets(value, goal, comparator, tolerance, lower_is_better):
    """Whether ``value`` meets ``goal`` under the comparator.

    ``>=`` and ``>`` are honoured exactly at the boundary (以上/达到 include the
    number, 超过 excludes it). ``~`` (左右) is met within ±tolerance × |goal|,
    and beyond the band on the better side (100项左右 with 120 is 超额完成).
    """
    value, goal, tol = _arr(value), _arr(goal), _arr(tolerance)
    comparator = np.asarray(comparator, dtype=object)
    slack = REL_EPS * np.abs(goal)
    band = tol * np.abs(goal)
    lower = np.asarray(lower_is_better, dtype=bool)
    with np.errstate(invalid="ignore"):
        approx = np.where(lower, value <= goal + band + slack, value >= goal - band - slack)
        out = np.select(
            [comparator == ">=", comparator == ">", comparator == "<=", comparator == "<", comparator == "~"],
            [value >= goal - slack, value > goal + slack, value <= goal + slack, value < goal - slack, approx],
            default=False,
        )
    return out & ~np.isnan(value) & ~np.isnan(goal)


def gap_points(progress_, expected):
    """Progress minus 序时进度, in 百分点 (percentage points)."""
    return np.round((_arr(progress_) - _arr(expected)) * 100, GAP_DECIMALS)


def grade(gap, ahead, on_track, behind):
    """Status from the gap to 序时进度 (defaults +10 / −10 / −30 points):
    ahead at +10 and above, on_track from −10 up, behind from −10 down to −30
    (−30 included), off_track below −30. NaN gap -> ''."""
    gap = _arr(gap)
    return np.select(
        [np.isnan(gap), gap >= ahead, gap >= on_track, gap >= behind],
        ["", "ahead", "on_track", "behind"],
        default="off_track",
    ).astype(object)


# International method (open-sdg / Statistics Canada, after Eurostat): the
# ratio of the growth achieved to the growth planned.
CAGR_CATEGORY_ZH = {
    "achieved": "已实现",
    "substantial": "显著进展",
    "moderate": "中等进展",
    "limited": "有限进展",
    "deterioration": "倒退",
}
# How the categories read as policygap statuses under --method sdg.
CAGR_TO_STATUS = {
    "achieved": "achieved",
    "substantial": "on_track",
    "moderate": "behind",
    "limited": "off_track",
    "deterioration": "off_track",
}


def change_ratio(actual_change, planned_change):
    """The same ratio for figures that move in their own unit (百分点, places,
    a running sum): actual change a year ÷ planned change a year."""
    return cagr_ratio(actual_change, planned_change)


def cagr_ratio(actual_growth, planned_growth):
    a, p = _arr(actual_growth), _arr(planned_growth)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p != 0, a / np.where(p != 0, p, 1), np.nan)


def cagr_category(ratio, achieved):
    """≥ 0.95 substantial, ≥ 0.6 moderate, ≥ 0 limited, < 0 deterioration;
    'achieved' is checked first. Boundaries included (0.95 is substantial)."""
    ratio = np.round(_arr(ratio), 12)
    return np.select(
        [np.asarray(achieved, dtype=bool), np.isnan(ratio), ratio >= 0.95, ratio >= 0.6, ratio >= 0],
        ["achieved", "", "substantial", "moderate", "limited"],
        default="deterioration",
    ).astype(object)


def years_to_reach(latest, goal, rate, compound):
    """Years from the latest figure until the goal is reached at ``rate``
    (a growth rate if compound, a change per year if linear). NaN when the
    pace does not lead there."""
    latest, goal, rate = _arr(latest), _arr(goal), _arr(rate)
    compound = np.asarray(compound, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        lin = (goal - latest) / rate
        comp = np.log(goal / latest) / np.log1p(rate)
    out = np.where(compound, comp, lin)
    return np.where(np.isfinite(out) & (out >= 0), out, np.nan)
