"""Demo data: the seed chronologies in examples/*.yaml, loaded into demo councils, and
the seed Ombudsman decisions in examples/decisions/ as the demo decisions corpus.

Each seed's council gets a small team of demo users, one per role, all with the same
published demo password (see README, "Run it"). Demo data is opt-in (`casework serve
--demo`) and is refused outright in a database that holds any case of a council the demo did
not make (`DemoRefused`); the councils and users it makes are marked `demo`, and a demo user
cannot sign in once the database holds a case outside the demo councils
(`service.auth.authenticate`). Loading is idempotent — a case already present is skipped.

The seeds are historical, so every clock in them stopped long ago. Each demo council also
gets synthetic open cases (the `SyntheticCases` port) dated from the day of loading, so
its home page has something overdue, due this week and due next week. They follow the
calendar: when the stored ones were made for another day, `refresh_synthetic_cases`
replaces them with ones made for today (each case's `source` says which day it was made
for). That is the one place a case is ever removed, and it removes nothing but cases whose
id starts "synthetic-" and whose title starts "Synthetic case:".
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from casework.domain.chronology import Case
from casework.domain.errors import CaseworkError, Problem
from casework.service.access import system_actor
from casework.service.auth import add_user
from casework.service.cases import import_case
from casework.service.decisions import load_demo_decisions
from casework.service.ports import Files, PasswordHasher, SyntheticCases, UnitOfWorkFactory
from casework.service.projection import refresh_workflow
from casework.service.trail import record

DEMO_PASSWORD = "demo-password"
# One demo user for every role (service.access.ROLES), each with an invented person's name
# so the pages show a name, never the login.
DEMO_PEOPLE = {
    "caseworker": "Sam Okafor", "team_manager": "Priya Shah", "complaints_manager": "Jo Fenwick",
    "investigating_officer": "Chris Doyle", "independent_person": "Ruth Adeyemi",
    "panel_member": "Tom Walsh", "ombudsman_investigator": "Nadia Karim", "auditor": "Alex Byrne",
}
DEMO_ROLES = tuple(DEMO_PEOPLE)
SYNTHETIC_ID_PREFIX = "synthetic-"
DEMO_TEAM = "demo team"


class DemoRefused(CaseworkError):
    """The database is not a demo database: it holds real councils' cases."""


def demo_username(council: str, role: str) -> str:
    return f"{council}.{role}"


def refuse_unless_demo_database(uow_factory: UnitOfWorkFactory, councils: Iterable[str]) -> None:
    """Refuse (writing nothing) unless every stored case belongs to a demo council and none of
    `councils` exists as a real (non-demo) council."""
    with uow_factory() as uow:
        outside = uow.cases.outside_demo_councils()
        real = [slug for slug in councils
                if (found := uow.councils.by_slug(slug)) is not None and not found.demo]
    if outside or real:
        held = ", ".join(f"{council}/{case}" for council, case in outside)
        what = (f"the database holds cases of councils that are not demo councils ({held}, …)"
                if outside else f"the council(s) {', '.join(real)} already exist as real councils")
        raise DemoRefused(Problem(
            "database", "demo data", f"{what}; demo data would add users with a published password",
            "load demo data only into a database of its own (set CASEWORK_DATABASE_URL to an empty "
            "database), or start without --demo"))


def synthetic_per_council(synthetic: SyntheticCases) -> int:
    """Every kind of open clock, in both its variants."""
    return 2 * synthetic.kinds


def load_demo_data(uow_factory: UnitOfWorkFactory, passwords: PasswordHasher, files: Files, examples: Path,
                   progress: Callable[[str], None] | None = None, today: date | None = None,
                   synthetic: int | None = None) -> list[tuple[str, str]]:
    """Load every examples/*.yaml not yet stored, and `synthetic` open cases dated from
    `today` (default: the real today) for each seed's council; returns (council, case id)
    of each loaded. Synthetic cases stored for another day are first replaced by ones for
    `today` (`refresh_synthetic_cases`); those are not counted as loaded. `synthetic`
    defaults to `synthetic_per_council`."""
    today = today or date.today()
    count = synthetic_per_council(files.synthetic) if synthetic is None else synthetic
    loaded = []
    councils: dict[str, None] = {}
    users_for: set[str] = set()
    seeds = [files.chronologies.read_file(path) for path in sorted(examples.glob("*.yaml"))]
    refuse_unless_demo_database(uow_factory, {case.council: None for case in seeds})
    for case in seeds:
        councils.setdefault(case.council, None)
        if _load_one(uow_factory, passwords, case, users_for):
            loaded.append((case.council, case.id))
        if progress:
            progress(case.id)
    refresh_synthetic_cases(uow_factory, files.synthetic, today, councils)
    for council in councils:
        for case in files.synthetic.make(council, today, synthetic_seed(council), count):
            if _load_one(uow_factory, passwords, case, users_for):
                loaded.append((case.council, case.id))
            if progress:
                progress(case.id)
    load_demo_decisions(uow_factory, files.decisions, examples / "decisions")
    return loaded


