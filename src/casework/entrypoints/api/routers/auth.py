"""Log in for a bearer token, log out (revoke it); who am I."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials

from casework.domain.errors import Problem
from casework.entrypoints.api.deps import ActorDep, ContainerDep, bearer
from casework.entrypoints.api.errors import ErrorBody, body
from casework.entrypoints.api.schemas import TokenIn
from casework.service import auth
from casework.service.errors import Throttled, Unauthenticated
from casework.service.read_models import LogoutView, MeView, TokenView

router = APIRouter(prefix="/api", tags=["auth"])
THROTTLED = {"model": ErrorBody, "description": "Too many failed sign-ins for this account or address; "
             "the Retry-After header says how many seconds to wait"}


@router.post("/token", response_model=TokenView, summary="Exchange a username and password for a bearer token",
             responses={429: THROTTLED})
def token(credentials: TokenIn, request: Request, c: ContainerDep) -> Any:
    address = request.client.host if request.client else ""
    try:
        actor = auth.authenticate(c.uow(), c.passwords, credentials.username, credentials.password, address,
                                  c.sign_in_limits())
    except Throttled as exc:
        return JSONResponse(body("throttled", [Problem("request body", "password", str(exc),
                                                       "wait, then try again")]),
                            status_code=429, headers={"Retry-After": str(exc.retry_after)})
    if actor is None:
        raise Unauthenticated("the username or password is wrong")
    value = auth.issue_token(c.uow(), actor, auth.API, c.settings.token_hours)
    return {"access_token": value, "token_type": "bearer",
            "expires_in": c.settings.token_hours * 3600}


@router.get("/me", response_model=MeView, summary="The signed-in user, their council and role")
def me(actor: ActorDep) -> dict[str, Any]:
    return {"username": actor.username, "council": actor.council, "role": actor.role,
            "team": actor.team}


@router.post("/logout", response_model=LogoutView, summary="Revoke this bearer token (everywhere=true: "
             "every token and web session of this user)")
def logout(actor: ActorDep, c: ContainerDep, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(bearer)], everywhere: bool = False) -> dict[str, Any]:
    ended = auth.end_session(c.uow(), credentials.credentials, everywhere=everywhere) if credentials else 0
    return {"tokens_ended": ended}
