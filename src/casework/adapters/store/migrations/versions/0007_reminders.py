"""Reminder emails: each user's address and whether they want reminders, and a record of
every reminder sent or failed (`casework remind`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 18:30:00

Plain ALTER TABLE for the two user columns (as 0004: batch mode would rebuild `users` on
SQLite, which the foreign keys pointing at it refuse).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('users', sa.Column('email', sa.String(length=254), server_default='', nullable=False))
    op.add_column('users', sa.Column('reminders', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_table(
        'reminders_sent',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('items', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminders_sent_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders_sent')),
    )
    op.create_index(op.f('ix_reminders_sent_user_id'), 'reminders_sent', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_reminders_sent_user_id'), table_name='reminders_sent')
    op.drop_table('reminders_sent')
    op.drop_column('users', 'reminders')
    op.drop_column('users', 'email')
