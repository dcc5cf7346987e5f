"""Chronology files: one fixture per class of bad input, each naming file, line, field and fix;
and a written case reads back as the same case."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.adapters.chronology_file import dump_case, read_case_file, read_case_text
from casework.domain.chronology import Case, Child, Person
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import Event

BAD = Path(__file__).parent / "fixtures" / "bad"

# file → (line, field, words the problem must contain, words the fix must contain)
BAD_INPUT = {
    "malformed_yaml.yaml": (8, "", "not valid YAML", "fix the syntax"),
    "unknown_field.yaml": (4, "childs", "unknown field 'childs'", "check its spelling"),
    "missing_field.yaml": (6, "events.ref.date", "'date' is missing", "add 'date:'"),
    "unknown_event_type.yaml": (8, "events.asmt.type", "'referal' is not an event type",
                                "e.g. referral"),
    "impossible_date.yaml": (8, "events.ref.date", "'2019-02-30' is not a real date",
                             "correct the date"),
    "malformed_date.yaml": (8, "events.ref.date", "'9th of January 2023' is not a date",
                            "correct the date"),
    "unknown_child.yaml": (10, "events.review.children", "'R' is not one of the case's children",
                           "add the child under 'children'"),
    "outcome_before_trigger.yaml": (11, "events.s1.date",
                                    "stage1_response (1 Sep 2023) is dated before the "
                                    "complaint_received", "an outcome cannot come before"),
    "duplicate_event_id.yaml": (8, "events.review.id", "the id 'review' is used twice",
                                "give every event its own id"),
    "unknown_detail.yaml": (11, "events.ref.details.urgency", "has no detail 'urgency'",
                            "use one of: source"),
    "bad_detail_value.yaml": (14, "events.s1.details.findings", "unknown finding(s) ['yes']",
                              "use one of: upheld"),
    "bounds_unknown_event.yaml": (11, "events.s2req.date", "'s1' is neither a date nor the id",
                                  "name an event's id (above or below this one) or write a date"),
}


def _only_problem(path: Path) -> Problem:
    with pytest.raises(CaseworkError) as caught:
        read_case_file(path)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def test_there_is_one_fixture_per_class_of_bad_input_and_each_is_tested() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(BAD_INPUT)


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_file_line_field_and_fix(name: str) -> None:
    line, field, problem_words, fix_words = BAD_INPUT[name]
    problem = _only_problem(BAD / name)
    assert problem.where == str(BAD / name)
    assert problem.line == line
    assert problem.field == field
    assert problem_words in problem.problem
    assert fix_words in problem.fix
    assert f"{BAD / name}:{line}" in str(problem)


def test_every_problem_in_a_file_is_reported_together() -> None:
    text = """\
case: several
council: sefton
children: [{id: P}]
events:
  - {id: plan, type: cin_plan_started, date: 2023-01-09, children: [P]}
  - {id: review, type: cin_reviw, date: 2023-04-03, children: [P]}
  - {id: visit, type: visit, date: 2023-05-02, children: [R]}
  - {id: visit, type: visit, date: 2023-06-01, children: [P]}
"""
    with pytest.raises(CaseworkError) as caught:
        read_case_text(text, "several.yaml")
    assert sorted((p.line, p.field) for p in caught.value.problems) == [
        (6, "events.review.type"), (7, "events.visit.children"), (8, "events.visit.id"),
    ]


def test_a_date_of_the_wrong_shape_is_one_problem_with_the_date_forms_as_fix() -> None:
    text = "case: a\ncouncil: b\nevents:\n  - id: x\n    type: referral\n    date: [2023]\n"
    with pytest.raises(CaseworkError) as caught:
        read_case_text(text, "shape.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (6, "events.x.date")
    assert "early 2023-11" in problem.fix


def test_a_parent_named_for_an_unknown_child_is_reported_at_its_line() -> None:
    text = ("case: a\ncouncil: b\nchildren: [{id: P}]\npeople:\n  - id: m\n    role: mother\n"
            "    parental_responsibility_for: [Z]\n")
    with pytest.raises(CaseworkError) as caught:
        read_case_text(text, "people.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (7, "people.m.parental_responsibility_for")


def test_a_file_that_cannot_be_read_is_a_casework_error() -> None:
    with pytest.raises(CaseworkError) as caught:
        read_case_file(BAD / "no_such_file.yaml")
    assert "cannot read the file" in caught.value.problems[0].problem


# Round trip --------------------------------------------------------------------------------

def _without_lines(case: Case) -> Case:
    """The line an event was read from is where it came from, not part of the case."""
    return replace(case, events=tuple(replace(e, line=None) for e in case.events))


def _round_trip(case: Case) -> Case:
    return read_case_text(dump_case(case), case.where)


LIVERPOOL = """\
case: liverpool-24-010-960
council: liverpool
title: Late complaint responses and late direct payments
source: LGSCO 24 010 960
children:
  - {id: X, disabled: true, note: autistic}
  - {id: Y, date_of_birth: 2015-04-02}
