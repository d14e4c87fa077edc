"""Numbers formatted for people: 8.25%, 15.98亿元, 低于序时进度27.1个百分点.

Values keep up to four significant decimals and never lose integer digits; a
rate is a percentage with two decimals; a gap to 序时进度 is in 百分点 with one.
"""

from __future__ import annotations

import math
import sys
from decimal import ROUND_HALF_UP, Decimal

# A negative figure shown to a person carries the minus sign (U+2212), as
# the gap column always has: one sign across the table, explain, required and
# the reports. Machine output (CSV, JSON, xlsx) keeps plain numbers.
MINUS = "−"


def signed(text: str) -> str:
    """'-7.62%' -> '−7.62%'."""
    return MINUS + text[1:] if text.startswith("-") else text


def half_up(x, decimals: int, scale: int = 1) -> float:
    """``x`` × ``scale`` rounded 四舍五入 (half away from zero) as it is
    written in decimal, not as its binary value: 16.25 → 16.3, 2.675 → 2.68,
    −16.25 → −16.3. Python's round() and format() round half to even on the
    binary value (16.25 → 16.2, 2.675 → 2.67), which a statistician checking
    a row by hand reads as a mistake. Float noise is removed first (12
    significant digits: 52.5 − 68.75 computed as −16.249999999999996 is
    −16.25).

    Only a figure within float noise of a tie (…5 in the first decimal
    dropped) needs the decimal arithmetic; any other is nearest either way,
    and a table of 100,000 rows rounds most of its figures without it."""
    x = float(x)
    y = abs(x * scale) * 10.0 ** decimals
    if y < 1e12:  # (also False for NaN and infinity, which go the exact way)
        away = abs(y - math.floor(y) - 0.5)
        if away > y * 1e-11 + 1e-9:
            return round(x * scale, decimals)
    return half_up_exact(x, decimals, scale)


def half_up_exact(x, decimals: int, scale: int = 1) -> float:
    """half_up in decimal arithmetic for every figure (the rule itself)."""
    x = float(x)
    if not math.isfinite(x) or abs(x * scale) >= 1e15:
        return x * scale
    # noise removed at 12 significant digits, never into the whole part of a
    # large figure (166,666,666,666,650 keeps its 15 digits)
    text = f"{x:.12g}" if abs(x) < 1e11 else f"{x:.15g}"
    if scale == 1 and "e" not in text:
        _whole, _dot, digits = text.partition(".")
        if not (len(digits) == decimals + 1 and digits[-1] == "5"):
            return round(float(text), decimals)  # not a tie: the nearest is the same either way
    exact = Decimal(text)
    if scale != 1:
        exact *= scale
    return float(exact.quantize(_STEPS[decimals] if decimals in _STEPS else Decimal(1).scaleb(-decimals),
                                rounding=ROUND_HALF_UP))


_STEPS = {d: Decimal(1).scaleb(-d) for d in range(0, 9)}


def is_missing(x) -> bool:
    """None, NaN or pandas' NA."""
    if x is None:
        return True
    if isinstance(x, float):  # the common case, numpy's float64 too
        return x != x
    pandas = sys.modules.get("pandas")  # a value can be pandas' NA only once pandas is in use
    if pandas is not None and x is pandas.NA:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def number(x, decimals: int = 4) -> str:
    """473 -> '473'; 15.98 -> '15.98'; 0.1598 -> '0.1598'; 1234567 -> '1,234,567'."""
    if is_missing(x):
        return "—"
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:  # a whole figure as it is (999999999999999, not rounded to 12 digits)
        return signed(f"{int(x):,}")
    x = half_up(x, decimals)
    if x == int(x) and abs(x) < 1e15:
        return signed(f"{int(x):,}")
    text = f"{x:,.{decimals}f}"
    if "." in text:  # trailing zeros of the decimals only (never of 1,000,000,000,000,000)
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else signed(text)


def significant_decimals(x, digits: int, least: int) -> int:
    """Decimals that show ``x`` to ``digits`` significant digits, never fewer
    than ``least`` (nor more than 12): a small figure (0.00012, a growth of
    0.00003%) is not shown as 0."""
    import math

    x = abs(float(x))
    if not x or not math.isfinite(x):
        return least
    return min(12, max(least, digits - 1 - math.floor(math.log10(x))))


def value(x, unit: str) -> str:
    """A figure with its unit: 15.98亿元, 473家, 2.24%."""
    if is_missing(x):
        return "—"
    text = number(x)
    if unit == "%":
        return f"{text}%"
    return f"{text}{unit}"


def percent(x, decimals: int = 2) -> str:
    """A fraction as a percentage: 0.0825 -> '8.25%'."""
    if is_missing(x):
        return "—"
    value = half_up(x, decimals, 100)
    if abs(value) >= 1e15:  # beyond any figure's digits: a power of ten says it (1.000e+26%)
        return signed(f"{value:.3e}%")
    text = f"{value:,.{decimals}f}%"
    return signed(text) if value != 0 else text.lstrip("-")


def points(x, decimals: int = 1) -> str:
    """A gap in 百分点, signed: +3.9, −27.1."""
    if is_missing(x):
        return "—"
    x = half_up(x, decimals)
    sign = "+" if x > 0 else (MINUS if x < 0 else "±")
    return f"{sign}{abs(x):.{decimals}f}"


def period(text, lang: str = "zh") -> str:
    """'2024-04' -> '2024年4月'; '2022' -> '2022年' (en: unchanged)."""
    if is_missing(text) or text is None:
        return "—"
    text = str(text)
    if lang != "zh":
        return text
    if "-" in text:
        y, m = text.split("-", 1)
        return f"{y}年{int(m)}月"
    return f"{text}年"
