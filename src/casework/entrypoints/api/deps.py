"""Request plumbing: the container and the signed-in user for each API call."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from casework.bootstrap import Container
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
    actor = auth.actor_for_token(container(request).uow(), credentials.credentials)
    if actor is None:
        raise Unauthenticated("the token is unknown or has expired")
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]
ContainerDep = Annotated[Container, Depends(container)]
