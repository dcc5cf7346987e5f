"""A running casework web app over a temporary SQLite database holding the seed cases.

The app runs in-process (uvicorn in a thread on a free 127.0.0.1 port). Browser tests
drive Debian's Chromium (/usr/bin/chromium) through Playwright with a new, empty profile;
Playwright's own browser download is never used.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from casework.bootstrap import Container, build
from casework.config import load_settings
from casework.service.auth import Argon2Passwords
from casework.service.demo import DEMO_PASSWORD, load_demo_data

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
    load_demo_data(built.uow, built.passwords, EXAMPLES)
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
