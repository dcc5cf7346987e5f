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
    # A plain ALTER TABLE on both databases: batch mode would rebuild `councils` on SQLite,
    # which its foreign keys (cases, users) refuse.
    op.add_column('councils', sa.Column('demo', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('users', sa.Column('demo', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    # SQLite has dropped a column in place since 3.35, so neither table is rebuilt.
    op.drop_column('users', 'demo')
    op.drop_column('councils', 'demo')
