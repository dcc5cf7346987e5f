"""Nobody is shown a form their role cannot submit: every page, signed in as each of the eight
roles, offers only the forms, steps and buttons that role's permissions allow. A form or link
this sweep does not know fails it, so a new one is added here with the permission it needs."""

from __future__ import annotations

import re
from typing import Any

import pytest

from casework.service.access import PERMISSIONS, ROLES
from casework.service.event_guard import permission_for

COUNCIL = "southend-on-sea"
CASE = "southend-24-007-529"
ANYONE = ""  # a form every signed-in user may submit (their own session and settings)

# What each POST form's action, and each link to a form page, needs.
POSTS = [(r"^/sign-out$", ANYONE), (r"^/account/reminders$", ANYONE),
         (r"^/actions/\d+/verify$", "action:verify")]
LINKS = [(r"^/cases/new$", "case:write"), (r"/new-complaint$", "complaint:write"),
         (r"/remedies/new", "remedy:write"), (r"^/actions/\d+/evidence$", "action:write")]


def _pages(role: str) -> list[str]:
    pages = ["/", "/cases", "/complaints", "/actions", "/remedies", "/decisions", "/account/reminders",
             f"/cases/{CASE}", f"/cases/{CASE}/complaints/C1"]
    if role in PERMISSIONS["audit_log:read"]:
        pages.append("/audit-log")
    if role in PERMISSIONS["report:read"]:
        pages.append("/reports/annual")
    return pages


def _needed(patterns: list[tuple[str, str]], target: str) -> str | None:
    return next((need for pattern, need in patterns if re.search(pattern, target)), None)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_offers_a_role_only_what_it_may_submit(sign_in_as: Any, role: str) -> None:
    client = sign_in_as(COUNCIL, role)
    for url in _pages(role):
        response = client.get(url)
        assert response.status_code == 200, (role, url)
        html = response.text
        for action in re.findall(r'<form[^>]*method="post"[^>]*action="([^"#]*)', html):
            if re.search(r"^/cases/[^/]+/events$", action):
                offered = re.findall(r'<option value="([a-z0-9_]+)"', html[html.index('id="event-type"'):])
                assert offered and all(role in PERMISSIONS[permission_for(t)] for t in offered), (role, url)
                continue
            need = _needed(POSTS, action)
            assert need is not None, f"{url}: a form posting to {action} is not in this sweep"
            assert need == ANYONE or role in PERMISSIONS[need], (role, url, action)
        for step in re.findall(r'href="/cases/[^"]+/steps/([a-z0-9_]+)"', html):
            assert role in PERMISSIONS[permission_for(step)], (role, url, step)
        for href in re.findall(r'href="([^"]+)"', html):
            need = _needed(LINKS, href)
            assert need is None or role in PERMISSIONS[need], (role, url, href)


@pytest.mark.parametrize("role", ["ombudsman_investigator", "auditor", "panel_member"])
def test_a_form_page_the_role_cannot_submit_is_refused_even_by_its_address(sign_in_as: Any, role: str) -> None:
    client = sign_in_as(COUNCIL, role)
    refused = [f"/cases/{CASE}/complaints/C1/remedies/new", "/cases/new", f"/cases/{CASE}/new-complaint"]
    for url in refused:
        if role in PERMISSIONS["complaint:write"] and url.endswith("new-complaint"):
            continue
        assert client.get(url).status_code == 403, (role, url)


def test_the_case_page_offers_no_event_form_to_a_role_that_records_nothing(sign_in_as: Any) -> None:
    page = sign_in_as(COUNCIL, "auditor").get(f"/cases/{CASE}").text
    assert 'id="add-event"' not in page and "/events" not in page
    assert 'id="add-event"' in sign_in_as(COUNCIL, "caseworker").get(f"/cases/{CASE}").text
