"""Demo data is opt-in, refused beside real cases, and its published logins work only in a demo database."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_backends import EXAMPLES, demo_database_container, seed
from typer.testing import CliRunner

from casework.adapters.chronology_file import dump_case
from casework.config import load_settings
from casework.service.access import system_actor
from casework.service.auth import authenticate
from casework.service.cases import import_case
from casework.service.demo import DEMO_PASSWORD, DemoRefused, demo_username, load_demo_data


@pytest.fixture
def demo(database_url, tmp_path_factory):
    yield from demo_database_container(database_url, tmp_path_factory)


def _one_seed(tmp_path, council):
    (tmp_path / "seed.yaml").write_text(dump_case(seed("wirral-19-020-817.yaml", council)))
    return tmp_path


def _real_case(c, council, case_id="real-1"):
    with c.uow() as uow:
        found = uow.councils.by_slug(council) or uow.councils.add(council)
        uow.commit()
        actor = system_actor(found.id, council, "test")
    import_case(c.uow(), actor, replace(seed("wirral-19-020-817.yaml", council), id=case_id))


def test_demo_data_is_off_unless_asked_for():
    assert load_settings({}).load_demo_data is False
    assert load_settings({"CASEWORK_DEMO_DATA": "1"}).load_demo_data is True
    assert load_settings({"CASEWORK_DEMO_DATA": "yes"}).load_demo_data is True


def test_casework_serve_alone_does_not_load_demo_data_but_make_serve_asks_for_it():
    from casework.entrypoints.cli import app

    help_text = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "--demo" in help_text and "[default: no-demo]" in help_text
    makefile = (EXAMPLES.parent / "Makefile").read_text()
    assert "casework serve --demo" in makefile


def test_demo_data_is_refused_in_a_database_holding_a_real_councils_case(demo, tmp_path):
    _real_case(demo, "realshire")
    with pytest.raises(DemoRefused) as refused:
        load_demo_data(demo.uow, demo.passwords, demo.files, _one_seed(tmp_path, "demoshire"), synthetic=0)
    assert "realshire/real-1" in str(refused.value)
    with demo.uow() as uow:
        assert uow.users.by_username(demo_username("demoshire", "team_manager")) is None
        assert uow.councils.by_slug("demoshire") is None


def test_demo_data_is_refused_when_its_council_exists_as_a_real_council(demo, tmp_path):
    with demo.uow() as uow:
        uow.councils.add("wirral")
        uow.commit()
    with pytest.raises(DemoRefused, match="wirral"):
        load_demo_data(demo.uow, demo.passwords, demo.files, _one_seed(tmp_path, "wirral"), synthetic=0)
    with demo.uow() as uow:
        assert uow.users.by_username(demo_username("wirral", "team_manager")) is None


def test_a_demo_user_cannot_sign_in_once_the_database_holds_a_real_case(demo, tmp_path):
    load_demo_data(demo.uow, demo.passwords, demo.files, _one_seed(tmp_path, "demoshire"), synthetic=0)
    manager = demo_username("demoshire", "team_manager")
    assert authenticate(demo.uow(), demo.passwords, manager, DEMO_PASSWORD) is not None

    _real_case(demo, "realshire")

    assert authenticate(demo.uow(), demo.passwords, manager, DEMO_PASSWORD) is None


def test_the_cli_refuses_demo_data_beside_real_cases_and_exits_non_zero(demo, monkeypatch):
    from casework.entrypoints.cli import app

    _real_case(demo, "realshire")
    url = demo.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("CASEWORK_DATABASE_URL", url)
    monkeypatch.setenv("CASEWORK_EXAMPLES_DIR", str(EXAMPLES))
    result = CliRunner().invoke(app, ["serve", "--demo"])
    assert result.exit_code == 1
    assert "realshire/real-1" in " ".join(result.output.split())


def test_each_demo_council_has_a_user_for_every_role_and_none_signs_in_beside_a_real_case(demo, tmp_path):
    from casework.service.access import ROLES

    load_demo_data(demo.uow, demo.passwords, demo.files, _one_seed(tmp_path, "demoshire"), synthetic=0)
    for role in ROLES:
        actor = authenticate(demo.uow(), demo.passwords, demo_username("demoshire", role), DEMO_PASSWORD)
        assert actor is not None and actor.role == role

    _real_case(demo, "realshire")

    assert all(authenticate(demo.uow(), demo.passwords, demo_username("demoshire", role), DEMO_PASSWORD) is None
               for role in ROLES)
