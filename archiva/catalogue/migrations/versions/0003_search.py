"""Archive search: document texts, the index outbox, and when a letter was closed.

Records already in the catalogue are not queued: a home without an index gets its index built
from the whole catalogue (archiva.search.index), which covers them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "texts",
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), primary_key=True),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("source", sa.String(16), nullable=False),
    )
    op.create_table(
        "index_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_index_outbox_record_id", "index_outbox", ["record_id"])
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("closed_on", sa.Date))


def downgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("closed_on")
    op.drop_table("index_outbox")
    op.drop_table("texts")
