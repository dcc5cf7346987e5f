"""The audit of a case as of a date, and the council-wide list of what is due and overdue.

A case's audit runs the domain audit (`domain.audit.audit_case`) over the stored chronology.
The council-wide list reads the clocks table, the audit's projection kept with every change
to a case (`domain.audit.ledger`); no deadline is computed here, so the API, the web pages
and the CLI agree with the audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from casework.domain.audit import audit_case
from casework.domain.audit.ledger import BUCKETS, DueFilter, current_versions, standing_on
from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem
from casework.domain.limits import check_page
from casework.service.access import Actor
from casework.service.cases import Page, load_case_row
from casework.service.decisions import precedents_for_rules
from casework.service.ports import UnitOfWork
from casework.service.read_models import AuditCounts, AuditView, deadline_view, finding_view, met_view
from casework.service.trail import record


def audit_case_as_of(uow: UnitOfWork, actor: Actor, slug: str, as_of: date) -> AuditView:
    """Every finding and open deadline of the case on `as_of`.

    Each finding carries `precedents`: Ombudsman decisions that found the same kind of
    fault (see `service.decisions.precedents_for_rules`).
    """
    return case_and_audit(uow, actor, slug, as_of)[1]


def case_and_audit(uow: UnitOfWork, actor: Actor, slug: str, as_of: date) -> tuple[Case, AuditView]:
    """The case and its audit on `as_of` (as `audit_case_as_of`), read and logged once, for a
    page that shows both."""
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, slug)
        case = uow.cases.as_case(row)
        record(uow, actor, "read", "case", slug, f"audit as of {as_of}",
               council_id=row.council_id)
        uow.commit()
    report = audit_case(case, as_of)
    found = precedents_for_rules(uow, {f.rule_id for f in report.findings})
    return case, AuditView(
        case=report.case_id, council=report.council, as_of=report.as_of,
        summary=AuditCounts(findings=len(report.findings), certain=len(report.certain),
                            possible=len(report.findings) - len(report.certain), due=len(report.due)),
        findings=[finding_view(f, found.get(f.rule_id, [])) for f in report.findings],
        due=[deadline_view(d) for d in report.due], met=[met_view(m) for m in report.met],
        rules_applied=list(report.rules_applied),
        case_version=row.version,  # for a form to send back: a change made since is refused
    )


def list_due_and_overdue(uow: UnitOfWork, actor: Actor, as_of: date, team: str | None = None,
                         worker: str | None = None, rule: str | None = None, page: int = 1,
                         per_page: int = 50, bucket: str | None = None) -> Page:
    """One page of the clocks overdue or still running on `as_of` in the actor's council,
    overdue first, then soonest due; filtered by the case's team or worker, by rule, or by
    week (`bucket`: overdue, this_week, next_week, later — Monday to Sunday weeks).

    Read from the clocks table (`domain.audit.ledger`): each item is what the audit of its
    case on `as_of` lists — an "overdue" finding or an open deadline — for any `as_of` on or
    after the case's recorded events. One indexed query, whatever the council's size.
    """
    actor.require("case:read")
    due_filter = _filter(actor, as_of, team, worker, rule, bucket)
    check_page(page, per_page)
    with uow:
        rows, total = uow.clocks.due(due_filter, (page - 1) * per_page, per_page)
        items = _items(rows, as_of)
        record(uow, actor, "list", "case", "*", f"due and overdue as of {as_of}, page {page}")
        uow.commit()
    return Page(items, page, per_page, total)


def due_and_overdue(uow: UnitOfWork, actor: Actor, as_of: date, team: str | None = None,
                    worker: str | None = None, rule: str | None = None) -> list[dict[str, Any]]:
    """Every item `list_due_and_overdue` pages through, for a caller that wants them all (a
    reminder run): it grows with the council's open clocks, so pages use the paged form."""
    actor.require("case:read")
    with uow:
        rows, _ = uow.clocks.due(_filter(actor, as_of, team, worker, rule, None))
        items = _items(rows, as_of)
        record(uow, actor, "list", "case", "*", f"due and overdue as of {as_of}")
        uow.commit()
    return items


def due_counts(uow: UnitOfWork, actor: Actor, as_of: date, team: str | None = None,
               worker: str | None = None, rule: str | None = None) -> list[tuple[str, str, str, int]]:
    """(rule, title, week bucket, how many) of the clocks `list_due_and_overdue` lists: the
    home page's counts, counted by the database."""
    actor.require("case:read")
    with uow:
        return uow.clocks.counts(_filter(actor, as_of, team, worker, rule, None))


def due_board(uow: UnitOfWork, actor: Actor, as_of: date, buckets: Sequence[str], first_rows: int,
              team: str | None = None, worker: str | None = None,
              rule: str | None = None) -> tuple[list[tuple[str, str, str, int]], dict[str, list[dict[str, Any]]]]:
    """The home page in one read: `due_counts`, and the first `first_rows` items of each week
    in `buckets` as `list_due_and_overdue` lists them (each week's total is in the counts, so
    none is counted twice); one transaction and one audit-log entry, not one per week."""
    actor.require("case:read")
    with uow:
        counts = uow.clocks.counts(_filter(actor, as_of, team, worker, rule, None))
        items = {b: _items(uow.clocks.first(_filter(actor, as_of, team, worker, rule, b), first_rows), as_of)
                 for b in buckets}
        record(uow, actor, "list", "case", "*", f"due and overdue as of {as_of}, first {first_rows} a week")
        uow.commit()
    return counts, items


def _filter(actor: Actor, as_of: date, team: str | None, worker: str | None, rule: str | None,
            bucket: str | None) -> DueFilter:
    if bucket is not None and bucket not in BUCKETS:
        raise CaseworkError(Problem("request", "bucket", f"'{bucket}' is not a week",
                                    f"use one of: {', '.join(BUCKETS)}"))
    return DueFilter((actor.council_id,), as_of, team or None, worker or None, rule or None,
                     bucket)


def _items(rows: Any, as_of: date) -> list[dict[str, Any]]:
    versions = current_versions()
    items = []
    for clock, case, team, worker in rows:
        standing = standing_on(clock, as_of)
        if standing is None:  # the query and the ledger agree (tests/service: differential)
            continue
        overdue = standing.status == "overdue"
        items.append({
            "case": case, "team": team, "worker": worker, "status": standing.status,
            "rule": clock.rule_id, "title": clock.title, "citation": clock.citation,
            "must": clock.must, "summary": clock.summary if overdue else "",
            "kind": "overdue" if overdue else None, "certainty": standing.certainty,
            "children": list(clock.children), "complaint": clock.complaint,
            "trigger": clock.trigger_id,
            "due_earliest": _iso(clock.due_earliest), "due_latest": _iso(clock.due_latest),
            "late_by_working_days": ({"min": standing.late_by_min, "max": standing.late_by_max}
                                     if overdue else None),
            "rule_version": clock.rule_version,
            "stale": versions.get(clock.rule_id) != clock.rule_version,
        })
    return items


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
