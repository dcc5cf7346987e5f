"""Cases: import and export chronologies, read them, and record what happens next.

A case is its chronology. Import and export go through the chronology file format (the
`ChronologyFiles` port, bound in `bootstrap`), so what goes in comes out the same. Recording an event
re-checks the whole chronology (`check_case`) before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from casework.domain.chronology import Case, check_case
from casework.domain.corrections import supersedes
from casework.domain.dates import CaseDate, DateError
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import EVENT_TYPE_BY_NAME, Event
from casework.domain.limits import check_page
from casework.domain.wording import day
from casework.service.access import Actor, system_actor
from casework.service.errors import Conflict, NotFound
from casework.service.event_guard import authorize_event, authorize_import
from casework.service.ports import CaseRecord, ChronologyFiles, UnitOfWork
from casework.service.projection import refresh_workflow
from casework.service.trail import record


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    page: int
    per_page: int
    total: int

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "page": self.page, "per_page": self.per_page,
                "total": self.total}


def load_case_row(uow: UnitOfWork, actor: Actor, slug: str, *, to_change: bool = False,
                  seen_version: int | None = None) -> CaseRecord:
    """The stored case, if the actor may see it; otherwise `NotFound`, whether or not it exists.

    `to_change`: only a case in the actor's own council (an Ombudsman investigator reads
    other councils' cases but never changes them), held for this transaction (`claim_case`).
    """
    row = uow.cases.get(actor.councils(to_change=to_change), slug)
    if row is None:
        raise NotFound("case", slug)
    return claim_case(uow, actor, row, seen_version) if to_change else row


def load_complaint_case(uow: UnitOfWork, actor: Actor, slug: str, ref: str) -> tuple[CaseRecord, Case]:
    """The stored case and its chronology, if the actor may see it and it holds complaint `ref`;
    otherwise `NotFound` (the case's, or the complaint's)."""
    row = load_case_row(uow, actor, slug)
    case = uow.cases.as_case(row)
    if not any(e.type == "complaint_received" and e.complaint == ref for e in case.events):
        raise NotFound("complaint", ref)
    return row, case


def claim_case(uow: UnitOfWork, actor: Actor, row: CaseRecord,
               seen_version: int | None = None) -> CaseRecord:
    """Hold the case until this transaction ends and count the change about to be made.

    Another writer of the same case waits for this one, then reads the case as it left it,
    so no acknowledged change is lost. When the caller says which version it saw (a form's
    hidden field, an API client's If-Match) and the case has moved on since, the change is
    refused with who changed it and when, rather than made over a case they have not seen."""
    row = uow.cases.lock(row)
    if seen_version is not None and seen_version != row.version:
        raise Conflict("version", changed_under_you(row), "reload the case, check what changed "
                       "and make your change again")
    uow.cases.mark_changed(row, actor.username, datetime.now(UTC))
    return row


def _uk_time() -> tzinfo:
    try:
        return ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:  # no time zone data installed: say UTC, not a wrong hour
        return UTC


def changed_under_you(row: CaseRecord) -> str:
    """'This case was changed by wirral.caseworker at 14:05 on 3 March 2025 — reload and try again.'"""
    who = row.changed_by or "someone else"
    when = ""
    if row.changed_at is not None:
        moment = row.changed_at if row.changed_at.tzinfo else row.changed_at.replace(tzinfo=UTC)
        local = moment.astimezone(_uk_time())
        when = f" at {local:%H:%M} on {day(local.date())}"
    return f"This case was changed by {who}{when} — reload and try again"


def import_case(uow: UnitOfWork, actor: Actor, case: Case, team: str = "",
                worker: str = "") -> str:
    """Store a checked chronology in the actor's council; returns the case id."""
    actor.require("case:write")
    authorize_import(actor, case.written)
    if case.council != actor.council:
        raise CaseworkError(Problem(case.where or "request", "council",
                                    f"the case belongs to '{case.council}', but you work for "
                                    f"'{actor.council}'",
                                    f"set council: {actor.council}, or import it as a user of "
                                    f"{case.council}"))
    with uow:
        _store_case(uow, actor, case, team, worker)
        uow.commit()
    return case.id


def _store_case(uow: UnitOfWork, actor: Actor, case: Case, team: str, worker: str) -> None:
    if uow.cases.exists(actor.council_id, case.id):
        raise Conflict("case", f"a case with the id '{case.id}' already exists",
                       "choose another id, or record new events on the existing case")
    row = uow.cases.add_case(actor.council_id, case, team, worker)
    refresh_workflow(uow, row, uow.cases.as_case(row), recorded_by=actor.username)
    record(uow, actor, "create", "case", case.id, f"imported {len(case.events)} events")


def import_file_for_its_council(uow: UnitOfWork, files: ChronologyFiles, path: Path, team: str = "",
                                worker: str = "") -> str:
    """The command line's import: a chronology file stored, in one transaction, in the council
    it names (made if new), by the system; returns the case id."""
    case = files.read_file(path)
    with uow:
        council = uow.councils.by_slug(case.council) or uow.councils.add(case.council)
        _store_case(uow, system_actor(council.id, council.slug), case, team, worker)
        uow.commit()
    return case.id


def import_case_text(uow: UnitOfWork, files: ChronologyFiles, actor: Actor, text: str,
                     where: str = "request body", team: str = "", worker: str = "") -> str:
    return import_case(uow, actor, files.read_text(text, where), team, worker)


def get_case(uow: UnitOfWork, actor: Actor, slug: str) -> Case:
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, slug)
        case = uow.cases.as_case(row)
        record(uow, actor, "read", "case", slug, council_id=row.council_id)
        uow.commit()
    return case


