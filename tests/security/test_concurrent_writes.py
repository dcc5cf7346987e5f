"""Several people writing to one case at once: nothing acknowledged is lost, and a change
made from a stale view of the case is refused with who changed it and when."""

from __future__ import annotations

import threading

import pytest
from store_backends import seed

from casework.service import cases, trail
from casework.service.errors import Conflict
from casework.service.ports import StoreBusy

CASE = "liverpool-24-010-960"


def _visit(case, note: str) -> cases.NewEvent:
    return cases.NewEvent("visit", "2025-06-01", children=(case.children[0].id,), note=note)


def test_concurrent_writers_of_one_case_lose_no_acknowledged_event(world):
    manager = world.user(world.a, "team_manager")
    case = seed(f"{CASE}.yaml", world.a)
    cases.import_case(world.container.uow(), manager, case)
    acknowledged: list[str] = []
    refused: list[BaseException] = []

    def writer(n: int) -> None:
        for i in range(4):
            try:
                event = cases.record_event(world.container.uow(), manager, CASE, _visit(case, f"{n}.{i}"))
                acknowledged.append(event.note)
            except StoreBusy as exc:  # told plainly, nothing written: allowed, never silent
                refused.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stored = cases.get_case(world.container.uow(), manager, CASE)
    notes = [e.note for e in stored.events if e.type == "visit"]
    assert sorted(notes) == sorted(acknowledged)  # every acknowledged write, and nothing else
    assert len(acknowledged) + len(refused) == 24 and acknowledged
    assert len({e.id for e in stored.events}) == len(stored.events)
    summary = cases.case_summary(world.container.uow(), world.container.files.chronologies,
                                 manager, CASE)
    assert summary["version"] == 1 + len(acknowledged)


def test_a_change_from_a_stale_version_is_refused_saying_who_changed_the_case(world):
    first = world.user(world.a, "team_manager")
    second = world.user(world.a, "team_manager")
    case = seed(f"{CASE}.yaml", world.a)
    cases.import_case(world.container.uow(), first, case)
    seen = cases.case_summary(world.container.uow(), world.container.files.chronologies,
                              second, CASE)["version"]
    cases.record_event(world.container.uow(), first, CASE, _visit(case, "first"), seen_version=seen)

    with pytest.raises(Conflict) as raised:
        cases.record_event(world.container.uow(), second, CASE, _visit(case, "second"),
                           seen_version=seen)
    problem = raised.value.problems[0]
    assert problem.field == "version"
    assert problem.problem.startswith(f"This case was changed by {first.username} at ")
    assert problem.problem.endswith("— reload and try again")
    with pytest.raises(Conflict):
        cases.update_case(world.container.uow(), second, CASE, team="east", seen_version=seen)
    notes = [e.note for e in cases.get_case(world.container.uow(), first, CASE).events]
    assert "first" in notes and "second" not in notes

    current = seen + 1
    cases.record_event(world.container.uow(), second, CASE, _visit(case, "second"), seen_version=current)
    entries = trail.read_audit_log(world.container.uow(), world.user(world.a, "auditor"),
                                   record_id=CASE)["items"]
    assert any(e["user"] == second.username and "recorded visit" in e["detail"] for e in entries)
