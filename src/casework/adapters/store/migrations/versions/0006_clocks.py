"""The clocks table: each case's clocks as its audit judges them, kept with every change.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 17:00:00

A new table with its indexes, and indexes for a council's cases by team and by worker (the
"what is due" filters). Existing cases get their rows from `casework clocks rebuild`
(`casework db upgrade` runs it for every case that has none).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'clocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('council_id', sa.Integer(), nullable=False),
        sa.Column('rule_id', sa.String(length=80), nullable=False),
        sa.Column('rule_version', sa.String(length=20), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('citation', sa.Text(), nullable=False),
        sa.Column('must', sa.Text(), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('children', sa.JSON(), nullable=False),
        sa.Column('complaint', sa.String(length=80), nullable=True),
        sa.Column('trigger_id', sa.String(length=80), nullable=True),
        sa.Column('outcome_id', sa.String(length=80), nullable=True),
        sa.Column('due_earliest', sa.Date(), nullable=True),
        sa.Column('due_latest', sa.Date(), nullable=True),
        sa.Column('certainty', sa.String(length=10), nullable=True),
        sa.Column('lapses_as', sa.String(length=20), nullable=False),
        sa.Column('alternative_until', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_clocks_case_id_cases')),
        sa.ForeignKeyConstraint(['council_id'], ['councils.id'],
                                name=op.f('fk_clocks_council_id_councils')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clocks')),
    )
    op.create_index(op.f('ix_clocks_case_id'), 'clocks', ['case_id'], unique=False)
    op.create_index('ix_clocks_open_by_due', 'clocks', ['council_id', 'state', 'due_earliest'])
    op.create_index('ix_clocks_council_rule', 'clocks', ['council_id', 'rule_id', 'state'])
    op.create_index('ix_cases_council_team', 'cases', ['council_id', 'team'])
    op.create_index('ix_cases_council_worker', 'cases', ['council_id', 'worker'])


def downgrade() -> None:
    op.drop_index('ix_cases_council_worker', table_name='cases')
    op.drop_index('ix_cases_council_team', table_name='cases')
    op.drop_index('ix_clocks_council_rule', table_name='clocks')
    op.drop_index('ix_clocks_open_by_due', table_name='clocks')
    op.drop_index(op.f('ix_clocks_case_id'), table_name='clocks')
    op.drop_table('clocks')
