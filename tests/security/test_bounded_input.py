"""Chronology input is read without anchors, aliases, tags or repeated keys, over the API and the
case page's details box; each refusal names the line and what to do."""

from __future__ import annotations

import pytest
from store_backends import csrf_of, seed, web_client

from casework.adapters.chronology_file import read_case_text
from casework.domain.errors import CaseworkError
from casework.service import cases

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"


@pytest.mark.parametrize(("text", "problem", "line"), [
    ("case: k\ncouncil: c\nevents: &e []\n", "an anchor (&e) is not allowed", 3),
    ("case: k\ncouncil: c\nevents: *e\n", "an alias (*e) is not allowed", 3),
    ("case: !f k\ncouncil: c\nevents: []\n", "a tag (!f) is not allowed", 1),
    ("case: k\ncouncil: c\ncase: j\nevents: []\n", "the key 'case' is given twice (first on line 1)", 3),
])
def test_a_chronology_file_refuses_anchors_aliases_tags_and_repeated_keys(text, problem, line):
    with pytest.raises(CaseworkError) as refused:
        read_case_text(text, "upload.yaml")
    found = refused.value.problems[0]
    assert (found.where, found.problem, found.line) == ("upload.yaml", problem, line)
    assert found.fix


def test_the_api_refuses_an_expanding_chronology_with_a_422_in_the_json_error_shape(client, login, world):
    headers = login(world.user(world.a, "team_manager"))
    response = client.post("/api/cases", headers=headers,
                           json={"chronology": f"case: k\ncouncil: {world.a}\n{LAUGHS}events: []\n"})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid"
    assert "anchor" in response.json()["problems"][0]["problem"]


def test_the_case_pages_details_box_refuses_aliases_and_stores_nothing(client, world):
    manager = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), manager, seed("wirral-19-020-817.yaml", world.a))
    web = web_client(client.app, manager.username)
    before = cases.export_case(world.container.uow(), world.container.files.chronologies, manager, "wirral-19-020-817")
    form = {"csrf_token": csrf_of(web, "/cases/wirral-19-020-817"), "event_type": "visit",
            "event_date": "2024-02-01", "details": LAUGHS}
    response = web.post("/cases/wirral-19-020-817/events", data=form, follow_redirects=False)
    assert response.status_code == 400 and "anchor (&amp;a) is not allowed" in response.text
    after = cases.export_case(world.container.uow(), world.container.files.chronologies, manager, "wirral-19-020-817")
    assert after == before


# Bounds on everything else a request carries: each refusal is a 422 (or 400 for a body
# that is not JSON) in the one JSON error shape, never a server error.

def _refused(response, code=422, error="invalid"):
    assert response.status_code == code, response.text
    body = response.json()
    assert body["error"] == error and body["problems"] and all(p["fix"] for p in body["problems"]), body
    return body


@pytest.mark.parametrize("url", ["/api/cases", "/api/due?as_of=2025-06-30", "/api/audit-log", "/api/decisions"])
@pytest.mark.parametrize("page", ["0", "100001", "9223372036854775808", "99999999999999999999999"])
def test_a_page_number_past_the_bound_is_a_422_on_every_paged_list(client, login, world, url, page):
    headers = login(world.user(world.a, "auditor"))
    joined = "&" if "?" in url else "?"
    body = _refused(client.get(f"{url}{joined}page={page}", headers=headers))
    assert body["problems"][0]["field"] == "page"


def test_the_service_refuses_a_page_past_the_bound_whoever_calls_it(world):
    auditor = world.user(world.a, "auditor")
    with pytest.raises(CaseworkError) as refused:
        cases.list_cases(world.container.uow(), auditor, page=10**12)
    assert refused.value.problems[0].field == "page"


@pytest.mark.parametrize("action_id", ["0", "2147483648", "9223372036854775808", "-1"])
def test_an_action_id_out_of_range_is_a_422(client, login, world, action_id):
    headers = login(world.user(world.a, "team_manager"))
    _refused(client.get(f"/api/actions/{action_id}", headers=headers))
    _refused(client.post(f"/api/actions/{action_id}/verify", headers=headers))


def test_the_service_reads_an_action_id_out_of_range_as_no_such_action(world):
    from casework.service import actions
    from casework.service.errors import NotFound

    with pytest.raises(NotFound):
        actions.get_action(world.container.uow(), world.user(world.a, "auditor"), 2**63)


@pytest.fixture
def complaint(client, login, world):
    manager = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), manager, seed("wirral-19-020-817.yaml", world.a))
    headers = login(world.user(world.a, "complaints_manager"))
    response = client.post("/api/cases/wirral-19-020-817/complaints", headers=headers,
                           json={"ref": "C9", "received": "2025-03-03", "points": {"1": "delay"}})
    assert response.status_code == 201, response.text
    return headers


