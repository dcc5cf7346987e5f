"""The web app: server-rendered pages in the GOV.UK Design System, over the service layer.

`register(app, container)` is called by the FastAPI app factory: it mounts the pages and
their static files on the same app as the API. Pages call service use cases only; they
never touch the store or change state themselves. Every page works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from casework.domain.errors import CaseworkError
from casework.entrypoints.web import errors
from casework.entrypoints.web.assets import mount_assets
from casework.entrypoints.web.pages import CsrfRefused, SignInRequired, WebContext, secret_key
from casework.entrypoints.web.routes import (
    account,
    actions,
    cases,
    complaint_remedies,
    complaints,
    corrections,
    decisions,
    home,
    intake,
    letters,
    new_case,
    registers,
    remedies,
    reports,
)
from casework.entrypoints.web.routes import auth as auth_pages
from casework.entrypoints.web.session import SessionCodec, load_session
from casework.entrypoints.web.templating import environment
from casework.service.ports import StoreBusy

ROUTERS = (
    auth_pages.router, home.router, registers.router, new_case.router, cases.router, complaints.router,
    complaint_remedies.router, intake.router, actions.router, corrections.router, letters.router, remedies.router,
    decisions.router,
    reports.router, account.router,
)


def register(app: FastAPI, container: Any) -> None:
    ctx = WebContext(container=container, templates=environment(), codec=SessionCodec(secret_key(container)))
    app.state.casework_web = ctx
    mount_assets(app)
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(CsrfRefused, _csrf_refused)
    app.add_exception_handler(RequestValidationError, errors.invalid_request)
    app.add_exception_handler(StarletteHTTPException, errors.http_error)
    app.add_exception_handler(CaseworkError, errors.refused_input)
    app.add_exception_handler(StoreBusy, errors.store_busy)


async def _to_sign_in(request: Request, exc: Exception) -> Response:
    target = exc.next_url if isinstance(exc, SignInRequired) else "/"
    return RedirectResponse(f"/sign-in?next={target}", status_code=303)


async def _csrf_refused(request: Request, exc: Exception) -> Response:
    ctx: WebContext = request.app.state.casework_web
    session = load_session(request, ctx.codec)
    body = ctx.templates.get_template("errors/error.html").render(
        title="Your form had expired", user=None, csrf_token=session.csrf, lines=[
            "For your security, forms stop working when you sign in or out, or after a while.",
            "Go back, reload the page and try again.",
        ])
    return HTMLResponse(body, status_code=400)
