"""Remedy benchmarks over the seed decisions: which decisions match a theme, and their payments."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from casework.domain.decisions import Decision, Payment, parse_decision_text
from casework.domain.decisions.benchmarks import THEMES, Theme, remedy_benchmark


@pytest.fixture(scope="module")
def decisions(seeds: dict[str, str]) -> list[Decision]:
    return [parse_decision_text(text) for text in seeds.values()]


def distress(amount: str) -> Payment:
    return Payment(Decimal(amount), "distress", "Mrs X", False, None, "action", f"Pay Mrs X £{amount}.")


def test_missed_direct_payments_finds_liverpool_and_spreads_its_three_payments(decisions: list[Decision]) -> None:
    benchmark = remedy_benchmark(decisions, "missed direct payments")
    assert benchmark.decisions == ("24 010 960",)
    assert benchmark.overall is not None
    overall = benchmark.overall
    assert (overall.count, overall.median, overall.minimum, overall.maximum) == (
        3,
        Decimal("542.25"),
        Decimal("500"),
        Decimal("1102.58"),
    )
    assert [(s.purpose, s.count, s.median, s.minimum, s.maximum) for s in benchmark.by_purpose] == [
        ("delay", 1, Decimal("500"), Decimal("500"), Decimal("500")),
        # median of 542.25 and 1,102.58 is 822.415, shown to the penny
        ("financial_loss", 2, Decimal("822.42"), Decimal("542.25"), Decimal("1102.58")),
    ]
    assert benchmark.by_purpose[1].references == ("24 010 960",)


def test_delay_at_stage_2_matches_the_decisions_whose_findings_mention_both(decisions: list[Decision]) -> None:
    benchmark = remedy_benchmark(decisions, "delay at stage 2")
    assert benchmark.decisions == ("24 010 960", "24 007 529")
    distress_spread = next(s for s in benchmark.by_purpose if s.purpose == "distress")
    assert (distress_spread.count, distress_spread.median, distress_spread.references) == (
        1,
        Decimal("300"),
        ("24 007 529",),
    )


def test_cin_plan_not_reviewed_gives_wirral_per_child_payment_at_its_per_child_amount(
    decisions: list[Decision],
) -> None:
    benchmark = remedy_benchmark(decisions, THEMES["CIN plan not reviewed"])
    assert "19 020 817" in benchmark.decisions
    distress_spread = next(s for s in benchmark.by_purpose if s.purpose == "distress")
    assert distress_spread.minimum == Decimal("200")
    assert distress_spread.references == ("19 020 817",)


def test_a_theme_nothing_mentions_has_no_decisions_and_no_spread(decisions: list[Decision]) -> None:
    benchmark = remedy_benchmark(decisions, "school transport appeal")
    assert (benchmark.decisions, benchmark.overall, benchmark.by_purpose) == ((), None, ())


def test_a_matching_decision_without_payments_is_listed_but_adds_no_payment(decisions: list[Decision]) -> None:
    benchmark = remedy_benchmark(decisions, Theme("the council", (("council",),)))
    assert len(benchmark.decisions) == 5
    assert benchmark.overall is not None
    assert "21 004 199" not in benchmark.overall.references


def test_an_even_number_of_payments_takes_the_middle_two_for_the_median(decisions: list[Decision]) -> None:
    base = decisions[0]
    made_up = [
        dataclasses.replace(base, reference=f"25 000 00{i}", payments=(distress(amount),))
        for i, amount in enumerate(("100", "250", "400", "1000"))
    ]
    spread = remedy_benchmark(made_up, "direct payments").overall
    assert spread is not None
    assert (spread.count, spread.median, spread.minimum, spread.maximum) == (
        4,
        Decimal("325"),
        Decimal("100"),
        Decimal("1000"),
    )
    assert spread.references == ("25 000 000", "25 000 001", "25 000 002", "25 000 003")
