"""The complaint page: each stage's clock, points and findings stage by stage (overturns
shown), remedies and agreed actions; and the next steps the procedure allows, each
recorded through the `record_complaint_event` use case."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.dates import DATE_FORMS, CaseDate, DateError
from casework.domain.errors import CaseworkError
from casework.domain.events import EVENT_TYPE_BY_NAME, FINDINGS
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.service import complaints as complaint_service
from casework.service.errors import Forbidden, NotFound
from casework.service.web_queries import ComplaintPage, complaint_page

router = APIRouter(include_in_schema=False)


@router.get("/cases/{slug}/complaints/{ref}", response_class=HTMLResponse)
def show(slug: str, ref: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    return p.render("complaints/show.html", title=f"Complaint {ref}", section="cases", view=view,
                    event_types=EVENT_TYPE_BY_NAME)


def _step_page(p: Page, view: ComplaintPage, step: str, form: dict[str, str], errors: FormErrors,
               status: int = 200) -> HTMLResponse:
    return p.render("complaints/step.html", title=EVENT_TYPE_BY_NAME[step].meaning.capitalize(),
                    section="cases", view=view, step=step, step_type=EVENT_TYPE_BY_NAME[step],
                    form=form, errors=errors, findings=FINDINGS, date_forms=DATE_FORMS, status=status)


def complaint_view(p: Page, slug: str, ref: str) -> ComplaintPage | HTMLResponse:
    """The complaint as of today, or the page saying there is none the user can see."""
    try:
        return complaint_page(p.services.uow(), p.user, slug, ref, date.today())
    except NotFound:
        return not_found(p, f"complaint ‘{ref}’ on case ‘{slug}’")


def _load(p: Page, slug: str, ref: str, step: str) -> ComplaintPage | HTMLResponse:
    view = complaint_view(p, slug, ref)
    if isinstance(view, HTMLResponse):
        return view
    if step not in view.allowed_next:
        allowed = ", ".join(s.replace("_", " ") for s in view.allowed_next) or "none"
        return forbidden(p, f"the procedure does not allow ‘{step.replace('_', ' ')}’ now; "
                            f"the steps it allows are: {allowed}")
    return view


@router.get("/cases/{slug}/complaints/{ref}/steps/{step}", response_class=HTMLResponse)
def step_form(slug: str, ref: str, step: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    view = _load(p, slug, ref, step)
    if isinstance(view, HTMLResponse):
        return view
    return _step_page(p, view, step, {}, FormErrors())


@router.post("/cases/{slug}/complaints/{ref}/steps/{step}", response_class=HTMLResponse)
async def record_step(slug: str, ref: str, step: str, request: Request,
                      p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    form = {k: str(v) for k, v in (await request.form()).items()}
    p.check_csrf(form.get("csrf_token"))
    view = _load(p, slug, ref, step)
    if isinstance(view, HTMLResponse):
        return view
    errors = FormErrors()
    when = form.get("when", "").strip()
    if not when:
        errors.add("when", "Enter the date it happened")
    else:
        try:
            CaseDate.parse(when)
        except DateError as exc:
            errors.add("when", str(exc)[:1].upper() + str(exc)[1:])
    findings = {k.removeprefix("finding-"): v for k, v in form.items() if k.startswith("finding-") and v}
    if not errors:
        try:
            complaint_service.record_complaint_event(
                p.services.uow(), p.user, slug, ref, step, when, findings=findings or None,
                note=form.get("note", "").strip())
            return p.redirect(f"/cases/{slug}/complaints/{ref}#timeline")
        except Forbidden as exc:
            return forbidden(p, str(exc))
        except CaseworkError as exc:
            for problem in exc.problems:
                field = "when" if problem.field in ("date", "when") else "note"
                if problem.field.startswith("findings."):
                    field = "finding-" + problem.field.split(".", 1)[1]
                errors.add(field, f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}")
    return _step_page(p, view, step, form, errors, status=400)
