"""Signing in and out of the web pages, through the service layer's session use cases.

The service checks the password (argon2) and issues a session token, of which it keeps
only a hash; the page keeps the token in the signed cookie (see session.py).
"""

from __future__ import annotations

from typing import Any

from casework.bootstrap import Container
from casework.entrypoints.web.session import Session
from casework.service import auth as auth_service
from casework.service.access import Actor


def user_for(container: Container, session: Session) -> Actor | None:
    if session.token is None:
        return None
    return auth_service.actor_for_session(container.uow(), session.token, container.settings.idle_minutes)


def sign_in(container: Container, username: str, password: str,
            address: str = "") -> tuple[Actor, str] | None:
    """Raises `service.errors.Throttled` after too many failures for the account or address."""
    return auth_service.start_session(container.uow(), container.passwords, username, password,
                                      hours=container.settings.token_hours, address=address,
                                      limits=container.sign_in_limits())


def sign_out(container: Any, session: Session) -> None:
    if session.token is not None:
        auth_service.end_session(container.uow(), session.token)
