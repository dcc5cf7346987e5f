"""Every API endpoint, tried as a user of another council: each one refuses.

The table below must name every route the app has; a new endpoint without a row fails
`test_the_matrix_covers_every_api_route`, so it cannot ship untested.
"""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from store_backends import EXAMPLES, seed

from casework.service import actions, cases, complaints, decisions

CASE = "wirral-19-020-817"
PUBLIC = {("POST", "/api/token")}
# A body that would succeed for the owner, so a refusal is about access, not validation.
BODIES = {
    ("POST", "/api/cases"): {"chronology": "case: x-1\ncouncil: {a}\nevents: []\n"},
    ("PATCH", "/api/cases/{case}"): {"team": "taken over"},
    ("POST", "/api/cases/{case}/events"): {"type": "visit", "date": "2024-02-01"},
    ("POST", "/api/cases/{case}/complaints"): {"ref": "C7", "received": "2024-02-01"},
    ("POST", "/api/cases/{case}/complaints/{ref}/events"): {"type": "complaint_acknowledged",
                                                           "date": "2024-02-02"},
    ("POST", "/api/cases/{case}/complaints/{ref}/remedies"): {"purpose": "distress",
                                                             "date": "2024-02-03",
                                                             "amount": 100},
    ("POST", "/api/cases/{case}/actions"): {"what": "apologise", "deadline": "within 4 weeks",
                                           "decided": "2024-02-01"},
    ("POST", "/api/actions/{action_id}/evidence"): {"on": "2024-02-05", "note": "letter sent"},
}
QUERIES = {"/api/cases/{case}/audit": {"as_of": "2024-06-01"},
           "/api/due": {"as_of": "2024-06-01"},
           "/api/remedies/benchmark": {"theme": "delay at stage 2"}}
# Endpoints without a record in the path answer with the caller's own council only.
COUNCIL_WIDE = {("GET", "/api/cases"), ("GET", "/api/due"), ("GET", "/api/audit-log"),
                ("GET", "/api/me"), ("POST", "/api/cases")}
# Ombudsman decisions are public and shared: a signed-in user of any council reads them.
SHARED = {("GET", "/api/decisions"), ("GET", "/api/decisions/{reference}"),
          ("GET", "/api/remedies/benchmark")}


def api_routes(app):
    return sorted((method, route.path) for route in app.routes
                  if isinstance(route, APIRoute) and route.path.startswith("/api")
                  for method in route.methods)


def test_the_matrix_covers_every_api_route(client):
    for method, path in api_routes(client.app):
        if (method, path) in PUBLIC or (method, path) in COUNCIL_WIDE or (method, path) in SHARED:
            continue
        assert "{" in path, f"{method} {path}: add it to COUNCIL_WIDE or give it a record"
        if method != "GET":
            assert (method, path) in BODIES or path.endswith("/verify"), f"{method} {path}"


@pytest.fixture
def owned(world):
    """Council A's case, with a complaint and an evidenced action."""
    manager = world.user(world.a, "complaints_manager")
    uow = world.container.uow
    cases.import_case(uow(), manager, seed("wirral-19-020-817.yaml", world.a))
    complaints.receive_complaint(uow(), manager, CASE, "C77", "2024-01-08", points={"1": "x"})
    action = actions.agree_action(uow(), manager, CASE, "apologise", "within 4 weeks",
                                  "2024-01-10")
    actions.evidence_action(uow(), manager, action["id"], "2024-01-20", note="sent")
    decisions.load_demo_decisions(uow, world.container.files.decisions, EXAMPLES / "decisions")
    return {"case": CASE, "ref": "C77", "action_id": str(action["id"]), "reference": "24-010-960"}


@pytest.mark.parametrize("role", ["complaints_manager", "team_manager", "auditor",
                                  "ombudsman_investigator"])
def test_every_endpoint_refuses_a_user_of_another_council(client, login, world, owned, role):
    before = client.get(f"/api/cases/{CASE}/export",
                        headers=login(world.user(world.a, "caseworker"))).text
    stranger = login(world.user(world.b, role))
    for method, path in api_routes(client.app):
        if (method, path) in PUBLIC:
            continue
        url = path.format(**owned)
        body = BODIES.get((method, path))
        if body is not None:
            body = {k: (v.format(a=world.a) if isinstance(v, str) else v)
                    for k, v in body.items()}
        response = client.request(method, url, headers=stranger, json=body,
                                  params=QUERIES.get(path))
        if (method, path) in SHARED:
            assert response.status_code == 200, (role, method, path, response.text)
        elif (method, path) in COUNCIL_WIDE:
            assert CASE not in response.text or response.status_code >= 400, (method, path)
        else:
            assert response.status_code in (403, 404), (role, method, path, response.text)
            if response.status_code == 404:
                assert response.json()["problems"][0]["fix"]
    owner = login(world.user(world.a, "caseworker"))
    assert client.get(f"/api/cases/{CASE}/export", headers=owner).text == before


def test_every_endpoint_but_login_refuses_a_caller_without_a_token(client, world, owned):
    for method, path in api_routes(client.app):
        if (method, path) in PUBLIC:
            continue
        response = client.request(method, path.format(**owned), json=BODIES.get((method, path)),
                                  params=QUERIES.get(path))
        assert response.status_code == 401, (method, path)
        assert response.json()["problems"][0]["field"] == "Authorization"


def test_the_same_requests_succeed_for_a_manager_of_the_owning_council(client, login, world,
                                                                       owned):
    """So the refusals above are about access, not about the requests themselves."""
    manager = login(world.user(world.a, "team_manager"))
    for method, path in api_routes(client.app):
        if (method, path) in PUBLIC or path == "/api/audit-log":
            continue
        body = BODIES.get((method, path))
        if body is not None:
            body = {k: (v.format(a=world.a) if isinstance(v, str) else v) for k, v in body.items()}
        response = client.request(method, path.format(**owned), headers=manager, json=body,
                                  params=QUERIES.get(path))
        assert response.status_code < 400, (method, path, response.text)
