"""Signing in with the council's identity provider (OpenID Connect): the provider vouches
for who the person is; the council's claim rules say which council and role that makes them.

The rules are the council's configuration (`ClaimRules`): the council is fixed (one
council's own provider) or read from a claim; the role is read from a claim (a string or a
list, such as groups) and mapped to one of casework's roles. Someone whose claims map to no
role is refused, and the refusal logged. A first sign-in creates the user (with no password:
they can only sign in through the provider); later sign-ins follow the provider's claims,
so a change of role or a move of council there is a change here. A user disabled here stays
disabled whatever the provider says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from casework.service.access import ROLES, Actor
from casework.service.auth import WEB, _actor, issue_token
from casework.service.errors import Forbidden
from casework.service.ports import PasswordHasher, UnitOfWork

NO_PASSWORD = "!oidc"  # not an argon2 hash: no password ever verifies against it


@dataclass(frozen=True)
class ClaimRules:
    """How the provider's claims name a council and a role."""

    council: str = ""  # every user of this provider works for this council …
    council_claim: str = "council"  # … or the claim that names it
    role_claim: str = "roles"
    roles: Mapping[str, str] = field(default_factory=dict)  # claim value → casework role
    username_claim: str = "preferred_username"

    def council_of(self, claims: Mapping[str, Any]) -> str:
        return self.council or str(claims.get(self.council_claim) or "").strip()

    def role_of(self, claims: Mapping[str, Any]) -> str | None:
        values = claims.get(self.role_claim)
        for value in values if isinstance(values, list) else [values]:
            role = self.roles.get(str(value), str(value) if not self.roles else "")
            if role in ROLES:
                return role
        return None

    def username_of(self, claims: Mapping[str, Any]) -> str:
        return str(claims.get(self.username_claim) or claims["sub"]).strip()[:80]


def sign_in_with_claims(uow: UnitOfWork, passwords: PasswordHasher, claims: Mapping[str, Any],
                        rules: ClaimRules, hours: int = 12) -> tuple[Actor, str]:
    """Open a web session for the person the checked ID token `claims` describe."""
    username, council, role = rules.username_of(claims), rules.council_of(claims), rules.role_of(claims)
    with uow:
        user = uow.users.by_username(username)
        problem = ("the provider names no council" if not council
                   else "the provider's claims map to no casework role" if role is None
                   else "the user is disabled" if user is not None and not user.active
                   else "")
        if problem or role is None:
            _refused(uow, username, problem)
            raise Forbidden(f"you cannot sign in here: {problem}; ask your administrator")
        home = uow.councils.by_slug(council) or uow.councils.add(council)
        if user is None:
            user = uow.users.add(council_id=home.id, username=username,
                                 full_name=str(claims.get("name") or ""), role=role, team="",
                                 password_hash=NO_PASSWORD, created_at=datetime.now(UTC), grants=[])
        else:
            uow.users.set_claims(user, home.id, role)
        actor = _actor(user, home.slug)
        uow.commit()
    return actor, issue_token(uow, actor, WEB, hours)


def _refused(uow: UnitOfWork, username: str, reason: str) -> None:
    uow.audit_log.append(at=datetime.now(UTC), user_id=None, username=username or "(unknown)",
                         council_id=None, action="sign_in_refused", record_type="user",
                         record_id=username or "(unknown)", detail=f"identity provider: {reason}")
    uow.commit()

