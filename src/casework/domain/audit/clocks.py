"""Timescale rules: a trigger starts a clock; an outcome meets it; a stop ends it.

Each clock yields a finding (late, missed, overdue), a deadline (still running) or, when
its outcome came in time, a `MetClock`.

For each trigger the clock is met by the first satisfying event after it, or ended by the
first stopping event (a plan closed before its review was due), or still running on the
audit date. Imprecise dates are judged under every reading (see `deadlines.lateness`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from casework.domain.audit.findings import Deadline, Finding, MetClock, date_range_text, finding_for
from casework.domain.audit.scope import Unit
from casework.domain.calendar import WorkingCalendar
from casework.domain.chronology import Case
from casework.domain.dates import CaseDate
from casework.domain.deadlines import Due, due_over, lateness
from casework.domain.events import EVENT_TYPE_BY_NAME, Event
from casework.domain.rules.load import rule_by_id
from casework.domain.rules.model import Limits, Matcher, Rule


@dataclass(frozen=True)
class Clock:
    """One clock: its rule, the unit's events, the event that started it and the rule's other
    starts in the unit (an earlier review belongs to its own clock, never answers this one)."""

    rule: Rule
    unit: Unit
    trigger: Event
    starts: tuple[Event, ...]
    passed_over: tuple[Event, ...] = ()
    """Stops that may have come before the trigger, in the reading being judged (`_evaluate_clock`)."""

    def after(self, matchers: Sequence[Matcher], as_of: date) -> Event | None:
        return _after(self.unit, self.trigger, matchers, as_of, self.starts, self.passed_over)

    def limit(self, as_of: date) -> tuple[Limits, bool]:
        """The rule's dated limit, or the extended one when an extension is recorded for this
        clock; which figure of it governs is the trigger date's (`due_over`)."""
        rule = self.rule
        assert rule.limit is not None
        if rule.extension is not None and self.after(rule.extension.by, as_of):
            return rule.extension.limit, True
        return rule.limit, False


def _matching(events: Sequence[Event], matchers: Sequence[Matcher]) -> list[Event]:
    return [e for e in events if any(m.matches(e) for m in matchers)]


def triggers(rule: Rule, unit: Unit, as_of: date) -> list[Event]:
    """Events that start this rule's clock; the first trigger type present takes precedence."""
    if rule.only_if and not _matching(unit.events, rule.only_if):
        return []
    for matcher in rule.trigger:
        found = [e for e in unit.events if _trigger_matches(matcher, unit, e) and e.date.earliest <= as_of]
        if found:
            found = [e for e in found if rule.in_force_on(e.date.latest)]
            if rule.trigger_selection == "first":
                return found[:1]
            return found[1:] if rule.trigger_selection == "after_first" else found
    return []


def _with_expiries(rule: Rule, unit: Unit, as_of: date,
                   calendar: WorkingCalendar) -> tuple[Unit, tuple[Event, ...]]:
    """Where no trigger event is present, the clock starts when a `trigger_expired` rule's
    clock ran out with its outcome missing: each such expiry becomes an event of the unit,
    dated to that clock's due date, so the clock is counted and reported like any other.
    The rules named are the shipped ones (a council's override of them is not seen here)."""
    expiries = tuple(e for other in rule.trigger_expired
                     for e in _expiries(rule_by_id(other), unit, as_of, calendar))
    if not expiries:
        return unit, ()
    events = tuple(sorted((*unit.events, *expiries), key=lambda e: e.date.earliest))
    return replace(unit, events=events), tuple(e for e in expiries if rule.in_force_on(e.date.latest))


def _expiries(other: Rule, unit: Unit, as_of: date, calendar: WorkingCalendar) -> Iterator[Event]:
    """The days `other`'s clocks ran out before `as_of` with nothing by then (certainly) that
    met or ended them."""
    starts = tuple(triggers(other, unit, as_of))
    for trigger in starts:
        clock = Clock(other, unit, trigger, starts)
        limit, _ = clock.limit(as_of)
        due = due_over(limit, trigger.date, calendar)
        ended = [e for e in (clock.after(other.satisfied_by, as_of), clock.after(other.stopped_by, as_of)) if e]
        if due.latest >= as_of or any(e.date.earliest <= due.latest for e in ended):
            continue  # still running, or met or ended (the complaint moved on) in time
        when = (CaseDate.exact(due.latest) if due.earliest == due.latest else
                CaseDate(due.earliest, due.latest, "bounds", date_range_text(due.earliest, due.latest)))
        yield Event(f"{trigger.id}.expired", f"{other.id}_time_expired", when, trigger.children,
                    dict(trigger.details), note=f"the {other.id} clock ran out with no outcome recorded")


