"""Correct or withdraw an entry in a chronology: a form per entry, reached from its row on the
case page or the complaint page ("Correct this entry", "Withdraw this entry").

Nothing is edited: the `correct_entry` and `withdraw_entry` use cases record a new entry that
supersedes the old one, which the chronology then shows struck through with who, when and why.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError
from casework.domain.events import EVENT_TYPE_BY_NAME, Event
from casework.entrypoints.web.fields import date_fields, date_items, read_case_date
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.service import cases as case_service
from casework.service import corrections
from casework.service.errors import Forbidden, NotFound
from casework.service.event_guard import permission_in

router = APIRouter(include_in_schema=False)
KINDS = {"correct": "Correct this entry", "withdraw": "Withdraw this entry"}


def may_supersede(p: Page, case: Case) -> set[str]:
    """The standing entries the signed-in user may correct or withdraw (their own permission)."""
    return {e.id for e in case.events if p.actor.may(permission_in(case, e))}


def _back(slug: str, entry: Event, where: str) -> str:
    """Back to the page the form was opened from (never a URL taken from the request)."""
    if where == "complaint" and entry.complaint:
        return f"/cases/{slug}/complaints/{entry.complaint}#timeline"
    return f"/cases/{slug}#event-{entry.id}"


def _load(p: Page, slug: str, entry_id: str) -> tuple[Case, Event] | HTMLResponse:
    try:
        case = case_service.get_case(p.services.uow(), p.actor, slug)
    except NotFound:
        return not_found(p, f"case ‘{slug}’")
    entry = case.event(entry_id)
    if entry is None:
        return not_found(p, f"entry ‘{entry_id}’ in case ‘{slug}’")
    if not p.actor.may(permission_in(case, entry)):
        return forbidden(p, f"a {p.actor.role.replace('_', ' ')} may not record, correct or "
                            f"withdraw a ‘{entry.type.replace('_', ' ')}’")
    return case, entry


def _page(p: Page, kind: str, case: Case, entry: Event, form: dict[str, Any], errors: FormErrors,
          status: int = 200) -> HTMLResponse:
    etype = EVENT_TYPE_BY_NAME.get(entry.type)
    return p.render("corrections/form.html", title=KINDS[kind], section="cases", kind=kind, case=case,
                    entry=entry, meaning=etype.meaning if etype else entry.type, form=form,
                    errors=errors, back=_back(case.id, entry, str(form.get("back", ""))),
                    date_items=lambda name: date_items(form, name, name in errors), status=status)


@router.get("/cases/{slug}/entries/{entry_id}/{kind}", response_class=HTMLResponse)
def supersede_form(slug: str, entry_id: str, kind: str, back: str = "",
                   p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    if kind not in KINDS:
        return not_found(p, "page")
    loaded = _load(p, slug, entry_id)
    if isinstance(loaded, HTMLResponse):
        return loaded
    case, entry = loaded
    form: dict[str, Any] = {"back": back}
    if kind == "correct" and entry.date.is_exact:
        form.update({f"date-{k}": v for k, v in date_fields(entry.date.earliest).items()})
    return _page(p, kind, case, entry, form, FormErrors())


@router.post("/cases/{slug}/entries/{entry_id}/{kind}", response_class=HTMLResponse)
async def supersede(slug: str, entry_id: str, kind: str, request: Request,
                    p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    form = {k: str(v) for k, v in (await request.form()).items()}
    p.check_csrf(form.get("csrf_token"))
    if kind not in KINDS:
        return not_found(p, "page")
    loaded = _load(p, slug, entry_id)
    if isinstance(loaded, HTMLResponse):
        return loaded
    case, entry = loaded
    errors = FormErrors()
    when = read_case_date(form, "date", "The correct date", date.today(), errors) \
        if kind == "correct" else None
    reason = form.get("reason", "").strip()
    if not reason:
        errors.add("reason", f"Enter why the entry is {'wrong' if kind == 'correct' else 'withdrawn'}")
    if not errors:
        uow = p.services.uow()
        try:
            if when is not None:
                corrections.correct_entry(uow, p.actor, slug, entry_id, when, reason)
            else:
                corrections.withdraw_entry(uow, p.actor, slug, entry_id, reason)
            return p.redirect(_back(slug, entry, form.get("back", "")))
        except Forbidden as exc:
            return forbidden(p, str(exc))
        except NotFound:
            return not_found(p, f"entry ‘{entry_id}’ in case ‘{slug}’")
        except CaseworkError as exc:
            for problem in exc.problems:
                text = f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}"
                errors.add("date" if kind == "correct" else "reason", text,
                           "date-day" if kind == "correct" else None)
    return _page(p, kind, case, entry, form, errors, status=400)
