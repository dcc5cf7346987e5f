"""Signed session cookies and CSRF tokens for the web pages.

The cookie holds only the sign-in token the service issued and a CSRF token, signed with HMAC-SHA256
so it cannot be forged or edited; it is HttpOnly (no script can read it), SameSite=Lax
(other sites' forms do not carry it) and Secure over HTTPS. Every form that changes
anything posts the token back and is refused unless it matches the cookie's (the
synchroniser-token pattern). Signing in issues a fresh token, so a token planted before
sign-in is useless after it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from fastapi import Request, Response

COOKIE = "casework_session"
MAX_AGE_SECONDS = 8 * 60 * 60  # one working day; then sign in again


@dataclass(frozen=True)
class Session:
    csrf: str
    token: str | None = None
    issued: int = 0

    @classmethod
    def fresh(cls, token: str | None = None) -> Session:
        return cls(csrf=secrets.token_urlsafe(32), token=token, issued=int(time.time()))

    def signed_in(self, token: str) -> Session:
        """A new session (and CSRF token) holding the service's sign-in token."""
        return Session.fresh(token)

    def signed_out(self) -> Session:
        return Session.fresh()

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf, str(token))


class SessionCodec:
    """Turns a `Session` into a signed cookie value and back; rejects anything tampered."""

    def __init__(self, secret: str | bytes) -> None:
        self._key = secret.encode() if isinstance(secret, str) else secret

    def _sign(self, body: bytes) -> str:
        digest = hmac.new(self._key, body, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def dumps(self, session: Session) -> str:
        payload = {"c": session.csrf, "u": session.token, "t": session.issued}
        body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
        return f"{body.decode()}.{self._sign(body)}"

    def loads(self, value: str | None, now: float | None = None) -> Session | None:
        if not value or "." not in value:
            return None
        body, signature = value.rsplit(".", 1)
        if not hmac.compare_digest(self._sign(body.encode()), signature):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(body.encode()))
            session = Session(csrf=str(payload["c"]), token=payload["u"], issued=int(payload["t"]))
        except (ValueError, KeyError, TypeError):
            return None
        if (now if now is not None else time.time()) - session.issued > MAX_AGE_SECONDS:
            return None
        return session


    def seal(self, payload: dict[str, str], now: float | None = None) -> str:
        """Any small mapping, signed and stamped (the OpenID Connect flow's state, nonce, verifier)."""
        stamped = {**payload, "_t": str(int(now if now is not None else time.time()))}
        body = base64.urlsafe_b64encode(json.dumps(stamped, separators=(",", ":")).encode())
        return f"{body.decode()}.{self._sign(body)}"

    def unseal(self, value: str | None, max_age: int, now: float | None = None) -> dict[str, str] | None:
        """What `seal` signed, if untampered and younger than `max_age` seconds."""
        if not value or "." not in value:
            return None
        body, signature = value.rsplit(".", 1)
        if not hmac.compare_digest(self._sign(body.encode()), signature):
            return None
        try:
            payload = {str(k): str(v) for k, v in json.loads(base64.urlsafe_b64decode(body.encode())).items()}
            age = (now if now is not None else time.time()) - int(payload.pop("_t"))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return payload if 0 <= age <= max_age else None


def load_session(request: Request, codec: SessionCodec) -> Session:
    """The request's session, or a new anonymous one (stored when the response is sent)."""
    session = codec.loads(request.cookies.get(COOKIE))
    return session if session is not None else Session.fresh()


def store_session(response: Response, request: Request, codec: SessionCodec, session: Session) -> None:
    response.set_cookie(
        COOKIE, codec.dumps(session), max_age=MAX_AGE_SECONDS, httponly=True, samesite="lax",
        secure=request.url.scheme == "https", path="/",
    )
