"""Sign-in state that every server process must share: issued tokens (only their SHA-256)
with when they were issued, last used and expire, and the failed sign-ins the throttle counts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from casework.adapters.store.schema import AuthToken, SignInFailure
from casework.service.ports import TokenInfo


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; we store UTC, so say so."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class SignInRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_token(self, token_hash: str, user_id: int, kind: str, now: datetime, expires_at: datetime) -> None:
        self.session.add(AuthToken(token_hash=token_hash, user_id=user_id, kind=kind, created_at=now,
                                   last_seen_at=now, expires_at=expires_at))
        self.session.flush()

    def token(self, token_hash: str) -> TokenInfo | None:
        row = self.session.scalar(select(AuthToken).where(AuthToken.token_hash == token_hash))
        if row is None:
            return None
        return TokenInfo(row.user_id, row.kind, _aware(row.created_at), _aware(row.expires_at),
                         _aware(row.last_seen_at))

    def touch_token(self, token_hash: str, now: datetime) -> None:
        self.session.execute(update(AuthToken).where(AuthToken.token_hash == token_hash)
                             .values(last_seen_at=now))

    def delete_token(self, token_hash: str) -> bool:
        result = self.session.execute(delete(AuthToken).where(AuthToken.token_hash == token_hash))
        return bool(getattr(result, "rowcount", 0))

    def delete_tokens_of(self, user_id: int) -> int:
        result = self.session.execute(delete(AuthToken).where(AuthToken.user_id == user_id))
        return int(getattr(result, "rowcount", 0))

    def add_failure(self, kind: str, key: str, at: datetime) -> None:
        self.session.add(SignInFailure(kind=kind, key=key[:200], at=at))
        self.session.flush()

    def failures_since(self, kind: str, key: str, since: datetime) -> tuple[int, datetime | None]:
        """How many failures for `key` since `since`, and the earliest of them."""
        count, earliest = self.session.execute(
            select(func.count(), func.min(SignInFailure.at))
            .where(SignInFailure.kind == kind, SignInFailure.key == key[:200], SignInFailure.at >= since)).one()
        return int(count), _aware(earliest) if earliest is not None else None

    def clear_failures(self, kind: str, key: str) -> None:
        self.session.execute(delete(SignInFailure).where(SignInFailure.kind == kind,
                                                         SignInFailure.key == key[:200]))

    def prune_failures(self, before: datetime) -> None:
        self.session.execute(delete(SignInFailure).where(SignInFailure.at < before))
