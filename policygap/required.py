"""The ad-hoc calculator behind ``policygap required``: from a base figure to a
goal, the average annual growth (and yearly change) required and the
year-by-year path. The same core functions as the assessment."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _
from . import core, periods, units
from .errors import PolicygapError
from .numbers import NumberError, parse_value


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


def parse_amount(text: str, unit: str | None, what: str) -> float:
    try:
        value, _ = parse_value(text, unit or None)
    except NumberError as exc:
        raise PolicygapError(f"{what}: {exc}") from None
    return value


def plan(base: float, goal: float, base_period: str, target_year: int, unit: str = "") -> Plan:
    """Required growth from ``base`` at ``base_period`` (YYYY or YYYY-MM) to
    ``goal`` by the end of ``target_year``, and the path at each year end."""
    try:
        b = periods.parse_period(base_period)
    except periods.PeriodError as exc:
        raise PolicygapError(f"--from: {exc}") from None
    t = periods.year_end(target_year)
    if t <= b:
        raise PolicygapError(_("--to {year} is not after --from {period}").format(year=target_year, period=base_period))
    if unit and not units.is_known(unit):
        raise PolicygapError(_("--unit: unknown unit {unit}").format(unit=repr(unit)))
    years = (t - b) / 12
    percent = units.is_percent(unit) if unit else False
    growth = None if percent else float(core.cagr(base, goal, years))
    if growth is not None and growth != growth:  # NaN: non-positive figures
        growth = None
    change = float(core.annual_change(base, goal, years))
    path = []
    first_year = periods.year_of(b) + (0 if b % 12 else 1)
    for year in range(first_year, target_year + 1):
        end = periods.year_end(year)
        elapsed = (end - b) / 12
        compound = float(core.compound_value(base, growth, elapsed)) if growth is not None else None
        linear = base + change * elapsed
        path.append({"period": str(year), "years": elapsed, "compound": compound, "linear": linear})
    return Plan(base, goal, base_period, target_year, unit, years, growth, change, path)
