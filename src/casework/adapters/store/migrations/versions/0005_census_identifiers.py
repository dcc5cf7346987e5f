"""What a children in need census return holds beyond sex and ethnicity, so an imported
return exports element for element: the child's other identifiers (UPN, FormerUPN,
UPNunknown, ExpectedPersonBirthDate, GenderCurrent, PersonDeathDate) and every disability
code, and the first day a case's record shows (a census shows its year only).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 18:00:00

Plain ALTER TABLE on both databases: batch mode would rebuild `cases` on SQLite, which the
foreign keys of its children, people and events refuse; SQLite drops a column in place
since 3.35.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('children', sa.Column('identifiers', sa.JSON(), nullable=True))
    op.add_column('children', sa.Column('disabilities', sa.JSON(), nullable=True))
    op.add_column('cases', sa.Column('complete_from', sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column('cases', 'complete_from')
    op.drop_column('children', 'disabilities')
    op.drop_column('children', 'identifiers')
