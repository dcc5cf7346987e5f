"""Every complaint's state is the same word in the API, on the web page and in its procedure's
declared table, for each seed and each synthetic complaint: the table is the only vocabulary."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casework.adapters.chronology_file import read_case_file
from casework.adapters.passwords import Argon2Passwords
from casework.adapters.synthetic_cases import KINDS, synthetic_cases
from casework.bootstrap import Container, build
from casework.config import load_settings
from casework.domain.chronology import Case
from casework.domain.complaints import load_procedure, replay_complaint
from casework.service.demo import (
    DEMO_PASSWORD,
    demo_username,
    load_demo_data,
    synthetic_seed,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    db = tmp_path_factory.mktemp("agreement") / "casework.sqlite"
    settings = replace(load_settings({}), database_url=f"sqlite:///{db}", examples_dir=EXAMPLES,
                       load_demo_data=False)
    built = build(settings, passwords=Argon2Passwords.fast())
    load_demo_data(built.uow, built.passwords, built.files, EXAMPLES, today=TODAY)
    yield built
    built.dispose()


@pytest.fixture(scope="module")
def client(container: Container) -> Iterator[TestClient]:
    from casework.entrypoints.api import create_app

    with TestClient(create_app(container=container)) as test_client:
        yield test_client


def _api_headers(client: TestClient, council: str) -> dict[str, str]:
    response = client.post("/api/token", json={"username": demo_username(council, "auditor"),
                                               "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _web_client(container: Container, council: str) -> TestClient:
    from casework.entrypoints.api import create_app

    web = TestClient(create_app(container=container))
    form = web.get("/sign-in").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    signed = web.post("/sign-in", data={"username": demo_username(council, "auditor"), "password": DEMO_PASSWORD,
                                        "next": "/", "csrf_token": token.group(1)}, follow_redirects=False)
    assert signed.status_code == 303, signed.text
    return web


def _web_state(page: str) -> str:
    now = re.search(r"Now: <strong>(.*?)</strong>", page, re.S)
    assert now is not None, "the complaint page does not say where the complaint stands"
    return html.unescape(now.group(1)).strip()


def _complaints() -> list[tuple[str, str, Case]]:
    """(council, case id, case) for every seed and every synthetic demo case with a complaint."""
    seeds = [read_case_file(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    councils = dict.fromkeys(c.council for c in seeds)
    synthetic = [c for council in councils
                 for c in synthetic_cases(council, TODAY, seed=synthetic_seed(council), count=2 * len(KINDS))]
    return [(c.council, c.id, c) for c in [*seeds, *synthetic]
            if any(e.type == "complaint_received" for e in c.events)]


def test_the_api_the_web_page_and_the_table_agree_on_every_complaints_state(
        container: Container, client: TestClient) -> None:
    stored = _complaints()
    synthetic = [slug for _, slug, _ in stored if slug.startswith("synthetic-")]
    seeds = [slug for _, slug, _ in stored if not slug.startswith("synthetic-")]
    assert len(seeds) == len(list(EXAMPLES.glob("*.yaml"))) and synthetic, (seeds, synthetic)
    checked = 0
    for council, slug, case in stored:
        headers = _api_headers(client, council)
        web = _web_client(container, council)
        for received in case.of_type("complaint_received"):
            ref = received.complaint
            table = load_procedure(str(received.detail("procedure", "statutory")))
            expected = replay_complaint(case, ref).complaint.state
            api = client.get(f"/api/cases/{slug}/complaints/{ref}", headers=headers)
            assert api.status_code == 200, api.text
            page = web.get(f"/cases/{slug}/complaints/{ref}")
            assert page.status_code == 200, page.text
            assert expected in table.states, (slug, ref, expected)
            assert api.json()["state"] == expected, (slug, ref)
            assert _web_state(page.text) == table.states[expected], (slug, ref)
            checked += 1
    assert checked >= len(seeds) + len(synthetic)
