"""Adding working days at national scale: the vectorised calendar against a plain loop.

Adds N working days (N varying per date, 0 to 65 as the statutory limits do) to ten million
trigger dates with `WorkingCalendar.add_working_days_array`, and compares its speed with the
loop a first version would write: step a day at a time, skipping weekends and any
`day in holidays_table`, over the `holidays` package's table for England. The loop is timed
on a sample in the same run and extrapolated per date; the two must agree on every date of
the sample before a ratio is printed.

    .venv/bin/python benchmarks/working_days.py [--dates 10000000] [--sample 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import holidays
import numpy as np

from casework.domain.calendar import england

TARGET_RATIO = 50.0
FIRST = np.datetime64("2000-01-01")
SPAN_DAYS = 60 * 365  # triggers from 2000 to 2059: every due date stays inside the table


def naive_add_working_days(trigger: date, n: int, table: Any) -> date:
    """The plain per-date loop: day 0 is the trigger, or the next working day after it."""
    day = trigger
    while day.weekday() >= 5 or day in table:
        day += timedelta(days=1)
    for _ in range(n):
        day += timedelta(days=1)
        while day.weekday() >= 5 or day in table:
            day += timedelta(days=1)
    return day


def make_inputs(count: int, seed: int = 2024) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    triggers = FIRST + rng.integers(0, SPAN_DAYS, size=count).astype("timedelta64[D]")
    amounts = rng.integers(0, 66, size=count)
    return triggers, amounts


def time_vectorised(triggers: np.ndarray, amounts: np.ndarray) -> tuple[np.ndarray, float]:
    calendar = england()
    calendar.add_working_days_array(triggers[:10], amounts[:10])  # build the holiday table once
    start = time.perf_counter()
    due = calendar.add_working_days_array(triggers, amounts)
    return due, time.perf_counter() - start


def time_naive(triggers: np.ndarray, amounts: np.ndarray) -> tuple[list[date], float]:
    table = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2062))
    days = [d.item() for d in triggers]
    ns = [int(n) for n in amounts]
    start = time.perf_counter()
    due = [naive_add_working_days(d, n, table) for d, n in zip(days, ns, strict=True)]
    return due, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dates", type=int, default=10_000_000, help="dates for the vectorised run")
    parser.add_argument("--sample", type=int, default=20_000, help="dates for the plain loop")
    args = parser.parse_args(argv)

    triggers, amounts = make_inputs(args.dates)
    due, fast_seconds = time_vectorised(triggers, amounts)
    sample = min(args.sample, args.dates)
    naive_due, naive_seconds = time_naive(triggers[:sample], amounts[:sample])

    disagree = sum(1 for a, b in zip(due[:sample], naive_due, strict=True) if a.item() != b)
    fast_rate = args.dates / fast_seconds
    naive_rate = sample / naive_seconds
    ratio = fast_rate / naive_rate
    print(f"working days: N from 0 to 65 added to {args.dates:,} dates")
    print(f"  vectorised (add_working_days_array): {fast_seconds:8.3f} s  {fast_rate:14,.0f} dates/s")
    print(f"  plain loop over holidays ({sample:,} dates): {naive_seconds:8.3f} s  "
          f"{naive_rate:14,.0f} dates/s")
    print(f"  agreement on the sample: {sample - disagree:,}/{sample:,}")
    print(f"  speed-up: {ratio:,.0f}x (target ≥{TARGET_RATIO:.0f}x)")
    if disagree:
        print("FAIL: the vectorised calendar and the plain loop disagree", file=sys.stderr)
        return 1
    if ratio < TARGET_RATIO:
        print(f"FAIL: below the {TARGET_RATIO:.0f}x target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
