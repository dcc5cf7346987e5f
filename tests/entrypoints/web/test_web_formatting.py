from datetime import date
from decimal import Decimal

from casework.domain.dates import CaseDate
from casework.entrypoints.web.fields import read_date, read_money
from casework.entrypoints.web.templating import council_name, format_case_date, format_money


def test_a_month_only_date_says_so_rather_than_showing_the_first_of_the_month():
    assert format_case_date(CaseDate.parse("2019-03")) == "March 2019 (month only)"


def test_exact_and_part_month_dates_show_what_was_recorded():
    assert format_case_date(CaseDate.parse("2025-03-03")) == "Monday 3 March 2025"
    assert format_case_date(CaseDate.parse("late 2024-03")) == "Late March 2024 (21–31)"
    bounded = CaseDate.between(CaseDate.parse("2023-12"), CaseDate.parse("2024-05"), "after the stage 1 response")
    assert format_case_date(bounded) == "after the stage 1 response (between 1 Dec 2023 and 30 Apr 2024)"


def test_money_shows_pence_only_when_there_are_some():
    assert format_money(Decimal("1102.58")) == "£1,102.58"
    assert format_money(Decimal("500.00")) == "£500"


def test_council_slugs_read_as_names():
    assert council_name("southend-on-sea") == "Southend-on-Sea"
    assert council_name("liverpool") == "Liverpool"


def test_a_date_typed_in_three_boxes_is_read_or_explained():
    form = {"d-day": "3", "d-month": "7", "d-year": "2023"}
    assert read_date(form, "d", "The date") == (date(2023, 7, 3), None)
    assert read_date({}, "d", "The date") == (None, "Enter the date")
    assert read_date({"d-day": "31", "d-month": "2", "d-year": "2025"}, "d", "The date") == (
        None, "The date must be a real date")
    assert read_date({"d-day": "3", "d-year": "2025"}, "d", "The date") == (
        None, "The date must include a month")


def test_money_accepts_pounds_signs_and_commas_and_refuses_words():
    assert read_money("£1,102.58", "The rate") == (Decimal("1102.58"), None)
    assert read_money("lots", "The rate")[1] == "The rate must be an amount of money, like 250 or 542.25"
    assert read_money("-3", "The rate")[1] == "The rate must be zero or more"
    assert read_money("", "Paid", required=False) == (Decimal(0), None)
