"""A case: its council, children, people with parental responsibility, and dated events.

`Case.events` is always in chronological order (earliest reading first, then the order the
record gave). `check_case` states the invariants a chronology must meet before it is
audited or stored; it returns every problem, each naming the event, field and fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from casework.domain import corrections
from casework.domain.dates import CaseDate
from casework.domain.errors import Problem
from casework.domain.events import EVENT_TYPE_BY_NAME, FINDINGS, Detail, Event
from casework.domain.limits import AMOUNT_FIX, check_amount

# An event of the key type answers one of the listed types for the same child or complaint;
# dated certainly before every one of them, it is a mistake in the record.
FOLLOWS: Mapping[str, tuple[str, ...]] = {
    "assessment_completed": ("referral", "assessment_started"),
    "assessment_started": ("referral",),
    "cin_review": ("cin_plan_started",),
    "cin_plan_closed": ("cin_plan_started",),
    "cp_plan_ended": ("cp_plan_started",),
    "rcpc": ("icpc",),
    "core_group": ("icpc",),
    "icpc": ("strategy_discussion",),
    "s47_enquiry": ("strategy_discussion",),
    "stage1_response": ("complaint_received",),
    "stage2_started": ("stage2_requested",),
    "stage2_response": ("stage2_requested", "stage2_started"),
    "stage3_requested": ("stage2_response",),
    "stage3_panel": ("stage3_requested",),
    "stage3_panel_report": ("stage3_panel",),
    "stage3_response": ("stage3_panel",),
}


@dataclass(frozen=True)
class Child:
    """A child, by pseudonym. Date of birth is optional; disability matters (s17(10)–(11)).

    Sex and ethnicity are the census's codes (Sex M/F/U, Ethnicity WBRI, MWBC…): optional,
    kept so a chronology read from a census writes back a census DfE accepts.
    """

    id: str
    date_of_birth: date | None = None
    disabled: bool = False
    clinically_vulnerable: bool = False
    note: str = ""
    sex: str | None = None
    ethnicity: str | None = None
    # The census's other identifiers (UPN, FormerUPN, UPNunknown, ExpectedPersonBirthDate,
    # GenderCurrent, PersonDeathDate) as given, and every Disability code in order.
    identifiers: Mapping[str, str] = field(default_factory=dict)
    disabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """An adult in the case (parent, carer, grandparent) and the children they hold PR for."""

    id: str
    role: str
    parental_responsibility_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    council: str
    title: str = ""
    children: tuple[Child, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    source: str = ""
    where: str = field(default="", compare=False)  # the file it was read from, for errors only
    # Event categories or event types the record is complete for; None means complete for
    # all. A decision that "outlines key events" is not: a missing event there is not
    # evidence of absence.
    complete_for: frozenset[str] | None = None
    # The first day the record shows; None: all of it. A census return shows only its year, so
    # an outcome before 1 April (an assessment authorised in the previous year) is not in it:
    # a clock started before this day cannot be found certainly breached by what is missing.
    complete_from: date | None = None
    # What corrections and withdrawals superseded, and those entries themselves
    # (domain/corrections.py). `events` is the chronology as it now stands.
    history: tuple[Event, ...] = ()

    def __post_init__(self) -> None:
        events, history = corrections.supersede(self.events, self.history)
        object.__setattr__(self, "history", history)
        object.__setattr__(self, "events", chronological(events))

    @property
    def written(self) -> tuple[Event, ...]:
        """The record as written: every entry, superseded or not, and every correction and
        withdrawal (what a file or the store holds; `Case(events=written)` is this case)."""
        superseded = {e.id for e in self.history if not corrections.supersedes(e)}
        return chronological([*(e for e in self.events if e.id not in superseded), *self.history])

    def versions(self) -> list[corrections.Version]:
        """The chronology as shown: every entry, with what superseded it (if anything)."""
        return corrections.versions(self.events, self.history)

    def entry(self, event_id: str) -> Event | None:
        """Any entry written, standing or superseded, by id (a standing one first)."""
        return self.event(event_id) or next((e for e in self.history if e.id == event_id), None)

    @property
    def child_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.children)

    def child(self, child_id: str) -> Child | None:
        return next((c for c in self.children if c.id == child_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def of_type(self, *types: str) -> Iterator[Event]:
        return (e for e in self.events if e.type in types)

    def parental_responsibility(self, child_id: str) -> tuple[Person, ...]:
        return tuple(p for p in self.people if child_id in p.parental_responsibility_for)

    def with_event(self, event: Event) -> Case:
        return replace(self, events=(*self.events, event))

    def shows_all_after(self, day: date) -> bool:
        """Whether every event after `day` would be in this record (see `complete_from`)."""
        return self.complete_from is None or day >= self.complete_from

    def is_complete_for(self, category: str, event_type: str = "") -> bool:
        """Whether absence from this record means absence in fact, for a category or type."""
        return (self.complete_for is None or category in self.complete_for
                or (bool(event_type) and event_type in self.complete_for))


def chronological(events: Iterable[Event]) -> tuple[Event, ...]:
    """Sort by earliest reading, then latest; the record's own order breaks ties (stable)."""
    return tuple(sorted(events, key=lambda e: (e.date.earliest, e.date.latest)))


def check_case(case: Case) -> list[Problem]:
    """Every invariant a chronology must meet, as a list of problems (empty when sound)."""
    problems: list[Problem] = []
    problems += _check_people(case)
    seen: dict[str, Event] = {}
    for index, event in enumerate(case.events):
        problems += _check_event(case, event, index, seen)
        seen.setdefault(event.id, event)
    for index, event in enumerate(e for e in case.history if corrections.supersedes(e)):
        problems += _check_event(case, event, index, seen)
        seen.setdefault(event.id, event)
    problems += [_problem(case, i.event, f"events.{i.event.id}.{i.field}", i.problem, i.fix)
                 for i in corrections.problems(case.events, case.history)]
    problems += _check_order(case)
    return problems


