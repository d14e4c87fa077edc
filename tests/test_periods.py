"""Periods and the year fractions the contract defines."""

from __future__ import annotations

import pytest

from policygap import periods


def test_year_is_end_of_december():
    assert periods.parse_period("2024") == periods.parse_period("2024-12") == 2024 * 12 + 12


def test_three_years_from_2022_to_a_2025_target():
    assert (periods.year_end(2025) - periods.parse_period("2022")) / 12 == 3


def test_one_year_eight_months_from_april_2024():
    assert (periods.year_end(2025) - periods.parse_period("2024-04")) / 12 == pytest.approx(1 + 8 / 12)


@pytest.mark.parametrize("bad", ["2024-4", "2024-13", "2024/04", "24", "2024年", "", "2024-00"])
def test_bad_periods(bad):
    with pytest.raises(periods.PeriodError):
        periods.parse_period(bad)


@pytest.mark.parametrize("typed, month", [("2024-4", 4), ("2024-04", 4), ("２０２４－６", 6), ("2024", 12)])
def test_a_period_typed_on_the_command_line_may_have_a_one_digit_month(typed, month):
    assert periods.parse_period(typed, typed=True) == 2024 * 12 + month


@pytest.mark.parametrize("bad", ["2024-13", "2024-0", "2024-004", "2024/4", "2024-"])
def test_a_typed_period_keeps_its_other_rules(bad):
    with pytest.raises(periods.PeriodError):
        periods.parse_period(bad, typed=True)


def test_as_of_forms():
    assert periods.parse_as_of("2024") == 2024 * 12 + 12
    assert periods.parse_as_of("2024-04") == 2024 * 12 + 4
    # mid-April: the April figure is not in yet
    assert periods.parse_as_of("2024-04-12") == 2024 * 12 + 3
    # last day of the month: it is
    assert periods.parse_as_of("2024-04-30") == 2024 * 12 + 4
    with pytest.raises(periods.PeriodError):
        periods.parse_as_of("2024-02-30")


def test_issued_index_is_last_month_end_before_issue():
    assert periods.issued_index("2023-08-03") == 2023 * 12 + 7
    assert periods.issued_index("2017") == 2016 * 12 + 12


def test_format_period_round_trip():
    for text in ("2022", "2024-04", "2019-01"):
        assert periods.format_period(periods.parse_period(text)) == text
    assert periods.year_of(2025 * 12 + 12) == 2025
    assert periods.year_of(2025 * 12 + 12.5) == 2026
