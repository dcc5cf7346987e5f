"""Protections every response and request gets, web pages and API alike (plain ASGI, so a
refused request costs nothing more than its headers).

- Security headers: a Content-Security-Policy allowing no inline or foreign script and no
  framing (with X-Frame-Options for old browsers), X-Content-Type-Options, Referrer-Policy,
  and Strict-Transport-Security when the request came over HTTPS.
- A request size limit: a body declared or found larger than `max_bytes` is refused with 413.
- A NUL byte in the path or query string is refused with 422 (PostgreSQL cannot store one).
- An unexpected failure is logged with its traceback and answered with a 500 that shows none
  of it: the JSON error body under /api, a plain page elsewhere (`errors.server_error`).

Refusals use the API's one JSON error shape (`errors.body`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import unquote_to_bytes

from casework.domain.errors import Problem
from casework.entrypoints.api import errors

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an evidence file (base64) fits; a runaway body does not


class TooLarge(Exception):
    pass


class Hardening:
    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [*HEADERS, HSTS] if scope.get("scheme") == "https" else HEADERS
        if _has_nul(scope):
            await _refuse(send, extra, 422, "invalid", Problem(
                "path", "", "the address holds a NUL byte", "remove the %00 from the address"))
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(send, extra, 413, "too_large", self._too_large())
            return
        started = False
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except TooLarge:
            if started:
                raise
            await _refuse(send, extra, 413, "too_large", self._too_large())
        except Exception:
            log.exception("unhandled error answering %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await errors.server_error(scope.get("path", ""))(scope, receive, send_with_headers)

    def _too_large(self) -> Problem:
        return Problem("request body", "", f"the request is larger than {self.max_bytes:,} bytes",
                       "send a smaller request (split a large import into several files)")


def _has_nul(scope: Scope) -> bool:
    raw_path = scope.get("raw_path") or scope.get("path", "").encode()
    return b"\x00" in unquote_to_bytes(raw_path) or b"\x00" in unquote_to_bytes(scope.get("query_string", b""))


async def _refuse(send: Send, extra: list[tuple[bytes, bytes]], code: int, status: str, problem: Problem) -> None:
    payload = json.dumps({"error": status, "problems": [problem.as_dict()]}).encode()
    await send({"type": "http.response.start", "status": code, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()), *extra]})
    await send({"type": "http.response.body", "body": payload})
