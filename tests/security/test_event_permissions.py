"""Every path that writes an event applies the same permission per event type and the same
procedure check: the generic "record an event" route (API and the case page's form), the
dedicated complaint steps, remedies, actions, evidence and imports.

The matrix below is written out by hand from the roles' duties, not read from
`service.access`, so a change to the permissions has to be made in both places on purpose.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from case_builders import case, ev
from store_backends import csrf_of, seed, web_client

from casework.domain.events import EVENT_TYPE_BY_NAME
from casework.service import actions, cases, complaints
from casework.service.access import ROLES, Actor
from casework.service.errors import Conflict, Forbidden
from casework.service.event_guard import authorize_event

CASE = "wirral-19-020-817"
CM, TM, CW = "complaints_manager", "team_manager", "caseworker"
IO, IP, PANEL = "investigating_officer", "independent_person", "panel_member"
HANDLERS = {CM, TM, IO, IP, PANEL}
# Who may record each type of event, whichever route it comes by.
MAY_RECORD = {
    "complaint_received": HANDLERS, "advocate_appointed": HANDLERS, "complaint_acknowledged": HANDLERS,
    "stage1_extended": HANDLERS, "stage2_requested": HANDLERS, "stage2_started": HANDLERS,
    "investigating_officer_appointed": HANDLERS, "independent_person_appointed": HANDLERS,
    "stage2_extended": HANDLERS, "stage3_requested": HANDLERS, "complaint_withdrawn": HANDLERS,
    "complaint_resolved": {CM, TM}, "complaint_refused_out_of_time": {CM, TM},
    "stage1_response": {CM, TM}, "stage2_response": {CM, TM}, "stage3_response": {CM, TM},
    "corporate_response": {CM, TM}, "stage3_refused": {CM, TM},
    "stage2_reports": {IO, IP, CM, TM}, "stage3_panel": {PANEL, CM, TM}, "stage3_panel_report": {PANEL, CM, TM},
    "ombudsman_complaint": {CM, TM}, "ombudsman_decision": {CM, TM},
    "remedy_offered": {CM, TM}, "remedy_paid": {CM, TM},
    "action_agreed": {CM, TM, CW}, "action_evidenced": {CM, TM, CW},
}
CASEWORK_TYPES = [t for t, k in EVENT_TYPE_BY_NAME.items() if t not in MAY_RECORD]
WRITERS = {CM, TM, CW}


def test_the_matrix_names_every_event_type_outside_the_casework_categories():
    """Casework events any writer may record, and the record's own corrections and withdrawals,
    which take the permission of the entry they supersede (tests/service/test_corrections_store.py;
    an entry the case does not hold needs case:write, and the chronology check refuses it)."""
    assert {EVENT_TYPE_BY_NAME[t].category for t in CASEWORK_TYPES} == {
        "child_in_need", "child_protection", "practice", "support", "looked_after", "fostering",
        "adoption", "care_leaver", "private_fostering", "send", "record"}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_record_exactly_the_event_types_of_its_duties(role):
    """The one check (`authorize_event`) for every event type, before any procedure state."""
    actor = Actor(1, "someone", 1, "c", role)
    empty = case()
    for event_type in EVENT_TYPE_BY_NAME:
        event = ev("e", event_type, "2024-01-10")
        if role in MAY_RECORD.get(event_type, WRITERS):
            authorize_event(actor, empty, event)
        else:
            with pytest.raises(Forbidden):
                authorize_event(actor, empty, event)


@pytest.fixture
def owned(world):
    """Council A's case with complaint C9 received (statutory, one point)."""
    manager = world.user(world.a, TM)
    uow = world.container.uow
    cases.import_case(uow(), manager, seed(f"{CASE}.yaml", world.a))
    complaints.receive_complaint(uow(), manager, CASE, "C9", "2024-01-08", points={"1": "no reviews"})
    return manager


def _body(event_type):
    details = {"complaint": "C9"} if event_type in MAY_RECORD else {}
    return {"type": event_type, "date": "2024-01-10", "details": details}


@pytest.mark.parametrize("role", ROLES)
def test_the_generic_event_route_refuses_each_event_type_to_each_role_without_its_permission(
        client, login, world, owned, role):
    headers = login(world.user(world.a, role))
    for event_type in [*MAY_RECORD, "visit", "cp_plan_started"]:
        allowed = MAY_RECORD.get(event_type, WRITERS)
        response = client.post(f"/api/cases/{CASE}/events", headers=headers, json=_body(event_type))
        if role in allowed:
            # allowed to try: it may still be refused by the procedure or the chronology check
            assert response.status_code != 403, (role, event_type, response.text)
        else:
            assert response.status_code == 403, (role, event_type, response.text)
            assert response.json()["error"] == "forbidden"


