"""Settings, read from the environment when asked for — never at import time.

One setting chooses the store: `CASEWORK_DATABASE_URL`. Left unset, casework keeps an
embedded SQLite file under ./var/ (journal in WAL mode), so `casework serve` on a fresh
clone needs no configuration. Point it at PostgreSQL
(`postgresql+psycopg://user@host/db`) to scale out.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SQLITE_PATH = Path("var") / "casework.sqlite"


@dataclass(frozen=True)
class Settings:
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    # Tokens and web sessions end this many hours after sign-in (the absolute timeout), or
    # after this many minutes unused (the idle timeout), whichever comes first.
    token_hours: int = 12
    idle_minutes: int = 30
    # Failed sign-ins allowed per account and per address within 15 minutes (`service.auth`).
    sign_in_limit_account: int = 5
    sign_in_limit_address: int = 20
    # Load the seed chronologies from this folder into demo councils on start — only when
    # asked (`casework serve --demo` or CASEWORK_DEMO_DATA=1), never by default.
    examples_dir: Path = Path("examples")
    load_demo_data: bool = False
    # Reminder emails (`casework remind`): the SMTP server, how it is secured (starttls,
    # ssl or none), the account, the sender, and the address the links in them point to.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_tls: str = "starttls"
    smtp_user: str = ""
    smtp_password: str = ""
    mail_sender: str = ""
    base_url: str = "http://127.0.0.1:8000"
    # Where `casework audit-log anchor` appends the chain's head, and `verify` reads it back:
    # a file the database's owner cannot rewrite (another machine, an append-only mount).
    audit_anchor_file: Path | None = None
    # OpenID Connect sign-in with the council's identity provider (README: Signing in); off
    # unless the issuer is set. Passwords stay for small deployments and demos.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_council: str = ""
    oidc_council_claim: str = "council"
    oidc_role_claim: str = "roles"
    oidc_roles: str = ""  # "claim value=casework role, …"
    oidc_username_claim: str = "preferred_username"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def default_database_url(base: Path | None = None) -> str:
    path = (base or Path.cwd()) / DEFAULT_SQLITE_PATH
    return f"sqlite:///{path}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings now, from `environ` (the process environment by default)."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("CASEWORK_DATABASE_URL") or default_database_url(),
        host=env.get("CASEWORK_HOST", "127.0.0.1"),
        port=int(env.get("CASEWORK_PORT", "8000")),
        token_hours=int(env.get("CASEWORK_TOKEN_HOURS", "12")),
        idle_minutes=int(env.get("CASEWORK_IDLE_MINUTES", "30")),
        sign_in_limit_account=int(env.get("CASEWORK_SIGN_IN_LIMIT_ACCOUNT", "5")),
        sign_in_limit_address=int(env.get("CASEWORK_SIGN_IN_LIMIT_ADDRESS", "20")),
        examples_dir=Path(env.get("CASEWORK_EXAMPLES_DIR", "examples")),
        load_demo_data=env.get("CASEWORK_DEMO_DATA", "0").lower() in ("1", "true", "yes"),
        smtp_host=env.get("CASEWORK_SMTP_HOST", ""),
        smtp_port=int(env.get("CASEWORK_SMTP_PORT", "587")),
        smtp_tls=env.get("CASEWORK_SMTP_TLS", "starttls").lower(),
        smtp_user=env.get("CASEWORK_SMTP_USER", ""),
        smtp_password=env.get("CASEWORK_SMTP_PASSWORD", ""),
        mail_sender=env.get("CASEWORK_MAIL_FROM", ""),
        base_url=env.get("CASEWORK_BASE_URL", "http://127.0.0.1:8000"),
        oidc_issuer=env.get("CASEWORK_OIDC_ISSUER", ""),
        oidc_client_id=env.get("CASEWORK_OIDC_CLIENT_ID", ""),
        oidc_client_secret=env.get("CASEWORK_OIDC_CLIENT_SECRET", ""),
        oidc_council=env.get("CASEWORK_OIDC_COUNCIL", ""),
        oidc_council_claim=env.get("CASEWORK_OIDC_COUNCIL_CLAIM", "council"),
        oidc_role_claim=env.get("CASEWORK_OIDC_ROLE_CLAIM", "roles"),
        oidc_roles=env.get("CASEWORK_OIDC_ROLES", ""),
        oidc_username_claim=env.get("CASEWORK_OIDC_USERNAME_CLAIM", "preferred_username"),
        audit_anchor_file=Path(env["CASEWORK_AUDIT_ANCHOR_FILE"]) if env.get("CASEWORK_AUDIT_ANCHOR_FILE") else None,
    )
