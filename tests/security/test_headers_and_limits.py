"""Security headers on every response, a request size limit, NUL bytes refused."""

from __future__ import annotations

from casework.entrypoints.api.hardening import DEFAULT_MAX_BYTES


def test_every_response_carries_the_security_headers_and_hsts_only_over_https(client):
    for url in ("/sign-in", "/api/openapi.json", "/api/cases"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in headers
    from fastapi.testclient import TestClient

    secure = TestClient(client.app, base_url="https://casework.example")
    assert secure.get("/sign-in").headers["strict-transport-security"].startswith("max-age=")


def test_a_request_larger_than_the_limit_is_refused_with_413_in_the_json_shape(client, login, world):
    headers = login(world.user(world.a, "team_manager"))
    big = "x" * (DEFAULT_MAX_BYTES + 1)
    response = client.post("/api/cases", headers=headers, json={"chronology": big})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large" and response.json()["problems"][0]["fix"]


def test_a_nul_byte_in_the_address_is_a_422_not_a_server_error(client, login, world):
    headers = login(world.user(world.a, "team_manager"))
    for url in ("/api/cases/abc%00def", "/api/cases?team=a%00b"):
        response = client.get(url, headers=headers)
        assert response.status_code == 422, (url, response.text)
        assert response.json()["error"] == "invalid"

