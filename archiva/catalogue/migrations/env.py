"""Alembic environment: Archiva always passes an open connection (see catalogue.store)."""

from alembic import context

from archiva.catalogue.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
