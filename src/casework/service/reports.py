"""The audit of a case as of a date, and the council-wide list of what is due and overdue.

Both run the domain audit (`domain.audit.audit_case`) over the stored chronology; no
deadline is computed here, so the API, the web pages and the CLI agree with the audit.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from casework.domain.audit import audit_case
from casework.domain.chronology import Case
from casework.service.access import Actor
from casework.service.cases import Page, load_case_row
from casework.service.decisions import attach_precedents
from casework.service.ports import UnitOfWork
from casework.service.trail import record


def audit_case_as_of(uow: UnitOfWork, actor: Actor, slug: str, as_of: date) -> dict[str, Any]:
    """Every finding and open deadline of the case on `as_of` (JSON-ready).

    Each finding carries `precedents`: Ombudsman decisions that found the same kind of
    fault (see `service.decisions.attach_precedents`).
    """
    return case_and_audit(uow, actor, slug, as_of)[1]


def case_and_audit(uow: UnitOfWork, actor: Actor, slug: str,
                   as_of: date) -> tuple[Case, dict[str, Any]]:
    """The case and its audit on `as_of` (as `audit_case_as_of`), read and logged once, for a
    page that shows both."""
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, slug)
        case = uow.cases.as_case(row)
        record(uow, actor, "read", "case", slug, f"audit as of {as_of}",
               council_id=row.council_id)
        uow.commit()
    result: dict[str, Any] = audit_case(case, as_of).as_dict()
    return case, attach_precedents(uow, result)


def list_due_and_overdue(uow: UnitOfWork, actor: Actor, as_of: date, team: str | None = None,
                         worker: str | None = None, rule: str | None = None, page: int = 1,
                         per_page: int = 50) -> Page:
    """One page of `due_and_overdue`."""
    items = due_and_overdue(uow, actor, as_of, team, worker, rule)
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, per_page, len(items))


def due_and_overdue(uow: UnitOfWork, actor: Actor, as_of: date, team: str | None = None,
                    worker: str | None = None, rule: str | None = None) -> list[dict[str, Any]]:
    """Every clock overdue or still running in the actor's council, overdue first, then
    soonest first.

    Overdue items are the audit's "overdue" findings (no outcome yet, limit passed); due
    items are its open deadlines. Filter by the case's team or worker, or by rule id. Every
    case is audited, so a page of them costs as much as all: a caller that wants all asks
    for all.
    """
    actor.require("case:read")
    with uow:
        rows, _ = uow.cases.list((actor.council_id,), team, worker)
        cases = [(r.team, r.worker, uow.cases.as_case(r)) for r in rows]
        record(uow, actor, "list", "case", "*", f"due and overdue as of {as_of}")
        uow.commit()
    items: list[dict[str, Any]] = []
    for case_team, case_worker, case in cases:
        report = audit_case(case, as_of)
        base = {"case": case.id, "team": case_team, "worker": case_worker}
        items += [{**base, "status": "overdue", **f.as_dict()} for f in report.overdue]
        items += [{**base, "status": "due", **d.as_dict()} for d in report.due]
    if rule:
        items = [i for i in items if i["rule"] == rule]
    items.sort(key=lambda i: (i["status"] != "overdue", i.get("due_latest") or "", i["case"]))
    return items
