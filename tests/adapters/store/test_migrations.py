from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from casework.adapters.store.decision_schema import include_name
from casework.adapters.store.migrate import alembic_config, current_revision
from casework.adapters.store.schema import Base


def test_the_migrations_build_exactly_the_schema_the_models_describe(container):
    with container.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    head = ScriptDirectory.from_config(alembic_config(container.engine)).get_current_head()
    assert current_revision(container.engine) == head


def test_the_database_refuses_to_change_or_remove_an_audit_log_entry(container):
    with container.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO audit_log (at, username, action, record_type, record_id, detail) "
            "VALUES (CURRENT_TIMESTAMP, 'someone', 'read', 'case', 'x-1', '')"))
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