def _problem(case: Case, event: Event | None, field_: str, problem: str, fix: str) -> Problem:
    line = event.line if event is not None else None
    return Problem(where=case.where or case.id, field=field_, problem=problem, fix=fix, line=line)


def _check_people(case: Case) -> list[Problem]:
    problems = []
    known = set(case.child_ids)
    for person in case.people:
        for child in person.parental_responsibility_for:
            if child not in known:
                problems.append(_problem(
                    case, None, f"people.{person.id}.parental_responsibility_for",
                    f"'{child}' is not one of the case's children ({', '.join(sorted(known))})",
                    "add the child under 'children' or correct the name"))
    return problems


def _check_event(case: Case, event: Event, index: int, seen: Mapping[str, Event]) -> list[Problem]:
    where = f"events.{event.id}"
    problems: list[Problem] = []
    if event.id in seen:
        problems.append(_problem(case, event, f"{where}.id",
                                 f"the id '{event.id}' is used twice",
                                 "give every event its own id"))
    etype = EVENT_TYPE_BY_NAME.get(event.type)
    if etype is None:
        problems.append(_problem(
            case, event, f"{where}.type", f"'{event.type}' is not an event type casework knows",
            "use one of the types listed by `casework events` (e.g. referral, cin_review)"))
        return problems
    for child in event.children:
        if child not in case.child_ids:
            problems.append(_problem(
                case, event, f"{where}.children",
                f"'{child}' is not one of the case's children ({', '.join(case.child_ids)})",
                "add the child under 'children' or correct the name"))
    for key, spec in etype.details.items():
        if spec.required and key not in event.details:
            problems.append(_problem(case, event, f"{where}.details.{key}",
                                     f"a {event.type} needs '{key}' ({spec.meaning})",
                                     f"add '{key}' under details"))
    for key, value in event.details.items():
        spec_or_none = etype.details.get(key)
        if spec_or_none is None:
            allowed = ", ".join(etype.details) or "none"
            problems.append(_problem(case, event, f"{where}.details.{key}",
                                     f"a {event.type} has no detail '{key}'",
                                     f"use one of: {allowed}"))
            continue
        message = _detail_problem(case, spec_or_none, value)
        if message:
            problems.append(_problem(case, event, f"{where}.details.{key}", *message))
    return problems


def _detail_problem(case: Case, spec: Detail, value: object) -> tuple[str, str] | None:
    kind = spec.kind
    if kind == "bool" and not isinstance(value, bool):
        return f"'{value}' is not true or false", "write true or false"
    if kind == "money" and (refused := check_amount(value)):
        return refused, AMOUNT_FIX
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return f"'{value}' is not a whole number", "write a whole number"
    if kind == "date" and not isinstance(value, date | CaseDate):
        return f"'{value}' is not a date", "write a date as YYYY-MM-DD"
    if kind == "choice" and value not in spec.choices:
        return f"'{value}' is not allowed", f"use one of: {', '.join(spec.choices)}"
    if kind == "details" and not isinstance(value, Mapping):
        return f"'{value}' is not a set of details", "write them as {name: value, ...}"
    if kind == "children":
        unknown = _unknown(value, set(case.child_ids))
        if unknown:
            return f"unknown children {unknown}", "name children listed under 'children'"
    if kind == "event" and case.event(str(value)) is None:
        return f"no event has the id '{value}'", "name the id of an event in this chronology"
    if kind == "people":
        unknown = _unknown(value, {p.id for p in case.people})
        if unknown:
            return f"unknown people {unknown}", "name people listed under 'people'"
    if kind == "findings":
        return _findings_problem(value)
    if kind == "codes" and not (isinstance(value, list | tuple) and all(
            isinstance(v, str) or (isinstance(v, list | tuple) and all(isinstance(x, str) for x in v))
            for v in value)):
        return f"'{value}' is not a list of codes", "write a list, e.g. [2B, 3A]"
    return None


def _unknown(value: object, known: set[str]) -> list[str]:
    items = value if isinstance(value, list | tuple) else [value]
    return [str(v) for v in items if str(v) not in known]


def _findings_problem(value: object) -> tuple[str, str] | None:
    if not isinstance(value, Mapping):
        return "findings must map point numbers to findings", "write e.g. {1: upheld, 2: not_upheld}"
    bad = [str(v) for v in value.values() if v not in FINDINGS]
    if bad:
        return f"unknown finding(s) {bad}", f"use one of: {', '.join(FINDINGS)}"
    return None


def _check_order(case: Case) -> list[Problem]:
    problems = []
    for event in case.events:
        for prior_type in FOLLOWS.get(event.type, ()):
            priors = [p for p in case.of_type(prior_type) if _related(event, p)]
            if priors and all(event.date.latest < p.date.earliest for p in priors):
                first = min(priors, key=lambda p: p.date.earliest)
                problems.append(_problem(
                    case, event, f"events.{event.id}.date",
                    f"the {event.type} ({event.date}) is dated before the {prior_type} it "
                    f"follows ('{first.id}', {first.date})",
                    "check both dates; an outcome cannot come before its trigger"))
    return problems


def _related(a: Event, b: Event) -> bool:
    if a.complaint is not None or b.complaint is not None:
        return a.complaint == b.complaint
    return not a.children or not b.children or bool(set(a.children) & set(b.children))
