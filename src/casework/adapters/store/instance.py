"""Settings every process serving one database must share, kept in the database itself.

Two `casework serve` processes (two machines behind a load balancer, or two workers) must
sign web sessions with the same key, or a cookie issued by one is refused by the other.
When CASEWORK_SECRET_KEY is not set, the key is made once, by whichever process asks
first, and every process reads the same row.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from casework.adapters.store.schema import InstanceSetting


def shared_value(sessions: sessionmaker[Session], name: str, make: Callable[[], str]) -> str:
    """The stored value of `name`, stored first as `make()` if there is none yet.

    Two processes starting together may both make one; the primary key lets one insert
    win, and the other reads the winner's."""
    with sessions() as session:
        found = session.get(InstanceSetting, name)
        if found is not None:
            return found.value
        session.add(InstanceSetting(name=name, value=make()))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
        stored = session.get(InstanceSetting, name, populate_existing=True)
        if stored is None:
            raise LookupError(f"instance setting {name!r} could not be stored")
        return stored.value
