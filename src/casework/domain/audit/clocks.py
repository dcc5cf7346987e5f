"""Timescale rules: a trigger starts a clock; an outcome meets it; a stop ends it.

Each clock yields a finding (late, missed, overdue), a deadline (still running) or, when
its outcome came in time, a `MetClock`.

For each trigger the clock is met by the first satisfying event after it, or ended by the
first stopping event (a plan closed before its review was due), or still running on the
audit date. Imprecise dates are judged under every reading (see `deadlines.lateness`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from casework.domain.audit.findings import Deadline, Finding, MetClock, finding_for
from casework.domain.audit.scope import Unit
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.dates import CaseDate
from casework.domain.deadlines import Due, Lateness, due_for, lateness
from casework.domain.events import EVENT_TYPE_BY_NAME, Event
from casework.domain.rules.model import Limit, Matcher, Rule


@dataclass(frozen=True)
class Clock:
    rule: Rule
    unit: Unit
    trigger: Event
    limit: Limit
    extended: bool
    counted_from_alternative: bool = False


def _matching(events: Sequence[Event], matchers: Sequence[Matcher]) -> list[Event]:
    return [e for e in events if any(m.matches(e) for m in matchers)]


def triggers(rule: Rule, unit: Unit, as_of: date) -> list[Event]:
    """Events that start this rule's clock; the first trigger type present takes precedence."""
    if rule.only_if and not _matching(unit.events, rule.only_if):
        return []
    for matcher in rule.trigger:
        found = [e for e in unit.events if matcher.matches(e) and e.date.earliest <= as_of]
        if found:
            found = [e for e in found if rule.in_force_on(e.date.latest)]
            return found[:1] if rule.trigger_selection == "first" else found
    return []


def _after(unit: Unit, trigger: Event, matchers: Sequence[Matcher], as_of: date) -> Event | None:
    """The first event after `trigger` (in chronological order) that matches."""
    events = unit.events
    start = events.index(trigger) + 1
    for event in events[start:]:
        if event.date.earliest <= as_of and any(m.matches(event) for m in matchers):
            return event
    return None


def evaluate(rule: Rule, case: Case, unit: Unit, as_of: date,
             calendar: WorkingCalendar) -> Iterator[Finding | Deadline | MetClock]:
    for count in counts(rule, case, unit, as_of, calendar):
        yield from count.primary
        if not count.primary_certain:
            yield from count.alternative


@dataclass(frozen=True)
class Count:
    """One trigger's clock, and its count from an earlier event (`also_from`, possible
    breaches only), which the audit reports only while the clock itself has no certain one."""

    trigger: Event
    primary: tuple[Finding | Deadline | MetClock, ...]
    alternative: tuple[Finding, ...]

    @property
    def primary_certain(self) -> bool:
        return any(isinstance(f, Finding) and f.certainty == "certain" for f in self.primary)


def counts(rule: Rule, case: Case, unit: Unit, as_of: date,
           calendar: WorkingCalendar) -> Iterator[Count]:
    for trigger in triggers(rule, unit, as_of):
        yield Count(trigger, tuple(_evaluate_clock(rule, case, unit, trigger, as_of, calendar)),
                    tuple(alternative_count(rule, case, unit, trigger, as_of, calendar)))


def _limit_for(rule: Rule, unit: Unit, trigger: Event, as_of: date) -> tuple[Limit, bool]:
    assert rule.limit is not None
    if rule.extension is not None and _after(unit, trigger, rule.extension.by, as_of):
        return rule.extension.limit, True
    return rule.limit, False


def _evaluate_clock(rule: Rule, case: Case, unit: Unit, trigger: Event, as_of: date,
                    calendar: WorkingCalendar, alternative: bool = False) -> Iterator[Finding | Deadline | MetClock]:
    limit, extended = _limit_for(rule, unit, trigger, as_of)
    clock = Clock(rule, unit, trigger, limit, extended, alternative)
    due = due_for(limit, trigger.date, calendar)
    outcome = _after(unit, trigger, rule.satisfied_by, as_of)
    stop = _after(unit, trigger, rule.stopped_by, as_of) if rule.stopped_by else None
    if stop is not None and outcome is not None and unit.events.index(outcome) < unit.events.index(stop):
        stop = None
    if outcome is not None and stop is None:
        late = list(_judge(clock, case, due, outcome.date, outcome, "late", calendar))
        yield from late
        if not late and not alternative:
            yield _met(clock, due, outcome)
    elif stop is not None:
        yield from _judge(clock, case, due, stop.date, stop, "missed", calendar)
    else:
        today = CaseDate.exact(as_of)
        found = list(_judge(clock, case, due, today, None, "overdue", calendar))
        yield from found
        if not found and not alternative:
            yield _deadline(clock, due)


def _earlier_starts(rule: Rule, unit: Unit, trigger: Event) -> list[Event]:
    return [e for e in _matching(unit.events, rule.also_from) if e.date.earliest <= trigger.date.latest]


