"""Sign-in fit for social care: each token's last use (for the idle timeout) and the failed
sign-ins the throttle counts, per account and per address.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 20:10:00

Plain ALTER TABLE for the token column (as 0004: batch mode is not needed), filled from when
each token was issued.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a NOT NULL column only with a default; every row is then set from its issue time.
    op.add_column('auth_tokens', sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False,
                                           server_default='1970-01-01 00:00:00'))
    op.execute("UPDATE auth_tokens SET last_seen_at = created_at")
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column('auth_tokens', 'last_seen_at', server_default=None)
    op.create_table(
        'sign_in_failures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failures')),
    )
    op.create_index('ix_sign_in_failures_key', 'sign_in_failures', ['kind', 'key', 'at'])
    op.create_index(op.f('ix_sign_in_failures_at'), 'sign_in_failures', ['at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_sign_in_failures_at'), table_name='sign_in_failures')
    op.drop_index('ix_sign_in_failures_key', table_name='sign_in_failures')
    op.drop_table('sign_in_failures')
    op.drop_column('auth_tokens', 'last_seen_at')
