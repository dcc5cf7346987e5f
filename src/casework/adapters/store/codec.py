"""A `Case` to rows and back, losing nothing a chronology file holds.

Event details are JSON; the only values JSON lacks are dates (a YAML `2023-05-02` in a
detail), which we tag as {"$date": "2023-05-02"} so they come back as dates. Each event's
position keeps the record's own order for events on the same day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from casework.adapters.store.schema import CaseRow, ChildRow, EventRow, PersonRow
from casework.domain.chronology import Case, Child, Person
from casework.domain.dates import CaseDate
from casework.domain.events import Event


def encode_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, CaseDate):
        return {"$casedate": [value.earliest.isoformat(), value.latest.isoformat(),
                              value.precision, value.text]}
    if isinstance(value, Mapping):
        return {str(k): encode_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode_json(v) for v in value]
    return value


def decode_json(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        if set(value) == {"$casedate"}:
            earliest, latest, precision, text = value["$casedate"]
            return CaseDate(date.fromisoformat(earliest), date.fromisoformat(latest),
                            precision, text)
        return {k: decode_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_json(v) for v in value]
    return value


def event_values(event: Event, position: int) -> dict[str, Any]:
    """An event's columns (for an `EventRow`, or a bulk INSERT in `store.bulk`)."""
    return {"position": position, "slug": event.id, "type": event.type,
            "earliest": event.date.earliest, "latest": event.date.latest,
            "precision": event.date.precision, "date_text": event.date.text,
            "children": list(event.children), "details": encode_json(dict(event.details)),
            "note": event.note, "source": event.source, "complaint_ref": event.complaint}


def child_values(child: Child, position: int) -> dict[str, Any]:
    return {"position": position, "slug": child.id, "date_of_birth": child.date_of_birth,
            "disabled": child.disabled, "clinically_vulnerable": child.clinically_vulnerable,
            "note": child.note, "sex": child.sex, "ethnicity": child.ethnicity,
            "identifiers": dict(child.identifiers) or None,
            "disabilities": list(child.disabilities) or None}


def person_values(person: Person, position: int) -> dict[str, Any]:
    return {"position": position, "slug": person.id, "role": person.role,
            "parental_responsibility_for": list(person.parental_responsibility_for)}


def case_values(case: Case) -> dict[str, Any]:
    """The case's own columns (its council, team and worker are the caller's)."""
    return {"slug": case.id, "title": case.title, "source": case.source,
            "complete_for": sorted(case.complete_for) if case.complete_for is not None else None,
            "complete_from": case.complete_from}


def event_row(event: Event, position: int) -> EventRow:
    return EventRow(**event_values(event, position))


def fill_case_row(row: CaseRow, case: Case) -> CaseRow:
    """Write `case`'s chronology into `row` (its council and team are the caller's)."""
    for key, value in case_values(case).items():
        setattr(row, key, value)
    row.children = [ChildRow(**child_values(c, i)) for i, c in enumerate(case.children)]
    row.people = [PersonRow(**person_values(p, i)) for i, p in enumerate(case.people)]
    row.events = [event_row(e, i) for i, e in enumerate(case.written)]
    return row


def to_event(row: EventRow) -> Event:
    return Event(
        id=row.slug, type=row.type,
        date=CaseDate(row.earliest, row.latest, row.precision, row.date_text),  # type: ignore[arg-type]
        children=tuple(row.children), details=decode_json(row.details),
        note=row.note, source=row.source,
    )


def to_case(row: CaseRow) -> Case:
    return Case(
        id=row.slug, council=row.council.slug, title=row.title, source=row.source,
        complete_for=frozenset(row.complete_for) if row.complete_for is not None else None,
        complete_from=row.complete_from,
        children=tuple(Child(c.slug, c.date_of_birth, c.disabled, c.clinically_vulnerable, c.note,
                             sex=c.sex, ethnicity=c.ethnicity, identifiers=dict(c.identifiers or {}),
                             disabilities=tuple(c.disabilities or ()))
                       for c in row.children),
        people=tuple(Person(p.slug, p.role, tuple(p.parental_responsibility_for))
                     for p in row.people),
        events=tuple(to_event(e) for e in row.events),
        where=f"case {row.slug}",
    )
