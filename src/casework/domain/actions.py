"""Agreed actions: the deadline phrase as the Ombudsman wrote it → the date it falls due.

Decisions give deadlines in words ("within four weeks", "within one month of our final
decision", "by 20 May 2022"). Agreed actions run from the final decision, so a relative
phrase is resolved from the decision date; a fixed date is taken as written. Months go
through `months.add_months` (month-end clamped), working days through the one working-day
calendar, so a deadline here agrees with every other deadline in the system.

A phrase we cannot read resolves to None: a missing due date is shown as missing, never
invented.

>>> wed_28_may_2025 = date(2025, 5, 28)
>>> resolve_deadline("Within one month of our final decision", wed_28_may_2025)
datetime.date(2025, 6, 28)
>>> resolve_deadline("within four weeks", date(2025, 3, 25))
datetime.date(2025, 4, 22)
>>> resolve_deadline("by 20 May 2022", date(2022, 4, 21))
datetime.date(2022, 5, 20)
>>> resolve_deadline("within 3 months", date(2024, 11, 30))
datetime.date(2025, 2, 28)
>>> resolve_deadline("within 10 working days of the final decision", date(2025, 3, 3))
datetime.date(2025, 3, 17)
>>> resolve_deadline("within 14 days", date(2025, 3, 3))
datetime.date(2025, 3, 17)
>>> resolve_deadline("as soon as possible", date(2025, 3, 3)) is None
True
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from casework.domain.calendar import england
from casework.domain.months import add_months

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18,
    "twenty": 20, "twenty-five": 25, "twenty-eight": 28, "thirty": 30, "forty": 40,
    "forty-five": 45, "sixty": 60, "sixty-five": 65, "ninety": 90,
}  # fmt: skip

_NUMBER = r"\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_RELATIVE = re.compile(
    rf"\bwithin\s+(?P<n>{_NUMBER})\s+(?P<unit>working\s+days?|calendar\s+days?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_FIXED = re.compile(r"\bby\s+(?P<day>\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4})\b", re.IGNORECASE)


# How a record says an action was agreed with no deadline at all (chronology-format.md).
NO_DEADLINE = "none stated"


def number_value(word: str) -> int | None:
    """'four' → 4, '30' → 30; None for anything else.

    >>> number_value("Four"), number_value("30"), number_value("several")
    (4, 30, None)
    """
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def parse_day(text: str) -> date | None:
    """'20 May 2022' or '03 Jun 2021' → a date; None when it is not a real date.

    >>> parse_day("03 Jun 2021"), parse_day("20 September 2022"), parse_day("31 Feb 2022")
    (datetime.date(2021, 6, 3), datetime.date(2022, 9, 20), None)
    """
    cleaned = " ".join(text.split())
    for layout in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(cleaned, layout).date()
        except ValueError:
            continue
    return None


def resolve_deadline(phrase: str, decided: date) -> date | None:
    """The due date for an agreed action's deadline `phrase`, counted from `decided`.

    "Within N units" counts from the decision date (the Ombudsman's "of our final decision"
    is the same day); "by <date>" is that date. Anything else is None.
    """
    fixed = _FIXED.search(phrase)
    if fixed:
        return parse_day(fixed.group("day"))
    relative = _RELATIVE.search(phrase)
    if not relative:
        return None
    n = number_value(relative.group("n"))
    if n is None:
        return None
    unit = relative.group("unit").lower()
    if unit.startswith("working"):
        return england().add_working_days(decided, n)
    if unit.startswith("month"):
        return add_months(decided, n)
    if unit.startswith("week"):
        return decided + timedelta(weeks=n)
    return decided + timedelta(days=n)
