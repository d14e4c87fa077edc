"""The ad-hoc calculator behind ``policygap required``: from a base figure to a
goal, the average annual growth (and yearly change) required and the
year-by-year path. The same core functions as the assessment."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .i18n import _
from . import core, periods, units
from .errors import PolicygapError
from .numbers import NumberError, parse_value, range_problem
from .textio import clipped


@dataclass
class Plan:
    base: float
    goal: float
    base_period: str
    target_year: int
    unit: str
    years: float
    required_annual_growth: float | None  # None for a percentage (tracked in points)
    required_annual_change: float
    path: list[dict]  # period, years, compound, linear
    # Less than a year left: the growth and change are what is still needed
    # by the year's end (55 more on 545 is 10.09%), not a rate over the part-year.
    within_the_year: bool = False


def parse_amount(text: str, unit: str | None, what: str) -> float:
    try:
        value, _provisional = parse_value(text, unit or None)
    except NumberError as exc:
        if not unit and any(_reads_with(text, u) for u in ("家", "元", "%")):  # 1.3万, 15.98亿元, 2.1%: no --unit
            raise PolicygapError(_("{what}: {value} has a unit or 万/亿 after the number: say the unit with --unit, "
                                   "e.g. --unit 家, --unit 亿元 or --unit %").format(what=what, value=text)) from None
        raise PolicygapError(f"{what}: {exc}") from None
    problem = range_problem(value, text)
    if problem:
        raise PolicygapError(f"{what}: {problem}")
    return value


def _reads_with(text: str, unit: str) -> bool:
    try:
        parse_value(text, unit)
    except NumberError:
        return False
    return True


def plan(base: float, goal: float, base_period: str, target_year: int, unit: str = "") -> Plan:
    """Required growth from ``base`` at ``base_period`` (YYYY or YYYY-MM) to
    ``goal`` by the end of ``target_year``, and the path at each year end."""
    try:
        b = periods.parse_period(base_period, typed=True)
    except periods.PeriodError as exc:
        raise PolicygapError(f"--from: {exc}") from None
    # as written, in the two-digit form (2024-4 → 2024-04; 2024 stays a year)
    base_period = periods.format_period(b, annual=len(base_period.strip()) == 4)
    if not periods.in_year_range(target_year):
        raise PolicygapError(f"--to: {periods.year_range_message(str(target_year), target_year)}")
    t = periods.year_end(target_year)
    if t <= b:
        raise PolicygapError(_("--to {year} is not after --from {period}").format(year=target_year, period=base_period))
    if unit and not units.is_known(unit):
        raise PolicygapError(_("--unit: unknown unit {unit}").format(unit=repr(clipped(unit))))
    years = (t - b) / 12
    # A share moves in 百分点 and a rank in places: neither has a growth rate.
    by_change = bool(unit) and (units.is_percent(unit) or units.dimension(unit) == "rank")
    within = years < 1
    growth = None if by_change else float(core.still_needed_growth(base, goal) if within
                                          else core.cagr(base, goal, years))
    if growth is not None and growth != growth:  # NaN: non-positive figures
        growth = None
    change = float(goal - base if within else core.annual_change(base, goal, years))
    path = []
    first_year = periods.year_of(b) + (0 if b % 12 else 1)
    for year in range(first_year, target_year + 1):
        end = periods.year_end(year)
        elapsed = (end - b) / 12
        if within:  # one step: the year's end is the goal
            compound, linear = (goal if growth is not None else None), goal
        else:
            compound = float(core.compound_value(base, growth, elapsed)) if growth is not None else None
            linear = base + change * elapsed
        path.append({"period": str(year), "years": elapsed, "compound": compound, "linear": linear})
    _check_finite(change, growth, path)
    return Plan(base, goal, base_period, target_year, unit, years, growth, change, path, within)


def _check_finite(change, growth, path) -> None:
    """Figures so far apart (1 to 10^300) that the growth or the path leaves
    the range of a float: an error, never Infinity or NaN in the output."""
    figures = [change, *(row[k] for row in path for k in ("compound", "linear") if row[k] is not None)]
    if growth is not None:
        figures.append(growth)
    if not all(math.isfinite(x) for x in figures):
        raise PolicygapError(_("BASE and TARGET are too far apart to compute a growth rate or a path"))


def path_decimals(base: float, goal: float, years: float) -> int:
    """Decimals that show the yearly path in significant digits: two
    significant digits of a year's step (0.1 → 0.2 over 2 years, a step of
    0.05: 0.141; 2.24 → 2.5 over 2 years, 0.13 a year: 2.37; 473 → 600 over 3
    years, 42 a year: 512), and at least as many as BASE and TARGET have."""
    step = abs(goal - base) / years if years > 0 else 0.0
    size = step if step > 0 else max(abs(base), abs(goal))
    if not size or not math.isfinite(size):
        return 0
    # never fewer than BASE and TARGET are written with: 473 → 600.5 ends at 600.5, not 601
    return max(0, 1 - math.floor(math.log10(size)), _written_decimals(base), _written_decimals(goal))


def _written_decimals(x: float) -> int:
    """Decimals of a figure as typed (600.5: 1; 600: 0), at most 6."""
    text = repr(float(x))
    if "e" in text or "." not in text:
        return 0
    return min(6, len(text.split(".")[1].rstrip("0")))
