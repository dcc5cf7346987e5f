"""One transaction per use case: everything commits together or nothing does."""

from __future__ import annotations

from typing import Self

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from casework.adapters.store.audit_log import AuditLogRepository
from casework.adapters.store.clock_repository import ClockRepository
from casework.adapters.store.decision_repository import DecisionRepository
from casework.adapters.store.registers import RegisterQueries
from casework.adapters.store.repositories import (
    ActionRepository,
    CaseRepository,
    ComplaintRepository,
    CouncilRepository,
    LetterRepository,
    ReminderRepository,
    UserRepository,
)
from casework.adapters.store.sign_ins import SignInRepository
from casework.adapters.store.transient import is_transient
from casework.service.ports import StoreBusy, StoreRefused


def refused(exc: DBAPIError) -> StoreRefused:
    """The service's word for a store error: busy (worth sending again) or refused."""
    if is_transient(exc):
        return StoreBusy("the database was busy with other changes; nothing was saved — "
                         "try again in a moment")
    return StoreRefused(str(exc.orig))


class SqlUnitOfWork:
    """`with uow:` opens a session; leaving without `commit()` rolls everything back.

    It is the service's `UnitOfWork` (`service.ports`); mypy checks it against that
    Protocol wherever `bootstrap` hands it out."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def __enter__(self) -> Self:
        self.session = self._factory()
        self.councils = CouncilRepository(self.session)
        self.users = UserRepository(self.session)
        self.cases = CaseRepository(self.session)
        self.complaints = ComplaintRepository(self.session)
        self.actions = ActionRepository(self.session)
        self.clocks = ClockRepository(self.session)
        self.audit_log = AuditLogRepository(self.session)
        self.sign_ins = SignInRepository(self.session)
        self.decisions = DecisionRepository(self.session)
        self.reminders = ReminderRepository(self.session)
        self.letters = LetterRepository(self.session)
        self.registers = RegisterQueries(self.session)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.session.rollback()
        self.session.close()
        exc = exc_info[1] if len(exc_info) > 1 else None
        if isinstance(exc, DBAPIError):  # a write refused as it was flushed, not at commit
            raise refused(exc) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:  # IntegrityError among them
            raise refused(exc) from exc

    def rollback(self) -> None:
        self.session.rollback()
