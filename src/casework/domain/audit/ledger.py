"""Every clock of a case as the record stands: the audit's projection a store keeps as rows.

The audit judges a clock on an audit date. Once the record holds the events up to that
date, one thing about a clock still changes as days pass: whether the day is past its due
range. Due dates do not move. So `clock_records` audits the case once, at its horizon
(`horizon`: three years after its last event, when every recorded event counts and every
open clock has run out), and keeps each clock's due range
and what the audit reports when it runs out; `standing_on` then compares a day with the due
range — the comparison `deadlines.lateness` makes — which a store can make in SQL as well:

    lapsed on day D:  D > due_earliest       certainly lapsed:  D > due_latest

`standing_on(record, D)` is what `audit_case(case, D)` lists for that clock among its
overdue findings and open deadlines, for any D on or after the case's recorded events (a
day before some of them is a question for `audit_case` itself). The ledger holds the
clocks of the rules whose checks run clocks (`CLOCK_CHECKS`); other practice duties
raise findings but run no clock.

A rule's version (`rule_version`) is a fingerprint of the rule as loaded, stored with each
record, so a record computed under an older rule is visible as stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from casework.domain.audit import audit_case, clocks
from casework.domain.audit.action_checks import action_must
from casework.domain.audit.findings import AuditReport, Certainty, Deadline, Finding, MetClock
from casework.domain.audit.scope import units_for
from casework.domain.calendar import LAST_YEAR, WorkingCalendar, england
from casework.domain.chronology import Case
from casework.domain.dates import CaseDate
from casework.domain.deadlines import Due, lateness
from casework.domain.rules import load_rules
from casework.domain.rules.model import Rule

LAST_DAY = date(LAST_YEAR, 12, 31)
AFTER_LAST_EVENT = timedelta(days=3 * 365)


def horizon(case: Case) -> date:
    """A day after every recorded event and (but for an agreed deadline years away) every
    due date; not far beyond them, as counting working days to it costs time."""
    last = max((e.date.latest for e in case.events), default=LAST_DAY - AFTER_LAST_EVENT)
    return min(last + AFTER_LAST_EVENT, LAST_DAY)
# The checks that run clocks (a plan's closure procedure includes the closure letter's).
CLOCK_CHECKS = frozenset({"timescale", "action_evidenced", "closure_procedure"})

State = Literal["open", "met", "late", "missed", "not_evidenced", "duty"]
Lapse = Literal["overdue", "not_evidenced"]
Status = Literal["due", "overdue"]
BUCKETS = ("overdue", "this_week", "next_week", "later")


@dataclass(frozen=True)
class ClockRecord:
    """One clock: its rule, whom it concerns, what started and ended it, and its due range.

    `state` is "open" while nothing has met or stopped the clock; otherwise the audit's
    judgement (met, late, missed, not_evidenced; duty for a clock rule's finding that is
    not about time) with its `certainty`. An open clock that
    runs out is reported as `lapses_as`: overdue, or (the record may simply not show the
    event) not evidenced, which is a finding but not on the list of what is overdue.
    `alternative_until` marks a count from an earlier event (stage 2 from the request): it
    is listed only once it has run out, and only up to that day (after it the count from
    the trigger itself is a certain breach).
    """

    rule_id: str
    rule_version: str
    title: str
    citation: str
    must: str
    summary: str
    state: State
    children: tuple[str, ...] = ()
    complaint: str | None = None
    trigger_id: str | None = None
    outcome_id: str | None = None
    due_earliest: date | None = None
    due_latest: date | None = None
    certainty: Certainty | None = None
    lapses_as: Lapse = "overdue"
    alternative_until: date | None = None


@dataclass(frozen=True)
class DueFilter:
    """Which open clocks: a council's, on a day, for a team, worker, rule or calendar week."""

    councils: tuple[int, ...]
    day: date
    team: str | None = None
    worker: str | None = None
    rule: str | None = None
    bucket: str | None = None

    @property
    def monday(self) -> date:
        return self.day - timedelta(days=self.day.weekday())


@dataclass(frozen=True)
class Standing:
    """How an open clock stands on a day: due (still running) or overdue, and how late."""

    status: Status
    certainty: Certainty | None = None
    late_by_min: int | None = None
    late_by_max: int | None = None


def rule_version(rule: Rule) -> str:
    """A short fingerprint of everything the rule says (not where its file lives)."""
    return hashlib.sha256(repr(replace(rule, path="")).encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _clock_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules() if r.check in CLOCK_CHECKS)


def clock_rules(rules: Iterable[Rule] | None = None) -> tuple[Rule, ...]:
    return _clock_rules() if rules is None else tuple(r for r in rules if r.check in CLOCK_CHECKS)


def current_versions(rules: Iterable[Rule] | None = None) -> dict[str, str]:
    """Each clock rule's id and its version now."""
    if rules is None:
        return dict(_default_versions())
    return {r.id: rule_version(r) for r in clock_rules(rules)}


@lru_cache(maxsize=1)
def _default_versions() -> tuple[tuple[str, str], ...]:
    """Worked out once: the rules as loaded do not change while the process runs."""
    return tuple((r.id, rule_version(r)) for r in _clock_rules())


