"""The column-wise audit gives exactly the per-case audit's findings, case for case."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.domain.audit import audit_case
from casework.domain.batch import (
    audit_table,
    batchable,
    finding_rows,
    summarise,
    table_from_cases,
    table_from_census,
)
from casework.domain.census import (
    Assessment,
    CensusChild,
    CensusHeader,
    CPPlan,
    Episode,
    Section47,
    case_id,
    episode_to_case,
)
from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.events import Event
from casework.domain.rules import load_rules
from casework.domain.rules.model import DatedLimit, Extension, Limit, Limits, Matcher, Rule, Source

CENSUS_RULES = tuple(r for r in load_rules() if r.id in
                     ("assessment_timescale", "icpc_timescale", "rcpc_first", "rcpc_review"))
CHILD_RULES = tuple(r for r in load_rules() if batchable(r) is None)
HEADER = CensusHeader("999", date(2026, 3, 31))
mon_7_apr_2025 = date(2025, 4, 7)


def _dated(*figures: tuple[date | None, int, str]) -> Limits:
    """A limit keyed by date: (from, amount, unit), oldest first."""
    source = Source("guidance", "a changed edition")
    return Limits(tuple(DatedLimit(Limit(amount, unit), start, source)  # type: ignore[arg-type]
                        for start, amount, unit in figures))


def _variants() -> tuple[Rule, ...]:
    """Rules with the features no shipped child rule has: an extension, a dated start, two
    trigger types (the first present wins), figures that change on a date (shortened, and
    an extension lengthened), so imprecise triggers straddle a change."""
    assessment = next(r for r in CHILD_RULES if r.id == "assessment_timescale")
    return (
        dataclasses.replace(assessment, id="extended_assessment", extension=Extension(
            _dated((None, 60, "working_days")), (Matcher("assessment_started"),))),
        dataclasses.replace(assessment, id="dated_assessment", effective_from=date(2025, 6, 1)),
        dataclasses.replace(assessment, id="either_trigger", trigger=(
            Matcher("strategy_discussion", {"s47_initiated": True}), Matcher("referral")),
            limit=_dated((None, 2, "calendar_months"))),
        dataclasses.replace(assessment, id="by_days", limit=_dated((None, 30, "calendar_days"))),
        dataclasses.replace(
            assessment, id="changed_figures",
            limit=_dated((None, 45, "working_days"), (date(2025, 9, 1), 20, "working_days")),
            extension=Extension(_dated((None, 50, "working_days"), (date(2025, 10, 15), 70, "working_days")),
                                (Matcher("assessment_started"),))),
    )


def per_case(cases: list[Case], as_of: date, rules: tuple[Rule, ...]) -> set[tuple[object, ...]]:
    found = set()
    for case in cases:
        for f in audit_case(case, as_of, rules).findings:
            for child in f.children or ("",):
                found.add((case.id, child, f.rule_id, f.kind, f.certainty, f.trigger_id, f.outcome_id,
                           f.due_earliest, f.due_latest, f.late_by_min, f.late_by_max, f.beyond_extension))
    return found


def batch(table: object, as_of: date, rules: tuple[Rule, ...]) -> set[tuple[object, ...]]:
    result = audit_table(table, as_of, rules)  # type: ignore[arg-type]
    rows = finding_rows(table, result)  # type: ignore[arg-type]
    return {
        (rows["case_id"][i], rows["child"][i], rows["rule_id"][i], rows["kind"][i], rows["certainty"][i],
         rows["trigger_id"][i], rows["outcome_id"][i] or None, rows["due_earliest"][i].item(),
         rows["due_latest"][i].item(), int(rows["late_by_min"][i]), int(rows["late_by_max"][i]),
         rows["beyond_extension"][i] or None)
        for i in range(len(result))
    }


# --- census-like episodes -------------------------------------------------------------

days = st.integers(0, 420)


def _day(offset: int) -> date:
    return mon_7_apr_2025 + timedelta(days=offset)


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    referral = draw(st.integers(0, 200))
    later = st.integers(referral, referral + 300)
    assessments = tuple(
        Assessment(_day(s), _day(s + d) if d is not None else None)
        for s, d in draw(st.lists(st.tuples(later, st.none() | st.integers(0, 120)), max_size=2)))
    s47s = []
    for start, delay, flag in draw(st.lists(st.tuples(later, st.none() | st.integers(0, 40),
                                                       st.none() | st.booleans()), max_size=2)):
        icpc = _day(start + delay) if delay is not None else None
        s47s.append(Section47(_day(start), icpc, flag if icpc is None else False))
    plans = []
    for start, gaps, end in draw(st.lists(st.tuples(later, st.lists(st.integers(20, 240), max_size=4),
                                                     st.none() | st.integers(0, 500)), max_size=2)):
        reviews, at = [], start
        for gap in gaps:
            at += gap
            reviews.append(_day(at))
        plans.append(CPPlan(_day(start), _day(start + end) if end is not None else None, tuple(reviews)))
    # An initial conference that starts a plan, as the census records it.
    if plans and draw(st.booleans()):
        s47s.append(Section47(_day(referral), plans[0].start, False))
    closure = draw(st.none() | later)
    return Episode(
        referral=_day(referral), closure=_day(closure) if closure is not None else None,
        icpc=draw(st.none() | st.sampled_from([p.start for p in plans] or [_day(referral + 3)])),
        assessments=assessments, section47s=tuple(s47s), cp_plans=tuple(plans),
    )


@st.composite
def census_children(draw: st.DrawFn) -> list[CensusChild]:
    count = draw(st.integers(1, 6))
    return [CensusChild(f"C{k}", None, False, tuple(draw(st.lists(episodes(), min_size=1, max_size=2))))
            for k in range(count)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(census_children(), st.integers(0, 700))
def test_census_episodes_get_the_same_findings_from_both_audits(children: list[CensusChild],
                                                               as_of_offset: int) -> None:
    as_of = _day(as_of_offset)
    cases = [episode_to_case(c, n, e, HEADER) for c in children for n, e in enumerate(c.episodes, 1)]
    expected = per_case(cases, as_of, CENSUS_RULES)
    assert batch(table_from_census(children, HEADER, CENSUS_RULES), as_of, CENSUS_RULES) == expected
    assert batch(table_from_cases(cases, CENSUS_RULES), as_of, CENSUS_RULES) == expected


# --- chronologies with imprecise dates, several children, incomplete records ---------

TYPES = ("referral", "assessment_started", "assessment_completed", "strategy_discussion", "s47_enquiry",
         "icpc", "rcpc", "cp_plan_ended", "case_closed", "cin_plan_started", "cin_review",
         "cin_planning_meeting", "cin_plan_closed", "core_group", "referral_decision",
         "transfer_in_notified", "transfer_in_conference")
DETAILS = {"strategy_discussion": "s47_initiated", "s47_enquiry": "concerns_substantiated",
           "icpc": "cp_plan", "rcpc": "plan_continues"}


@st.composite
def case_dates(draw: st.DrawFn) -> CaseDate:
    start = _day(draw(days))
    form = draw(st.sampled_from(["exact", "exact", "month", "late", "bounds"]))
    if form == "month":
        return CaseDate.parse(f"{start:%Y-%m}")
    if form == "late":
        return CaseDate.parse(f"late {start:%Y-%m}")
    if form == "bounds":
        return CaseDate(start, start + timedelta(days=draw(st.integers(1, 40))), "bounds")
    return CaseDate.exact(start)


@st.composite
def chronologies(draw: st.DrawFn, number: int) -> Case:
    kids = [f"K{number}{k}" for k in range(draw(st.integers(1, 2)))]
    events = []
    for i in range(draw(st.integers(0, 14))):
        type_ = draw(st.sampled_from(TYPES))
        details = {DETAILS[type_]: draw(st.booleans())} if type_ in DETAILS and draw(st.booleans()) else {}
        named = draw(st.lists(st.sampled_from(kids), unique=True, max_size=len(kids)))
        events.append(Event(f"e{i}", type_, draw(case_dates()), tuple(named), details))
    complete = draw(st.sampled_from([None, frozenset({"child_protection"}), frozenset({"complaint"})]))
    return Case(f"case{number}", "999", children=tuple(Child(k) for k in kids), events=tuple(events),
                complete_for=complete)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=5, unique=True).flatmap(
    lambda ns: st.tuples(*(chronologies(n) for n in ns))), st.integers(0, 700))
def test_chronologies_with_imprecise_dates_get_the_same_findings_from_both_audits(
        cases: tuple[Case, ...], as_of_offset: int) -> None:
    as_of = _day(as_of_offset)
    rules = (*CHILD_RULES, *_variants())
    assert batch(table_from_cases(list(cases), rules), as_of, rules) == per_case(list(cases), as_of, rules)


# --- examples -------------------------------------------------------------------------

def test_an_assessment_authorised_on_the_46th_working_day_is_one_day_late() -> None:
    # Mon 7 Apr 2025 + 45 working days, skipping Good Friday, Easter Monday and two May bank
    # holidays, is Fri 13 Jun; authorised on Mon 16 Jun.
    episode = Episode(referral=mon_7_apr_2025, assessments=(Assessment(mon_7_apr_2025, date(2025, 6, 16)),))
    child = CensusChild("A1", episodes=(episode,))
    rule = tuple(r for r in CENSUS_RULES if r.id == "assessment_timescale")
    found = batch(table_from_census([child], HEADER, rule), date(2025, 12, 1), rule)
    assert found == {(case_id("A1", 1), "A1", "assessment_timescale", "late", "certain", "ref", "a1.done",
                      date(2025, 6, 13), date(2025, 6, 13), 1, 1, None)}


def test_rules_the_column_wise_audit_cannot_evaluate_are_refused_by_name() -> None:
    stage2 = next(r for r in load_rules() if r.id == "stage2_response")
    table = table_from_cases([], CENSUS_RULES)
    with pytest.raises(ValueError, match="stage2_response"):
        audit_table(table, mon_7_apr_2025, (stage2,))


def test_breach_rates_count_clocks_and_breaches_by_council_rule_and_due_month() -> None:
    on_time = Episode(referral=mon_7_apr_2025, assessments=(Assessment(mon_7_apr_2025, date(2025, 5, 1)),))
    late = Episode(referral=mon_7_apr_2025, assessments=(Assessment(mon_7_apr_2025, date(2025, 7, 1)),))
    children = [CensusChild("A", episodes=(on_time,)), CensusChild("B", episodes=(late,))]
    rule = tuple(r for r in CENSUS_RULES if r.id == "assessment_timescale")
    table = table_from_census(children, HEADER, rule)
    summary = summarise(table, audit_table(table, HEADER.reference_date, rule), HEADER.reference_date)
    assert [(c, r, str(m), n, k) for c, r, m, n, k in zip(
        summary.council, summary.rule, summary.month, summary.clocks, summary.certain, strict=True)] == [
        ("999", "assessment_timescale", "2025-06", 2, 1)]
    assert summary.rate.tolist() == [0.5]


def test_a_review_that_ends_the_plan_and_may_precede_the_trigger_is_passed_over_as_an_outcome_too() -> None:
    # A review "in April 2025" and one on Mon 7 Apr that ended the plan: the second is both
    # the first's next review and the end of its plan, and may have come before it. Passed
    # over as a stop, it is passed over as an outcome too, and the first review's clock, with
    # no later review, is possibly overdue in both audits.
    rules = tuple(r for r in load_rules() if r.id == "rcpc_review")
    events = (Event("april", "rcpc", CaseDate.parse("2025-04")),
              Event("ended", "rcpc", CaseDate.exact(mon_7_apr_2025), (), {"plan_continues": False}))
    case = Case("case0", "999", children=(Child("K"),), events=events)
    as_of = date(2025, 10, 2)
    found = per_case([case], as_of, rules)
    assert {(f[2], f[3], f[4], f[5]) for f in found} == {("rcpc_review", "overdue", "possible", "april")}
    assert batch(table_from_cases([case], rules), as_of, rules) == found
