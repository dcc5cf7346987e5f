"""Opening a case for a child who has none: every problem reported at once, each naming its
field, and nothing stored while any is wrong; then the case with its child as the census
describes them. SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from store_backends import PASSWORD, web_client

from casework.domain.census.checks import DISABILITIES, ETHNICITIES
from casework.domain.errors import CaseworkError
from casework.entrypoints.web.routes.new_case import DISABILITY_WORDS, ETHNICITY_WORDS
from casework.service import cases
from casework.service.errors import Forbidden
from casework.service.new_case import NewCase, open_case

today = date.today()


def _good(**changes):
    values = dict(reference="north-26-001", child_id="LA0001", date_of_birth=today - timedelta(days=3000),
                  sex="F", ethnicity="WBRI", disabilities=("NONE",), team="north team")
    values.update(changes)
    return NewCase(**values)


def test_every_problem_is_reported_with_its_field_and_nothing_is_stored(world):
    manager = world.user(world.a, "team_manager")
    bad = _good(reference="North 1", child_id="", upn="12345", date_of_birth=today + timedelta(days=2),
                sex="X", ethnicity="", disabilities=("NONE", "HEAR"), worker="nobody")
    with pytest.raises(CaseworkError) as refused:
        open_case(world.container.uow(), manager, bad)
    fields = [p.field for p in refused.value.problems]
    assert fields == ["reference", "child_id", "upn", "date_of_birth", "sex", "ethnicity", "disabilities", "worker"]
    assert cases.list_cases(world.container.uow(), manager).total == 0


def test_a_case_opens_with_its_child_as_the_census_describes_them(world):
    manager = world.user(world.a, "team_manager")
    worker = world.user(world.a, "caseworker")
    slug = open_case(world.container.uow(), manager, _good(upn="A123456789012", worker=worker.username,
                                                           disabilities=("HEAR", "VIS")))
    stored = cases.get_case(world.container.uow(), manager, slug)
    child = stored.children[0]
    assert (child.id, child.sex, child.ethnicity, child.disabilities, child.disabled) == (
        "LA0001", "F", "WBRI", ("HEAR", "VIS"), True)
    assert child.identifiers["UPN"] == "A123456789012"
    with pytest.raises(CaseworkError, match="already exists"):
        open_case(world.container.uow(), manager, _good())


def test_an_unborn_child_has_an_expected_date_and_no_date_of_birth(world):
    manager = world.user(world.a, "team_manager")
    with pytest.raises(CaseworkError, match="both a date of birth and an expected"):
        open_case(world.container.uow(), manager, _good(expected_birth=today + timedelta(days=30)))
    slug = open_case(world.container.uow(), manager, _good(date_of_birth=None,
                                                           expected_birth=today + timedelta(days=30)))
    child = cases.get_case(world.container.uow(), manager, slug).children[0]
    assert child.date_of_birth is None and child.identifiers["ExpectedPersonBirthDate"]


def test_only_a_role_that_changes_cases_opens_one_and_the_worker_must_be_able_to_hold_it(world):
    manager = world.user(world.a, "team_manager")
    with pytest.raises(Forbidden):
        open_case(world.container.uow(), world.user(world.a, "auditor"), _good())
    auditor = world.user(world.a, "auditor")
    elsewhere = world.user(world.b, "caseworker")
    for who in (auditor.username, elsewhere.username):
        with pytest.raises(CaseworkError, match="cannot hold a case here"):
            open_case(world.container.uow(), manager, _good(worker=who))


def test_the_form_words_every_census_code():
    assert set(DISABILITY_WORDS) == DISABILITIES and set(ETHNICITY_WORDS) == ETHNICITIES


@pytest.fixture(scope="module")
def app(container):
    from casework.entrypoints.api import create_app

    return create_app(container=container)


def test_the_new_case_form_shows_each_problem_beside_its_field_then_opens_the_case(app, world):
    manager = world.user(world.a, "team_manager")
    web = web_client(app, manager.username, PASSWORD)
    form = web.get("/cases/new").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    refused = web.post("/cases/new", data={"csrf_token": token, "reference": "Bad Ref", "sex": "F",
                                           "date_of_birth-day": "31", "date_of_birth-month": "2",
                                           "date_of_birth-year": "2020"})
    assert refused.status_code == 400
    assert "There is a problem" in refused.text and 'href="#reference"' in refused.text
    assert "Date of birth must be a real date" in refused.text
    assert "select the child’s ethnicity" in refused.text.lower()
    assert cases.list_cases(world.container.uow(), manager).total == 0
    done = web.post("/cases/new", data={"csrf_token": token, "reference": "web-1", "child_id": "C9", "sex": "M",
                                        "ethnicity": "NOBT", "date_of_birth-day": "1", "date_of_birth-month": "2",
                                        "date_of_birth-year": "2020", "disabilities": "NONE"},
                    follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/cases/web-1"
    assert web.get("/cases/web-1").status_code == 200
    auditor = web_client(app, world.user(world.a, "auditor").username, PASSWORD)
    assert auditor.get("/cases/new").status_code == 403
