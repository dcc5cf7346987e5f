"""The use cases on the in-memory unit of work (tests/support/fakes.py): the fast lane.

These run without a database in well under a second each; the same use cases run on
SQLite and PostgreSQL in the other files here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fakes import FakePasswords, FakeUnitOfWork

from casework.adapters.chronology_file import read_case_file
from casework.domain.complaints import load_procedure
from casework.domain.errors import CaseworkError
from casework.service import actions, auth, cases, complaints, trail
from casework.service.access import Actor
from casework.service.errors import Conflict, Forbidden, NotFound

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WIRRAL = "wirral-19-020-817"


@pytest.fixture
def uow() -> Any:
    return FakeUnitOfWork.factory()


def user(uow: Any, council: str, role: str) -> Actor:
    return auth.add_user(uow(), FakePasswords(), council, f"{council}.{role}", "correct horse", role)


@pytest.fixture
def wirral(uow: Any) -> Actor:
    worker = user(uow, "a", "team_manager")  # an import needs each of its events' permissions
    cases.import_case(uow(), worker, replace(read_case_file(EXAMPLES / f"{WIRRAL}.yaml"), council="a"))
    return worker


def test_an_imported_case_reads_back_as_the_same_chronology(uow: Any, wirral: Actor) -> None:
    original = replace(read_case_file(EXAMPLES / f"{WIRRAL}.yaml"), council="a")
    assert cases.get_case(uow(), wirral, WIRRAL).events == original.events


def test_another_councils_case_is_not_found_and_cannot_be_changed(uow: Any, wirral: Actor) -> None:
    stranger = user(uow, "b", "team_manager")
    with pytest.raises(NotFound):
        cases.get_case(uow(), stranger, WIRRAL)
    with pytest.raises(NotFound):
        cases.record_event(uow(), stranger, WIRRAL, cases.NewEvent("visit", "2024-02-01"))


def test_a_second_case_with_the_same_id_is_a_conflict(uow: Any, wirral: Actor) -> None:
    with pytest.raises(Conflict):
        cases.import_case(uow(), wirral, replace(read_case_file(EXAMPLES / f"{WIRRAL}.yaml"), council="a"))


def test_an_event_that_breaks_the_chronology_writes_nothing_not_even_a_log_entry(uow: Any, wirral: Actor) -> None:
    events, entries = uow.store.cases[0].case.events, len(uow.store.audit_log)
    with pytest.raises(CaseworkError) as raised:
        cases.record_event(uow(), wirral, WIRRAL, cases.NewEvent("cin_review", "2024-01-08", ("nobody",)))
    assert raised.value.problems[0].field == "children"
    assert uow.store.cases[0].case.events == events
    assert len(uow.store.audit_log) == entries


def test_recording_events_chooses_fresh_ids_in_the_same_transaction(uow: Any, wirral: Actor) -> None:
    first = cases.record_event(uow(), wirral, WIRRAL, cases.NewEvent("visit", "2024-02-01"))
    second = cases.record_event(uow(), wirral, WIRRAL, cases.NewEvent("visit", "2024-02-02"))
    assert (first.id, second.id) == ("visit", "visit-2")
    auditor = user(uow, "a", "auditor")
    log = trail.read_audit_log(uow(), auditor, record_id=WIRRAL)
    assert [i["action"] for i in reversed(log["items"])] == ["create", "update", "update"]


def test_a_complaints_state_is_always_a_state_of_its_procedures_table(uow: Any, wirral: Actor) -> None:
    manager = user(uow, "a", "complaints_manager")
    table = load_procedure("statutory")
    steps = [("stage1_response", "2024-01-19", {"1": "not_upheld"}), ("stage2_requested", "2024-01-22", None),
             ("stage2_response", "2024-03-01", {"1": "upheld"})]
    result = complaints.receive_complaint(uow(), manager, WIRRAL, "C9", "2024-01-08", points={"1": "no reviews"})
    states = [result["state"]]
    for step, when, findings in steps:
        result = complaints.record_complaint_event(uow(), manager, WIRRAL, "C9", step, when, findings=findings)
        states.append(result["state"])
    assert states == ["received", "stage1_responded", "stage2_requested", "stage2_responded"]
    assert set(states) <= set(table.states)
    assert [(f["stage"], f["finding"]) for f in result["points"][0]["findings"]] == [
        ("stage1_response", "not_upheld"), ("stage2_response", "upheld")]


def test_a_step_the_procedure_refuses_is_a_conflict_naming_the_steps_allowed(uow: Any, wirral: Actor) -> None:
    manager = user(uow, "a", "complaints_manager")
    complaints.receive_complaint(uow(), manager, WIRRAL, "C9", "2024-01-08")
    with pytest.raises(Conflict) as raised:
        complaints.record_complaint_event(uow(), manager, WIRRAL, "C9", "stage3_panel", "2024-01-10")
    assert "stage1_response" in str(raised.value)


def test_an_action_is_resolved_evidenced_and_verified_by_someone_else(uow: Any, wirral: Actor) -> None:
    manager = user(uow, "a", "complaints_manager")
    other = auth.add_user(uow(), FakePasswords(), "a", "a.other_manager", "correct horse", "team_manager")
    action = actions.agree_action(uow(), manager, WIRRAL, "apologise in writing", "within four weeks",
                                  "2025-03-25", who="service manager")
    assert action["due_on"] == "2025-04-22"
    assert actions.get_action(uow(), manager, action["id"])["overdue"] is True
    evidenced = actions.evidence_action(uow(), manager, action["id"], "2025-04-10",
                                        filename="apology.txt", content_base64="U29ycnku")
    assert evidenced["evidenced"] and evidenced["evidence"][0]["kind"] == "file"
    with pytest.raises(Forbidden):
        actions.verify_action(uow(), manager, action["id"])
    assert actions.verify_action(uow(), other, action["id"])["verified_by"] == other.username
    listed = actions.list_council_actions(uow(), manager, as_of=date(2025, 5, 1))
    assert [i["id"] for i in listed.items] == [action["id"]]


def test_a_password_signs_in_and_a_wrong_one_does_not(uow: Any) -> None:
    actor = user(uow, "a", "caseworker")
    assert auth.authenticate(uow(), FakePasswords(), actor.username, "correct horse") == actor
    assert auth.authenticate(uow(), FakePasswords(), actor.username, "wrong horse!") is None
    token = auth.issue_token(uow(), actor)
    assert auth.actor_for_token(uow(), token) == actor
