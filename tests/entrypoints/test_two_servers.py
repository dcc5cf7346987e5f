"""Two `casework serve` processes on one PostgreSQL database, as two machines behind a load
balancer: nothing a request needs is kept in one process. A session signed in on A works
on B (the cookie's signing key is shared through the database when CASEWORK_SECRET_KEY is
not set), and a change made on A, with its audit-log entry, is seen from B. Both servers
start at once on an empty database, so they also take turns at the migrations."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from store_backends import EXAMPLES, PASSWORD, fresh_database

from casework.adapters.chronology_file import read_case_file
from casework.adapters.passwords import Argon2Passwords
from casework.bootstrap import build
from casework.config import load_settings
from casework.service import cases
from casework.service.auth import add_user

CASE = "liverpool-24-010-960"
CASEWORK = Path(sys.executable).parent / "casework"
TIMEOUT = 60  # seconds a request may take on a loaded machine (nothing here is timed)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_serving(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180  # a cold start on a loaded machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"casework serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/sign-in", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"casework serve did not answer on {base}:\n{log.read_text()}")


@pytest.fixture
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from fresh_database("postgresql", tmp_path_factory, prefix="two_servers")


@pytest.fixture
def servers(database: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = {k: v for k, v in os.environ.items() if k != "CASEWORK_SECRET_KEY"}
    env["CASEWORK_DATABASE_URL"] = database
    started: list[subprocess.Popen[bytes]] = []
    bases, logs = [], []
    try:
        for name in ("a", "b"):
            port = _free_port()
            log = tmp_path / f"serve-{name}.log"
            with log.open("wb") as out:
                started.append(subprocess.Popen(
                    [str(CASEWORK), "serve"], cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                    env={**env, "CASEWORK_PORT": str(port)}))
            bases.append(f"http://127.0.0.1:{port}")
            logs.append(log)
        for base, server, log in zip(bases, started, logs, strict=True):
            _wait_until_serving(base, server, log)
        yield bases[0], bases[1]
    finally:
        for server in started:
            server.terminate()
        for server in started:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None, "the page has no CSRF token"
    return found.group(1)


def test_a_session_and_a_write_made_on_one_server_are_seen_from_the_other(
        database: str, servers: tuple[str, str]) -> None:
    a, b = servers
    container = build(replace(load_settings({}), database_url=database), migrate=False,
                      passwords=Argon2Passwords.fast())
    try:
        manager = add_user(container.uow(), container.passwords, "liverpool", "lpool.manager",
                           PASSWORD, "team_manager")
        add_user(container.uow(), container.passwords, "liverpool", "lpool.auditor", PASSWORD, "auditor")
        cases.import_case(container.uow(), manager, read_case_file(EXAMPLES / f"{CASE}.yaml"))
    finally:
        container.dispose()

    on_a = httpx.Client(base_url=a, timeout=TIMEOUT)
    signed_in = on_a.post("/sign-in", data={
        "username": "lpool.manager", "password": PASSWORD, "next": "/",
        "csrf_token": _csrf(on_a.get("/sign-in").text)})
    assert signed_in.status_code == 303, signed_in.text

    on_b = httpx.Client(base_url=b, cookies=on_a.cookies, timeout=TIMEOUT)  # the same browser, sent to B
    page_on_b = on_b.get(f"/cases/{CASE}")
    assert page_on_b.status_code == 200, "B did not accept the session A signed in"
    assert "lpool.manager" in page_on_b.text

    # A change on A, posted with the form (and CSRF token) B served: one session, two servers.
    recorded = on_a.post(f"/cases/{CASE}/events", data={
        "csrf_token": _csrf(page_on_b.text), "event_type": "visit", "event_date": "2025-06-02",
        "children": ["D"], "note": "visited on the way back from court"})
    assert recorded.status_code == 303, recorded.text
    assert "visited on the way back from court" in on_b.get(f"/cases/{CASE}").text

    token = httpx.post(f"{a}/api/token", json={"username": "lpool.auditor", "password": PASSWORD},
                       timeout=TIMEOUT)
    log = httpx.get(f"{b}/api/audit-log", params={"record": CASE},
                    headers={"Authorization": f"Bearer {token.json()['access_token']}"}, timeout=TIMEOUT)
    assert log.status_code == 200, log.text
    assert any(e["user"] == "lpool.manager" and "recorded visit" in e["detail"]
               for e in log.json()["items"])
