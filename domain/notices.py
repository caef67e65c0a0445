"""Notices to staff: the one place that decides who on the team hears about something, and how.

A matter with an owner (the rep of a deal) goes to that person; anything else goes to every
active dispatcher. Each notice is an outbox row on the person's own channel (Telegram when they
have linked a chat, else SMS), keyed so that the same matter never notifies anyone twice.
"""

from __future__ import annotations

from datetime import datetime

from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
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


def staff_address(person: StaffMember) -> tuple[Channel, str] | None:
    """Where a staff member gets automated messages: their Telegram chat, else their phone."""
    if person.telegram_chat_id is not None:
        return Channel.TELEGRAM, str(person.telegram_chat_id)
    if person.phone is not None:
        return Channel.SMS, person.phone
    return None
