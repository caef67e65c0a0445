"""Engines for SQLite (a file, for development and the demo) and PostgreSQL (production)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

SQLITE_BUSY_TIMEOUT_MS = 5000
# Bound values are texts, phone numbers and addresses: never in SQL logs or error messages.
HIDE_PARAMETERS = True


def create_db_engine(url: str) -> Engine:
    """An engine for `url`: SQLite with WAL, foreign keys and a busy timeout, or PostgreSQL via psycopg."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, in_memory=parsed.database in (None, "", ":memory:"))
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, hide_parameters=HIDE_PARAMETERS)


def _sqlite_engine(url: str, *, in_memory: bool) -> Engine:
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False},
                               "hide_parameters": HIDE_PARAMETERS}
    if in_memory:
        options["poolclass"] = StaticPool  # one shared connection, or each would see its own db
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA mmap_size=268435456")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (the domain reads them afterwards)."""
    from store.orm import start_mappers

    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
