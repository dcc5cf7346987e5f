"""Demo councils and demo users are marked as such.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 17:00:00

Demo data is loaded only into a database whose every case belongs to a demo council, and a
demo user (published password) signs in only while that stays true (`service.demo`).
Existing rows are not demo rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: SQLite's batch mode would rebuild `councils`, which
    # other tables' foreign keys refer to.
    for table in ('councils', 'users'):
        op.add_column(table, sa.Column('demo', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('demo')
    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.drop_column('demo')
