"""The complaints register: each complaint's complainant and the day it was received, kept
on the complaint row so the register searches and sorts them in SQL; and the indexes the
registers' filters use.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 20:00:00

Existing complaints are filled in from their `complaint_received` events (read through the
JSON type, so the same code runs on SQLite and PostgreSQL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('complaints', sa.Column('complainant', sa.String(length=200), server_default='',
                                          nullable=False))
    op.add_column('complaints', sa.Column('received_on', sa.Date(), nullable=True))
    op.create_index('ix_complaints_state', 'complaints', ['state'], unique=False)
    op.create_index('ix_agreed_actions_due_on', 'agreed_actions', ['due_on'], unique=False)
    op.create_index('ix_audit_log_council_user', 'audit_log', ['council_id', 'username'], unique=False)
    op.create_index('ix_audit_log_council_record', 'audit_log', ['council_id', 'record_id'], unique=False)
    _fill_in()


def _fill_in() -> None:
    events = sa.table('events', sa.column('case_id', sa.Integer), sa.column('type', sa.String),
                      sa.column('complaint_ref', sa.String), sa.column('earliest', sa.Date),
                      sa.column('details', sa.JSON))
    complaints = sa.table('complaints', sa.column('case_id', sa.Integer), sa.column('ref', sa.String),
                          sa.column('complainant', sa.String), sa.column('received_on', sa.Date))
    bind = op.get_bind()
    received = bind.execute(sa.select(events.c.case_id, events.c.complaint_ref, events.c.earliest,
                                      events.c.details).where(events.c.type == 'complaint_received'))
    for case_id, ref, earliest, details in received:
        name = str((details or {}).get('complainant', '') or '')[:200]
        bind.execute(complaints.update().where(complaints.c.case_id == case_id, complaints.c.ref == ref)
                     .values(complainant=name, received_on=earliest))


def downgrade() -> None:
    op.drop_index('ix_audit_log_council_record', table_name='audit_log')
    op.drop_index('ix_audit_log_council_user', table_name='audit_log')
    op.drop_index('ix_agreed_actions_due_on', table_name='agreed_actions')
    op.drop_index('ix_complaints_state', table_name='complaints')
    op.drop_column('complaints', 'received_on')
    op.drop_column('complaints', 'complainant')
