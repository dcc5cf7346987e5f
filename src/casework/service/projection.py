"""The workflow view of a chronology: complaints, points, findings, remedies and actions.

A complaint's state is the one its procedure's declared table gives when its events are
replayed (`domain.complaints.replay_complaint`): the table's state names are the only
ones, so the API, the web page and the audit cannot disagree about where it stands.

The chronology stays the record the audit reads. After every change we derive from it
the case's clocks (`domain.audit.ledger`, which "what is due" queries), the complaints
(with each point's finding at every stage — a later stage's finding is added beside an
earlier one, never over it), their remedies, and the agreed actions with
their evidence. Who does an action comes from its event (the `who` detail), so it
survives export and import; actions keep what the chronology does not hold: uploaded
files and who verified them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casework.domain.actions import resolve_deadline
from casework.domain.audit.ledger import clock_records
from casework.domain.chronology import Case
from casework.domain.complaints import replay_complaint
from casework.domain.events import Event
from casework.service.ports import CaseRecord, UnitOfWork


@dataclass
class PointView:
    number: str
    summary: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ComplaintView:
    ref: str
    procedure: str
    received_event: str
    state: str = ""
    complainant: str = ""
    received_on: date | None = None
    points: dict[str, PointView] = field(default_factory=dict)
    remedies: list[dict[str, Any]] = field(default_factory=list)


def complaints_of(case: Case) -> list[ComplaintView]:
    """Every complaint in the chronology, in the order received."""
    views: dict[str, ComplaintView] = {}
    for event in case.events:
        ref = event.complaint
        if event.type == "complaint_received" and ref is not None and ref not in views:
            views[ref] = _received(event, ref)
        elif ref in views:
            _apply(views[ref], event)
        elif event.type == "remedy_offered" and len(views) == 1:
            _apply(next(iter(views.values())), event)
    for view in views.values():
        view.state = replay_complaint(case, view.ref).complaint.state
    return list(views.values())


def _received(event: Event, ref: str) -> ComplaintView:
    view = ComplaintView(ref, str(event.detail("procedure", "statutory")), event.id,
                         complainant=str(event.detail("complainant", "") or "")[:200],
                         received_on=event.date.earliest)
    points = event.detail("points") or {}
    if isinstance(points, dict):
        view.points = {str(n): PointView(str(n), str(s)) for n, s in points.items()}
    elif isinstance(points, list):
        view.points = {str(n): PointView(str(n)) for n in points}
    return view


def _apply(view: ComplaintView, event: Event) -> None:
    findings = event.detail("findings")
    if isinstance(findings, dict):
        stage = event.type if event.type != "corporate_response" else (
            f"corporate_stage{event.detail('stage')}")
        for number, finding in findings.items():
            point = view.points.setdefault(str(number), PointView(str(number)))
            point.findings.append({"stage": stage, "finding": str(finding), "event": event.id,
                                   "decided_on": event.date.latest})
    if event.type == "remedy_offered":
        points = event.detail("points") or []
        view.remedies.append({
            "event": event.id, "purpose": str(event.detail("purpose")),
            "amount": event.detail("amount"), "payee": str(event.detail("payee", "") or ""),
            "offered_by": str(event.detail("by", "") or ""),
            "points": [str(p) for p in (points if isinstance(points, list | tuple | dict) else [points])],
        })


def decision_date(case: Case, event: Event) -> date | None:
    """The day an agreed action's deadline runs from: its decision's date, else its own.

    A date known only to a range gives no single day; the deadline stays unresolved
    rather than guessed.
    """
    decision_id = event.detail("decision")
    source = case.event(str(decision_id)) if decision_id else event
    if source is None or not source.date.is_exact:
        return None
    return source.date.earliest


def refresh_workflow(uow: UnitOfWork, row: CaseRecord, case: Case, recorded_by: str = "") -> None:
    """Everything derived from the chronology, rewritten in the transaction that changed it:
    complaints, agreed actions and the case's clocks (the audit's projection). Evidence new here
    is credited to `recorded_by` (the user recording the event), so nobody verifies their own."""
    uow.complaints.replace_for_case(row.id, complaints_of(case))
    _sync_actions(uow, row, case, recorded_by)
    uow.clocks.replace_for_case(row.id, row.council_id, clock_records(case))


def _sync_actions(uow: UnitOfWork, row: CaseRecord, case: Case, recorded_by: str = "") -> None:
    actions = {a.event_slug: a for a in uow.actions.for_case(row.id)}
    for event in case.of_type("action_agreed"):
        if event.id in actions:
            continue
        decided = decision_date(case, event)
        deadline = str(event.detail("deadline"))
        actions[event.id] = uow.actions.add(
            case_id=row.id, event_slug=event.id, what=str(event.detail("action")),
            who=str(event.detail("who", "") or ""), deadline=deadline, decided_on=decided,
            complaint_ref=event.complaint,
            due_on=resolve_deadline(deadline, decided) if decided else None)
    for event in case.of_type("action_evidenced"):
        action = actions.get(str(event.detail("agreement")))
        if action is None or any(e.event_slug == event.id for e in action.evidence):
            continue
        uow.actions.add_evidence(action, event_slug=event.id, kind="note",
                                 note=str(event.detail("evidence", "") or event.note),
                                 added_on=event.date.latest, added_by=recorded_by)
