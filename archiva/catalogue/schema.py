"""Catalogue tables, one definition for SQLite and PostgreSQL (migrations create them)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

counters = Table(
    "counters",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
    Column("last_date", Date, nullable=True),
)

records = Table(
    "records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("series", String(64)),
    Column("counter", String(64)),
    Column("year", Integer),
    Column("seq", Integer),
    Column("suffix", String(8), nullable=False, server_default=""),
    Column("number", String(255), nullable=False),
    Column("number_key", String(255), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("classification", String(64), nullable=False, server_default=""),
    Column("doc_date", Date),
    Column("subject", Text, nullable=False, server_default=""),
    Column("parties", Text, nullable=False, server_default="[]"),
    Column("details", Text, nullable=False, server_default="{}"),
    Column("verification_code", String(64), unique=True),
    Column("owner", String(255)),
    Column("reason", Text, nullable=False, server_default=""),
    Column("created_by", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("voided_by", String(128)),
    Column("voided_at", DateTime(timezone=True)),
    Column("void_reason", Text, nullable=False, server_default=""),
    # What a generated document was made from (its data, or a certificate's person and
    # activity), hashed: the same again is refused unless asked for.
    Column("fingerprint", String(64), index=True),
    UniqueConstraint("counter", "year", "seq", "suffix", name="uq_records_counter_seq"),
    Index("ix_records_status", "status"),
    Index("ix_records_series_year", "series", "year"),
)

files = Table(
    "files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", Integer, ForeignKey("records.id"), nullable=False, index=True),
    Column("role", String(32), nullable=False),
    Column("format", String(16), nullable=False),
    Column("path", Text, nullable=False, unique=True),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", Integer, ForeignKey("records.id"), index=True),
    Column("action", String(32), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("detail", Text, nullable=False, server_default=""),
)

# Incoming letters (surat masuk): one row per letter record, with the details read from it.
letters = Table(
    "letters",
    metadata,
    Column("record_id", Integer, ForeignKey("records.id"), primary_key=True),
    Column("original_name", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("due_date", Date),
    Column("progress", String(16), nullable=False),
    Column("letter_type", String(64), nullable=False),
    Column("method", String(16), nullable=False),
    Column("sender", Text, nullable=False, server_default=""),
    Column("their_number", Text, nullable=False, server_default=""),
    Column("letter_date", Date),
    Column("subject", Text, nullable=False, server_default=""),
    Column("addressee", Text, nullable=False, server_default=""),
    Column("attachments", Text, nullable=False, server_default=""),
    Column("signer", Text, nullable=False, server_default=""),
    Column("signer_nip", String(32), nullable=False, server_default=""),
    Column("review", Text, nullable=False, server_default="[]"),
    Column("answered_by", Integer, ForeignKey("records.id")),
    Column("text", Text, nullable=False, server_default=""),
    # The original's checksum while the letter stands (cleared when its number is voided):
    # unique, so two processes can never register the same letter twice.
    Column("sha256", String(64), unique=True),
    Column("closed_on", Date),  # the day its progress became "selesai" (late answers)
    Index("ix_letters_progress", "progress"),
    Index("ix_letters_type", "letter_type"),
)

# Files set aside by intake; their checksums count for duplicate detection too.
# One row: the search index's catalogue position (archiva.search.integrity).
index_state = Table(
    "index_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("position", Integer, nullable=False),
)

# Files an intake process was reading when it stopped (killed, crashed), by checksum.
intake_stops = Table(
    "intake_stops",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("stops", Integer, nullable=False),
    Column("last_at", DateTime(timezone=True), nullable=False),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), index=True),
    Column("original_name", Text, nullable=False),
    Column("path", Text, nullable=False, unique=True),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False, server_default=""),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("duplicate_of", Integer, ForeignKey("records.id")),
    Column("released_at", DateTime(timezone=True)),
)

# The full text of a generated document (incoming letters keep theirs in letters.text), so the
# search index can be rebuilt from the catalogue alone, without reading archived files.
texts = Table(
    "texts",
    metadata,
    Column("record_id", Integer, ForeignKey("records.id"), primary_key=True),
    Column("body", Text, nullable=False, server_default=""),
    Column("source", String(16), nullable=False),  # rendered | extracted
)

# The search index's outbox: every change of a record queues it here in the same transaction;
# the index writer applies the queued records and then deletes these rows.
index_outbox = Table(
    "index_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_id", Integer, ForeignKey("records.id"), nullable=False, index=True),
    Column("queued_at", DateTime(timezone=True), nullable=False),
    sqlite_autoincrement=True,
)
