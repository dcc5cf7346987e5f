"""Dates, ranges of dates and counts of working days, written one way for every reader.

The CLI, the Markdown report, the web pages and the letters all say a due date, a range
of them and a lateness in working days through these functions, so "1 working day" is
never "1 working days" in one place and right in another.

>>> working_days(1), working_days(12)
('1 working day', '12 working days')
>>> working_days_between(3, 25), working_days_between(None, 4)
('3 to 25 working days', '4 working days')
>>> date_range(date(2025, 3, 3), date(2025, 3, 3))
'3 March 2025'
>>> date_range(date(2025, 3, 3), date(2025, 3, 31))
'between 3 March 2025 and 31 March 2025'
>>> long_day(date(2025, 3, 3))
'Monday 3 March 2025'
>>> person("ms_e"), person("parent_a"), person("F")
('Ms E', 'Parent A', 'Child F')
"""

from __future__ import annotations

import re
from datetime import date


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 case', '2 cases' (or `many` for an irregular plural)."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def working_days(count: int) -> str:
    return plural(count, "working day")


def working_days_between(low: int | None, high: int) -> str:
    """A lateness known exactly ('12 working days') or only within a range ('3 to 25 …')."""
    if low is None or low == high:
        return working_days(high)
    return f"{low} to {high} working days"


def day(value: date) -> str:
    """'3 March 2025'."""
    return f"{value.day} {value:%B %Y}"


def long_day(value: date) -> str:
    """'Monday 3 March 2025', the GOV.UK style for a single date."""
    return f"{value:%A} {day(value)}"


def date_range(earliest: date, latest: date) -> str:
    """One day, or the range of days an imprecise date allows."""
    if earliest == latest:
        return day(latest)
    return f"between {day(earliest)} and {day(latest)}"


def person(code: str) -> str:
    """A person or child the record names by pseudonym, as a reader would say it: 'ms_e' → 'Ms E',
    'parent_a' → 'Parent A', 'F' → 'Child F'. Findings and pages never show the record's id."""
    if re.fullmatch(r"[A-Z]\d?", code):
        return f"Child {code}"
    words = code.replace("_", " ").split()
    return " ".join(w.upper() if len(w) == 1 else w.capitalize() if i == 0 else w for i, w in enumerate(words))
