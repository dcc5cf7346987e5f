"""Correcting and withdrawing entries through the service, on SQLite and PostgreSQL: the store
keeps both versions, the clocks table follows the correction in the same transaction, the
audit log records both, export and import keep them, and a refused correction writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from case_builders import ev

from casework.domain.audit.ledger import clock_records
from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.service import cases, corrections, trail
from casework.service.errors import Forbidden


def _stored(world, actor, slug: str) -> tuple[Case, list[object], list[object]]:
    uow = world.container.uow()
    with uow:
        row = uow.cases.get((actor.council_id,), slug)
        case = uow.cases.as_case(row)
        return case, uow.clocks.for_case(row.id), list(clock_records(case))


def _a_late_response(world, manager) -> str:
    case = Case(id="late-response", council=manager.council, children=(Child("A"),), events=(
        ev("c1", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory"),
        ev("s1", "stage1_response", "2025-06-02", complaint="C1")))
    return cases.import_case(world.container.uow(), manager, case)


def test_a_corrected_date_is_stored_beside_the_first_and_the_clocks_follow_it(world):
    manager = world.user(world.a, "complaints_manager")
    slug = _a_late_response(world, manager)
    _, clocks, _ = _stored(world, manager, slug)
    assert [c.state for c in clocks if c.rule_id == "stage1_response"] == ["late"]

    made = corrections.correct_entry(world.container.uow(), manager, slug, "s1",
                                     CaseDate.parse("2025-03-14"), "typed June for March",
                                     today=date(2025, 7, 1))
    case, clocks, fresh = _stored(world, manager, slug)
    assert clocks == fresh
    assert [c.state for c in clocks if c.rule_id == "stage1_response"] == ["met"]
    assert str(case.event("s1").date) == "14 Mar 2025"
    assert [e.id for e in case.written] == ["c1", "s1", made.id]
    assert made.details["by"] == manager.username and made.details["entry"] == "s1"

    log = trail.read_audit_log(world.container.uow(), manager)["items"]
    details = [i["detail"] for i in log if i["record_type"] == "case"]
    assert any("imported 2 events" in d for d in details)
    assert any(d.startswith(f"entry_corrected '{made.id}': stage1_response 's1' date 2 Jun 2025 "
                            "corrected to 14 Mar 2025; reason: typed June for March") for d in details)


def test_export_and_import_keep_the_superseded_entries(world):
    manager = world.user(world.a, "complaints_manager")
    slug = _a_late_response(world, manager)
    corrections.correct_entry(world.container.uow(), manager, slug, "s1", CaseDate.parse("2025-03-20"),
                              "wrong month", today=date(2025, 7, 1))
    corrections.correct_entry(world.container.uow(), manager, slug, "s1", CaseDate.parse("2025-03-14"),
                              "wrong day", today=date(2025, 7, 2))
    text = cases.export_case(world.container.uow(), world.container.files.chronologies, manager, slug)
    again = cases.import_case_text(world.container.uow(), world.container.files.chronologies, manager,
                                   text.replace(f"case: {slug}", "case: round-trip"))
    first, _, _ = _stored(world, manager, slug)
    second, clocks, fresh = _stored(world, manager, again)
    assert (second.events, second.history) == (first.events, first.history)
    assert len(second.history) == 3 and clocks == fresh


def test_a_withdrawal_needs_the_entrys_own_permission_and_a_refusal_writes_nothing(world):
    manager = world.user(world.a, "complaints_manager")
    worker = world.user(world.a, "caseworker")
    slug = _a_late_response(world, manager)
    with pytest.raises(Forbidden, match="complaint:decide"):
        corrections.withdraw_entry(world.container.uow(), worker, slug, "s1", "not sent")
    with pytest.raises(CaseworkError) as missing:
        corrections.withdraw_entry(world.container.uow(), manager, slug, "s1", "  ")
    assert missing.value.problems[0].field == "reason"
    with pytest.raises(CaseworkError) as out_of_order:
        corrections.correct_entry(world.container.uow(), manager, slug, "s1",
                                  CaseDate.parse("2025-02-28"), "wrong date")
    assert out_of_order.value.problems[0].problem.startswith(
        "complaint C1: correcting the 'stage1_response' (s1) cannot happen now")
    case, _, _ = _stored(world, manager, slug)
    assert case.history == () and str(case.event("s1").date) == "2 Jun 2025"

    corrections.withdraw_entry(world.container.uow(), manager, slug, "s1", "not sent")
    case, clocks, fresh = _stored(world, manager, slug)
    assert case.event("s1") is None and clocks == fresh
    assert [c.state for c in clocks if c.rule_id == "stage1_response"] == ["open"]
