"""Two people with the same case open: the second to record an event gets a GOV.UK error
saying who changed the case and when, and their event is not recorded over a chronology
they have not seen."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from store_backends import EXAMPLES, PASSWORD, own_demo_council

from casework.adapters.chronology_file import read_case_file
from casework.service import cases
from casework.service.auth import add_user

CASE = "liverpool-24-010-960"


def _form(page: str, note: str) -> dict[str, Any]:
    return {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
            "version": re.search(r'name="version" value="(\d+)"', page).group(1),
            "event_type": "visit", "event_date": "2025-06-01", "children": ["D"], "note": note}


def test_recording_an_event_on_a_case_changed_since_the_page_was_shown_is_refused(
        container: Any, sign_in_with: Any) -> None:
    council = own_demo_council(container)
    names = [f"{council}.manager{n}" for n in (1, 2)]
    actors = [add_user(container.uow(), container.passwords, council, n, PASSWORD, "team_manager")
              for n in names]
    cases.import_case(container.uow(), actors[0],
                      replace(read_case_file(EXAMPLES / f"{CASE}.yaml"), council=council))
    first, second = (sign_in_with(n, PASSWORD) for n in names)
    first_page, second_page = (c.get(f"/cases/{CASE}").text for c in (first, second))

    done = first.post(f"/cases/{CASE}/events", data=_form(first_page, "first"), follow_redirects=False)
    assert done.status_code == 303, done.text
    refused = second.post(f"/cases/{CASE}/events", data=_form(second_page, "second"))
    assert refused.status_code == 400
    assert "govuk-error-summary" in refused.text
    assert f"This case was changed by {names[0]} at " in refused.text
    assert "reload and try again" in refused.text

    again = second.post(f"/cases/{CASE}/events", data=_form(refused.text, "second"), follow_redirects=False)
    assert again.status_code == 303, again.text
    notes = [e.note for e in cases.get_case(container.uow(), actors[0], CASE).events]
    assert notes.count("first") == 1 and notes.count("second") == 1


def test_a_store_that_stays_busy_is_a_page_saying_nothing_was_saved(container: Any) -> None:
    from fastapi.testclient import TestClient

    from casework.entrypoints.api import create_app
    from casework.service.ports import StoreBusy

    app = create_app(container=container)

    def busy() -> None:
        raise StoreBusy("the database was busy with other changes; nothing was saved — try again in a moment")

    app.add_api_route("/busy-page", busy)
    app.add_api_route("/api/busy-call", busy)
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/busy-page")
    assert page.status_code == 503 and page.headers["Retry-After"] == "1"
    assert "Sorry, the service is busy" in page.text and "nothing you sent was saved" in page.text
    api = client.get("/api/busy-call")
    assert api.status_code == 503 and api.json()["error"] == "busy"
