from datetime import date

from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.dates import CaseDate
from casework.domain.rules import load_rules

RULES = {r.id: r for r in load_rules()}


def audit(c, as_of=date(2026, 1, 1), *rule_ids):
    return audit_case(c, as_of, [RULES[r] for r in rule_ids])


def test_an_assessment_on_the_45th_working_day_is_on_time():
    # Mon 3 Mar 2025 + 45 working days, skipping Good Friday, Easter Monday and May Day
    c = case(ev("r", "referral", "2025-03-03"), ev("a", "assessment_completed", "2025-05-08"))
    assert audit(c, date(2025, 6, 1), "assessment_timescale").findings == ()


def test_an_assessment_one_working_day_past_45_is_a_certain_breach_by_one_day():
    c = case(ev("r", "referral", "2025-03-03"), ev("a", "assessment_completed", "2025-05-09"))
    (finding,) = audit(c, date(2025, 6, 1), "assessment_timescale").findings
    assert (finding.kind, finding.certainty, finding.late_by_min, finding.late_by_max) == ("late", "certain", 1, 1)
    assert finding.due_earliest == date(2025, 5, 8)
    assert any("Good Friday" in line and "May Day" in line for line in finding.working)


def test_month_only_dates_breach_certainly_only_when_every_reading_breaches():
    # Referral in June 2018, assessment at the end of September 2018 (seed 19 020 817)
    c = case(ev("r", "referral", "2018-06"), ev("a", "assessment_completed", "late 2018-09"))
    (finding,) = audit(c, date(2019, 1, 1), "assessment_timescale").findings
    assert finding.certainty == "certain"
    assert finding.due_latest == date(2018, 9, 4)


def test_overlapping_readings_make_a_breach_only_possible():
    c = case(ev("r", "referral", "2018-06"), ev("a", "assessment_completed", "2018-08"))
    (finding,) = audit(c, date(2019, 1, 1), "assessment_timescale").findings
    assert finding.certainty == "possible"
    assert finding.late_by_min == 0


def test_a_plan_closed_before_its_first_review_was_due_stops_the_clock():
    c = case(ev("p", "cin_plan_started", "2024-01-10"), ev("c", "cin_plan_closed", "2024-03-01",
                                                            reason="needs met", agreed_with_family=True))
    assert audit(c, date(2025, 1, 1), "cin_plan_first_review").findings == ()


def test_a_plan_closed_after_its_review_was_due_without_one_is_a_missed_review():
    c = case(ev("p", "cin_plan_started", "2024-01-10"), ev("c", "cin_plan_closed", "2024-06-01"))
    (finding,) = audit(c, date(2025, 1, 1), "cin_plan_first_review").findings
    assert (finding.kind, finding.certainty, finding.outcome_id) == ("missed", "certain", "c")
    assert finding.due_earliest == date(2024, 4, 10)


def test_each_review_starts_the_next_six_month_clock():
    c = case(ev("p", "cin_plan_started", "2022-11"), ev("r1", "cin_review", "2022-12"),
             ev("r2", "cin_review", "2023-11-09"))
    report = audit(c, date(2023, 12, 1), "cin_plan_review")
    (finding,) = report.findings
    assert (finding.trigger_id, finding.outcome_id, finding.certainty) == ("r1", "r2", "certain")
    (deadline,) = report.due
    assert deadline.trigger_id == "r2" and deadline.due_latest == date(2024, 5, 9)


def test_a_running_clock_past_its_due_date_is_overdue_now():
    c = case(ev("r", "referral", "2025-03-03"))
    (finding,) = audit(c, date(2025, 6, 2), "assessment_timescale").findings
    assert (finding.kind, finding.certainty) == ("overdue", "certain")


def test_a_missing_outcome_in_an_incomplete_record_is_not_evidenced_not_certain():
    c = case(ev("r", "referral", "2025-03-03"), complete_for=frozenset({"complaint"}))
    (finding,) = audit(c, date(2025, 6, 2), "assessment_timescale").findings
    assert (finding.kind, finding.certainty) == ("not_evidenced", "possible")


def test_a_clock_not_yet_due_is_listed_as_due_next_with_its_working():
    c = case(ev("r", "referral", "2025-03-03"))
    report = audit(c, date(2025, 3, 10), "assessment_timescale")
    assert report.findings == ()
    (deadline,) = report.due
    assert deadline.due_latest == date(2025, 5, 8)
    assert "45 working days from Mon 03 Mar 2025" in deadline.working[0]


def test_icpc_counts_from_the_first_strategy_discussion_that_initiated_s47():
    c = case(ev("s1", "strategy_discussion", "2025-03-03", s47_initiated=True),
             ev("s2", "strategy_discussion", "2025-03-10", s47_initiated=True),
             ev("e", "s47_enquiry", "2025-03-14", concerns_substantiated=True),
             ev("i", "icpc", "2025-03-25", cp_plan=True))
    (finding,) = audit(c, date(2025, 6, 1), "icpc_timescale").findings
    assert finding.trigger_id == "s1" and finding.late_by_max == 1


def test_icpc_clock_does_not_run_when_enquiries_did_not_substantiate_concerns():
    c = case(ev("s1", "strategy_discussion", "2025-03-03", s47_initiated=True),
             ev("e", "s47_enquiry", "2025-03-14", concerns_substantiated=False))
    assert audit(c, date(2025, 6, 1), "icpc_timescale").findings == ()


