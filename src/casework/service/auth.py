"""Users, passwords and sessions.

Passwords are hashed by the `PasswordHasher` that bootstrap binds (argon2, in
`adapters.passwords`) and must pass the policy in `domain.passwords` (length, not a common
password). The API takes bearer tokens from POST /api/token; the web keeps a session token in
a signed cookie. Both are random 256-bit strings of which only the SHA-256 is stored, so a
copy of the database cannot be used to log in.

Every token ends `hours` after it was issued (the absolute timeout) or when unused for
`idle_minutes` (the idle timeout), checked here on every use, whatever the cookie says; and
at once when revoked (sign-out, `POST /api/logout`) or when its user is disabled.

Guessing is throttled (`SignInLimits`): 5 failures for one username, or 20 from one address,
within 15 minutes refuse further sign-ins there until the oldest failure leaves the window —
without checking the password, so a guess costs nothing to refuse and a right guess during
the wait does not get in. The failures are rows in the store, so every server process
counts the same ones.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from casework.domain.errors import CaseworkError, Problem
from casework.domain.passwords import password_problems
from casework.service.access import ROLES, Actor
from casework.service.errors import NotFound, Throttled
from casework.service.ports import PasswordHasher, UnitOfWork, UserRecord
from casework.service.trail import record

API, WEB = "api", "web"
ACCOUNT, ADDRESS = "account", "address"


@dataclass(frozen=True)
class SignInLimits:
    """How many failed sign-ins, per account and per address, within `window` are allowed."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


TOUCH_EVERY = timedelta(minutes=1)  # a token's last use is written at most this often


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
    problems.extend(password_problems(password, username))
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


def authenticate(uow: UnitOfWork, passwords: PasswordHasher, username: str, password: str,
                 address: str = "", limits: SignInLimits = SignInLimits()) -> Actor | None:
    """The user, if the password is right; None otherwise (without saying which was wrong).

    Raises `Throttled` when this account or `address` has failed too often lately. A refused
    sign-in is written to the audit log with the reason, for the auditor's eyes only: the
    caller is told nothing more than that it failed."""
    now = datetime.now(UTC)
    account = username.strip().lower()
    with uow:
        wait = _throttled(uow, account, address, now, limits)
        if wait:
            _refused(uow, username, uow.users.by_username(username), "throttled")
            raise Throttled(wait)
        user = uow.users.by_username(username)
        if user is None or not user.active:
            passwords.hash(password)  # take as long as a real check would
            reason = "no such user" if user is None else "user disabled"
        elif not passwords.verify(user.password_hash, password):
            reason = "wrong password"
        elif _demo_outside_demo(uow, user):
            reason = "demo user in a database with real cases"
        else:
            uow.sign_ins.clear_failures(ACCOUNT, account)
            uow.commit()
            return _actor(user, user.council.slug)
        uow.sign_ins.prune_failures(now - limits.window)
        uow.sign_ins.add_failure(ACCOUNT, account, now)
        if address:
            uow.sign_ins.add_failure(ADDRESS, address, now)
        _refused(uow, username, user, reason)
        return None


def _throttled(uow: UnitOfWork, account: str, address: str, now: datetime, limits: SignInLimits) -> int:
    """Seconds to wait before this account (or address) may try again; 0 if it may now."""
    wait = 0
    for kind, key, limit in ((ACCOUNT, account, limits.per_account), (ADDRESS, address, limits.per_address)):
        if not key:
            continue
        count, earliest = uow.sign_ins.failures_since(kind, key, now - limits.window)
        if count >= limit and earliest is not None:
            wait = max(wait, int((earliest + limits.window - now).total_seconds()) + 1)
    return wait


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
    if actor.user_id is None:
        raise ValueError("only a user can hold a token")
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with uow:
        uow.sign_ins.add_token(_digest(token), actor.user_id, kind, now, now + timedelta(hours=hours))
        record(uow, actor, "login", "user", actor.username, kind)
        uow.commit()
    return token


def actor_for_token(uow: UnitOfWork, token: str, kind: str = API, idle_minutes: int = 30) -> Actor | None:
    """The token's user, if the token is live: issued less than its hours ago, used within
    `idle_minutes`, not revoked, and its user active. A token past either timeout is ended."""
    now = datetime.now(UTC)
    digest = _digest(token)
    with uow:
        found = uow.sign_ins.token(digest)
        if found is None or found.kind != kind:
            return None
        if found.expires_at <= now or now - found.last_seen_at > timedelta(minutes=idle_minutes):
            uow.sign_ins.delete_token(digest)
            uow.commit()
            return None
        user = uow.users.get(found.user_id)
        if user is None or not user.active or _demo_outside_demo(uow, user):
            return None
        if now - found.last_seen_at >= TOUCH_EVERY:
            uow.sign_ins.touch_token(digest, now)
            uow.commit()
        return _actor(user, user.council.slug)


def end_session(uow: UnitOfWork, token: str, everywhere: bool = False) -> int:
    """Revoke the token (sign-out, API logout); `everywhere`: every token of its user too.
    Returns how many tokens were ended."""
    digest = _digest(token)
    with uow:
        found = uow.sign_ins.token(digest)
        user = uow.users.get(found.user_id) if found is not None else None
        if found is None or user is None:
            return 0
        ended = uow.sign_ins.delete_tokens_of(user.id) if everywhere else int(uow.sign_ins.delete_token(digest))
        record(uow, _actor(user, user.council.slug), "logout", "user", user.username,
               f"{found.kind}; {ended} token{'s' if ended != 1 else ''} ended")
        uow.commit()
    return ended


def set_user_active(uow: UnitOfWork, username: str, active: bool, by: str = "system (cli)") -> int:
    """Disable (or enable again) a user. Disabling ends every session and token they hold at
    once; returns how many were ended."""
    with uow:
        user = uow.users.by_username(username)
        if user is None:
            raise NotFound("user", username)
        uow.users.set_active(user, active)
        ended = 0 if active else uow.sign_ins.delete_tokens_of(user.id)
        uow.audit_log.append(
            at=datetime.now(UTC), user_id=None, username=by, council_id=user.council_id,
            action="user_enabled" if active else "user_disabled", record_type="user",
            record_id=username, detail="" if active else f"{ended} sessions and tokens ended")
        uow.commit()
    return ended


def start_session(uow: UnitOfWork, passwords: PasswordHasher, username: str, password: str,
                  hours: int = 12, address: str = "",
                  limits: SignInLimits = SignInLimits()) -> tuple[Actor, str] | None:
    """For the web: check the password and open a session; None if the login fails."""
    actor = authenticate(uow, passwords, username, password, address, limits)
    if actor is None:
        return None
    return actor, issue_token(uow, actor, WEB, hours)


def actor_for_session(uow: UnitOfWork, token: str, idle_minutes: int = 30) -> Actor | None:
    return actor_for_token(uow, token, WEB, idle_minutes)
