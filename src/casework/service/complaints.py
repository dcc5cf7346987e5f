"""Complaints: received, worked through the stages, found on point by point, remedied.

Each step is recorded as a complaint event in the case's chronology (where the audit
reads its clocks) and the complaint's structured view is derived from it
(`service.projection`). Handlers act only within their own council.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from casework.domain.chronology import Case
from casework.domain.complaints import complaint_events, replay_complaint
from casework.domain.complaints.table import PROCEDURES, load_procedure
from casework.domain.dates import CaseDate, DateError
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import FINDINGS, Event
from casework.service.access import Actor
from casework.service.cases import append_checked, load_case_row, new_event_id, plain
from casework.service.errors import Conflict, NotFound
from casework.service.event_guard import StepRefused as StepRefused  # the web step forms catch it here
from casework.service.ports import CaseRecord, ComplaintRecord, UnitOfWork
from casework.service.trail import record

# Every step a procedure table names, after the complaint is received: complaint events,
# and the Ombudsman's and agreed actions that the tables also step through.
COMPLAINT_EVENT_TYPES = tuple(dict.fromkeys(
    t.event for name in PROCEDURES for t in load_procedure(name).transitions.values()
    if t.event != "complaint_received"))


def parse_date(value: str | date | CaseDate, field: str = "date") -> CaseDate:
    """A date from a request: exact, a month, part of a month, or a year."""
    if isinstance(value, CaseDate):
        return value
    if isinstance(value, date):
        return CaseDate.exact(value)
    try:
        return CaseDate.parse(value)
    except DateError as exc:
        raise CaseworkError(Problem("request body", field, str(exc), "correct the date")) from exc


def receive_complaint(uow: UnitOfWork, actor: Actor, case: str, ref: str, received: str | date | CaseDate,
                      procedure: str = "statutory", points: Mapping[str, str] | None = None,
                      note: str = "", details: Mapping[str, object] | None = None,
                      children: tuple[str, ...] = (), today: date | None = None) -> dict[str, Any]:
    """Record a new complaint on a case, with its numbered points, the children it is about
    and what intake records (`details`: complainant, relationship, how received, …)."""
    actor.require("complaint:write")
    day = parse_date(received, "received")
    not_after_today(day, today or date.today(), "received")
    details = {**(details or {}), "complaint": ref, "procedure": procedure}
    if points:
        details["points"] = {str(k): v for k, v in points.items()}
    with uow:
        row = load_case_row(uow, actor, case, to_change=True)
        if any(c.ref == ref for c in uow.complaints.for_case(row.id)):
            raise Conflict("ref", f"the case already has a complaint '{ref}'",
                           "choose another reference, or record events on that complaint")
        event = Event(new_event_id(uow.cases.as_case(row), f"{ref}-received"),
                      "complaint_received", day, children=children, details=details, note=note)
        append_checked(uow, actor, row, event)
        record(uow, actor, "create", "complaint", f"{case}/{ref}")
        uow.commit()
    return get_complaint(uow, actor, case, ref, log=False)


def next_complaint_ref(case: Case) -> str:
    """C1, C2, …: the first not yet used on the case."""
    taken = {e.complaint for e in case.events if e.type == "complaint_received"}
    n = 1
    while f"C{n}" in taken:
        n += 1
    return f"C{n}"


def not_after_today(when: CaseDate, today: date, field: str = "date") -> None:
    """A step is recorded once it has happened: a date wholly after today is refused."""
    if when.earliest > today:
        raise CaseworkError(Problem("request body", field, f"the date ({when}) is after today",
                                    "record a step once it has happened: the date must be today or in the past"))


def record_complaint_event(uow: UnitOfWork, actor: Actor, case: str, ref: str, type: str,
                           when: str | date | CaseDate, findings: Mapping[str, str] | None = None,
                           details: Mapping[str, object] | None = None,
                           note: str = "", today: date | None = None) -> dict[str, Any]:
    """The next step in a complaint (acknowledged, stage 1 response, panel, …)."""
    actor.require("complaint:write")
    if type not in COMPLAINT_EVENT_TYPES:
        raise CaseworkError(Problem("request body", "type", f"'{type}' is not a complaint step",
                                    f"use one of: {', '.join(COMPLAINT_EVENT_TYPES)}"))
    day = parse_date(when)
    not_after_today(day, today or date.today())
    # The Ombudsman's decision carries no complaint detail: the replay links it to the
    # complaint's referral. An action agreed runs from the decision it answers.
    extra = {**(details or {})}
    if type != "ombudsman_decision":
        extra["complaint"] = ref
    if findings:
        bad = {k: v for k, v in findings.items() if v not in FINDINGS}
        if bad:
            number = next(iter(bad))
            raise CaseworkError(Problem("request body", f"findings.{number}",
                                        f"'{bad[number]}' is not a finding",
                                        f"use one of: {', '.join(FINDINGS)}"))
        extra["findings"] = {str(k): v for k, v in findings.items()}
    with uow:
        row = load_case_row(uow, actor, case, to_change=True)
        _require_complaint(uow, row, ref)
        current = uow.cases.as_case(row)
        if type == "action_agreed" and "decision" not in extra:
            decisions = [e.id for e in complaint_events(current, ref) if e.type == "ombudsman_decision"]
            if decisions:
                extra["decision"] = decisions[-1]
        event = Event(new_event_id(current, f"{ref}-{type}"), type, day, details=extra, note=note)
        append_checked(uow, actor, row, event)
        record(uow, actor, "update", "complaint", f"{case}/{ref}", f"recorded {type}")
        uow.commit()
    return get_complaint(uow, actor, case, ref, log=False)


def add_remedy(uow: UnitOfWork, actor: Actor, case: str, ref: str, purpose: str,
               when: str | date | CaseDate, amount: float | None = None, points: list[str] | None = None,
               payee: str = "", by: str = "council", today: date | None = None) -> dict[str, Any]:
    """A remedy offered for the complaint's points (a payment or other remedy)."""
    actor.require("complaint:write")
    day = parse_date(when)
    not_after_today(day, today or date.today())
    details: dict[str, object] = {"complaint": ref, "purpose": purpose, "by": by}
    if amount is not None:
        details["amount"] = amount
    if points:
        details["points"] = [str(p) for p in points]
    if payee:
        details["payee"] = payee
    with uow:
        row = load_case_row(uow, actor, case, to_change=True)
        complaint = _require_complaint(uow, row, ref)
        unknown = [p for p in points or [] if p not in {pt.number for pt in complaint.points}]
        if unknown:
            raise CaseworkError(Problem("request body", "points",
                                        f"the complaint has no point(s) {', '.join(unknown)}",
                                        "name points the complaint lists"))
        event = Event(new_event_id(uow.cases.as_case(row), f"{ref}-remedy"), "remedy_offered",
                      day, details=details)
        append_checked(uow, actor, row, event)
        record(uow, actor, "update", "complaint", f"{case}/{ref}", f"remedy {purpose}")
        uow.commit()
    return get_complaint(uow, actor, case, ref, log=False)