@pytest.mark.parametrize("amount", ["1e308", "1e400", "Infinity", "NaN", "-1", "10000000.01"])
def test_an_absurd_remedy_amount_is_refused_and_the_complaint_still_reads(client, complaint, amount):
    url = "/api/cases/wirral-19-020-817/complaints/C9"
    raw = '{"purpose": "distress", "date": "2025-04-01", "amount": ' + amount + ', "points": ["1"]}'
    response = client.post(f"{url}/remedies", headers={**complaint, "content-type": "application/json"},
                           content=raw)
    body = _refused(response)
    assert body["problems"][0]["field"].endswith("amount")
    assert client.get(url, headers=complaint).status_code == 200


@pytest.mark.parametrize("amount", [1e308, float("inf"), float("nan"), -5, 10_000_001])
def test_the_chronology_refuses_an_absurd_amount_however_it_arrives(client, complaint, world, amount):
    from casework.domain.errors import CaseworkError as Refused

    manager = world.user(world.a, "complaints_manager")
    new = cases.NewEvent("remedy_offered", "2025-04-01", details={"complaint": "C9", "amount": amount,
                                                                  "purpose": "distress"})
    with pytest.raises(Refused) as refused:
        cases.record_event(world.container.uow(), manager, "wirral-19-020-817", new)
    assert any(p.field.endswith("amount") for p in refused.value.problems)


def test_a_search_of_too_many_words_is_refused_not_sent_to_the_database(client, login, world):
    headers = login(world.user(world.a, "auditor"))
    words = " ".join(f"word{n}" for n in range(95))
    body = _refused(client.get("/api/decisions", headers=headers, params={"q": words}))
    assert body["problems"][0]["field"] == "q"
    _refused(client.get("/api/decisions", headers=headers, params={"q": "x" * 501}))
    _refused(client.get("/api/remedies/benchmark", headers=headers, params={"theme": "x" * 501}))


def test_the_decisions_page_answers_a_search_of_too_many_words_with_a_page_saying_so(client, world):
    web = web_client(client.app, world.user(world.a, "auditor").username)
    response = web.get("/decisions", params={"q": " ".join(f"w{n}" for n in range(95))})
    assert response.status_code == 400 and "at most 32 words" in response.text


@pytest.mark.parametrize("body", [
    {"type": "visit", "date": "2024-02-01", "note": "a\x00b"},
    {"type": "visit", "date": "2024-02-01", "details": {"who": "a\x00b"}},
    {"type": "visit\x00", "date": "2024-02-01"},
    {"type": "visit", "date": "2024-02-01", "children": ["P\x00"]},
])
def test_a_nul_byte_in_a_request_body_is_a_422(client, login, world, body):
    manager = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), manager, seed("wirral-19-020-817.yaml", world.a))
    response = client.post("/api/cases/wirral-19-020-817/events", headers=login(manager), json=body)
    assert "NUL" in _refused(response)["problems"][0]["problem"]


@pytest.mark.parametrize(("field", "value"), [
    ("note", "x" * 20_001), ("type", "x" * 201), ("children", ["P"] * 201), ("source", "x" * 20_001),
])
def test_a_field_or_list_past_its_length_is_a_422_naming_it(client, login, world, field, value):
    manager = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), manager, seed("wirral-19-020-817.yaml", world.a))
    response = client.post("/api/cases/wirral-19-020-817/events", headers=login(manager),
                           json={"type": "visit", "date": "2024-02-01", field: value})
    assert _refused(response)["problems"][0]["field"] == field


def test_an_audit_date_past_the_year_2999_is_a_422(client, login, world):
    headers = login(world.user(world.a, "auditor"))
    _refused(client.get("/api/due", headers=headers, params={"as_of": "9999-12-31"}))


def test_unknown_addresses_wrong_methods_and_unreadable_bodies_get_the_json_shape(client, login, world):
    headers = login(world.user(world.a, "auditor"))
    _refused(client.get("/api/no-such-thing", headers=headers), 404, "not_found")
    _refused(client.delete("/api/cases", headers=headers), 405, "method_not_allowed")
    _refused(client.post("/api/token", content=b"\xff{not json", headers={"content-type": "application/json"}),
             400, "bad_request")


def test_an_unexpected_failure_is_logged_and_answered_in_the_json_shape_without_its_details(container, caplog):
    from fastapi.testclient import TestClient

    from casework.entrypoints.api import create_app

    app = create_app(container=container)

    def broken() -> None:
        raise RuntimeError("secret internals: /srv/casework/db password=hunter2")

    app.add_api_route("/api/broken", broken)
    app.add_api_route("/broken", broken)
    with TestClient(app) as test_client:
        response = test_client.get("/api/broken")
        page = test_client.get("/broken")
    body = _refused(response, 500, "server_error")
    assert "hunter2" not in response.text and "RuntimeError" not in response.text and body["problems"][0]["fix"]
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "hunter2" not in page.text
    assert "hunter2" in caplog.text and "RuntimeError" in caplog.text
