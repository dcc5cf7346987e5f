"""Refused requests go in the audit log: a signed-in user answered 403 (their role may not do
it) or 404 (a record they cannot see — another council's looks exactly like a missing one).

The refusal is written after the response, in a transaction of its own (the refused use case
rolled back its own). The signed-in user is the one the API's bearer token or the web
session named, kept in the request's state by `deps.current_actor` and `web.pages.page`.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool

from casework.entrypoints.api.hardening import ASGIApp, Message, Receive, Scope, Send
from casework.service.access import Actor
from casework.service.trail import record_refusal

REFUSED = {403: "forbidden", 404: "not found"}


def remember_actor(state: Any, actor: Actor | None) -> None:
    """Note who the request is for, so a refusal can be recorded against them."""
    if actor is not None:
        state.actor = actor


class RefusalTrail:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        actor = (scope.get("state") or {}).get("actor")
        if status in REFUSED and isinstance(actor, Actor):
            container = scope["app"].state.container
            what = f"{scope['method']} {scope['path']}"
            await run_in_threadpool(record_refusal, container.uow(), actor, what, REFUSED[status])
