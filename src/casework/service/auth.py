"""Users, passwords and sessions.

Passwords are hashed by the `PasswordHasher` that bootstrap binds (argon2, in
`adapters.passwords`). The API takes bearer tokens from POST /api/token; the web keeps a
session token in a signed cookie. Both are random
256-bit strings of which only the SHA-256 is stored, so a copy of the database cannot be
used to log in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from casework.domain.errors import CaseworkError, Problem
from casework.service.access import ROLES, Actor
from casework.service.ports import PasswordHasher, UnitOfWork, UserRecord
from casework.service.trail import record

API, WEB = "api", "web"


def add_user(uow: UnitOfWork, passwords: PasswordHasher, council: str, username: str, password: str,
             role: str, full_name: str = "", team: str = "",
             grants: tuple[str, ...] = (), demo: bool = False) -> Actor:
    """Create a user in `council` (made if new); `grants` only for Ombudsman investigators.

    `demo`: a demo user (published password), who signs in only to a demo database."""
    problems = _user_problems(username, password, role, grants)
    if problems:
        raise CaseworkError(problems)
    with uow:
        if uow.users.by_username(username) is not None:
            raise CaseworkError(Problem("user", "username", f"'{username}' is already taken",
                                        "choose another username"))
        home = uow.councils.by_slug(council) or uow.councils.add(council)
        granted = [uow.councils.by_slug(g) or uow.councils.add(g) for g in grants]
        user = uow.users.add(
            council_id=home.id, username=username, full_name=full_name, role=role, team=team,
            password_hash=passwords.hash(password), created_at=datetime.now(UTC),
            grants=[c.id for c in granted], demo=demo)
        actor = _actor(user, home.slug)
        uow.commit()
    return actor


def _user_problems(username: str, password: str, role: str,
                   grants: tuple[str, ...]) -> list[Problem]:
    problems = []
    if not username.strip() or len(username) > 80:
        problems.append(Problem("user", "username", "the username is empty or too long",
                                "use 1 to 80 characters"))
    if len(password) < 8:
        problems.append(Problem("user", "password", "the password is shorter than 8 characters",
                                "choose a longer password"))
    if role not in ROLES:
        problems.append(Problem("user", "role", f"'{role}' is not a role",
                                f"use one of: {', '.join(ROLES)}"))
    if grants and role != "ombudsman_investigator":
        problems.append(Problem("user", "grants", "only an Ombudsman investigator may be granted "
                                "access to other councils", "remove the grants or change the role"))
    return problems


def _actor(user: UserRecord, council_slug: str) -> Actor:
    return Actor(user.id, user.username, user.council_id, council_slug, user.role, user.team,
                 tuple(g.council_id for g in user.grants), user.full_name)


def authenticate(uow: UnitOfWork, passwords: PasswordHasher, username: str, password: str) -> Actor | None:
    """The user, if the password is right; None otherwise (without saying which was wrong).

    A refused sign-in is written to the audit log with the reason, for the auditor's eyes
    only: the caller is told nothing more than that it failed."""
    with uow:
        user = uow.users.by_username(username)
        if user is None or not user.active:
            passwords.hash(password)  # take as long as a real check would
            reason = "no such user" if user is None else "user disabled"
        elif not passwords.verify(user.password_hash, password):
            reason = "wrong password"
        elif _demo_outside_demo(uow, user):
            reason = "demo user in a database with real cases"
        else:
            return _actor(user, user.council.slug)
        _refused(uow, username, user, reason)
        return None


def _refused(uow: UnitOfWork, username: str, user: UserRecord | None, reason: str) -> None:
    uow.audit_log.append(
        at=datetime.now(UTC), user_id=user.id if user else None, username=username[:80],
        council_id=user.council_id if user else None, action="sign_in_refused",
        record_type="user", record_id=username[:200], detail=reason)
    uow.commit()


def _demo_outside_demo(uow: UnitOfWork, user: UserRecord) -> bool:
    """A demo user (published password) in a database that holds real councils' cases."""
    return bool(user.demo and uow.cases.outside_demo_councils(limit=1))



def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(uow: UnitOfWork, actor: Actor, kind: str = API, hours: int = 12) -> str:
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with uow:
        uow.users.add_token(token_hash=_digest(token), user_id=actor.user_id, kind=kind,
                            created_at=now, expires_at=now + timedelta(hours=hours))
        record(uow, actor, "login", "user", actor.username, kind)
        uow.commit()
    return token


def actor_for_token(uow: UnitOfWork, token: str, kind: str = API) -> Actor | None:
    with uow:
        user = uow.users.by_token(_digest(token), kind, datetime.now(UTC))
        if user is None or not user.active or _demo_outside_demo(uow, user):
            return None
        return _actor(user, user.council.slug)


def end_session(uow: UnitOfWork, token: str) -> None:
    with uow:
        uow.users.delete_token(_digest(token))
        uow.commit()


def start_session(uow: UnitOfWork, passwords: PasswordHasher, username: str, password: str,
                  hours: int = 12) -> tuple[Actor, str] | None:
    """For the web: check the password and open a session; None if the login fails."""
    actor = authenticate(uow, passwords, username, password)
    if actor is None:
        return None
    return actor, issue_token(uow, actor, WEB, hours)


def actor_for_session(uow: UnitOfWork, token: str) -> Actor | None:
    return actor_for_token(uow, token, WEB)
