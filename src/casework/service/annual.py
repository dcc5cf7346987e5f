"""The annual complaints report for the actor's council (reg 13(3) of the 2006 Regulations).

Reads the chronologies of the council's cases that hold a complaint, an Ombudsman
complaint, a remedy or an agreed action, and hands them to the domain's pure computation
(`domain.annual`); the published forms (PDF, CSV) are anonymised by the entrypoints from
the same figures (`Figure.published`).
"""

from __future__ import annotations

from casework.domain.annual import AnnualReport, ReportPeriod, annual_report
from casework.domain.events import EVENT_TYPES
from casework.service.access import Actor
from casework.service.ports import UnitOfWork
from casework.service.trail import record

REPORTED_CATEGORIES = ("complaint", "ombudsman", "remedy", "action")
REPORTED_TYPES = tuple(t.name for t in EVENT_TYPES if t.category in REPORTED_CATEGORIES)


def annual_complaints_report(uow: UnitOfWork, actor: Actor, period: ReportPeriod) -> AnnualReport:
    """The report for `period` and the year before, over the actor's own council."""
    actor.require("report:read")
    with uow:
        cases = uow.cases.with_event_types(actor.council_id, REPORTED_TYPES)
        council = uow.councils.get(actor.council_id)
        record(uow, actor, "read", "report", f"annual {period.label}",
               f"annual complaints report, {period.start} to {period.end}")
        uow.commit()
    name = (council.name or council.slug) if council is not None else actor.council
    return annual_report(name, cases, period)
