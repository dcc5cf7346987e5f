"""CaseDate: dates as records give them, kept at the precision they were given."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.domain.dates import CaseDate, DateError

thu_9_nov_2023 = date(2023, 11, 9)


def test_an_exact_date_is_one_day() -> None:
    d = CaseDate.parse("2023-11-09")
    assert (d.earliest, d.latest, d.precision, d.is_exact) == (thu_9_nov_2023, thu_9_nov_2023, "day", True)
    assert str(d) == "9 Nov 2023"
    assert CaseDate.exact(thu_9_nov_2023) == d


def test_a_month_is_every_day_of_that_month() -> None:
    d = CaseDate.parse("2019-03")
    assert (d.earliest, d.latest, d.precision) == (date(2019, 3, 1), date(2019, 3, 31), "month")
    assert not d.is_exact
    assert str(d) == "March 2019"


def test_a_month_in_a_leap_year_ends_on_the_29th() -> None:
    assert CaseDate.parse("2024-02").latest == date(2024, 2, 29)
    assert CaseDate.parse("2023-02").latest == date(2023, 2, 28)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision", "words"),
    [
        ("early 2023-08", date(2023, 8, 1), date(2023, 8, 10), "early_month", "early August 2023"),
        ("mid 2023-08", date(2023, 8, 11), date(2023, 8, 20), "mid_month", "mid August 2023"),
        ("late 2023-08", date(2023, 8, 21), date(2023, 8, 31), "late_month", "late August 2023"),
        ("late-2024-03", date(2024, 3, 21), date(2024, 3, 31), "late_month", "late March 2024"),
        ("late 2024-02", date(2024, 2, 21), date(2024, 2, 29), "late_month", "late February 2024"),
        ("late 2023-04", date(2023, 4, 21), date(2023, 4, 30), "late_month", "late April 2023"),
    ],
)
def test_part_of_a_month_is_its_first_middle_or_last_third(
    text: str, earliest: date, latest: date, precision: str, words: str
) -> None:
    d = CaseDate.parse(text)
    assert (d.earliest, d.latest, d.precision, str(d)) == (earliest, latest, precision, words)
    assert d.text == text


def test_a_year_is_every_day_of_that_year() -> None:
    d = CaseDate.parse("2019")
    assert (d.earliest, d.latest, d.precision, str(d)) == (
        date(2019, 1, 1), date(2019, 12, 31), "year", "2019")


def test_surrounding_spaces_are_ignored() -> None:
    assert CaseDate.parse("  2019-03 ") == CaseDate.parse("2019-03")


def test_bounds_run_from_the_first_reading_of_after_to_the_day_before_before() -> None:
    after, before = CaseDate.parse("late 2023-12"), CaseDate.parse("2024-03")
    d = CaseDate.between(after, before)
    assert (d.earliest, d.latest, d.precision) == (date(2023, 12, 21), date(2024, 2, 29), "bounds")
    assert str(d) == "after late December 2023, before March 2024"


def test_bounds_keep_the_words_they_were_given() -> None:
    d = CaseDate.between(CaseDate.parse("2023-12"), CaseDate.parse("2024-05"),
                         "after the stage 1 response, before May 2024")
    assert str(d) == "after the stage 1 response, before May 2024"


def test_bounds_the_wrong_way_round_are_refused_with_a_reason() -> None:
    with pytest.raises(DateError, match="wrong way round or too tight"):
        CaseDate.between(CaseDate.parse("2024-05"), CaseDate.parse("2023-12"))
    with pytest.raises(DateError, match="wrong way round or too tight"):
        CaseDate.between(CaseDate.parse("2023-12-05"), CaseDate.parse("2023-12-05"))


def test_bounds_one_day_apart_leave_exactly_one_day() -> None:
    d = CaseDate.between(CaseDate.parse("2023-12-05"), CaseDate.parse("2023-12-06"))
    assert (d.earliest, d.latest, d.is_exact) == (date(2023, 12, 5), date(2023, 12, 5), True)


def test_a_range_that_ends_before_it_starts_cannot_be_made() -> None:
    with pytest.raises(DateError, match=r"ends \(2023-01-01\) before it starts \(2023-02-01\)"):
        CaseDate(date(2023, 2, 1), date(2023, 1, 1))


def test_a_date_could_be_before_another_when_some_reading_is() -> None:
    march, mid_march = CaseDate.parse("2019-03"), CaseDate.parse("2019-03-15")
    assert march.could_be_before(mid_march)
    assert mid_march.could_be_before(march)
    assert not CaseDate.parse("2019-04").could_be_before(march)


def test_dates_order_by_their_earliest_reading() -> None:
    ds = [CaseDate.parse(t) for t in ("2019-03-15", "2019", "late 2019-03", "2019-03")]
    assert [str(d) for d in sorted(ds)] == ["2019", "March 2019", "15 Mar 2019", "late March 2019"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-02-30", r"'2019-02-30' is not a real date .*check the day and month"),
        ("2023-02-29", r"'2023-02-29' is not a real date"),
        ("2023-04-31", r"'2023-04-31' is not a real date"),
        ("2023-13-01", r"'2023-13-01' is not a real date"),
        ("2023-13", r"'2023-13' has month 13; months run 01 to 12"),
        ("2023-00", r"'2023-00' has month 00; months run 01 to 12"),
        ("late 2023-13", r"'late 2023-13' has month 13"),
        ("0000", r"'0000' has year 0000; write the year in full"),
        ("0000-06-01", r"'0000-06-01' has year 0000"),
        ("9 November 2023", r"'9 November 2023' is not a date casework can read; write an exact date"),
        ("09/11/2023", r"is not a date casework can read"),
        ("2023-1", r"is not a date casework can read"),
        ("early 2023-02-03", r"is not a date casework can read"),
        ("", r"is not a date casework can read"),
    ],
)
def test_a_date_that_cannot_exist_or_be_read_is_a_date_error_saying_why(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        CaseDate.parse(text)


@given(st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_every_real_day_reads_back_as_itself(day: date) -> None:
    d = CaseDate.parse(day.isoformat())
    assert d.earliest == d.latest == day


@given(st.dates(date(1, 1, 1), date(9999, 12, 31)), st.sampled_from(["", "early ", "mid ", "late "]))
def test_every_month_form_contains_the_days_it_names(day: date, part: str) -> None:
    d = CaseDate.parse(f"{part}{day.year:04d}-{day.month:02d}")
    assert d.earliest.month == d.latest.month == day.month
    assert d.earliest.year == d.latest.year == day.year
    if part == "":
        assert d.earliest.day == 1 and d.latest.day >= 28
