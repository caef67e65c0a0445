"""GET /api/outbox: what a dispatcher sees of the outbox, by state and kind, a page at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.settings import Settings
from domain.clock import FixedClock
from domain.messages import DeferredReason, Direction, Message, MessageKind, MessageStatus
from domain.parties import Account, Channel, Contact

TOKEN = "outbox-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NOW = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)
PHONE = "+15550107799"


@pytest.fixture
def container(database_url: str) -> Iterator[Container]:
    built = bootstrap(Settings(database_url=database_url, admin_token=TOKEN, run_sender=False),
                      clock=FixedClock(NOW))
    yield built
    built.engine.dispose()


@pytest.fixture
def client(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container=container)) as test_client:
        yield test_client


def outbox_row(container: Container, status: MessageStatus, kind: MessageKind = MessageKind.NOTICE,
               due_at: datetime = NOW, **extra: object) -> int:
    with container.uow_factory() as uow:
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address=PHONE, body="Hello",
            created_at=NOW - timedelta(hours=1), status=status, kind=kind, due_at=due_at,
            **extra))  # type: ignore[arg-type]
        uow.commit()
        assert message.id is not None
        return message.id


def ids(client: TestClient, query: str) -> list[int]:
    response = client.get(f"/api/outbox{query}", headers=AUTH)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


def test_each_state_lists_its_messages_and_says_why_they_wait_or_failed(
        container: Container, client: TestClient) -> None:
    due = outbox_row(container, MessageStatus.QUEUED)
    quiet = outbox_row(container, MessageStatus.QUEUED, MessageKind.REMINDER,
                       due_at=NOW + timedelta(hours=6), deferred_reason=DeferredReason.QUIET_HOURS)
    later = outbox_row(container, MessageStatus.QUEUED, MessageKind.REMINDER,
                       due_at=NOW + timedelta(days=1))
    failed = outbox_row(container, MessageStatus.FAILED,
                        last_error="twilio 400 21211: the address cannot receive messages")
    lost = outbox_row(container, MessageStatus.POSSIBLY_SENT, last_error="interrupted")
    twice = outbox_row(container, MessageStatus.SENT, possible_duplicate=True)
    with container.uow_factory() as uow:  # an inbound text is not in the outbox
        uow.messages.add(Message(channel=Channel.SMS, direction=Direction.IN, address=PHONE,
                                 body="hi", created_at=NOW, status=MessageStatus.RECEIVED,
                                 kind=MessageKind.INBOUND, provider_message_id="SMin"))
        uow.commit()

    assert ids(client, "") == [due, quiet, later, failed, lost, twice]
    assert ids(client, "?state=queued") == [due]
    deferred = client.get("/api/outbox?state=deferred", headers=AUTH).json()
    assert [(item["id"], item["deferred_reason"]) for item in deferred] == [
        (quiet, "quiet_hours"), (later, "due_later")]
    assert deferred[0]["due"]["local"].startswith("2026-03-03T18:00:00-06:00")
    [failure] = client.get("/api/outbox?state=failed", headers=AUTH).json()
    assert (failure["id"], failure["last_error"]) == (
        failed, "twilio 400 21211: the address cannot receive messages")
    assert ids(client, "?state=possibly_sent") == [lost]
    assert ids(client, "?state=possible_duplicate") == [twice]
    assert ids(client, "?state=sent") == [twice]
    assert ids(client, "?kind=reminder") == [quiet, later]
    assert ids(client, "?state=deferred&kind=notice") == []


def test_the_outbox_is_paged_by_cursor_and_needs_the_admin_token(
        container: Container, client: TestClient) -> None:
    rows = [outbox_row(container, MessageStatus.FAILED) for _ in range(5)]
    first = client.get("/api/outbox?state=failed&limit=2", headers=AUTH)
    assert [item["id"] for item in first.json()] == rows[:2]
    assert f"after_id={rows[1]}" in first.headers["Link"]
    assert ids(client, f"?state=failed&limit=2&after_id={rows[1]}") == rows[2:4]
    assert client.get("/api/outbox").status_code == 401
    assert client.get("/api/outbox?state=lost", headers=AUTH).status_code == 422
    assert client.get("/api/outbox?limit=0", headers=AUTH).status_code == 422


def test_a_customer_whose_number_the_provider_refused_shows_it(
        container: Container, client: TestClient) -> None:
    with container.uow_factory() as uow:
        account = uow.accounts.add(Account(name="Rosa Quinn"))
        assert account.id is not None
        contact = uow.contacts.add(Contact(account_id=account.id, name="Rosa Quinn", phone=PHONE))
        contact.flag_sms_undeliverable("twilio 400 21614", NOW)
        uow.commit()
    [customer] = client.get(f"/api/customers?phone={PHONE}", headers=AUTH).json()
    assert customer["sms_undeliverable"] == "twilio 400 21614"