def test_a_caseworker_cannot_adjudicate_or_offer_a_remedy_by_any_route(client, login, world, owned):
    worker = world.user(world.a, CW)
    headers = login(worker)
    uow = world.container.uow
    for body in ({"type": "stage1_response", "date": "2024-01-19",
                  "details": {"complaint": "C9", "findings": {"1": "upheld"}}},
                 {"type": "remedy_offered", "date": "2024-01-19",
                  "details": {"complaint": "C9", "purpose": "distress", "amount": 250}}):
        assert client.post(f"/api/cases/{CASE}/events", headers=headers, json=body).status_code == 403
    with pytest.raises(Forbidden):
        complaints.record_complaint_event(uow(), worker, CASE, "C9", "stage1_response", "2024-01-19",
                                          findings={"1": "upheld"})
    with pytest.raises(Forbidden):
        complaints.add_remedy(uow(), worker, CASE, "C9", "distress", "2024-01-19", amount=250)
    assert complaints.get_complaint(uow(), owned, CASE, "C9")["state"] == "received"


def test_a_caseworker_cannot_import_a_chronology_holding_a_complaint_adjudication(world):
    worker = world.user(world.a, CW)
    chronology = case(ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory",
                         points={"1": "the plan"}),
                      ev("r", "stage1_response", "2025-03-14", complaint="C1", findings={"1": "upheld"}))
    with pytest.raises(Forbidden, match="may not do this"):
        cases.import_case(world.container.uow(), worker, replace(chronology, council=world.a))


@pytest.mark.parametrize("step", ["stage3_panel", "stage2_response", "stage3_response"])
def test_an_illegal_step_is_refused_by_the_generic_route_as_by_the_dedicated_one(
        client, login, world, owned, step):
    headers = login(world.user(world.a, CM))
    generic = client.post(f"/api/cases/{CASE}/events", headers=headers, json=_body(step))
    dedicated = client.post(f"/api/cases/{CASE}/complaints/C9/events", headers=headers,
                            json={"type": step, "date": "2024-01-10"})
    assert generic.status_code == dedicated.status_code == 409, (generic.text, dedicated.text)
    assert "cannot" in generic.json()["problems"][0]["problem"]


def test_after_a_refused_step_the_procedure_check_still_holds_for_the_complaint(client, login, world, owned):
    headers = login(world.user(world.a, CM))
    post = lambda body: client.post(f"/api/cases/{CASE}/events", headers=headers, json=body)  # noqa: E731
    assert post(_body("stage3_panel")).status_code == 409
    assert post({"type": "stage1_response", "date": "2024-01-19",
                 "details": {"complaint": "C9", "findings": {"1": "upheld"}}}).status_code == 201
    assert post({**_body("stage3_panel"), "date": "2024-01-22"}).status_code == 409
    timeline = client.get(f"/api/cases/{CASE}/complaints/C9/timeline", headers=headers).json()
    assert [e["type"] for e in timeline] == ["complaint_received", "stage1_response"]


def test_an_event_dated_back_before_a_later_step_cannot_make_that_step_illegal(world, owned):
    uow = world.container.uow
    complaints.record_complaint_event(uow(), owned, CASE, "C9", "stage1_response", "2024-01-19",
                                      findings={"1": "upheld"})
    backdated = cases.NewEvent("stage2_requested", "2024-01-12", details={"complaint": "C9"})
    with pytest.raises(Conflict, match="stage1_response"):
        cases.record_event(uow(), owned, CASE, backdated)


def test_the_case_pages_form_applies_the_same_permission_and_procedure_check(client, world, owned):
    worker = world.user(world.a, CW)
    web = web_client(client.app, worker.username)
    form = {"csrf_token": csrf_of(web, f"/cases/{CASE}"), "event_type": "stage1_response",
            "event_date": "2024-01-19", "details": "complaint: C9\nfindings:\n  1: upheld\n"}
    refused = web.post(f"/cases/{CASE}/events", data=form, follow_redirects=False)
    assert refused.status_code == 403 and "complaint:decide" in refused.text

    manager = web_client(client.app, world.user(world.a, CM).username)
    illegal = {**form, "csrf_token": csrf_of(manager, f"/cases/{CASE}"), "event_type": "stage3_panel"}
    response = manager.post(f"/cases/{CASE}/events", data=illegal, follow_redirects=False)
    assert response.status_code == 400 and "cannot happen now" in response.text
    assert complaints.get_complaint(world.container.uow(), owned, CASE, "C9")["state"] == "received"


def test_a_manager_cannot_verify_evidence_they_recorded_through_the_generic_route(client, login, world, owned):
    manager = world.user(world.a, CM)
    uow = world.container.uow
    action = actions.agree_action(uow(), owned, CASE, "apologise", "within four weeks", "2024-01-10")
    headers = login(manager)
    evidence = {"type": "action_evidenced", "date": "2024-01-20",
                "details": {"agreement": action["event"], "evidence": "letter sent"}}
    assert client.post(f"/api/cases/{CASE}/events", headers=headers, json=evidence).status_code == 201
    response = client.post(f"/api/actions/{action['id']}/verify", headers=headers)
    assert response.status_code == 403, response.text
    assert client.post(f"/api/actions/{action['id']}/verify", headers=login(world.user(world.a, TM))
                       ).status_code == 200
