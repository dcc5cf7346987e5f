"""Demo data: the seed chronologies in examples/*.yaml, loaded into demo councils, and
the seed Ombudsman decisions in examples/decisions/ as the demo decisions corpus.

Each seed's council gets a small team of demo users, one per role, all with the same
published demo password (see README, "Run it"). Demo data only: never load this into a
council's real database. Loading is idempotent — a case already present is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from casework.adapters.chronology_file import read_case_file
from casework.service.access import system_actor
from casework.service.auth import add_user
from casework.service.cases import import_case
from casework.service.decisions import load_demo_decisions
from casework.service.ports import UnitOfWorkFactory

DEMO_PASSWORD = "demo-password"
DEMO_ROLES = ("caseworker", "team_manager", "complaints_manager", "auditor")


def demo_username(council: str, role: str) -> str:
    return f"{council}.{role}"


def load_demo_data(uow_factory: UnitOfWorkFactory, passwords: Any, examples: Path,
                   progress: Callable[[str], None] | None = None) -> list[tuple[str, str]]:
    """Load every examples/*.yaml not yet stored; returns (council, case id) of each loaded."""
    loaded = []
    for path in sorted(examples.glob("*.yaml")):
        case = read_case_file(path)
        with uow_factory() as uow:
            council = uow.councils.by_slug(case.council)
            if council is None:
                council = uow.councils.add(case.council)
                uow.commit()
            present = uow.cases.exists(council.id, case.id)
            council_id = council.id
        if not present:
            _demo_users(uow_factory, passwords, case.council)
            import_case(uow_factory(), system_actor(council_id, case.council, "demo"), case,
                        team="demo team", worker=demo_username(case.council, "caseworker"))
            loaded.append((case.council, case.id))
        if progress:
            progress(case.id)
    load_demo_decisions(uow_factory, examples / "decisions")
    return loaded


def _demo_users(uow_factory: UnitOfWorkFactory, passwords: Any, council: str) -> None:
    for role in DEMO_ROLES:
        username = demo_username(council, role)
        with uow_factory() as uow:
            exists = uow.users.by_username(username) is not None
        if not exists:
            add_user(uow_factory(), passwords, council, username, DEMO_PASSWORD, role,
                     full_name=f"Demo {role.replace('_', ' ')}", team="demo team")
