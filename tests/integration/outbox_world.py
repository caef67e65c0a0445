"""A customer, outbox rows and a gated provider, for the outbox sender's tests (fixtures in
conftest.py: `container` at NOON_CHICAGO on SQLite and PostgreSQL, `fake_twilio`)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from api.bootstrap import Container
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Account, Channel, Contact, Site

CUSTOMER = "+15550107777"
NOON_CHICAGO = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)  # Tuesday 12:00 in Chicago


def a_customer(container: Container, timezone: str = "America/Chicago") -> int:
    with container.uow_factory() as uow:
        account = uow.accounts.add(Account(name="Rosa Quinn"))
        assert account.id is not None
        contact = uow.contacts.add(Contact(account_id=account.id, name="Rosa Quinn", phone=CUSTOMER))
        uow.sites.add(Site(account_id=account.id, address="12 Elm St", city="Chicago",
                           postal_code="60614", zone_id="north", timezone=timezone))
        uow.commit()
        assert contact.id is not None
        return contact.id


def queue(container: Container, contact_id: int | None, kind: MessageKind = MessageKind.NOTICE,
          body: str = "Your technician is on the way.", address: str = CUSTOMER,
          due_at: datetime = NOON_CHICAGO) -> int:
    with container.uow_factory() as uow:
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address=address, body=body,
            created_at=due_at, status=MessageStatus.QUEUED, kind=kind, contact_id=contact_id,
            due_at=due_at))
        uow.commit()
        assert message.id is not None
        return message.id


def stored(container: Container, message_id: int) -> Message:
    with container.uow_factory() as uow:
        message = uow.messages.get(message_id)
        assert message is not None
        return message


def opted_out(container: Container, address: str) -> bool:
    with container.uow_factory() as uow:
        return bool(uow.consents.opted_out(Channel.SMS, [address]))


class GatedProvider:
    """Holds each send until `go` is set, so a test can stop the sender mid-batch."""

    def __init__(self) -> None:
        self.entered, self.go = threading.Event(), threading.Event()
        self.sent: list[str] = []

    def send(self, *, channel: Channel, to: str, body: str) -> str:
        self.entered.set()
        assert self.go.wait(10)
        self.sent.append(body)
        return f"gated-{len(self.sent)}"
