"""Each case's version and who last changed it, for the optimistic check on writes; and the
instance's shared settings (the web session signing key when none is configured).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 20:00:00

A writer sends the version it saw; a change made meanwhile is refused with who made it and
when (`service.cases.load_case_row`). Plain ALTER TABLE, as 0004 and 0007.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('cases', sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.add_column('cases', sa.Column('changed_by', sa.String(length=120), server_default='',
                                     nullable=False))
    op.add_column('cases', sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'instance_settings',
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_instance_settings')),
    )


def downgrade() -> None:
    op.drop_table('instance_settings')
    op.drop_column('cases', 'changed_at')
    op.drop_column('cases', 'changed_by')
    op.drop_column('cases', 'version')
