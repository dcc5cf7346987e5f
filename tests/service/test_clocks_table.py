"""The clocks table is the audit's projection: after any sequence of changes made through
the service, each case's rows equal a fresh audit of its chronology, and the council's
"what is due" query lists what the audit of every case lists, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import uuid
from datetime import date, timedelta

from clock_checks import audit_items
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from casework.domain.audit.ledger import clock_records
from casework.domain.chronology import Case, Child
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.domain.events import Event
from casework.service import actions, cases, complaints, corrections, reports
from casework.service.errors import NotFound

mon_6_jan_2025 = date(2025, 1, 6)
DAYS = st.integers(min_value=0, max_value=120).map(lambda n: mon_6_jan_2025 + timedelta(days=n))
CIN_STEPS = ("referral", "assessment_started", "assessment_completed", "cin_plan_started",
             "cin_review", "cin_plan_closed", "strategy_discussion", "icpc", "cp_plan_started",
             "rcpc", "core_group", "case_closed", "visit")
COMPLAINT_STEPS = ("complaint_acknowledged", "stage1_extended", "stage1_response", "stage2_requested",
                   "stage2_started", "stage2_extended", "stage2_response", "stage3_requested")
DEADLINES = ("within four weeks", "within 3 months", "by 20 May 2025", "as soon as possible")


def _listing(world_container, actor, day: date) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    page = reports.list_due_and_overdue(world_container.uow(), actor, day, per_page=500)
    return sorted(((i["case"], i["status"], i["rule"], i["trigger"], i["complaint"],
                    tuple(sorted(i["children"])), date.fromisoformat(i["due_earliest"]),
                    date.fromisoformat(i["due_latest"]), i["certainty"],
                    *((i["late_by_working_days"]["min"], i["late_by_working_days"]["max"])
                      if i["late_by_working_days"] else (None, None)),
                    i["summary"] or i["must"])
                   for i in page.items), key=repr)


class ServiceChanges(RuleBasedStateMachine):
    """Random imports, events, complaints, actions and reassignments in a council of its own."""

    world = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        w = type(self).world
        self.container = w.container
        self.council = f"{w.a}-{uuid.uuid4().hex[:6]}"
        self.actor = w.user(self.council, "complaints_manager")
        self.cases: dict[str, int] = {}
        self.complaints: list[tuple[str, str]] = []
        self.action_ids: list[int] = []

    def _try(self, change) -> None:  # type: ignore[no-untyped-def]
        # A refused change must write nothing (the invariants check).
        with contextlib.suppress(CaseworkError, NotFound):
            change()

    @rule(day=DAYS, two=st.booleans(), team=st.sampled_from(["north", "south"]))
    def import_a_case(self, day: date, two: bool, team: str) -> None:
        slug = f"case-{len(self.cases) + 1}"
        children = (Child("A"), Child("B")) if two else (Child("A"),)
        case = Case(id=slug, council=self.council, children=children,
                    events=(Event("referral", "referral", CaseDate.exact(day)),),
                    complete_for=frozenset({"child_in_need", "complaint", "action"}) if two else None)
        cases.import_case(self.container.uow(), self.actor, case, team=team)
        self.cases[slug] = 0

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), day=DAYS, step=st.sampled_from(CIN_STEPS),
          child=st.sampled_from([(), ("A",), ("B",)]))
    def record_an_event(self, data: st.DataObject, day: date, step: str, child: tuple[str, ...]) -> None:
        slug = data.draw(st.sampled_from(sorted(self.cases)))
        self.cases[slug] += 1
        event = Event(f"e{self.cases[slug]}", step, CaseDate.exact(day), children=child)
        self._try(lambda: cases.record_event(self.container.uow(), self.actor, slug, event))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), day=DAYS, corporate=st.booleans())
    def receive_a_complaint(self, data: st.DataObject, day: date, corporate: bool) -> None:
        slug = data.draw(st.sampled_from(sorted(self.cases)))
        ref = f"C{len(self.complaints) + 1}"
        self._try(lambda: complaints.receive_complaint(
            self.container.uow(), self.actor, slug, ref, day,
            procedure="corporate" if corporate else "statutory", points={"1": "delay"}))
        self.complaints.append((slug, ref))

    @precondition(lambda self: self.complaints)
    @rule(data=st.data(), day=DAYS, step=st.sampled_from(COMPLAINT_STEPS))
    def take_a_complaint_step(self, data: st.DataObject, day: date, step: str) -> None:
        slug, ref = data.draw(st.sampled_from(self.complaints))
        self._try(lambda: complaints.record_complaint_event(
            self.container.uow(), self.actor, slug, ref, step, day))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), day=DAYS, deadline=st.sampled_from(DEADLINES))
    def agree_an_action(self, data: st.DataObject, day: date, deadline: str) -> None:
        slug = data.draw(st.sampled_from(sorted(self.cases)))
        made = actions.agree_action(self.container.uow(), self.actor, slug, "apologise", deadline, day)
        self.action_ids.append(made["id"])

    @precondition(lambda self: self.action_ids)
    @rule(data=st.data(), day=DAYS)
    def evidence_an_action(self, data: st.DataObject, day: date) -> None:
        action_id = data.draw(st.sampled_from(self.action_ids))
        self._try(lambda: actions.evidence_action(self.container.uow(), self.actor, action_id, day,
                                                  note="done"))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), day=DAYS, withdraw=st.booleans())
    def correct_or_withdraw_an_entry(self, data: st.DataObject, day: date, withdraw: bool) -> None:
        slug = data.draw(st.sampled_from(sorted(self.cases)))
        standing = [e.id for e in self._stored()[slug].events]
        if not standing:
            return
        entry = data.draw(st.sampled_from(standing))
        if withdraw:
            self._try(lambda: corrections.withdraw_entry(self.container.uow(), self.actor, slug, entry,
                                                         "recorded on the wrong case"))
        else:
            self._try(lambda: corrections.correct_entry(self.container.uow(), self.actor, slug, entry,
                                                        CaseDate.exact(day), "wrong date"))

    @precondition(lambda self: self.cases)
    @rule(data=st.data(), team=st.sampled_from(["north", "south"]))
    def reassign_a_case(self, data: st.DataObject, team: str) -> None:
        slug = data.draw(st.sampled_from(sorted(self.cases)))
        cases.update_case(self.container.uow(), self.actor, slug, team=team, worker=f"w-{team}")

    def _stored(self) -> dict[str, Case]:
        uow = self.container.uow()
        with uow:
            rows, _ = uow.cases.list((self.actor.council_id,))
            return {r.slug: uow.cases.as_case(r) for r in rows}

    @invariant()
    def every_cases_clocks_are_a_fresh_audit_of_it(self) -> None:
        uow = self.container.uow()
        with uow:
            rows, _ = uow.cases.list((self.actor.council_id,))
            for row in rows:
                assert uow.clocks.for_case(row.id) == list(clock_records(uow.cases.as_case(row)))

    @invariant()
    def what_is_due_lists_what_the_audit_of_every_case_lists(self) -> None:
        stored = self._stored()
        if not stored:
            return
        last = max((e.date.earliest for c in stored.values() for e in c.events), default=mon_6_jan_2025)
        for day in (last, last + timedelta(days=30)):
            expected = sorted(((slug, *item) for slug, case in stored.items()
                               for item in audit_items(case, day)), key=repr)
            assert _listing(self.container, self.actor, day) == expected, day


def test_the_clocks_table_stays_the_audits_projection_through_any_changes(world):
    ServiceChanges.world = world
    run_state_machine_as_test(ServiceChanges, settings=settings(
        max_examples=6, stateful_step_count=10, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
