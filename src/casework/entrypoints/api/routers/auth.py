"""Log in for a bearer token; who am I."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from casework.entrypoints.api.deps import ActorDep, ContainerDep
from casework.entrypoints.api.schemas import TokenIn
from casework.service import auth
from casework.service.errors import Unauthenticated
from casework.service.read_models import MeView, TokenView

router = APIRouter(prefix="/api", tags=["auth"])


@router.post("/token", response_model=TokenView, summary="Exchange a username and password for a bearer token")
def token(body: TokenIn, c: ContainerDep) -> dict[str, Any]:
    actor = auth.authenticate(c.uow(), c.passwords, body.username, body.password)
    if actor is None:
        raise Unauthenticated("the username or password is wrong")
    value = auth.issue_token(c.uow(), actor, auth.API, c.settings.token_hours)
    return {"access_token": value, "token_type": "bearer",
            "expires_in": c.settings.token_hours * 3600}


@router.get("/me", response_model=MeView, summary="The signed-in user, their council and role")
def me(actor: ActorDep) -> dict[str, Any]:
    return {"username": actor.username, "council": actor.council, "role": actor.role,
            "team": actor.team}
