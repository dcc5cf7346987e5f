from datetime import date, timedelta

import pytest

from casework.adapters.chronology_file import dump_case, read_case_text
from casework.adapters.synthetic_cases import KINDS, TITLE_PREFIX, synthetic_cases
from casework.domain.audit import audit_case
from casework.domain.chronology import check_case

thu_26_nov_2026 = date(2026, 11, 26)
mon_23_nov_2026 = date(2026, 11, 23)
sat_26_dec_2026 = date(2026, 12, 26)  # Boxing Day, in the Christmas bank holidays
sun_31_may_2026 = date(2026, 5, 31)  # no day six months earlier is its "six months before"
sun_31_dec_2028 = date(2028, 12, 31)  # nor three months earlier
fri_29_feb_2036 = date(2036, 2, 29)

DAYS = [thu_26_nov_2026, mon_23_nov_2026, sat_26_dec_2026, sun_31_may_2026, sun_31_dec_2028,
        fri_29_feb_2036]
COUNT = 2 * len(KINDS)  # every kind in both variants


def _cases(today: date, seed: int = 7, count: int = COUNT):
    return synthetic_cases("demo-council", today, seed=seed, count=count)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_every_synthetic_case_passes_the_chronology_checks(today):
    for case in _cases(today):
        assert check_case(case) == [], case.id


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_audited_on_the_day_there_is_an_overdue_clock_and_deadlines_within_one_and_two_weeks(today):
    reports = [audit_case(case, today) for case in _cases(today, count=len(KINDS))]
    overdue = [f for r in reports for f in r.overdue]
    days_left = [(d.due_latest - today).days for r in reports for d in r.due]
    assert overdue and all(f.is_certain and f.due_latest < today for f in overdue)
    assert any(0 <= n <= 7 for n in days_left), days_left
    assert any(8 <= n <= 14 for n in days_left), days_left


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_only_findings_are_the_overdue_clocks_the_cases_are_built_to_show(today):
    findings = [f for case in _cases(today) for f in audit_case(case, today).findings]
    assert findings
    assert [(f.rule_id, f.kind) for f in findings if f.kind != "overdue"] == []


def test_each_kind_of_open_clock_is_represented():
    rules = {item.rule_id for case in _cases(thu_26_nov_2026)
             for report in [audit_case(case, thu_26_nov_2026)]
             for item in (*report.findings, *report.due)}
    assert {"assessment_timescale", "cin_plan_review", "rcpc_review", "rcpc_first",
            "stage1_response", "stage2_response", "action_evidenced"} <= rules


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_no_synthetic_event_is_dated_after_the_day_it_was_generated_for(today):
    assert all(e.date.latest <= today for case in _cases(today) for e in case.events)


def test_the_same_seed_and_day_give_the_same_cases_and_another_seed_other_dates():
    first = _cases(thu_26_nov_2026, seed=3)
    assert first == _cases(thu_26_nov_2026, seed=3)
    other = _cases(thu_26_nov_2026, seed=4)
    assert [c.events for c in first] != [c.events for c in other]


def test_ids_titles_and_sources_say_the_cases_are_synthetic():
    cases = _cases(thu_26_nov_2026, count=3)
    assert [c.id for c in cases] == ["synthetic-demo-council-001", "synthetic-demo-council-002",
                                     "synthetic-demo-council-003"]
    assert all(c.title.startswith(TITLE_PREFIX) and c.council == "demo-council" for c in cases)
    assert all("not a real case" in c.source for c in cases)


def test_children_and_adults_have_neutral_pseudonyms_with_parental_responsibility():
    for case in _cases(thu_26_nov_2026):
        assert case.child_ids in (("A",), ("A", "B"))
        assert {p.id for p in case.people} <= {"parent_a", "parent_b"}
        assert all(case.parental_responsibility(child) for child in case.child_ids)


def test_a_synthetic_case_exports_and_reads_back_unchanged():
    for case in _cases(thu_26_nov_2026):
        assert read_case_text(dump_case(case), "export.yaml") == case


def test_a_week_later_the_clocks_due_this_week_have_become_overdue():
    case = next(c for c in _cases(mon_23_nov_2026) if "due this week" in c.title)
    due = audit_case(case, mon_23_nov_2026).due
    assert due and audit_case(case, mon_23_nov_2026 + timedelta(days=7)).overdue
