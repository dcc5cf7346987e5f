"""`casework backup` and `casework restore`: a backup restored into an empty database of the
same kind holds every case as it was and an audit log whose chain still verifies; a restore
never overwrites a database that holds anything."""

from __future__ import annotations

import pytest
from store_backends import EXAMPLES, PASSWORD, fresh_database, seed, seed_names
from typer.testing import CliRunner

from casework.entrypoints.cli import app
from casework.service.auth import add_user
from casework.service.cases import export_for_system, import_case

runner = CliRunner()


def cli(url, *args, anchors=""):
    return runner.invoke(app, list(args), env={"CASEWORK_DATABASE_URL": url, "CASEWORK_AUDIT_ANCHOR_FILE": anchors,
                                               "CASEWORK_EXAMPLES_DIR": str(EXAMPLES)})


def exported(container):
    with container.engine.connect() as c:
        from sqlalchemy import text

        rows = c.execute(text("SELECT cases.slug, councils.slug FROM cases JOIN councils "
                              "ON councils.id = cases.council_id ORDER BY cases.slug")).all()
    return {slug: export_for_system(container.uow(), container.files.chronologies, slug, council)
            for slug, council in rows}


@pytest.fixture
def empty_url(database_url, tmp_path_factory):
    kind = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    yield from fresh_database(kind, tmp_path_factory, prefix="restore")


def test_a_backup_restored_into_an_empty_database_has_every_case_and_a_verifying_audit_log(
        fresh_container, empty_url, tmp_path):
    manager = add_user(fresh_container.uow(), fresh_container.passwords, "backupshire", "backup.manager",
                       PASSWORD, "team_manager")
    for name in seed_names():
        import_case(fresh_container.uow(), manager, seed(name, manager.council))
    anchors = tmp_path / "anchors.jsonl"
    assert cli(fresh_container.settings.database_url, "audit-log", "anchor", anchors=str(anchors)).exit_code == 0
    before = exported(fresh_container)
    assert len(before) == len(seed_names())

    backup_file = tmp_path / "casework.backup"
    made = cli(fresh_container.settings.database_url, "backup", str(backup_file))
    assert made.exit_code == 0, made.output
    restored = cli(empty_url, "restore", str(backup_file), anchors=str(anchors))
    assert restored.exit_code == 0, restored.output
    said = " ".join(restored.output.split())  # the console wraps long lines
    assert f"{len(before)} cases read back" in said and "(1 anchors checked)" in said

    from dataclasses import replace

    from casework.bootstrap import build

    target = build(replace(fresh_container.settings, database_url=empty_url), passwords=fresh_container.passwords)
    try:
        assert exported(target) == before
        assert cli(empty_url, "audit-log", "verify", "--file", str(anchors)).exit_code == 0
    finally:
        target.dispose()


def test_a_restore_refuses_a_database_that_is_not_empty(fresh_container, tmp_path):
    backup_file = tmp_path / "casework.backup"
    assert cli(fresh_container.settings.database_url, "backup", str(backup_file)).exit_code == 0
    refused = cli(fresh_container.settings.database_url, "restore", str(backup_file))
    assert refused.exit_code == 1 and "not empty" in " ".join(refused.output.split())


def test_a_backup_never_overwrites_a_file(fresh_container, tmp_path):
    taken = tmp_path / "taken.backup"
    taken.write_text("keep me")
    refused = cli(fresh_container.settings.database_url, "backup", str(taken))
    assert refused.exit_code == 1 and taken.read_text() == "keep me"
