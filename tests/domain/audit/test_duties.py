from datetime import date

from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.chronology import Person
from casework.domain.rules import load_rules

RULES = {r.id: r for r in load_rules()}
MOTHER = Person("ms_e", "mother", ("F",))


def audit(c, *rule_ids, as_of=date(2022, 6, 1)):
    return audit_case(c, as_of, [RULES[r] for r in rule_ids]).findings


def test_a_decision_taken_without_the_parent_and_told_after_is_a_certain_finding():
    c = case(ev("d", "decision_about_child", "2020-12-18", ("F",), decision="stay with grandmother",
                involved_before=[], told_after=["ms_e"]), children=("F",), people=(MOTHER,))
    (finding,) = audit(c, "prior_involvement")
    assert finding.certainty == "certain"
    assert "told only afterwards: Ms E" in finding.summary
    assert "no reason of urgency recorded" in finding.summary


def test_a_recorded_urgency_reason_is_shown_beside_the_finding():
    c = case(ev("d", "decision_about_child", "2020-12-18", ("F",), decision="emergency placement",
                involved_before=[], urgency_reason="police protection"), children=("F",), people=(MOTHER,))
    (finding,) = audit(c, "prior_involvement")
    assert "recorded reason of urgency: police protection" in finding.summary


def test_a_decision_with_the_parent_involved_first_is_no_finding():
    c = case(ev("d", "decision_about_child", "2020-12-18", ("F",), decision="respite",
                involved_before=["ms_e"]), children=("F",), people=(MOTHER,))
    assert audit(c, "prior_involvement") == ()


def test_no_risk_assessment_before_a_decision_about_a_clinically_vulnerable_child():
    c = case(ev("d", "decision_about_child", "2020-12-18", ("F",), decision="travel by train"),
             children=("F",), vulnerable=("F",))
    (finding,) = audit(c, "risk_assessed_first")
    assert (finding.certainty, finding.children) == ("certain", ("F",))


def test_a_risk_assessment_on_the_day_of_the_decision_is_in_time():
    c = case(ev("r", "risk_assessment", "2020-12-18", ("F",)),
             ev("d", "decision_about_child", "2020-12-18", ("F",), decision="travel by train"),
             children=("F",), vulnerable=("F",))
    assert audit(c, "risk_assessed_first") == ()


def test_missed_weekly_calls_are_listed_with_their_recorded_reasons():
    c = case(ev("a", "contact_agreement", "2020-09-21", weekday="thursday", kind="phone call"),
             ev("m1", "contact_missed", "2020-10-08", agreement="a"),
             ev("m2", "contact_missed", "2020-10-15", agreement="a", reason="emergency"),
             ev("end", "consent_withdrawn", "2020-10-20"))
    (finding,) = audit(c, "contact_kept")
    assert finding.certainty == "certain"
    assert "Thu 15 Oct 2020 (reason recorded: emergency)" in finding.summary
    assert "Thu 8 Oct 2020 (no reason recorded)" in finding.summary
    assert "2 of 4 expected contacts not evidenced" in finding.summary


def test_agreed_work_with_no_record_is_not_evidenced():
    c = case(ev("w", "work_agreed", "2021-11", ("A",), work="direct work with Child Y"))
    (finding,) = audit(c, "work_evidenced")
    assert (finding.kind, finding.certainty) == ("not_evidenced", "certain")


def test_agreed_work_with_a_record_is_no_finding():
    c = case(ev("w", "work_agreed", "2021-11", ("A",), work="direct work"),
             ev("r", "work_recorded", "2021-12", ("A",), agreement="w"))
    assert audit(c, "work_evidenced") == ()


def test_a_plan_closed_without_agreement_reason_or_letter_breaches_the_closure_procedure():
    c = case(ev("p", "cin_plan_started", "2018-09"), ev("c", "cin_plan_closed", "2019-03"))
    (finding,) = audit(c, "cin_closure", as_of=date(2021, 1, 1))
    assert (finding.kind, finding.certainty) == ("duty", "certain")
    assert "not agreed" in finding.summary and "no reason recorded" in finding.summary
    assert "the family not told in writing" in finding.summary


def test_a_closure_letter_is_due_at_closure_with_no_invented_number_of_days():
    # No source gives a number of days: a letter weeks later still tells the family.
    c = case(ev("p", "cin_plan_started", "2018-09"),
             ev("c", "cin_plan_closed", "2019-02-04", reason="no unmet needs", agreed_with_family=True),
             ev("l", "closure_letter_sent", "2019-03-29"))
    assert audit(c, "cin_closure", as_of=date(2021, 1, 1)) == ()
    assert RULES["cin_closure"].limit is None


def test_a_missing_closure_letter_in_a_record_not_complete_for_letters_is_only_not_evidenced():
    c = case(ev("p", "cin_plan_started", "2018-09"),
             ev("c", "cin_plan_closed", "2019-02-04", reason="no unmet needs", agreed_with_family=True),
             complete_for=frozenset({"cin_review"}))
    (finding,) = audit(c, "cin_closure", as_of=date(2021, 1, 1))
    assert (finding.kind, finding.certainty) == ("not_evidenced", "possible")


def test_a_closure_agreed_with_the_family_with_a_letter_is_no_finding():
    c = case(ev("p", "cin_plan_started", "2018-09"),
             ev("c", "cin_plan_closed", "2019-02-04", reason="no unmet needs", agreed_with_family=True),
             ev("l", "closure_letter_sent", "2019-02-06"))
    assert audit(c, "cin_closure", as_of=date(2021, 1, 1)) == ()


def test_work_recorded_after_the_audit_date_does_not_evidence_it_on_that_date():
    c = case(ev("w", "work_agreed", "2021-11", ("A",), work="direct work"),
             ev("r", "work_recorded", "2022-09-01", ("A",), agreement="w"))
    (finding,) = audit(c, "work_evidenced", as_of=date(2022, 6, 1))
    assert finding.kind == "not_evidenced"
