"""A running casework web app over a temporary SQLite database holding the seed cases.

The app runs in-process (uvicorn in a thread on a free 127.0.0.1 port). Browser tests
drive Debian's Chromium (/usr/bin/chromium) through Playwright with a new, empty profile;
Playwright's own browser download is never used.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from casework.adapters.passwords import Argon2Passwords
from casework.bootstrap import Container, build
from casework.config import load_settings
from casework.service.demo import DEMO_PASSWORD, demo_username, load_demo_data

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"


def make_app(container: Container) -> FastAPI:
    """The app as `casework serve` builds it: the API with the web pages mounted."""
    from casework.entrypoints.api import create_app

    return create_app(container=container)


@pytest.fixture(scope="session")
def container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    db = tmp_path_factory.mktemp("web") / "casework.sqlite"
    settings = replace(load_settings({}), database_url=f"sqlite:///{db}", examples_dir=EXAMPLES,
                       load_demo_data=False)
    built = build(settings, passwords=Argon2Passwords.fast())
    # The seeds only: these tests count the seeds' cases and actions. The synthetic open
    # cases the demo adds are tested in tests/service/test_demo_data.py.
    load_demo_data(built.uow, built.passwords, built.files, EXAMPLES, synthetic=0)
    yield built
    built.dispose()


@pytest.fixture(scope="session")
def app(container: Container) -> FastAPI:
    return make_app(container)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_password() -> str:
    return DEMO_PASSWORD


def signed_in_client(app: FastAPI, username: str, password: str) -> Any:
    """A test client holding a signed-in session, signed in through the form as a person would."""
    from fastapi.testclient import TestClient

    client = TestClient(app)
    form = client.get("/sign-in").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None, "the sign-in form has no CSRF token"
    response = client.post("/sign-in", data={"username": username, "password": password, "next": "/",
                                             "csrf_token": token.group(1)}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


@pytest.fixture
def sign_in_as(app: FastAPI, demo_password: str) -> Any:
    """`sign_in_as("sefton", "team_manager")`: a test client signed in as that demo user."""
    return lambda council, role: signed_in_client(app, demo_username(council, role), demo_password)


@pytest.fixture
def sign_in_with(app: FastAPI) -> Any:
    """`sign_in_with(username, password)`: a test client signed in as any user."""
    return lambda username, password: signed_in_client(app, username, password)


@pytest.fixture
def southend_manager(sign_in_as: Any) -> Any:
    return sign_in_as("southend-on-sea", "complaints_manager")
