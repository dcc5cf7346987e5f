"""Due dates for a limit, with the working shown, for both readings of an imprecise trigger.

This is the only place the audit turns a trigger and a limit into a due date; the counting
itself lives in `casework.domain.calendar` and `casework.domain.months`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from casework.domain.calendar import WorkingCalendar
from casework.domain.dates import CaseDate
from casework.domain.months import add_months
from casework.domain.rules.model import Limit, Limits
from casework.domain.wording import day as day_words


@dataclass(frozen=True)
class Due:
    """The due date under every reading of the trigger: earliest and latest, explained."""

    earliest: date
    latest: date
    working: tuple[str, ...]


def due_for(limit: Limit, trigger: CaseDate, calendar: WorkingCalendar) -> Due:
    first, first_text = _due_one(limit, trigger.earliest, calendar)
    if trigger.is_exact:
        return Due(first, first, (first_text,))
    last, last_text = _due_one(limit, trigger.latest, calendar)
    return Due(first, last, (f"earliest reading: {first_text}", f"latest reading: {last_text}"))


def due_over(limits: Limits, trigger: CaseDate, calendar: WorkingCalendar) -> Due:
    """The due range under the figure in force on each reading of the trigger: the trigger's
    date governs. Readings that straddle a change of figure are split at it, each part due
    under its own figure, and the range spans them all; as the due date grows with the day
    for one figure, its ends are the first part's earliest and the last reading of any part,
    so a breach judged against it is certain only when it is one under every reading."""
    spans = limits.over(trigger.earliest, trigger.latest)
    if len(spans) == 1:
        return due_for(spans[0][2].limit, trigger, calendar)
    parts = [(due_for(value.limit, _reading(low, high, trigger), calendar), value, low, high)
             for low, high, value in spans]
    working = tuple(
        line for due, value, low, high in parts
        for line in (f"readings {day_words(low)} to {day_words(high)}: {value.describe()}",
                     *(f"  {text}" for text in due.working)))
    return Due(min(d.earliest for d, *_ in parts), max(d.latest for d, *_ in parts), working)


def _reading(low: date, high: date, trigger: CaseDate) -> CaseDate:
    return CaseDate.exact(low) if low == high else CaseDate(low, high, "bounds", str(trigger))


def _due_one(limit: Limit, day: date, calendar: WorkingCalendar) -> tuple[date, str]:
    if limit.unit == "working_days":
        working = calendar.working(day, limit.amount)
        return working.due, working.explain()
    if limit.unit == "calendar_months":
        due = add_months(day, limit.amount)
        return due, f"{limit} from {day:%a %d %b %Y} → due {due:%a %d %b %Y}"
    due = day + timedelta(days=limit.amount * (7 if limit.unit == "weeks" else 1))
    return due, f"{limit} from {day:%a %d %b %Y} → due {due:%a %d %b %Y}"


@dataclass(frozen=True)
class Lateness:
    """How an outcome (or the audit date) compares with a due range."""

    certainty: str | None  # "certain", "possible", or None when on time under every reading
    low: int
    high: int


def lateness(due: Due, when: CaseDate, calendar: WorkingCalendar) -> Lateness:
    """Certain when even the earliest reading of `when` is after the latest due date."""
    high = calendar.working_days_after(due.earliest, when.latest)
    if when.earliest > due.latest:
        low = max(calendar.working_days_after(due.latest, when.earliest), 0)
        return Lateness("certain", low, max(high, low))
    if when.latest > due.earliest:
        return Lateness("possible", 0, max(high, 0))
    return Lateness(None, 0, 0)
