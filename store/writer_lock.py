"""One writer at a time on a SQLite file, across every process and thread that writes to it.

SQLite has a single writer. Writers that find it busy sleep in SQLite's busy handler in growing
steps, which under load turns into latency spikes of a second and "database is locked" errors.
A lock file beside the database queues them instead: waiting on it wakes the moment it is free,
and the OS releases it if the holder dies. PostgreSQL needs none of this (row locks).

A wait is bounded: flock itself has no timeout, so a contended wait blocks in the lock's one
waiting thread (started once, reused by every wait), and a caller that gives up leaves it to
drop the lock the moment it gets it. Waits queue there in order; one given up before it started
is simply taken out of the queue.
"""

from __future__ import annotations

import asyncio
import fcntl
import queue
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
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
        self._waits: queue.SimpleQueue[Future[IO[bytes]]] | None = None
        self._guard = threading.Lock()

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
        held = self.try_acquire()
        if held is not None:
            return held
        limit = timeout if timeout is not None else self.timeout
        if limit is None:
            return _acquire_blocking(self.path)
        wait = self._wait()
        try:
            return wait.result(limit)
        except FutureTimeout:
            raise self._given_up(wait, limit) from None

    async def acquire_async(self) -> IO[bytes]:
        """`acquire` for an event loop, with this lock's timeout: the loop goes on while the
        lock's waiting thread waits."""
        held = self.try_acquire()
        if held is not None:
            return held
        limit = self.timeout
        wait = self._wait()
        try:
            async with asyncio.timeout(limit):
                return await asyncio.shield(asyncio.wrap_future(wait))
        except TimeoutError:
            raise self._given_up(wait, limit or 0) from None

    def _wait(self) -> Future[IO[bytes]]:
        """A wait for the lock, queued for the lock's waiting thread (a daemon: a wait never
        holds up the process's exit)."""
        with self._guard:
            if self._waits is None:
                self._waits = queue.SimpleQueue()
                threading.Thread(target=_wait_in_turn, args=(self.path, self._waits),
                                 name="writer-lock-wait", daemon=True).start()
        wait: Future[IO[bytes]] = Future()
        self._waits.put(wait)
        return wait

    def _given_up(self, wait: Future[IO[bytes]], limit: float) -> WriterLockTimeout:
        """Nobody waits for `wait` any more: out of the queue, or the lock dropped once got."""
        if not wait.cancel():
            wait.add_done_callback(_release_unwanted)
        return WriterLockTimeout(f"another writer held {self.path} for over {limit:g} s")


def _wait_in_turn(path: str, waits: queue.SimpleQueue[Future[IO[bytes]]]) -> None:
    while True:
        wait = waits.get()
        if not wait.set_running_or_notify_cancel():
            continue  # given up before its turn came
        try:
            wait.set_result(_acquire_blocking(path))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
            wait.set_exception(exc)


def _acquire_blocking(path: str) -> IO[bytes]:
    file = open(path, "ab")  # noqa: SIM115 - closed by the holder, which releases the lock
    try:
        fcntl.flock(file, fcntl.LOCK_EX)
    except BaseException:
        file.close()
        raise
    return file


def _release_unwanted(wait: Future[IO[bytes]]) -> None:
    if not wait.cancelled() and wait.exception() is None:
        wait.result().close()


def writer_lock_for(engine: Engine, *, timeout: float | None = DEFAULT_TIMEOUT_S) -> WriterLock | None:
    """The lock for a SQLite file; None for PostgreSQL and for in-memory SQLite (one process)."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return WriterLock(f"{path}.lane", timeout)