def refresh_synthetic_cases(uow_factory: UnitOfWorkFactory, synthetic: SyntheticCases, today: date,
                            councils: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Replace each council's synthetic demo cases made for another day by the same cases
    made for `today`; returns (council, case id) of each replaced. Nothing changes for a
    council whose synthetic cases were all made for `today`.

    Only a case whose id is one the generator gives (`synthetic-<council>-NNN`) and whose
    title starts "Synthetic case:" is replaced; any other case, whatever its id, is left
    alone. Each council's cases go in one transaction, with one audit log entry.
    """
    with uow_factory() as uow:
        council_ids = None
        if councils is not None:
            found = (uow.councils.by_slug(slug) for slug in councils)
            council_ids = [council.id for council in found if council is not None]
        stored: dict[tuple[int, str], list[tuple[str, date | None]]] = {}
        for council_id, slug, _title, source in uow.cases.headers_by_prefix(
                SYNTHETIC_ID_PREFIX, synthetic.title_prefix, council_ids):
            found_council = uow.councils.get(council_id)
            council = found_council.slug if found_council is not None else ""
            if council and re.fullmatch(rf"{re.escape(SYNTHETIC_ID_PREFIX + council)}-\d{{3}}", slug):
                stored.setdefault((council_id, council), []).append((slug, synthetic.generated_for(source)))
    replaced: list[tuple[str, str]] = []
    for (council_id, council), cases in stored.items():
        if all(day == today for _, day in cases):
            continue
        replaced.extend((council, slug) for slug in
                        _replace_synthetic(uow_factory, synthetic, council_id, council, cases, today))
    return replaced


def _replace_synthetic(uow_factory: UnitOfWorkFactory, synthetic: SyntheticCases, council_id: int, council: str,
                       cases: list[tuple[str, date | None]], today: date) -> list[str]:
    """Remove `cases` and store the same ids made for `today`, in one transaction; returns
    the ids replaced."""
    stored = {slug for slug, _ in cases}
    count = max(int(slug.rsplit("-", 1)[1]) for slug in stored)
    fresh = [c for c in synthetic.make(council, today, synthetic_seed(council), count)
             if c.id in stored]
    slugs = {c.id for c in fresh}  # an id the generator never gives (-000) is left alone
    was = sorted({day.isoformat() if day else "an unknown day" for _, day in cases})
    with uow_factory() as uow:
        for slug in sorted(slugs):
            uow.cases.delete_case(council_id, slug)
        for case in fresh:
            row = uow.cases.add_case(council_id, case, DEMO_TEAM,
                                     demo_username(council, "caseworker"))
            refresh_workflow(uow, row, uow.cases.as_case(row))
        record(uow, system_actor(council_id, council, "demo"), "replace", "case",
               f"{SYNTHETIC_ID_PREFIX}{council}-*",
               f"replaced synthetic demo cases: {len(fresh)} made for {', '.join(was)} "
               f"now made for {today.isoformat()} ({', '.join(sorted(slugs))})")
        uow.commit()
    return sorted(slugs)


# The seed councils' names as each writes them in its letters (its own website's wording).
DEMO_DISPLAY_NAMES = {
    "liverpool": "Liverpool City Council",
    "sefton": "Sefton Council",
    "southend-on-sea": "Southend-on-Sea City Council",
    "wirral": "Wirral Council",
}


def synthetic_seed(council: str) -> int:
    """Seeded by the council's name, so each council's cases differ but stay reproducible."""
    return zlib.crc32(council.encode())


def _load_one(uow_factory: UnitOfWorkFactory, passwords: PasswordHasher, case: Case,
              users_for: set[str]) -> bool:
    """Store `case` in its council (made if new) for the demo caseworker; False if present.
    The council's demo users are made first, unless `users_for` says they already were."""
    with uow_factory() as uow:
        council = uow.councils.by_slug(case.council)
        if council is None:
            council = uow.councils.add(case.council, demo=True,
                                       display_name=DEMO_DISPLAY_NAMES.get(case.council, ""))
            uow.commit()
        present = uow.cases.exists(council.id, case.id)
        council_id = council.id
    if case.council not in users_for:
        _demo_users(uow_factory, passwords, case.council)
        users_for.add(case.council)
    if present:
        return False
    import_case(uow_factory(), system_actor(council_id, case.council, "demo"), case,
                team=DEMO_TEAM, worker=demo_username(case.council, "caseworker"))
    return True


def _demo_users(uow_factory: UnitOfWorkFactory, passwords: PasswordHasher, council: str) -> None:
    """One user per role; a demo database loaded before a role had its user gains it now."""
    for role, name in DEMO_PEOPLE.items():
        username = demo_username(council, role)
        with uow_factory() as uow:
            exists = uow.users.by_username(username) is not None
        if not exists:
            add_user(uow_factory(), passwords, council, username, DEMO_PASSWORD, role,
                     full_name=name, team=DEMO_TEAM, demo=True)
