"""Shared fixtures: an initialised archive home on SQLite or on the local PostgreSQL server.

PostgreSQL tests use the server at 127.0.0.1:5432 (user postgres, trust auth). Each test gets a
fresh database. When CI=true an unreachable server fails the tests instead of skipping them."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from archiva.config import Settings
from archiva.service import Archiva, init_home

PG_SERVER = os.environ.get("ARCHIVA_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def _pg_admin():  # type: ignore[no-untyped-def]
    return create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")


def _require_postgres() -> None:
    try:
        with _pg_admin().connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        message = f"PostgreSQL at {PG_SERVER} is unreachable: {exc.orig}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    _require_postgres()
    name = f"archiva_test_{secrets.token_hex(6)}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archiva.db'}"
    return request.getfixturevalue("postgres_url")


def make_home(root: Path, database_url: str | None = None) -> Settings:
    settings = Settings(home=root, database_url=database_url or f"sqlite:///{root / 'archiva.db'}",
                        user="tester")
    init_home(settings)
    return settings


@pytest.fixture
def home(tmp_path: Path) -> Settings:
    """An initialised demo home on SQLite."""
    return make_home(tmp_path / "home")


@pytest.fixture
def any_home(tmp_path: Path, database_url: str) -> Settings:
    """An initialised demo home, once on SQLite and once on PostgreSQL."""
    return make_home(tmp_path / "home", database_url)


@pytest.fixture
def app(home: Settings) -> Iterator[Archiva]:
    with Archiva.open(home) as a:
        yield a


@pytest.fixture
def any_app(any_home: Settings) -> Iterator[Archiva]:
    with Archiva.open(any_home) as a:
        yield a


def child_env(settings: Settings) -> dict[str, str]:
    """Environment for a child process (CLI or worker) pointed at this home."""
    env = dict(os.environ)
    env.update({"ARCHIVA_HOME": str(settings.home), "ARCHIVA_DATABASE_URL":
                settings.database_url, "ARCHIVA_USER": settings.user,
                "PYTHONPATH": str(REPO)})
    return env
