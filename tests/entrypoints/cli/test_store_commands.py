from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from typer.testing import CliRunner

from casework.adapters.chronology_file import case_to_mapping, read_case_file, read_case_text
from casework.adapters.store.migrate import MIGRATIONS
from casework.entrypoints.cli import app

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_db_upgrade_import_export_and_users_add_work_on_a_fresh_sqlite_file(tmp_path):
    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    runner = CliRunner()
    upgraded = runner.invoke(app, ["db", "upgrade"], env=env)
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert upgraded.exit_code == 0 and f"revision {head}" in upgraded.output
    seed = EXAMPLES / "wirral-19-020-817.yaml"
    imported = runner.invoke(app, ["import", str(seed), "--team", "north"], env=env)
    assert imported.exit_code == 0, imported.output
    assert "Imported 1 of 1 files" in imported.output
    again = runner.invoke(app, ["import", str(seed)], env=env)  # a re-run skips what is stored
    assert again.exit_code == 0 and "already exists; skipped" in again.output
    exported = runner.invoke(app, ["export", "wirral-19-020-817"], env=env)
    assert exported.exit_code == 0
    assert case_to_mapping(read_case_text(exported.output, "export")) == case_to_mapping(
        read_case_file(seed))
    added = runner.invoke(app, ["users", "add", "ann", "--council", "wirral", "--role",
                                "caseworker", "--password", "long enough pw"], env=env)
    assert added.exit_code == 0 and "Added ann (caseworker) to wirral" in added.output
    wrong = runner.invoke(app, ["users", "add", "bob", "--council", "wirral", "--role",
                                "boss", "--password", "long enough pw"], env=env)
    assert wrong.exit_code == 1 and "[role]" in wrong.output


def test_councils_name_sets_the_name_its_letters_use(tmp_path):
    from casework.bootstrap import build
    from casework.config import load_settings

    env = {"CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'cw.sqlite'}"}
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    assert runner.invoke(app, ["users", "add", "ann", "--council", "sefton", "--role",
                               "complaints_manager", "--password", "long enough pw"], env=env).exit_code == 0
    named = runner.invoke(app, ["councils", "name", "sefton", "Sefton Council"], env=env)
    assert named.exit_code == 0, named.output
    assert runner.invoke(app, ["councils", "name", "nowhere", "X"], env=env).exit_code == 1
    container = build(load_settings(env))
    with container.uow() as uow:
        assert uow.councils.by_slug("sefton").display_name == "Sefton Council"
    container.dispose()
