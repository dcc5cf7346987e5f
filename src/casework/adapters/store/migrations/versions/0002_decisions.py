"""Ombudsman decisions and their payments, with full-text search on both databases.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:00:00

SQLite: an FTS5 table over `decisions` (external content, so the text is stored once),
kept in step by triggers; the porter tokenizer matches "delays" to "delay" as
PostgreSQL's English configuration does. PostgreSQL: a generated tsvector column (the
reference and organisation weigh most, then the summary, then the statement) with a GIN
index. See adapters/store/decision_schema.py for why the models do not describe these.
"""

# ruff: noqa: E501
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_FTS_COLUMNS = "reference, organisation, summary, body"
SQLITE_SEARCH = [
    f"""CREATE VIRTUAL TABLE decisions_fts USING fts5({_FTS_COLUMNS}, content='decisions',
        content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER decisions_fts_insert AFTER INSERT ON decisions BEGIN
        INSERT INTO decisions_fts(rowid, {_FTS_COLUMNS})
        VALUES (new.id, new.reference, new.organisation, new.summary, new.body); END""",
    f"""CREATE TRIGGER decisions_fts_delete AFTER DELETE ON decisions BEGIN
        INSERT INTO decisions_fts(decisions_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, old.reference, old.organisation, old.summary, old.body); END""",
    f"""CREATE TRIGGER decisions_fts_update AFTER UPDATE ON decisions BEGIN
        INSERT INTO decisions_fts(decisions_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, old.reference, old.organisation, old.summary, old.body);
        INSERT INTO decisions_fts(rowid, {_FTS_COLUMNS})
        VALUES (new.id, new.reference, new.organisation, new.summary, new.body); END""",
]
POSTGRES_SEARCH = [
    """ALTER TABLE decisions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig,
                              coalesce(reference, '') || ' ' || coalesce(organisation, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'D')) STORED""",
    "CREATE INDEX ix_decisions_search_vector ON decisions USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=True),
    sa.Column('category', sa.String(length=200), nullable=True),
    sa.Column('subcategory', sa.String(length=200), nullable=True),
    sa.Column('outcome', sa.String(length=80), nullable=True),
    sa.Column('decided', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('complainant', sa.String(length=120), nullable=True),
    sa.Column('fault_found', sa.Boolean(), nullable=True),
    sa.Column('shared_with_ofsted', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('reference', name=op.f('uq_decisions_reference'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_organisation'), ['organisation'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_subcategory'), ['subcategory'], unique=False)
        batch_op.create_index(batch_op.f('ix_decisions_year'), ['year'], unique=False)

    op.create_table('decision_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payee', sa.String(length=200), nullable=True),
    sa.Column('per_child', sa.Boolean(), nullable=False),
    sa.Column('children', sa.Integer(), nullable=True),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_decision_payments_decision_id_decisions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_payments'))
    )
    with op.batch_alter_table('decision_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_payments_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_payments_purpose'), ['purpose'], unique=False)

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS decisions_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS decisions_fts")
    with op.batch_alter_table('decision_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_payments_purpose'))
        batch_op.drop_index(batch_op.f('ix_decision_payments_decision_id'))
    op.drop_table('decision_payments')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_year'))
        batch_op.drop_index(batch_op.f('ix_decisions_subcategory'))
        batch_op.drop_index(batch_op.f('ix_decisions_outcome'))
        batch_op.drop_index(batch_op.f('ix_decisions_organisation'))
    op.drop_table('decisions')
