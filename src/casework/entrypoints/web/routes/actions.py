"""An agreed action's evidence and its verification. The register of every agreed action
in the council is `routes/registers.py`."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.errors import CaseworkError
from casework.entrypoints.web.fields import date_items, read_case_date
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, not_found, signed_in
from casework.service import actions as action_service
from casework.service.errors import Forbidden, NotFound

router = APIRouter(include_in_schema=False)


def _evidence_page(p: Page, action: dict[str, Any], form: dict[str, str], errors: FormErrors,
                   status: int = 200) -> HTMLResponse:
    return p.render("actions/evidence.html", title="Add evidence", section="actions", action=action, form=form,
                    errors=errors, date_items=lambda name: date_items(form, name, name in errors), status=status)


def _action(p: Page, action_id: int) -> dict[str, Any] | HTMLResponse:
    try:
        found: dict[str, Any] = action_service.get_action(p.services.uow(), p.actor, action_id)
        return found
    except NotFound:
        return not_found(p, f"agreed action {action_id}")


@router.get("/actions/{action_id}/evidence", response_class=HTMLResponse)
def evidence_form(action_id: int, p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    action = _action(p, action_id)
    if isinstance(action, HTMLResponse):
        return action
    if not p.actor.may("action:write"):
        return forbidden(p, f"a {p.actor.role.replace('_', ' ')} may not add evidence")
    return _evidence_page(p, action, {}, FormErrors())


@router.post("/actions/{action_id}/evidence", response_class=HTMLResponse)
async def add_evidence(action_id: int, request: Request, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    form = {k: str(v) for k, v in (await request.form()).items()}
    p.check_csrf(form.get("csrf_token"))
    action = _action(p, action_id)
    if isinstance(action, HTMLResponse):
        return action
    errors = FormErrors()
    when = read_case_date(form, "on", "Date of the evidence", date.today(), errors, month_only=False)
    note = form.get("note", "").strip()
    if not note:
        errors.add("note", "Enter what shows the action was done")
    if not errors and when is not None:
        try:
            action_service.evidence_action(p.services.uow(), p.actor, action_id, when, note=note)
            return p.redirect(f"/actions#action-{action_id}")
        except Forbidden as exc:
            return forbidden(p, str(exc))
        except CaseworkError as exc:
            errors.add("note", f"{exc.problems[0].problem[:1].upper()}{exc.problems[0].problem[1:]}")
    return _evidence_page(p, action, form, errors, status=400)


@router.post("/actions/{action_id}/verify", response_class=HTMLResponse)
async def verify(action_id: int, request: Request, p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    form = await request.form()
    p.check_csrf(str(form.get("csrf_token", "")))
    try:
        action_service.verify_action(p.services.uow(), p.actor, action_id)
    except NotFound:
        return not_found(p, f"agreed action {action_id}")
    except Forbidden as exc:
        return forbidden(p, str(exc))
    except CaseworkError as exc:
        return forbidden(p, f"{exc.problems[0].problem}: {exc.problems[0].fix}")
    return p.redirect(f"/actions#action-{action_id}")
