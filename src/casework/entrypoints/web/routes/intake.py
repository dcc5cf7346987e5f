"""Taking a complaint in: who complained and about which children, when and how it came,
its points in the complainant's words (one box per point, "add another point"), whether
they asked for an advocate, which procedure applies and why, and the stage it starts at.

The form is checked as the service checks the event (`receive_complaint`, the same
chronology check); nothing is stored while anything is wrong.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.chronology import Case
from casework.domain.dates import CaseDate
from casework.domain.errors import CaseworkError
from casework.entrypoints.web.fields import date_items, read_case_date
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.service import cases as case_service
from casework.service import complaints as complaint_service
from casework.service.errors import Forbidden, NotFound

router = APIRouter(include_in_schema=False)

HOW = (("letter", "Letter"), ("email", "Email"), ("online", "Online form"), ("phone", "Phone"),
       ("in_person", "In person"))
ORAL = ("phone", "in_person")
PROCEDURE_WORDS = (("statutory", "Statutory (Children Act 1989)"),
                   ("corporate", "Corporate (the council’s own procedure)"))


def _points(form: dict[str, str]) -> list[str]:
    """The point boxes as typed, in order (`point-1`, `point-2`, …)."""
    numbers = sorted(int(k.removeprefix("point-")) for k in form if k.startswith("point-")
                     and k.removeprefix("point-").isdigit())
    return [form[f"point-{n}"].strip() for n in numbers]


def _page(p: Page, case: Case, form: dict[str, str], children: list[str], points: list[str],
          errors: FormErrors, status: int = 200) -> HTMLResponse:
    return p.render("complaints/new.html", title="New complaint", section="cases", case=case, form=form,
                    chosen_children=children, points=points or [""], errors=errors, how=HOW,
                    procedures=PROCEDURE_WORDS, date_items=lambda name: date_items(form, name, name in errors),
                    status=status)


def _case(p: Page, slug: str) -> Case | HTMLResponse:
    try:
        return case_service.get_case(p.services.uow(), p.actor, slug)
    except NotFound:
        return not_found(p, f"case ‘{slug}’")


@router.get("/cases/{slug}/new-complaint", response_class=HTMLResponse)
def intake_form(slug: str, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    case = _case(p, slug)
    if isinstance(case, HTMLResponse):
        return case
    if not p.actor.may("complaint:write"):
        return forbidden(p, f"a {p.actor.role.replace('_', ' ')} may not take in a complaint")
    return _page(p, case, {"procedure": "statutory", "start_stage": "1"}, [], [], FormErrors())


@router.post("/cases/{slug}/new-complaint", response_class=HTMLResponse)
async def intake(slug: str, request: Request, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if k != "children"}
    children = [str(c) for c in raw.getlist("children")]
    p.check_csrf(form.get("csrf_token"))
    case = _case(p, slug)
    if isinstance(case, HTMLResponse):
        return case
    points = _points(form)
    if "add_point" in form:
        return _page(p, case, form, children, [*points, ""], FormErrors())
    errors = FormErrors()
    details, received = _read(form, case, children, points, errors)
    if not errors and received is not None:
        ref = complaint_service.next_complaint_ref(case)
        numbered = {str(i): text for i, text in enumerate((t for t in points if t), start=1)}
        try:
            complaint_service.receive_complaint(
                p.services.uow(), p.actor, slug, ref, received, form["procedure"], numbered,
                note=form.get("note", "").strip(), details=details, children=tuple(children))
            return p.redirect(f"/cases/{slug}/complaints/{ref}")
        except Forbidden as exc:
            return forbidden(p, str(exc))
        except CaseworkError as exc:
            for problem in exc.problems:
                field = problem.field.removeprefix("details.")
                errors.add(field if field in form or field == "children" else "received",
                           f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}")
    return _page(p, case, form, children, points, errors, status=400)


def _read(form: dict[str, str], case: Case, children: list[str], points: list[str],
          errors: FormErrors) -> tuple[dict[str, object], CaseDate | None]:
    details: dict[str, object] = {}
    for name, message in (("complainant", "Enter the complainant’s name"),
                          ("relationship", "Enter the complainant’s relationship to the child")):
        value = form.get(name, "").strip()
        if value:
            details[name] = value
        else:
            errors.add(name, message)
    if case.children and not children:
        errors.add("children", "Select the child or children the complaint is about", f"children-{case.children[0].id}")
    received = read_case_date(form, "received", "Date the complaint was received", date.today(), errors)
    how = form.get("received_how", "")
    if how not in dict(HOW):
        errors.add("received_how", "Select how the complaint was made")
    else:
        details["received_how"] = how
        if how in ORAL:
            if form.get("oral_agreed") != "yes":
                errors.add("oral_agreed", "Tick to confirm the complaint was written down and agreed with the "
                                          "complainant; an oral complaint is taken in once it is")
            details["oral_agreed"] = form.get("oral_agreed") == "yes"
    if not any(points):
        errors.add("point-1", "Enter the first point of the complaint, in the complainant’s words")
    if form.get("advocate_requested") not in ("yes", "no"):
        errors.add("advocate_requested", "Select yes if the complainant asked for an advocate, or no")
    else:
        details["advocate_requested"] = form["advocate_requested"] == "yes"
    if form.get("procedure") not in dict(PROCEDURE_WORDS):
        errors.add("procedure", "Select which procedure applies")
    reason = form.get("procedure_reason", "").strip()
    if reason:
        details["procedure_reason"] = reason
    else:
        errors.add("procedure_reason", "Enter why this procedure applies")
    if form.get("start_stage") == "2":
        details["start_stage"] = 2
    return details, received
