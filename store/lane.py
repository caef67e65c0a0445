"""The way to the database for anything that writes: queued, and run in turns, one commit per turn.

`TransactionLane` is the store's one transaction service: webhooks, workers and console actions
hand it a piece of work (a function of a unit-of-work factory that runs one whole transaction).
On an event loop, `run` queues it in this process's `WriterLane`; elsewhere `run_blocking` runs it
at once, holding the SQLite writer's lock for its transaction.

Each process queues its webhook transactions in a `WriterLane`. Whichever request finds the queue idle starts
a drain task, which runs what is queued, up to `TURN` transactions, inside one transaction and
then commits once (group commit): one wait for the disk, one BEGIN and one COMMIT for the whole
turn instead of one each per text. A transaction that fails leaves the others be; nobody is
answered before the turn's commit, and if that commit fails, every one of them is told so (and
Twilio retries).

- On a SQLite file only one writer may run, in any process, so a turn first takes the writer's
  lock (store.writer_lock). The wait for it happens in a thread, so the event loop goes on
  reading requests meanwhile; the turn then runs on the event loop itself: it is short and
  local, every other writer waits for it, and there no thread of this process competes with it
  for the GIL. Each text runs as a savepoint, so one that fails rolls back alone.
  `synchronous=FULL` stays: an acknowledged text survives a power cut.
- On PostgreSQL a turn runs in a worker thread (its round trips must not stall the event loop)
  and uses no savepoints, which cost two round trips per text there: if any text of the turn
  fails, the turn is rolled back and its texts run again one by one, each in a transaction of
  its own. Row locks order what two processes' turns do to the same rows.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from anyio import CapacityLimiter, to_thread
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.session import JoinTransactionMode

from domain.ports import AbstractUnitOfWork
from store.uow import SqlAlchemyUnitOfWork
from store.writer_lock import WriterLock, WriterLockTimeout

logger = logging.getLogger(__name__)

TURN = 8  # transactions per turn, at most: then the lock goes to whoever waits for it

UowFactory = Callable[[], AbstractUnitOfWork]
Work = Callable[[UowFactory], Any]  # one whole transaction, run with the units of work it gets
_Outcome = tuple["asyncio.Future[Any]", bool, Any]


class WriterLane:
    def __init__(self, engine: Engine, lock: WriterLock | None, uow_factory: UowFactory) -> None:
        """`lock`: the writer's lock of a SQLite file, None on PostgreSQL; `uow_factory`: units
        of work of their own, for texts run again alone."""
        self.engine, self.lock, self.uow_factory = engine, lock, uow_factory
        self._queue: deque[tuple[Work, asyncio.Future[Any]]] = deque()
        self._drain: asyncio.Task[None] | None = None

    async def run(self, work: Work) -> Any:
        """Run `work` in its turn; return what it returned, once committed, or raise what it raised."""
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((work, done))
        if self._drain is None or self._drain.done():
            # A task of its own: a caller that goes away must not stop the others' turn.
            self._drain = asyncio.create_task(self._drain_queue())
        try:
            return await asyncio.shield(done)
        except asyncio.CancelledError:
            if done.done() and not done.cancelled():
                return done.result()  # committed as its caller gave up: the answer stands
            # Its caller gave up (a timeout): if it has not started, it never will; if it runs,
            # what it returns is dropped (a committed text is answered again on its retry).
            done.cancel()
            raise

    async def _drain_queue(self) -> None:
        try:
            while self._queue:
                turn = [self._queue.popleft() for _ in range(min(TURN, len(self._queue)))]
                if self.lock is None:
                    outcomes = await to_thread.run_sync(self._run_turn_optimistically,
                                                        _still_wanted(turn))
                else:
                    try:
                        held = await self.lock.acquire_async()
                    except WriterLockTimeout as exc:  # nothing of the turn ran: each caller is told
                        outcomes = [(done, False, exc) for _, done in turn]
                    else:
                        try:
                            outcomes = self._run_turn(_still_wanted(turn))
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
        if not turn:
            return []
        outcomes: list[_Outcome] = []
        try:
            with self.engine.connect() as connection, self._transaction(connection):
                for work, done in turn:
                    try:
                        outcomes.append((done, True, work(_savepoints_on(connection))))
                    except Exception as exc:  # rolled back to its savepoint; handed back
                        outcomes.append((done, False, exc))
        except Exception as exc:  # the turn as a whole failed: none of it is stored
            return [(done, False, exc) for _, done in turn]
        return outcomes

    def _run_turn_optimistically(self, turn: list[tuple[Work, asyncio.Future[Any]]]
                                 ) -> list[_Outcome]:
        """PostgreSQL: the turn in one transaction with no savepoints (on PostgreSQL each costs
        two round trips per text). If any text fails, or anything rolls the transaction back,
        none of the turn is kept and each text runs again on its own, in its own transaction:
        a text does nothing outside the database before its answer is handed back."""
        if not turn:
            return []
        try:
            with self.engine.connect() as connection:
                outer = connection.begin()
                outcomes: list[_Outcome] = []
                for work, done in turn:
                    outcomes.append((done, True, work(_joining(connection))))
                    if connection.get_transaction() is not outer or not outer.is_active:
                        raise _TurnBroken
                outer.commit()
                return outcomes
        except Exception as exc:  # the connection's exit rolled the turn back; nobody was answered
            logger.info("a turn of %d webhook texts was rolled back (%s); running them one by one",
                        len(turn), type(exc).__name__)
        # Rolled back, so as good as never started: a text whose caller gave up meanwhile is not
        # run again (a benign read of the future's state from this thread).
        return [self._run_alone(work, done) for work, done in turn if not done.done()]

    def _run_alone(self, work: Work, done: asyncio.Future[Any]) -> _Outcome:
        try:
            return (done, True, work(self.uow_factory))
        except Exception as exc:
            return (done, False, exc)

    @contextmanager
    def _transaction(self, connection: Connection) -> Iterator[None]:
        """SQLite: the turn's one transaction, committed when the block ends without an error."""
        raw: Any = connection.connection.dbapi_connection
        # The sqlite3 module's own transaction handling breaks SAVEPOINT: say BEGIN and COMMIT
        # here instead, for the time of this turn.
        previous = raw.isolation_level
        raw.isolation_level = None
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield
            connection.commit()
        except BaseException:
            # A refused COMMIT leaves SQLite's transaction open, and the pool, told the
            # transaction is over, would hand it on as it is: end it here.
            if raw.in_transaction:
                raw.rollback()
            raise
        finally:
            raw.isolation_level = previous


