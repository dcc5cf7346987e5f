"""Letters as issued, and each council's name as it writes it in them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 20:50:00

A stored letter is never changed: triggers refuse UPDATE and DELETE on `letters` (SQLite and
PostgreSQL), as on the audit log; a letter issued again is a new row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER letters_no_update BEFORE UPDATE ON letters
       BEGIN SELECT RAISE(ABORT, 'a letter as issued is never changed'); END""",
    """CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
       BEGIN SELECT RAISE(ABORT, 'a letter as issued is never changed'); END""",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION letters_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'a letter as issued is never changed'; END $$""",
    """CREATE TRIGGER letters_unchanged BEFORE UPDATE OR DELETE ON letters
       FOR EACH ROW EXECUTE FUNCTION letters_unchanged()""",
]


def upgrade() -> None:
    op.add_column('councils', sa.Column('display_name', sa.String(length=200), server_default='',
                                        nullable=False))
    op.create_table(
        'letters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('council_id', sa.Integer(), nullable=False),
        sa.Column('case_slug', sa.String(length=120), nullable=False),
        sa.Column('complaint_ref', sa.String(length=40), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('issued_by', sa.String(length=80), nullable=False),
        sa.Column('letter_date', sa.String(length=80), nullable=False),
        sa.Column('own_words', sa.Text(), nullable=False),
        sa.Column('html', sa.Text(), nullable=False),
        sa.Column('anonymised_html', sa.Text(), nullable=False),
        sa.Column('findings', sa.JSON(), nullable=False),
        sa.Column('remedies', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_letters_council_id_councils')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_letters')),
        sa.UniqueConstraint('council_id', 'case_slug', 'complaint_ref', 'kind', 'number',
                            name='uq_letters_number'),
    )
    op.create_index(op.f('ix_letters_council_id'), 'letters', ['council_id'], unique=False)
    for statement in SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS letters_unchanged ON letters")
        op.execute("DROP FUNCTION IF EXISTS letters_unchanged()")
    op.drop_index(op.f('ix_letters_council_id'), table_name='letters')
    op.drop_table('letters')
    op.drop_column('councils', 'display_name')
