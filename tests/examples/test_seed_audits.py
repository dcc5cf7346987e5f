"""The five seed decisions, audited as of their decision dates: the audit finds at least what
each decision found, and calls no certain breach where the decision found no fault."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from casework.adapters.chronology_file import read_case_file
from casework.domain.audit import AuditReport, audit_case
from casework.domain.remedies import judge_payment, loss_period

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def audit(stem: str) -> AuditReport:
    case = read_case_file(EXAMPLES / f"{stem}.yaml")
    (decision,) = case.of_type("ombudsman_decision")
    return audit_case(case, decision.date.latest)


def certain(report: AuditReport, rule_id: str) -> list:
    return [f for f in report.for_rule(rule_id) if f.is_certain]


def children_of(findings) -> set[str]:
    return {c for f in findings for c in f.children}


# Rules the audit may call a certain breach in each seed: what the decision found, and the
# practice facts it records. Anything else certain would be a breach the decision did not find.
ALLOWED_CERTAIN = {
    "sefton-24-009-485": {"cin_plan_review"},
    "wirral-19-020-817": {"assessment_timescale", "cin_planning_meeting", "cin_plan_first_review",
                          "cin_closure"},
    "sefton-21-004-199": {"prior_involvement", "risk_assessed_first", "contact_kept"},
    "southend-24-007-529": {"stage3_panel", "work_evidenced", "upheld_point_remedied"},
    "liverpool-24-010-960": {"stage1_response", "stage2_response", "financial_loss_repaid"},
}


@pytest.mark.parametrize("stem", sorted(ALLOWED_CERTAIN))
def test_no_certain_breach_beyond_what_the_decision_supports(stem):
    report = audit(stem)
    assert {f.rule_id for f in report.certain} <= ALLOWED_CERTAIN[stem]


def test_sefton_24_009_485_cin_review_overdue_after_the_december_2022_review():
    report = audit("sefton-24-009-485")
    (finding,) = certain(report, "cin_plan_review")
    case = read_case_file(EXAMPLES / "sefton-24-009-485.yaml")
    trigger, outcome = case.event(finding.trigger_id), case.event(finding.outcome_id)
    assert str(trigger.date) == "December 2022"
    assert outcome.date.earliest == date(2023, 11, 9)
    assert finding.late_by_min > 60


def test_sefton_24_009_485_the_250_pound_distress_payment_is_within_the_guidance():
    judgement = judge_payment(Decimal(250), "distress", date(2025, 6, 24))
    assert judgement.status == "within"
    assert not audit("sefton-24-009-485").for_rule("remedy_within_guidance")


def test_wirral_assessment_took_more_than_45_working_days():
    (finding,) = certain(audit("wirral-19-020-817"), "assessment_timescale")
    assert len(finding.children) == 5 and finding.kind == "late"


def test_wirral_no_cin_planning_meeting_and_no_review_within_3_months_for_any_child():
    report = audit("wirral-19-020-817")
    assert children_of(certain(report, "cin_planning_meeting")) == {"P", "Q", "R", "S", "T"}
    assert children_of(certain(report, "cin_plan_first_review")) == {"P", "Q", "R", "S", "T"}


def test_wirral_three_plans_closed_in_march_2019_without_the_closure_procedure():
    findings = [f for f in certain(audit("wirral-19-020-817"), "cin_closure") if f.kind == "duty"]
    assert len(children_of(findings)) == 3
    assert all("March 2019" in f.summary for f in findings)


def test_sefton_21_004_199_decision_without_the_mothers_prior_involvement_and_no_risk_assessment():
    report = audit("sefton-21-004-199")
    (involvement,) = certain(report, "prior_involvement")
    assert involvement.children == ("F",) and "18 Dec 2020" in involvement.summary
    (risk,) = certain(report, "risk_assessed_first")
    assert risk.children == ("F",)


def test_sefton_21_004_199_some_agreed_thursday_calls_missed():
    (finding,) = certain(audit("sefton-21-004-199"), "contact_kept")
    assert "Thu 8 Oct 2020" in finding.summary and "Thu 15 Oct 2020" in finding.summary


def test_sefton_21_004_199_pre_proceedings_and_conference_invitations_are_not_faults():
    report = audit("sefton-21-004-199")
    case = read_case_file(EXAMPLES / "sefton-21-004-199.yaml")
    escalation = {e.id for e in case.of_type("legal_planning_meeting", "pre_proceedings_letter",
                                             "pre_proceedings_meeting")}
    assert escalation
    assert not [f for f in report.findings if f.trigger_id in escalation or f.outcome_id in escalation]


def test_southend_stage3_panel_far_beyond_30_working_days_of_the_request():
    (finding,) = certain(audit("southend-24-007-529"), "stage3_panel")
    assert finding.late_by_min > 30


def test_southend_direct_work_never_evidenced_and_upheld_points_without_personal_remedy():
    report = audit("southend-24-007-529")
    (work,) = certain(report, "work_evidenced")
    assert work.kind == "not_evidenced" and work.children == ("Y",)
    (remedy,) = certain(report, "upheld_point_remedied")
    assert remedy.complaint is not None


def test_liverpool_stage1_response_beyond_even_the_extended_20_working_days():
    (finding,) = certain(audit("liverpool-24-010-960"), "stage1_response")
    assert finding.beyond_extension == "certain"


def test_liverpool_stage2_response_at_least_a_possible_breach():
    findings = audit("liverpool-24-010-960").for_rule("stage2_response")
    assert findings and {f.certainty for f in findings} <= {"certain", "possible"}
    assert any(f.beyond_extension in ("certain", "possible") for f in findings)


def test_liverpool_direct_payments_loss_period_is_147_days():
    case = read_case_file(EXAMPLES / "liverpool-24-010-960.yaml")
    (due,) = case.of_type("support_due")
    (started,) = case.of_type("direct_payment_started")
    period = loss_period(due.date.earliest, started.detail("backdated_to"))
    assert (period.start, period.end, period.days) == (date(2023, 7, 3), date(2023, 11, 26), 147)


def test_liverpool_the_loss_payment_did_not_cover_the_whole_period_and_1102_58_is_still_owed():
    (finding,) = certain(audit("liverpool-24-010-960"), "financial_loss_repaid")
    assert finding.children == ("D",) and finding.outcome_id == "paid_542"
    assert "3 Jul 2023–26 Nov 2023 (147 days)" in finding.summary
    assert "£542.25 paid, £1,102.58 still owed" in finding.summary
