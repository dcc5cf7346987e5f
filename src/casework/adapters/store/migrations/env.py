"""Alembic environment: the engine comes from the caller (`migrate.upgrade`) or, when
Alembic is run by hand, from `CASEWORK_DATABASE_URL` via casework's settings."""

from __future__ import annotations

from alembic import context

from casework.adapters.store.decision_schema import include_name
from casework.adapters.store.engine import make_engine
from casework.adapters.store.schema import Base
from casework.config import load_settings

config = context.config
engine = config.attributes.get("engine") or make_engine(load_settings().database_url)

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
