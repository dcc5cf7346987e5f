"""Records a caseworker could have written that were once called certain breaches that did
not happen (or a late response called met), one test per class, judged by hand."""

from datetime import date

from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.rules import load_rules

RULES = {r.id: r for r in load_rules()}
mon_3_mar_2025 = "2025-03-03"


def audit(c, as_of, *rule_ids):
    return audit_case(c, as_of, [RULES[r] for r in rule_ids])


def statutory(*events, **details):
    return case(ev("c", "complaint_received", details.pop("received", mon_3_mar_2025), complaint="C1",
                   procedure="statutory", **details), *events)


def c1(id, type, when):
    return ev(id, type, when, complaint="C1")


# 1. An imprecise outcome is narrowed to its readings on or after the trigger, not dropped.

def test_a_stage1_response_dated_only_by_its_month_is_a_possible_late_response_not_overdue():
    # Due Mon 17 Mar 2025; the response is some day 3–31 Mar: 0–10 working days late.
    report = audit(statutory(c1("s1", "stage1_response", "2025-03")), date(2025, 6, 1), "stage1_response")
    (finding,) = report.findings
    assert (finding.kind, finding.certainty, finding.outcome_id) == ("late", "possible", "s1")
    assert (finding.late_by_min, finding.late_by_max) == (0, 10)
    assert "on or after the complaint received (3 Mar 2025)" in finding.summary


def test_a_stage1_response_dated_only_by_its_year_answers_a_sunday_complaint():
    c = statutory(c1("s1", "stage1_response", "2025"), received="2025-03-02")
    (finding,) = audit(c, date(2026, 2, 1), "stage1_response").findings
    assert (finding.kind, finding.certainty, finding.late_by_min) == ("late", "possible", 0)


def test_a_cin_review_dated_by_the_plans_own_month_meets_the_review_and_is_no_planning_meeting():
    c = case(ev("p", "cin_plan_started", "2025-01-15"), ev("r", "cin_review", "2025-01"))
    report = audit(c, date(2025, 12, 1), "cin_plan_first_review", "cin_planning_meeting")
    assert not report.for_rule("cin_plan_first_review")
    (met,) = report.met
    assert (met.rule_id, met.met_earliest, met.met_latest) == ("cin_plan_first_review", date(2025, 1, 15),
                                                               date(2025, 1, 31))
    # A review is not the planning meeting (item 8): none is recorded, so it is overdue.
    (meeting,) = report.for_rule("cin_planning_meeting")
    assert (meeting.kind, meeting.outcome_id) == ("overdue", None)


def test_a_case_closed_in_the_referrals_own_month_may_or_may_not_have_stopped_the_clock():
    # Closed some day 1–31 Jan: on or after the referral it ended the clock in time; before
    # it, nothing answered the referral. Either may be true, so the finding is only possible.
    c = case(ev("r", "referral", "2025-01-15"), ev("x", "case_closed", "2025-01"))
    (finding,) = audit(c, date(2025, 12, 1), "assessment_timescale").findings
    assert (finding.kind, finding.certainty, finding.late_by_min) == ("overdue", "possible", 0)
    assert "may have come before the referral" in finding.working[-1]


def test_a_case_closed_on_the_day_before_a_strategy_discussion_dated_by_its_month_does_not_end_its_clock():
    # Found by the property test: closed 1 Apr, strategy discussion "April 2024", no ICPC by
    # 30 Apr. Read as 1 Apr the closure ended the clock; read as 2 Apr the ICPC is late.
    c = case(ev("x", "case_closed", "2024-04-01"),
             ev("s", "strategy_discussion", "2024-04", s47_initiated=True),
             ev("e", "s47_enquiry", "2024-04-02", concerns_substantiated=True))
    (finding,) = audit(c, date(2024, 4, 30), "icpc_timescale").findings
    assert (finding.trigger_id, finding.certainty) == ("s", "possible")


def test_a_case_closed_after_its_referral_for_certain_still_ends_the_clock():
    c = case(ev("r", "referral", "2025-01-15"), ev("x", "case_closed", "2025-02"))
    assert audit(c, date(2025, 12, 1), "assessment_timescale").findings == ()


# 2. Stage 1 stops when the complaint moves on; start_stage: 2 starts stage 2.

def test_a_stage2_request_before_stage1_was_due_ends_the_stage1_clock():
    c = statutory(c1("q", "stage2_requested", "2025-03-10"))
    report = audit(c, date(2025, 12, 1), "stage1_response")
    assert report.findings == () and report.due == ()


