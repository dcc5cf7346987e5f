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
from casework.domain.rules.model import Limit


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
