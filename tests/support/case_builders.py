"""Small builders for chronologies in tests: one line per event, dates as written in records."""

from __future__ import annotations

from casework.domain.chronology import Case, Child, Person
from casework.domain.dates import CaseDate
from casework.domain.events import Event


def ev(id: str, type: str, when: str | CaseDate, children: tuple[str, ...] = (), **details: object) -> Event:
    date = when if isinstance(when, CaseDate) else CaseDate.parse(when)
    return Event(id=id, type=type, date=date, children=children, details=details)


def case(*events: Event, children: tuple[str, ...] = ("A",), people: tuple[Person, ...] = (),
         complete_for: frozenset[str] | None = None, vulnerable: tuple[str, ...] = ()) -> Case:
    return Case(
        id="test-case", council="testshire",
        children=tuple(Child(c, clinically_vulnerable=c in vulnerable) for c in children),
        people=people, events=events, complete_for=complete_for,
    )
