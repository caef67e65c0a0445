"""Who is writing: a staff member, a known customer, or a number we have never seen."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.dialogue.turn import PERSISTENT_KEYS, Customer
from domain.conversations import Conversation
from domain.parties import Channel, Contact
from domain.ports import AbstractUnitOfWork
from domain.staff import StaffMember


def _key(channel: Channel, address: str) -> dict[str, Any]:
    if channel is Channel.TELEGRAM:
        return {"telegram_chat_id": int(address)} if address.lstrip("-").isdigit() else {}
    return {"phone": address}


def find_contact(uow: AbstractUnitOfWork, channel: Channel, address: str) -> Contact | None:
    key = _key(channel, address)
    return uow.contacts.first(**key) if key else None


def find_staff(uow: AbstractUnitOfWork, channel: Channel, address: str) -> StaffMember | None:
    key = _key(channel, address)
    found = uow.staff.first(**key) if key else None
    return found if found is not None and found.active else None


def load_customer(uow: AbstractUnitOfWork, contact: Contact) -> Customer | None:
    account = uow.accounts.get(contact.account_id)
    if account is None:
        return None
    return Customer(account=account, contact=contact, sites=uow.sites.find(account_id=account.id))


def conversation_for(uow: AbstractUnitOfWork, channel: Channel, address: str,
                     now: datetime) -> Conversation:
    """The sender's conversation row (locked until commit on PostgreSQL), created on first contact.

    A flow left unanswered past its expiry is forgotten, so an old "Y" cannot confirm anything.
    """
    conversations: Any = uow.conversations  # type: ignore[attr-defined]
    found: Conversation | None = conversations.for_sender(channel, address)
    if found is None:
        found = _first_conversation(conversations, channel, address, now)
    elif found.flow is not None and not found.is_active(now):
        keep = {k: v for k, v in found.data.items() if k in PERSISTENT_KEYS}
        found.reset(now=now)
        found.data = keep
    return found


def _first_conversation(conversations: Any, channel: Channel, address: str,
                        now: datetime) -> Conversation:
    """Create the sender's row; a concurrent first text from the same sender gets the same row."""
    create_once = getattr(conversations, "for_sender_or_new", None)
    if create_once is not None:  # INSERT ... ON CONFLICT DO NOTHING, then lock
        created: Conversation = create_once(channel, address, now)
        return created
    added: Conversation = conversations.add(  # in-memory fakes have no concurrency
        Conversation(channel=channel, address=address, updated_at=now))
    return added
