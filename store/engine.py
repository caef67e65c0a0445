"""Engines for SQLite (a file, for development and the demo) and PostgreSQL (production)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

# Bound values are texts, phone numbers and addresses: never in SQL logs or error messages.
HIDE_PARAMETERS = True

@dataclass(frozen=True)
class Waits:
    """How long a database call may wait before it gives up with an error, so that a stalled
    database makes a webhook fail (and Twilio retry) instead of hanging past Twilio's 15 s.
    A statement or lock timeout of 0 means no limit."""

    connect_s: int = 3  # PostgreSQL connect_timeout (libpq treats 1 as 2)
    statement_ms: int = 5000  # PostgreSQL statement_timeout
    lock_ms: int = 3000  # PostgreSQL lock_timeout: a row or table lock held by someone else
    pool_s: float = 5.0  # waiting for a free connection of the pool
    sqlite_busy_ms: int = 3000  # SQLite's busy handler, for writers outside the writer's lock


# Migrations may build an index over millions of rows: no statement limit (lock waits stay bounded).
MIGRATION_WAITS = replace(Waits(), statement_ms=0)


def create_db_engine(url: str, *, waits: Waits | None = None) -> Engine:
    """An engine for `url`: SQLite with WAL, foreign keys and a busy timeout, or PostgreSQL via
    psycopg; every wait bounded by `waits` (the defaults unless given)."""
    waits = waits or Waits()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, in_memory=parsed.database in (None, "", ":memory:"),
                              busy_timeout_ms=waits.sqlite_busy_ms)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_timeout=waits.pool_s,
                         connect_args=_postgres_connect_args(parsed, waits),
                         hide_parameters=HIDE_PARAMETERS)


def _postgres_connect_args(url: URL, waits: Waits) -> dict[str, Any]:
    """connect_timeout, the statement and lock timeouts, and no JIT, as server options sent
    with the connection (no extra round trip); what the URL itself says wins."""
    # JIT compiles a statement whose estimated cost passes jit_above_cost: the due pass's reads
    # (a NOT EXISTS per row) pass it while running in tens of milliseconds, and compiling took
    # longer than running (150-270 ms more for the waiting quotes, every minute).
    settings = (f"-c statement_timeout={waits.statement_ms} -c lock_timeout={waits.lock_ms} "
                "-c jit=off")
    given = url.query.get("options")
    given_options = given if isinstance(given, str) else " ".join(given or ())
    # connect_args replace the URL's own `options`, so the URL's are carried over, after ours.
    connect_args: dict[str, Any] = {"options": f"{settings} {given_options}".strip()}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = waits.connect_s
    return connect_args


def _sqlite_engine(url: str, *, in_memory: bool, busy_timeout_ms: int) -> Engine:
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
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        finally:
            cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (the domain reads them afterwards)."""
    from store.orm import start_mappers

    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