def _summary(row: CaseRecord) -> dict[str, Any]:
    return {"id": row.slug, "council": row.council.slug, "title": row.title,
            "team": row.team, "worker": row.worker, "version": row.version,
            "children": [c.slug for c in row.children], "events": len(row.events)}


def case_summary(uow: UnitOfWork, files: ChronologyFiles, actor: Actor, slug: str) -> dict[str, Any]:
    """The case as JSON: its chronology (file form) plus its team and worker."""
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, slug)
        mapping = files.to_mapping(uow.cases.as_case(row))
        record(uow, actor, "read", "case", slug, council_id=row.council_id)
        uow.commit()
        return {**_summary(row), "chronology": mapping}


def list_cases(uow: UnitOfWork, actor: Actor, team: str | None = None,
               worker: str | None = None, page: int = 1, per_page: int = 50) -> Page:
    actor.require("case:read")
    check_page(page, per_page)
    with uow:
        rows, total = uow.cases.list(actor.readable_councils, team, worker,
                                     (page - 1) * per_page, per_page)
        items = [_summary(r) for r in rows]
        record(uow, actor, "list", "case", "*",
               f"page {page}: {', '.join(i['id'] for i in items)}")
        uow.commit()
    return Page(items, page, per_page, total)


def export_for_system(uow: UnitOfWork, files: ChronologyFiles, slug: str, council: str = "") -> str:
    """The command line's export: the case `slug` from whichever council holds it (`council`
    when several do), as a chronology file."""
    with uow:
        holding = [(c.id, c.slug) for c in uow.cases.councils_holding(slug)]
    matches = [c for c in holding if not council or c[1] == council]
    if len(matches) != 1:
        which = "no council holds it" if not matches else "several councils hold it; use --council"
        raise CaseworkError(Problem("case", slug, f"case '{slug}': {which}", "check the case id and council"))
    return export_case(uow, files, system_actor(*matches[0]), slug)


def export_case(uow: UnitOfWork, files: ChronologyFiles, actor: Actor, slug: str) -> str:
    """The case as a chronology file (YAML), exactly as `import_case` would read it."""
    actor.require("case:read")
    with uow:
        row = load_case_row(uow, actor, slug)
        text = files.dump(uow.cases.as_case(row))
        record(uow, actor, "export", "case", slug, council_id=row.council_id)
        uow.commit()
    return text


def update_case(uow: UnitOfWork, actor: Actor, slug: str, *, team: str | None = None,
                worker: str | None = None, title: str | None = None,
                seen_version: int | None = None) -> dict[str, Any]:
    """Assign the case to a team or worker, or retitle it (refused if `seen_version` is given
    and the case has changed since)."""
    actor.require("case:write")
    with uow:
        row = load_case_row(uow, actor, slug, to_change=True, seen_version=seen_version)
        changes = {k: v for k, v in (("team", team), ("worker", worker), ("title", title))
                   if v is not None}
        uow.cases.update(row, changes)
        record(uow, actor, "update", "case", slug,
               ", ".join(f"{k}={v!r}" for k, v in changes.items()))
        uow.commit()
        return _summary(row)


