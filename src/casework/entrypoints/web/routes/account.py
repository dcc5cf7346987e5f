"""Your account: turn your reminder emails on or off (`casework remind` sends them)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, Response

from casework.entrypoints.web.pages import Page, signed_in
from casework.service.reminders import my_reminders, set_my_reminders

router = APIRouter(include_in_schema=False)


@router.get("/account/reminders", response_class=HTMLResponse)
def reminders_form(saved: str = "", p: Page = Depends(signed_in)) -> HTMLResponse:  # noqa: B008
    on, email = my_reminders(p.services.uow(), p.actor)
    return p.render("account/reminders.html", title="Reminder emails", section="account",
                    on=on, email=email, saved=saved == "yes")


@router.post("/account/reminders")
def save_reminders(reminders: str = Form(""), csrf_token: str = Form(""),
                   p: Page = Depends(signed_in)) -> Response:  # noqa: B008
    p.check_csrf(csrf_token)
    set_my_reminders(p.services.uow(), p.actor, reminders == "on")
    return p.redirect("/account/reminders?saved=yes")