def test_stage1_late_beyond_the_extension_says_so():
    c = case(ev("c", "complaint_received", "2023-10", complaint="C1", procedure="statutory"),
             ev("s1", "stage1_response", "2023-12", complaint="C1"))
    (finding,) = audit(c, date(2024, 1, 1), "stage1_response").findings
    assert (finding.certainty, finding.beyond_extension, finding.complaint) == ("certain", "certain", "C1")


def test_a_recorded_extension_lengthens_the_stage1_limit_to_20_working_days():
    c = case(ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory"),
             ev("x", "stage1_extended", "2025-03-10", complaint="C1"),
             ev("s1", "stage1_response", "2025-03-28", complaint="C1"))
    assert audit(c, date(2025, 6, 1), "stage1_response").findings == ()


def test_statutory_clocks_do_not_run_on_a_corporate_complaint():
    c = case(ev("c", "complaint_received", "2021-04-01", complaint="C1", procedure="corporate"),
             ev("s1", "stage1_response", "2021-09-01", complaint="C1"))
    assert audit(c, date(2022, 1, 1), "stage1_response").findings == ()


def test_code_rules_apply_only_to_complaints_from_1_april_2026():
    early = case(ev("c", "complaint_received", "2026-03-02", complaint="C1", procedure="corporate"))
    late = case(ev("c", "complaint_received", "2026-04-06", complaint="C1", procedure="corporate"))
    assert audit(early, date(2026, 6, 1), "code_stage1_ack").findings == ()
    (finding,) = audit(late, date(2026, 6, 1), "code_stage1_ack").findings
    assert finding.kind == "overdue"


def test_stage2_is_counted_from_the_request_and_certain_where_the_request_date_is():
    # Ombudsman's counting (rules.md §3b): 25 working days from Mon 3 Feb 2025 is Mon 10 Mar.
    c = case(ev("c", "complaint_received", "2025-01-06", complaint="C1", procedure="statutory"),
             ev("q", "stage2_requested", "2025-02-03", complaint="C1"),
             ev("s", "stage2_started", "2025-03-03", complaint="C1"),
             ev("r", "stage2_response", "2025-04-04", complaint="C1"))
    (finding,) = audit(c, date(2025, 6, 1), "stage2_response").findings
    assert (finding.trigger_id, finding.kind, finding.certainty) == ("q", "late", "certain")
    assert finding.due_earliest == date(2025, 3, 10)
    (beside,) = [line for line in finding.working if line.startswith("counted instead")]
    assert "stage2 started 's' (3 Mar 2025)" in beside and "due 7 April 2025, in time" in beside
    assert "20 working days between the stage2 requested and the stage2 started" in beside


def test_stage2_from_a_request_known_only_by_bounds_is_possible():
    c = case(ev("c", "complaint_received", "2025-01-06", complaint="C1", procedure="statutory"),
             ev("q", "stage2_requested", CaseDate.between(CaseDate.parse("2025-02-03"),
                                                           CaseDate.parse("2025-03-04")), complaint="C1"),
             ev("s", "stage2_started", "2025-03-03", complaint="C1"),
             ev("r", "stage2_response", "2025-04-04", complaint="C1"))
    (finding,) = audit(c, date(2025, 6, 1), "stage2_response").findings
    assert (finding.trigger_id, finding.certainty, finding.late_by_min) == ("q", "possible", 0)


def test_stage2_without_a_recorded_request_counts_from_the_agreed_statement():
    c = case(ev("s", "stage2_started", "2025-03-03", complaint="C1"),
             ev("r", "stage2_response", "2025-05-01", complaint="C1"),
             ev("c", "complaint_received", "2025-01-06", complaint="C1", procedure="statutory"))
    findings = audit(c, date(2025, 6, 1), "stage2_response").findings
    assert [(f.trigger_id, f.certainty) for f in findings] == [("s", "certain")]


def test_bounds_dates_are_judged_under_every_reading():
    request = CaseDate.between(CaseDate.parse("2023-12"), CaseDate.parse("2024-04"))
    c = case(ev("c", "complaint_received", "2023-10", complaint="C1", procedure="statutory"),
             ev("q", "stage2_requested", request, complaint="C1"),
             ev("r", "stage2_response", "2024-05", complaint="C1"))
    (finding,) = audit(c, date(2025, 1, 1), "stage2_response").findings
    assert (finding.certainty, finding.beyond_extension) == ("possible", "possible")


def test_findings_for_several_children_on_one_trigger_are_merged():
    c = case(ev("r", "referral", "2018-06"), ev("a", "assessment_completed", "late 2018-09"),
             children=("P", "Q", "R"))
    (finding,) = audit(c, date(2019, 1, 1), "assessment_timescale").findings
    assert finding.children == ("P", "Q", "R")


def test_a_recorded_late_referral_decision_is_certain_though_a_missing_one_is_only_not_evidenced():
    late = case(ev("r", "referral", "2025-03-03"), ev("d", "referral_decision", "2025-03-05"))
    (finding,) = audit(late, date(2025, 6, 1), "referral_decision").findings
    assert (finding.kind, finding.certainty) == ("late", "certain")
    missing = case(ev("r", "referral", "2025-03-03"))
    (finding,) = audit(missing, date(2025, 6, 1), "referral_decision").findings
    assert (finding.kind, finding.certainty) == ("not_evidenced", "possible")
