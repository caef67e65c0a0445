"""One writer at a time on a SQLite file, across every process and thread that writes to it.

SQLite has a single writer. Writers that find it busy sleep in SQLite's busy handler in growing
steps, which under load turns into latency spikes of a second and "database is locked" errors.
A lock file beside the database queues them instead: waiting on it wakes the moment it is free,
and the OS releases it if the holder dies. PostgreSQL needs none of this (row locks).

A wait is bounded: flock itself has no timeout, so a contended wait blocks in a thread of its
own, and a caller that gives up leaves it to drop the lock as soon as it gets it (or to the next
caller, which takes that wait over instead of queueing a second one).
"""

from __future__ import annotations

import fcntl
import threading
from typing import IO

from sqlalchemy import Engine

DEFAULT_TIMEOUT_S = 5.0  # below Twilio's 15 s, with room for the transaction itself


class WriterLockTimeout(Exception):
    """Another writer held the lock for longer than this writer would wait."""


class WriterLock:
    """An exclusive lock on `<database>.lane`; each hold opens its own file description, so holds
    from threads of one process exclude each other as well as holds from other processes."""

    def __init__(self, path: str, timeout: float | None = DEFAULT_TIMEOUT_S) -> None:
        """`timeout`: how long `acquire` waits unless told otherwise (None: as long as it takes)."""
        self.path = path
        self.timeout = timeout
        self._guard = threading.Lock()
        self._abandoned: _Wait | None = None  # a wait whose caller gave up, still queued

    def try_acquire(self) -> IO[bytes] | None:
        """The held lock (close it to release) if it is free now, else None, without waiting."""
        file = open(self.path, "ab")  # noqa: SIM115 - closed by the holder, which releases the lock
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return None
        return file

    def acquire(self, timeout: float | None = None) -> IO[bytes]:
        """The held lock (close it to release), waiting while another writer holds it: at most
        `timeout` seconds (this lock's own timeout when not given), then WriterLockTimeout."""
        limit = timeout if timeout is not None else self.timeout
        held = self.try_acquire()
        if held is not None:
            return held
        if limit is None:
            return self._acquire_blocking()
        wait = self._take_over_abandoned() or _Wait(self.path)
        held = wait.result(limit)
        if held is not None:
            return held
        wait.give_up()
        with self._guard:
            if self._abandoned is None:
                self._abandoned = wait  # the next caller takes it over: one waiting thread, not many
        raise WriterLockTimeout(f"another writer held {self.path} for over {limit:g} s")

    def _acquire_blocking(self) -> IO[bytes]:
        file = open(self.path, "ab")  # noqa: SIM115 - as above
        try:
            fcntl.flock(file, fcntl.LOCK_EX)
        except BaseException:
            file.close()
            raise
        return file

    def _take_over_abandoned(self) -> _Wait | None:
        with self._guard:
            wait, self._abandoned = self._abandoned, None
        return wait if wait is not None and wait.take_over() else None


class _Wait:
    """A blocking flock in a daemon thread; whoever waits on it gets the lock, and when nobody
    does any more, the thread releases the lock the moment it gets it."""

    def __init__(self, path: str) -> None:
        self._file = open(path, "ab")  # noqa: SIM115 - handed to the caller or closed by the thread
        self._guard = threading.Lock()
        self._got = threading.Event()
        self._wanted = True
        self._handed_over = False
        threading.Thread(target=self._wait, name="writer-lock-wait", daemon=True).start()

    def _wait(self) -> None:
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX)
            locked = True
        except OSError:  # result() then finds the file closed: the caller gets a timeout
            locked = False
        with self._guard:
            if not locked or not self._wanted:
                self._file.close()
            self._got.set()

    def result(self, timeout: float) -> IO[bytes] | None:
        """The held lock if the wait got it within `timeout` s, else None (still waiting)."""
        self._got.wait(timeout)
        with self._guard:
            if self._got.is_set() and self._wanted and not self._file.closed:
                self._handed_over = True
                return self._file
            return None

    def take_over(self) -> bool:
        """Wait on for a new caller; False when this wait is over (it had the lock and dropped it)."""
        with self._guard:
            if self._got.is_set():  # it got the lock while nobody wanted it, and let it go
                return False
            self._wanted = True
            return True

    def give_up(self) -> None:
        """Nobody waits on this any more: release the lock as soon as it is got."""
        with self._guard:
            self._wanted = False
            if self._got.is_set() and not self._handed_over:
                self._file.close()


def writer_lock_for(engine: Engine, *, timeout: float | None = DEFAULT_TIMEOUT_S) -> WriterLock | None:
    """The lock for a SQLite file; None for PostgreSQL and for in-memory SQLite (one process)."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return WriterLock(f"{path}.lane", timeout)
