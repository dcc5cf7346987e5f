from __future__ import annotations

from datetime import date

import pytest
from store_backends import seed

from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.domain.events import Event
from casework.service import cases
from casework.service.errors import Conflict, Forbidden, NotFound


def test_a_case_is_imported_only_into_the_importers_own_council(world):
    worker = world.user(world.a, "caseworker")
    with pytest.raises(CaseworkError) as raised:
        cases.import_case(world.container.uow(), worker, seed("wirral-19-020-817.yaml", world.b))
    assert raised.value.problems[0].field == "council"
    assert world.a in raised.value.problems[0].fix


def test_importing_the_same_case_twice_is_a_conflict_naming_the_id(world):
    worker = world.user(world.a, "caseworker")
    case = seed("wirral-19-020-817.yaml", world.a)
    cases.import_case(world.container.uow(), worker, case)
    with pytest.raises(Conflict) as raised:
        cases.import_case(world.container.uow(), worker, case)
    assert raised.value.problems[0].field == "case"


def test_another_councils_case_is_not_found_rather_than_forbidden(world):
    owner = world.user(world.a, "caseworker")
    stranger = world.user(world.b, "team_manager")
    cases.import_case(world.container.uow(), owner, seed("wirral-19-020-817.yaml", world.a))
    with pytest.raises(NotFound):
        cases.get_case(world.container.uow(), stranger, "wirral-19-020-817")
    with pytest.raises(NotFound):
        cases.update_case(world.container.uow(), stranger, "wirral-19-020-817", team="x")


def test_an_ombudsman_investigator_reads_granted_councils_but_changes_nothing(world):
    owner = world.user(world.a, "caseworker")
    cases.import_case(world.container.uow(), owner, seed("wirral-19-020-817.yaml", world.a))
    granted = world.user(world.b, "ombudsman_investigator", grants=(world.a,))
    not_granted = world.user(world.b, "ombudsman_investigator")
    assert cases.get_case(world.container.uow(), granted, "wirral-19-020-817").council == world.a
    with pytest.raises(NotFound):
        cases.get_case(world.container.uow(), not_granted, "wirral-19-020-817")
    with pytest.raises(Forbidden):
        cases.update_case(world.container.uow(), granted, "wirral-19-020-817", team="x")


def test_an_event_that_breaks_the_chronology_is_refused_and_nothing_is_written(world):
    worker = world.user(world.a, "caseworker")
    cases.import_case(world.container.uow(), worker, seed("wirral-19-020-817.yaml", world.a))
    before = cases.export_case(world.container.uow(), worker, "wirral-19-020-817")
    bad = Event("new", "cin_review", CaseDate.exact(date(2024, 1, 8)), ("nobody",))
    with pytest.raises(CaseworkError) as raised:
        cases.record_event(world.container.uow(), worker, "wirral-19-020-817", bad)
    assert raised.value.problems[0].field == "children"
    assert cases.export_case(world.container.uow(), worker, "wirral-19-020-817") == before


def test_cases_are_listed_a_page_at_a_time_and_filtered_by_team(world):
    worker = world.user(world.a, "caseworker")
    for name, team in (("wirral-19-020-817.yaml", "north"), ("sefton-24-009-485.yaml", "south")):
        cases.import_case(world.container.uow(), worker, seed(name, world.a), team=team)
    page = cases.list_cases(world.container.uow(), worker, page=1, per_page=1)
    assert page.total == 2 and len(page.items) == 1
    south = cases.list_cases(world.container.uow(), worker, team="south")
    assert [c["id"] for c in south.items] == ["sefton-24-009-485"]
