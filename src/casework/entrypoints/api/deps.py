"""Request plumbing: the container and the signed-in user for each API call."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from casework.bootstrap import Container
from casework.domain.errors import CaseworkError, Problem
from casework.domain.limits import MAX_ID, MAX_PAGE
from casework.entrypoints.api.refusals import remember_actor
from casework.service import auth
from casework.service.access import Actor
from casework.service.errors import Unauthenticated

bearer = HTTPBearer(auto_error=False, description="a token from POST /api/token")


def container(request: Request) -> Container:
    found: Container = request.app.state.container
    return found


def current_actor(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Actor:
    if credentials is None:
        raise Unauthenticated("this needs a bearer token")
    c = container(request)
    actor = auth.actor_for_token(c.uow(), credentials.credentials, auth.API, c.settings.idle_minutes)
    if actor is None:
        raise Unauthenticated("the token is unknown or has expired")
    remember_actor(request.state, actor)
    return actor


def seen_version(if_match: Annotated[str | None, Header(
        description='the case version you saw, as its ETag ("7"): the change is refused with 409 '
                    'if the case has changed since')] = None) -> int | None:
    """The case version the client saw, from `If-Match` ("7", W/"7" or 7); None if not sent."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise CaseworkError(Problem("request", "If-Match", f"'{if_match}' is not a case version",
                                    "send the ETag the case was read with, e.g. If-Match: \"7\""))
    return int(value)


def etag(version: int) -> str:
    return f'"{version}"'


ActorDep = Annotated[Actor, Depends(current_actor)]
SeenVersionDep = Annotated[int | None, Depends(seen_version)]
ContainerDep = Annotated[Container, Depends(container)]


# Bounded query and path values (`domain.limits`): past these a value gets a 422, never a
# database error.
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"1 to {MAX_PAGE:,}")]
PerPage = Annotated[int, Query(ge=1, le=500)]
ActionId = Annotated[int, Path(ge=1, le=MAX_ID)]
AsOf = Annotated[date, Query(ge=date(1900, 1, 1), le=date(2999, 12, 31), description="YYYY-MM-DD")]
