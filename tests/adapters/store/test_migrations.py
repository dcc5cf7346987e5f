from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from store_backends import fresh_database

from casework.adapters.store.decision_schema import include_name
from casework.adapters.store.engine import make_engine
from casework.adapters.store.migrate import alembic_config, current_revision, upgrade
from casework.adapters.store.schema import Base


def test_the_migrations_build_exactly_the_schema_the_models_describe(container):
    with container.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    head = ScriptDirectory.from_config(alembic_config(container.engine)).get_current_head()
    assert current_revision(container.engine) == head


def test_the_database_refuses_to_change_or_remove_an_audit_log_entry(container):
    with container.uow() as uow:
        uow.audit_log.append(at=datetime.now(UTC), user_id=None, username="someone", council_id=None,
                             action="read", record_type="case", record_id="x-1", detail="")
        uow.commit()
    for statement in ("UPDATE audit_log SET username = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), container.engine.begin() as c:
            c.execute(text(statement))
    with container.engine.connect() as connection:
        names = connection.execute(text(
            "SELECT username FROM audit_log WHERE record_id = 'x-1'")).scalars().all()
    assert "someone" in names and "someone else" not in names


def test_the_embedded_sqlite_store_keeps_its_journal_in_wal_mode(container):
    if container.engine.dialect.name != "sqlite":
        pytest.skip("WAL is a SQLite setting")
    with container.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path_factory):
    for url in fresh_database(request.param, tmp_path_factory, prefix="migrate"):
        engine = make_engine(url)
        yield engine
        engine.dispose()


def _triggers(connection):
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    return set(connection.execute(text(query)).scalars())


def _child_columns(engine):
    return {c["name"] for c in inspect(engine).get_columns("children")}


def test_the_childs_census_codes_migrate_up_and_down_keeping_rows_and_every_trigger(empty_engine):
    engine = empty_engine
    upgrade(engine, "0002")
    with engine.begin() as connection:
        before = _triggers(connection)
        connection.execute(text("INSERT INTO councils (id, slug, name) VALUES (1, 'c', 'C')"))
        connection.execute(text(
            "INSERT INTO cases (id, council_id, slug, title, source, team, worker, created_at) "
            "VALUES (1, 1, 'k', '', '', '', '', CURRENT_TIMESTAMP)"))
        connection.execute(text(
            "INSERT INTO children (case_id, position, slug, disabled, clinically_vulnerable, note)"
            " VALUES (1, 0, 'P', false, false, 'kept')"))
    assert before == ({"audit_log_no_update", "audit_log_no_delete", "decisions_fts_insert",
                       "decisions_fts_delete", "decisions_fts_update"}
                      if engine.dialect.name == "sqlite"
                      else {"audit_log_append_only", "audit_log_no_truncate"})

    upgrade(engine, "0003")
    assert {"sex", "ethnicity"} <= _child_columns(engine)
    with engine.begin() as connection:
        assert _triggers(connection) == before
        connection.execute(text("UPDATE children SET sex = 'F', ethnicity = 'WBRI'"))

    command.downgrade(alembic_config(engine), "0002")
    assert not {"sex", "ethnicity"} & _child_columns(engine)
    with engine.connect() as connection:
        assert _triggers(connection) == before
        assert connection.execute(text("SELECT slug, note FROM children")).all() == [("P", "kept")]

    upgrade(engine)
    with engine.connect() as connection:
        # 0010 adds SQLite's guard against INSERT OR REPLACE over an audit log entry; 0011 keeps
        # issued letters unchanged.
        added = ({"audit_log_insert_only", "letters_no_update", "letters_no_delete"}
                 if engine.dialect.name == "sqlite" else {"letters_unchanged"})
        assert _triggers(connection) == before | added
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []
