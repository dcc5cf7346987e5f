"""Every test here runs on SQLite and on PostgreSQL (see tests/support/store_backends.py)."""

import pytest
from fastapi.testclient import TestClient
from store_backends import PASSWORD, container, database_url, world

__all__ = ["container", "database_url", "world"]


@pytest.fixture(scope="session")
def client(container):
    from casework.entrypoints.api import create_app

    with TestClient(create_app(container=container)) as test_client:
        yield test_client


@pytest.fixture
def login(client):
    """Headers carrying a bearer token for `actor` (a user made by `world.user`)."""
    def headers(actor):
        response = client.post("/api/token", json={"username": actor.username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}
    return headers

