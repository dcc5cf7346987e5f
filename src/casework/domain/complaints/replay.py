"""Build a complaint from a chronology by replaying its events through the procedure table.

A chronology records a complaint's events with `details.complaint` naming it. The
Ombudsman's decision and the actions agreed on it do not carry that detail, so they are
linked as the record links them: the first decision after the complaint's referral to
the Ombudsman, and actions whose `decision` names that decision. Remedies are attached to
points, not stepped through the table. The replay stops at the first step the table
refuses and reports it; the events after it are returned unreplayed.

A record that is not complete for complaints (a chronology drawn from a decision that
"outlines key events") may simply leave a step out: `record_complete` says so, and a
refusal then means "a step is missing or out of order", not proof of an illegal one.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.domain.calendar import WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError
from casework.domain.events import Event

from .complaint import Complaint, Refusal
from .table import PROCEDURES, load_procedure


@dataclass(frozen=True)
class Replay:
    complaint: Complaint
    refusal: Refusal | None
    unreplayed: tuple[Event, ...]
    record_complete: bool = True

    @property
    def legal(self) -> bool:
        return self.refusal is None


def complaint_events(case: Case, complaint_id: str) -> tuple[Event, ...]:
    """The case's events for one complaint, in the case's (chronological) order."""
    chosen: list[Event] = []
    awaiting_decision = False
    decisions: set[str] = set()
    for event in case.events:
        if event.complaint == complaint_id and event.type != "ombudsman_decision":
            chosen.append(event)
            awaiting_decision = awaiting_decision or event.type == "ombudsman_complaint"
        elif event.type == "ombudsman_decision" and awaiting_decision:
            chosen.append(event)
            decisions.add(event.id)
            awaiting_decision = False
        elif event.type == "action_agreed" and str(event.detail("decision")) in decisions:
            chosen.append(event)
    return tuple(chosen)


def _linked_to_decision(events: tuple[Event, ...]) -> set[str]:
    """Actions agreed on the Ombudsman's decision (the table steps through those)."""
    decisions = {e.id for e in events if e.type == "ombudsman_decision"}
    return {e.id for e in events if e.type == "action_agreed" and str(e.detail("decision")) in decisions}


def replay_complaint(case: Case, complaint_id: str, calendar: WorkingCalendar | None = None) -> Replay:
    """The complaint as its events leave it, and the first step its procedure refuses, if any."""
    events = complaint_events(case, complaint_id)
    received = next((e for e in events if e.type == "complaint_received"), None)
    if received is None:
        raise CaseworkError.single(case.where or case.id, f"complaints.{complaint_id}",
                                   f"no complaint_received event for complaint '{complaint_id}'",
                                   "record when and how the complaint was received, with its procedure")
    procedure = str(received.detail("procedure", "statutory"))
    if procedure not in PROCEDURES:
        raise CaseworkError.single(case.where or case.id, f"{received.id}.details.procedure",
                                   f"unknown procedure '{procedure}'", f"use one of {', '.join(PROCEDURES)}",
                                   received.line)
    complaint = Complaint(complaint_id, load_procedure(procedure), calendar or england())
    complete = case.is_complete_for("complaint")
    linked = _linked_to_decision(events)
    for index, event in enumerate(events):
        if event.type in ("remedy_offered", "remedy_paid"):
            if event.type == "remedy_offered":
                complaint.record_remedy(event)
            continue
        if event.type == "action_agreed" and event.id not in linked:
            continue  # the council's own action on a response: attached, not a procedure step
        refusal = complaint.check(event)
        if refusal is not None:
            return Replay(complaint, refusal, events[index:], complete)
        complaint.apply(event)
    return Replay(complaint, None, (), complete)
