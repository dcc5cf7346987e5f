"""The API test client and bearer-token headers, shared by every suite that calls the API
on both databases (`store_backends`)."""

import pytest
from fastapi.testclient import TestClient
from store_backends import PASSWORD


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
