"""Adding calendar months, month-end explicit.

"Within 3 months" of 30 November is 28 (or 29) February: a day that does not exist in the
target month rolls back to that month's last day (rules.md §0; a project convention with
no legal source, so it lives here, once).

>>> add_months(date(2024, 11, 30), 3)
datetime.date(2025, 2, 28)
>>> add_months(date(2023, 11, 30), 3)
datetime.date(2024, 2, 29)
>>> add_months(date(2024, 1, 31), 1)
datetime.date(2024, 2, 29)
"""

from __future__ import annotations

import calendar as std_calendar
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clamped to the target month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = std_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_months_array(
    days: npt.NDArray[np.datetime64], months: int | npt.NDArray[Any]
) -> npt.NDArray[np.datetime64]:
    """Vectorised `add_months` over a datetime64[D] array."""
    d = days.astype("datetime64[D]")
    month_start = d.astype("datetime64[M]")
    day_of_month = (d - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + np.asarray(months).astype("timedelta64[M]")
    last = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    offset = np.minimum(day_of_month, last - 1).astype("timedelta64[D]")
    result: npt.NDArray[np.datetime64] = target.astype("datetime64[D]") + offset
    return result
