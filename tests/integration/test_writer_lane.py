"""The webhooks' lane: queued transactions as savepoints, one commit per turn (SQLite file and
PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, text

from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from store.engine import create_db_engine, make_session_factory
from store.lane import TURN, WriterLane
from store.uow import SqlAlchemyUnitOfWork
from store.writer_lock import writer_lock_for

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


@pytest.fixture
def lane(database_url):
    engine = create_db_engine(database_url)
    make_session_factory(engine)  # maps the domain classes
    lock = writer_lock_for(engine)
    assert (lock is None) == (engine.dialect.name == "postgresql")
    yield WriterLane(engine, lock, lambda: SqlAlchemyUnitOfWork(make_session_factory(engine)))
    engine.dispose()


def store_text(sid: str, *, fail: bool = False):
    """A webhook-like transaction: store one inbound text, commit; or fail after storing it."""

    def work(uow_factory):
        with uow_factory() as uow:
            uow.messages.add_inbound_once(Message(
                channel=Channel.SMS, direction=Direction.IN, address="+13125550142",
                body="hi", created_at=NOW, status=MessageStatus.RECEIVED,
                kind=MessageKind.INBOUND, provider_message_id=sid))
            if fail:
                raise ValueError("this one fails after writing")
            uow.commit()
        return sid

    return work


def stored_sids(lane: WriterLane) -> list[str]:
    with SqlAlchemyUnitOfWork(make_session_factory(lane.engine)) as uow:
        return sorted(m.provider_message_id for m in uow.messages.find(direction=Direction.IN))


def commits_during(lane: WriterLane, coroutine) -> tuple[object, int]:
    commits = []
    listener = lambda connection: commits.append(1)  # noqa: E731
    event.listen(lane.engine, "commit", listener)
    try:
        return asyncio.run(coroutine), len(commits)
    finally:
        event.remove(lane.engine, "commit", listener)


def test_texts_queued_together_are_committed_together_and_each_is_answered(lane):
    async def many():
        return await asyncio.gather(*(lane.run(store_text(f"SM{i}")) for i in range(5)))

    answers, commits = commits_during(lane, many())
    assert answers == [f"SM{i}" for i in range(5)]
    assert commits == 1  # one wait for the disk for the five
    assert stored_sids(lane) == [f"SM{i}" for i in range(5)]


def test_a_turn_takes_at_most_TURN_transactions(lane):
    async def many():
        return await asyncio.gather(*(lane.run(store_text(f"SM{i:02d}")) for i in range(TURN + 3)))

    _, commits = commits_during(lane, many())
    assert commits == 2
    assert len(stored_sids(lane)) == TURN + 3


def test_a_failing_transaction_rolls_back_alone(lane):
    async def mixed():
        return await asyncio.gather(lane.run(store_text("SM1")),
                                    lane.run(store_text("SM2", fail=True)),
                                    lane.run(store_text("SM3")), return_exceptions=True)

    first, second, third = asyncio.run(mixed())
    assert (first, third) == ("SM1", "SM3")
    assert isinstance(second, ValueError)
    assert stored_sids(lane) == ["SM1", "SM3"]  # its own write is gone, the others' are kept


@pytest.fixture
def sqlite_lane(sqlite_url):
    engine = create_db_engine(sqlite_url)
    make_session_factory(engine)
    yield WriterLane(engine, writer_lock_for(engine),
                     lambda: SqlAlchemyUnitOfWork(make_session_factory(engine)))
    engine.dispose()


def test_when_the_turns_commit_fails_nobody_is_told_it_worked_and_nothing_is_kept(sqlite_lane):
    lane = sqlite_lane  # a commit refused by SQLite's deferred foreign keys
    def breaks_the_commit(uow_factory):
        # A foreign key checked only at COMMIT: the savepoint is released, the commit refuses.
        with uow_factory() as uow:
            uow.session.execute(text("PRAGMA defer_foreign_keys=ON"))
            uow.session.execute(text(
                "INSERT INTO sites (account_id, address, city, postal_code, zone_id, timezone, "
                "access_notes) VALUES (999999, 'x', 'x', 'x', 'x', 'America/Chicago', '')"))
            uow.commit()
        return "looked fine"

    async def turn():
        return await asyncio.gather(lane.run(store_text("SM1")), lane.run(breaks_the_commit),
                                    lane.run(store_text("SM3")), return_exceptions=True)

    outcomes = asyncio.run(turn())
    assert all(isinstance(outcome, Exception) for outcome in outcomes), outcomes
    assert stored_sids(lane) == []
    # The lane goes on with the next turn.
    assert asyncio.run(lane.run(store_text("SM4"))) == "SM4"
    assert stored_sids(lane) == ["SM4"]
