"""The registers: the council's complaints, cases and agreed actions, and its audit log, each
filtered and paged by the database (`RegisterQueries`), a page at a time or, for a download,
every row the same filters select.

Each filter's values are checked here, so a page and a download refuse the same things
with the same words; a page number past the last page is refused too, naming the last one.
Every listing is recorded in the audit log, as every other read is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from casework.domain.complaints import PROCEDURES, load_procedure
from casework.domain.complaints.stages import STAGES
from casework.domain.errors import CaseworkError, Problem
from casework.service.access import Actor
from casework.service.actions import _action_dict
from casework.service.cases import Page
from casework.service.ports import ActionFilter, AuditLogFilter, CaseFilter, ComplaintFilter, UnitOfWork
from casework.service.trail import record

TIMESCALES = {"overdue": "Overdue", "this_week": "Due this week", "next_week": "Due next week"}
ACTION_STATUSES = {"overdue": "Overdue", "awaiting_evidence": "Awaiting evidence",
                   "awaiting_verification": "Awaiting verification", "verified": "Done and verified"}
PER_PAGE = 50
MAX_PAGE = 1_000_000  # beyond any register; refused before the database is asked for the offset


def complaint_states() -> dict[str, str]:
    """Every state a complaint can be in under any procedure, with what it means."""
    states: dict[str, str] = {}
    for procedure in PROCEDURES:
        for state, meaning in load_procedure(procedure).states.items():
            states.setdefault(state, meaning)
    states.pop("new", None)
    return states


def _one_of(field: str, value: str | None, allowed: Mapping[str, str] | tuple[str, ...],
            what: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise CaseworkError(Problem("filter", field, f"'{value}' is not a {what}",
                                    f"choose one of: {', '.join(allowed)}"))
    return value


def _listing(uow: UnitOfWork, actor: Actor, what: str, page: int, per_page: int | None,
             query: Callable[[int, int | None], tuple[Sequence[Any], int]],
             shape: Callable[[Any], dict[str, Any]]) -> Page:
    """One page (or, `per_page` None, every row) of a register, checked and recorded."""
    if page < 1 or page > MAX_PAGE:
        raise CaseworkError(Problem("page", "page_number", f"there is no page {page}",
                                    "pages are numbered from 1" if page < 1 else "go back to the first page"))
    with uow:
        offset = (page - 1) * per_page if per_page else 0
        rows, total = query(offset, per_page)
        pages = max(1, -(-total // per_page)) if per_page else 1
        if page > pages:
            raise CaseworkError(Problem("page", "page_number", f"there is no page {page}",
                                        f"the last page is page {pages}"))
        items = [shape(r) for r in rows]
        record(uow, actor, "list", what, "*", f"page {page}" if per_page else "download")
        uow.commit()
    return Page(items, page, per_page or max(total, 1), total)


def complaint_register(uow: UnitOfWork, actor: Actor, *, stage: str | None = None, state: str | None = None,
                       procedure: str | None = None, timescale: str | None = None, mine: bool = False,
                       page: int = 1, per_page: int | None = PER_PAGE, as_of: date | None = None) -> Page:
    """The council's complaints, overdue first, then by the next date due."""
    actor.require("case:read")
    f = ComplaintFilter(
        actor.council_id, as_of or date.today(), _one_of("stage", stage, STAGES, "stage"),
        _one_of("state", state, complaint_states(), "complaint state"),
        _one_of("procedure", procedure, PROCEDURES, "procedure"),
        _one_of("timescale", timescale, TIMESCALES, "timescale"), actor.username if mine else None)
    return _listing(uow, actor, "complaint", page, per_page,
                    lambda offset, limit: uow.registers.complaints(f, offset, limit), lambda r: r)


def case_register(uow: UnitOfWork, actor: Actor, *, search: str | None = None, worker: str | None = None,
                  team: str | None = None, page: int = 1, per_page: int | None = PER_PAGE,
                  as_of: date | None = None) -> Page:
    """The cases the actor may read, by council and reference; `search` matches part of a
    reference, a title, a child's name or a complainant's name."""
    actor.require("case:read")
    text = (search or "").strip()
    if len(text) > 100:
        raise CaseworkError(Problem("filter", "search", "the search is longer than 100 characters",
                                    "search for part of a name or reference"))
    f = CaseFilter(actor.readable_councils, as_of or date.today(), text or None, worker or None, team or None)
    return _listing(uow, actor, "case", page, per_page,
                    lambda offset, limit: uow.registers.cases(f, offset, limit), lambda r: r)


def action_register(uow: UnitOfWork, actor: Actor, *, status: str | None = None, page: int = 1,
                    per_page: int | None = PER_PAGE, as_of: date | None = None) -> Page:
    """The council's own agreed actions: overdue, then open by due date, then evidenced."""
    actor.require("case:read")
    today = as_of or date.today()
    f = ActionFilter(actor.council_id, today, _one_of("status", status, ACTION_STATUSES, "status"))
    return _listing(uow, actor, "action", page, per_page,
                    lambda offset, limit: uow.registers.actions(f, offset, limit),
                    lambda pair: _action_dict(pair[0], pair[1], today))


def audit_log_register(uow: UnitOfWork, actor: Actor, *, user: str | None = None, case: str | None = None,
                       since: date | None = None, until: date | None = None, page: int = 1,
                       per_page: int | None = PER_PAGE) -> Page:
    """The council's audit log, newest first, by user, case and day (auditors, complaints managers)."""
    actor.require("audit_log:read")
    if since and until and since > until:
        raise CaseworkError(Problem("filter", "until", "the end date is before the start date",
                                    "enter an end date on or after the start date"))
    f = AuditLogFilter(actor.council_id, user or None, (case or "").strip() or None, since, until)
    return _listing(uow, actor, "audit_log", page, per_page,
                    lambda offset, limit: uow.registers.audit_log(f, offset, limit), lambda r: r)


def register_choices(uow: UnitOfWork, actor: Actor) -> dict[str, list[tuple[str, str]]]:
    """The teams and staff a filter form offers (the actor's own council's)."""
    actor.require("case:read")
    with uow:
        return uow.registers.choices((actor.council_id,))