def _trigger_matches(matcher: Matcher, unit: Unit, event: Event) -> bool:
    """A trigger matcher with its own condition (an advocate starts stage 1 only when one was
    asked for) needs that condition met by some event of the unit."""
    return matcher.matches(event) and (not matcher.only_if or bool(_matching(unit.events, matcher.only_if)))


def _after(unit: Unit, trigger: Event, matchers: Sequence[Matcher], as_of: date,
           starts: Collection[Event] = (), passed_over: Collection[Event] = ()) -> Event | None:
    """The first event that matches and could be on or after `trigger`, in chronological order.

    An event listed before the trigger (its earliest reading is earlier) still answers it when
    some reading falls on or after the trigger's earliest: "a response in March 2025" answers a
    complaint of 3 March 2025, read as 3–31 March (`narrowed`). An earlier event that itself
    starts this rule's clock (a previous review) belongs to its own clock, not this one.
    """
    events = unit.events
    start = events.index(trigger)
    for index, event in enumerate(events):
        if (index == start or event in passed_over or event.date.earliest > as_of
                or not any(m.matches(event) for m in matchers)):
            continue
        if index < start and (event.date.latest < trigger.date.earliest or event in starts):
            continue
        return event
    return None


def _earlier(unit: Unit, trigger: Event, matchers: Sequence[Matcher]) -> Event | None:
    """The latest matching event wholly before `trigger`."""
    found = [e for e in unit.events if e.date.latest < trigger.date.earliest and any(m.matches(e) for m in matchers)]
    return found[-1] if found else None


def narrowed(when: CaseDate, trigger: Event) -> CaseDate:
    """The readings of an outcome on or after its trigger's earliest reading."""
    if when.earliest >= trigger.date.earliest:
        return when
    return CaseDate(trigger.date.earliest, when.latest, "bounds",
                    f"{when}, on or after the {trigger.type.replace('_', ' ')} ({trigger.date})")


def evaluate(rule: Rule, case: Case, unit: Unit, as_of: date,
             calendar: WorkingCalendar) -> Iterator[Finding | Deadline | MetClock]:
    for count in counts(rule, case, unit, as_of, calendar):
        yield from count.primary


@dataclass(frozen=True)
class Count:
    """One trigger's clock. `alternative` is kept for readers of the clocks ledger and is
    always empty now: the counting from a second point (`also_from`, stage 2 from the agreed
    statement) is shown in the clock's own working, never reported as a second finding."""

    trigger: Event
    primary: tuple[Finding | Deadline | MetClock, ...]
    alternative: tuple[Finding, ...] = ()

    @property
    def primary_certain(self) -> bool:
        return any(isinstance(f, Finding) and f.certainty == "certain" for f in self.primary)


def counts(rule: Rule, case: Case, unit: Unit, as_of: date,
           calendar: WorkingCalendar) -> Iterator[Count]:
    starts = tuple(triggers(rule, unit, as_of))
    if not starts and rule.trigger_expired:
        unit, starts = _with_expiries(rule, unit, as_of, calendar)
    for trigger in starts:
        yield Count(trigger, tuple(_evaluate_clock(Clock(rule, unit, trigger, starts), case, as_of, calendar)))


@dataclass(frozen=True)
class _Judging:
    """A clock with its limit settled: what `_judge` and the reports read."""

    rule: Rule
    unit: Unit
    trigger: Event
    limit: Limits
    extended: bool
    doubtful: bool = False
    """Some reading of the dates puts a stop of this clock before its trigger, so nothing
    judged here is certain."""


