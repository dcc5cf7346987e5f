"""Anachronism: every law and guidance rule has its in-force dates, a finding names the
edition of Working Together it relies on, and the calendar refuses years it cannot count."""

from datetime import date

import pytest
from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.calendar import CalendarYearError, england
from casework.domain.rules import load_rules
from casework.domain.rules.model import STRICT_BASES

RULES = {r.id: r for r in load_rules()}


@pytest.mark.parametrize("rule", [r for r in load_rules() if r.source.basis in STRICT_BASES], ids=lambda r: r.id)
def test_every_law_guidance_and_code_rule_has_an_in_force_date(rule):
    assert rule.effective_from > date(1900, 1, 1)


def test_the_2006_regulations_clocks_start_on_1_september_2006():
    for rule_id in ("stage1_response", "stage2_response", "stage3_panel", "complaint_time_limit"):
        assert RULES[rule_id].effective_from == date(2006, 9, 1)


def test_a_1987_complaint_gets_no_2006_regulations_clock():
    c = case(ev("c", "complaint_received", "1987-03-02", complaint="C1", procedure="statutory"))
    report = audit_case(c, date(1987, 12, 31), [RULES["stage1_response"]])
    assert report.findings == () and report.due == ()


def test_the_45_working_day_assessment_applies_from_working_together_2013_only():
    before = case(ev("r", "referral", "2012-03-05"), ev("a", "assessment_completed", "2012-09-03"))
    after = case(ev("r", "referral", "2014-03-03"), ev("a", "assessment_completed", "2014-09-01"))
    assert audit_case(before, date(2013, 1, 1), [RULES["assessment_timescale"]]).findings == ()
    (finding,) = audit_case(after, date(2015, 1, 1), [RULES["assessment_timescale"]]).findings
    assert finding.edition == "2013" and "Working Together to Safeguard Children 2013, chapter 1" in finding.citation


@pytest.mark.parametrize(("strategy", "edition", "chapter"), [
    ("2019-03-04", "2018", "chapter 1"), ("2024-03-04", "2023", "chapter 3"), ("2016-03-07", "2015", "chapter 1")])
def test_a_child_protection_finding_cites_the_edition_and_chapter_in_force(strategy, edition, chapter):
    c = case(ev("s", "strategy_discussion", strategy, s47_initiated=True),
             ev("e", "s47_enquiry", strategy, concerns_substantiated=True))
    (finding,) = audit_case(c, date(2025, 1, 1), [RULES["icpc_timescale"]]).findings
    assert finding.edition == edition and finding.as_dict()["edition"] == edition
    assert f"Working Together to Safeguard Children {edition}, {chapter}," in finding.citation
    assert "chapter 4" not in finding.citation


def test_christmas_1987_is_not_a_working_day():
    assert not england().is_working_day(date(1987, 12, 25))


def test_a_date_before_the_calendars_known_years_is_refused_with_a_clear_error():
    with pytest.raises(CalendarYearError) as refused:
        england().add_working_days(date(1970, 3, 2), 10)
    assert "1975–2075" in str(refused.value) and "2 Mar 1970" in str(refused.value)
    with pytest.raises(CalendarYearError):
        england().working_days_after(date(2025, 3, 3), date(2080, 1, 1))
