"""One writer at a time on a SQLite file, across every process and thread that writes to it.

SQLite has a single writer. Writers that find it busy sleep in SQLite's busy handler in growing
steps, which under load turns into latency spikes of a second and "database is locked" errors.
A lock file beside the database queues them instead: waiting on it wakes the moment it is free,
and the OS releases it if the holder dies. PostgreSQL needs none of this (row locks).
"""

from __future__ import annotations

import fcntl
from typing import IO

from sqlalchemy import Engine


class WriterLock:
    """An exclusive lock on `<database>.lane`; each hold opens its own file description, so holds
    from threads of one process exclude each other as well as holds from other processes."""

    def __init__(self, path: str) -> None:
        self.path = path

    def try_acquire(self) -> IO[bytes] | None:
        """The held lock (close it to release) if it is free now, else None, without waiting."""
        file = open(self.path, "ab")  # noqa: SIM115 - closed by the holder, which releases the lock
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return None
        return file

    def acquire(self) -> IO[bytes]:
        """The held lock (close it to release), waiting as long as another writer holds it."""
        file = open(self.path, "ab")  # noqa: SIM115 - as above
        try:
            fcntl.flock(file, fcntl.LOCK_EX)
        except BaseException:
            file.close()
            raise
        return file


def writer_lock_for(engine: Engine) -> WriterLock | None:
    """The lock for a SQLite file; None for PostgreSQL and for in-memory SQLite (one process)."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return WriterLock(f"{path}.lane")
