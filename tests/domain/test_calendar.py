"""Working days in England (rules.md §0): the counting convention, the holidays, closure days,
and properties that must hold for every date."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.domain.calendar import FIRST_YEAR, LAST_YEAR, WorkingCalendar, england

sat_1_mar_2025 = date(2025, 3, 1)
mon_3_mar_2025 = date(2025, 3, 3)
mon_24_mar_2025 = date(2025, 3, 24)
fri_23_dec_2022 = date(2022, 12, 23)
tue_24_dec_2024 = date(2024, 12, 24)
thu_2_jan_2025 = date(2025, 1, 2)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return england()


# The examples of rules.md §0 ---------------------------------------------------------------

def test_15_working_days_from_monday_3_march_2025_is_monday_24_march(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(mon_3_mar_2025, 15) == mon_24_mar_2025


def test_a_saturday_trigger_counts_from_the_monday_so_15_days_is_still_24_march(
    cal: WorkingCalendar,
) -> None:
    assert cal.add_working_days(sat_1_mar_2025, 15) == mon_24_mar_2025


def test_the_trigger_day_is_day_zero(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(mon_3_mar_2025, 0) == mon_3_mar_2025
    assert cal.add_working_days(mon_3_mar_2025, 1) == date(2025, 3, 4)


def test_zero_working_days_from_a_saturday_is_the_monday(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(sat_1_mar_2025, 0) == mon_3_mar_2025


def test_working_days_after_counts_the_days_after_the_due_date(cal: WorkingCalendar) -> None:
    assert cal.working_days_after(mon_24_mar_2025, date(2025, 3, 26)) == 2
    assert cal.working_days_after(mon_24_mar_2025, mon_24_mar_2025) == 0
    assert cal.working_days_after(mon_24_mar_2025, date(2025, 3, 29)) == 4  # Saturday
    assert cal.working_days_after(mon_24_mar_2025, date(2025, 3, 20)) == -2  # early reads -N


def test_an_event_one_working_day_early_reads_as_minus_one(cal: WorkingCalendar) -> None:
    assert cal.working_days_after(mon_24_mar_2025, date(2025, 3, 21)) == -1  # the Friday before
    assert cal.working_days_after(date(2025, 3, 21), date(2025, 3, 20)) == -1  # Fri due, Thu
    assert cal.working_days_after(mon_24_mar_2025, date(2025, 3, 22)) == -1  # Sat: Mon is between


# Holidays ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2024, 12, 25), "Christmas Day"),
        (date(2024, 12, 26), "Boxing Day"),
        (date(2024, 3, 29), "Good Friday"),
        (date(2024, 4, 1), "Easter Monday"),
        (date(2025, 1, 1), "New Year's Day"),
        (date(2024, 5, 6), "May Day"),
        (date(2024, 5, 27), "Spring Bank Holiday"),
        (date(2024, 8, 26), "Late Summer Bank Holiday"),
        (date(2020, 5, 8), "May Day"),  # moved to VE Day's 75th anniversary
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
    ],
)
def test_england_bank_holidays_are_not_working_days(cal: WorkingCalendar, day: date, name: str) -> None:
    assert not cal.is_working_day(day)
    assert cal.holiday_name(day) == name


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2022, 12, 27), "Christmas Day (observed)"),  # Christmas fell on a Sunday
        (date(2020, 12, 28), "Boxing Day (observed)"),  # Boxing Day fell on a Saturday
        (date(2021, 12, 27), "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)"),
        (date(2022, 1, 3), "New Year's Day (observed)"),
        (date(2023, 1, 2), "New Year's Day (observed)"),
    ],
)
def test_substitute_days_are_not_working_days(cal: WorkingCalendar, day: date, name: str) -> None:
    assert day.weekday() < 5
    assert not cal.is_working_day(day)
    assert cal.holiday_name(day) == name


def test_an_ordinary_weekday_is_a_working_day_with_no_holiday_name(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(mon_3_mar_2025)
    assert cal.holiday_name(mon_3_mar_2025) is None
    assert not cal.is_working_day(sat_1_mar_2025)


def test_counting_across_christmas_2022_skips_three_bank_holidays(cal: WorkingCalendar) -> None:
    # Sun 25 Christmas, Mon 26 Boxing Day, Tue 27 Christmas substitute: day 1 is Wed 28.
    assert cal.add_working_days(fri_23_dec_2022, 1) == date(2022, 12, 28)
    assert cal.add_working_days(fri_23_dec_2022, 3) == date(2022, 12, 30)


def test_the_one_off_days_of_2022_and_2023_move_deadlines(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)
    assert cal.add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_a_trigger_on_good_friday_counts_from_the_tuesday_after_easter(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(date(2024, 3, 29), 0) == date(2024, 4, 2)


# Council closure days ----------------------------------------------------------------------

CLOSURE = [date(2024, 12, 27), date(2024, 12, 30), date(2024, 12, 31)]


def test_closure_days_are_not_working_days_for_local_targets(cal: WorkingCalendar) -> None:
    local = cal.with_closure_days(CLOSURE)
    # Tue 24 Dec: 25, 26 holidays; 27, 30, 31 closed; 1 Jan holiday → day 1 is Thu 2 Jan.
    assert local.add_working_days(tue_24_dec_2024, 1) == thu_2_jan_2025
    assert not local.is_working_day(date(2024, 12, 30))
    assert local.holiday_name(date(2024, 12, 30)) == "council closure day"


def test_closure_days_are_working_days_for_every_statutory_clock(cal: WorkingCalendar) -> None:
    local = cal.with_closure_days(CLOSURE)
    statutory = local.statutory()
    assert statutory.add_working_days(tue_24_dec_2024, 1) == date(2024, 12, 27)
    assert statutory == cal
    assert statutory.is_working_day(date(2024, 12, 30))
    assert statutory.holiday_name(date(2024, 12, 30)) is None


def test_closure_days_add_up_and_leave_the_england_calendar_untouched(cal: WorkingCalendar) -> None:
    both = cal.with_closure_days(CLOSURE[:1]).with_closure_days(CLOSURE[1:])
    assert both.closure_days == frozenset(CLOSURE)
    assert cal.closure_days == frozenset()
    assert cal.is_working_day(date(2024, 12, 27))


# Explanations ------------------------------------------------------------------------------

def test_the_working_lists_the_holidays_skipped(cal: WorkingCalendar) -> None:
    working = cal.working(fri_23_dec_2022, 3)
    assert working.due == date(2022, 12, 30)
    assert working.day_zero == fri_23_dec_2022
    assert [d for d, _ in working.skipped] == [date(2022, 12, 25), date(2022, 12, 26),
                                               date(2022, 12, 27)]
    text = working.explain()
    assert text.startswith("3 working days from Fri 23 Dec 2022 → due Fri 30 Dec 2022")
    assert "Mon 26 Dec 2022 (Boxing Day)" in text
    assert "Tue 27 Dec 2022 (Christmas Day (observed))" in text


def test_the_working_says_when_a_non_working_trigger_was_moved(cal: WorkingCalendar) -> None:
    text = cal.working(sat_1_mar_2025, 15).explain()
    assert text == "15 working days from Sat 01 Mar 2025, counted from Mon 03 Mar 2025 → due Mon 24 Mar 2025"


def test_the_working_names_council_closure_days(cal: WorkingCalendar) -> None:
    working = cal.with_closure_days(CLOSURE).working(tue_24_dec_2024, 1)
    assert working.due == thu_2_jan_2025
    assert (date(2024, 12, 30), "council closure day") in working.skipped
    assert (date(2025, 1, 1), "New Year's Day") in working.skipped


# Properties over every date the calendar covers --------------------------------------------

triggers = st.dates(date(FIRST_YEAR + 1, 1, 1), date(LAST_YEAR - 2, 12, 31))
amounts = st.integers(min_value=0, max_value=400)


@given(triggers, amounts)
def test_a_due_date_is_never_a_weekend_or_holiday(trigger: date, n: int) -> None:
    cal = england()
    due = cal.add_working_days(trigger, n)
    assert due.weekday() < 5
    assert due not in cal.holidays
    assert due >= trigger


@given(triggers, amounts)
def test_a_due_date_has_exactly_n_working_days_after_day_zero(trigger: date, n: int) -> None:
    cal = england()
    day_zero = cal.add_working_days(trigger, 0)
    assert cal.working_days_after(day_zero, cal.add_working_days(trigger, n)) == n


@given(triggers, amounts)
def test_a_due_date_agrees_with_counting_one_day_at_a_time(trigger: date, n: int) -> None:
    cal = england()
    day = trigger
    while day.weekday() >= 5 or day in cal.holidays:
        day += timedelta(days=1)
    for _ in range(n):
        day += timedelta(days=1)
        while day.weekday() >= 5 or day in cal.holidays:
            day += timedelta(days=1)
    assert cal.add_working_days(trigger, n) == day


@given(triggers, st.integers(0, 30), amounts)
def test_a_later_trigger_never_gives_an_earlier_due_date(trigger: date, gap: int, n: int) -> None:
    cal = england()
    later = trigger + timedelta(days=gap)
    assert cal.add_working_days(trigger, n) <= cal.add_working_days(later, n)


@given(triggers, amounts, st.integers(1, 30))
def test_more_working_days_always_gives_a_later_due_date(trigger: date, n: int, more: int) -> None:
    cal = england()
    assert cal.add_working_days(trigger, n) < cal.add_working_days(trigger, n + more)


@given(triggers, st.integers(-60, 60))
def test_working_days_after_agrees_with_counting_one_day_at_a_time(start: date, gap: int) -> None:
    cal = england()
    end = start + timedelta(days=gap)
    low, high = min(start, end), max(start, end)
    between = [low + timedelta(days=i) for i in range(1, (high - low).days + 1)]
    count = sum(1 for d in between if d.weekday() < 5 and d not in cal.holidays)
    assert cal.working_days_after(start, end) == (count if end >= start else -count)


@given(triggers, triggers)
def test_working_days_after_is_antisymmetric(a: date, b: date) -> None:
    cal = england()
    assert cal.working_days_after(a, b) == -cal.working_days_after(b, a)


@settings(max_examples=25)
@given(st.lists(triggers, min_size=1, max_size=50),
       st.lists(amounts, min_size=1, max_size=50))
def test_the_array_functions_agree_with_the_single_date_ones(
    days: list[date], ns: list[int]
) -> None:
    cal = england()
    ns = (ns * len(days))[: len(days)]
    array = np.array(days, dtype="datetime64[D]")
    due = cal.add_working_days_array(array, np.array(ns))
    expected_due = [cal.add_working_days(d, n) for d, n in zip(days, ns, strict=True)]
    assert [d.astype(date) for d in due] == expected_due
    same_n = cal.add_working_days_array(array, ns[0])
    assert [d.astype(date) for d in same_n] == [cal.add_working_days(d, ns[0]) for d in days]
    late = cal.working_days_after_array(due, array[::-1])
    expected = [cal.working_days_after(d.astype(date), e) for d, e in zip(due, days[::-1], strict=True)]
    assert late.tolist() == expected


@settings(max_examples=25)
@given(st.lists(triggers, min_size=1, max_size=30), amounts)
def test_the_array_functions_honour_closure_days(days: list[date], n: int) -> None:
    local = england().with_closure_days(
        date(y, 12, d) for y in range(FIRST_YEAR, LAST_YEAR) for d in (27, 28, 29, 30, 31)
    )
    due = local.add_working_days_array(np.array(days, dtype="datetime64[D]"), n)
    assert [d.astype(date) for d in due] == [local.add_working_days(d, n) for d in days]
