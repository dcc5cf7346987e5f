"""Error pages for people: a request the pages cannot use gets a GOV.UK page saying what
was wrong and what to do, never the API's JSON body.

The API installs its JSON handlers last (api/errors.py) and hands every path outside
/api back to the handlers registered here.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from casework.domain.errors import CaseworkError
from casework.entrypoints.web.pages import page

EXPECTED = {
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "date_parsing": "a date written as YYYY-MM-DD, for example 2025-03-03",
    "date_from_datetime_parsing": "a date written as YYYY-MM-DD, for example 2025-03-03",
    "decimal_parsing": "a number",
    "float_parsing": "a number",
    "bool_parsing": "yes or no",
}
WHERE = {"query": "The web address", "path": "The web address", "body": "The form", "header": "The request"}


def problem_line(error: dict[str, Any]) -> str:
    """'The web address gives page_number as ‘two’, but it must be a whole number.'"""
    loc = [str(part) for part in error.get("loc", ())]
    where = WHERE.get(loc[0], "The request") if loc else "The request"
    field = ".".join(loc[1:]) or "a value"
    expected = EXPECTED.get(str(error.get("type", "")))
    if expected is None:
        return f"{where} gives {field} a value that cannot be used: {error.get('msg', 'invalid value')}."
    given = error.get("input")
    value = f" as ‘{str(given)[:60]}’" if isinstance(given, str | int | float) else ""
    return f"{where} gives {field}{value}, but it must be {expected}."


async def invalid_request(request: Request, exc: Exception) -> Response:
    """400, with each problem in words and what to do about it."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    p = page(request, request.app.state.casework_web)
    return p.render("errors/error.html", status=400, title="There is a problem with the web address", lines=[
        *(problem_line(e) for e in errors),
        "If you typed the web address or changed it, check it and try again. "
        "Otherwise go back to the previous page and use its links and buttons.",
    ])


async def http_error(request: Request, exc: Exception) -> Response:
    """A missing page or a method the page does not take, as a page rather than JSON."""
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    p = page(request, request.app.state.casework_web)
    if status == 404:
        return p.render("errors/error.html", status=404, title="Page not found", lines=[
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ])
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else "Something went wrong"
    return p.render("errors/error.html", status=status, title="Sorry, there is a problem",
                    lines=[f"{detail}.", "Go back to the previous page and try again."])


async def refused_input(request: Request, exc: Exception) -> Response:
    """400 for a value past the service's bounds (a page number, a search of too many words)
    that a page did not check itself: each problem and what to do."""
    problems = exc.problems if isinstance(exc, CaseworkError) else []
    p = page(request, request.app.state.casework_web)
    return p.render("errors/error.html", status=400, title="There is a problem with the web address", lines=[
        *(f"{problem.problem[:1].upper()}{problem.problem[1:]}: {problem.fix}." for problem in problems),
        "Go back to the previous page and use its links and buttons.",
    ])



async def store_busy(request: Request, exc: Exception) -> Response:
    """503 when the database stayed busy with other people's changes: nothing was saved, and
    sending the same form again is safe."""
    p = page(request, request.app.state.casework_web)
    response = p.render("errors/error.html", status=503, title="Sorry, the service is busy", lines=[
        "Other changes were being saved at the same moment, so nothing you sent was saved.",
        "Go back to the previous page and send it again.",
    ])
    response.headers["Retry-After"] = "1"
    return response
