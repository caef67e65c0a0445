"""Shared fixtures: migrated SQLite and PostgreSQL databases, and units of work on them.

PostgreSQL tests carry `@pytest.mark.postgres` and use TEST_DATABASE_URL. When no server
answers they skip locally, but fail when CI=true: CI must never pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from store.engine import create_db_engine, make_session_factory
from store.migrate import upgrade
from store.orm import metadata
from store.uow import SqlAlchemyUnitOfWork
from tests.fake_twilio import FakeTwilio

DEFAULT_TEST_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_TEST_DATABASE_URL)


def _postgres_server() -> URL:
    server = make_url(postgres_server_url())
    if server.drivername in ("postgresql", "postgres"):
        server = server.set(drivername="postgresql+psycopg")
    return server


@cache
def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used (None when it answers); asked once per test run."""
    url = _postgres_server()
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # any failure to connect means "no server" here
        return f"PostgreSQL at {url.render_as_string()} does not answer: {type(error).__name__}"
    finally:
        engine.dispose()
    return None


def require_postgres() -> None:
    """Skip (locally) or fail (CI=true) when the PostgreSQL server does not answer."""
    reason = postgres_unavailable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true, so PostgreSQL tests must run, not skip", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") is not None:
        require_postgres()


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> str:
    """A SQLite file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'fieldbot.db'}"


@contextmanager
def postgres_schema() -> Iterator[str]:
    """An empty schema of its own in the test PostgreSQL, dropped afterwards."""
    require_postgres()
    server = _postgres_server()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = server.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def empty_postgres_url() -> Iterator[str]:
    """An empty schema of its own in the test PostgreSQL, dropped afterwards."""
    with postgres_schema() as url:
        yield url


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test run, copied for every test that needs one."""
    template = tmp_path_factory.mktemp("template") / "fieldbot.db"
    upgrade(f"sqlite:///{template}")
    return template


@pytest.fixture
def sqlite_url(_migrated_sqlite: Path, tmp_path: Path) -> str:
    """A fresh SQLite file, migrated to the newest schema."""
    database = tmp_path / "fieldbot.db"
    shutil.copyfile(_migrated_sqlite, database)
    return f"sqlite:///{database}"


@pytest.fixture(scope="session")
def _migrated_postgres() -> Iterator[tuple[str, Engine]]:
    """One schema per test run, migrated once; tests empty it instead of migrating again."""
    with postgres_schema() as url:
        upgrade(url)
        engine = create_engine(url)
        try:
            yield url, engine
        finally:
            engine.dispose()


@pytest.fixture
def postgres_url(_migrated_postgres: tuple[str, Engine]) -> str:
    """A migrated PostgreSQL schema with every table emptied and ids restarted."""
    url, engine = _migrated_postgres
    tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with engine.begin() as connection:
        # A test that left a transaction open should fail this one loudly, not hang it.
        connection.execute(text("SET LOCAL lock_timeout = '10s'"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return url


BOTH = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BOTH)
def empty_database_url(request: pytest.FixtureRequest) -> str:
    """An empty database, once on SQLite and once on PostgreSQL."""
    return str(request.getfixturevalue(f"empty_{request.param}_url"))


@pytest.fixture(params=BOTH)
def database_url(request: pytest.FixtureRequest) -> str:
    """A migrated database: each test using it runs on SQLite and on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def uow_factory(database_url: str) -> Iterator[Callable[[], SqlAlchemyUnitOfWork]]:
    """Fresh units of work on the migrated database of `database_url`."""
    engine = create_db_engine(database_url)
    session_factory = make_session_factory(engine)
    yield lambda: SqlAlchemyUnitOfWork(session_factory)
    engine.dispose()


@pytest.fixture(scope="module", params=BOTH)
def module_database_url(request: pytest.FixtureRequest,
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Like `database_url`, but one migrated database per test module, for expensive set-ups."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'fieldbot.db'}"
        upgrade(url)
        yield url
    else:
        with postgres_schema() as url:
            upgrade(url)
            yield url


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    """The fake Twilio REST API on loopback (tests/fake_twilio.py)."""
    with FakeTwilio().running() as fake:
        yield fake
