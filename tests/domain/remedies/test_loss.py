from datetime import date
from decimal import Decimal

import pytest

from casework.domain.errors import CaseworkError
from casework.domain.remedies import financial_loss, loss_period, pence

mon_3_jul_2023 = date(2023, 7, 3)  # Liverpool 24 010 960: direct payments due from
mon_27_nov_2023 = date(2023, 11, 27)  # backdated to
sun_26_nov_2023 = date(2023, 11, 26)


def test_the_liverpool_loss_period_runs_3_jul_to_26_nov_2023_147_days():
    period = loss_period(due_from=mon_3_jul_2023, started_from=mon_27_nov_2023)
    assert (period.start, period.end, period.days) == (mon_3_jul_2023, sun_26_nov_2023, 147)
    assert period.weeks == 21


def test_a_weekly_rate_of_52_504_over_the_liverpool_period_reproduces_the_1102_58_owed():
    # 24 010 960 gives the total (£1,102.58), not the rate; 21 weeks at £52.504 is £1,102.584.
    loss = financial_loss(mon_3_jul_2023, sun_26_nov_2023, Decimal("52.504"), "week")
    assert loss.amount == Decimal("1102.58")
    assert loss.outstanding == Decimal("1102.58")
    assert loss.working[0] == "period 3 Jul 2023 to 26 Nov 2023 inclusive: 147 days = 21 weeks (days ÷ 7)"


def test_a_daily_rate_multiplies_the_days_inclusive():
    loss = financial_loss(date(2024, 1, 1), date(2024, 1, 10), Decimal("7.50"), "day")
    assert loss.amount == Decimal("75.00")


def test_an_hourly_rate_uses_the_hours_a_week():
    loss = financial_loss(date(2024, 1, 1), date(2024, 1, 14), Decimal("12.50"), "hour",
                          hours_per_week=Decimal(6))
    assert loss.amount == Decimal("150.00")


def test_an_hourly_rate_without_hours_a_week_is_refused():
    with pytest.raises(CaseworkError) as err:
        financial_loss(date(2024, 1, 1), date(2024, 1, 14), Decimal("12.50"), "hour")
    assert err.value.problems[0].field == "hours_per_week"


def test_a_monthly_rate_over_whole_calendar_months_is_the_rate_times_the_months():
    loss = financial_loss(date(2024, 1, 1), date(2024, 3, 31), Decimal(300), "month")
    assert loss.amount == Decimal("900.00")


def test_a_monthly_rate_counts_a_part_month_as_a_share_of_that_month():
    # 1 Jan–15 Feb 2024: one whole month and 15 of February's 29 days.
    loss = financial_loss(date(2024, 1, 1), date(2024, 2, 15), Decimal(290), "month")
    assert loss.amount == Decimal("440.00")


def test_what_was_already_paid_is_taken_off_the_loss():
    loss = financial_loss(mon_3_jul_2023, sun_26_nov_2023, Decimal("10"), "day",
                          already_paid=Decimal("542.25"))
    assert (loss.amount, loss.already_paid, loss.outstanding) == (
        Decimal("1470.00"), Decimal("542.25"), Decimal("927.75"))
    assert loss.working[-1] == "less £542.25 already paid = £927.75 outstanding"


def test_a_payment_above_the_loss_leaves_nothing_outstanding_and_says_so():
    loss = financial_loss(date(2024, 1, 1), date(2024, 1, 2), Decimal(10), "day", already_paid=Decimal(25))
    assert loss.outstanding == Decimal("0.00")
    assert "paid £5.00 more than the loss" in loss.working


def test_pence_round_half_up():
    assert pence(Decimal("0.125")) == Decimal("0.13")
    assert pence(Decimal("0.124")) == Decimal("0.12")


def test_support_that_started_on_time_has_no_loss_period():
    with pytest.raises(CaseworkError):
        loss_period(due_from=mon_27_nov_2023, started_from=mon_27_nov_2023)


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(CaseworkError):
        financial_loss(sun_26_nov_2023, mon_3_jul_2023, Decimal(1), "day")
