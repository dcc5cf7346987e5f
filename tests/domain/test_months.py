"""Adding calendar months (rules.md §0): a day the target month lacks rolls back to its last day."""

from __future__ import annotations

import calendar as std_calendar
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.domain.months import add_months, add_months_array

sat_30_nov_2024 = date(2024, 11, 30)
thu_30_nov_2023 = date(2023, 11, 30)
wed_31_jan_2024 = date(2024, 1, 31)


def test_three_months_from_30_november_is_the_last_day_of_february() -> None:
    assert add_months(sat_30_nov_2024, 3) == date(2025, 2, 28)


def test_three_months_from_30_november_before_a_leap_year_is_29_february() -> None:
    assert add_months(thu_30_nov_2023, 3) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (wed_31_jan_2024, 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2100, 1, 31), 1, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # 2000 is
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 5, 15), 6, date(2024, 11, 15)),
        (date(2024, 12, 31), 0, date(2024, 12, 31)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 15), -2, date(2024, 11, 15)),
    ],
)
def test_adding_months_keeps_the_day_or_rolls_back_to_the_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_a_date_rolled_back_does_not_roll_forward_again() -> None:
    # 31 Jan + 1 month is 29 Feb; adding a further month counts from 29 Feb, not from 31.
    assert add_months(add_months(wed_31_jan_2024, 1), 1) == date(2024, 3, 29)
    assert add_months(wed_31_jan_2024, 2) == date(2024, 3, 31)


days = st.dates(date(1900, 1, 1), date(2199, 12, 31))
months = st.integers(-36, 120)


@given(days, months)
def test_adding_months_lands_in_the_right_month_on_the_same_or_an_earlier_day(
    day: date, n: int
) -> None:
    result = add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    last = std_calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@given(days, days, st.integers(0, 120))
def test_adding_months_never_reorders_dates(a: date, b: date, n: int) -> None:
    early, late = min(a, b), max(a, b)
    assert add_months(early, n) <= add_months(late, n)


@settings(max_examples=50)
@given(st.lists(days, min_size=1, max_size=60), st.lists(months, min_size=1, max_size=60))
def test_the_array_form_agrees_with_the_single_date_form(day_list: list[date], ns: list[int]) -> None:
    ns = (ns * len(day_list))[: len(day_list)]
    array = np.array(day_list, dtype="datetime64[D]")
    per_date = add_months_array(array, np.array(ns))
    assert [d.astype(date) for d in per_date] == [
        add_months(d, n) for d, n in zip(day_list, ns, strict=True)
    ]
    one_n = add_months_array(array, ns[0])
    assert [d.astype(date) for d in one_n] == [add_months(d, ns[0]) for d in day_list]
