"""Correct or withdraw a wrong entry: a new entry supersedes it; nothing is edited or deleted.

Both go through `append_checked`, as every event does: the permission is the superseded
entry's own (`event_guard.permission_in`), the complaints procedure is replayed on the
corrected chronology, and the whole chronology must still be sound. The audit log records
the correction beside the entry's own recording, which stays.
"""

from __future__ import annotations

from datetime import date

from casework.domain.corrections import CORRECTED, WITHDRAWN, handle_of
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import Event
from casework.service.access import Actor
from casework.service.cases import append_checked, load_case_row, new_event_id
from casework.service.errors import NotFound
from casework.service.ports import UnitOfWork
from casework.service.trail import record


def correct_entry(uow: UnitOfWork, actor: Actor, slug: str, entry_id: str, when: CaseDate,
                  reason: str, today: date | None = None) -> Event:
    """Supersede the standing entry `entry_id` with the same entry on the date `when`."""
    return _supersede(uow, actor, slug, entry_id, reason, today, when)


def withdraw_entry(uow: UnitOfWork, actor: Actor, slug: str, entry_id: str, reason: str,
                   today: date | None = None) -> Event:
    """Supersede the standing entry `entry_id` with its withdrawal."""
    return _supersede(uow, actor, slug, entry_id, reason, today, None)


def _supersede(uow: UnitOfWork, actor: Actor, slug: str, entry_id: str, reason: str,
               today: date | None, when: CaseDate | None) -> Event:
    if not reason.strip():
        raise CaseworkError(Problem("request body", "reason", "the reason is missing",
                                    "say why the entry is wrong"))
    with uow:
        row = load_case_row(uow, actor, slug, to_change=True)
        case = uow.cases.as_case(row)
        entry = case.event(entry_id)
        if entry is None:
            raise NotFound("entry", f"{slug}/{entry_id}")
        kind = CORRECTED if when is not None else WITHDRAWN
        details: dict[str, object] = {"entry": handle_of(case.events, case.history, entry_id),
                                      "reason": reason.strip(), "by": actor.username}
        if when is not None:
            details.update(date=when, children=list(entry.children), details=dict(entry.details),
                           note=entry.note)
        stem = f"{entry_id}-{'corrected' if when is not None else 'withdrawn'}"
        event = Event(new_event_id(case, stem), kind, CaseDate.exact(today or date.today()),
                      entry.children, details)
        append_checked(uow, actor, row, event)
        change = (f"date {entry.date} corrected to {when}"
                  if when is not None else "withdrawn")
        summary = f"{kind} '{event.id}': {entry.type} '{entry_id}' {change}; reason: {reason.strip()}"
        record(uow, actor, "update", "case", slug, summary)
        if entry.complaint:
            record(uow, actor, "update", "complaint", f"{slug}/{entry.complaint}", summary)
        uow.commit()
    return event
