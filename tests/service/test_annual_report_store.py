"""The annual report read from the store, on SQLite and PostgreSQL: the same answers as the
hand-built year computed in memory (tests/domain/annual), only the council's own cases."""

from __future__ import annotations

import pytest
from annual_year import hand_built_year

from casework.domain.annual import Ref, ReportPeriod
from casework.service import cases
from casework.service.annual import annual_complaints_report
from casework.service.errors import Forbidden


def test_the_report_from_the_store_counts_the_hand_built_year(world):
    worker = world.user(world.a, "team_manager")
    for case in hand_built_year(world.a):
        cases.import_case(world.container.uow(), worker, case)
    cases.import_case(world.container.uow(), world.user(world.b, "team_manager"),
                      hand_built_year(world.b)[0])  # another council's complaint: not counted
    manager = world.user(world.a, "complaints_manager")
    report = annual_complaints_report(world.container.uow(), manager,
                                      ReportPeriod.financial_year("2025-26"))
    assert report.figure("received.all").count == 4
    assert report.figure("received.all", "last").count == 2
    assert report.figure("ended.withdrawn").refs == (Ref("annual-3", "C3"),)
    assert report.figure("stage2.days.median").days == 29  # counted from the request (rules.md §3b)
    assert report.figure("ombudsman.actions_on_time").count == 1
    assert Ref("annual-3", "C4") not in report.figure("stage1.responses").refs


def test_a_caseworker_may_not_read_the_annual_report(world):
    with pytest.raises(Forbidden):
        annual_complaints_report(world.container.uow(), world.user(world.a, "caseworker"),
                                 ReportPeriod.financial_year("2025-26"))
