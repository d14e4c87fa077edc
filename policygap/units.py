"""Units of measure and exact conversion between them.

A unit is a *dimension* and a *scale*: 亿元 is money at 1e8, 万元 money at 1e4,
so 1598万元 is exactly 0.1598亿元. Scales are Decimals so that conversions do not
pick up binary rounding (0.1598 stays 0.1598). Two units convert only when
they share a dimension; anything else is refused rather than guessed.

Measure words that count the same kind of thing are one dimension: 家 and 户
both count enterprises ("高企总数达到500户" and "高新技术企业达到600家" are the
same indicator), 个 and 家 both count platforms and carriers in the documents.
"""

from __future__ import annotations

from decimal import Decimal

# Magnitude characters that may stand before a unit or alone after a number.
MAGNITUDES: dict[str, Decimal] = {
    "万亿": Decimal("1e12"),
    "千亿": Decimal("1e11"),
    "百亿": Decimal("1e10"),
    "亿": Decimal("1e8"),
    "千万": Decimal("1e7"),
    "百万": Decimal("1e6"),
    "十万": Decimal("1e5"),
    "万": Decimal("1e4"),
    "千": Decimal("1e3"),
    "百": Decimal("1e2"),
}

# base unit -> dimension. Every unit is a base unit or a magnitude + base unit.
_BASE: dict[str, str] = {
    "元": "money",
    "美元": "money_usd",
    "家": "organisations",
    "户": "organisations",
    "个": "organisations",
    "所": "organisations",
    "座": "organisations",
    "项": "items",
    "件": "pieces",
    "人": "people",
    "名": "people",
    "人次": "person_times",
    "人年": "person_years",
    "次": "events",
    "场": "events",
    "期": "events",
    "%": "percent",
    "个百分点": "points",
    "百分点": "points",
    "件/万人": "per_10k_people",
    "件/万人口": "per_10k_people",
    "位": "rank",
    "名次": "rank",
    # Measure words an office writes after a count (事故 12起, 40台套); not 吨,
    # which begins other units (吨标准煤/万元) that are kept as labels.
    "起": "incidents",
    "例": "cases",
    "台套": "machines",
    "台": "machines",
    "架": "racks",  # 数据中心标准机架3万架
    # Times an office promises to cut (办理时限压缩至3个工作日): working days
    # and calendar days are not the same count.
    "个工作日": "working_days",
    "工作日": "working_days",
    "天": "days",
    "篇": "papers",
    "平方米": "area",
    "微克/立方米": "concentration",  # PM2.5年均浓度控制在30微克/立方米以内
    "亩": "area_mu",
    "": "number",
}

# Unit names that must not be read as magnitude + base (百分点 is not 百 × 分点).
_ATOMIC = {"个百分点", "百分点", "件/万人", "件/万人口", "微克/立方米"}


class UnitError(ValueError):
    pass


def split_unit(unit: str) -> tuple[Decimal, str]:
    """``"亿元"`` -> ``(Decimal("1e8"), "元")``; ``"家"`` -> ``(1, "家")``."""
    unit = unit.strip()
    if unit in _BASE and (unit in _ATOMIC or not _starts_with_magnitude(unit)):
        return Decimal(1), unit
    for mag in MAGNITUDES:  # longest first: 万亿 before 万
        if unit.startswith(mag) and unit[len(mag):] in _BASE:
            return MAGNITUDES[mag], unit[len(mag):]
    if unit in _BASE:
        return Decimal(1), unit
    raise UnitError(f"unknown unit {unit!r}")


def _starts_with_magnitude(unit: str) -> bool:
    return any(unit.startswith(m) and unit[len(m):] in _BASE for m in MAGNITUDES)


def is_known(unit: str) -> bool:
    try:
        split_unit(unit)
    except UnitError:
        return False
    return True


def dimension(unit: str) -> str:
    return _BASE[split_unit(unit)[1]]


def factor(from_unit: str, to_unit: str) -> Decimal:
    """The exact factor that turns a value in ``from_unit`` into ``to_unit``.

    Raises UnitError when the two cannot be converted (different dimensions,
    or a unit not in the registry).
    """
    if from_unit == to_unit:
        return Decimal(1)
    s_from, b_from = split_unit(from_unit)
    s_to, b_to = split_unit(to_unit)
    if _BASE[b_from] != _BASE[b_to]:
        raise UnitError(f"{from_unit!r} cannot be converted to {to_unit!r}")
    return s_from / s_to


# Dimensions that count things: never below zero, and never in the hundreds
# of millions for one region (68亿家 is a slip for 68家 or 68亿元).
COUNTS = {"organisations", "items", "pieces", "people", "events", "person_times", "incidents", "cases", "machines",
          "papers"}
# Dimensions a magnitude word cannot scale: 2万% or 3亿位 is no figure.
UNSCALED = {"percent", "points", "rank", "per_10k_people"}


def is_percent(unit: str) -> bool:
    return unit.strip() == "%"


def base_units() -> list[str]:
    """Every unit name without a magnitude (家, 个百分点, 件/万人口 …), longest
    first, so that a text can be matched against them greedily."""
    return sorted((u for u in _BASE if u), key=len, reverse=True)
