"""Every complaint step the procedure offers can be recorded in the web form, with the
fields it needs and no YAML; each wrong answer gets its GOV.UK message on its own field
and nothing is stored."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from case_builders import case, ev
from store_backends import own_demo_council

from casework.domain.complaints.table import PROCEDURES, load_procedure
from casework.entrypoints.web.steps import FINDING_WORDS, STEPS
from casework.service import cases, complaints
from casework.service.auth import add_user
from casework.service.complaints import StepRefused

PASSWORD = "correct horse battery"


def test_every_step_a_procedure_table_names_has_a_form() -> None:
    named = {t.event for p in PROCEDURES for t in load_procedure(p).transitions.values()}
    assert named - {"complaint_received"} <= set(STEPS)
    assert set(FINDING_WORDS) == {"upheld", "partially_upheld", "not_upheld", "no_finding"}


@pytest.fixture
def fresh(container: Any, sign_in_with: Any) -> Any:
    """A council of its own with one complaint just received (two points), and its manager."""
    council = own_demo_council(container, "stepshire")
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", PASSWORD,
                       "complaints_manager")
    chronology = case(ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory",
                         points={"1": "the plan was late", "2": "no one called back"}))
    slug = cases.import_case(container.uow(), manager, replace(chronology, id=f"{council}-1", council=council))
    return Client(sign_in_with(manager.username, PASSWORD), slug, container, manager)


class Client:
    def __init__(self, http: Any, slug: str, container: Any, actor: Any) -> None:
        self.http, self.slug, self.container, self.actor = http, slug, container, actor

    def url(self, step: str) -> str:
        return f"/cases/{self.slug}/complaints/C1/steps/{step}"

    def post(self, step: str, day: date | None = None, **fields: str) -> Any:
        page = self.http.get(self.url(step))
        assert page.status_code == 200, page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        data = {"csrf_token": token.group(1), **fields}
        if day is not None:
            data |= {"when-day": str(day.day), "when-month": str(day.month), "when-year": str(day.year)}
        return self.http.post(self.url(step), data=data, follow_redirects=False)

    def events(self) -> list[Any]:
        return list(cases.get_case(self.container.uow(), self.actor, self.slug).events)


def _message(response: Any, field: str) -> str:
    found = re.search(rf'<p id="{field}-error" class="govuk-error-message">\s*'
                      r'<span class="govuk-visually-hidden">Error:</span>(.*?)</p>', response.text, re.S)
    assert found is not None, f"no error message on {field}"
    return " ".join(found.group(1).split()).replace("&#39;", "'")


@pytest.mark.parametrize(("parts", "message"), [
    ({}, "Enter the date acknowledged"),
    ({"when-day": "3", "when-year": "2025"}, "Date acknowledged must include a month"),
    ({"when-day": "x", "when-month": "3", "when-year": "2025"}, "Date acknowledged must be a real date"),
    ({"when-day": "31", "when-month": "2", "when-year": "2025"}, "Date acknowledged must be a real date"),
    ({"when-day": "3", "when-month": "3", "when-year": "25"},
     "Date acknowledged must have a year between 1900 and 2100"),
])
def test_a_missing_malformed_or_impossible_date_is_refused_on_the_date_and_nothing_is_stored(
        fresh: Any, parts: dict[str, str], message: str) -> None:
    before = fresh.events()
    response = fresh.post("complaint_acknowledged", **parts)
    assert response.status_code == 400
    assert _message(response, "when") == message
    assert "govuk-error-summary" in response.text and "<title>Error: " in response.text
    assert fresh.events() == before


def test_a_date_after_today_is_refused_and_nothing_is_stored(fresh: Any) -> None:
    tomorrow = date.today() + timedelta(days=1)
    response = fresh.post("complaint_acknowledged", tomorrow)
    assert response.status_code == 400
    assert _message(response, "when") == "Date acknowledged must be today or in the past"
    assert 'href="#when-day"' in response.text
    assert len(fresh.events()) == 1


def test_a_month_only_date_is_kept_as_a_month(fresh: Any) -> None:
    response = fresh.post("complaint_acknowledged", **{"when-month": "4", "when-year": "2025",
                                                       "when-month-only": "yes"})
    assert response.status_code == 303, re.findall(r'govuk-error-message">(.*?)</p>', response.text, re.S)
    acknowledged = fresh.events()[-1]
    assert acknowledged.type == "complaint_acknowledged" and str(acknowledged.date) == "April 2025"


def test_findings_extension_and_appointments_are_recorded_from_their_fields(fresh: Any) -> None:
    missing = fresh.post("stage1_extended", date(2025, 3, 10))
    assert _message(missing, "reasons") == "Enter why stage 1 needs longer"
    assert _message(missing, "new_date") == "Enter the new date the complainant was told"
    assert len(fresh.events()) == 1
    ok = fresh.post("stage1_extended", date(2025, 3, 10), reasons="the records are archived",
                    **{"new_date-day": "31", "new_date-month": "3", "new_date-year": "2025"})
    assert ok.status_code == 303
    extended = fresh.events()[-1]
    assert extended.details == {"complaint": "C1", "reasons": "the records are archived",
                                "new_date": date(2025, 3, 31)}
    assert fresh.post("stage1_response", date(2025, 3, 28), **{"finding-1": "upheld"}).status_code == 303
    assert fresh.events()[-1].details["findings"] == {"1": "upheld"}
    assert fresh.post("stage2_requested", date(2025, 4, 1)).status_code == 303
    no_name = fresh.post("investigating_officer_appointed", date(2025, 4, 2))
    assert _message(no_name, "who") == "Enter the name of the investigating officer"
    assert fresh.post("investigating_officer_appointed", date(2025, 4, 2), who="J Smith").status_code == 303
    assert fresh.events()[-1].details["who"] == "J Smith"


def test_a_step_the_procedure_does_not_allow_now_is_explained_in_plain_english(fresh: Any) -> None:
    response = fresh.http.get(fresh.url("stage3_panel"))
    assert response.status_code == 403
    text = " ".join(re.sub(r"<[^>]+>", " ", response.text).split())
    assert "You cannot record the review panel now" in text
    assert "acknowledge the complaint" in text and "stage1_response" not in text
    assert f'href="/cases/{fresh.slug}/complaints/C1"' in response.text


def _stage3_requested(container: Any, sign_in_with: Any) -> Client:
    """A council of its own with one complaint whose review panel was just asked for, and its manager."""
    council = own_demo_council(container, "stepshire")
    manager = add_user(container.uow(), container.passwords, council, f"{council}.manager", PASSWORD,
                       "complaints_manager")
    chronology = case(
        ev("c", "complaint_received", "2025-01-06", complaint="C1", procedure="statutory", points={"1": "x"}),
        ev("r1", "stage1_response", "2025-01-17", complaint="C1", findings={"1": "not_upheld"}),
        ev("q2", "stage2_requested", "2025-01-20", complaint="C1"),
        ev("r2", "stage2_response", "2025-02-20", complaint="C1", findings={"1": "not_upheld"}),
        ev("q3", "stage3_requested", "2025-02-25", complaint="C1"))
    slug = cases.import_case(container.uow(), manager, replace(chronology, id=f"{council}-1", council=council))
    client = Client(sign_in_with(manager.username, PASSWORD), slug, container, manager)
    return client


def test_a_refusal_by_the_procedure_lands_on_the_date_with_its_reason(container: Any, sign_in_with: Any) -> None:
    client = _stage3_requested(container, sign_in_with)
    slug, manager = client.slug, client.actor
    offered = client.http.get(f"/cases/{slug}/complaints/C1").text
    assert 'data-step="stage3_refused"' not in offered
    assert re.search(r'class="govuk-button" data-module="govuk-button" data-step="stage3_panel"', offered)
    response = client.http.get(client.url("stage3_refused"))
    assert response.status_code == 403
    assert ("You cannot refuse a review panel now: a council must appoint a panel when asked in time"
            in response.text)
    # Recorded anyway (a form kept open while the record changed): the service refuses it too.
    with pytest.raises(StepRefused, match="must appoint a panel"):
        complaints.record_complaint_event(container.uow(), manager, slug, "C1", "stage3_refused",
                                          date(2025, 3, 3), details={"reasons": "no"})
    assert len(client.events()) == 5


def test_the_ombudsman_steps_and_an_agreed_action_are_recorded_and_the_weekend_panel_is_queried(
        container: Any, sign_in_with: Any) -> None:
    client = _stage3_requested(container, sign_in_with)
    saturday = date(2025, 3, 22)
    queried = client.post("stage3_panel", saturday, members="A Person\nB Person", **{"finding-1": "upheld"})
    assert _message(queried, "when") == ("22 March 2025 is a Saturday. Check the date, or tick "
                                         "‘Yes, it was on a weekend’")
    assert len(client.events()) == 5
    assert client.post("stage3_panel", saturday, members="A Person\nB Person",
                       **{"finding-1": "upheld", "when-weekend": "yes"}).status_code == 303
    assert client.events()[-1].details["members"] == "A Person; B Person"
    assert client.post("stage3_panel_report", date(2025, 3, 31)).status_code == 303
    assert client.post("stage3_response", date(2025, 4, 10), **{"finding-1": "upheld"}).status_code == 303
    assert client.post("ombudsman_complaint", date(2025, 5, 1)).status_code == 303
    no_reference = client.post("ombudsman_decision", date(2025, 9, 1))
    assert _message(no_reference, "reference") == "Enter the Ombudsman’s reference"
    assert _message(no_reference, "outcome") == "Select the outcome"
    assert _message(no_reference, "fault") == "Select yes if the Ombudsman found fault, or no"
    assert client.post("ombudsman_decision", date(2025, 9, 1), reference="25 001 002", outcome="upheld",
                       fault="yes").status_code == 303
    decision = client.events()[-1]
    assert decision.details == {"reference": "25 001 002", "outcome": "upheld", "fault": True}
    assert client.post("action_agreed", date(2025, 9, 1), action="apologise in writing",
                       deadline="within four weeks", who="complaints team").status_code == 303
    agreed = client.events()[-1]
    assert agreed.details["decision"] == decision.id and agreed.details["complaint"] == "C1"


def test_a_remedy_from_the_calculator_is_recorded_on_the_points_ticked(fresh: Any) -> None:
    back = f"/cases/{fresh.slug}/complaints/C1"
    calculator = fresh.http.get("/remedies", params={"for": back, "calculate": "payment", "amount": "300",
                                                     "purpose": "distress", "decided-day": "1",
                                                     "decided-month": "4", "decided-year": "2025"}).text
    link = re.search(r'id="use-payment" href="([^"]+)"', calculator)
    assert link is not None
    assert link.group(1).replace("&amp;", "&") == f"{back}/remedies/new?amount=300&purpose=distress"
    assert 'href="https://evil' not in fresh.http.get("/remedies", params={"for": "https://evil.example"}).text
    form = fresh.http.get(link.group(1).replace("&amp;", "&")).text
    assert 'value="300"' in form and 'value="distress" checked' in form
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    when = {"when-day": "2", "when-month": "4", "when-year": "2025"}
    bad = fresh.http.post(f"{back}/remedies", data={"csrf_token": token.group(1), "amount": "three hundred",
                                                     "purpose": "distress", "points": ["1", "2"], **when})
    assert bad.status_code == 400
    assert _message(bad, "amount") == "The payment must be an amount of money, like 250 or 542.25"
    assert len(fresh.events()) == 1
    ok = fresh.http.post(f"{back}/remedies", data={"csrf_token": token.group(1), "amount": "300",
                                                    "purpose": "distress", "points": ["1", "2"], **when},
                         follow_redirects=False)
    assert ok.status_code == 303
    remedy = fresh.events()[-1]
    assert remedy.type == "remedy_offered"
    assert remedy.details == {"complaint": "C1", "purpose": "distress", "by": "council", "amount": 300.0,
                              "points": ["1", "2"]}


def test_evidence_is_added_on_the_actions_page_and_verified_by_another_manager(
        fresh: Any, sign_in_with: Any) -> None:
    from casework.service import actions

    action = actions.agree_action(fresh.container.uow(), fresh.actor, fresh.slug, "apologise", "within four weeks",
                                  date(2025, 4, 1), complaint="C1")
    listing = fresh.http.get("/actions").text
    assert f'href="/actions/{action["id"]}/evidence"' in listing
    url = f"/actions/{action['id']}/evidence"
    token = re.search(r'name="csrf_token" value="([^"]+)"', fresh.http.get(url).text)
    assert token is not None
    missing = fresh.http.post(url, data={"csrf_token": token.group(1), "on-day": "9", "on-month": "4",
                                         "on-year": "2025"})
    assert _message(missing, "note") == "Enter what shows the action was done"
    done = fresh.http.post(url, data={"csrf_token": token.group(1), "note": "letter sent", "on-day": "9",
                                      "on-month": "4", "on-year": "2025"}, follow_redirects=False)
    assert done.status_code == 303
    own = fresh.http.post(f"/actions/{action['id']}/verify", data={"csrf_token": token.group(1)})
    assert own.status_code == 403 and "another manager must verify it" in own.text
    other = add_user(fresh.container.uow(), fresh.container.passwords, fresh.actor.council,
                     f"{fresh.actor.council}.team", PASSWORD, "team_manager")
    team = sign_in_with(other.username, PASSWORD)
    page = team.get("/actions").text
    assert "Awaiting verification" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    verified = team.post(f"/actions/{action['id']}/verify", data={"csrf_token": token.group(1)},
                         follow_redirects=False)
    assert verified.status_code == 303
    assert "Done and verified" in team.get("/actions").text


def test_a_complaint_is_taken_in_with_its_points_and_nothing_is_stored_while_anything_is_wrong(fresh: Any) -> None:
    url = f"/cases/{fresh.slug}/new-complaint"
    assert f'href="{url}"' in fresh.http.get(f"/cases/{fresh.slug}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', fresh.http.get(url).text)
    assert token is not None
    form = {"csrf_token": token.group(1), "complainant": "Ms K", "relationship": "mother",
            "received-day": "7", "received-month": "4", "received-year": "2025", "received_how": "phone",
            "point-1": "the plan was not reviewed", "point-2": "", "advocate_requested": "yes",
            "procedure": "statutory", "procedure_reason": "services to a child in need", "start_stage": "1"}
    more = fresh.http.post(url, data={**form, "add_point": "yes"})
    assert 'id="point-2"' in more.text and 'id="point-3"' in more.text and "govuk-error-summary" not in more.text
    oral = fresh.http.post(url, data=form)
    assert oral.status_code == 400
    assert _message(oral, "oral_agreed").startswith("Tick to confirm the complaint was written down")
    future = fresh.http.post(url, data={**form, "oral_agreed": "yes", "received-year": str(date.today().year + 1)})
    assert _message(future, "received") == "Date the complaint was received must be today or in the past"
    empty = fresh.http.post(url, data={"csrf_token": token.group(1)})
    for field, message in (("complainant", "Enter the complainant’s name"),
                           ("point-1", "Enter the first point of the complaint, in the complainant’s words"),
                           ("received_how", "Select how the complaint was made"),
                           ("procedure_reason", "Enter why this procedure applies")):
        assert _message(empty, field) == message
    assert len(fresh.events()) == 1
    assert _message(empty, "children") == "Select the child or children the complaint is about"
    done = fresh.http.post(url, data={**form, "oral_agreed": "yes", "point-3": "no one called back", "children": "A"},
                           follow_redirects=False)
    assert done.status_code == 303, re.findall(r'govuk-error-message">(.*?)</p>', done.text, re.S)
    assert done.headers["location"] == f"/cases/{fresh.slug}/complaints/C2"
    received = fresh.events()[-1]
    assert received.details == {
        "complaint": "C2", "procedure": "statutory", "complainant": "Ms K", "relationship": "mother",
        "received_how": "phone", "oral_agreed": True, "advocate_requested": True,
        "procedure_reason": "services to a child in need",
        "points": {"1": "the plan was not reviewed", "2": "no one called back"}}
    assert received.children == ("A",)
