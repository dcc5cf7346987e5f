"""The complaint page reads typed read models: its findings, running clocks and met clocks
carry dates as dates (formatted by the one formatter), not ISO strings to parse back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from case_builders import case, ev
from store_backends import PASSWORD

from casework.domain.chronology import Person
from casework.service import cases
from casework.service.auth import add_user
from casework.service.read_models import DeadlineView, FindingView, LateBy, MetView
from casework.service.web_queries import complaint_page


def test_the_complaint_page_gets_its_clocks_as_typed_models_with_dates(world):
    manager = add_user(world.container.uow(), world.container.passwords, world.a, f"{world.a}.cm", PASSWORD,
                       "complaints_manager")
    chronology = case(
        ev("c", "complaint_received", "2025-03-03", complaint="C1", procedure="statutory", points={"1": "the plan"}),
        ev("r", "stage1_response", "2025-03-28", complaint="C1", findings={"1": "upheld"}),
        ev("q", "stage2_requested", "2025-04-01", complaint="C1"),
        people=(Person("mrs_k", "mother", ("A",)),))
    slug = cases.import_case(world.container.uow(), manager, replace(chronology, id=f"{world.a}-1", council=world.a))
    view = complaint_page(world.container.uow(), manager, slug, "C1", date(2025, 9, 1))
    clocks = [*view.findings, *view.due, *view.met]
    assert clocks and all(isinstance(c, FindingView | DeadlineView | MetView) for c in clocks)
    assert all(isinstance(c.due_earliest, date) for c in clocks if c.due_earliest is not None)
    late = next(c for c in view.findings if c.rule == "stage1_response")
    assert (late.due_earliest, late.late_by_working_days) == (date(2025, 3, 17), LateBy(9, 9))
