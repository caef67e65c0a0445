"""Every wait of a webhook is bounded below Twilio's 15 s: a stalled database gets a 503 with
Retry-After in time, work that never started is dropped (never committed after the 503), and
the retry of a text that did get committed is answered, not refused forever."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from api.app import create_app
from api.bootstrap import Container, bootstrap
from domain.clock import FixedClock
from domain.messages import Direction
from store.seed import seed_demo
from tests.e2e.conftest import SMS_NOW, sms_settings
from tests.e2e.sms import SMS_PATH, inbound_params, post_signed, replies_in

MARIA = "+15550100001"


@contextmanager
def served(database_url: str, **settings: object) -> Iterator[tuple[TestClient, Container]]:
    """The app on a seeded database with these settings."""
    container = bootstrap(sms_settings(database_url, **settings), clock=FixedClock(SMS_NOW))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=SMS_NOW)
    try:
        with TestClient(create_app(container=container)) as client:
            yield client, container
    finally:
        container.engine.dispose()


@contextmanager
def table_locked(database_url: str, table: str) -> Iterator[None]:
    """Another session holds `table` in ACCESS EXCLUSIVE mode: no one reads or writes it."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))
            yield
            connection.rollback()
    finally:
        engine.dispose()


def timed_post(client: TestClient, params: dict[str, str]) -> tuple[int, float, dict[str, str]]:
    started = time.monotonic()
    response = post_signed(client, SMS_PATH, params)
    return response.status_code, time.monotonic() - started, dict(response.headers)


def stored_sids(container: Container) -> list[str | None]:
    with container.uow_factory() as uow:
        return [m.provider_message_id for m in uow.messages.find(direction=Direction.IN)]


@pytest.mark.postgres
def test_a_text_waiting_on_a_locked_table_gets_503_within_the_lock_timeout(
        postgres_url: str) -> None:
    with served(postgres_url, database_lock_timeout_ms=300) as (client, container):
        params = inbound_params(MARIA, "where's the tech?")
        with table_locked(postgres_url, "messages"):
            status, elapsed, headers = timed_post(client, params)
        assert status == 503 and headers["retry-after"]
        assert elapsed < 3  # the turn, then the text alone: two lock waits of 0.3 s
        retried = post_signed(client, SMS_PATH, params)  # Twilio's retry, the table free again
        assert retried.status_code == 200 and replies_in(retried.text)
        assert stored_sids(container).count(params["MessageSid"]) == 1


@pytest.mark.postgres
def test_a_stall_past_the_webhook_budget_gets_503_and_the_retry_is_answered_once_it_clears(
        postgres_url: str) -> None:
    with served(postgres_url, webhook_timeout_s=1, database_lock_timeout_ms=30_000,
                database_statement_timeout_ms=30_000) as (client, container):
        params = inbound_params(MARIA, "where's the tech?")
        with table_locked(postgres_url, "messages"):
            status, elapsed, headers = timed_post(client, params)
            assert status == 503 and headers["retry-after"]
            assert elapsed < 2.5
        # The transaction was already running: it goes on once the lock is gone, and commits.
        # Twilio's retry must then be answered (200), not refused with a 503 forever.
        retried = post_signed(client, SMS_PATH, params)
        assert retried.status_code == 200
        assert stored_sids(container).count(params["MessageSid"]) == 1


def test_a_text_waiting_for_the_sqlite_writers_lock_gets_503_within_its_timeout(
        sqlite_url: str) -> None:
    with served(sqlite_url, writer_lock_timeout_s=0.3) as (client, container):
        assert container.writer_lock is not None
        params = inbound_params(MARIA, "where's the tech?")
        held = container.writer_lock.acquire()
        try:
            status, elapsed, headers = timed_post(client, params)
        finally:
            held.close()
        assert status == 503 and headers["retry-after"]
        assert elapsed < 2
        assert params["MessageSid"] not in stored_sids(container)
        retried = post_signed(client, SMS_PATH, params)
        assert retried.status_code == 200 and replies_in(retried.text)


def test_a_text_still_queued_when_the_budget_ends_is_dropped_not_committed_later(
        sqlite_url: str) -> None:
    with served(sqlite_url, writer_lock_timeout_s=10, webhook_timeout_s=0.5) as (client,
                                                                                  container):
        assert container.writer_lock is not None
        late = inbound_params(MARIA, "where's the tech?")
        held = container.writer_lock.acquire()
        try:
            status, elapsed, _ = timed_post(client, late)
        finally:
            held.close()
        assert status == 503 and elapsed < 2
        # The lane gets the lock now; the next text's answer means it is past the dropped one.
        assert post_signed(client, SMS_PATH, inbound_params(MARIA, "hi")).status_code == 200
        assert late["MessageSid"] not in stored_sids(container)
        retried = post_signed(client, SMS_PATH, late)
        assert retried.status_code == 200 and replies_in(retried.text)  # answered as new


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on loopback that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def test_a_database_that_never_answers_the_connect_gets_503_within_the_connect_timeout(
        silent_server: int) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{silent_server}/fieldbot"
    container = bootstrap(sms_settings(url, database_connect_timeout_s=2))
    try:
        with TestClient(create_app(container=container), raise_server_exceptions=False) as client:
            status, elapsed, headers = timed_post(client, inbound_params(MARIA, "hi"))
            assert status == 503 and headers["retry-after"]
            assert elapsed < 8  # libpq may try twice (with and without TLS), 2 s each
            started = time.monotonic()
            assert client.get("/healthz").status_code == 503
            assert time.monotonic() - started < 8
    finally:
        container.engine.dispose()


@pytest.mark.postgres
def test_the_postgres_timeouts_come_from_the_settings(postgres_url: str) -> None:
    container = bootstrap(sms_settings(postgres_url, database_statement_timeout_ms=4321,
                                       database_lock_timeout_ms=1234, database_pool_timeout_s=7))
    try:
        with container.engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "4321ms"
            assert connection.execute(text("SHOW lock_timeout")).scalar() == "1234ms"
            assert connection.execute(text("SELECT current_schema()")).scalar() != "public"
        assert container.engine.pool.timeout() == 7  # type: ignore[attr-defined]
    finally:
        container.engine.dispose()


def test_the_sqlite_busy_timeout_and_writers_lock_wait_come_from_the_settings(
        sqlite_url: str) -> None:
    container = bootstrap(sms_settings(sqlite_url, sqlite_busy_timeout_ms=1500,
                                       writer_lock_timeout_s=0.25))
    try:
        with container.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1500
        assert container.writer_lock is not None and container.writer_lock.timeout == 0.25
    finally:
        container.engine.dispose()
