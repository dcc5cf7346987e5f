"""The decisions pages, the benchmark beside the remedy calculator's judgement, and the
precedents beside each audit finding on the case page (server-rendered, no browser)."""

from __future__ import annotations

import re
from typing import Any


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_decisions_pages_need_a_signed_in_user(app: Any) -> None:
    from fastapi.testclient import TestClient

    anonymous = TestClient(app)
    response = anonymous.get("/decisions/24-010-960", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=/decisions/24-010-960"


def test_search_filters_by_purpose_and_a_bad_year_is_an_error_beside_the_field(sign_in_as: Any) -> None:
    client = sign_in_as("wirral", "caseworker")
    found = _text(client.get("/decisions", params={"q": "delay", "purpose": "financial_loss"}).text)
    assert "1 decision " in found and "Liverpool City Council (24 010 960)" in found
    assert "£1,102.58 (financial loss)" in found
    wrong = client.get("/decisions", params={"year": "last year"})
    assert wrong.status_code == 400
    assert '<a href="#year">Select a year from the list</a>' in wrong.text


def test_a_decision_page_shows_payments_per_child_and_actions_due(sign_in_as: Any) -> None:
    client = sign_in_as("wirral", "caseworker")
    wirral = _text(client.get("/decisions/19-020-817").text)
    assert "£200 each (5 children: £1,000)" in wirral
    liverpool = _text(client.get("/decisions/24-010-960").text)
    assert "28 June 2025" in liverpool
    missing = client.get("/decisions/10-000-000")
    assert missing.status_code == 404 and "no Ombudsman decision ‘10-000-000’" in missing.text


def test_the_calculator_shows_what_the_ombudsman_paid_beside_its_judgement(sign_in_as: Any) -> None:
    client = sign_in_as("liverpool", "complaints_manager")
    page = client.get("/remedies", params={
        "calculate": "payment", "amount": "500", "purpose": "delay", "decided-day": "28",
        "decided-month": "5", "decided-year": "2025", "theme": "missed direct payments"}).text
    benchmark = _text(page[page.index('id="benchmark"'):page.index('id="loss"')])
    assert "1 decision about this kind of fault mention 3 payments: median £542.25" in benchmark
    assert "Delay (as judged above) 1 £500 £500 to £500 24 010 960" in benchmark
    assert 'href="/decisions/24-010-960"' in page


def test_each_finding_on_the_case_page_links_to_decisions_with_the_same_fault(sign_in_as: Any) -> None:
    client = sign_in_as("wirral", "caseworker")
    page = client.get("/cases/wirral-19-020-817", params={"as_of": "2021-06-03"}).text
    row = page[page.index('data-rule="cin_plan_first_review"'):]
    row = row[:row.index("</tr>")]
    assert "Decisions that found fault and mention this kind of fault" in row
    assert 'href="/decisions/19-020-817"' in row
