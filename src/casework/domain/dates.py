"""Dates as case records give them: exact, a month, early/mid/late a month, or bounds.

A decision says "in March 2019" or "late-March 2024"; a case note says "after the stage 1
response, before May 2023". We keep the precision we were given as the range of days the
date could be (`earliest`..`latest`, inclusive) and the words it came from. The audit
tests every reading: a breach is *certain* when every reading breaches, *possible* when
some do.

>>> CaseDate.parse("2023-11-09").is_exact
True
>>> d = CaseDate.parse("2019-03")
>>> (d.earliest, d.latest, d.precision)
(datetime.date(2019, 3, 1), datetime.date(2019, 3, 31), 'month')
>>> CaseDate.parse("late 2024-03").earliest
datetime.date(2024, 3, 21)
>>> str(CaseDate.parse("early 2023-08"))
'early August 2023'
"""

from __future__ import annotations

import calendar as std_calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "early_month", "mid_month", "late_month", "year", "bounds"]

_PART_DAYS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),
}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(?:(early|mid|late)[ -])?(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_PREFIX = re.compile(r"^(?:(?:early|mid|late)[ -])?(\d{4})\b")

DATE_FORMS = (
    "an exact date 2023-11-09, a month 2023-11, part of a month 'early 2023-11', "
    "'mid 2023-11' or 'late 2023-11', a year 2023, or bounds {after: ..., before: ...}"
)


class DateError(ValueError):
    """A date that cannot be read or cannot exist; the message says which and why."""


@dataclass(frozen=True, order=True)
class CaseDate:
    """The days a recorded date could be, with the precision and words it came from."""

    earliest: date
    latest: date
    precision: Precision = "day"
    text: str = ""

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise DateError(
                f"the date range ends ({self.latest}) before it starts ({self.earliest})"
            )

    @classmethod
    def exact(cls, day: date) -> CaseDate:
        return cls(day, day, "day", day.isoformat())

    @classmethod
    def parse(cls, text: str) -> CaseDate:
        """Read one of the written forms in `DATE_FORMS` (bounds are built by `between`)."""
        raw = text.strip()
        if (m := _YEAR_PREFIX.match(raw)) and int(m[1]) < 1:
            raise DateError(f"'{raw}' has year {m[1]}; write the year in full, e.g. 2023")
        if m := _DAY.match(raw):
            return cls.exact(_make_date(int(m[1]), int(m[2]), int(m[3]), raw))
        if m := _MONTH.match(raw):
            return _month(raw, m[1], int(m[2]), int(m[3]))
        if m := _YEAR.match(raw):
            year = int(m[1])
            return cls(date(year, 1, 1), date(year, 12, 31), "year", raw)
        raise DateError(f"'{raw}' is not a date casework can read; write {DATE_FORMS}")

    @classmethod
    def between(cls, after: CaseDate, before: CaseDate, text: str = "") -> CaseDate:
        """A date known only by bounds: on or after `after`, strictly before `before`.

        "After the stage 1 response (December 2023), before May 2023" keeps the earliest
        reading of the first and ends the day before the second begins.
        """
        latest = date.fromordinal(before.earliest.toordinal() - 1)
        if latest < after.earliest:
            raise DateError(
                f"no day is both on or after {after} and before {before}: the bounds are the "
                "wrong way round or too tight"
            )
        label = text or f"after {after}, before {before}"
        return cls(after.earliest, latest, "bounds", label)

    @property
    def is_exact(self) -> bool:
        return self.earliest == self.latest

    def could_be_before(self, other: CaseDate) -> bool:
        return self.earliest < other.latest

    def __str__(self) -> str:
        if self.precision == "day":
            return f"{self.earliest:%-d %b %Y}"
        if self.precision == "month":
            return f"{self.earliest:%B %Y}"
        if self.precision in ("early_month", "mid_month", "late_month"):
            return f"{self.precision.split('_')[0]} {self.earliest:%B %Y}"
        if self.precision == "year":
            return f"{self.earliest:%Y}"
        return self.text or f"between {self.earliest} and {self.latest}"


def _make_date(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateError(f"'{raw}' is not a real date ({exc}); check the day and month") from exc


def _month(raw: str, part: str | None, year: int, month: int) -> CaseDate:
    if not 1 <= month <= 12:
        raise DateError(f"'{raw}' has month {month:02d}; months run 01 to 12")
    last = std_calendar.monthrange(year, month)[1]
    if part is None:
        return CaseDate(date(year, month, 1), date(year, month, last), "month", raw)
    first_day, last_day = _PART_DAYS[part]
    precision: Precision = "early_month" if part == "early" else (
        "mid_month" if part == "mid" else "late_month"
    )
    return CaseDate(
        date(year, month, first_day), date(year, month, last_day or last), precision, raw
    )
