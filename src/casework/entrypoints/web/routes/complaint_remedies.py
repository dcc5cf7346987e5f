"""A remedy on a complaint: on the points it answers (or the complaint as a whole), its
amount and what it is for, by whom. The remedy calculator's result fills the form in with
one click (`?amount=…&purpose=…`), so a worked-out figure is never retyped.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.errors import CaseworkError
from casework.domain.events import REMEDY_PURPOSES
from casework.entrypoints.web.fields import date_items, read_case_date, read_money
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, signed_in
from casework.entrypoints.web.routes.complaints import complaint_view
from casework.service import complaints as complaint_service
from casework.service.errors import Forbidden
from casework.service.web_queries import ComplaintPage

router = APIRouter(include_in_schema=False)

PURPOSE_WORDS = {
    "distress": "Distress", "time_and_trouble": "Time and trouble", "delay": "Delay in handling the complaint",
    "financial_loss": "Financial loss", "missed_provision": "Missed provision (services the child did not get)",
    "other": "Something else",
}
OFFERED_BY = (("council", "The council"), ("stage 2", "The stage 2 adjudicator"),
              ("panel", "The review panel"), ("Ombudsman", "The Ombudsman"))


def _page(p: Page, view: ComplaintPage, form: dict[str, str], points: list[str], errors: FormErrors,
          status: int = 200) -> HTMLResponse:
    return p.render("complaints/remedy.html", title="Record a remedy", section="cases", view=view, form=form,
                    chosen_points=points, errors=errors, purposes=PURPOSE_WORDS, offered_by=OFFERED_BY,
                    date_items=lambda name: date_items(form, name, name in errors), status=status)


@router.get("/cases/{slug}/complaints/{ref}/remedies/new", response_class=HTMLResponse)
def remedy_form(slug: str, ref: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    if not p.actor.may("remedy:write"):
        return forbidden(p, f"a {p.actor.role.replace('_', ' ')} may not record a remedy")
    query = p.request.query_params
    form = {k: query[k] for k in ("amount", "purpose") if k in query}
    return _page(p, view, form, query.getlist("points"), FormErrors())


@router.post("/cases/{slug}/complaints/{ref}/remedies", response_class=HTMLResponse)
async def record_remedy(slug: str, ref: str, request: Request,
                        p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if k != "points"}
    points = [str(v) for v in raw.getlist("points")]
    p.check_csrf(form.get("csrf_token"))
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    errors = FormErrors()
    when = read_case_date(form, "when", "Date the remedy was offered", date.today(), errors, month_only=False)
    purpose = form.get("purpose", "")
    if purpose not in REMEDY_PURPOSES:
        errors.add("purpose", "Select what the remedy is for")
    amount, amount_error = read_money(form.get("amount"), "The payment", required=False)
    if amount_error:
        errors.add("amount", amount_error)
    known = {str(n) for n in view.replay.complaint.points}
    if any(n not in known for n in points):
        errors.add("points", "Select only points the complaint lists")
    if not errors and when is not None:
        try:
            complaint_service.add_remedy(
                p.services.uow(), p.actor, slug, ref, purpose, when,
                amount=float(amount) if amount else None, points=points or None,
                payee=form.get("payee", "").strip(), by=form.get("by", "") or "council")
            return p.redirect(f"/cases/{slug}/complaints/{ref}#points")
        except Forbidden as exc:
            return forbidden(p, str(exc))
        except CaseworkError as exc:
            for problem in exc.problems:
                field = problem.field if problem.field in ("amount", "purpose", "points", "payee") else "when"
                errors.add(field, f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}")
    return _page(p, view, form, points, errors, status=400)