def test_a_stage2_request_after_stage1_was_due_with_no_response_is_a_missed_stage1():
    c = statutory(c1("q", "stage2_requested", "2025-03-24"))
    (finding,) = audit(c, date(2025, 12, 1), "stage1_response").findings
    assert (finding.kind, finding.certainty, finding.outcome_id, finding.late_by_max) == ("missed", "certain", "q", 5)


def test_a_stage2_response_or_later_stage_ends_the_stage1_clock():
    for later in ("stage2_response", "stage3_requested", "stage3_panel"):
        c = statutory(c1("x", later, "2025-03-12"))
        assert audit(c, date(2025, 12, 1), "stage1_response").findings == (), later


def test_a_complaint_started_at_stage2_by_agreement_has_a_stage2_clock_and_no_stage1_clock():
    c = statutory(received="2025-03-03", start_stage=2)
    report = audit(c, date(2025, 12, 1), "stage1_response", "stage2_response")
    assert not report.for_rule("stage1_response")
    (finding,) = report.for_rule("stage2_response")
    assert (finding.kind, finding.certainty, finding.trigger_id) == ("overdue", "certain", "c")
    assert finding.due_earliest == date(2025, 4, 7)  # 25 working days from Mon 3 Mar 2025


# 3. An advocate restarts stage 1 only where the complainant asked for one (reg 14(2)).

def test_an_advocate_nobody_asked_for_does_not_restart_stage1():
    c = statutory(c1("a", "advocate_appointed", "2025-02-03"), c1("s1", "stage1_response", "2025-02-12"),
                  received="2025-01-06")
    (finding,) = audit(c, date(2025, 6, 1), "stage1_response").findings
    assert (finding.kind, finding.certainty, finding.trigger_id) == ("late", "certain", "c")
    assert finding.due_earliest == date(2025, 1, 20)


def test_an_advocate_asked_for_restarts_stage1_from_the_appointment():
    c = statutory(c1("a", "advocate_appointed", "2025-02-03"), c1("s1", "stage1_response", "2025-02-12"),
                  received="2025-01-06", advocate_requested=True)
    report = audit(c, date(2025, 6, 1), "stage1_response")
    assert report.findings == () and [m.trigger_id for m in report.met] == ["a"]


# 4. Absence is certain only where the record is declared complete for it.

def test_agreed_work_unrecorded_in_a_record_not_complete_for_practice_is_only_possible():
    c = case(ev("w", "work_agreed", "2021-11", ("A",), work="direct work"),
             complete_for=frozenset({"complaint"}))
    (finding,) = audit(c, date(2022, 6, 1), "work_evidenced").findings
    assert (finding.kind, finding.certainty) == ("not_evidenced", "possible")


def test_agreed_work_unrecorded_in_a_record_complete_for_its_record_is_certain():
    c = case(ev("w", "work_agreed", "2021-11", ("A",), work="direct work"),
             complete_for=frozenset({"work_recorded"}))
    (finding,) = audit(c, date(2022, 6, 1), "work_evidenced").findings
    assert finding.certainty == "certain"


def test_contacts_absent_from_a_record_complete_for_practice_are_certainly_not_kept():
    c = case(ev("k", "contact_agreement", "2020-09-21", ("A",), weekday="thursday"),
             ev("m", "contact_made", "2020-09-24", ("A",), agreement="k"),
             complete_for=frozenset({"practice"}))
    (finding,) = audit(c, date(2020, 10, 9), "contact_kept").findings
    assert (finding.kind, finding.certainty) == ("duty", "certain")
    incomplete = audit(case(*c.events), date(2020, 10, 9), "contact_kept").findings
    assert incomplete == () or {f.certainty for f in incomplete} == {"certain"}
    incomplete = audit(case(*c.events, complete_for=frozenset({"complaint"})), date(2020, 10, 9),
                       "contact_kept").findings
    assert [(f.kind, f.certainty) for f in incomplete] == [("not_evidenced", "possible")]


# 11. A possible finding's figures in the JSON agree with its working line.

def test_a_possible_finding_reports_late_by_from_zero_in_its_json_and_its_working():
    c = case(ev("c", "complaint_received", mon_3_mar_2025, complaint="C1", procedure="statutory"),
             c1("s1", "stage1_response", "2025-05-20"), complete_for=frozenset({"remedy"}))
    (finding,) = audit(c, date(2025, 6, 1), "stage1_response").findings
    data = finding.as_dict()
    assert data["certainty"] == "possible"
    assert data["late_by_working_days"] == {"min": 0, "max": 43}
    assert "late by 0–43 working days" in data["working"]
    assert data["beyond_extension"] == "possible"
