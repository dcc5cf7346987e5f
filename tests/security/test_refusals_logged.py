"""A refused sign-in, a refused read and a refused step are in the audit log, with who and
what, though the refused request itself changed nothing (its transaction rolled back)."""

from __future__ import annotations

from sqlalchemy import text
from store_backends import seed, web_client

from casework.service.cases import import_case


def entries(container, username):
    with container.engine.connect() as c:
        return c.execute(text("SELECT action, record_type, record_id, detail FROM audit_log "
                              "WHERE username = :u ORDER BY seq"), {"u": username}).all()


def test_a_failed_sign_in_is_logged_with_its_reason_for_the_auditor(client, world):
    ann = world.user(world.a, "caseworker")
    assert client.post("/api/token", json={"username": ann.username, "password": "not it at all"}).status_code == 401
    ghost = f"nobody-{world.a}"
    assert client.post("/api/token", json={"username": ghost, "password": "whatever1"}).status_code == 401
    assert ("sign_in_refused", "user", ann.username, "wrong password") in entries(world.container, ann.username)
    assert ("sign_in_refused", "user", ghost, "no such user") in entries(world.container, ghost)


def test_a_read_of_another_councils_case_is_logged_as_refused(client, login, world):
    owner = world.user(world.b, "team_manager")
    import_case(world.container.uow(), owner, seed("wirral-19-020-817.yaml", world.b))
    snoop = world.user(world.a, "caseworker")
    assert client.get("/api/cases/wirral-19-020-817", headers=login(snoop)).status_code == 404
    assert ("refused", "request", "GET /api/cases/wirral-19-020-817", "not found") in entries(
        world.container, snoop.username)


def test_a_step_the_role_may_not_take_is_logged_as_refused(client, login, world):
    worker = world.user(world.a, "caseworker")
    assert client.get("/api/audit-log", headers=login(worker)).status_code == 403
    assert ("refused", "request", "GET /api/audit-log", "forbidden") in entries(world.container, worker.username)


def test_a_refused_page_is_logged_too(client, world):
    owner = world.user(world.b, "team_manager")
    import_case(world.container.uow(), owner, seed("wirral-19-020-817.yaml", world.b))
    snoop = world.user(world.a, "caseworker")
    web = web_client(client.app, snoop.username)
    assert web.get("/cases/wirral-19-020-817").status_code == 404
    assert ("refused", "request", "GET /cases/wirral-19-020-817", "not found") in entries(
        world.container, snoop.username)
