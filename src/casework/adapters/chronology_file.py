"""Chronology files (YAML or JSON): read, validated with pydantic, and written back.

Every problem names the file, the line and the field, and says what to do. A file with any
problem yields no case at all: callers never see a half-read chronology.

Format (see examples/ for the five seed cases):

    case: wirral-19-020-817
    council: wirral
    title: Child in need plans never reviewed
    children: [{id: P, disabled: true}]
    people: [{id: mrs_x, role: mother, parental_responsibility_for: [P]}]
    events:
      - {id: ref, type: referral, date: 2018-06, children: [P], source: "para 12"}
      - id: s2req
        type: stage2_requested
        date: {after: s1, before: 2024-03}     # bounds: an event id or a date
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from casework.adapters.chronology_writer import case_to_mapping, date_to_spec, dump_case
from casework.domain.calendar import FIRST_YEAR, LAST_YEAR
from casework.domain.chronology import Case, Child, Person, check_case
from casework.domain.corrections import CORRECTED
from casework.domain.dates import DATE_FORMS, CaseDate, DateError
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import Event
from casework.domain.yaml_source import LineMap, load_yaml_with_lines

SLUG = r"^[a-z0-9][a-z0-9_.-]*$"
DateSpec = str | date | int | dict[str, str | date | int]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ChildSpec(_Strict):
    id: str = Field(min_length=1)
    date_of_birth: date | None = None
    disabled: bool = False
    clinically_vulnerable: bool = False
    note: str = ""
    sex: str | None = None
    ethnicity: str | None = None
    identifiers: dict[str, str] = {}
    disabilities: list[str] = []


class PersonSpec(_Strict):
    id: str = Field(min_length=1)
    role: str = Field(min_length=1)
    parental_responsibility_for: list[str] = []


class EventSpec(_Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    type: str
    date: DateSpec
    children: list[str] | str = []
    details: dict[str, Any] = {}
    note: str = ""
    source: str = ""


class CaseSpec(_Strict):
    case: str = Field(min_length=1, pattern=SLUG)
    council: str = Field(min_length=1, pattern=SLUG)
    title: str = ""
    source: str = ""
    complete_for: list[str] | None = None
    complete_from: date | None = None
    children: list[ChildSpec] = []
    people: list[PersonSpec] = []
    events: list[EventSpec] = []


def read_case_file(path: str | Path) -> Case:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CaseworkError.single(str(path), "", f"cannot read the file ({exc.strerror})",
                                   "check the path and permissions") from exc
    return read_case_text(text, str(path))


def read_case_text(text: str, where: str) -> Case:
    """Parse and validate one chronology; raises `CaseworkError` listing every problem."""
    data, lines = load_yaml_with_lines(text, where)
    return case_from_mapping(data, where, lines)


def case_from_mapping(data: Any, where: str, lines: LineMap) -> Case:
    """One chronology from its already-read mapping (a rule's examples file holds several),
    with every problem placed by `lines`; raises `CaseworkError` listing every problem."""
    try:
        spec = CaseSpec.model_validate(data)
    except ValidationError as exc:
        raise CaseworkError(_pydantic_problems(exc, data, where, lines)) from exc
    # Every problem in one pass: the events whose dates can be read are checked (ids, types,
    # details, order) even when another event's date cannot.
    case, problems = _build_case(spec, where, lines)
    unread = {ev.id for ev in spec.events} - {e.id for e in case.events}
    problems += [_at_field_line(p, spec, lines) for p in check_case(case)
                 if not any(p.problem == f"no event has the id '{i}'" for i in unread)]
    if problems:
        raise CaseworkError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return case


def _pydantic_problems(exc: ValidationError, data: Any, where: str, lines: LineMap) -> list[Problem]:
    """One problem per offending value: a union (such as a date) fails once per branch."""
    problems: dict[tuple[Any, ...], Problem] = {}
    for error in exc.errors():
        path = _data_path(error, data)
        if path[:1] == ("events",) and path[2:3] == ("date",):
            path = path[:3]  # a date is read whole, whichever of its forms was meant
        if path not in problems:
            problems[path] = _pydantic_problem(error, path, data, where, lines)
    return list(problems.values())


def _data_path(error: Mapping[str, Any], data: Any) -> tuple[Any, ...]:
    """The error's location in the file's own terms, without pydantic's union branch tags."""
    node, path = data, []
    loc = tuple(error["loc"])
    for i, part in enumerate(loc):
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_list or (isinstance(node, dict) and part in node):
            node = node[part]
        elif error["type"] == "missing" and i == len(loc) - 1:
            pass  # the missing field itself: name it
        else:
            continue  # a union branch such as 'constrained-str': not part of the file
        path.append(part)
    return tuple(path)


def _at_field_line(problem: Problem, spec: CaseSpec, lines: LineMap) -> Problem:
    """Point a problem about an event or person at the line of its field, not its first line."""
    parts = problem.field.split(".")
    if parts[0] == "events" and problem.line is not None:
        for index, ev in enumerate(spec.events):
            prefix = f"events.{ev.id}."
            if lines.line_of(("events", index)) == problem.line and problem.field.startswith(prefix):
                rest = tuple(problem.field[len(prefix):].split("."))
                return replace(problem, line=lines.line_of(("events", index, *rest)))
    if parts[0] == "people" and problem.line is None:
        for index, person in enumerate(spec.people):
            prefix = f"people.{person.id}."
            if problem.field.startswith(prefix):
                rest = tuple(problem.field[len(prefix):].split("."))
                return replace(problem, line=lines.line_of(("people", index, *rest)))
    return problem


def _pydantic_problem(
    error: Mapping[str, Any], path: tuple[Any, ...], data: Any, where: str, lines: LineMap
) -> Problem:
    field = _field_name(path, data)
    kind = error["type"]
    if kind == "missing":
        return Problem(where, field, f"'{path[-1]}' is missing", f"add '{path[-1]}:'",
                       lines.line_of(path[:-1]))
    if kind == "extra_forbidden":
        return Problem(where, field, f"unknown field '{path[-1]}'",
                       "remove it or check its spelling against the format in the README",
                       lines.line_of(path))
    if kind == "string_pattern_mismatch":
        return Problem(where, field, f"'{error.get('input')}' is not allowed here",
                       "use lower-case letters, digits, '-', '_' or '.'", lines.line_of(path))
    if path[:1] == ("events",) and path[2:] == ("date",):
        return Problem(where, field, f"'{error.get('input')}' is not a date casework can read",
                       f"write {DATE_FORMS}", lines.line_of(path))
    return Problem(where, field, str(error["msg"]), "correct the value", lines.line_of(path))


def _field_name(path: tuple[Any, ...], data: Any) -> str:
    """Dotted field name; an event is named by its id, as the other checks name it."""
    parts = [str(p) for p in path]
    if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
        event = data["events"][path[1]]
        if isinstance(event, dict) and isinstance(event.get("id"), str):
            parts[1] = event["id"]
    return ".".join(parts)


class _Builder:
    def __init__(self, spec: CaseSpec, where: str, lines: LineMap) -> None:
        self.spec, self.where, self.lines = spec, where, lines
        self.problems: list[Problem] = []
        self.dates: dict[str, CaseDate] = {}
        # Events a bound may name before they are read (first of each id), and those being read.
        self.pending: dict[str, tuple[int, EventSpec]] = {}
        for index, ev in enumerate(spec.events):
            self.pending.setdefault(ev.id, (index, ev))
        self.resolving: set[str] = set()

    def fail(self, loc: tuple[Any, ...], field: str, problem: str, fix: str) -> None:
        self.problems.append(Problem(self.where, field, problem, fix, self.lines.line_of(loc)))

    def date(self, index: int, event: EventSpec) -> CaseDate | None:
        loc = ("events", index, "date")
        field = f"events.{event.id}.date"
        raw = event.date
        try:
            if isinstance(raw, dict):
                return self._bounds(raw, loc, field)
            return _single_date(raw)
        except DateError as exc:
            self.fail(loc, field, str(exc), "correct the date")
        return None

    def detail_date(self, index: int, event: EventSpec, raw: Any) -> object:
        """A correction's corrected date, read as an event's date is (the raw value if not)."""
        loc = ("events", index, "details", "date")
        field = f"events.{event.id}.details.date"
        try:
            if isinstance(raw, dict):
                return self._bounds(raw, loc, field) or raw
            return _single_date(raw)
        except DateError as exc:
            self.fail(loc, field, str(exc), "correct the date")
        return raw

    def _bounds(self, raw: Mapping[str, Any], loc: tuple[Any, ...], field: str) -> CaseDate | None:
        unknown = set(raw) - {"after", "before", "text"}
        if unknown or ("after" not in raw and "before" not in raw):
            self.fail(loc, field, "bounds need 'after', 'before' or both (and may have 'text')",
                      "write {after: <event id or date>, before: <event id or date>}")
            return None
        after = self._bound(raw["after"], loc, field) if "after" in raw else None
        before = self._bound(raw["before"], loc, field) if "before" in raw else None
        if ("after" in raw and after is None) or ("before" in raw and before is None):
            return None
        # One-sided bounds: open towards the calendar's first or last year (never beyond).
        after = after or CaseDate.exact(date(FIRST_YEAR, 1, 1))
        before = before or CaseDate.exact(date(LAST_YEAR, 12, 31))
        return CaseDate.between(after, before, str(raw.get("text", "")))

    def _bound(self, value: Any, loc: tuple[Any, ...], field: str) -> CaseDate | None:
        if isinstance(value, str) and value in self.dates:
            return self.dates[value]
        if isinstance(value, str) and value in self.pending:
            return self._resolve(value)
        try:
            return _single_date(value)
        except DateError:
            self.fail(loc, field, f"'{value}' is neither a date nor the id of an event in this file",
                      "name an event's id (above or below this one) or write a date")
            return None

    def _resolve(self, event_id: str) -> CaseDate | None:
        """The date of an event named by a bound, read on demand; a loop of bounds is refused."""
        index, event = self.pending[event_id]
        if event_id in self.resolving:
            self.fail(("events", index, "date"), f"events.{event_id}.date",
                      "its bounds name events whose bounds name it in turn",
                      "give one event in the loop a date of its own")
            return None
        self.resolving.add(event_id)
        when = self.date(index, event)
        self.resolving.discard(event_id)
        if when is not None:
            self.dates.setdefault(event_id, when)
        return when


def _single_date(raw: Any) -> CaseDate:
    if isinstance(raw, date):
        return CaseDate.exact(raw)
    return CaseDate.parse(str(raw))


def _build_case(spec: CaseSpec, where: str, lines: LineMap) -> tuple[Case, list[Problem]]:
    b = _Builder(spec, where, lines)
    child_ids = [c.id for c in spec.children]
    events = []
    for index, ev in enumerate(spec.events):
        if b.pending.get(ev.id, (index,))[0] == index and ev.id in b.dates:
            when: CaseDate | None = b.dates[ev.id]  # read already, for a bound naming it
        else:
            when = b.date(index, ev)
        if when is None:
            continue
        b.dates.setdefault(ev.id, when)
        children = child_ids if ev.children == "all" else ev.children
        if isinstance(children, str):
            b.fail(("events", index, "children"), f"events.{ev.id}.children",
                   f"'{children}' is not a list of children",
                   "write a list such as [P, Q] or the word all")
            continue
        details = _details(ev.details)
        if ev.type == CORRECTED and "date" in details:
            details["date"] = b.detail_date(index, ev, details["date"])
        events.append(Event(
            id=ev.id, type=ev.type, date=when, children=tuple(children),
            details=details, note=ev.note, source=ev.source,
            line=lines.line_of(("events", index)),
        ))
    problems = list(dict.fromkeys(b.problems))  # a date read for a bound fails once, not twice
    return Case(
        id=spec.case, council=spec.council, title=spec.title, source=spec.source, where=where,
        complete_for=frozenset(spec.complete_for) if spec.complete_for is not None else None,
        complete_from=spec.complete_from,
        children=tuple(Child(c.id, c.date_of_birth, c.disabled, c.clinically_vulnerable, c.note,
                             c.sex, c.ethnicity, dict(c.identifiers), tuple(c.disabilities))
                       for c in spec.children),
        people=tuple(Person(p.id, p.role, tuple(p.parental_responsibility_for))
                     for p in spec.people),
        events=tuple(events),
    ), problems


def _details(raw: Mapping[str, Any]) -> dict[str, object]:
    """Findings keys become point numbers as strings, so YAML 1: and '1': agree (in a
    correction's corrected details too)."""
    out: dict[str, object] = {}
    for key, value in raw.items():
        if key == "details" and isinstance(value, dict):
            value = _details(value)
        elif key in ("findings", "points") and isinstance(value, dict):
            value = {str(k): v for k, v in value.items()}
        elif key == "points" and isinstance(value, list):
            value = [str(v) for v in value]
        out[key] = value
    return out


__all__ = ["case_from_mapping", "case_to_mapping", "date_to_spec", "dump_case", "read_case_file", "read_case_text"]
