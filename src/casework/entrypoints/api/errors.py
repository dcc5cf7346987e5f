"""One JSON error body for every refusal, so a client handles errors one way.

    {"error": "invalid", "problems": [{"where", "field", "problem", "fix", "line"}]}

`field` is the dotted path of the offending value in the request (e.g. `body.received`),
`fix` says what to do. Not found and forbidden use the same body with one problem.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from casework.domain.errors import CaseworkError, Problem
from casework.service.errors import Conflict, Forbidden, NotFound, Unauthenticated
from casework.service.ports import StoreBusy

_FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove this field, or check its spelling against the API document (/docs)",
    "date_from_datetime_parsing": "write a date as YYYY-MM-DD",
    "date_parsing": "write a date as YYYY-MM-DD",
    "int_parsing": "write a whole number",
    "string_too_short": "fill this in",
    "literal_error": "use one of the values listed in the problem",
    "json_invalid": "send a valid JSON body",
}


class ProblemOut(BaseModel):
    """One problem, as `domain.errors.Problem.as_dict` writes it."""

    where: str
    line: int | None = None
    field: str
    problem: str
    fix: str


class ErrorBody(BaseModel):
    """The body of every error the API returns."""

    error: str
    problems: list[ProblemOut]


def body(status: str, problems: list[Problem]) -> dict[str, Any]:
    return {"error": status, "problems": [p.as_dict() for p in problems]}


def _documented(status: str, what: str, problem: Problem) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/ErrorBody"}  # registered by `model`
    return {"model": ErrorBody, "description": what,
            "content": {"application/json": {"schema": schema, "example": body(status, [problem])}}}


# Declared on every operation (FastAPI would otherwise document its own 422 body, which is
# not the one returned); each example is a body the handlers below really return.
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _documented("unauthenticated", "No valid bearer token", Problem(
        "request", "Authorization", "sign in first", "POST your username and password to /api/token and send "
        "'Authorization: Bearer <token>'")),
    403: _documented("forbidden", "Your role may not do this", Problem(
        "user", "role", "a caseworker may not do this (action:verify); ask one of: complaints_manager, team_manager",
        "ask a colleague with that role")),
    404: _documented("not_found", "No such record that you can see", Problem(
        "path", "case", "there is no case 'wirral-19-020-817' that you can see",
        "check the id; records of other councils are not shown")),
    409: _documented("conflict", "The change conflicts with what is recorded", Problem(
        "request body", "type", "'stage3_panel' cannot happen now: the statutory procedure has no such step",
        "the steps allowed now are: stage1_response")),
    422: _documented("invalid", "The request is not valid", Problem(
        "request body", "date", "'2024-13-01' is not a date", "write a date as YYYY-MM-DD")),
    400: _documented("bad_request", "The body could not be read", Problem(
        "request body", "", "There was an error parsing the body", "send a valid JSON body")),
    413: _documented("too_large", "The request is too large", Problem(
        "request body", "", "the request is larger than 10,485,760 bytes",
        "send a smaller request (split a large import into several files)")),
    503: _documented("busy", "The store is busy with other changes", Problem(
        "request", "", "the store is busy", "send the same request again")),
    500: _documented("server_error", "Something went wrong on the server (it is logged)", Problem(
        "server", "", "something went wrong on our side", "try again later; if it happens again, tell "
        "the service's administrators the time it happened")),
}

# An HTTP error raised by the framework (an unknown address, a method a path does not take,
# a body that is not JSON): its status word and what to do.
_HTTP = {
    400: ("bad_request", "send a valid JSON body"),
    404: ("not_found", "check the address against the API document (/api/docs)"),
    405: ("method_not_allowed", "use a method the API document (/api/docs) lists for this address"),
    413: ("too_large", "send a smaller request"),
}


def _respond(code: int, status: str, problems: list[Problem],
             headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body(status, problems), status_code=code, headers=headers)


def _pydantic_problem(error: dict[str, Any]) -> Problem:
    loc = [str(p) for p in error.get("loc", ())]
    where = loc[0] if loc else "request"
    where = {"body": "request body", "query": "query string", "path": "path"}.get(where, where)
    field = ".".join(loc[1:])
    fix = _FIXES.get(error.get("type", ""), "correct the value")
    return Problem(where, field, str(error.get("msg", "invalid value")), fix)


def _http_error(exc: StarletteHTTPException) -> JSONResponse:
    status, fix = _HTTP.get(exc.status_code, ("http_error", "check the address and method"))
    return _respond(exc.status_code, status, [Problem("request", "", str(exc.detail), fix)],
                    headers=getattr(exc, "headers", None))


def server_error(path: str) -> Response:
    """The answer to an unexpected failure: the API's error body under /api, a plain page for
    a person elsewhere; never the failure's details (they go to the log)."""
    problem = Problem("server", "", "something went wrong on our side",
                      "try again later; if it happens again, tell the service's administrators the time it happened")
    if path.startswith("/api"):
        return _respond(500, "server_error", [problem])
    return HTMLResponse(SERVER_ERROR_PAGE, status_code=500)


SERVER_ERROR_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Sorry, there is a problem with the service</title></head><body>
<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>
<p>If it happens again, tell the service's administrators the time it happened.</p></body></html>"""


def _not_found(exc: NotFound) -> JSONResponse:
    return _respond(404, "not_found", [Problem(
        "path", exc.record_type, f"there is no {exc.record_type} '{exc.ref}' that you can see",
        "check the id; records of other councils are not shown")])


def _unauthenticated(exc: Unauthenticated) -> JSONResponse:
    return _respond(401, "unauthenticated",
                    [Problem("request", "Authorization", str(exc),
                             "POST your username and password to /api/token and send "
                             "'Authorization: Bearer <token>'")],
                    headers={"WWW-Authenticate": "Bearer"})


RESPONDERS: dict[type[Exception], Callable[[Any], JSONResponse]] = {
    RequestValidationError: lambda e: _respond(
        422, "invalid", [_pydantic_problem(x) for x in e.errors()]),
    Conflict: lambda e: _respond(409, "conflict", e.problems),
    CaseworkError: lambda e: _respond(422, "invalid", e.problems),
    NotFound: _not_found,
    Forbidden: lambda e: _respond(403, "forbidden", [
        Problem("user", "role", str(e), "ask a colleague with that role")]),
    Unauthenticated: _unauthenticated,
    StoreBusy: lambda e: _respond(503, "busy", [Problem("request", "", str(e), "send the same request again")],
                                  headers={"Retry-After": "1"}),
    StarletteHTTPException: lambda e: _http_error(e),
}
_DEFAULTS: dict[type[Exception], Any] = {
    RequestValidationError: request_validation_exception_handler,
    StarletteHTTPException: http_exception_handler,
}


def install(app: FastAPI) -> None:
    """JSON errors under /api; other paths keep the handler the web pages installed, if any.

    Call after the web pages are mounted, so their handlers are the ones delegated to.
    """
    for kind, respond in RESPONDERS.items():
        previous = app.exception_handlers.get(kind) or _DEFAULTS.get(kind)
        app.add_exception_handler(kind, _handler(respond, previous))


def _handler(respond: Callable[[Any], JSONResponse], previous: Any) -> Any:
    async def handle(request: Request, exc: Exception) -> Response:
        if previous is not None and not request.url.path.startswith("/api"):
            result = previous(request, exc)
            response: Response = await result if inspect.isawaitable(result) else result
            return response
        return respond(exc)
    return handle
