"""Periods and the time axis.

Every period is turned into a *month index*: the end of month M of year Y is
``Y * 12 + M``. A ``YYYY`` observation is the value at the end of that year, so
it has the same index as ``YYYY-12``; a target year Y means the end of Y. The
distance between two indices divided by 12 is a number of years:

    2022 -> 2025 target:    (2025*12+12 - (2022*12+12)) / 12 = 3 years
    2024-04 -> 2025 target: (2025*12+12 - (2024*12+4)) / 12  = 1 year 8 months
"""

from __future__ import annotations

import datetime as _dt
import re

from .i18n import _

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$", re.ASCII)
# On the command line 2025-6 is as clear as 2025-06 (and --as-of takes it).
_TYPED_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$", re.ASCII)
_AS_OF = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", re.ASCII)

# The years policygap reads anywhere (targets, periods, --as-of, --to): wide
# enough for any plan and its history, narrow enough that a typo (20255, 0202)
# or a sentinel date (9999-12-31) is caught rather than computed with.
YEAR_MIN, YEAR_MAX = 1900, 2200


class PeriodError(ValueError):
    """A period or date that is not in one of the accepted forms."""


def in_year_range(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def year_range_message(text: str, year: int) -> str:
    return _("{text}: the year {year} is outside the years policygap reads ({low}–{high})").format(
        text=repr(text), year=year, low=YEAR_MIN, high=YEAR_MAX)


def _clean(text: str) -> str:
    """Trimmed, full-width digits and dash as ASCII (what an office types)."""
    return text.strip().translate(_FULL_WIDTH)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if not in_year_range(year):
        raise PeriodError(year_range_message(text, year))
    return year


def year_end(year: int) -> int:
    """Month index of the end of ``year``."""
    return year * 12 + 12


def parse_period(text: str, typed: bool = False) -> int:
    """``"2024"`` or ``"2024-04"`` to a month index; anything else is an error.
    ``typed``: an option on the command line, where ``2024-4`` is accepted too
    (a data file keeps to two-digit months)."""
    m = (_TYPED_PERIOD if typed else _PERIOD).match(_clean(text))
    if not m:
        raise PeriodError(_("{text} is not a period: write YYYY or YYYY-MM, e.g. 2024 or 2024-04").format(text=repr(text)))
    year = _year(text, m.group(1))
    if m.group(2) is None:
        return year_end(year)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(_("{text} has no month {month}: write YYYY-MM with a month from 01 to 12").format(
            text=repr(text), month=month))
    return year * 12 + month


def format_period(index: int, annual: bool = True) -> str:
    """Month index back to text: December as ``YYYY`` when ``annual``, else ``YYYY-MM``."""
    year, month = divmod(int(index) - 1, 12)
    month += 1
    if month == 12 and annual:
        return f"{year}"
    return f"{year}-{month:02d}"


def year_of(index: float) -> int:
    """The calendar year an (possibly fractional) month index falls in."""
    import math

    return (math.ceil(index) - 1) // 12


def parse_as_of(text: str) -> int:
    """``--as-of`` (YYYY, YYYY-MM or YYYY-MM-DD) to the month index of the last
    month that has ended by then.

    An observation for a month counts once that month is over: on 2024-04-30
    the April figure is not yet in, so the index is the end of March; a bare
    year means the end of that year, a bare month the end of that month.
    """
    m = _AS_OF.match(_clean(text))
    if not m:
        raise PeriodError(_("{text} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD").format(text=repr(text)))
    year = _year(text, m.group(1))
    if m.group(2) is None:
        return year_end(year)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(_("{text} has no month {month}").format(text=repr(text), month=month))
    if m.group(3) is None:
        return year * 12 + month
    day = int(m.group(3))
    try:
        date = _dt.date(year, month, day)
    except ValueError:  # the month is known good: the day is not in it
        raise PeriodError(_("{text} is not a date: {error}").format(text=repr(text), error=_(
            "month {month} has no day {day}").format(month=month, day=day))) from None
    return month_index_of_date(date)


def month_index_of_date(date: _dt.date) -> int:
    """Index of the last month fully over on ``date`` (the month itself on its last day)."""
    nxt = date + _dt.timedelta(days=1)
    if nxt.month != date.month:
        return date.year * 12 + date.month
    return date.year * 12 + date.month - 1


def today_index() -> int:
    return month_index_of_date(_dt.date.today())


def issued_index(text: str) -> int:
    """A document's issue date (YYYY-MM-DD, YYYY-MM or YYYY) to the month index
    of the last month-end strictly before it: the newest period whose figure
    the authors could have known."""
    m = _AS_OF.match(_clean(text))
    if not m:
        raise PeriodError(_("{text} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY").format(text=repr(text)))
    year = _year(text, m.group(1))
    if m.group(2) is None:
        # Only the year is known: the plan was written knowing the year before.
        return year * 12
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(_("{text} has no month {month}").format(text=repr(text), month=month))
    if m.group(3) is not None:
        try:
            _dt.date(year, month, int(m.group(3)))
        except ValueError:
            raise PeriodError(_("{text} is not a date: {error}").format(text=repr(text), error=_(
                "month {month} has no day {day}").format(month=month, day=int(m.group(3))))) from None
    return year * 12 + month - 1
