"""Financial loss: repaid in full for the whole period of loss, with the working shown.

The Ombudsman repays quantifiable loss in full (rules.md §5). The period runs from the
date support would have started without the fault (a finding of fact) to the day before
it actually started, both days included: in 24 010 960 payments were due from 3 Jul 2023
and backdated to 27 Nov 2023, so the loss ran 3 Jul–26 Nov 2023, 147 days (21 weeks).

Money is `Decimal`, never float; only the final figures are rounded to pence, half up,
so the working can be checked line by line.

>>> p = loss_period(due_from=date(2023, 7, 3), started_from=date(2023, 11, 27))
>>> (p.start, p.end, p.days)
(datetime.date(2023, 7, 3), datetime.date(2023, 11, 26), 147)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from casework.domain.errors import CaseworkError
from casework.domain.months import add_months

Per = Literal["day", "week", "month", "hour"]
PENNY = Decimal("0.01")
WEEK = Decimal(7)


def pence(amount: Decimal) -> Decimal:
    """Round to pence, half up (£0.125 → £0.13), as a payment is made."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LossPeriod:
    """A run of days, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> Decimal:
        return Decimal(self.days) / WEEK


def loss_period(due_from: date, started_from: date) -> LossPeriod:
    """From the day support was due to the day before it started (or was backdated to)."""
    if started_from <= due_from:
        raise CaseworkError.single(
            "financial loss", "started_from",
            f"support started on {started_from}, not after it was due ({due_from}): "
            "there is no period of loss",
            "check the two dates: due_from is when support would have started without the fault",
        )
    return LossPeriod(due_from, started_from - timedelta(days=1))


@dataclass(frozen=True)
class LossCalculation:
    """The loss, what was paid towards it and what is still owed, with each step in words."""

    period: LossPeriod
    rate: Decimal
    per: Per
    hours_per_week: Decimal | None
    amount: Decimal
    already_paid: Decimal
    outstanding: Decimal
    working: tuple[str, ...]


def financial_loss(
    start: date, end: date, rate: Decimal, per: Per,
    hours_per_week: Decimal | None = None, already_paid: Decimal = Decimal(0),
) -> LossCalculation:
    """The loss from `start` to `end` inclusive at `rate` per day, week, month or hour.

    An hourly rate needs `hours_per_week`. A monthly rate counts whole calendar months from
    `start` (via `months.add_months`) and the remaining days as a share of the next month.
    """
    if end < start:
        raise CaseworkError.single("financial loss", "end",
                                   f"the period ends ({end}) before it starts ({start})",
                                   "give the last day of loss on or after the first")
    if rate < 0 or already_paid < 0:
        raise CaseworkError.single("financial loss", "rate", "a rate or payment cannot be negative",
                                   "give amounts in pounds, zero or more")
    period = LossPeriod(start, end)
    working = [f"period {_day(start)} to {_day(end)} inclusive: {period.days} days"
               f" = {_num(period.weeks)} weeks (days ÷ 7)"]
    if per == "day":
        exact = rate * period.days
        working.append(f"£{rate} a day × {period.days} days = £{_num(exact)}")
    elif per == "week":
        exact = rate * period.weeks
        working.append(f"£{rate} a week × {_num(period.weeks)} weeks = £{_num(exact)}")
    elif per == "hour":
        if hours_per_week is None or hours_per_week <= 0:
            raise CaseworkError.single("financial loss", "hours_per_week",
                                       "an hourly rate needs the hours a week",
                                       "give hours_per_week, e.g. 6 for six hours of support a week")
        exact = rate * hours_per_week * period.weeks
        working.append(f"£{rate} an hour × {hours_per_week} hours a week × {_num(period.weeks)} weeks"
                       f" = £{_num(exact)}")
    else:
        months = _months(period)
        exact = rate * months
        working.append(f"£{rate} a month × {_num(months)} months = £{_num(exact)}")
    amount = pence(exact)
    paid = pence(already_paid)
    outstanding = max(amount - paid, Decimal("0.00"))
    working.append(f"loss £{amount:,} (rounded to pence, half up)")
    working.append(f"less £{paid:,} already paid = £{outstanding:,} outstanding")
    if paid > amount:
        working.append(f"paid £{paid - amount:,} more than the loss")
    return LossCalculation(period, rate, per, hours_per_week, amount, paid, outstanding, tuple(working))


def _months(period: LossPeriod) -> Decimal:
    """Whole calendar months from the start, plus the remaining days as a share of a month."""
    whole = 0
    while add_months(period.start, whole + 1) <= period.end + timedelta(days=1):
        whole += 1
    anchor = add_months(period.start, whole)
    remaining = (period.end - anchor).days + 1
    month_length = (add_months(period.start, whole + 1) - anchor).days
    return whole + Decimal(remaining) / Decimal(month_length)


def _num(value: Decimal) -> str:
    """A figure for the working: exact when short, else to four decimal places."""
    short = value.normalize()
    text = f"{short:f}"
    return text if len(text.split(".")[-1]) <= 4 or "." not in text else f"{value:.4f}…"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
