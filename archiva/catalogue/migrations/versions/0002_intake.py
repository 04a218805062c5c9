"""Letter intake: incoming letters and the quarantine.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letters",
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), primary_key=True),
        sa.Column("original_name", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_date", sa.Date),
        sa.Column("progress", sa.String(16), nullable=False),
        sa.Column("letter_type", sa.String(64), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("sender", sa.Text, nullable=False, server_default=""),
        sa.Column("their_number", sa.Text, nullable=False, server_default=""),
        sa.Column("letter_date", sa.Date),
        sa.Column("subject", sa.Text, nullable=False, server_default=""),
        sa.Column("addressee", sa.Text, nullable=False, server_default=""),
        sa.Column("attachments", sa.Text, nullable=False, server_default=""),
        sa.Column("signer", sa.Text, nullable=False, server_default=""),
        sa.Column("signer_nip", sa.String(32), nullable=False, server_default=""),
        sa.Column("review", sa.Text, nullable=False, server_default="[]"),
        sa.Column("answered_by", sa.Integer, sa.ForeignKey("records.id")),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("sha256", sa.String(64), unique=True),
    )
    op.create_index("ix_letters_progress", "letters", ["progress"])
    op.create_index("ix_letters_type", "letters", ["letter_type"])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64)),
        sa.Column("original_name", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("records.id")),
        sa.Column("released_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_quarantine_sha256", "quarantine", ["sha256"])


def downgrade() -> None:
    op.drop_table("quarantine")
    op.drop_table("letters")
