"""The API document is a contract: requests generated from it (valid ones and invalid ones)
never get a server error, and every response matches the schema the document declares for
its status code. Schemathesis reads /api/openapi.json and calls the app in process, signed in
as a team manager of a council holding one seed case; the number of examples is bounded so
the sweep stays short."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.generation import GenerationMode
from store_backends import seed

from casework.service import cases

EXAMPLES_PER_OPERATION = 12
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]
CASE = "wirral-19-020-817"


@pytest.fixture
def signed_in(client, login, world):
    manager = world.user(world.a, "team_manager")
    cases.import_case(world.container.uow(), manager, seed(f"{CASE}.yaml", world.a))
    return lambda: login(manager)  # a fresh token per operation: POST /api/logout revokes the one it is sent


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_requests_get_no_server_error_and_match_the_documented_responses(client, signed_in, mode):
    failures = []
    for operation in _operations(client.app):
        headers = signed_in()
        known = {"case": CASE} if "{case}" in operation.path else {}
        strategy = operation.as_strategy(generation_mode=mode)
        if known:
            strategy = st.one_of(strategy, operation.as_strategy(generation_mode=mode, path_parameters=known))

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def call(case):
            case.call_and_validate(headers=headers, checks=CHECKS)  # noqa: B023 (called in this iteration)

        try:
            call()
        except Exception as exc:  # collected so one run names every failing operation
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
