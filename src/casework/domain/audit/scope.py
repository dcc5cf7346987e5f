"""Which events a rule looks at together: one child's, one complaint's, or the whole case's.

A child-scoped clock runs per child (an event naming no children concerns them all); a
complaint-scoped clock runs per complaint id, for complaints under the rule's procedure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from casework.domain.chronology import Case
from casework.domain.events import Event
from casework.domain.rules.model import Rule


@dataclass(frozen=True)
class Unit:
    """The events one clock sees, in chronological order, and whom they concern."""

    events: tuple[Event, ...]
    children: tuple[str, ...] = ()
    complaint: str | None = None


def units_for(rule: Rule, case: Case) -> Iterator[Unit]:
    if rule.scope == "child":
        for child in case.child_ids or ("",):
            events = tuple(e for e in case.events if not e.children or child in e.children)
            yield Unit(events, (child,) if child else ())
    elif rule.scope == "complaint":
        for complaint in complaint_ids(case):
            if rule.procedure is not None and procedure_of(case, complaint) != rule.procedure:
                continue
            events = tuple(e for e in case.events if e.complaint == complaint)
            children = tuple(sorted({c for e in events for c in e.children}))
            yield Unit(events, children, complaint)
    else:
        yield Unit(case.events, case.child_ids)


def complaint_ids(case: Case) -> list[str]:
    seen: dict[str, None] = {}
    for event in case.events:
        if event.complaint is not None and event.category_is_complaint():
            seen.setdefault(event.complaint, None)
    return list(seen)


def procedure_of(case: Case, complaint: str) -> str | None:
    for event in case.of_type("complaint_received"):
        if event.complaint == complaint:
            value = event.detail("procedure")
            return str(value) if value is not None else None
    return None
