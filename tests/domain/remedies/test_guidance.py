from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from casework.domain.errors import CaseworkError
from casework.domain.remedies import guidance_versions, in_force, judge_payment, parse_guidance

FIXTURES = Path(__file__).parent / "fixtures"
thu_3_jun_2021 = date(2021, 6, 3)  # Wirral 19 020 817
tue_24_jun_2025 = date(2025, 6, 24)  # Sefton 24 009 485
wed_28_may_2025 = date(2025, 5, 28)  # Liverpool 24 010 960


def test_the_older_guidance_is_in_force_for_the_2021_decision():
    assert in_force(thu_3_jun_2021).id == "remedies_2013"


def test_the_current_guidance_is_in_force_for_the_2025_decision():
    assert in_force(tue_24_jun_2025).id == "remedies_2025"


def test_every_version_names_its_source_and_the_decision_that_shows_its_band():
    for version in guidance_versions():
        assert version.source.title and version.source.url
        assert version.source.seeds


def test_200_for_distress_in_2021_is_within_the_100_to_300_band():
    judgement = judge_payment(Decimal(200), "distress", thu_3_jun_2021)
    assert judgement.status == "within"
    assert (judgement.band.low, judgement.band.high) == (Decimal(100), Decimal(300))
    assert "19 020 817" in judgement.citation
    assert judgement.warning == ""


def test_400_for_distress_in_2021_is_above_the_band_with_a_warning_naming_it():
    judgement = judge_payment(Decimal(400), "distress", thu_3_jun_2021)
    assert judgement.status == "above"
    assert "£400.00" in judgement.warning and "£100–£300" in judgement.warning


def test_the_same_400_in_2025_is_within_the_up_to_500_band():
    assert judge_payment(Decimal(400), "distress", tue_24_jun_2025).status == "within"


def test_50_for_distress_in_2021_is_below_the_band():
    judgement = judge_payment(Decimal(50), "distress", thu_3_jun_2021)
    assert judgement.status == "below"
    assert "below" in judgement.warning


def test_a_band_with_no_lower_figure_has_no_below():
    assert judge_payment(Decimal(50), "distress", tue_24_jun_2025).status == "within"


def test_250_for_merely_complaining_is_not_payable_in_2025():
    judgement = judge_payment(Decimal(250), "time_and_trouble", tue_24_jun_2025, merely_complaining=True)
    assert judgement.status == "not_payable"
    assert "merely using" in judgement.warning


def test_500_for_time_and_trouble_caused_by_complaint_delays_is_within_the_2025_band():
    assert judge_payment(Decimal(500), "time_and_trouble", wed_28_may_2025).status == "within"


def test_financial_loss_has_no_band_and_is_repaid_in_full():
    judgement = judge_payment(Decimal("1102.58"), "financial_loss", wed_28_may_2025)
    assert judgement.status == "in_full"
    assert judgement.band.describe() == "repaid in full"


def test_a_per_child_payment_is_judged_for_each_child():
    judgement = judge_payment(Decimal(400), "distress", thu_3_jun_2021, per_child=True)
    assert "for each child" in judgement.warning


def test_a_date_before_any_guidance_is_refused():
    with pytest.raises(CaseworkError) as err:
        in_force(date(2010, 1, 1))
    assert "2013-12-01" in err.value.problems[0].fix


@pytest.mark.parametrize(("fixture", "line", "words"), [
    ("versions_out_of_order.yaml", 10, "not after"),
    ("low_above_high.yaml", 7, "above high"),
    ("unknown_purpose.yaml", 7, "unknown purpose"),
    ("effective_from_not_a_date.yaml", 4, "not a date"),
])
def test_a_bad_guidance_file_is_refused_naming_the_file_and_line(fixture, line, words):
    with pytest.raises(CaseworkError) as err:
        parse_guidance((FIXTURES / fixture).read_text(), fixture)
    problem = err.value.problems[0]
    assert (problem.where, problem.line) == (fixture, line)
    assert words in problem.problem
