"""Sign in and sign out. Both are POSTs carrying the CSRF token; a failed sign-in says
only that the username or password is wrong, never which."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from casework.entrypoints.web import auth
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, page
from casework.service.errors import Throttled

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this site: never '//evil.example' or an absolute URL."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(next: str = "/", p: Page = Depends(page)) -> Response:  # noqa: B008
    if p.user is not None:
        return p.redirect(_safe_next(next))
    return p.render("auth/sign_in.html", title="Sign in", section="sign-in",
                    errors=FormErrors(), username="", next=_safe_next(next))


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/"),
    csrf_token: str = Form(""), p: Page = Depends(page),  # noqa: B008
) -> Response:
    p.check_csrf(csrf_token)
    errors = FormErrors()
    if not username.strip():
        errors.add("username", "Enter your username")
    if not password:
        errors.add("password", "Enter your password")
    if not errors:
        try:
            signed = auth.sign_in(p.services, username.strip(), password,
                                  request.client.host if request.client else "")
        except Throttled as exc:
            errors.add("username", str(exc)[0].upper() + str(exc)[1:])
            return p.render("auth/sign_in.html", title="Sign in", section="sign-in", errors=errors,
                            username=username, next=_safe_next(next), status=429)
        if signed is not None:
            p.session = p.session.signed_in(signed[1])
            return p.redirect(_safe_next(next))
        errors.add("username", "The username or password is not right")
    return p.render("auth/sign_in.html", title="Sign in", section="sign-in", errors=errors,
                    username=username, next=_safe_next(next), status=400)


@router.post("/sign-out")
def sign_out(csrf_token: str = Form(""), p: Page = Depends(page)) -> Response:  # noqa: B008
    p.check_csrf(csrf_token)
    auth.sign_out(p.services, p.session)
    p.session = p.session.signed_out()
    p.user = None
    return p.redirect("/sign-in")
