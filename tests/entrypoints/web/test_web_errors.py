"""A malformed web address gets a GOV.UK error page; the same mistake under /api keeps the
API's JSON body."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from casework.entrypoints.web.errors import problem_line


def test_a_page_number_that_is_not_a_number_gets_an_error_page_saying_so(southend_manager: Any) -> None:
    response = southend_manager.get("/cases?page_number=two")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1 class=\"govuk-heading-xl\">There is a problem with the web address</h1>" in response.text
    assert "gives page_number as ‘two’, but it must be a whole number" in response.text
    assert "check it and try again" in response.text
    assert "Southend-on-Sea children’s services" in response.text  # still signed in: the usual header


def test_a_date_that_is_not_a_date_on_a_case_page_gets_an_error_page(southend_manager: Any) -> None:
    response = southend_manager.get("/cases/southend-24-007-529?as_of=31/12/2024")
    assert response.status_code == 400
    assert "gives as_of as ‘31/12/2024’, but it must be a date written as YYYY-MM-DD" in response.text


def test_a_malformed_address_asks_a_signed_out_visitor_to_sign_in_first(app: Any) -> None:
    response = TestClient(app).get("/cases?page_number=two", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in")


def test_the_api_keeps_its_json_body_for_the_same_mistake(app: Any, demo_password: str) -> None:
    from casework.service.demo import demo_username

    client = TestClient(app)
    token = client.post("/api/token", json={"username": demo_username("southend-on-sea", "complaints_manager"),
                                            "password": demo_password}).json()["access_token"]
    response = client.get("/api/cases?page=two", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == "invalid"
    assert response.json()["problems"][0]["field"] == "page"


def test_an_unknown_web_address_is_a_page_not_found_and_an_unknown_api_address_is_json(app: Any) -> None:
    client = TestClient(app)
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "Page not found" in page.text
    api = client.get("/api/no-such-endpoint")
    assert api.status_code == 404 and api.json()["error"] == "not_found"


def test_each_kind_of_problem_is_said_in_words() -> None:
    assert problem_line({"loc": ("query", "page"), "type": "int_parsing", "input": "x"}) == (
        "The web address gives page as ‘x’, but it must be a whole number.")
    assert problem_line({"loc": ("body", "note"), "type": "string_too_long", "msg": "too long"}) == (
        "The form gives note a value that cannot be used: too long.")
