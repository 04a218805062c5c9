"""Fingerprints of generated documents: the same data (or the same person certified for the
same activity) is found again before a second document is made from it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(64)))
    op.create_index("ix_records_fingerprint", "records", ["fingerprint"])


def downgrade() -> None:
    op.drop_index("ix_records_fingerprint", "records")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("fingerprint")
