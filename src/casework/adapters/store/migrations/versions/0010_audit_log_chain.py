"""The audit log's hash chain: each entry's place, previous hash and own hash, the chain's
head, the existing entries back-filled in id order, and a SQLite trigger against INSERT OR
REPLACE.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 20:00:00

SQLite's REPLACE deletes the clashing row without firing delete triggers (unless
recursive_triggers is on), so `INSERT OR REPLACE INTO audit_log` with an existing id used
to rewrite an entry despite `audit_log_no_delete`. A BEFORE INSERT trigger now refuses any
insert whose id or place is taken, and any insert without its chain fields. On PostgreSQL
an upsert is an UPDATE, which the existing trigger refuses; the chain columns are NOT NULL.

The back-fill has to update the entries, so the update trigger is set aside for it (dropped
and re-made on SQLite, disabled on PostgreSQL) inside the migration's transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from casework.domain.log_chain import GENESIS, link

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

SQLITE_UPDATE_TRIGGER = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""
SQLITE_DELETE_TRIGGER = """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""
SQLITE_INSERT_TRIGGER = """CREATE TRIGGER audit_log_insert_only BEFORE INSERT ON audit_log
       WHEN NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.entry_hash IS NULL
         OR EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id OR seq = NEW.seq)
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: no entry is replaced'); END"""
BATCH = 1000


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.add_column('audit_log', sa.Column('seq', sa.Integer(), nullable=True))
    op.add_column('audit_log', sa.Column('prev_hash', sa.String(length=64), nullable=True))
    op.add_column('audit_log', sa.Column('entry_hash', sa.String(length=64), nullable=True))
    op.create_table(
        'audit_log_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('length', sa.Integer(), nullable=False),
        sa.Column('head_hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log_head')),
    )
    op.execute("DROP TRIGGER audit_log_no_update" if sqlite
               else "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    length, head = _back_fill(bind)
    if sqlite:  # batch mode rebuilds the table on SQLite, and its triggers go with it
        op.execute("DROP TRIGGER audit_log_no_delete")
    with op.batch_alter_table('audit_log') as batch_op:
        for column in ('seq', 'prev_hash', 'entry_hash'):
            batch_op.alter_column(column, nullable=False)
        batch_op.create_index('ix_audit_log_seq', ['seq'], unique=True)
    if sqlite:
        for statement in (SQLITE_UPDATE_TRIGGER, SQLITE_DELETE_TRIGGER, SQLITE_INSERT_TRIGGER):
            op.execute(statement)
    else:
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    op.get_bind().execute(sa.text(
        "INSERT INTO audit_log_head (id, length, head_hash) VALUES (1, :length, :head)"),
        {"length": length, "head": head})


def _back_fill(bind: sa.Connection) -> tuple[int, str]:
    """Chain the existing entries in the order they were written (by id)."""
    columns = "id, at, user_id, username, council_id, action, record_type, record_id, detail"
    seq, head, last_id = 0, GENESIS, 0
    while True:
        rows = bind.execute(sa.text(
            f"SELECT {columns} FROM audit_log WHERE id > :last ORDER BY id LIMIT {BATCH}"),
            {"last": last_id}).mappings().all()
        if not rows:
            return seq, head
        updates = []
        for row in rows:
            seq += 1
            entry = {**row, "seq": seq, "at": _moment(row["at"]), "detail": row["detail"] or ""}
            entry_hash = link(head, entry)
            updates.append({"id": row["id"], "seq": seq, "prev": head, "hash": entry_hash})
            head, last_id = entry_hash, row["id"]
        bind.execute(sa.text("UPDATE audit_log SET seq = :seq, prev_hash = :prev, "
                             "entry_hash = :hash WHERE id = :id"), updates)


def _moment(value: object) -> object:
    """SQLite hands a raw DATETIME column back as text; the chain reads a datetime."""
    from datetime import datetime

    return datetime.fromisoformat(value) if isinstance(value, str) else value


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for trigger in ("insert_only", "no_update", "no_delete"):
            op.execute(f"DROP TRIGGER audit_log_{trigger}")
    else:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    op.drop_table('audit_log_head')
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.drop_index('ix_audit_log_seq')
        for column in ('entry_hash', 'prev_hash', 'seq'):
            batch_op.drop_column(column)
    if sqlite:
        op.execute(SQLITE_UPDATE_TRIGGER)
        op.execute(SQLITE_DELETE_TRIGGER)
    else:
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
