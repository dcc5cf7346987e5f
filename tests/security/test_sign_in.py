"""Sign-in fit for social care: guesses throttled per account and per address (the count kept
in the database, so a second server process sees it), a password policy, logout and token
revocation, disabling a user ends everything they hold, and idle and absolute timeouts
enforced by the server whatever the client keeps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from store_backends import PASSWORD, web_client
from typer.testing import CliRunner

from casework.bootstrap import build
from casework.domain.errors import CaseworkError
from casework.domain.passwords import password_problems
from casework.entrypoints.api import create_app
from casework.entrypoints.cli import app as cli_app
from casework.service import auth
from casework.service.errors import Throttled


@pytest.fixture
def api(fresh_container):
    """An API client over a database of its own, with the default throttle (every test client
    comes from the one address 'testclient')."""
    with TestClient(create_app(container=fresh_container)) as client:
        yield client


def token_for(client, username, password=PASSWORD):
    return client.post("/api/token", json={"username": username, "password": password})


def bearer(response):
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def user(container, name="ann", role="caseworker"):
    return auth.add_user(container.uow(), container.passwords, "signshire", name, PASSWORD, role)


@pytest.mark.parametrize("password", ["12345678", "password", "Password", "qwertyuiop", "short"])
def test_a_short_or_common_password_is_refused(password):
    assert password_problems(password, "ann")


def test_adding_a_user_with_a_common_password_is_refused_with_the_fix(fresh_container):
    with pytest.raises(CaseworkError) as refused:
        auth.add_user(fresh_container.uow(), fresh_container.passwords, "signshire", "bob", "12345678", "caseworker")
    assert "most common passwords" in str(refused.value)
    result = CliRunner().invoke(cli_app, ["users", "add", "bob", "--council", "signshire", "--role", "caseworker",
                                          "--password", "password"],
                                env={"CASEWORK_DATABASE_URL": fresh_container.settings.database_url})
    assert result.exit_code == 1 and "most common passwords" in result.output


def test_the_sixth_wrong_guess_at_one_account_is_refused_even_with_the_right_password(api, fresh_container):
    user(fresh_container)
    for _ in range(5):
        assert token_for(api, "ann", "not the password").status_code == 401
    throttled = token_for(api, "ann")
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    assert throttled.json()["error"] == "throttled"
    with fresh_container.engine.connect() as c:
        details = c.execute(text("SELECT detail FROM audit_log WHERE action = 'sign_in_refused' "
                                 "AND username = 'ann' ORDER BY seq")).scalars().all()
    assert details == ["wrong password"] * 5 + ["throttled"]


def test_the_throttle_holds_across_server_processes_because_it_lives_in_the_database(fresh_container):
    user(fresh_container)
    other_server = build(fresh_container.settings, migrate=False, passwords=fresh_container.passwords)
    try:
        for container in (fresh_container, other_server) * 2 + (fresh_container,):
            assert auth.authenticate(container.uow(), container.passwords, "ann", "wrong guess!", "10.0.0.9") is None
        with pytest.raises(Throttled):
            auth.authenticate(other_server.uow(), other_server.passwords, "ann", PASSWORD, "10.0.0.7")
    finally:
        other_server.dispose()


def test_guesses_at_many_accounts_from_one_address_are_throttled_by_address(fresh_container):
    user(fresh_container)
    for n in range(20):
        auth.authenticate(fresh_container.uow(), fresh_container.passwords, f"guess{n}", "wrong guess!", "10.0.0.1")
    with pytest.raises(Throttled):
        auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", PASSWORD, "10.0.0.1")
    assert auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", PASSWORD, "10.0.0.2")


def test_a_right_password_clears_the_accounts_count(fresh_container):
    user(fresh_container)
    for _ in range(4):
        auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", "wrong guess!")
    assert auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", PASSWORD)
    for _ in range(4):
        auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", "wrong guess!")
    assert auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", PASSWORD)


def test_failures_older_than_the_window_no_longer_count(fresh_container):
    user(fresh_container)
    with fresh_container.uow() as uow:
        for _ in range(5):
            uow.sign_ins.add_failure("account", "ann", datetime.now(UTC) - timedelta(minutes=16))
        uow.commit()
    assert auth.authenticate(fresh_container.uow(), fresh_container.passwords, "ann", PASSWORD)


def test_the_web_sign_in_page_says_to_wait_when_throttled(api, fresh_container):
    user(fresh_container)
    for _ in range(5):
        token_for(api, "ann", "not the password")
    import re

    web = TestClient(api.app)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/sign-in").text).group(1)
    page = web.post("/sign-in", data={"username": "ann", "password": PASSWORD, "next": "/", "csrf_token": csrf})
    assert page.status_code == 429 and "Too many failed sign-ins; try again in" in page.text


def test_logout_revokes_the_token_at_once(api, fresh_container):
    user(fresh_container)
    headers = bearer(token_for(api, "ann"))
    assert api.get("/api/me", headers=headers).status_code == 200
    assert api.post("/api/logout", headers=headers).json() == {"tokens_ended": 1}
    assert api.get("/api/me", headers=headers).status_code == 401


def test_logout_everywhere_ends_every_token_of_the_user(api, fresh_container):
    user(fresh_container)
    first, second = bearer(token_for(api, "ann")), bearer(token_for(api, "ann"))
    assert api.post("/api/logout?everywhere=true", headers=first).json() == {"tokens_ended": 2}
    assert api.get("/api/me", headers=second).status_code == 401


def test_disabling_a_user_ends_their_sessions_and_tokens_and_stops_sign_in(api, fresh_container):
    user(fresh_container)
    headers = bearer(token_for(api, "ann"))
    web = web_client(api.app, "ann")
    assert web.get("/").status_code == 200
    result = CliRunner().invoke(cli_app, ["users", "disable", "ann"],
                                env={"CASEWORK_DATABASE_URL": fresh_container.settings.database_url})
    assert result.exit_code == 0, result.output
    assert "ended 2 of their sessions and API tokens" in result.output
    assert api.get("/api/me", headers=headers).status_code == 401
    assert web.get("/", follow_redirects=False).status_code in (302, 303, 307)
    assert token_for(api, "ann").status_code == 401
    CliRunner().invoke(cli_app, ["users", "enable", "ann"],
                       env={"CASEWORK_DATABASE_URL": fresh_container.settings.database_url})
    assert token_for(api, "ann").status_code == 200


def age_token(container, **columns):
    with container.engine.begin() as c:
        for column, minutes in columns.items():
            c.execute(text(f"UPDATE auth_tokens SET {column} = :t"),
                      {"t": datetime.now(UTC) - timedelta(minutes=minutes)})


def test_a_token_unused_for_longer_than_the_idle_timeout_is_ended(api, fresh_container):
    user(fresh_container)
    headers = bearer(token_for(api, "ann"))
    age_token(fresh_container, last_seen_at=29)
    assert api.get("/api/me", headers=headers).status_code == 200  # and that use counts as activity
    age_token(fresh_container, last_seen_at=31)
    assert api.get("/api/me", headers=headers).status_code == 401
    with fresh_container.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM auth_tokens")).scalar() == 0


def test_use_keeps_a_session_alive_until_the_absolute_timeout(fresh_container):
    short = replace(fresh_container.settings, token_hours=1)
    container = build(short, migrate=False, passwords=fresh_container.passwords)
    try:
        actor = user(container)
        token = auth.issue_token(container.uow(), actor, auth.WEB, hours=1)
        assert auth.actor_for_session(container.uow(), token) == actor
        age_token(container, created_at=61, last_seen_at=1)
        with container.engine.begin() as c:
            c.execute(text("UPDATE auth_tokens SET expires_at = :t"), {"t": datetime.now(UTC) - timedelta(minutes=1)})
        assert auth.actor_for_session(container.uow(), token) is None
    finally:
        container.dispose()


def test_the_web_session_ends_after_the_idle_timeout_whatever_the_cookie_says(api, fresh_container):
    user(fresh_container)
    web = web_client(api.app, "ann")
    assert web.get("/").status_code == 200
    age_token(fresh_container, last_seen_at=45)
    assert web.get("/", follow_redirects=False).status_code in (302, 303, 307)
