"""The composition root: the one place that picks concrete adapters.

`build(settings)` makes the engine, runs migrations if asked, and returns a `Container`
that the API, the web pages and the CLI pass to the use cases: a unit of work per use
case, the password hasher, and the file formats (`Files`). Nothing here runs at
import time: no engine, no configuration read, until `build` is called.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from casework.adapters.files import files
from casework.adapters.mail import TLS_MODES, SmtpMailer
from casework.adapters.oidc import OidcProvider
from casework.adapters.passwords import Argon2Passwords
from casework.adapters.store import backup as store_backup
from casework.adapters.store.engine import make_engine, session_factory
from casework.adapters.store.instance import shared_value
from casework.adapters.store.migrate import current_revision, upgrade
from casework.adapters.store.unit_of_work import SqlUnitOfWork
from casework.config import Settings, load_settings
from casework.domain.errors import CaseworkError
from casework.service.auth import SignInLimits
from casework.service.external_sign_in import ClaimRules
from casework.service.ports import (
    CensusBatch,
    CensusReturns,
    Files,
    IdentityProvider,
    LookedAfterReturns,
    PasswordHasher,
    UnitOfWork,
)

if TYPE_CHECKING:
    from fastapi import FastAPI


@dataclass
class Container:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: PasswordHasher
    files: Files

    def uow(self) -> UnitOfWork:
        """A fresh unit of work; use it once, in a `with` block inside a use case."""
        return SqlUnitOfWork(self.sessions)

    def shared_value(self, name: str, make: Callable[[], str]) -> str:
        """A value every process serving this database shares, made once (`adapters.store.instance`)."""
        return shared_value(self.sessions, name, make)

    def backup(self, target: Path) -> None:
        """Write a backup of the database to `target` (`adapters.store.backup`)."""
        store_backup.backup(self.engine, target)

    def restore(self, source: Path) -> None:
        """Restore the backup `source` into this container's database, which must be empty."""
        store_backup.restore(self.engine, source)

    def identity_provider(self) -> IdentityProvider | None:
        """The council's OpenID Connect provider, or None when CASEWORK_OIDC_ISSUER is unset."""
        s = self.settings
        if not s.oidc_issuer:
            return None
        return OidcProvider(s.oidc_issuer, s.oidc_client_id, s.oidc_client_secret,
                            s.base_url.rstrip("/") + "/sign-in/oidc/callback")

    def claim_rules(self) -> ClaimRules:
        """How the provider's claims name the council and the role (CASEWORK_OIDC_*)."""
        s = self.settings
        pairs = (item.split("=", 1) for item in s.oidc_roles.split(",") if "=" in item)
        return ClaimRules(s.oidc_council, s.oidc_council_claim, s.oidc_role_claim,
                          {k.strip(): v.strip() for k, v in pairs}, s.oidc_username_claim)

    def sign_in_limits(self) -> SignInLimits:
        """The sign-in throttle's limits, from the settings."""
        return SignInLimits(self.settings.sign_in_limit_account, self.settings.sign_in_limit_address)

    def schema_revision(self) -> str | None:
        """The database's Alembic revision."""
        return current_revision(self.engine)

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


def file_formats() -> Files:
    """The file formats alone, for a command that reads files without a database."""
    return files()


def looked_after_returns() -> LookedAfterReturns:
    """The SSDA903 return's files (CSV), for the `casework ssda903` commands."""
    from casework.adapters.ssda903.returns import CsvReturns

    return CsvReturns()


def census_returns() -> CensusReturns:
    """The CIN census XML file (read, written, generated), for the `casework census` commands."""
    from casework.adapters.census.returns import XmlCensus

    return XmlCensus()


def census_batch() -> CensusBatch:
    """The column-wise audit of many census files and its outputs, for `casework census batch`."""
    from casework.adapters.census.returns import ColumnarBatch

    return ColumnarBatch()


def build(settings: Settings | None = None, *, migrate: bool = True,
          passwords: PasswordHasher | None = None) -> Container:
    settings = settings or load_settings()
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    return Container(settings, engine, session_factory(engine), passwords or Argon2Passwords(), file_formats())


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
