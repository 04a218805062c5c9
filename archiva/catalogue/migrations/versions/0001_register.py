"""The reference register: counters, records, files, events.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("last_date", sa.Date, nullable=True),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("series", sa.String(64)),
        sa.Column("counter", sa.String(64)),
        sa.Column("year", sa.Integer),
        sa.Column("seq", sa.Integer),
        sa.Column("suffix", sa.String(8), nullable=False, server_default=""),
        sa.Column("number", sa.String(255), nullable=False),
        sa.Column("number_key", sa.String(255), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("classification", sa.String(64), nullable=False, server_default=""),
        sa.Column("doc_date", sa.Date),
        sa.Column("subject", sa.Text, nullable=False, server_default=""),
        sa.Column("parties", sa.Text, nullable=False, server_default="[]"),
        sa.Column("details", sa.Text, nullable=False, server_default="{}"),
        sa.Column("verification_code", sa.String(64), unique=True),
        sa.Column("owner", sa.String(255)),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voided_by", sa.String(128)),
        sa.Column("voided_at", sa.DateTime(timezone=True)),
        sa.Column("void_reason", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("counter", "year", "seq", "suffix", name="uq_records_counter_seq"),
    )
    op.create_index("ix_records_status", "records", ["status"])
    op.create_index("ix_records_series_year", "records", ["series", "year"])
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_files_record_id", "files", ["record_id"])
    op.create_index("ix_files_sha256", "files", ["sha256"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id")),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_events_record_id", "events", ["record_id"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("files")
    op.drop_table("records")
    op.drop_table("counters")
