"""The case pages: the list of the council's cases, and one case with its children,
people, chronology (as recorded, with imprecise dates shown as such), audit findings and
a form to record the next event.

The form is checked exactly as a chronology file is: the same date forms
(`CaseDate.parse`), the same event vocabulary and the same whole-chronology check, run
by the `record_event` use case. Its problems come back as GOV.UK error messages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, Response

from casework.domain.chronology import Case
from casework.domain.dates import DATE_FORMS, CaseDate, DateError
from casework.domain.errors import CaseworkError, Problem
from casework.domain.events import EVENT_TYPES, Event
from casework.domain.yaml_source import load_yaml_with_lines
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.entrypoints.web.routes.corrections import may_supersede
from casework.service import cases as case_service
from casework.service import reports
from casework.service.errors import Forbidden, NotFound
from casework.service.read_models import AuditView

router = APIRouter(include_in_schema=False)

# Where each part of an event (as the file format names it) sits on the form.
FIELD_IDS = {"id": "event-id", "type": "event-type", "date": "event-date",
             "children": "event-children", "details": "event-details", "note": "event-note"}


@router.get("/cases/{slug}", response_class=HTMLResponse)
def show(slug: str, as_of: date | None = None, added: str = "",
         p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    try:
        case, report = reports.case_and_audit(p.services.uow(), p.actor, slug, as_of or date.today())
    except NotFound:
        return not_found(p, f"case ‘{slug}’")
    return _render(p, case, report, {}, FormErrors(), added=case.event(added) if added else None)


@router.post("/cases/{slug}/events", response_class=HTMLResponse)
def add_event(
    slug: str, csrf_token: str = Form(""), event_id: str = Form(""), event_type: str = Form(""),
    event_date: str = Form(""), children: list[str] = Form([]), details: str = Form(""),  # noqa: B008
    note: str = Form(""), source: str = Form(""), version: str = Form(""),
    p: Page = Depends(signed_in),  # noqa: B008
) -> Response:
    p.check_csrf(csrf_token)
    form = {"event_id": event_id, "event_type": event_type, "event_date": event_date,
            "children": children, "details": details, "note": note, "source": source}
    errors = FormErrors()
    new = _event_from_form(form, errors)
    if new is not None:
        try:
            seen = int(version) if version.strip().isdigit() else None
            event = case_service.record_event(p.services.uow(), p.actor, slug, new, seen_version=seen)
            return p.redirect(f"/cases/{slug}?added={event.id}#chronology")
        except NotFound:
            return not_found(p, f"case ‘{slug}’")
        except CaseworkError as exc:
            errors.extend(_form_errors(exc.problems))
        except Forbidden as exc:
            return forbidden(p, str(exc))
    try:
        case, report = reports.case_and_audit(p.services.uow(), p.actor, slug, date.today())
    except NotFound:
        return not_found(p, f"case ‘{slug}’")
    return _render(p, case, report, form, errors, status=400)


def _event_from_form(form: dict[str, Any], errors: FormErrors) -> case_service.NewEvent | None:
    """The event the form describes, or None with the problems added (the file format's rules);
    its id, if left blank, is chosen by the use case against the case as it is then."""
    event_type = str(form["event_type"])
    if not event_type:
        errors.add("event-type", "Select what happened")
    when = None
    if not str(form["event_date"]).strip():
        errors.add("event-date", "Enter the date it happened")
    else:
        try:
            when = CaseDate.parse(str(form["event_date"]))
        except DateError as exc:
            errors.add("event-date", _sentence(str(exc)))
    details = _details(str(form["details"]), errors)
    if errors or when is None or details is None:
        return None
    return case_service.NewEvent(event_type, when, tuple(form["children"]), details, str(form["note"]),
                                 str(form["source"]), str(form["event_id"]))


def _details(text: str, errors: FormErrors) -> dict[str, object] | None:
    """Details are written as in a chronology file: one `name: value` per line."""
    if not text.strip():
        return {}
    try:
        value, _ = load_yaml_with_lines(text, "details")  # no anchors, aliases, tags or repeated keys
    except CaseworkError as exc:
        problem = exc.problems[0]
        where = f" on line {problem.line}" if problem.line is not None else ""
        errors.add("event-details", f"Details could not be read{where}: {problem.problem}; "
                                    "write one ‘name: value’ per line")
        return None
    if not isinstance(value, dict):
        errors.add("event-details", "Details must be written as ‘name: value’, one per line")
        return None
    out: dict[str, object] = {}
    for key, item in value.items():
        if key in ("findings", "points") and isinstance(item, dict):
            item = {str(k): v for k, v in item.items()}
        out[str(key)] = item
    return out


def _form_errors(problems: list[Problem]) -> list[tuple[str, str]]:
    pairs = []
    for problem in problems:
        head = problem.field.split(".")[0]
        if head == "version":  # changed by someone else since the page was shown
            pairs.append(("event-type", f"{problem.problem}. The chronology now shows their change; "
                                        "check it, then record your event again"))
            continue
        message = f"{_sentence(problem.problem)}: {problem.fix}"
        pairs.append((FIELD_IDS.get(head, "event-details"), message))
    return pairs


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(p: Page, case: Case, report: AuditView, form: dict[str, Any], errors: FormErrors,
            *, status: int = 200, added: Event | None = None) -> HTMLResponse:
    complaints = sorted({e.complaint for e in case.events if e.complaint and e.category == "complaint"})
    return p.render(
        "cases/show.html", title=case.title or case.id, section="cases", case=case, report=report,
        complaints=complaints, form=form, errors=errors, event_types=EVENT_TYPES,
        date_forms=DATE_FORMS, added=added, status=status, may_supersede=may_supersede(p, case),
    )
