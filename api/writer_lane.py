"""The webhooks' way to a SQLite file: queued, one writer at a time, one commit per turn.

Only one writer may run on a SQLite file, in any process (store.writer_lock), and each commit
waits for the disk (synchronous=FULL: an acknowledged text survives a power cut). Each process
queues its webhook transactions here. Whichever request finds the queue idle starts a drain
task, which takes the file lock and runs what is queued, up to `TURN` transactions, as
savepoints inside one transaction, then commits once: one wait for the disk for the whole turn
(group commit). A transaction that fails rolls back to its savepoint and leaves the others be;
nobody is answered before the turn's commit, and if that commit fails, every one of them is
told so (and Twilio retries). The wait for the lock happens in a thread, so the event loop goes
on reading requests meanwhile; the transactions run on the event loop itself: they are short
and local, every other writer is waiting for them, and there no thread of this process competes
with them for the GIL.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import Any

from anyio import to_thread
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from domain.ports import AbstractUnitOfWork
from store.uow import SqlAlchemyUnitOfWork
from store.writer_lock import WriterLock

TURN = 8  # transactions per turn, at most: then the lock goes to whoever waits for it

UowFactory = Callable[[], AbstractUnitOfWork]
Work = Callable[[UowFactory], Any]  # one whole transaction, run with the units of work it gets
_Outcome = tuple["asyncio.Future[Any]", bool, Any]


class WriterLane:
    def __init__(self, engine: Engine, lock: WriterLock) -> None:
        self.engine, self.lock = engine, lock
        self._queue: deque[tuple[Work, asyncio.Future[Any]]] = deque()
        self._drain: asyncio.Task[None] | None = None

    async def run(self, work: Work) -> Any:
        """Run `work` in its turn; return what it returned, once committed, or raise what it raised."""
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((work, done))
        if self._drain is None or self._drain.done():
            # A task of its own: a caller that goes away must not stop the others' turn.
            self._drain = asyncio.create_task(self._drain_queue())
        return await asyncio.shield(done)

    async def _drain_queue(self) -> None:
        try:
            while self._queue:
                held = self.lock.try_acquire() or await to_thread.run_sync(self.lock.acquire)
                try:
                    turn = [self._queue.popleft() for _ in range(min(TURN, len(self._queue)))]
                    outcomes = self._run_turn(turn)
                finally:
                    held.close()
                for done, ok, value in outcomes:
                    if done.done():  # its caller went away
                        continue
                    if ok:
                        done.set_result(value)
                    else:
                        done.set_exception(value)
                await asyncio.sleep(0)  # let requests that arrived meanwhile reach the queue
        finally:  # stopped early (shutdown): nobody may wait for an answer that will not come
            while self._queue:
                _, done = self._queue.popleft()
                if not done.done():
                    done.set_exception(RuntimeError("the writer's lane stopped"))

    def _run_turn(self, turn: list[tuple[Work, asyncio.Future[Any]]]) -> list[_Outcome]:
        outcomes: list[_Outcome] = []
        try:
            with self.engine.connect() as connection:
                raw: Any = connection.connection.dbapi_connection
                # The sqlite3 module's own transaction handling breaks SAVEPOINT: say BEGIN and
                # COMMIT here instead, for the time of this turn.
                previous = raw.isolation_level
                raw.isolation_level = None
                try:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                    for work, done in turn:
                        try:
                            outcomes.append((done, True, work(_savepoints_on(connection))))
                        except Exception as exc:  # rolled back to its savepoint; handed back
                            outcomes.append((done, False, exc))
                    connection.commit()
                except BaseException:
                    # A refused COMMIT leaves SQLite's transaction open, and the pool, told the
                    # transaction is over, would hand it on as it is: end it here.
                    if raw.in_transaction:
                        raw.rollback()
                    raise
                finally:
                    raw.isolation_level = previous
        except Exception as exc:  # the turn as a whole failed: none of it is stored
            return [(done, False, exc) for _, done in turn]
        return outcomes


def _savepoints_on(connection: Connection) -> UowFactory:
    """Units of work that run as savepoints of the turn's transaction: their commit releases the
    savepoint, and leaving one without committing rolls it back."""

    def session() -> Session:
        return Session(bind=connection, join_transaction_mode="create_savepoint",
                       expire_on_commit=False)

    def uow_factory() -> AbstractUnitOfWork:
        return SqlAlchemyUnitOfWork(session)

    return uow_factory