people:
  - {id: mrs_b, role: mother, parental_responsibility_for: [X, Y]}
events:
  - {id: due, type: support_due, date: 2023-07-03, children: [X], details: {weekly_amount: 120.5}}
  - id: c1
    type: complaint_received
    date: 2023-10
    details: {complaint: C1, procedure: statutory, points: {1: delay, 2: communication}}
    source: "para 14"
  - {id: s1, type: stage1_response, date: 2023-12, details: {complaint: C1, findings: {1: upheld}}}
  - id: s2req
    type: stage2_requested
    date: {after: s1, before: 2024-03, text: "after the stage 1 response, before March 2024"}
    details: {complaint: C1}
  - {id: s2, type: stage2_response, date: late 2024-05, details: {complaint: C1}}
  - {id: dp, type: direct_payment_started, date: 2023-12, children: all,
     details: {backdated_to: 2023-11-27}}
"""

WIRRAL = """\
case: wirral-19-020-817
council: wirral
complete_for: [child_in_need]
children: [{id: P}, {id: Q}, {id: R}]
events:
  - {id: ref, type: referral, date: 2018-06, children: all}
  - {id: done, type: assessment_completed, date: late 2018-09, children: all}
  - {id: plan, type: cin_plan_started, date: early 2018-10, children: [P, Q, R]}
  - {id: closed, type: cin_plan_closed, date: 2019-03, children: [P, Q],
     details: {reason: "no longer needed", agreed_with_family: false}}
  - {id: year, type: visit, date: 2019, children: [R], note: "some time in 2019"}
