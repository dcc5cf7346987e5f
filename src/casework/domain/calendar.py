"""Working days in England: the one home of the counting convention.

Convention (rules.md §0, from the 2006 Regulations reg 2): a working day is any day but a
Saturday, Sunday, Christmas Day, Boxing Day, Good Friday or an England bank holiday
(substitute and one-off days included). The trigger day is day 0; "within N working days"
means on or before the Nth working day after it; a trigger on a non-working day counts as
happening on the next working day.

>>> cal = england()
>>> cal.add_working_days(date(2025, 3, 3), 15)   # Monday 3 March 2025
datetime.date(2025, 3, 24)
>>> cal.add_working_days(date(2025, 3, 1), 15)   # Saturday: counts from Monday 3 March
datetime.date(2025, 3, 24)
>>> cal.working_days_after(date(2025, 3, 24), date(2025, 3, 26))
2

Single dates and numpy arrays share one implementation (numpy's business-day functions
over one holiday table), so the per-case audit and the batch audit cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays as holidays_lib
import numpy as np
import numpy.typing as npt

from casework.domain.errors import CaseworkError, Problem

# The `holidays` package models England's bank holidays under the Banking and Financial
# Dealings Act 1971 completely from 1975 (it lacks New Year's Day 1974, the first); beyond
# LAST_YEAR nothing is projected. A date outside these years is refused, never counted.
FIRST_YEAR = 1975
LAST_YEAR = 2075
DAY = np.timedelta64(1, "D")

DateArray = npt.NDArray[np.datetime64]


@dataclass(frozen=True)
class Working:
    """How a due date was worked out, so every computed date can explain itself."""

    trigger: date
    day_zero: date
    working_days: int
    due: date
    skipped: tuple[tuple[date, str], ...]

    def explain(self) -> str:
        skipped = ", ".join(f"{d:%a %d %b %Y} ({name})" for d, name in self.skipped)
        moved = "" if self.day_zero == self.trigger else f", counted from {self.day_zero:%a %d %b %Y}"
        text = (
            f"{self.working_days} working days from {self.trigger:%a %d %b %Y}{moved}"
            f" → due {self.due:%a %d %b %Y}"
        )
        return f"{text}; holidays skipped: {skipped}" if skipped else text


@dataclass(frozen=True)
class WorkingCalendar:
    """England's working days, optionally with a council's own closure days.

    Closure days are for a council's local targets only: every law and guidance clock uses
    `statutory()`, which drops them (rules.md §0).
    """

    holidays: dict[date, str]
    closure_days: frozenset[date] = field(default_factory=frozenset)
    years: tuple[int, int] = (FIRST_YEAR, LAST_YEAR)

    def __post_init__(self) -> None:
        # Built once per calendar: the single-date functions are called millions of times.
        days = frozenset(self.holidays) | self.closure_days
        object.__setattr__(self, "_busdaycal", _busdaycalendar(days))
        object.__setattr__(self, "_key", (tuple(sorted(days)), self.closure_days))

    def __hash__(self) -> int:
        return hash(self._key)

    _busdaycal: np.busdaycalendar = field(init=False, repr=False, compare=False)
    _key: tuple[object, ...] = field(init=False, repr=False, compare=False)

    def statutory(self) -> WorkingCalendar:
        """The calendar for law and guidance clocks: bank holidays only."""
        if not self.closure_days:
            return self
        return WorkingCalendar(self.holidays, years=self.years)

    def with_closure_days(self, days: Iterable[date]) -> WorkingCalendar:
        return WorkingCalendar(self.holidays, self.closure_days | frozenset(days), self.years)

    def check_known(self, *days: date) -> None:
        """Refuse a day in a year this calendar holds no bank holidays for (CalendarYearError)."""
        first, last = self.years
        for day in days:
            if not first <= day.year <= last:
                raise CalendarYearError(day, first, last)

    def _check_array(self, *arrays: DateArray) -> None:
        for values in arrays:
            days = np.asarray(values, dtype="datetime64[D]").ravel()
            days = days[~np.isnat(days)]  # a missing date (NaT) is counted as nothing, not refused
            if days.size:
                self.check_known(_to_date(days.min()), _to_date(days.max()))

    def is_working_day(self, day: date) -> bool:
        self.check_known(day)
        return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=self._busdaycal))

    def holiday_name(self, day: date) -> str | None:
        if day in self.holidays:
            return self.holidays[day]
        if day in self.closure_days:
            return "council closure day"
        return None

    def add_working_days(self, trigger: date, n: int) -> date:
        """The Nth working day after `trigger` (day 0), rolling a non-working trigger forward."""
        self.check_known(trigger)
        result = _to_date(np.busday_offset(
            np.datetime64(trigger, "D"), n, roll="forward", busdaycal=self._busdaycal
        ))
        self.check_known(result)
        return result

    def add_working_days_array(self, triggers: DateArray, n: int | npt.NDArray[Any]) -> DateArray:
        """Vectorised `add_working_days` over a datetime64[D] array (the national-scale path)."""
        self._check_array(triggers)
        result: DateArray = np.busday_offset(
            triggers.astype("datetime64[D]"), n, roll="forward", busdaycal=self._busdaycal
        )
        self._check_array(result)
        return result

    def working_days_after(self, start: date, end: date) -> int:
        """Working days in (start, end]: how late `end` is against a due date `start`.

        Negative when `end` is before `start`: minus the working days in (end, start], so an
        event one working day early reads as -1.

        >>> england().working_days_after(date(2025, 3, 24), date(2025, 3, 21))  # Mon, Fri
        -1
        """
        return int(self.working_days_after_array(
            np.array([start], dtype="datetime64[D]"), np.array([end], dtype="datetime64[D]")
        )[0])

    def working_days_after_array(self, start: DateArray, end: DateArray) -> npt.NDArray[np.int64]:
        # numpy counts a reversed range as (end, begin], not [end, begin), so shifting both
        # ends by a day is right only forwards: count the ordered range, then give it a sign.
        s, e = start.astype("datetime64[D]"), end.astype("datetime64[D]")
        self._check_array(s, e)
        low, high = np.minimum(s, e), np.maximum(s, e)
        count = np.busday_count(low + DAY, high + DAY, busdaycal=self._busdaycal).astype(np.int64)
        signed: npt.NDArray[np.int64] = np.where(e < s, -count, count)
        return signed

    def working(self, trigger: date, n: int) -> Working:
        """`add_working_days` with its working shown: day 0, due date, non-working days skipped."""
        day_zero = self.add_working_days(trigger, 0)
        due = self.add_working_days(trigger, n)
        skipped = tuple(
            (d, name)
            for d in _days_between(trigger, due)
            if (name := self.holiday_name(d)) is not None
        )
        return Working(trigger=trigger, day_zero=day_zero, working_days=n, due=due, skipped=skipped)


class CalendarYearError(CaseworkError):
    """A date in a year the calendar holds no bank holidays for: counting it would be a guess."""

    def __init__(self, day: date, first: int, last: int) -> None:
        super().__init__(Problem(
            "working days", "date",
            f"{day:%-d %b %Y} is outside the years casework knows England's bank holidays for "
            f"({first}–{last}), so working days cannot be counted from or to it",
            "check the date's year; a record from before then cannot be audited for working-day limits"))
        self.day = day


def _days_between(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _to_date(value: np.datetime64) -> date:
    result = value.astype("datetime64[D]").astype(date)
    assert isinstance(result, date)
    return result


@lru_cache(maxsize=32)
def _busdaycalendar(days: frozenset[date]) -> np.busdaycalendar:
    return np.busdaycalendar(
        weekmask="1111100", holidays=np.array(sorted(days), dtype="datetime64[D]")
    )


@lru_cache(maxsize=1)
def england() -> WorkingCalendar:
    """Bank holidays in England (Banking and Financial Dealings Act 1971), from `holidays`.

    Includes Christmas Day, Boxing Day, Good Friday, substitute days and one-off days such
    as 19 Sep 2022 and 8 May 2023. Offline: the package carries the table.
    """
    table = holidays_lib.country_holidays(
        "GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1)
    )
    return WorkingCalendar({d: str(name) for d, name in sorted(table.items())})