@dataclass(frozen=True)
class NewEvent:
    """An event as a person or a client gives it: plain values, its id chosen if not given.

    `date` is any date form a chronology file accepts (or a `date`); a detail the event
    type declares as a date may come as an ISO string (JSON has no dates).
    """

    type: str
    date: str | date | CaseDate
    children: tuple[str, ...] = ()
    details: Mapping[str, object] = field(default_factory=dict)
    note: str = ""
    source: str = ""
    id: str = ""


def record_event(uow: UnitOfWork, actor: Actor, slug: str, new: NewEvent,
                 seen_version: int | None = None) -> Event:
    """Add an event to the case, in one transaction: its id is chosen against the case as it
    is now, and the whole chronology is checked with it in place before anything is written.
    The permission needed is the event type's own, checked with the procedure in `append_checked`.
    `seen_version`: the case's version the caller saw; refused with `Conflict` if it has moved on."""
    when = _case_date(new.date)
    details = _dates_in(new.type, new.details)
    with uow:
        row = load_case_row(uow, actor, slug, to_change=True, seen_version=seen_version)
        event_id = new.id.strip() or new_event_id(uow.cases.as_case(row), new.type or "event")
        event = Event(event_id, new.type, when, tuple(new.children), details, new.note.strip(),
                      new.source.strip())
        append_checked(uow, actor, row, event)
        record(uow, actor, "update", "case", slug, f"recorded {event.type} '{event.id}'")
        if event.complaint:
            record(uow, actor, "update", "complaint", f"{slug}/{event.complaint}", event.type)
        uow.commit()
    return event


def _case_date(value: str | date | CaseDate) -> CaseDate:
    if isinstance(value, CaseDate):
        return value
    if isinstance(value, date):
        return CaseDate.exact(value)
    try:
        return CaseDate.parse(value)
    except DateError as exc:
        raise CaseworkError(Problem("request body", "date", str(exc), "correct the date")) from exc


def _dates_in(event_type: str, details: Mapping[str, object]) -> dict[str, object]:
    """Date details may arrive as ISO strings (JSON); the chronology keeps them as dates."""
    kind = EVENT_TYPE_BY_NAME.get(event_type)
    out = dict(details)
    for key, value in details.items():
        spec = kind.details.get(key) if kind else None
        if spec is not None and spec.kind == "date" and isinstance(value, str):
            try:
                out[key] = date.fromisoformat(value)
            except ValueError as exc:
                raise CaseworkError(Problem("request body", f"details.{key}", f"'{value}' is not a date",
                                            "write a date as YYYY-MM-DD")) from exc
    return out


def append_checked(uow: UnitOfWork, actor: Actor, row: CaseRecord, event: Event) -> Case:
    """Append inside an open unit of work; refuses (writing nothing) unless the actor may record
    this type of event, the complaints procedure allows it now (`event_guard.authorize_event`,
    the one check every event-writing path goes through) and the chronology stays consistent."""
    before = uow.cases.as_case(row)
    authorize_event(actor, before, event)
    case = before.with_event(event)
    problems = [p for p in check_case(case) if p.field.startswith(f"events.{event.id}")]
    if supersedes(event) and not problems:
        # A correction or withdrawal is refused for what it breaks elsewhere too (a reference to
        # a withdrawn entry, a corrected date out of order), named where it shows.
        known = {(p.field, p.problem) for p in check_case(before)}
        problems = [p for p in check_case(case) if (p.field, p.problem) not in known]
    if problems:
        raise CaseworkError([Problem("request body", p.field.removeprefix(f"events.{event.id}."),
                                     p.problem, p.fix) for p in problems])
    uow.cases.append_event(row, event)
    refresh_workflow(uow, row, case, recorded_by=actor.username)
    return case


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO strings, imprecise dates in words, tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, CaseDate):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def new_event_id(case: Case, stem: str) -> str:
    """A fresh event id in the case: `stem`, or `stem-2`, `stem-3`, …"""
    taken = {e.id for e in case.written}
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"
