"""What the use cases need from the outside world, as Protocols.

The SQLAlchemy unit of work (`adapters.store.unit_of_work.SqlUnitOfWork`) is the one
implementation; `bootstrap` picks it. Repositories hand back the store's row objects,
which the use cases read and fill but never query themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class UnitOfWork(Protocol):
    councils: Any
    users: Any
    cases: Any
    complaints: Any
    actions: Any
    clocks: Any
    audit_log: Any
    decisions: Any
    reminders: Any

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, hash: str, password: str) -> bool: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class MailError(Exception):
    """The mail server refused or could not be reached; the message was not sent."""


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None:
        """Send one plain-text email, or raise MailError."""
