"""Cases beyond each rule's own pass and breach examples (those live beside the rule, in
`rules/<area>/<id>.examples.yaml`): how a rule meets an unusual but lawful record."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from case_builders import case, ev

from casework.domain.audit import audit_case
from casework.domain.chronology import Case
from casework.domain.rules import Rule, load_rules

RULES = {r.id: r for r in load_rules()}

mon_3_mar_2025 = "2025-03-03"
mon_10_mar_2025_day = "2025-03-10"  # 1 week after Mon 3 Mar 2025
tue_18_mar_2025 = "2025-03-18"
mon_14_apr_2025 = "2025-04-14"
tue_1_apr_2025_day = date(2025, 4, 1)
thu_1_may_2025_day = date(2025, 5, 1)
wed_1_oct_2025_day = date(2025, 10, 1)


def findings_of(rule: Rule, chronology: Case, as_of: date) -> list[tuple[str, str]]:
    report = audit_case(chronology, as_of, [rule])
    assert {f.rule_id for f in report.findings} <= {rule.id}
    return [(f.kind, f.certainty) for f in report.findings]


def test_a_care_plan_prepared_before_the_placement_meets_regulation_4() -> None:
    before = case(ev("c", "care_plan", "2025-02-28"), ev("p", "placement_started", mon_3_mar_2025))
    assert findings_of(RULES["care_plan"], before, tue_1_apr_2025_day) == []


def test_a_placement_ending_stops_the_six_weekly_visit_clock_and_the_next_placement_starts_its_own() -> None:
    visits = case(ev("v1", "lac_visit", mon_3_mar_2025), ev("e", "placement_ended", mon_10_mar_2025_day),
                  ev("p", "placement_started", mon_10_mar_2025_day),
                  ev("v2", "lac_visit", tue_18_mar_2025), ev("v3", "lac_visit", mon_14_apr_2025))
    assert findings_of(RULES["lac_visit"], visits, thu_1_may_2025_day) == []
    assert findings_of(RULES["lac_visit_first"], visits, thu_1_may_2025_day) == [("late", "certain")]


def test_a_decision_not_to_assess_ends_the_twenty_week_clock() -> None:
    refused = case(ev("q", "ehc_requested", mon_3_mar_2025),
                   ev("d", "ehc_decision", mon_14_apr_2025, to_assess=False))
    assert findings_of(RULES["ehc_final_plan"], refused, wed_1_oct_2025_day) == []


# stage2_request from the stage 1 time running out (rules.md §3b), read as a council clock so
# that its silence by design (the complainant's own limit) does not hide what it counts.
def _stage2_request_clock() -> Rule:
    return replace(RULES["stage2_request"], parameters={})


def _complaint(*events: tuple[str, str, str, dict[str, object]]) -> Case:
    return case(ev("c", "complaint_received", mon_3_mar_2025, complaint="C1", procedure="statutory"),
                *(ev(i, t, d, complaint="C1", **extra) for i, t, d, extra in events))


def _stage2_request_dues(chronology: Case) -> list[tuple[str | None, date, date]]:
    report = audit_case(chronology, thu_1_may_2025_day, [_stage2_request_clock()])
    return [(f.trigger_id, f.due_earliest, f.due_latest) for f in report.findings] + [
        (d.trigger_id, d.due_earliest, d.due_latest) for d in report.due]


def test_an_extended_stage_1_runs_out_at_20_working_days_and_stage_2_may_be_asked_20_after() -> None:
    # Extended: stage 1 due Mon 31 Mar 2025; 20 working days on (Easter skipped) is Wed 30 Apr.
    late = _complaint(("x", "stage1_extended", "2025-03-10", {}), ("q", "stage2_requested", "2025-05-01", {}))
    assert _stage2_request_dues(late) == [("c.expired", date(2025, 4, 30), date(2025, 4, 30))]


def test_a_stage_1_response_even_a_late_one_starts_the_stage_2_request_clock_instead() -> None:
    late_response = _complaint(("s1", "stage1_response", "2025-03-24", {}))
    assert [t for t, _, _ in _stage2_request_dues(late_response)] == ["s1"]


def test_stage_2_asked_for_before_the_stage_1_time_ran_out_starts_no_expiry_clock() -> None:
    early = _complaint(("q", "stage2_requested", "2025-03-10", {}))
    assert _stage2_request_dues(early) == []
