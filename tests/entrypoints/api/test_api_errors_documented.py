"""The API document declares the error body the API really returns, on every operation."""

from __future__ import annotations

from store_backends import seed

from casework.entrypoints.api.errors import ErrorBody
from casework.service import cases

ERRORS = ("401", "403", "404", "422")


def test_every_operation_documents_401_403_404_and_422_with_the_one_error_body(client):
    document = client.get("/api/openapi.json").json()
    operations = [(path, method, op) for path, methods in document["paths"].items()
                  if path.startswith("/api") for method, op in methods.items()]
    assert len(operations) >= 26
    for path, method, op in operations:
        for code in ERRORS:
            schema = op["responses"][code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, code)
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_the_bodies_returned_are_the_body_documented(client, login, world):
    worker = world.user(world.a, "team_manager")  # an import needs each of its events' permissions
    cases.import_case(world.container.uow(), worker, seed("wirral-19-020-817.yaml", world.a))
    auditor = login(world.user(world.a, "auditor"))
    returned = {
        401: client.get("/api/cases"),
        403: client.post("/api/cases/wirral-19-020-817/events", headers=auditor,
                         json={"type": "visit", "date": "2024-02-01"}),
        404: client.get("/api/cases/no-such-case", headers=auditor),
        422: client.post("/api/cases/wirral-19-020-817/events", headers=login(worker),
                         json={"type": "visit", "date": "2024-13-01"}),
    }
    statuses = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 422: "invalid"}
    for code, response in returned.items():
        assert response.status_code == code, response.text
        parsed = ErrorBody.model_validate(response.json())
        assert parsed.error == statuses[code] and parsed.problems
