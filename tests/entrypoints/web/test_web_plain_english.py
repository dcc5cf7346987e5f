"""Pages speak in words: no code names ("stage2_started", "parent_a"), no login names shown as
workers, no unexplained "[unconfirmed]". Only the reference that lists the names a person types
into the event form's details (and the audit log, which records logins as they are) shows them."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

CODE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b|\[unconfirmed\]|\((?:seed|local|code)[;)]"
                  r"|\b[a-z-]+\.(?:caseworker|team_manager|complaints_manager)\b")


def visible_text(page: str) -> str:
    page = re.sub(r'(?s)<details class="govuk-details" id="event-details-reference">.*?</details>', " ", page)
    page = re.sub(r"(?s)<(script|style|head|code)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


@pytest.mark.parametrize(("council", "case"), [("southend-on-sea", "southend-24-007-529"),
                                               ("wirral", "wirral-19-020-817"),
                                               ("sefton", "sefton-21-004-199"),
                                               ("liverpool", "liverpool-24-010-960")])
def test_no_page_shows_a_code_name_or_a_login_as_a_worker(sign_in_as: Any, council: str, case: str) -> None:
    client = sign_in_as(council, "complaints_manager")
    pages = ["/", "/cases", "/complaints", "/actions", "/remedies", "/decisions", "/reports/annual",
             "/account/reminders", "/cases/new", f"/cases/{case}", f"/cases/{case}/complaints/C1",
             f"/cases/{case}/new-complaint", "/remedies?amount=300&purpose=distress&on=2024-01-01"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        found = sorted(set(CODE.findall(visible_text(response.text))))
        assert found == [], f"{url} shows {found}"


def test_the_signed_in_bar_and_the_registers_name_people_not_logins(sign_in_as: Any) -> None:
    page = sign_in_as("wirral", "caseworker").get("/cases?search=wirral-19").text
    assert "Signed in as <strong>Sam Okafor</strong>" in page
    assert "wirral.caseworker" not in visible_text(page)
