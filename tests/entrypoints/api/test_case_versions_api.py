"""The API's optimistic check: a case's version is its ETag, and a change sent with an
If-Match the case has moved past is refused with 409, saying who changed it."""

from __future__ import annotations

from store_backends import EXAMPLES

CASE = "liverpool-24-010-960"


def _import(client, headers, council):
    text = (EXAMPLES / f"{CASE}.yaml").read_text(encoding="utf-8").replace(
        "council: liverpool", f"council: {council}", 1)
    response = client.post("/api/cases", headers=headers, json={"chronology": text})
    assert response.status_code == 201, response.text


def _visit(note):
    return {"type": "visit", "date": "2025-06-01", "children": ["D"], "note": note}


def test_a_write_sent_with_a_stale_version_is_a_409_naming_who_changed_the_case(client, login, world):
    first = world.user(world.a, "team_manager")
    ours, theirs = login(first), login(world.user(world.a, "team_manager"))
    _import(client, ours, world.a)
    read = client.get(f"/api/cases/{CASE}", headers=theirs)
    etag = read.headers["ETag"]
    assert etag == f'"{read.json()["version"]}"'

    made = client.post(f"/api/cases/{CASE}/events", headers={**ours, "If-Match": etag}, json=_visit("first"))
    assert made.status_code == 201, made.text
    stale = client.post(f"/api/cases/{CASE}/events", headers={**theirs, "If-Match": etag},
                        json=_visit("second"))
    assert stale.status_code == 409, stale.text
    problem = stale.json()["problems"][0]
    assert problem["field"] == "version"
    assert problem["problem"].startswith(f"This case was changed by {first.username} at ")
    assert client.patch(f"/api/cases/{CASE}", headers={**theirs, "If-Match": etag},
                        json={"team": "east"}).status_code == 409

    fresh = client.get(f"/api/cases/{CASE}", headers=theirs).headers["ETag"]
    assert client.post(f"/api/cases/{CASE}/events", headers={**theirs, "If-Match": fresh},
                       json=_visit("second")).status_code == 201
    assert client.post(f"/api/cases/{CASE}/events", headers=theirs,  # no If-Match: no check
                       json=_visit("third")).status_code == 201
    notes = [e["note"] for e in client.get(f"/api/cases/{CASE}/events", headers=theirs).json()]
    assert [n for n in notes if n in ("first", "second", "third")] == ["first", "second", "third"]


def test_an_if_match_that_is_not_a_version_is_refused_as_invalid(client, login, world):
    headers = login(world.user(world.a, "team_manager"))
    _import(client, headers, world.a)
    response = client.post(f"/api/cases/{CASE}/events", headers={**headers, "If-Match": "yesterday"},
                           json=_visit("x"))
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "If-Match"
