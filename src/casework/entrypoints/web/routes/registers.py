"""The registers: complaints, cases, agreed actions and the audit log, each a page at a time
with the GOV.UK filter pattern (a form of GET parameters) and pagination, and each as a CSV
download of every row the same filters select.

The rows come from `service.registers`, filtered and paged by the database; a page costs
the same few statements however many cases the council holds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from casework.domain.complaints import PROCEDURES
from casework.domain.complaints.stages import STAGES
from casework.domain.errors import CaseworkError, Problem
from casework.entrypoints.web import labels
from casework.entrypoints.web.pages import Page, forbidden, signed_in
from casework.entrypoints.web.registers import csv_download, pagination, query_string, refused
from casework.service import registers
from casework.service.cases import Page as Listing
from casework.service.errors import Forbidden

router = APIRouter(include_in_schema=False)


def _run(p: Page, path: str, filters: dict[str, str | None], given_page: int,
         fetch: Callable[[int, int | None], Listing], render: Callable[[Listing, str], Response],
         download: Callable[[Listing], Response] | None = None) -> Response:
    """Read the page number, run the register, and render it (or refuse in words)."""
    try:
        if download is not None:
            return download(fetch(1, None))
        listing = fetch(given_page, registers.PER_PAGE)
    except CaseworkError as exc:
        return refused(p, exc, path)
    except Forbidden as exc:
        return forbidden(p, str(exc))
    return render(listing, query_string(filters))


def _shown(listing: Listing) -> str:
    first = (listing.page - 1) * listing.per_page + 1
    last = min(listing.page * listing.per_page, listing.total)
    return f"Showing {first} to {last} of {listing.total}" if listing.total else ""


def _options(chosen: str | None, choices: list[tuple[str, str]], anything: str) -> list[dict[str, Any]]:
    return [{"value": "", "text": anything}, *({"value": v, "text": t, "selected": v == chosen} for v, t in choices)]


# --- complaints ---------------------------------------------------------------------------

def _complaints(p: Page, stage: str, state: str, procedure: str, timescale: str, mine: str,
                page_number_: int, download: bool) -> Response:
    filters = {"stage": stage, "state": state, "procedure": procedure, "timescale": timescale,
               "mine": "yes" if mine == "yes" else None}

    def fetch(page: int, per_page: int | None) -> Listing:
        return registers.complaint_register(
            p.services.uow(), p.actor, stage=stage or None, state=state or None, procedure=procedure or None,
            timescale=timescale or None, mine=mine == "yes", page=page, per_page=per_page)

    def render(listing: Listing, query: str) -> Response:
        return p.render(
            "registers/complaints.html", title="Complaints", section="complaints", listing=listing,
            filters=filters, query=query, shown=_shown(listing),
            stage_options=_options(stage, list(STAGES.items()), "Any stage"),
            state_options=_options(state, [(s, m[:1].upper() + m[1:]) for s, m in registers.complaint_states().items()],
                                   "Any state"),
            procedure_options=_options(procedure, [(x, labels.procedure(x)) for x in PROCEDURES], "Either"),
            timescale_options=_options(timescale, list(registers.TIMESCALES.items()), "Any"),
            pagination=pagination(f"/complaints?{query}", listing.page, listing.per_page, listing.total,
                                  "Pages of complaints"))

    def csv(listing: Listing) -> Response:
        return csv_download("complaints.csv", (
            "Case", "Complaint", "Complainant", "Received", "Procedure", "Stage", "State", "Next due",
            "Overdue", "Team", "Worker"), ((
                r["case"], r["ref"], r["complainant"], r["received_on"] or "", labels.procedure(r["procedure"]),
                labels.stage(r["procedure"], r["state"]), labels.state(r["procedure"], r["state"]),
                r["next_due"] or "", "yes" if r["overdue"] else "no", r["team"],
                labels.worker(r["worker"], r["worker_name"])) for r in listing.items))

    return _run(p, "/complaints", filters, page_number_, fetch, render, csv if download else None)


@router.get("/complaints", response_class=HTMLResponse)
def complaints(stage: str = "", state: str = "", procedure: str = "", timescale: str = "", mine: str = "",
               page_number: int = 1, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _complaints(p, stage, state, procedure, timescale, mine, page_number, download=False)


@router.get("/complaints.csv")
def complaints_csv(stage: str = "", state: str = "", procedure: str = "", timescale: str = "", mine: str = "",
                   p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _complaints(p, stage, state, procedure, timescale, mine, 1, download=True)


# --- cases --------------------------------------------------------------------------------

def _cases(p: Page, search: str, worker: str, team: str, page_number_: int, download: bool) -> Response:
    filters = {"search": search.strip() or None, "worker": worker, "team": team}

    def fetch(page: int, per_page: int | None) -> Listing:
        return registers.case_register(p.services.uow(), p.actor, search=search, worker=worker or None,
                                       team=team or None, page=page, per_page=per_page)

    def render(listing: Listing, query: str) -> Response:
        choices = registers.register_choices(p.services.uow(), p.actor)
        return p.render(
            "registers/cases.html", title="Cases", section="cases", listing=listing, filters=filters,
            query=query, shown=_shown(listing), worker_options=_options(worker, choices["users"], "Anyone"),
            team_options=_options(team, choices["teams"], "Any team"),
            pagination=pagination(f"/cases?{query}", listing.page, listing.per_page, listing.total,
                                  "Pages of cases"))

    def csv(listing: Listing) -> Response:
        return csv_download("cases.csv", ("Case", "Title", "Children", "Team", "Worker", "Clocks overdue"), ((
            r["slug"], r["title"], ", ".join(r["children"]), r["team"], labels.worker(r["worker"], r["worker_name"]),
            r["overdue"]) for r in listing.items))

    return _run(p, "/cases", filters, page_number_, fetch, render, csv if download else None)


@router.get("/cases", response_class=HTMLResponse)
def cases(search: str = "", worker: str = "", team: str = "", page_number: int = 1,
          p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _cases(p, search, worker, team, page_number, download=False)


@router.get("/cases.csv")
def cases_csv(search: str = "", worker: str = "", team: str = "",
              p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _cases(p, search, worker, team, 1, download=True)


# --- agreed actions -----------------------------------------------------------------------

def _actions(p: Page, status: str, page_number_: int, download: bool) -> Response:
    filters: dict[str, str | None] = {"status": status}

    def fetch(page: int, per_page: int | None) -> Listing:
        return registers.action_register(p.services.uow(), p.actor, status=status or None, page=page,
                                         per_page=per_page)

    def render(listing: Listing, query: str) -> Response:
        names = dict(registers.register_choices(p.services.uow(), p.actor)["users"])
        return p.render(
            "actions/index.html", title="Agreed actions", section="actions", listing=listing, filters=filters,
            names=names,
            query=query, shown=_shown(listing),
            status_options=_options(status, list(registers.ACTION_STATUSES.items()), "Any"),
            pagination=pagination(f"/actions?{query}", listing.page, listing.per_page, listing.total,
                                  "Pages of agreed actions"))

    def csv(listing: Listing) -> Response:
        return csv_download("agreed-actions.csv", (
            "Case", "Complaint", "Action", "Who", "Deadline", "Due", "Overdue", "Evidence", "Verified by"), ((
                a["case"], a["complaint"] or "", a["what"], a["who"], a["deadline"], a["due_on"] or "",
                "yes" if a["overdue"] else "no", "; ".join(e["note"] or e["filename"] for e in a["evidence"]),
                a["verified_by"] or "") for a in listing.items))

    return _run(p, "/actions", filters, page_number_, fetch, render, csv if download else None)


@router.get("/actions", response_class=HTMLResponse)
def actions(status: str = "", page_number: int = 1, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _actions(p, status, page_number, download=False)


@router.get("/actions.csv")
def actions_csv(status: str = "", p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _actions(p, status, 1, download=True)


# --- the audit log ------------------------------------------------------------------------

def _day(given: str, field: str, words: str) -> date | None:
    if not given.strip():
        return None
    try:
        return date.fromisoformat(given.strip())
    except ValueError:
        raise CaseworkError(Problem("filter", field, f"the {words} ‘{given[:20]}’ is not a date",
                                    "enter a date such as 2026-03-31")) from None


def _audit_log(p: Page, user: str, case: str, since_: str, until_: str, page_number_: int,
               download: bool) -> Response:
    if not p.actor.may("audit_log:read"):
        return forbidden(p, f"a {labels.role(p.actor.role).lower()} may not read the audit log")
    try:
        since, until = _day(since_, "since", "start date"), _day(until_, "until", "end date")
    except CaseworkError as exc:
        return refused(p, exc, "/audit-log")
    filters = {"user": user, "case": case.strip() or None, "since": since.isoformat() if since else None,
               "until": until.isoformat() if until else None}

    def fetch(page: int, per_page: int | None) -> Listing:
        return registers.audit_log_register(p.services.uow(), p.actor, user=user or None, case=case or None,
                                            since=since, until=until, page=page, per_page=per_page)

    def render(listing: Listing, query: str) -> Response:
        choices = registers.register_choices(p.services.uow(), p.actor)
        return p.render(
            "registers/audit_log.html", title="Audit log", section="audit-log", listing=listing,
            filters=filters, query=query, shown=_shown(listing),
            user_options=_options(user, choices["users"], "Anyone"),
            pagination=pagination(f"/audit-log?{query}", listing.page, listing.per_page, listing.total,
                                  "Pages of the audit log"))

    def csv(listing: Listing) -> Response:
        header = ("When (UTC)", "Who", "Login", "Did", "Record type", "Record", "Detail")
        return csv_download("audit-log.csv", header, ((
            r["at"].isoformat(timespec="seconds"), r["name"] or "", r["username"], labels.audit_action(r["action"]),
            labels.record_type(r["record_type"]), r["record_id"], r["detail"]) for r in listing.items))

    return _run(p, "/audit-log", filters, page_number_, fetch, render, csv if download else None)


@router.get("/audit-log", response_class=HTMLResponse)
def audit_log(user: str = "", case: str = "", since: str = "", until: str = "",
              page_number: int = 1, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _audit_log(p, user, case, since, until, page_number, download=False)


@router.get("/audit-log.csv")
def audit_log_csv(user: str = "", case: str = "", since: str = "", until: str = "",
                  p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    return _audit_log(p, user, case, since, until, 1, download=True)
