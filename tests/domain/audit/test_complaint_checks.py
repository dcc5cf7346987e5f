from datetime import date

from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.rules import load_rules

RULES = {r.id: r for r in load_rules()}


def audit(c, *rule_ids, as_of=date(2024, 6, 1)):
    return audit_case(c, as_of, [RULES[r] for r in rule_ids]).findings


def received(when="2021-10-04"):
    return ev("c", "complaint_received", when, complaint="C1", procedure="statutory",
              points={"1": "referral", "2": "plan"})


def test_upheld_points_with_no_personal_remedy_are_a_finding():
    c = case(received(), ev("s2", "stage2_response", "2022-05", complaint="C1",
                            findings={"1": "partially_upheld", "2": "not_upheld"}),
             ev("p", "stage3_panel", "2023-08", complaint="C1", findings={"1": "upheld", "2": "upheld"}),
             ev("d", "remedy_offered", "2023-06", amount=250, purpose="delay", complaint="C1"))
    (finding,) = audit(c, "upheld_point_remedied")
    assert "point(s) 1, 2" in finding.summary and finding.trigger_id == "p"


def test_a_later_stage_overturning_to_not_upheld_needs_no_remedy():
    c = case(received(), ev("s2", "stage2_response", "2022-05", complaint="C1", findings={"1": "upheld"}),
             ev("p", "stage3_panel", "2023-08", complaint="C1", findings={"1": "not_upheld"}))
    assert audit(c, "upheld_point_remedied") == ()


def test_a_distress_payment_remedies_every_point_it_does_not_restrict():
    c = case(received(), ev("s2", "stage2_response", "2022-05", complaint="C1", findings={"1": "upheld"}),
             ev("m", "remedy_offered", "2022-05", amount=300, purpose="distress", complaint="C1"))
    assert audit(c, "upheld_point_remedied") == ()


def test_refusing_a_panel_after_a_timely_request_is_a_certain_breach():
    c = case(received(), ev("s2", "stage2_response", "2022-05-03", complaint="C1"),
             ev("q", "stage3_requested", "2022-05-20", complaint="C1"),
             ev("x", "stage3_refused", "2022-06-01", complaint="C1"))
    (finding,) = audit(c, "stage3_not_refused")
    assert finding.certainty == "certain" and finding.outcome_id == "x"


def test_refusing_a_panel_after_a_late_request_is_no_breach():
    c = case(received(), ev("s2", "stage2_response", "2022-05-03", complaint="C1"),
             ev("q", "stage3_requested", "2022-08-01", complaint="C1"),
             ev("x", "stage3_refused", "2022-08-05", complaint="C1"))
    assert audit(c, "stage3_not_refused") == ()


def test_a_complaint_more_than_a_year_after_the_matter_is_reported_with_the_councils_discretion():
    c = case(ev("m", "decision_about_child", "2020-01-10", ("A",), decision="x"),
             ev("c", "complaint_received", "2021-03-01", complaint="C1", procedure="statutory", about="m"))
    (finding,) = audit(c, "complaint_time_limit")
    assert finding.certainty == "certain" and "may still accept" in finding.summary


def test_an_agreed_action_past_its_deadline_without_evidence_is_overdue():
    c = case(ev("d", "ombudsman_decision", "2025-05-28", reference="24 010 960"),
             ev("a", "action_agreed", "2025-05-28", action="pay £1,102.58",
                deadline="within one month of our final decision", decision="d"))
    (finding,) = audit(c, "action_evidenced", as_of=date(2025, 7, 1))
    assert (finding.kind, finding.certainty, finding.due_latest) == ("overdue", "certain", date(2025, 6, 28))


def test_an_action_evidenced_in_time_is_no_finding():
    c = case(ev("d", "ombudsman_decision", "2025-05-28", reference="24 010 960"),
             ev("a", "action_agreed", "2025-05-28", action="apologise", deadline="within four weeks",
                decision="d"),
             ev("e", "action_evidenced", "2025-06-10", agreement="a", evidence="letter"))
    assert audit(c, "action_evidenced", as_of=date(2025, 7, 1)) == ()


def test_a_distress_payment_below_the_older_band_is_flagged_as_possibly_too_low():
    c = case(ev("m", "remedy_offered", "2021-03-01", amount=50, purpose="distress"))
    (finding,) = audit(c, "remedy_within_guidance", as_of=date(2021, 6, 1))
    assert finding.certainty == "possible" and "below" in finding.summary