def _require_complaint(uow: UnitOfWork, row: CaseRecord, ref: str) -> ComplaintRecord:
    complaint = next((c for c in uow.complaints.for_case(row.id) if c.ref == ref), None)
    if complaint is None:
        raise NotFound("complaint", ref)
    return complaint


def _complaint_dict(row: ComplaintRecord, case: Case) -> dict[str, Any]:
    """The stored complaint, its state replayed from the case through its procedure's table
    (so a database written before a table changed still answers in the table's words)."""
    return {
        "ref": row.ref, "procedure": row.procedure, "state": replay_complaint(case, row.ref).complaint.state,
        "received_event": row.received_event,
        "points": [{"number": p.number, "summary": p.summary,
                    "findings": [{"stage": f.stage, "finding": f.finding, "event": f.event_slug,
                                  "decided_on": f.decided_on.isoformat()} for f in p.findings]}
                   for p in row.points],
        "remedies": [{"event": r.event_slug, "purpose": r.purpose, "amount": r.amount,
                      "points": r.points, "payee": r.payee, "offered_by": r.offered_by}
                     for r in row.remedies],
    }


def list_complaints(uow: UnitOfWork, actor: Actor, case: str) -> list[dict[str, Any]]:
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, case)
        case_now = uow.cases.as_case(row)
        items = [_complaint_dict(c, case_now) for c in uow.complaints.for_case(row.id)]
        for item in items:
            record(uow, actor, "read", "complaint", f"{case}/{item['ref']}",
                   council_id=row.council_id)
        record(uow, actor, "list", "complaint", f"{case}/*", council_id=row.council_id)
        uow.commit()
    return items


def get_complaint(uow: UnitOfWork, actor: Actor, case: str, ref: str,
                  log: bool = True) -> dict[str, Any]:
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, case)
        result = _complaint_dict(_require_complaint(uow, row, ref), uow.cases.as_case(row))
        if log:
            record(uow, actor, "read", "complaint", f"{case}/{ref}", council_id=row.council_id)
            uow.commit()
    return result


def complaint_timeline(uow: UnitOfWork, actor: Actor, case: str, ref: str) -> list[dict[str, Any]]:
    """The complaint's events in order, each with its date as recorded."""
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, case)
        _require_complaint(uow, row, ref)
        events = [e for e in uow.cases.as_case(row).events
                  if e.complaint == ref or (e.type == "remedy_offered" and e.complaint is None)]
        record(uow, actor, "read", "complaint", f"{case}/{ref}", "timeline",
               council_id=row.council_id)
        uow.commit()
    return [event_dict(e) for e in events]


def event_dict(event: Event) -> dict[str, Any]:
    return {"id": event.id, "type": event.type, "date": str(event.date),
            "earliest": event.date.earliest.isoformat(), "latest": event.date.latest.isoformat(),
            "children": list(event.children), "details": plain(dict(event.details)),
            "note": event.note, "source": event.source}
