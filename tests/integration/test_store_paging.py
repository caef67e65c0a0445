"""Repository.page: keyset pages ordered and limited in SQL, the same on SQLite, PostgreSQL and
the in-memory fake; a walk by cursor meets every row exactly once, in order."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import timedelta

import pytest

from domain.errors import NotFound
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.ports import TimeRange
from tests.fakes import FakeRepository
from tests.integration.world import MONDAY_9AM_CHICAGO

NOW = MONDAY_9AM_CHICAGO
PHONES = ("+13125550142", "+13125550143", "+13125550144")
STATUSES = (MessageStatus.RECEIVED, MessageStatus.REPLIED, MessageStatus.FAILED)


def messages(count: int = 47) -> list[Message]:
    """Messages over three phones and three statuses; created_at goes back and forth and
    repeats, so that an order by it differs from the order by id and has ties."""
    return [Message(channel=Channel.SMS, direction=Direction.IN, address=PHONES[i % 3],
                    body=f"text {i}", created_at=NOW + timedelta(minutes=(i * 7) % 11),
                    status=STATUSES[(i // 2) % 3], kind=MessageKind.INBOUND)
            for i in range(count)]


@pytest.fixture
def stored(uow_factory):
    """The same messages in the database under test and in a fake repository."""
    with uow_factory() as uow:
        for message in messages():
            uow.messages.add(message)
        uow.commit()
    with uow_factory() as uow:
        fake = FakeRepository([dataclasses.replace(m) for m in uow.messages.find()])
    return uow_factory, fake


QUERIES = [
    dict(limit=10),
    dict(limit=10, newest_first=True),
    dict(limit=5, after_id=12),
    dict(limit=5, before_id=12, newest_first=True),
    dict(limit=100, after_id=3, before_id=30),
    dict(limit=8, address=PHONES[1]),
    dict(limit=8, address=PHONES[1], before_id=40, newest_first=True),
    dict(limit=50, status=frozenset({MessageStatus.FAILED, MessageStatus.RECEIVED})),
    dict(limit=50, provider_message_id=None, status=MessageStatus.REPLIED),
    dict(limit=6, order_by="created_at"),
    dict(limit=6, order_by="created_at", after_id=9),
    dict(limit=6, order_by="created_at", before_id=9, newest_first=True),
    dict(limit=50, order_by="created_at", during=TimeRange("created_at", NOW + timedelta(minutes=3),
                                                          NOW + timedelta(minutes=7))),
    dict(limit=50, during=TimeRange("created_at", since=NOW + timedelta(minutes=9))),
    dict(limit=50, during=TimeRange("created_at", until=NOW + timedelta(minutes=2))),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(f"{k}" for k in q))
def test_a_page_is_the_same_in_the_database_and_in_the_fake(stored, query):
    uow_factory, fake = stored
    with uow_factory() as uow:
        from_database = [m.id for m in uow.messages.page(**query)]
    from_fake = [m.id for m in fake.page(**query)]
    assert from_database == from_fake
    assert 0 < len(from_database) <= query["limit"]


@pytest.mark.parametrize("order_by, newest_first", list(itertools.product(["id", "created_at"],
                                                                          [False, True])))
def test_walking_by_cursor_meets_every_row_once_in_order(stored, order_by, newest_first):
    uow_factory, _ = stored
    with uow_factory() as uow:
        every = sorted(uow.messages.find(), key=lambda m: (getattr(m, order_by), m.id),
                       reverse=newest_first)
        walked: list[int] = []
        cursor: dict[str, int] = {}
        while True:
            page = uow.messages.page(limit=4, order_by=order_by, newest_first=newest_first,
                                     **cursor)
            walked += [m.id for m in page]
            if len(page) < 4:
                break
            cursor = {"before_id" if newest_first else "after_id": page[-1].id}
    assert walked == [m.id for m in every]
    assert len(set(walked)) == len(walked) == 47


def test_a_cursor_that_names_no_item_is_refused_when_the_order_is_not_by_id(stored):
    uow_factory, fake = stored
    with uow_factory() as uow:
        assert [m.id for m in uow.messages.page(limit=3, after_id=10_000)] == []
        with pytest.raises(NotFound):
            uow.messages.page(limit=3, after_id=10_000, order_by="created_at")
    with pytest.raises(NotFound):
        fake.page(limit=3, after_id=10_000, order_by="created_at")
