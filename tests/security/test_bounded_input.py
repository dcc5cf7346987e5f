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
