"""Corrections and withdrawals: the audit reads the chronology as corrected, the history keeps
what was superseded, and a correction that cannot apply is refused naming its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from case_builders import case, ev
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.domain.audit import audit_case
from casework.domain.chronology import check_case
from casework.domain.dates import CaseDate
from casework.domain.rules import load_rules

RULES = {r.id: r for r in load_rules()}
RECEIVED = ev("c1", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory")


def corrected(entry: str, when: str, reason: str = "typed the wrong date", id: str = "fix",
              on: str = "2025-07-01", **more: object) -> object:
    return ev(id, "entry_corrected", on, entry=entry, reason=reason, by="team.manager",
              date=CaseDate.parse(when), **more)


def withdrawn(entry: str, id: str = "gone", on: str = "2025-07-01") -> object:
    return ev(id, "entry_withdrawn", on, entry=entry, reason="recorded on the wrong case",
              by="team.manager")


def stage1_findings(c) -> list[str]:
    return [f.kind for f in audit_case(c, date(2025, 8, 1), [RULES["stage1_response"]]).findings]


def test_the_audit_uses_the_corrected_date_of_a_late_looking_response() -> None:
    wrong = case(RECEIVED, ev("s1", "stage1_response", "2025-06-02", complaint="C1"))
    assert stage1_findings(wrong) == ["late"]
    right = wrong.with_event(corrected("s1", "2025-03-14"))
    assert stage1_findings(right) == []
    assert right.event("s1").date == CaseDate.parse("2025-03-14")
    assert check_case(right) == []


def test_the_history_keeps_the_entry_as_first_written_and_the_correction() -> None:
    c = case(RECEIVED, ev("s1", "stage1_response", "2025-06-02", complaint="C1"),
             corrected("s1", "2025-03-14"))
    assert [e.id for e in c.events] == ["c1", "s1"]
    assert [(e.id, str(e.date)) for e in c.history] == [("s1", "2 Jun 2025"), ("fix", "1 Jul 2025")]
    assert [e.id for e in c.written] == ["c1", "s1", "fix"]
    shown = [(str(v.event.date), v.superseded_by.id if v.superseded_by else None) for v in c.versions()]
    assert shown == [("3 Mar 2025", None), ("14 Mar 2025", None), ("2 Jun 2025", "fix")]


def test_a_withdrawn_entry_leaves_the_chronology_and_its_clock_runs_again() -> None:
    c = case(RECEIVED, ev("s1", "stage1_response", "2025-03-14", complaint="C1"), withdrawn("s1"))
    assert [e.id for e in c.events] == ["c1"]
    assert stage1_findings(c) == ["overdue"]
    (version,) = [v for v in c.versions() if v.event.id == "s1"]
    assert version.withdrawn


def test_an_entry_corrected_twice_is_corrected_through_its_latest_correction() -> None:
    c = case(RECEIVED, ev("s1", "stage1_response", "2025-06-02", complaint="C1"),
             corrected("s1", "2025-03-20"), corrected("fix", "2025-03-14", id="fix2", on="2025-07-02"))
    assert check_case(c) == []
    assert str(c.event("s1").date) == "14 Mar 2025"
    assert [v.handle for v in c.versions() if v.event.id == "s1"] == ["fix2", "fix", "s1"]  # by date


@pytest.mark.parametrize(("second", "problem"), [
    (corrected("s1", "2025-03-14", id="again"), "'s1' was already corrected by 'fix'"),
    (corrected("nowhere", "2025-03-14", id="again"), "no entry has the id 'nowhere'"),
    (withdrawn("gone-too", id="again"), "no entry has the id 'gone-too'"),
])
def test_a_correction_that_cannot_apply_is_a_problem_naming_its_entry(second, problem) -> None:
    c = case(RECEIVED, ev("s1", "stage1_response", "2025-06-02", complaint="C1"),
             corrected("s1", "2025-03-20"), second)
    (found,) = check_case(c)
    assert (found.field, found.problem) == ("events.again.details.entry", problem)
    assert str(c.event("s1").date) == "20 Mar 2025", "the first correction still stands"


def test_a_withdrawal_cannot_itself_be_withdrawn() -> None:
    c = case(RECEIVED, ev("s1", "stage1_response", "2025-06-02", complaint="C1"), withdrawn("s1"),
             withdrawn("gone", id="again"))
    (found,) = check_case(c)
    assert found.problem == "'gone' is a withdrawal, not an entry"


def test_a_correction_into_an_invalid_chronology_is_refused() -> None:
    c = case(RECEIVED, ev("s1", "stage1_response", "2025-03-14", complaint="C1"),
             corrected("s1", "2025-02-14"))
    (found,) = check_case(c)
    assert found.field == "events.s1.date" and "dated before the complaint_received" in found.problem


def test_withdrawing_an_entry_another_names_is_refused() -> None:
    c = case(ev("w", "work_agreed", "2025-01-06", work="direct work"),
             ev("r", "work_recorded", "2025-02-03", agreement="w"), withdrawn("w"))
    assert [p.field for p in check_case(c)] == ["events.r.details.agreement"]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 120))
def test_a_corrected_case_audits_as_the_case_written_right_first_time(days: int) -> None:
    """Certainty holds through a correction: the corrected record audits exactly as a record
    that had the right date from the start."""
    true_day = date.fromordinal(date(2025, 3, 4).toordinal() + days)
    right = case(RECEIVED, ev("s1", "stage1_response", true_day.isoformat(), complaint="C1"))
    fixed = case(RECEIVED, ev("s1", "stage1_response", "2025-12-01", complaint="C1"),
                 corrected("s1", true_day.isoformat(), on="2025-12-02"))
    as_of = date(2026, 1, 1)
    assert audit_case(fixed, as_of).findings == audit_case(right, as_of).findings
    assert replace(fixed, history=()).events == right.events
