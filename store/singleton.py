"""Work that must run in one process at a time (the outbox sender, the scheduler): a lease.

- PostgreSQL: a session-level advisory lock, `pg_try_advisory_lock(<key>)`, taken on a
  connection of its own and held for as long as this process runs the work. It is released on
  shutdown, or by the server when the process dies, since its connection dies with it.
- A SQLite file: an exclusive `flock` on `<database>.<work>.singleton` beside it, held by the
  process running the work; the OS releases it when that process dies (like store/writer_lock.py).
- In-memory SQLite lives in one process: a lock shared by the leases on that engine.

A process that does not get the lease asks again every few seconds (api/background.py), so when
the holder stops or dies another one takes over.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import weakref
from typing import IO, Protocol

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.pool import NullPool

from store.writer_lock import WriterLock

# The advisory lock's key names the work and the schema: one deployment per schema, and two
# deployments (or two test runs) in one database never keep each other from their work.
_KEY_PREFIX = "fieldbot.singleton"


class Lease(Protocol):
    """The right to run one piece of singleton work, held by at most one process at a time."""

    def try_acquire(self) -> bool:
        """Take the lease if nobody holds it, without waiting; True if this process holds it."""
        ...

    def held(self) -> bool:
        """Whether this process still holds it (a connection that died has lost it)."""
        ...

    def release(self) -> None: ...


class PostgresLease:
    """`pg_try_advisory_lock` on a connection of this lease's own, outside the engine's pool."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.name = name
        self._engine = create_engine(engine.url, poolclass=NullPool)
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return True
        connection = self._engine.connect()
        try:
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
            got = connection.execute(text("SELECT pg_try_advisory_lock(CAST(:key AS bigint))"),
                                     {"key": advisory_key(f"{schema}.{self.name}")}).scalar_one()
            connection.commit()  # a session lock outlives the transaction; idle, not in one
        except BaseException:
            connection.close()
            raise
        if not got:
            connection.close()
            return False
        self._connection = connection
        return True

    def held(self) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
        except Exception:  # the connection died, and the server let go of the lock with it
            self.release()
            return False
        return True

    def release(self) -> None:
        """Close the lease's connection: the server ends its session, and the lock with it."""
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # a broken connection has let go already
                connection.close()


class FileLease:
    """An exclusive, non-blocking flock on a file beside the SQLite database."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = WriterLock(path)
        self._held: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        if self._held is None:
            self._held = self._lock.try_acquire()
        return self._held is not None

    def held(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.close()


class LocalLease:
    """For in-memory SQLite (one process): a lock shared by every lease of that work on that engine."""

    _locks: weakref.WeakKeyDictionary[Engine, dict[str, threading.Lock]] = (
        weakref.WeakKeyDictionary())
    _guard = threading.Lock()

    def __init__(self, engine: Engine, name: str) -> None:
        with self._guard:
            self._lock = self._locks.setdefault(engine, {}).setdefault(name, threading.Lock())
        self._held = False

    def try_acquire(self) -> bool:
        if not self._held:
            self._held = self._lock.acquire(blocking=False)
        return self._held

    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        if self._held:
            self._held = False
            self._lock.release()


def lease_for(engine: Engine, name: str) -> Lease:
    """The lease on work `name` for the database behind `engine`."""
    if engine.dialect.name == "postgresql":
        return PostgresLease(engine, name)
    path = engine.url.database
    if engine.dialect.name == "sqlite" and path and path != ":memory:" and not path.startswith(
            "file:"):
        return FileLease(f"{path}.{name}.singleton")
    return LocalLease(engine, name)


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for `name`, as pg_try_advisory_lock(bigint) takes it."""
    digest = hashlib.blake2b(f"{_KEY_PREFIX}:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
