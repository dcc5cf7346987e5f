"""A child's sex and ethnicity (the CIN census's codes), so the store keeps what a
chronology file holds.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 09:00:00

Only the children table changes. On SQLite, batch mode adds the nullable columns with a
plain ALTER TABLE; the downgrade rebuilds `children` alone, so the decisions' FTS table
and triggers (0002) and the audit log's triggers (0001) are left as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sex', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('ethnicity', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_column('ethnicity')
        batch_op.drop_column('sex')
