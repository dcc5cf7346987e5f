from __future__ import annotations

from datetime import date

import pytest
from store_backends import seed

from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.service import cases, trail
from casework.service.errors import Conflict, Forbidden, NotFound


def test_a_case_is_imported_only_into_the_importers_own_council(world):
    worker = world.user(world.a, "team_manager")
    with pytest.raises(CaseworkError) as raised:
        cases.import_case(world.container.uow(), worker, seed("wirral-19-020-817.yaml", world.b))
    assert raised.value.problems[0].field == "council"
    assert world.a in raised.value.problems[0].fix


def test_importing_the_same_case_twice_is_a_conflict_naming_the_id(world):
    worker = world.user(world.a, "team_manager")
    case = seed("wirral-19-020-817.yaml", world.a)
    cases.import_case(world.container.uow(), worker, case)
    with pytest.raises(Conflict) as raised:
        cases.import_case(world.container.uow(), worker, case)
    assert raised.value.problems[0].field == "case"


def test_another_councils_case_is_not_found_rather_than_forbidden(world):
    owner = world.user(world.a, "team_manager")
    stranger = world.user(world.b, "team_manager")
    cases.import_case(world.container.uow(), owner, seed("wirral-19-020-817.yaml", world.a))
    with pytest.raises(NotFound):
        cases.get_case(world.container.uow(), stranger, "wirral-19-020-817")
    with pytest.raises(NotFound):
        cases.update_case(world.container.uow(), stranger, "wirral-19-020-817", team="x")


def test_an_ombudsman_investigator_reads_granted_councils_but_changes_nothing(world):
    owner = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), owner, seed("wirral-19-020-817.yaml", world.a))
    granted = world.user(world.b, "ombudsman_investigator", grants=(world.a,))
    not_granted = world.user(world.b, "ombudsman_investigator")
    assert cases.get_case(world.container.uow(), granted, "wirral-19-020-817").council == world.a
    with pytest.raises(NotFound):
        cases.get_case(world.container.uow(), not_granted, "wirral-19-020-817")
    with pytest.raises(Forbidden):
        cases.update_case(world.container.uow(), granted, "wirral-19-020-817", team="x")


def test_an_event_that_breaks_the_chronology_is_refused_and_nothing_is_written(world):
    worker = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), worker, seed("wirral-19-020-817.yaml", world.a))
    before = cases.export_case(world.container.uow(), world.container.files.chronologies, worker, "wirral-19-020-817")
    bad = cases.NewEvent("cin_review", CaseDate.exact(date(2024, 1, 8)), ("nobody",), id="new")
    with pytest.raises(CaseworkError) as raised:
        cases.record_event(world.container.uow(), worker, "wirral-19-020-817", bad)
    assert raised.value.problems[0].field == "children"
    files = world.container.files.chronologies
    assert cases.export_case(world.container.uow(), files, worker, "wirral-19-020-817") == before


def test_cases_are_listed_a_page_at_a_time_and_filtered_by_team(world):
    worker = world.user(world.a, "team_manager")
    for name, team in (("wirral-19-020-817.yaml", "north"), ("sefton-24-009-485.yaml", "south")):
        cases.import_case(world.container.uow(), worker, seed(name, world.a), team=team)
    page = cases.list_cases(world.container.uow(), worker, page=1, per_page=1)
    assert page.total == 2 and len(page.items) == 1
    south = cases.list_cases(world.container.uow(), worker, team="south")
    assert [c["id"] for c in south.items] == ["sefton-24-009-485"]


def test_recording_an_event_chooses_its_id_and_logs_one_change_and_no_read(world):
    worker = world.user(world.a, "team_manager")
    auditor = world.user(world.a, "auditor")
    uow = world.container.uow
    cases.import_case(uow(), worker, seed("wirral-19-020-817.yaml", world.a))
    first = cases.record_event(uow(), worker, "wirral-19-020-817", cases.NewEvent("visit", "2024-02-01"))
    second = cases.record_event(uow(), worker, "wirral-19-020-817", cases.NewEvent("visit", "2024-02-02"))
    assert (first.id, second.id) == ("visit", "visit-2")
    log = trail.read_audit_log(uow(), auditor, record_id="wirral-19-020-817")
    assert [i["action"] for i in reversed(log["items"])] == ["create", "update", "update"]


def test_a_date_detail_given_as_iso_text_is_kept_as_a_date_and_any_other_text_refused(world):
    worker = world.user(world.a, "team_manager")
    slug = "wirral-19-020-817"
    cases.import_case(world.container.uow(), worker, seed(f"{slug}.yaml", world.a))
    with pytest.raises(CaseworkError) as raised:
        cases.record_event(world.container.uow(), worker, slug,
                           cases.NewEvent("work_agreed", "2024-02-01", details={"work": "visit", "due": "1 Feb"}))
    assert raised.value.problems[0].field == "details.due"
    event = cases.record_event(world.container.uow(), worker, slug,
                               cases.NewEvent("work_agreed", "2024-02-01",
                                              details={"work": "visit", "due": "2024-03-01"}))
    assert cases.get_case(world.container.uow(), worker, slug).event(event.id).detail("due") == date(2024, 3, 1)
