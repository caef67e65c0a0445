"""/api/messages over 100,000 stored messages: the right pages, read a page at a time (SQLite and
PostgreSQL), and a walk over all of them by cursor meets each once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.settings import Settings
from domain.messages import Direction, MessageKind, MessageStatus
from domain.parties import Channel
from store import orm

TOKEN = "t"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT = 100_000
THREADS = 250  # phones; message i is with phone i % THREADS, so each thread has 400 messages
START = datetime(2026, 1, 1, tzinfo=UTC)


def phone(thread: int) -> str:
    return f"+1555020{thread:04d}"


def fill(container: Container, count: int = COUNT) -> None:
    """`count` messages with ids 1..count, in one Core executemany (no ORM objects)."""
    rows = [{"channel": Channel.SMS, "direction": Direction.IN if i % 2 else Direction.OUT,
             "address": phone(i % THREADS), "body": f"text {i}",
             "created_at": START + timedelta(seconds=i),
             "status": MessageStatus.FAILED if i % 1000 == 0 else MessageStatus.RECEIVED,
             "kind": MessageKind.INBOUND, "attempts": 0} for i in range(1, count + 1)]
    with container.engine.begin() as connection:
        connection.execute(insert(orm.messages), rows)


@pytest.fixture(scope="module")
def client(module_database_url: str) -> Iterator[TestClient]:
    container = bootstrap(Settings(database_url=module_database_url, admin_token=TOKEN))
    fill(container)
    with TestClient(create_app(container=container)) as test_client:
        yield test_client
    container.engine.dispose()


def ids(client: TestClient, **params: object) -> tuple[list[int], str]:
    response = client.get("/api/messages", headers=AUTH, params=params)
    assert response.status_code == 200, response.text
    return [m["id"] for m in response.json()], response.headers.get("link", "")


def test_the_first_page_is_the_newest_hundred_oldest_first(client: TestClient) -> None:
    found, link = ids(client)
    assert found == list(range(COUNT - 99, COUNT + 1))
    assert re.search(rf'before_id={COUNT - 99}>; rel="next"$', link)


def test_a_deep_page_by_cursor(client: TestClient) -> None:
    found, link = ids(client, before_id=50_001, limit=250)
    assert found == list(range(49_751, 50_001))
    assert f"before_id={49_751}" in link
    found, link = ids(client, after_id=COUNT - 10, limit=1000)
    assert found == list(range(COUNT - 9, COUNT + 1)) and link == ""


def test_a_phone_thread_pages_back_through_its_400_messages(client: TestClient) -> None:
    thread = [i for i in range(1, COUNT + 1) if i % THREADS == 7]
    found, link = ids(client, phone=phone(7), limit=150)
    assert found == thread[-150:]
    found, link = ids(client, phone=phone(7), limit=150, before_id=found[0])
    assert found == thread[-300:-150]
    found, link = ids(client, phone=phone(7), limit=150, before_id=found[0])
    assert found == thread[:-300] and link == ""


def test_the_failed_ones_are_listed_by_status(client: TestClient) -> None:
    found, _ = ids(client, status="failed", limit=1000)
    assert found == list(range(1000, COUNT + 1, 1000))


def test_walking_back_by_cursor_meets_every_message_once(client: TestClient) -> None:
    container: Container = client.app.state.container  # type: ignore[attr-defined]
    walked: list[int] = []
    before: int | None = None
    with container.uow_factory() as uow:
        while True:
            page = uow.messages.page(limit=1000, before_id=before, newest_first=True)
            walked += [m.id for m in page if m.id is not None]
            if len(page) < 1000:
                break
            before = page[-1].id
            uow.session.expunge_all()  # type: ignore[attr-defined]
    assert walked == list(range(COUNT, 0, -1))