def _evaluate_clock(start: Clock, case: Case, as_of: date, calendar: WorkingCalendar,
                    doubtful: bool = False) -> Iterator[Finding | Deadline | MetClock]:
    rule, unit, trigger = start.rule, start.unit, start.trigger
    limit, extended = start.limit(as_of)
    clock = _Judging(rule, unit, trigger, limit, extended, doubtful)
    due = due_over(limit, trigger.date, calendar)
    outcome = start.after(rule.satisfied_by, as_of)
    if outcome is None and rule.parameters.get("outcome_may_precede"):
        # A duty that may be done before its trigger (a care plan prepared before the child is
        # placed, reg 4(2) of SI 2010/959) is met by a record of it at any earlier time.
        earlier = _earlier(unit, trigger, rule.satisfied_by)
        if earlier is not None:
            yield _met(clock, due, earlier, earlier.date)
            return
    stop = start.after(rule.stopped_by, as_of) if rule.stopped_by else None
    if stop is not None and outcome is not None and unit.events.index(outcome) < unit.events.index(stop):
        stop = None
    if outcome is not None and stop is None:
        when = narrowed(outcome.date, trigger)
        also = _also_counted(start, clock, when, as_of, calendar)
        late = [_with_lines(f, also) for f in _judge(clock, case, due, when, outcome, "late", calendar)]
        yield from late
        if not late:
            yield _with_lines(_met(clock, due, outcome, when), also)
    elif stop is not None:
        yield from _stopped(start, clock, case, due, stop, as_of, calendar)
    else:
        today = CaseDate.exact(as_of)
        also = _also_counted(start, clock, today, as_of, calendar)
        found = [_with_lines(f, also) for f in _judge(clock, case, due, today, None, "overdue", calendar)]
        yield from found
        if not found:
            yield _deadline(clock, due)


def _stopped(start: Clock, clock: _Judging, case: Case, due: Due, stop: Event, as_of: date,
             calendar: WorkingCalendar) -> Iterator[Finding | Deadline | MetClock]:
    """A clock ended by `stop`. When some reading puts the stop before the trigger (a case
    closed on 1 April, a strategy discussion "in April"), the stop may not have ended this
    clock at all: the clock is also judged without it, and either way is only possible."""
    when = narrowed(stop.date, clock.trigger)
    may_precede = stop.date.earliest < clock.trigger.date.latest
    judging = replace(clock, doubtful=clock.doubtful or may_precede)
    also = _also_counted(start, judging, when, as_of, calendar)
    ended = [_with_lines(f, also) for f in _judge(judging, case, due, when, stop, "missed", calendar)]
    if ended or not may_precede:
        yield from ended
        return
    passed_over = replace(start, passed_over=(*start.passed_over, stop))
    note = (f"the {stop.type.replace('_', ' ')} '{stop.id}' ({stop.date}) may have come before the "
            f"{clock.trigger.type.replace('_', ' ')} ({clock.trigger.date}), so may not have ended this clock")
    yield from (_with_lines(f, (note,)) for f in _evaluate_clock(passed_over, case, as_of, calendar, doubtful=True)
                if isinstance(f, Finding))


Reported = TypeVar("Reported", Finding, MetClock)


def _with_lines(item: Reported, lines: tuple[str, ...]) -> Reported:
    return replace(item, working=(*item.working, *lines)) if lines else item


def _also_counted(start: Clock, clock: _Judging, when: CaseDate, as_of: date,
                  calendar: WorkingCalendar) -> tuple[str, ...]:
    """The same clock counted from a second point beside it (stage 2 from the agreed statement as
    well as from the request), with the working days between the two: shown, never judged."""
    rule, trigger = clock.rule, clock.trigger
    if not rule.also_from:
        return ()
    other = start.after(rule.also_from, as_of)
    if other is None:
        return ()
    other_due = due_over(clock.limit, narrowed(other.date, trigger), calendar)
    late = lateness(other_due, when, calendar)
    gap_low = max(calendar.working_days_after(trigger.date.latest, other.date.earliest), 0)
    gap_high = max(calendar.working_days_after(trigger.date.earliest, other.date.latest), 0)
    gap = f"{gap_low}" if gap_low == gap_high else f"{gap_low}–{gap_high}"
    name = other.type.replace("_", " ")
    verdict = ("in time" if late.certainty is None else
               f"late by {_span(late.low if late.certainty == 'certain' else 0, late.high)} working days")
    return (f"counted instead from the {name} '{other.id}' ({other.date}): due "
            f"{date_range_text(other_due.earliest, other_due.latest)}, {verdict}; "
            f"{gap} working days between the {trigger.type.replace('_', ' ')} and the {name}",)


