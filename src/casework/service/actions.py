"""Agreed actions: what, who, by when, the evidence that it was done, and who verified it.

A deadline is kept as written ("within four weeks", "by 20 May 2022") and resolved to a
date from the decision with `domain.actions.resolve_deadline` (working days and months
through the one calendar). Agreeing an action and evidencing it are also recorded as
chronology events, so the audit's action_evidenced rule sees them.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, date, datetime
from typing import Any

from casework.domain.actions import resolve_deadline
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import Event
from casework.domain.limits import MAX_ID, MAX_PAGE
from casework.service.access import Actor
from casework.service.cases import Page, append_checked, claim_case, load_case_row, new_event_id
from casework.service.complaints import parse_date
from casework.service.errors import Forbidden, NotFound
from casework.service.ports import ActionRecord, CaseRecord, UnitOfWork
from casework.service.trail import record


def _action_dict(row: ActionRecord, case_slug: str, as_of: date | None = None) -> dict[str, Any]:
    evidenced = bool(row.evidence)
    today = as_of or date.today()
    return {
        "id": row.id, "case": case_slug, "complaint": row.complaint_ref, "event": row.event_slug,
        "what": row.what, "who": row.who, "deadline": row.deadline,
        "decided_on": row.decided_on.isoformat() if row.decided_on else None,
        "due_on": row.due_on.isoformat() if row.due_on else None,
        "overdue": bool(row.due_on and row.due_on < today and not evidenced),
        "evidenced": evidenced,
        "evidence": [{"id": e.id, "kind": e.kind, "note": e.note, "filename": e.filename,
                      "added_by": e.added_by, "added_on": e.added_on.isoformat()}
                     for e in row.evidence],
        "verified_by": row.verified_by,
        "verified_at": row.verified_at.isoformat() if row.verified_at else None,
    }


def agree_action(uow: UnitOfWork, actor: Actor, case: str, what: str, deadline: str,
                 decided: str | date, who: str = "", complaint: str | None = None,
                 decision_event: str | None = None) -> dict[str, Any]:
    """Record an agreed action; its due date is resolved from `decided` now."""
    actor.require("action:write")
    when = parse_date(decided, "decided")
    details: dict[str, object] = {"action": what, "deadline": deadline}
    if decision_event:
        details["decision"] = decision_event
    if who:
        details["who"] = who
    if complaint:
        details["complaint"] = complaint
    with uow:
        row = load_case_row(uow, actor, case, to_change=True)
        event = Event(new_event_id(uow.cases.as_case(row), "action"), "action_agreed", when,
                      details=details)
        append_checked(uow, actor, row, event)
        # Appending the event made the action row, who and complaint included (service.projection).
        action = next(a for a in uow.actions.for_case(row.id) if a.event_slug == event.id)
        if action.due_on is None and when.is_exact:
            uow.actions.resolve(action, when.earliest, resolve_deadline(deadline, when.earliest))
        record(uow, actor, "create", "action", str(action.id), f"{case}: {what}")
        if complaint:
            record(uow, actor, "update", "complaint", f"{case}/{complaint}", "action agreed")
        uow.commit()
        return _action_dict(action, case)


def _load(uow: UnitOfWork, actor: Actor, action_id: int, to_change: bool) -> tuple[ActionRecord, CaseRecord]:
    found = uow.actions.get(actor.councils(to_change=to_change), action_id) if 1 <= action_id <= MAX_ID else None
    if found is None:
        raise NotFound("action", action_id)
    action, case_row = found
    return (action, claim_case(uow, actor, case_row)) if to_change else found


def evidence_action(uow: UnitOfWork, actor: Actor, action_id: int, on: str | date | CaseDate,
                    note: str = "", filename: str = "",
                    content_base64: str = "") -> dict[str, Any]:
    """Add evidence that an action was done: a note, or a file (base64 in the API)."""
    actor.require("action:write")
    content = _file_content(note, filename, content_base64)
    when = parse_date(on, "on")
    with uow:
        action, case_row = _load(uow, actor, action_id, to_change=True)
        event = Event(new_event_id(uow.cases.as_case(case_row), "evidence"), "action_evidenced",
                      when, details={"agreement": action.event_slug,
                                     "evidence": note or f"file: {filename}"})
        append_checked(uow, actor, case_row, event)
        # Appending the event added its evidence note; complete it with what only we know.
        evidence = next(e for e in action.evidence if e.event_slug == event.id)
        uow.actions.complete_evidence(evidence, kind="file" if content is not None else "note", note=note,
                                      filename=filename, content=content, added_by=actor.username)
        record(uow, actor, "update", "action", str(action_id), f"evidence {event.id}")
        uow.commit()
        return _action_dict(action, case_row.slug)


def _file_content(note: str, filename: str, content_base64: str) -> bytes | None:
    if not note and not content_base64:
        raise CaseworkError(Problem("request body", "note", "the evidence is empty",
                                    "write a note, or attach a file with its filename"))
    if not content_base64:
        return None
    if not filename:
        raise CaseworkError(Problem("request body", "filename", "a file needs its name",
                                    "give the filename, e.g. apology-letter.pdf"))
    try:
        return base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CaseworkError(Problem("request body", "content_base64", "the file is not base64",
                                    "encode the file's bytes as base64")) from exc


def verify_action(uow: UnitOfWork, actor: Actor, action_id: int) -> dict[str, Any]:
    """A manager confirms the evidence shows the action was done (not their own evidence)."""
    actor.require("action:verify")
    with uow:
        action, case_row = _load(uow, actor, action_id, to_change=True)
        if not action.evidence:
            raise CaseworkError(Problem("request", "evidence", "the action has no evidence yet",
                                        "add evidence before verifying"))
        if all(e.added_by == actor.username for e in action.evidence):
            raise Forbidden("you added all the evidence yourself; another manager must verify it")
        uow.actions.verify(action, actor.username, datetime.now(UTC))
        record(uow, actor, "update", "action", str(action_id), "verified")
        uow.commit()
        return _action_dict(action, case_row.slug)


def get_action(uow: UnitOfWork, actor: Actor, action_id: int) -> dict[str, Any]:
    actor.require("case:read")
    with uow:
        action, case_row = _load(uow, actor, action_id, to_change=False)
        record(uow, actor, "read", "action", str(action_id), council_id=case_row.council_id)
        uow.commit()
        return _action_dict(action, case_row.slug)


def list_actions(uow: UnitOfWork, actor: Actor, case: str) -> list[dict[str, Any]]:
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, case)
        items = [_action_dict(a, case) for a in uow.actions.for_case(row.id)]
        record(uow, actor, "list", "action", f"{case}/*", council_id=row.council_id)
        uow.commit()
    return items


def list_council_actions(uow: UnitOfWork, actor: Actor, overdue_first: bool = True, page: int = 1,
                         per_page: int = 50, as_of: date | None = None) -> Page:
    """Every action agreed in the actor's own council, a page at a time, in one query.

    Overdue first (the default): overdue, then open ones by due date (unresolved last), then
    evidenced ones. Other councils' actions are never listed, even where the actor may read
    some of their cases: this is the council's own list.
    """
    actor.require("case:read")
    page, today = min(max(page, 1), MAX_PAGE), as_of or date.today()
    with uow:
        rows, total = uow.actions.for_council(actor.council_id, today, overdue_first,
                                              (page - 1) * per_page, per_page)
        items = [_action_dict(action, slug, today) for action, slug in rows]
        record(uow, actor, "list", "action", "*", f"page {page}: {', '.join(str(i['id']) for i in items)}")
        uow.commit()
    return Page(items, page, per_page, total)