"""

EMPTY = "case: nothing-yet\ncouncil: sefton\n"


@pytest.mark.parametrize("text", [LIVERPOOL, WIRRAL, EMPTY], ids=["liverpool", "wirral", "empty"])
def test_a_written_case_reads_back_as_the_same_case(text: str) -> None:
    case = read_case_text(text, "case.yaml")
    assert _without_lines(_round_trip(case)) == _without_lines(case)


def test_a_written_case_keeps_every_date_at_the_precision_it_was_given() -> None:
    case = _round_trip(read_case_text(LIVERPOOL, "case.yaml"))
    assert {e.id: e.date.precision for e in case.events} == {
        "due": "day", "c1": "month", "s1": "month", "s2req": "bounds", "s2": "late_month",
        "dp": "month",
    }
    s2req = case.event("s2req")
    assert s2req is not None
    assert (s2req.date.earliest, s2req.date.latest) == (date(2023, 12, 1), date(2024, 2, 29))
    assert str(s2req.date) == "after the stage 1 response, before March 2024"


# Hypothesis: any case built from the vocabulary reads back unchanged -----------------------

# Types with no required details and no ordering constraint, so any dates are a sound case.
FREE_TYPES = ("contact", "referral", "cin_plan_started", "cin_planning_meeting", "visit",
              "strategy_discussion", "risk_assessment", "closure_letter_sent")
words = st.text(string.ascii_letters + string.digits + " ,.'():-£é", min_size=1, max_size=30).map(
    str.strip).filter(bool)
days = st.dates(date(1995, 1, 1), date(2070, 12, 31))


@st.composite
def case_dates(draw: st.DrawFn) -> CaseDate:
    day = draw(days)
    form = draw(st.sampled_from(["day", "month", "early", "mid", "late", "year", "bounds"]))
    if form == "day":
        return CaseDate.exact(day)
    if form == "month":
        return CaseDate.parse(f"{day:%Y-%m}")
    if form in ("early", "mid", "late"):
        return CaseDate.parse(f"{form} {day:%Y-%m}")
    if form == "year":
        return CaseDate.parse(f"{day:%Y}")
    before = CaseDate.exact(day + timedelta(days=draw(st.integers(1, 400))))
    return CaseDate.between(CaseDate.exact(day), before, draw(st.sampled_from(["", "as noted"])))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    child_ids = draw(st.lists(st.sampled_from("PQRSXY"), unique=True, max_size=3))
    events = tuple(
        Event(id=f"e{i}", type=draw(st.sampled_from(FREE_TYPES)), date=draw(case_dates()),
              children=tuple(draw(st.lists(st.sampled_from(child_ids), unique=True)))
              if child_ids else (),
              note=draw(st.one_of(st.just(""), words)), source=draw(st.one_of(st.just(""), words)))
        for i in range(draw(st.integers(0, 6)))
    )
    children = tuple(Child(c, draw(st.one_of(st.none(), days)), draw(st.booleans()))
                     for c in child_ids)
    people = (Person("parent", "mother", tuple(child_ids)),) if child_ids else ()
    return Case(id="generated", council="anywhere", title=draw(st.one_of(st.just(""), words)),
                children=children, people=people, events=events, where="generated.yaml")


@settings(max_examples=60, deadline=None)
@given(cases())
def test_any_case_reads_back_unchanged_after_writing(case: Case) -> None:
    assert _without_lines(_round_trip(case)) == case


def test_every_problem_in_a_file_is_reported_in_one_pass() -> None:
    text = """
case: many-problems
council: testshire
children: [{id: A}]
events:
  - {id: ref, type: referral, date: 2025-02-30, children: [A]}
  - {id: ref2, type: referral, date: 2025-03-03, children: [A]}
  - {id: ref2, type: referral, date: 2025-03-04, children: [A]}
  - {id: done, type: assessment_completed, date: 2025-01-06, children: [A]}
"""
    with pytest.raises(CaseworkError) as caught:
        read_case_text(text, "many.yaml")
    problems = [(p.field, p.problem) for p in caught.value.problems]
    assert any(f == "events.ref.date" and "not a real date" in m for f, m in problems)
    assert any(f == "events.ref2.id" and "used twice" in m for f, m in problems)
    assert any(f == "events.done.date" and "dated before the referral" in m for f, m in problems)


def test_a_bound_may_name_a_later_event_and_may_be_one_sided() -> None:
    text = """
case: bounds
council: testshire
events:
  - {id: c1, type: complaint_received, date: 2024-01-08, details: {complaint: C1, procedure: statutory}}
  - {id: s2req, type: stage2_requested, date: {after: s1, before: s2}, details: {complaint: C1}}
  - {id: s1, type: stage1_response, date: 2024-01-15, details: {complaint: C1}}
  - {id: s2, type: stage2_response, date: {after: 2024-03-01}, details: {complaint: C1}}
  - {id: s3, type: stage3_requested, date: {before: 2024-06-01}, details: {complaint: C1}}
"""
    case = read_case_text(text, "bounds.yaml")
    s2req, s2, s3 = case.event("s2req"), case.event("s2"), case.event("s3")
    assert (s2req.date.earliest, s2req.date.latest) == (date(2024, 1, 15), date(2024, 2, 29))
    assert s2.date.earliest == date(2024, 3, 1) and s2.date.latest.year == 2075
    assert s3.date.latest == date(2024, 5, 31)


def test_bounds_that_name_each_other_in_a_loop_are_refused() -> None:
    text = """
case: loop
council: testshire
events:
  - {id: a, type: referral, date: {after: b}}
  - {id: b, type: referral, date: {after: a}}
"""
    with pytest.raises(CaseworkError) as caught:
        read_case_text(text, "loop.yaml")
    assert any("loop" in p.fix for p in caught.value.problems)
