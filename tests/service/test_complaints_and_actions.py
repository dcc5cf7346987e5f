from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from store_backends import seed

from casework.adapters.chronology_file import read_case_text
from casework.domain.errors import CaseworkError
from casework.service import actions, cases, complaints
from casework.service.errors import Forbidden


@pytest.fixture
def case_in_a(world):
    worker = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), worker, seed("wirral-19-020-817.yaml", world.a))
    return "wirral-19-020-817"


def test_a_later_stage_overturning_a_finding_keeps_both_findings(world, case_in_a):
    manager = world.user(world.a, "complaints_manager")
    uow = world.container.uow
    complaints.receive_complaint(uow(), manager, case_in_a, "C9", "2024-01-08",
                                 points={"1": "no reviews", "2": "closure"})
    complaints.record_complaint_event(uow(), manager, case_in_a, "C9", "stage1_response",
                                      "2024-01-19", findings={"1": "not_upheld", "2": "upheld"})
    complaints.record_complaint_event(uow(), manager, case_in_a, "C9", "stage2_requested",
                                      "2024-01-22")
    result = complaints.record_complaint_event(uow(), manager, case_in_a, "C9",
                                               "stage2_response", "2024-03-01",
                                               findings={"1": "upheld"})
    point1 = next(p for p in result["points"] if p["number"] == "1")
    assert [(f["stage"], f["finding"]) for f in point1["findings"]] == [
        ("stage1_response", "not_upheld"), ("stage2_response", "upheld")]
    assert result["state"] == "stage2_responded"


def test_a_finding_that_is_not_one_of_the_four_is_refused_naming_the_point(world, case_in_a):
    manager = world.user(world.a, "complaints_manager")
    complaints.receive_complaint(world.container.uow(), manager, case_in_a, "C9", "2024-01-08",
                                 points={"1": "no reviews"})
    with pytest.raises(CaseworkError) as raised:
        complaints.record_complaint_event(world.container.uow(), manager, case_in_a, "C9",
                                          "stage1_response", "2024-01-19",
                                          findings={"1": "mostly"})
    assert raised.value.problems[0].field == "findings.1"


def test_a_remedy_for_a_point_the_complaint_lacks_is_refused(world, case_in_a):
    manager = world.user(world.a, "complaints_manager")
    complaints.receive_complaint(world.container.uow(), manager, case_in_a, "C9", "2024-01-08",
                                 points={"1": "no reviews"})
    with pytest.raises(CaseworkError) as raised:
        complaints.add_remedy(world.container.uow(), manager, case_in_a, "C9", "distress",
                              "2024-02-01", amount=300, points=["7"])
    assert raised.value.problems[0].field == "points"


def test_an_action_due_within_four_weeks_is_resolved_evidenced_and_verified(world, case_in_a):
    manager = world.user(world.a, "complaints_manager")
    other = world.user(world.a, "team_manager")
    uow = world.container.uow
    action = actions.agree_action(uow(), manager, case_in_a, "apologise in writing",
                                  "within four weeks", "2025-03-25", who="service manager")
    assert action["due_on"] == "2025-04-22"
    assert actions.get_action(uow(), manager, action["id"])["overdue"] is True
    evidenced = actions.evidence_action(uow(), manager, action["id"], "2025-04-10",
                                        filename="apology.txt", content_base64="U29ycnku")
    assert evidenced["evidenced"] and evidenced["evidence"][0]["kind"] == "file"
    with pytest.raises(Forbidden):
        actions.verify_action(uow(), manager, action["id"])
    assert actions.verify_action(uow(), other, action["id"])["verified_by"] == other.username
    case = cases.get_case(uow(), manager, case_in_a)
    assert [e.type for e in case.events][-2:] == ["action_agreed", "action_evidenced"]
    assert case.event("evidence").date.earliest == date(
        2025, 4, 10)


def test_who_will_do_an_agreed_action_survives_export_and_import_into_another_council(
        world, case_in_a):
    uow = world.container.uow
    manager = world.user(world.a, "complaints_manager")
    agreed = actions.agree_action(uow(), manager, case_in_a, "apologise in writing",
                                  "within four weeks", "2025-03-25", who="service manager")
    assert agreed["who"] == "service manager"
    files = world.container.files.chronologies
    exported = read_case_text(cases.export_case(uow(), files, manager, case_in_a), "export")
    assert exported.event(agreed["event"]).details["who"] == "service manager"

    other = world.user(world.b, "team_manager")
    cases.import_case(uow(), other, replace(exported, council=world.b))
    (action,) = actions.list_actions(uow(), other, case_in_a)
    assert (action["event"], action["what"], action["who"], action["due_on"]) == (
        agreed["event"], "apologise in writing", "service manager", "2025-04-22")


def test_evidence_with_nothing_in_it_is_refused(world, case_in_a):
    manager = world.user(world.a, "complaints_manager")
    action = actions.agree_action(world.container.uow(), manager, case_in_a, "pay £300",
                                  "within one month", "2025-03-25")
    with pytest.raises(CaseworkError) as raised:
        actions.evidence_action(world.container.uow(), manager, action["id"], "2025-04-01")
    assert raised.value.problems[0].field == "note"


def test_refusing_a_panel_after_a_request_made_in_time_is_refused_and_nothing_is_written(world, case_in_a):
    manager = world.user(world.a, "complaints_manager")
    uow = world.container.uow
    complaints.receive_complaint(uow(), manager, case_in_a, "C9", "2024-01-08", points={"1": "no reviews"})
    for step, when in (("stage1_response", "2024-01-19"), ("stage2_requested", "2024-01-22"),
                       ("stage2_started", "2024-01-29"), ("stage2_response", "2024-03-01"),
                       ("stage3_requested", "2024-03-08")):
        complaints.record_complaint_event(uow(), manager, case_in_a, "C9", step, when)
    with pytest.raises(CaseworkError) as raised:
        complaints.record_complaint_event(uow(), manager, case_in_a, "C9", "stage3_refused", "2024-03-15")
    problem = raised.value.problems[0]
    assert "reg 19(1)" in problem.problem and "stage3_panel" in problem.fix
    timeline = complaints.complaint_timeline(uow(), manager, case_in_a, "C9")
    assert "stage3_refused" not in [step["type"] for step in timeline]


def test_an_action_agreed_on_a_complaint_keeps_its_complaint_through_export_and_import(world, case_in_a):
    uow = world.container.uow
    manager = world.user(world.a, "complaints_manager")
    complaints.receive_complaint(uow(), manager, case_in_a, "C9", "2024-01-08", points={"1": "no reviews"})
    complaints.record_complaint_event(uow(), manager, case_in_a, "C9", "stage1_response", "2024-01-19",
                                      findings={"1": "upheld"})
    agreed = actions.agree_action(uow(), manager, case_in_a, "review every open CIN plan",
                                  "within four weeks", "2024-01-19", complaint="C9")
    complaints.record_complaint_event(uow(), manager, case_in_a, "C9", "stage2_requested", "2024-01-22")
    files = world.container.files.chronologies
    exported = read_case_text(cases.export_case(uow(), files, manager, case_in_a), "export")
    assert exported.event(agreed["event"]).details["complaint"] == "C9"

    other = world.user(world.b, "team_manager")
    cases.import_case(uow(), other, replace(exported, council=world.b))
    (action,) = actions.list_actions(uow(), other, case_in_a)
    assert action["complaint"] == "C9"
