"""How statements are really written, one wording at a time: each test is a way the parser
used to lose a remedy, an action, a finding of fault or a person."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from casework.domain.decisions import Decision, parse_decision_text

HEADER = "Anytown Council (24 123 456)\n\nCategory : Children's care services > Other\n\n"
mon_3_mar_2025 = date(2025, 3, 3)
thu_3_apr_2025 = date(2025, 4, 3)


def statement(body: str, outcome: str | None = None, decided: str | None = "03 Mar 2025") -> Decision:
    lines = [HEADER]
    if outcome:
        lines.append(f"Decision : {outcome}\n\n")
    if decided:
        lines.append(f"Decision date : {decided}\n\n")
    return parse_decision_text("".join(lines) + body)


def payments(d: Decision) -> list[tuple[Decimal, str, str | None, str]]:
    return [(p.amount.normalize(), p.purpose, p.payee, p.basis) for p in d.payments]


def test_a_report_summary_without_headings_keeps_its_finding_and_recommendations() -> None:
    d = statement(
        "Summary: Mrs X complained the Council delayed her son's child in need assessment. "
        "Finding: Fault found causing injustice and recommendations made. "
        "Recommendations: To remedy the injustice caused, the Council should within one month: "
        "apologise to Mrs X; pay Mrs X £500 for the distress caused; and remind its staff of the "
        "assessment timescale.\n")
    assert d.findings.fault_found is True
    assert payments(d) == [(Decimal(500), "distress", "Mrs X", "one_off")]
    assert [(a.kind, a.text, a.deadline, a.due, a.for_whom) for a in d.actions] == [
        ("apology", "apologise to Mrs X", "within one month", thu_3_apr_2025, "Mrs X"),
        ("payment", "pay Mrs X £500 for the distress caused", "within one month", thu_3_apr_2025, "Mrs X"),
        ("service_improvement", "remind its staff of the assessment timescale", "within one month",
         thu_3_apr_2025, None),
    ]


def test_an_older_statement_with_no_headings_keeps_its_body() -> None:
    d = statement("Summary: Mr B complained about his daughter's care plan.\n\n"
                  "The Council did not review the plan. This was fault. It has agreed to pay Mr B £250 "
                  "for his time and trouble.\n", outcome="Upheld")
    assert payments(d) == [(Decimal(250), "time_and_trouble", "Mr B", "one_off")]
    assert [a.text for a in d.actions] == ["pay Mr B £250 for his time and trouble"]


def test_an_early_resolution_gives_its_actions_in_the_assessment_with_the_deadline_after() -> None:
    d = statement(
        "Summary: We have upheld this complaint without investigation because the Council agreed to "
        "resolve it early.\n\nMy assessment\n\nWe asked the Council to remedy the injustice by:\n"
        "  • apologising to Ms K;\n  • paying Ms K £150 for the frustration caused by the delay.\n\n"
        "Agred action\n\nThe Council agreed to complete the above within four weeks of this decision.\n")
    assert d.findings.fault_found is True
    assert [(a.text, a.deadline, a.for_whom) for a in d.actions] == [
        ("apologising to Ms K", "within four weeks of this decision", "Ms K"),
        ("paying Ms K £150 for the frustration caused by the delay.", "within four weeks of this decision", "Ms K"),
    ]
    assert d.timescales == ()


def test_two_payments_of_the_same_amount_for_different_things_are_two() -> None:
    d = statement("Summary: The Council has agreed to pay Mrs X £250 for her distress and £250 for her "
                  "time and trouble.\n")
    assert payments(d) == [(Decimal(250), "distress", "Mrs X", "one_off"),
                           (Decimal(250), "time_and_trouble", "Mrs X", "one_off")]


def test_a_sum_paid_each_to_two_people_is_two_payments() -> None:
    d = statement("Summary: The Council will pay Mr and Mrs X £200 each for the distress caused.\n")
    assert payments(d) == [(Decimal(200), "distress", "Mr X", "one_off"),
                           (Decimal(200), "distress", "Mrs X", "one_off")]


def test_a_monthly_sum_with_its_total_is_one_payment_of_the_total() -> None:
    d = statement("Summary: The Council will pay £50 a month for the months of delay, a total of £100.\n")
    (payment,) = d.payments
    assert (payment.amount, payment.basis, payment.rate, payment.purpose) == (
        Decimal("100"), "per_month", Decimal("50"), "delay")


def test_an_upheld_decision_is_fault_found_though_it_never_says_fault() -> None:
    d = statement("Summary: The Council's remedy did not reflect Mrs X's distress. The Council has agreed "
                  "to pay her £300.\n", outcome="Upheld")
    assert d.findings.fault_found is True
    assert statement("Summary: We uphold Ms Y's complaint about delay.\n").findings.fault_found is True
    assert statement("Summary: We will not investigate this complaint because the matter was decided in "
                     "court.\n").findings.fault_found is None
    assert statement("Summary: There is no evidence of fault by the Council.\n").findings.fault_found is False


def test_who_complained_and_for_whom_despite_a_typo() -> None:
    d = statement("Summary: Mis X complains on behalf of her son Mr Z that the Council failed to assess "
                  "him.\n")
    assert (d.complainant, d.on_behalf_of) == ("Miss X", "Mr Z")
    named = statement("Summary: The complainant is unhappy with the Council.\n\nThe complaint\n\n"
                      "  1. The complainant, whom I shall call Mrs D, complains that the Council stopped "
                      "her allowance.\n")
    assert (named.complainant, named.on_behalf_of) == ("Mrs D", None)


def test_periods_of_the_law_are_timescales_and_an_agreed_deadline_is_not() -> None:
    d = statement(
        "Summary: Mrs X complained about the review panel. The Council has agreed to hold the panel "
        "within 30 working days.\n\nWhat I found\n\n  1. The council must hold the panel within 30 working "
        "days of the request. At stage two, councils have up to 13 weeks to respond.\n")
    assert [(t.amount, t.unit, t.rule) for t in d.timescales] == [
        (30, "working_days", "stage3_panel"), (13, "weeks", "stage2_response")]
    assert [(a.text, a.deadline) for a in d.actions] == [
        ("hold the panel within 30 working days", "within 30 working days")]


def test_a_statement_without_date_or_outcome_says_so_by_leaving_them_empty() -> None:
    d = statement("Summary: We have upheld Mrs X's complaint.\n", decided=None)
    assert (d.decided, d.outcome, d.year) == (None, None, None)
