"""What every page handler gets: the signed-in user, the session, and a way to render.

A handler asks for `Depends(page)` (anyone) or `Depends(signed_in)` (staff only). The
`Page` renders a template with the values every page needs (user, CSRF token, section)
and writes the session cookie back, so the token in the form and the cookie always agree.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment

from casework.bootstrap import Container
from casework.entrypoints.api.refusals import remember_actor
from casework.entrypoints.web import auth
from casework.entrypoints.web.session import Session, SessionCodec, load_session, store_session
from casework.service.access import Actor

log = logging.getLogger(__name__)


@dataclass
class WebContext:
    """Built once by `register`: the container's use cases, templates and cookie codec."""

    container: Container
    templates: Environment
    codec: SessionCodec


def secret_key(container: Container) -> str:
    """`CASEWORK_SECRET_KEY`, or else the key kept in the database, made by the first process
    that needs it: never one per process, so a session signed in on one server (or worker)
    is good on every other serving the same database, and survives a restart."""
    key = os.environ.get("CASEWORK_SECRET_KEY")
    if key:
        return key
    return container.shared_value("web_session_key", lambda: secrets.token_urlsafe(48))


class SignInRequired(Exception):
    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


class CsrfRefused(Exception):
    pass


@dataclass
class Page:
    request: Request
    ctx: WebContext
    session: Session
    user: Actor | None

    @property
    def services(self) -> Container:
        return self.ctx.container

    @property
    def actor(self) -> Actor:
        """The signed-in user (a page behind `signed_in` always has one)."""
        if self.user is None:
            raise SignInRequired(self.request.url.path)
        return self.user

    def render(self, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        body = self.ctx.templates.get_template(template).render(
            user=self.user, csrf_token=self.session.csrf, request=self.request, **values)
        response = HTMLResponse(body, status_code=status)
        self.keep(response)
        return response

    def redirect(self, url: str) -> RedirectResponse:
        response = RedirectResponse(url, status_code=303)
        self.keep(response)
        return response

    def keep(self, response: Response) -> None:
        store_session(response, self.request, self.ctx.codec, self.session)

    def check_csrf(self, token: str | None) -> None:
        if not self.session.csrf_ok(token):
            raise CsrfRefused()


def context(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.casework_web
    return ctx


def page(request: Request, ctx: WebContext = Depends(context)) -> Page:  # noqa: B008
    session = load_session(request, ctx.codec)
    user = auth.user_for(ctx.container, session)
    remember_actor(request.state, user)
    if session.token is not None and user is None:
        session = session.signed_out()
    return Page(request, ctx, session, user)


def signed_in(request: Request, p: Page = Depends(page)) -> Page:  # noqa: B008
    if p.user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(quote(target, safe="/?=&"))
    return p


def not_found(p: Page, what: str) -> HTMLResponse:
    """Another council's record looks exactly like a missing one (service.errors.NotFound)."""
    return p.render("errors/error.html", status=404, title="Page not found", lines=[
        f"There is no {what} that you can see.",
        "You can see only your own council’s records. If you typed the web address, check it is right.",
    ])


def forbidden(p: Page, reason: str) -> HTMLResponse:
    return p.render("errors/error.html", status=403, title="You cannot do this",
                    lines=[reason[0].upper() + reason[1:] + "."])
