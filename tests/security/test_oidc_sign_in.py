"""OpenID Connect sign-in against a real provider: the `oidc-provider` package, pinned in
package.json and run with node (tests/support/oidc_provider.mjs). The person signs in at the
provider's own pages; casework checks the ID token and makes them a user of the council and
role the council's claim rules name. Passwords keep working beside it."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from casework.bootstrap import build
from casework.entrypoints.api import create_app

REPO = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "casework", "a-client-secret-for-tests-only"
CALLBACK = "http://testserver/sign-in/oidc/callback"
ACCOUNTS = {
    "ann.social": {"name": "Ann Social", "council": "oidcshire", "roles": ["staff", "social-worker"]},
    "max.manager": {"name": "Max Manager", "council": "oidcshire", "roles": "manager"},
    "val.visitor": {"name": "Val Visitor", "council": "oidcshire", "roles": ["visitor"]},
}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def issuer():
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("needs node and `npm ci` (scripts/bootstrap) for the oidc-provider package")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OIDC_ISSUER": url, "OIDC_PORT": str(port), "OIDC_CLIENT_ID": CLIENT_ID,
           "OIDC_CLIENT_SECRET": CLIENT_SECRET, "OIDC_REDIRECT_URI": CALLBACK,
           "OIDC_ACCOUNTS": json.dumps(ACCOUNTS), "NODE_ENV": "development"}
    process = subprocess.Popen([node, str(REPO / "tests" / "support" / "oidc_provider.mjs")], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if line.startswith("listening"):
                break
        else:
            pytest.fail("the OpenID Connect provider did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def app(fresh_container, issuer):
    settings = replace(fresh_container.settings, base_url="http://testserver", oidc_issuer=issuer,
                       oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET, oidc_role_claim="roles",
                       oidc_roles="social-worker=caseworker, manager=team_manager")
    container = build(settings, migrate=False, passwords=fresh_container.passwords)
    yield create_app(container=container)
    container.dispose()


def sign_in_at_provider(web, login):
    """What a person does in the browser: start at casework, sign in and consent at the
    provider's pages, and come back to casework's callback."""
    start = web.get("/sign-in/oidc", follow_redirects=False)
    assert start.status_code == 303
    location = start.headers["location"]
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        for _ in range(12):
            if location.startswith("http://testserver"):
                parts = urlsplit(location)
                return web.get(f"{parts.path}?{parts.query}", follow_redirects=False)
            page = browser.get(location)
            if page.is_redirect:
                location = str(page.next_request.url) if page.next_request else page.headers["location"]
                continue
            action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
            fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.text))
            if 'name="login"' in page.text:
                fields.update(login=login, password="anything")
            posted = browser.post(str(page.url.join(action)), data=fields)
            location = str(page.url.join(posted.headers["location"]))
    pytest.fail("the provider never sent the browser back")


def test_a_person_signs_in_with_the_councils_provider_as_the_role_its_claims_name(app, fresh_container):
    web = TestClient(app)
    assert "Sign in with your council account" in web.get("/sign-in").text
    done = sign_in_at_provider(web, "ann.social")
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert web.get("/", follow_redirects=False).status_code == 200
    with fresh_container.engine.connect() as c:
        row = c.execute(text("SELECT users.role, councils.slug, users.full_name FROM users JOIN councils "
                             "ON councils.id = users.council_id WHERE username = 'ann.social'")).one()
    assert tuple(row) == ("caseworker", "oidcshire", "Ann Social")


def test_a_later_sign_in_follows_the_providers_claims_and_a_manager_maps_to_team_manager(app, fresh_container):
    web = TestClient(app)
    assert sign_in_at_provider(web, "max.manager").status_code == 303
    assert sign_in_at_provider(TestClient(app), "max.manager").status_code == 303
    with fresh_container.engine.connect() as c:
        assert c.execute(text("SELECT role FROM users WHERE username = 'max.manager'")).scalar() == "team_manager"


def test_someone_whose_claims_map_to_no_role_is_refused_and_the_refusal_logged(app, fresh_container):
    refused = sign_in_at_provider(TestClient(app), "val.visitor")
    assert refused.status_code == 403
    with fresh_container.engine.connect() as c:
        detail = c.execute(text("SELECT detail FROM audit_log WHERE username = 'val.visitor'")).scalar()
        assert c.execute(text("SELECT count(*) FROM users WHERE username = 'val.visitor'")).scalar() == 0
    assert detail == "identity provider: the provider's claims map to no casework role"


def test_a_callback_whose_state_does_not_match_is_refused(app):
    web = TestClient(app)
    web.get("/sign-in/oidc", follow_redirects=False)
    forged = web.get("/sign-in/oidc/callback?code=stolen&state=not-the-state", follow_redirects=False)
    assert forged.status_code == 400 and "did not finish" in forged.text


def test_a_user_disabled_in_casework_stays_out_whatever_the_provider_says(app, fresh_container):
    assert sign_in_at_provider(TestClient(app), "ann.social").status_code == 303
    from casework.service.auth import set_user_active

    set_user_active(fresh_container.uow(), "ann.social", False)
    assert sign_in_at_provider(TestClient(app), "ann.social").status_code == 403
