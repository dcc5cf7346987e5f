"""The composition root: the one place that picks concrete adapters.

`build(settings)` makes the engine, runs migrations if asked, and returns a `Container`
that the API, the web pages and the CLI pass to the use cases. Nothing here runs at
import time: no engine, no configuration read, until `build` is called.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from casework.adapters.mail import TLS_MODES, SmtpMailer
from casework.adapters.store.engine import make_engine, session_factory
from casework.adapters.store.migrate import upgrade
from casework.adapters.store.unit_of_work import SqlUnitOfWork
from casework.config import Settings, load_settings
from casework.domain.errors import CaseworkError
from casework.service.auth import Argon2Passwords

if TYPE_CHECKING:
    from fastapi import FastAPI


@dataclass
class Container:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: Any

    def uow(self) -> SqlUnitOfWork:
        """A fresh unit of work; use it once, in a `with` block inside a use case."""
        return SqlUnitOfWork(self.sessions)

    def dispose(self) -> None:
        self.engine.dispose()

    def mailer(self) -> SmtpMailer:
        """The SMTP mailer the settings describe; refused, with the fix, when they are incomplete."""
        s = self.settings
        missing = [name for name, value in (("CASEWORK_SMTP_HOST", s.smtp_host),
                                            ("CASEWORK_MAIL_FROM", s.mail_sender)) if not value]
        if missing or s.smtp_tls not in TLS_MODES:
            problem = (f"{' and '.join(missing)} not set" if missing
                       else f"CASEWORK_SMTP_TLS is '{s.smtp_tls}'")
            raise CaseworkError.single("environment", missing[0] if missing else "CASEWORK_SMTP_TLS",
                                       problem, "set the SMTP settings (README: Reminders); "
                                       f"CASEWORK_SMTP_TLS is one of {', '.join(TLS_MODES)}")
        return SmtpMailer(s.smtp_host, s.smtp_port, s.mail_sender, s.smtp_tls, s.smtp_user,
                          s.smtp_password)


def build(settings: Settings | None = None, *, migrate: bool = True,
          passwords: Any = None) -> Container:
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    return Container(settings, engine, session_factory(engine), passwords or Argon2Passwords())


def mount_web(app: FastAPI, container: Container) -> bool:
    """Mount the web pages if `casework.entrypoints.web` is installed (it has `register`)."""
    try:
        web = importlib.import_module("casework.entrypoints.web")
    except ModuleNotFoundError as exc:
        if exc.name != "casework.entrypoints.web":
            raise
        return False
    register = getattr(web, "register", None)
    if register is None:
        return False
    register(app, container)
    return True