def _still_wanted(turn: list[tuple[Work, asyncio.Future[Any]]]
                  ) -> list[tuple[Work, asyncio.Future[Any]]]:
    """The turn without the transactions whose callers gave up while they were queued."""
    return [(work, done) for work, done in turn if not done.done()]


class _TurnBroken(Exception):
    """A text's unit of work rolled back the turn's transaction."""


def _joining(connection: Connection) -> UowFactory:
    """Units of work that join the turn's transaction: their commit flushes but commits nothing,
    and leaving one without committing leaves the transaction be (a failure is then the turn's,
    and the turn runs its texts again one by one)."""
    return _units_of_work(connection, "rollback_only")


def _savepoints_on(connection: Connection) -> UowFactory:
    """Units of work that run as savepoints of the turn's transaction: their commit releases the
    savepoint, and leaving one without committing rolls it back."""
    return _units_of_work(connection, "create_savepoint")


def _units_of_work(connection: Connection, mode: JoinTransactionMode) -> UowFactory:
    def session() -> Session:
        return Session(bind=connection, join_transaction_mode=mode, expire_on_commit=False)

    def uow_factory() -> AbstractUnitOfWork:
        return SqlAlchemyUnitOfWork(session)

    return uow_factory


class TransactionLane:
    """Runs whole transactions for any caller, in the order the database can take them."""

    def __init__(self, engine: Engine, uow_factory: UowFactory,
                 writer_lock: WriterLock | None) -> None:
        """`uow_factory`: units of work on `engine`; `writer_lock`: the lock of a SQLite file."""
        self.engine, self.uow_factory, self.writer_lock = engine, uow_factory, writer_lock
        self._queue: WriterLane | None = None
        self._one_at_a_time: CapacityLimiter | None = None

    async def run(self, work: Work) -> Any:
        """Run `work` in its turn from an event loop; what it returned, once committed."""
        if self.writer_lock is None and self.engine.dialect.name == "sqlite":
            # In-memory SQLite (tests): one shared connection, so one transaction at a time.
            if self._one_at_a_time is None:
                self._one_at_a_time = CapacityLimiter(1)
            return await to_thread.run_sync(work, self.uow_factory, limiter=self._one_at_a_time)
        if self._queue is None:
            self._queue = WriterLane(self.engine, self.writer_lock, self.uow_factory)
        return await self._queue.run(work)

    def run_blocking(self, work: Work) -> Any:
        """Run `work` now, from a thread or a command; on a SQLite file its units of work hold
        the writer's lock, queueing behind webhooks' turns."""
        return work(self.locked_uow_factory)

    def locked_uow_factory(self) -> AbstractUnitOfWork:
        """A unit of work that holds the SQLite writer's lock from start to end (if any)."""
        uow = self.uow_factory()
        if self.writer_lock is not None and isinstance(uow, SqlAlchemyUnitOfWork):
            uow.writer_lock = self.writer_lock
        return uow
