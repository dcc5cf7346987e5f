"""Store errors that go away when tried again: a busy SQLite file, a PostgreSQL deadlock or
serialisation failure. They are retried a few times after a short random pause (so two
writers that collided do not collide again in step), and past that reported as `StoreBusy`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

T = TypeVar("T")

ATTEMPTS = 6
FIRST_PAUSE_SECONDS = 0.02
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_transient(exc: BaseException) -> bool:
    """True for an error that a fresh attempt at the same transaction may not meet."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database is busy" in message


def pause(attempt: int) -> float:
    """Exponential back-off with full jitter: up to 20 ms, 40 ms, 80 ms, …"""
    return random.uniform(0, FIRST_PAUSE_SECONDS * 2 ** attempt)


def retry_busy(session: Session, statement: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run `statement` — the first write of a transaction — retrying it when the store is busy.

    Only a transaction's first write may be retried this way: the retry rolls the session
    back, which undoes nothing of the caller's, as nothing has been written yet."""
    for attempt in range(attempts):
        try:
            return statement()
        except DBAPIError as exc:
            if not is_transient(exc) or attempt == attempts - 1:
                raise
            session.rollback()
            time.sleep(pause(attempt))
    raise AssertionError("unreachable")
