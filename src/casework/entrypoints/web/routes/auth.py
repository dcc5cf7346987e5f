"""Sign in and sign out. Both are POSTs carrying the CSRF token; a failed sign-in says
only that the username or password is wrong, never which."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from casework.domain.errors import CaseworkError
from casework.entrypoints.web import auth
from casework.entrypoints.web.forms import FormErrors
from casework.entrypoints.web.pages import Page, forbidden, not_found, page
from casework.service.errors import Forbidden, Throttled
from casework.service.external_sign_in import sign_in_with_claims

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this site: never '//evil.example' or an absolute URL."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(next: str = "/", p: Page = Depends(page)) -> Response:  # noqa: B008
    if p.user is not None:
        return p.redirect(_safe_next(next))
    return p.render("auth/sign_in.html", title="Sign in", section="sign-in",
                    oidc=bool(p.services.settings.oidc_issuer),
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
            return p.render("auth/sign_in.html", title="Sign in", section="sign-in",
                    oidc=bool(p.services.settings.oidc_issuer), errors=errors,
                            username=username, next=_safe_next(next), status=429)
        if signed is not None:
            p.session = p.session.signed_in(signed[1])
            return p.redirect(_safe_next(next))
        errors.add("username", "The username or password is not right")
    return p.render("auth/sign_in.html", title="Sign in", section="sign-in",
                    oidc=bool(p.services.settings.oidc_issuer), errors=errors,
                    username=username, next=_safe_next(next), status=400)


OIDC_COOKIE = "casework_oidc"
OIDC_MAX_AGE = 600  # ten minutes to sign in at the provider


@router.get("/sign-in/oidc")
def sign_in_with_provider(p: Page = Depends(page)) -> Response:  # noqa: B008
    """Send the browser to the council's identity provider (OpenID Connect)."""
    provider = p.services.identity_provider()
    if provider is None:
        return not_found(p, "sign-in with an identity provider")
    start = provider.begin()
    response = p.redirect(start.url)
    response.set_cookie(OIDC_COOKIE, p.ctx.codec.seal({"state": start.state, "nonce": start.nonce,
                                                        "verifier": start.verifier}),
                        max_age=OIDC_MAX_AGE, httponly=True, samesite="lax",
                        secure=p.request.url.scheme == "https", path="/sign-in/oidc")
    return response


@router.get("/sign-in/oidc/callback")
def provider_callback(code: str = "", state: str = "", error: str = "",
                      p: Page = Depends(page)) -> Response:  # noqa: B008
    """The provider sends the browser back here with a code; check it and open a session."""
    provider = p.services.identity_provider()
    if provider is None:
        return not_found(p, "sign-in with an identity provider")
    pending = p.ctx.codec.unseal(p.request.cookies.get(OIDC_COOKIE), OIDC_MAX_AGE)
    errors = FormErrors()
    if error or not code or pending is None or not hmac.compare_digest(pending["state"], state):
        errors.add("username", "Signing in with your council account did not finish; try again")
    else:
        try:
            claims = provider.finish(code, pending["verifier"], pending["nonce"])
            _, token = sign_in_with_claims(p.services.uow(), p.services.passwords, claims,
                                           p.services.claim_rules(), p.services.settings.token_hours)
        except CaseworkError as exc:
            errors.add("username", exc.problems[0].problem[0].upper() + exc.problems[0].problem[1:])
        except Forbidden as exc:
            return forbidden(p, str(exc))
        else:
            p.session = p.session.signed_in(token)
            response = p.redirect("/")
            response.delete_cookie(OIDC_COOKIE, path="/sign-in/oidc")
            return response
    return p.render("auth/sign_in.html", title="Sign in", section="sign-in",
                    oidc=bool(p.services.settings.oidc_issuer), errors=errors,
                    username="", next="/", status=400)


@router.post("/sign-out")
def sign_out(csrf_token: str = Form(""), p: Page = Depends(page)) -> Response:  # noqa: B008
    p.check_csrf(csrf_token)
    auth.sign_out(p.services, p.session)
    p.session = p.session.signed_out()
    p.user = None
    return p.redirect("/sign-in")
