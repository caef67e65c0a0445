"""Which outbox senders are alive, so a dead sender's claims are reconciled at once and a live
one's never are, however long its provider call takes.

Each sender announces itself while it runs, and the announcement dies with its process:
- PostgreSQL: a session-level advisory lock on a key naming the sender, held on a connection of
  its own; the server lets go of it when the process (and so its connection) dies.
- A SQLite file: an exclusive `flock` on `<database>.senders/<sender>.alive`; the OS lets go
  of it when the process dies.
- In-memory SQLite lives in one process: a set of the senders running in it.

A sender is dead when its announcement can be taken by someone else. Each class here is a
`Presence` (bot/outbox.py).
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.pool import NullPool

from store.singleton import advisory_key
from store.writer_lock import WriterLock


class PostgresPresence:
    def __init__(self, engine: Engine, sender: str) -> None:
        self.sender = sender
        self._engine = create_engine(engine.url, poolclass=NullPool)
        self._connection: Connection | None = None
        self._schema: str | None = None

    def _key(self, connection: Connection, sender: str) -> int:
        if self._schema is None:
            self._schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
        return advisory_key(f"{self._schema}.outbox-sender.{sender}")

    def announce(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT 1"))
                self._connection.commit()
                return
            except Exception:  # the connection died, and the lock with it: take it again
                self.withdraw()
        connection = self._engine.connect()
        try:
            connection.execute(text("SELECT pg_advisory_lock(CAST(:key AS bigint))"),
                               {"key": self._key(connection, self.sender)})
            connection.commit()  # a session lock outlives the transaction
        except BaseException:
            connection.close()
            raise
        self._connection = connection

    def is_alive(self, sender: str) -> bool:
        if sender == self.sender:
            return True
        with self._engine.connect() as connection:
            key = self._key(connection, sender)
            free = connection.execute(text("SELECT pg_try_advisory_lock(CAST(:key AS bigint))"),
                                      {"key": key}).scalar_one()
            if free:
                connection.execute(text("SELECT pg_advisory_unlock(CAST(:key AS bigint))"),
                                   {"key": key})
            connection.commit()
        return not free

    def withdraw(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # a broken connection has let go already
                connection.close()

    def close(self) -> None:
        self.withdraw()
        self._engine.dispose()


class FilePresence:
    def __init__(self, folder: Path, sender: str) -> None:
        self.folder = folder
        self.sender = sender
        self._held: IO[bytes] | None = None

    def _lock(self, sender: str) -> WriterLock:
        return WriterLock(str(self.folder / f"{sender}.alive"))

    def announce(self) -> None:
        if self._held is None:
            self.folder.mkdir(exist_ok=True)
            self._held = self._lock(self.sender).acquire()

    def is_alive(self, sender: str) -> bool:
        if sender == self.sender:
            return True
        if not (self.folder / f"{sender}.alive").exists():
            return False
        held = self._lock(sender).try_acquire()
        if held is None:
            return True
        with contextlib.suppress(OSError):  # a dead sender's file: tidy it away
            os.unlink(self.folder / f"{sender}.alive")
        held.close()
        return False

    def withdraw(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / f"{self.sender}.alive")
            held.close()

    def close(self) -> None:
        self.withdraw()


class LocalPresence:
    _alive: set[str] = set()
    _guard = threading.Lock()

    def __init__(self, sender: str) -> None:
        self.sender = sender

    def announce(self) -> None:
        with self._guard:
            self._alive.add(self.sender)

    def is_alive(self, sender: str) -> bool:
        with self._guard:
            return sender == self.sender or sender in self._alive

    def withdraw(self) -> None:
        with self._guard:
            self._alive.discard(self.sender)

    def close(self) -> None:
        self.withdraw()


def presence_for(engine: Engine, sender: str) -> PostgresPresence | FilePresence | LocalPresence:
    """How sender `sender` announces itself on the database behind `engine`."""
    if engine.dialect.name == "postgresql":
        return PostgresPresence(engine, sender)
    path = engine.url.database
    if engine.dialect.name == "sqlite" and path and path != ":memory:" and not path.startswith(
            "file:"):
        return FilePresence(Path(f"{path}.senders"), sender)
    return LocalPresence(sender)
