"""A stage's letter as the record stood when that stage answered: what it found on each point
and what it offered, never what a later stage decided.

A stage 1 letter read after stage 2 has overturned a finding still says what stage 1 found;
each payment appears once, with the points it is for, however many points it answers.
Only the stages the complaint has reached have a letter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from casework.domain.chronology import Case
from casework.domain.complaints.complaint import ComplaintPoint, PointRemedy
from casework.domain.complaints.replay import complaint_events, replay_complaint
from casework.domain.dates import CaseDate
from casework.domain.events import Event


@dataclass(frozen=True)
class LetterKind:
    key: str
    title: str  # "Stage 1 response"
    stage: str  # "stage 1", as the letter says it
    response_type: str  # the event that is this stage's answer
    reached_by: tuple[str, ...]  # any of these events means the complaint reached the stage
    finding_stages: tuple[str, ...]  # the complaint's stage names whose findings are this stage's
    later: tuple[str, ...]  # event type prefixes of later stages, never in this letter


LETTER_KINDS: Mapping[str, LetterKind] = {k.key: k for k in (
    LetterKind("stage1", "Stage 1 response", "stage 1", "stage1_response", ("complaint_received",),
               ("stage 1",), ("stage2_", "stage3_", "ombudsman_")),
    LetterKind("stage2", "Stage 2 adjudication", "stage 2", "stage2_response",
               ("stage2_requested", "stage2_started"), ("stage 2", "stage 2 investigation"),
               ("stage3_", "ombudsman_")),
    LetterKind("stage3", "Stage 3 final response", "stage 3", "stage3_response",
               ("stage3_requested", "stage3_panel"), ("stage 3", "stage 3 panel"), ("ombudsman_",)),
)}


@dataclass(frozen=True)
class LetterPoint:
    number: int
    summary: str
    finding: str | None  # this stage's finding (None: none recorded at this stage)
    earlier_stage: str | None = None  # where an earlier stage found otherwise
    earlier_finding: str | None = None


@dataclass(frozen=True)
class LetterPayment:
    """One remedy, once, with the points it is for (none: the complaint as a whole)."""

    event_id: str
    purpose: str
    amount: Decimal | None
    per_child: bool
    points: tuple[int, ...]
    earlier: bool  # offered at an earlier stage and repeated here for completeness


@dataclass(frozen=True)
class LetterDraft:
    kind: LetterKind
    complaint: str
    response: Event | None
    dated: CaseDate  # the response's date, or the day drafted when none is recorded yet
    points: tuple[LetterPoint, ...]
    payments: tuple[LetterPayment, ...]


def stages_reached(case: Case, ref: str) -> tuple[str, ...]:
    """The letters this complaint has: one per stage it has reached, in order."""
    events = complaint_events(case, ref)
    types = {e.type for e in events}
    start = next((e.detail("start_stage") for e in events if e.type == "complaint_received"), None)
    reached = []
    for kind in LETTER_KINDS.values():
        if kind.key == "stage1" and isinstance(start, int) and start > 1:
            continue
        if types & set(kind.reached_by):
            reached.append(kind.key)
    return tuple(reached)


def draft_letter(case: Case, ref: str, key: str, today: date) -> LetterDraft:
    """The letter for stage `key` of complaint `ref`, from the record as it stood then."""
    kind = LETTER_KINDS[key]
    responses = [e for e in complaint_events(case, ref) if e.type == kind.response_type]
    response = responses[-1] if responses else None
    cut = response.date.latest if response is not None else None
    stood = replace(case, events=tuple(
        e for e in case.events
        if (cut is None or e.date.earliest <= cut) and not e.type.startswith(kind.later)))
    complaint = replay_complaint(stood, ref).complaint
    points = []
    for number, point in sorted(complaint.points.items()):
        here = [f for f in point.findings if f.stage in kind.finding_stages]
        before = [f for f in point.findings if f.stage not in kind.finding_stages]
        finding = here[-1].finding if here else None
        changed = bool(here and before and before[-1].finding != finding)
        points.append(LetterPoint(number, point.summary, finding,
                                  before[-1].stage if changed else None,
                                  before[-1].finding if changed else None))
    return LetterDraft(kind, ref, response, response.date if response else CaseDate.exact(today),
                       tuple(points), _payments(stood, complaint.points, complaint.general_remedies,
                                                _previous_response(stood, ref, key)))


def _previous_response(case: Case, ref: str, key: str) -> Event | None:
    keys = list(LETTER_KINDS)
    if keys.index(key) == 0:
        return None
    earlier = LETTER_KINDS[keys[keys.index(key) - 1]].response_type
    found = [e for e in complaint_events(case, ref) if e.type == earlier]
    return found[-1] if found else None


def _payments(case: Case, points: Mapping[int, ComplaintPoint], general: list[PointRemedy],
              previous: Event | None) -> tuple[LetterPayment, ...]:
    by_event: dict[str, LetterPayment] = {}
    for number, point in sorted(points.items()):
        for remedy in point.remedies:
            _add(by_event, case, remedy, (number,), previous)
    for remedy in general:
        _add(by_event, case, remedy, (), previous)
    return tuple(by_event.values())


def _add(by_event: dict[str, LetterPayment], case: Case, remedy: PointRemedy,
         points: tuple[int, ...], previous: Event | None) -> None:
    event_id = remedy.event_id
    if event_id in by_event:
        known = by_event[event_id]
        by_event[event_id] = replace(known, points=tuple(sorted({*known.points, *points})))
        return
    offered = case.event(event_id)
    earlier = (previous is not None and offered is not None
               and offered.date.latest <= previous.date.latest)
    by_event[event_id] = LetterPayment(event_id, remedy.purpose, remedy.amount, remedy.per_child,
                                       points, earlier)