def clock_records(case: Case, rules: Sequence[Rule] | None = None,
                  calendar: WorkingCalendar | None = None) -> tuple[ClockRecord, ...]:
    """Every clock of `case`, in a stable order (see the module docstring)."""
    chosen = clock_rules(rules)
    versions = current_versions(rules)
    counted_twice = [r for r in chosen if r.also_from and r.check == "timescale"]
    plain = [r for r in chosen if r not in counted_twice]
    by_id = {r.id: r for r in chosen}
    records = [_record(item, versions[item.rule_id], must=_must(by_id[item.rule_id], case, item))
               for item in _items(audit_case(case, horizon(case), plain, calendar))]
    for rule in counted_twice:
        records += _counted_twice(rule, versions[rule.id], case, calendar or england())
    return tuple(sorted(_merged(records), key=_order))


def _items(report: AuditReport) -> list[Finding | Deadline | MetClock]:
    return [*report.findings, *report.due, *report.met]


def _must(rule: Rule, case: Case, item: Finding | Deadline | MetClock) -> str:
    """What the clock asks for, as the audit words it while the clock is running."""
    if isinstance(item, Deadline):
        return item.must
    action = case.event(item.trigger_id) if item.trigger_id else None
    if rule.check == "action_evidenced" and action is not None:
        return action_must(rule, action)
    return rule.must


def _record(item: Finding | Deadline | MetClock, version: str, must: str = "",
            alternative_until: date | None = None) -> ClockRecord:
    if isinstance(item, MetClock):
        return ClockRecord(item.rule_id, version, item.title, item.citation, must, "", "met",
                           item.children, item.complaint, item.trigger_id, item.outcome_id,
                           item.due_earliest, item.due_latest)
    if isinstance(item, Deadline):  # due after the horizon: open; nothing says how it lapses
        return ClockRecord(item.rule_id, version, item.title, item.citation, must, "", "open",
                           item.children, item.complaint, item.trigger_id, None,
                           item.due_earliest, item.due_latest)
    is_open = (item.outcome_id is None and item.due_earliest is not None
               and item.kind in ("overdue", "not_evidenced"))
    return ClockRecord(
        item.rule_id, version, item.title, item.citation, must, item.summary,
        "open" if is_open else item.kind,  # type: ignore[arg-type]
        item.children, item.complaint, item.trigger_id, item.outcome_id,
        item.due_earliest, item.due_latest, None if is_open else item.certainty,
        "overdue" if item.kind == "overdue" else "not_evidenced",
        alternative_until if is_open else None)


def _counted_twice(rule: Rule, version: str, case: Case,
                   calendar: WorkingCalendar) -> list[ClockRecord]:
    """A rule with `also_from`: each clock, and its count from the earlier event kept apart,
    since whether the audit lists that count depends on the day."""
    cal = calendar.statutory() if rule.statutory else calendar
    if rule.parameters.get("complainant_limit"):
        return []
    records: list[ClockRecord] = []
    for unit in units_for(rule, case):
        for count in clocks.counts(rule, case, unit, horizon(case), cal):
            records += [_record(item, version, rule.must) for item in count.primary]
            records += [_record(f, version, rule.must, _listed_until(count))
                        for f in count.alternative]
    return records


def _listed_until(count: clocks.Count) -> date:
    """The last day the audit lists the count from the earlier event: while the clock itself
    has no certain breach (until its latest due date, if it is still running)."""
    if any(isinstance(i, Finding) and i.is_certain and i.outcome_id is not None
           for i in count.primary):
        return date.min
    running = [i.due_latest for i in count.primary if isinstance(i, Finding)
               and i.outcome_id is None and i.kind == "overdue" and i.due_latest is not None]
    return max(running, default=LAST_DAY)


def _merged(records: list[ClockRecord]) -> list[ClockRecord]:
    """One record per clock, listing every child it concerns (as the audit merges them)."""
    merged: dict[ClockRecord, ClockRecord] = {}
    for record in records:
        key = replace(record, children=())
        prior = merged.get(key)
        merged[key] = record if prior is None else replace(
            prior, children=tuple(dict.fromkeys((*prior.children, *record.children))))
    return list(merged.values())


def _order(r: ClockRecord) -> tuple[object, ...]:
    return (r.rule_id, r.complaint or "", r.trigger_id or "", r.due_earliest or date.min,
            r.due_latest or date.min, r.state, r.outcome_id or "", r.alternative_until or date.min,
            r.summary, r.children)


def standing_on(record: ClockRecord, day: date,
                calendar: WorkingCalendar | None = None) -> Standing | None:
    """What the audit on `day` lists for this clock: due, overdue, or nothing (it is closed,
    or it ran out as "not evidenced", or it is a count from an earlier event not listed)."""
    if record.state != "open" or record.due_earliest is None or record.due_latest is None:
        return None
    late = lateness(Due(record.due_earliest, record.due_latest, ()), CaseDate.exact(day),
                    calendar or england())
    if late.certainty is None:
        return Standing("due") if record.alternative_until is None else None
    if record.lapses_as != "overdue":
        return None
    if record.alternative_until is not None:
        if day > record.alternative_until:
            return None
        return Standing("overdue", "possible", late.low if late.certainty == "certain" else 0,
                        late.high)
    return Standing("overdue", late.certainty,  # type: ignore[arg-type]
                    late.low if late.certainty == "certain" else 0, late.high)
