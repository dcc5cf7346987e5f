"""Fixtures that run a test once on SQLite and once on PostgreSQL.

PostgreSQL comes from CASEWORK_TEST_POSTGRES_URL (scripts/test sets it). Each pytest-xdist
worker creates its own uniquely named database for the session and drops it afterwards.
Tests share that database, so each one works in councils of its own (`world`).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from casework.adapters.passwords import Argon2Passwords
from casework.bootstrap import Container, build
from casework.config import load_settings
from casework.service.access import Actor
from casework.service.auth import add_user

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
PASSWORD = "correct horse battery"


def fresh_database(kind: str, tmp_path_factory: pytest.TempPathFactory, prefix: str = "test") -> Iterator[str]:
    """A new, empty database of `kind` (a SQLite file, or a uniquely named PostgreSQL database
    on CASEWORK_TEST_POSTGRES_URL that is dropped afterwards), as a URL."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp(prefix) / 'casework.sqlite'}"
        return
    server = os.environ.get("CASEWORK_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("PostgreSQL tests need CASEWORK_TEST_POSTGRES_URL (scripts/test sets it)")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"casework_{prefix}_{worker}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from fresh_database(request.param, tmp_path_factory)


@pytest.fixture(scope="session")
def container(database_url: str) -> Iterator[Container]:
    # Every test client comes from one address ("testclient"), so the per-address sign-in
    # throttle would soon refuse them all; tests/security/test_sign_in.py checks it on its own.
    settings = replace(load_settings({}), database_url=database_url, examples_dir=EXAMPLES,
                       load_demo_data=False, sign_in_limit_address=1_000_000)
    built = build(settings, passwords=Argon2Passwords.fast())
    yield built
    built.dispose()


def demo_database_container(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """A container over a fresh, empty database of the same kind as `database_url`: demo data
    is loaded only into a database holding no real council's case, which the shared one does."""
    kind = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    for url in fresh_database(kind, tmp_path_factory, prefix="demo"):
        settings = replace(load_settings({}), database_url=url, examples_dir=EXAMPLES)
        built = build(settings, passwords=Argon2Passwords.fast())
        yield built
        built.dispose()


@pytest.fixture
def fresh_container(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """A container over a new, empty database of the test's kind, for a test that does to the
    database what must not touch the shared one (drops triggers, rewrites the audit log)."""
    yield from demo_database_container(database_url, tmp_path_factory)


def own_demo_council(container: Container, stem: str = "testshire") -> str:
    """A new council in the demo database, marked demo as the demo loader marks its own: a case
    in any other council would make it a real database, where demo users cannot sign in."""
    import uuid

    council = f"{stem}-{uuid.uuid4().hex[:6]}"
    with container.uow() as uow:
        uow.councils.add(council, demo=True)
        uow.commit()
    return council


@dataclass
class World:
    """Two councils of one's own, with a user per role in each."""

    container: Container
    a: str
    b: str

    def user(self, council: str, role: str, grants: tuple[str, ...] = ()) -> Actor:
        name = f"{council}.{role}.{uuid.uuid4().hex[:6]}"
        return add_user(self.container.uow(), self.container.passwords, council, name,
                        PASSWORD, role, grants=grants)


@pytest.fixture
def world(container: Container) -> World:
    tag = uuid.uuid4().hex[:8]
    return World(container, f"a-{tag}", f"b-{tag}")


def seed(name: str, council: str):  # type: ignore[no-untyped-def]
    """A seed chronology moved into `council` (the test's own)."""
    from casework.adapters.chronology_file import read_case_file

    return replace(read_case_file(EXAMPLES / name), council=council)


def seed_names() -> list[str]:
    return sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def web_client(app, username, password=PASSWORD):
    """A test client signed in through the web form (with its CSRF token), as a person would."""
    import re

    from fastapi.testclient import TestClient

    web = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/sign-in").text).group(1)
    response = web.post("/sign-in", data={"username": username, "password": password, "next": "/",
                                          "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return web


def csrf_of(web, url):
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', web.get(url).text).group(1)
