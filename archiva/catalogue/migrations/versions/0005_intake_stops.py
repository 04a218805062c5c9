"""Files that were being read when an intake process stopped (killed, crashed): counted by
their checksum, so a file that stops intake twice is set aside instead of coming back.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_stops",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("stops", sa.Integer, nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("intake_stops")
