"""A complaint: where it stands in its procedure, its numbered points and their findings.

State changes only through `apply`, which asks the procedure's table whether the event may
follow and refuses with the table's reason when it may not. Each point keeps every
finding it was given, stage by stage: a later stage may overturn an earlier one and both
stay on record, because the Ombudsman asks what each stage found (24 009 485: stage 3
upheld points that stage 2 had not).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from casework.domain.calendar import WorkingCalendar, england
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import FINDINGS, PERSONAL_REMEDY_PURPOSES, Event

from .guards import GUARDS
from .table import Procedure, Transition

UPHELD = frozenset({"upheld", "partially_upheld"})
STAGE_OF: Mapping[str, str] = {
    "stage1_response": "stage 1",
    "stage2_reports": "stage 2 investigation",
    "stage2_response": "stage 2",
    "stage3_panel": "stage 3 panel",
    "stage3_response": "stage 3",
}


@dataclass(frozen=True)
class Refusal:
    """Why an event may not happen now, and what may instead."""

    event: Event
    state: str
    reason: str
    allowed: tuple[str, ...]

    def problem(self, where: str) -> Problem:
        return Problem(where, f"{self.event.id}.type",
                       f"'{self.event.type}' cannot follow '{self.state}': {self.reason}",
                       f"the steps allowed now are: {', '.join(self.allowed) or 'none'}", self.event.line)


class TransitionRefused(CaseworkError):
    def __init__(self, refusal: Refusal, where: str) -> None:
        self.refusal = refusal
        super().__init__(refusal.problem(where))


@dataclass(frozen=True)
class StageFinding:
    stage: str
    finding: str
    event_id: str


@dataclass(frozen=True)
class PointRemedy:
    purpose: str
    amount: Decimal | None
    event_id: str
    per_child: bool = False


@dataclass
class ComplaintPoint:
    number: int
    summary: str = ""
    findings: list[StageFinding] = field(default_factory=list)
    remedies: list[PointRemedy] = field(default_factory=list)

    @property
    def finding(self) -> str | None:
        """The latest stage's finding: the one that stands."""
        return self.findings[-1].finding if self.findings else None

    @property
    def upheld(self) -> bool:
        return self.finding in UPHELD

    @property
    def overturned(self) -> bool:
        return len({f.finding for f in self.findings}) > 1


@dataclass
class Complaint:
    id: str
    procedure: Procedure
    calendar: WorkingCalendar = field(default_factory=england)
    state: str = ""
    history: list[Event] = field(default_factory=list)
    points: dict[int, ComplaintPoint] = field(default_factory=dict)
    general_remedies: list[PointRemedy] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.state = self.state or self.procedure.initial

    def allowed_next(self) -> tuple[str, ...]:
        """The events that may happen next, given the table and what has happened so far."""
        return tuple(t.event for t in self.procedure.allowed_next(self.state)
                     if self._guard_allows(t, None))

    def check(self, event: Event) -> Refusal | None:
        """Why `event` may not happen now, or None when it may."""
        return self._step(event)[1]

    def apply(self, event: Event) -> str:
        """Move the complaint on by `event`, or raise `TransitionRefused`; returns the new state."""
        transition, refusal = self._step(event)
        if refusal is not None or transition is None:
            raise TransitionRefused(refusal or self._no_step(event), self.id)
        self.history.append(event)
        self.state = transition.target()
        self._record(event)
        return self.state

    def _step(self, event: Event) -> tuple[Transition | None, Refusal | None]:
        transition = self.procedure.transition(self.state, event.type)
        if transition is None:
            return None, self._no_step(event)
        if transition.guard is not None and not self._guard_allows(transition, event):
            return transition, Refusal(event, self.state, transition.guard.refusal, self.allowed_next())
        return transition, None

    def _no_step(self, event: Event) -> Refusal:
        meaning = self.procedure.states.get(self.state, "")
        return Refusal(event, self.state, f"the {self.procedure.name} procedure has no such step "
                       f"from '{self.state}' ({meaning})", self.allowed_next())

    def record_remedy(self, event: Event) -> None:
        """Attach a remedy to the points it names; one naming no point is kept for the complaint
        as a whole. Whether it answers an upheld point is `is_personal`'s question."""
        raw_amount = event.detail("amount")
        remedy = PointRemedy(str(event.detail("purpose", "other")),
                             None if raw_amount is None else Decimal(str(raw_amount)),
                             event.id, bool(event.detail("per_child", False)))
        points = _numbers(event.detail("points"))
        if not points:
            self.general_remedies.append(remedy)
        for number in points:
            self._point(number).remedies.append(remedy)

    def upheld_without_personal_remedy(self) -> tuple[ComplaintPoint, ...]:
        """Points whose standing finding is upheld or partially upheld with no personal remedy:
        none naming the point, and none for the complaint as a whole (which covers every point,
        as the per-child distress payments did in 19 020 817). A delay payment is not personal."""
        general = any(is_personal(r.purpose) for r in self.general_remedies)
        return tuple(p for _, p in sorted(self.points.items())
                     if p.upheld and not general and not any(is_personal(r.purpose) for r in p.remedies))

    def _guard_allows(self, transition: Transition, event: Event | None) -> bool:
        if transition.guard is None:
            return True
        check = GUARDS[transition.guard.check]
        return check(self.history, transition.event, event, self.calendar)

    def _record(self, event: Event) -> None:
        if event.type == "complaint_received":
            raw = event.detail("points")
            if isinstance(raw, Mapping):
                for number, summary in raw.items():
                    self._point(int(number)).summary = str(summary)
        findings = event.detail("findings")
        if isinstance(findings, Mapping):
            stage = STAGE_OF.get(event.type, f"stage {event.detail('stage', '')}".strip())
            for number, finding in findings.items():
                if str(finding) in FINDINGS:
                    self._point(int(number)).findings.append(StageFinding(stage, str(finding), event.id))

    def _point(self, number: int) -> ComplaintPoint:
        return self.points.setdefault(number, ComplaintPoint(number))


def _numbers(raw: object) -> tuple[int, ...]:
    if isinstance(raw, Mapping):
        return tuple(int(k) for k in raw)
    if isinstance(raw, list | tuple):
        return tuple(int(k) for k in raw)
    if isinstance(raw, int | str) and str(raw).isdigit():
        return (int(raw),)
    return ()


def is_personal(purpose: str) -> bool:
    """A remedy for the person's injustice, not for how the complaint was handled."""
    return purpose in PERSONAL_REMEDY_PURPOSES