def alternative_count(rule: Rule, case: Case, unit: Unit, trigger: Event, as_of: date,
                      calendar: WorkingCalendar) -> Iterator[Finding]:
    """The count from the earlier event, whatever the count from `trigger` found (`evaluate`
    reports it only while that count has no certain breach; the clocks ledger, by date)."""
    if not rule.also_from or any(m.matches(trigger) for m in rule.also_from):
        return
    earlier = _earlier_starts(rule, unit, trigger)
    if not earlier:
        return
    for item in _evaluate_clock(rule, case, unit, earlier[0], as_of, calendar, alternative=True):
        if isinstance(item, Finding):
            gap = calendar.working_days_after(earlier[0].date.earliest, trigger.date.latest)
            yield _as_possible(item, earlier[0], trigger, gap)


def _as_possible(finding: Finding, earlier: Event, trigger: Event, gap: int) -> Finding:
    note = (f"counted from the {earlier.type.replace('_', ' ')} ({earlier.date}) rather than the "
            f"{trigger.type.replace('_', ' ')} ({trigger.date}): up to {gap} working days between them")
    return Finding(**{**finding.__dict__, "certainty": "possible",
                      "summary": f"{finding.summary} — only when {note}",
                      "working": (*finding.working, note)})


def _judge(clock: Clock, case: Case, due: Due, when: CaseDate, outcome: Event | None,
           kind: str, calendar: WorkingCalendar) -> Iterator[Finding]:
    late = lateness(due, when, calendar)
    if late.certainty is None:
        return
    certainty = late.certainty
    unrecorded = kind != "late" and clock.rule.parameters.get("unrecorded") == "not_evidenced"
    if not _complete(case, clock.rule) or unrecorded or not case.shows_all_after(clock.trigger.date.earliest):
        # The record may simply not show the event: an earlier one may exist, so a late or
        # missing outcome is only possible, and a missing one is "not evidenced".
        certainty = "possible"
        kind = "late" if kind == "late" else "not_evidenced"
    yield finding_for(
        clock.rule, kind=kind, certainty=certainty,
        summary=_summary(clock, kind, when, outcome),
        children=clock.unit.children, complaint=clock.unit.complaint,
        trigger_id=clock.trigger.id, outcome_id=outcome.id if outcome else None,
        due_earliest=due.earliest, due_latest=due.latest,
        late_by_min=late.low if certainty == "certain" else 0, late_by_max=late.high,
        beyond_extension=_beyond_extension(clock, when, calendar),
        working=_working(clock, due, late),
    )


def _complete(case: Case, rule: Rule) -> bool:
    return all(case.is_complete_for(EVENT_TYPE_BY_NAME[m.type].category, m.type) for m in rule.satisfied_by)


def _beyond_extension(clock: Clock, when: CaseDate, calendar: WorkingCalendar) -> str | None:
    ext = clock.rule.extension
    if ext is None or clock.extended:
        return None
    return lateness(due_for(ext.limit, clock.trigger.date, calendar), when, calendar).certainty


def _summary(clock: Clock, kind: str, when: CaseDate, outcome: Event | None) -> str:
    rule, trigger = clock.rule, clock.trigger
    start = f"{trigger.type.replace('_', ' ')} ({trigger.date})"
    limit = f"{clock.limit}{' (extended)' if clock.extended else ''}"
    if kind == "late" and outcome is not None:
        return f"{outcome.type.replace('_', ' ')} on {when} — more than {limit} after the {start}"
    if kind == "missed" and outcome is not None:
        return (f"no {rule.satisfied_by[0].type.replace('_', ' ')} within {limit} of the {start}; "
                f"the clock ended with the {outcome.type.replace('_', ' ')} ({when})")
    if kind == "not_evidenced":
        return f"no record of the duty to {rule.must} within {limit} of the {start}"
    return f"still no {rule.satisfied_by[0].type.replace('_', ' ')}: {limit} from the {start} have passed"


def _working(clock: Clock, due: Due, late: Lateness) -> tuple[str, ...]:
    lines = [f"trigger: {clock.trigger.type} '{clock.trigger.id}' ({clock.trigger.date})", *due.working]
    if late.high:
        span = f"{late.low}–{late.high}" if late.low != late.high else f"{late.high}"
        lines.append(f"late by {span} working days")
    return tuple(lines)


def _deadline(clock: Clock, due: Due) -> Deadline:
    rule = clock.rule
    return Deadline(
        rule_id=rule.id, title=rule.title, citation=rule.source.citation(), must=rule.must,
        due_earliest=due.earliest, due_latest=due.latest, children=clock.unit.children,
        complaint=clock.unit.complaint, trigger_id=clock.trigger.id, working=due.working,
    )


def _met(clock: Clock, due: Due, outcome: Event) -> MetClock:
    rule = clock.rule
    return MetClock(
        rule_id=rule.id, title=rule.title, citation=rule.source.citation(),
        trigger_id=clock.trigger.id, outcome_id=outcome.id,
        due_earliest=due.earliest, due_latest=due.latest,
        met_earliest=outcome.date.earliest, met_latest=outcome.date.latest, extended=clock.extended,
        children=clock.unit.children, complaint=clock.unit.complaint,
        working=(f"trigger: {clock.trigger.type} '{clock.trigger.id}' ({clock.trigger.date})", *due.working,
                 f"met: {outcome.type} '{outcome.id}' ({outcome.date})"),
    )