def _span(low: int, high: int) -> str:
    return f"{low}–{high}" if low != high else f"{high}"


def _judge(clock: _Judging, case: Case, due: Due, when: CaseDate, outcome: Event | None,
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
    if clock.doubtful:
        certainty = "possible"
    # A possible finding is late by anything from 0: its range, its working and whether it
    # went beyond the extension all say so, in the JSON as on the page.
    low = late.low if certainty == "certain" else 0
    beyond = _beyond_extension(clock, when, calendar)
    if beyond == "certain" and certainty == "possible":
        beyond = "possible"
    yield finding_for(
        clock.rule, on=clock.trigger.date.latest, kind=kind, certainty=certainty,
        summary=_summary(clock, kind, when, outcome),
        children=clock.unit.children, complaint=clock.unit.complaint,
        trigger_id=clock.trigger.id, outcome_id=outcome.id if outcome else None,
        due_earliest=due.earliest, due_latest=due.latest,
        late_by_min=low, late_by_max=late.high, beyond_extension=beyond,
        working=_working(clock, due, low, late.high),
    )


def _complete(case: Case, rule: Rule) -> bool:
    return all(case.is_complete_for(EVENT_TYPE_BY_NAME[m.type].category, m.type) for m in rule.satisfied_by)


def _beyond_extension(clock: _Judging, when: CaseDate, calendar: WorkingCalendar) -> str | None:
    ext = clock.rule.extension
    if ext is None or clock.extended:
        return None
    return lateness(due_over(ext.limit, clock.trigger.date, calendar), when, calendar).certainty


def _summary(clock: _Judging, kind: str, when: CaseDate, outcome: Event | None) -> str:
    rule, trigger = clock.rule, clock.trigger
    start = f"{trigger.type.replace('_', ' ')} ({trigger.date})"
    figure = clock.limit.text_over(trigger.date.earliest, trigger.date.latest)
    limit = f"{figure}{' (extended)' if clock.extended else ''}"
    if kind == "late" and outcome is not None:
        return f"{outcome.type.replace('_', ' ')} on {when} — more than {limit} after the {start}"
    if kind == "missed" and outcome is not None:
        return (f"no {rule.satisfied_by[0].type.replace('_', ' ')} within {limit} of the {start}; "
                f"the clock ended with the {outcome.type.replace('_', ' ')} ({when})")
    if kind == "not_evidenced":
        return f"no record of the duty to {rule.must} within {limit} of the {start}"
    return f"still no {rule.satisfied_by[0].type.replace('_', ' ')}: {limit} from the {start} have passed"


def _working(clock: _Judging, due: Due, low: int, high: int) -> tuple[str, ...]:
    lines = [f"trigger: {clock.trigger.type} '{clock.trigger.id}' ({clock.trigger.date})", *due.working]
    if high:
        lines.append(f"late by {_span(low, high)} working days")
    return tuple(lines)


def _deadline(clock: _Judging, due: Due) -> Deadline:
    rule = clock.rule
    return Deadline(
        rule_id=rule.id, title=rule.title_on(clock.trigger.date.latest),
        citation=rule.source.citation(clock.trigger.date.latest), must=rule.must,
        due_earliest=due.earliest, due_latest=due.latest, children=clock.unit.children,
        complaint=clock.unit.complaint, trigger_id=clock.trigger.id, working=due.working,
    )


def _met(clock: _Judging, due: Due, outcome: Event, when: CaseDate) -> MetClock:
    rule = clock.rule
    return MetClock(
        rule_id=rule.id, title=rule.title_on(clock.trigger.date.latest),
        citation=rule.source.citation(clock.trigger.date.latest), trigger_id=clock.trigger.id, outcome_id=outcome.id,
        due_earliest=due.earliest, due_latest=due.latest,
        met_earliest=when.earliest, met_latest=when.latest, extended=clock.extended,
        children=clock.unit.children, complaint=clock.unit.complaint,
        working=(f"trigger: {clock.trigger.type} '{clock.trigger.id}' ({clock.trigger.date})", *due.working,
                 f"met: {outcome.type} '{outcome.id}' ({outcome.date})"),
    )
