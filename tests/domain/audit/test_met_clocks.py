"""Clocks met in time are reported too, from the same evaluation that judges breaches."""

from datetime import date

from case_builders import case, ev

from casework.domain.audit import MetClock, audit_case
from casework.domain.rules import load_rules

RULES = {r.id: r for r in load_rules()}
mon_3_mar_2025 = "2025-03-03"  # 10 working days later is Monday 17 March 2025


def audit(c, *rule_ids, as_of=date(2025, 12, 1)):
    return audit_case(c, as_of, [RULES[r] for r in rule_ids])


def received(when=mon_3_mar_2025):
    return ev("c", "complaint_received", when, complaint="C1", procedure="statutory", points={"1": "plan"})


def test_a_stage1_response_on_the_tenth_working_day_is_a_met_clock_not_a_finding():
    report = audit(case(received(), ev("r", "stage1_response", "2025-03-17", complaint="C1")), "stage1_response")
    assert report.findings == () and report.due == ()
    (met,) = report.met
    assert isinstance(met, MetClock)
    assert (met.rule_id, met.trigger_id, met.outcome_id, met.complaint) == ("stage1_response", "c", "r", "C1")
    assert (met.due_earliest, met.due_latest) == (date(2025, 3, 17), date(2025, 3, 17))
    assert (met.met_earliest, met.met_latest, met.extended) == (date(2025, 3, 17), date(2025, 3, 17), False)
    assert met.citation == RULES["stage1_response"].source.citation()
    assert met.working[0].startswith("trigger: complaint_received 'c'")
    assert met.working[-1] == "met: stage1_response 'r' (17 Mar 2025)"


def test_a_response_a_day_late_is_a_finding_and_not_met():
    report = audit(case(received(), ev("r", "stage1_response", "2025-03-18", complaint="C1")), "stage1_response")
    assert report.met == ()
    (finding,) = report.findings
    assert finding.due_latest == date(2025, 3, 17)


def test_an_extended_clock_met_within_the_longer_limit_says_it_was_extended():
    c = case(received(), ev("x", "stage1_extended", "2025-03-10", complaint="C1"),
             ev("r", "stage1_response", "2025-03-28", complaint="C1"))
    (met,) = audit(c, "stage1_response").met
    assert met.extended and met.due_latest == date(2025, 3, 31)


def test_a_response_that_may_have_been_late_is_a_possible_finding_and_not_met():
    c = case(received("2025-03"), ev("r", "stage1_response", "2025-04", complaint="C1"))
    report = audit(c, "stage1_response")
    assert report.met == ()
    assert [f.certainty for f in report.findings] == ["possible"]


def test_a_clock_still_running_is_a_deadline_and_not_met():
    report = audit(case(received()), "stage1_response", as_of=date(2025, 3, 5))
    assert report.met == () and len(report.due) == 1


def test_met_clocks_are_in_the_report_dict_with_their_dates():
    report = audit(case(received(), ev("r", "stage1_response", "2025-03-14", complaint="C1")), "stage1_response")
    (met,) = report.as_dict()["met"]
    assert (met["rule"], met["due_latest"], met["met_earliest"], met["extended"]) == (
        "stage1_response", "2025-03-17", "2025-03-14", False)
