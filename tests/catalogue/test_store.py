"""The catalogue schema: migrations, the fast revision check, and error translation."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from archiva.catalogue.schema import metadata
from archiva.catalogue.store import HEAD_REVISION, MIGRATIONS, Catalogue
from archiva.errors import CatalogueError


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION


def test_migrations_create_exactly_the_declared_schema(database_url: str) -> None:
    cat = Catalogue(database_url)
    cat.ensure_schema()
    assert cat.schema_revision() == HEAD_REVISION
    with cat.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    cat.close()
    assert diff == []


def test_ensure_schema_is_idempotent(database_url: str) -> None:
    cat = Catalogue(database_url)
    cat.ensure_schema()
    cat.ensure_schema()
    assert cat.schema_revision() == HEAD_REVISION
    cat.close()


def test_unreachable_database_is_a_clear_error() -> None:
    cat = Catalogue("postgresql+psycopg://postgres@127.0.0.1:1/nowhere")
    with pytest.raises(CatalogueError) as info:
        cat.ensure_schema()
    assert "cannot be used" in info.value.message
    assert "ARCHIVA_DATABASE_URL" in info.value.hint
