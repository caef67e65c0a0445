"""Notices to staff: the one place that decides who on the team hears about something, and how.

A matter with an owner (the rep of a deal) goes to that person; anything else goes to every
active dispatcher. Each notice is an outbox row on the person's own channel (Telegram when they
have linked a chat, else SMS), keyed so that the same matter never notifies anyone twice.
A customer is told on their own channel (`notify_customer`).
"""

from __future__ import annotations

from datetime import datetime

from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel, Contact
from domain.ports import AbstractUnitOfWork
from domain.staff import Role, StaffMember


def notify_staff(uow: AbstractUnitOfWork, *, now: datetime, body: str, key: str,
                 owner_id: int | None = None, account_id: int | None = None) -> int:
    """Queue `body` for the owner of the matter, or for every dispatcher; returns how many."""
    owner = uow.staff.get(owner_id) if owner_id is not None else None
    recipients: list[StaffMember] = (
        [owner] if owner is not None and owner.active
        else uow.staff.find(role=Role.DISPATCHER, active=True)
    )
    queued = 0
    for person in recipients:
        reach = staff_address(person)
        if reach is None:
            continue
        channel, address = reach
        uow.messages.add(Message(
            channel=channel, direction=Direction.OUT, address=address, body=body,
            created_at=now, status=MessageStatus.QUEUED, kind=MessageKind.NOTICE,
            staff_id=person.id, account_id=account_id,
            idempotency_key=f"{key}:staff:{person.id}", due_at=now, timezone=person.timezone,
        ))
        queued += 1
    return queued


def notify_customer(uow: AbstractUnitOfWork, *, now: datetime, account_id: int, body: str,
                    key: str, timezone: str | None = None) -> int | None:
    """Queue `body` for the account's first reachable contact on their own channel; its id."""
    for contact in uow.contacts.find(account_id=account_id):
        reach = contact_address(contact)
        if reach is None:
            continue
        channel, address = reach
        message = uow.messages.add(Message(
            channel=channel, direction=Direction.OUT, address=address, body=body,
            created_at=now, status=MessageStatus.QUEUED, kind=MessageKind.NOTICE,
            account_id=account_id, contact_id=contact.id, idempotency_key=f"{key}:contact",
            due_at=now, timezone=timezone))
        return message.id
    return None


def contact_address(contact: Contact) -> tuple[Channel, str] | None:
    """Where a contact gets automated messages: their preferred channel, else whichever exists."""
    return reach_of(contact.preferred_channel, contact.phone, contact.telegram_chat_id)


def reach_of(preferred_channel: Channel, phone: str | None,
             telegram_chat_id: int | None) -> tuple[Channel, str] | None:
    """A contact's reach from its columns (the scheduler reads them without loading contacts)."""
    by_channel = {Channel.TELEGRAM: str(telegram_chat_id) if telegram_chat_id is not None else None,
                  Channel.SMS: phone}
    preferred = by_channel.get(preferred_channel)
    if preferred is not None:
        return preferred_channel, preferred
    for channel, address in by_channel.items():
        if address is not None:
            return channel, address
    return None


def staff_address(person: StaffMember) -> tuple[Channel, str] | None:
    """Where a staff member gets automated messages: their Telegram chat, else their phone."""
    if person.telegram_chat_id is not None:
        return Channel.TELEGRAM, str(person.telegram_chat_id)
    if person.phone is not None:
        return Channel.SMS, person.phone
    return None
