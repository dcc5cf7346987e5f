"""The year an annual complaints report covers: 1 April to 31 March by default, any dates allowed.

The Children Act 1989 Representations Procedure (England) Regulations 2006, reg 13(3), ask a
council to report on its children's complaints each year; councils report by financial year.

>>> ReportPeriod.financial_year("2025-26")
ReportPeriod(start=datetime.date(2025, 4, 1), end=datetime.date(2026, 3, 31), label='2025-26')
>>> ReportPeriod.financial_year("2025-26").previous().label
'2024-25'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.domain.months import add_months

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    label: str

    @classmethod
    def financial_year(cls, text: str, field: str = "year") -> ReportPeriod:
        """The financial year written '2025-26': 1 April 2025 to 31 March 2026."""
        match = _YEAR.match(text.strip())
        if match is None or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
            raise CaseworkError.single("report", field, f"'{text}' is not a financial year",
                                       "write it as 2025-26 (1 April 2025 to 31 March 2026)")
        first = int(match.group(1))
        return cls(date(first, 4, 1), date(first + 1, 3, 31), f"{first}-{str(first + 1)[2:]}")

    @classmethod
    def between(cls, start: date, end: date) -> ReportPeriod:
        """Any dates, both days included; a 1 April to 31 March span is labelled as its year."""
        if end < start:
            raise CaseworkError.single("report", "to", f"the period ends ({end}) before it starts ({start})",
                                       "give an end date on or after the start date")
        if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and end.year == start.year + 1:
            return cls.financial_year(f"{start.year}-{str(end.year)[2:]}")
        return cls(start, end, f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}")

    def previous(self) -> ReportPeriod:
        """The same span a year earlier, for the side-by-side comparison."""
        return ReportPeriod.between(add_months(self.start, -12), add_months(self.end, -12))

    def holds(self, when: CaseDate) -> bool:
        """Whether a recorded date falls in the period. A date known only to a range (a month,
        'early 2024-08') is counted by its earliest reading, so it lands in exactly one year."""
        return self.start <= when.earliest <= self.end
