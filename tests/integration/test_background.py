"""The app's lifespan starts and stops background work, and singleton work (the outbox sender)
runs in exactly one of several apps on one database, on PostgreSQL and on a SQLite file."""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.commands import _settings
from api.settings import Settings
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from tests.waits import eventually

STAFF_PHONE = "+13125550177"


@pytest.fixture
def containers(database_url: str) -> Iterator[list[Container]]:
    """Two apps' containers on one database: their own engines, as two processes would have."""
    settings = Settings(database_url=database_url, run_sender=True, singleton_retry_seconds=0.1)
    built = [bootstrap(settings), bootstrap(settings)]
    yield built
    for container in built:
        container.engine.dispose()


def running(app: FastAPI) -> bool:
    return any(service.running.is_set() for service in app.state.background)


def sender_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "outbox-sender" and t.is_alive()]


def queue_notice(container: Container) -> int:
    now = container.clock.now()
    with container.uow_factory() as uow:
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address=STAFF_PHONE, body="Heads up.",
            created_at=now, status=MessageStatus.QUEUED, kind=MessageKind.NOTICE, due_at=now))
        uow.commit()
        assert message.id is not None
        return message.id


def status_of(container: Container, message_id: int) -> MessageStatus:
    with container.uow_factory() as uow:
        message = uow.messages.get(message_id)
        assert message is not None
        return message.status


def test_exactly_one_app_runs_the_sender_and_another_takes_over_when_it_stops(
        containers: list[Container]) -> None:
    first, second = (create_app(container=container) for container in containers)
    first_client, second_client = TestClient(first), TestClient(second)
    first_notice = queue_notice(containers[0])
    first_client.__enter__()
    first_open = True
    try:
        assert eventually(lambda: running(first))
        assert eventually(lambda: status_of(containers[0], first_notice) is MessageStatus.SENT)
        with second_client:
            time.sleep(0.5)  # five of the second app's turns at asking for the lease
            assert running(first) and not running(second)
            assert len(sender_threads()) == 1
            first_client.__exit__(None, None, None)  # the first app shuts down
            first_open = False
            assert not running(first) and first.state.background == []
            assert eventually(lambda: running(second))
            second_notice = queue_notice(containers[1])
            assert eventually(lambda: status_of(containers[1], second_notice)
                              is MessageStatus.SENT)
        assert not running(second) and sender_threads() == []
    finally:
        if first_open:
            first_client.__exit__(None, None, None)


def test_an_app_whose_settings_turn_the_sender_off_runs_none(database_url: str) -> None:
    container = bootstrap(Settings(database_url=database_url, run_sender=False))
    app = create_app(container=container)
    notice = queue_notice(container)
    with TestClient(app):
        assert app.state.background == []
        time.sleep(0.3)
        assert sender_threads() == []
    assert status_of(container, notice) is MessageStatus.QUEUED
    container.engine.dispose()


def test_serve_no_sender_turns_the_sender_off_for_every_worker() -> None:
    args = argparse.Namespace(database_url="sqlite://", sender=False)
    assert _settings(args).sender_in_web() is False
    assert _settings(argparse.Namespace(database_url="sqlite://", sender=True)).sender_in_web()


def test_the_scheduler_runs_its_due_pass_in_one_app_and_stops_with_it(database_url: str) -> None:
    from datetime import UTC, datetime

    from domain.clock import FixedClock
    from store.seed import seed_demo

    monday = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # 09:30 in Chicago: visits tomorrow
    settings = Settings(database_url=database_url, run_sender=True, due_interval_seconds=0.2,
                        singleton_retry_seconds=0.1, twilio_account_sid="",
                        twilio_auth_token="", twilio_from_number="")
    container = bootstrap(settings, clock=FixedClock(monday))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=monday)
    app = create_app(container=container)

    def reminders() -> list[Message]:
        with container.uow_factory() as uow:
            return uow.messages.find(kind=MessageKind.REMINDER)

    assert reminders() == []
    with TestClient(app):
        assert [service.name for service in app.state.background] == ["outbox-sender",
                                                                      "scheduler"]
        assert eventually(lambda: len(reminders()) > 0
                          and all(m.status is MessageStatus.SENT for m in reminders()))
        written = len(reminders())
        time.sleep(0.6)  # three more passes: nothing written twice
        assert len(reminders()) == written
    assert not any(t.name == "scheduler" and t.is_alive() for t in threading.enumerate())
    container.engine.dispose()



def test_by_default_web_processes_send_on_sqlite_and_leave_it_to_workers_on_postgresql() -> None:
    def sends(url: str, sender: bool | None) -> bool:
        return bool(_settings(argparse.Namespace(database_url=url, sender=sender)).sender_in_web())

    assert sends("sqlite:///fieldbot.db", None)
    assert not sends("postgresql+psycopg://postgres@127.0.0.1/test", None)
    assert sends("postgresql+psycopg://postgres@127.0.0.1/test", True)  # told to
    assert not sends("sqlite:///fieldbot.db", False)
