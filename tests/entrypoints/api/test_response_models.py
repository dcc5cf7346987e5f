"""Every API operation declares what it returns (a typed read model from service/read_models.py),
so the OpenAPI document describes the real responses, not an empty object."""

from __future__ import annotations

import dataclasses

from fastapi.routing import APIRoute

from casework.entrypoints.api.routers import actions, auth, cases, complaints, decisions, reports
from casework.service import read_models

NOT_JSON = {("GET", "/api/cases/{case}/export")}  # a chronology file (YAML), documented as such


ROUTERS = (actions, auth, cases, complaints, decisions, reports)


def test_every_api_route_declares_a_response_model_from_the_service(client):
    routes = [r for module in ROUTERS for r in module.router.routes if isinstance(r, APIRoute)]
    document = client.get("/api/openapi.json").json()
    assert len(routes) == sum(len(methods) for path, methods in document["paths"].items() if path.startswith("/api"))
    assert len(routes) >= 26
    for route in routes:
        for method in route.methods:
            if (method, route.path) in NOT_JSON:
                continue
            model = route.response_model
            assert model is not None, (method, route.path)
            inner = getattr(model, "__args__", (model,))[0]
            assert dataclasses.is_dataclass(inner) and inner.__module__ == read_models.__name__, (method, route.path)


def test_the_document_gives_each_success_response_a_schema_with_typed_dates(client):
    document = client.get("/api/openapi.json").json()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if (method.upper(), path) in NOT_JSON:
                continue
            success = next(code for code in operation["responses"] if code.startswith("2"))
            assert operation["responses"][success]["content"]["application/json"]["schema"], (method, path)
    event = document["components"]["schemas"]["EventView"]["properties"]
    assert event["earliest"] == {"type": "string", "format": "date", "title": "Earliest"}
