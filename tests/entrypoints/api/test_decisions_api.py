from __future__ import annotations

import pytest
from store_backends import EXAMPLES

from casework.service.decisions import load_demo_decisions


@pytest.fixture
def reader(client, login, world):
    load_demo_decisions(world.container.uow, world.container.files.decisions, EXAMPLES / "decisions")
    return login(world.user(world.b, "caseworker"))


def test_decisions_need_a_token_but_no_particular_council(client, reader):
    assert client.get("/api/decisions").status_code == 401
    assert client.get("/api/decisions/24-010-960").status_code == 401
    assert client.get("/api/remedies/benchmark", params={"theme": "delay"}).status_code == 401
    assert client.get("/api/decisions/24-010-960", headers=reader).status_code == 200


def test_search_filters_and_pages_through_the_decisions(client, reader):
    sefton = client.get("/api/decisions", headers=reader,
                        params={"organisation": "Sefton Metropolitan", "per_page": 1}).json()
    assert sefton["total"] == 2 and len(sefton["items"]) == 1
    # newest first with no search text
    assert sefton["items"][0]["reference"] == "24 009 485"
    second = client.get("/api/decisions", headers=reader, params={
        "organisation": "Sefton Metropolitan", "per_page": 1, "page": 2}).json()
    assert second["items"][0]["reference"] == "21 004 199"
    found = client.get("/api/decisions", headers=reader, params={
        "q": '"core group"', "organisation": "sefton", "outcome": "Upheld", "year": 2022,
        "subcategory": "child protection"}).json()
    assert [i["reference"] for i in found["items"]] == ["21 004 199"]
    assert found["items"][0]["href"] == "/api/decisions/21-004-199"
    paid = client.get("/api/decisions", headers=reader, params={
        "organisation": "Liverpool City", "purpose": "financial_loss"}).json()
    assert [p["amount"] for p in paid["items"][0]["payments"]] == [500.0, 542.25, 1102.58]


def test_a_decision_by_reference_and_the_refusals_in_the_common_error_body(client, reader):
    wirral = client.get("/api/decisions/19 020 817", headers=reader).json()
    assert wirral["organisation"] == "Wirral Metropolitan Borough Council"
    assert {(p["amount"], p["per_child"], p["children"]) for p in wirral["payments"]} >= {
        (200.0, True, 5), (200.0, False, None)}
    missing = client.get("/api/decisions/10-000-000", headers=reader)
    assert missing.status_code == 404
    assert missing.json()["problems"][0]["field"] == "decision"
    wrong = client.get("/api/decisions", headers=reader, params={"purpose": "cake"})
    assert wrong.status_code == 422 and wrong.json()["problems"][0]["field"] == "purpose"
    empty = client.get("/api/remedies/benchmark", headers=reader, params={"theme": ""})
    assert empty.status_code == 422 and empty.json()["error"] == "invalid"


def test_the_benchmark_links_each_spread_to_its_decisions(client, reader):
    result = client.get("/api/remedies/benchmark", headers=reader,
                        params={"theme": "missed direct payments"}).json()
    assert result["theme"] == "missed direct payments"
    assert "24 010 960" in [d["reference"] for d in result["decisions"]]
    for spread in [result["overall"], *result["by_purpose"]]:
        assert spread["min"] <= spread["median"] <= spread["max"] and spread["count"] >= 1
        assert all(d["href"].startswith("/api/decisions/") for d in spread["decisions"])
