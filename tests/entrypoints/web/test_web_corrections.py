"""Correcting and withdrawing an entry in the web pages: the links show on each row for a user
whose role may record that entry; the form refuses a missing reason and a date that is not
one (GOV.UK messages, nothing stored); a role that may not is refused; a correction shows the
old entry struck through with who, when and why, in words."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from case_builders import case, ev
from store_backends import own_demo_council

from casework.service import cases
from casework.service.auth import add_user

PASSWORD = "correct horse battery"


@pytest.fixture
def fresh(container: Any, sign_in_with: Any) -> Any:
    council = own_demo_council(container, "fixshire")
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", PASSWORD,
                       "complaints_manager")
    add_user(container.uow(), container.passwords, council, f"{council}.worker", PASSWORD, "caseworker")
    chronology = case(ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory",
                         points={"1": "the plan was late"}),
                      ev("s1", "stage1_response", "2025-06-02", complaint="C1", findings={"1": "upheld"}),
                      ev("v", "visit", "2025-04-01", ("A",)))
    slug = cases.import_case(container.uow(), manager, replace(chronology, id=f"{council}-1", council=council))
    return {"slug": slug, "manager": sign_in_with(manager.username, PASSWORD),
            "worker": sign_in_with(f"{council}.worker", PASSWORD), "container": container, "actor": manager}


def _post(http: Any, url: str, **data: str) -> Any:
    page = http.get(url)
    assert page.status_code == 200, page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return http.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def _stored(fresh: Any) -> Any:
    return cases.get_case(fresh["container"].uow(), fresh["actor"], fresh["slug"])


def test_each_row_offers_correct_and_withdraw_only_to_a_role_that_may_record_it(fresh: Any) -> None:
    slug = fresh["slug"]
    manager_page = fresh["manager"].get(f"/cases/{slug}").text
    assert 'data-correct="s1"' in manager_page and 'data-withdraw="v"' in manager_page
    worker_page = fresh["worker"].get(f"/cases/{slug}").text
    assert 'data-correct="v"' in worker_page
    assert 'data-correct="s1"' not in worker_page, "a caseworker may not decide a complaint"
    refused = fresh["worker"].get(f"/cases/{slug}/entries/s1/correct")
    assert refused.status_code == 403


def test_a_correction_without_a_reason_or_with_a_bad_date_is_refused_and_nothing_stored(fresh: Any) -> None:
    url = f"/cases/{fresh['slug']}/entries/s1/correct"
    missing = _post(fresh["manager"], url, **{"date-day": "14", "date-month": "3", "date-year": "2025"})
    assert missing.status_code == 400
    assert "Enter why the entry is wrong" in missing.text and "Error: Correct this entry" in missing.text
    bad = _post(fresh["manager"], url, reason="typed June", **{"date-day": "31", "date-month": "2",
                                                              "date-year": "2025"})
    assert bad.status_code == 400 and "The correct date must be a real date" in bad.text
    before = _post(fresh["manager"], url, reason="typed June", **{"date-day": "1", "date-month": "3",
                                                                 "date-year": "2025"})
    assert before.status_code == 400
    assert "correcting the &#39;stage1_response&#39; (s1) cannot happen now" in before.text
    assert _stored(fresh).history == ()


def test_a_caseworker_is_refused_a_correction_of_a_stage_response(fresh: Any) -> None:
    worker = fresh["worker"]
    page = worker.get(f"/cases/{fresh['slug']}/entries/v/correct")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    refused = worker.post(f"/cases/{fresh['slug']}/entries/s1/correct", follow_redirects=False,
                          data={"csrf_token": token, "reason": "x", "date-day": "14", "date-month": "3",
                                "date-year": "2025"})
    assert refused.status_code == 403
    assert _stored(fresh).history == ()


def test_a_corrected_entry_is_shown_struck_through_with_who_when_and_why(fresh: Any) -> None:
    slug = fresh["slug"]
    done = _post(fresh["manager"], f"/cases/{slug}/entries/s1/correct?back=complaint",
                 back="complaint", reason="typed June for March",
                 **{"date-day": "14", "date-month": "3", "date-year": "2025"})
    assert done.status_code == 303 and done.headers["location"] == f"/cases/{slug}/complaints/C1#timeline"
    complaint = fresh["manager"].get(f"/cases/{slug}/complaints/C1").text
    assert "met on Friday 14 March 2025" in complaint
    struck = re.search(r'<li[^>]*id="superseded-s1-corrected".*?</li>', complaint, flags=re.S).group(0)
    assert "<del>" in struck and "2 June 2025" in struck
    assert re.search(r"Corrected on \w+ \d+ \w+ \d{4} by fixshire-\w+\.manager: typed June for March", struck)
    withdrawn = _post(fresh["manager"], f"/cases/{slug}/entries/v/withdraw", reason="another family's visit")
    assert withdrawn.headers["location"] == f"/cases/{slug}#event-v"
    page = fresh["manager"].get(f"/cases/{slug}").text
    assert "Withdrawn entry: " in page and "another family&#39;s visit" in page
    assert 'data-withdraw="v"' not in page
