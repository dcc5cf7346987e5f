"""Demo data: the seed chronologies in examples/*.yaml, loaded into demo councils, and
the seed Ombudsman decisions in examples/decisions/ as the demo decisions corpus.

Each seed's council gets a small team of demo users, one per role, all with the same
published demo password (see README, "Run it"). Demo data only: never load this into a
council's real database. Loading is idempotent — a case already present is skipped.

The seeds are historical, so every clock in them stopped long ago. Each demo council also
gets synthetic open cases (`adapters.synthetic_cases`) dated from the day of loading, so
its home page has something overdue, due this week and due next week.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from casework.adapters.chronology_file import read_case_file
from casework.adapters.synthetic_cases import KINDS, synthetic_cases
from casework.domain.chronology import Case
from casework.service.access import system_actor
from casework.service.auth import add_user
from casework.service.cases import import_case
from casework.service.decisions import load_demo_decisions
from casework.service.ports import UnitOfWorkFactory

DEMO_PASSWORD = "demo-password"
DEMO_ROLES = ("caseworker", "team_manager", "complaints_manager", "auditor")
SYNTHETIC_PER_COUNCIL = 2 * len(KINDS)  # every kind of open clock, in both its variants


def demo_username(council: str, role: str) -> str:
    return f"{council}.{role}"


def load_demo_data(uow_factory: UnitOfWorkFactory, passwords: Any, examples: Path,
                   progress: Callable[[str], None] | None = None, today: date | None = None,
                   synthetic: int = SYNTHETIC_PER_COUNCIL) -> list[tuple[str, str]]:
    """Load every examples/*.yaml not yet stored, and `synthetic` open cases dated from
    `today` (default: the real today) for each seed's council; returns (council, case id)
    of each loaded."""
    loaded = []
    councils: dict[str, None] = {}
    for path in sorted(examples.glob("*.yaml")):
        case = read_case_file(path)
        councils.setdefault(case.council, None)
        if _load_one(uow_factory, passwords, case):
            loaded.append((case.council, case.id))
        if progress:
            progress(case.id)
    for council in councils:
        # Seeded by the council's name, so each council's cases differ but stay reproducible.
        for case in synthetic_cases(council, today or date.today(), seed=zlib.crc32(council.encode()),
                                    count=synthetic):
            if _load_one(uow_factory, passwords, case):
                loaded.append((case.council, case.id))
            if progress:
                progress(case.id)
    load_demo_decisions(uow_factory, examples / "decisions")
    return loaded


def _load_one(uow_factory: UnitOfWorkFactory, passwords: Any, case: Case) -> bool:
    """Store `case` in its council (made if new) for the demo caseworker; False if present."""
    with uow_factory() as uow:
        council = uow.councils.by_slug(case.council)
        if council is None:
            council = uow.councils.add(case.council)
            uow.commit()
        present = uow.cases.exists(council.id, case.id)
        council_id = council.id
    if present:
        return False
    _demo_users(uow_factory, passwords, case.council)
    import_case(uow_factory(), system_actor(council_id, case.council, "demo"), case,
                team="demo team", worker=demo_username(case.council, "caseworker"))
    return True


def _demo_users(uow_factory: UnitOfWorkFactory, passwords: Any, council: str) -> None:
    for role in DEMO_ROLES:
        username = demo_username(council, role)
        with uow_factory() as uow:
            exists = uow.users.by_username(username) is not None
        if not exists:
            add_user(uow_factory(), passwords, council, username, DEMO_PASSWORD, role,
                     full_name=f"Demo {role.replace('_', ' ')}", team="demo team")
