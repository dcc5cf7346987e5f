"""The registers (complaints, cases, agreed actions, audit log): each filter narrows in the
database, pages are counted there, a page past the end or a filter value the register does not
know is refused in words, and another council's records never appear. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from case_builders import case, ev

from casework.domain.chronology import Child
from casework.domain.errors import CaseworkError
from casework.service import actions, cases, complaints, registers
from casework.service.errors import Forbidden

today = date.today()


def _day(n: int) -> str:
    return (today - timedelta(days=n)).isoformat()


@pytest.fixture
def council(world):
    """Council a: three cases, two complaints (one at stage 2, one just received), actions in
    each state; council b: a copy of one case, to show it never leaks."""
    manager = world.user(world.a, "complaints_manager")
    worker = world.user(world.a, "caseworker")
    uow = world.container.uow
    for slug, child, team, who in (("north-1", "Kai", "north team", worker.username),
                                   ("north-2", "Lena", "north team", ""),
                                   ("south-1", "Maya", "south team", manager.username)):
        new = replace(case(ev("referral", "referral", _day(200), (child,))), id=slug, council=world.a,
                      children=(Child(child),))
        cases.import_case(uow(), manager, new, team=team, worker=who)
    complaints.receive_complaint(uow(), manager, "north-1", "C1", _day(120), points={"1": "late plan"},
                                 details={"complainant": "Rosa Quinn"}, children=("Kai",))
    complaints.record_complaint_event(uow(), manager, "north-1", "C1", "stage1_response", _day(100),
                                      findings={"1": "upheld"})
    complaints.record_complaint_event(uow(), manager, "north-1", "C1", "stage2_requested", _day(90))
    complaints.receive_complaint(uow(), manager, "south-1", "C1", _day(2), procedure="corporate",
                                 points={"1": "rude letter"}, details={"complainant": "Ben Ortiz"})
    done = actions.agree_action(uow(), manager, "north-2", "apologise", "within four weeks", _day(60))["id"]
    actions.evidence_action(uow(), worker, done, _day(50), note="letter sent")
    waiting = actions.agree_action(uow(), manager, "north-2", "pay £300", "within four weeks", _day(80))["id"]
    actions.evidence_action(uow(), worker, waiting, _day(55), note="paid")
    actions.verify_action(uow(), manager, done)
    actions.agree_action(uow(), manager, "north-2", "train staff", "within four weeks", _day(90))
    actions.agree_action(uow(), manager, "north-2", "review plan", "within one year", _day(5))
    other = world.user(world.b, "complaints_manager")
    cases.import_case(uow(), other, replace(case(ev("referral", "referral", _day(200), ("Kai",))), id="north-1",
                                            council=world.b, children=(Child("Kai"),)))
    return {"manager": manager, "worker": worker, "other": other}


def _refs(listing):
    return [(r["case"], r["ref"]) for r in listing.items]


def test_the_complaints_register_narrows_by_stage_procedure_state_and_whose(world, council):
    uow, manager = world.container.uow, council["manager"]
    assert sorted(_refs(registers.complaint_register(uow(), manager))) == [("north-1", "C1"), ("south-1", "C1")]
    assert _refs(registers.complaint_register(uow(), manager, stage="stage2")) == [("north-1", "C1")]
    assert _refs(registers.complaint_register(uow(), manager, stage="stage1")) == [("south-1", "C1")]
    assert _refs(registers.complaint_register(uow(), manager, procedure="corporate")) == [("south-1", "C1")]
    assert _refs(registers.complaint_register(uow(), manager, state="stage2_requested")) == [("north-1", "C1")]
    assert _refs(registers.complaint_register(uow(), manager, mine=True)) == [("south-1", "C1")]
    assert _refs(registers.complaint_register(uow(), council["worker"], mine=True)) == [("north-1", "C1")]
    row = registers.complaint_register(uow(), manager, procedure="corporate").items[0]
    assert row["complainant"] == "Ben Ortiz" and row["received_on"] == today - timedelta(days=2)


def test_the_complaints_register_shows_overdue_first_and_filters_by_when_due(world, council):
    uow, manager = world.container.uow, council["manager"]
    overdue = registers.complaint_register(uow(), manager, timescale="overdue")
    # Stage 2 was asked for 90 days ago and never answered; the other came in two days ago.
    assert _refs(overdue) == [("north-1", "C1")] and overdue.items[0]["overdue"]
    listing = registers.complaint_register(uow(), manager)
    assert _refs(listing) == [("north-1", "C1"), ("south-1", "C1")]
    assert not listing.items[1]["overdue"] and listing.items[1]["next_due"] > today
    soon = {_refs(registers.complaint_register(uow(), manager, timescale=t)) == [("south-1", "C1")]
            for t in ("this_week", "next_week")}
    assert True in soon or listing.items[1]["next_due"] >= today + timedelta(days=7)


def test_the_case_register_searches_reference_child_and_complainant_and_narrows_by_worker_and_team(world, council):
    uow, manager = world.container.uow, council["manager"]

    def found(**filters):
        return [r["slug"] for r in registers.case_register(uow(), manager, **filters).items]

    assert found() == ["north-1", "north-2", "south-1"]
    assert found(search="NORTH") == ["north-1", "north-2"]
    assert found(search="lena") == ["north-2"]
    assert found(search="quinn") == ["north-1"]
    assert found(search="100%") == []  # typed % is a character, not a wildcard
    assert found(team="south team") == ["south-1"]
    assert found(worker=council["worker"].username) == ["north-1"]
    row = registers.case_register(uow(), manager, search="north-1").items[0]
    assert row["children"] == ["Kai"] and row["worker"] == council["worker"].username


def test_the_actions_register_narrows_by_status(world, council):
    uow, manager = world.container.uow, council["manager"]

    def whats(status=None):
        return sorted(a["what"] for a in registers.action_register(uow(), manager, status=status).items)

    assert whats() == ["apologise", "pay £300", "review plan", "train staff"]
    assert whats("overdue") == ["train staff"]
    assert whats("awaiting_evidence") == ["review plan", "train staff"]
    assert whats("awaiting_verification") == ["pay £300"]
    assert whats("verified") == ["apologise"]


def test_registers_page_in_the_database_and_refuse_a_page_past_the_end(world, council):
    uow, manager = world.container.uow, council["manager"]
    first = registers.case_register(uow(), manager, per_page=2)
    second = registers.case_register(uow(), manager, per_page=2, page=2)
    assert (first.total, len(first.items), len(second.items)) == (3, 2, 1)
    assert [r["slug"] for r in first.items + second.items] == ["north-1", "north-2", "south-1"]
    with pytest.raises(CaseworkError, match="there is no page 3") as refused:
        registers.case_register(uow(), manager, per_page=2, page=3)
    assert "the last page is page 2" in refused.value.problems[0].fix
    for bad in (0, -1, 10**12):
        with pytest.raises(CaseworkError, match=f"there is no page {bad}"):
            registers.complaint_register(uow(), manager, page=bad)
    assert registers.case_register(uow(), manager, search="nothing like it").total == 0  # page 1 of nothing


def test_a_filter_value_the_register_does_not_know_is_refused_naming_the_choices(world, council):
    uow, manager = world.container.uow, council["manager"]
    with pytest.raises(CaseworkError, match="'stage9' is not a stage") as refused:
        registers.complaint_register(uow(), manager, stage="stage9")
    assert "stage1" in refused.value.problems[0].fix
    with pytest.raises(CaseworkError, match="not a status"):
        registers.action_register(uow(), manager, status="lost")


def test_a_download_is_every_row_the_filters_select(world, council):
    uow, manager = world.container.uow, council["manager"]
    everything = registers.case_register(uow(), manager, per_page=None)
    assert [r["slug"] for r in everything.items] == ["north-1", "north-2", "south-1"]


def test_the_audit_log_register_narrows_by_user_case_and_day_and_is_for_auditors(world, council):
    uow = world.container.uow
    auditor = world.user(world.a, "auditor")
    by_worker = registers.audit_log_register(uow(), auditor, user=council["worker"].username)
    assert by_worker.total and {r["username"] for r in by_worker.items} == {council["worker"].username}
    on_case = registers.audit_log_register(uow(), auditor, case="south-1")
    assert on_case.total and all(r["record_id"] in ("south-1", "south-1/C1") for r in on_case.items)
    assert registers.audit_log_register(uow(), auditor, since=today + timedelta(days=1)).total == 0
    assert registers.audit_log_register(uow(), auditor, since=today, until=today).total == \
        registers.audit_log_register(uow(), auditor).total - 1  # less the read just logged
    with pytest.raises(CaseworkError, match="end date is before the start date"):
        registers.audit_log_register(uow(), auditor, since=today, until=today - timedelta(days=1))
    with pytest.raises(Forbidden):
        registers.audit_log_register(uow(), council["worker"])


def test_another_councils_records_never_appear_in_any_register(world, council):
    uow, other = world.container.uow, council["other"]
    assert [r["slug"] for r in registers.case_register(uow(), other).items] == ["north-1"]
    assert registers.complaint_register(uow(), other).total == 0
    assert registers.action_register(uow(), other).total == 0
    choices = registers.register_choices(uow(), other)
    assert council["manager"].username not in dict(choices["users"])
