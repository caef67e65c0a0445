"""Opting out and back in, for known contacts and for numbers we have never onboarded.

A known contact's consent lives on the Contact (OptOut/OptIn through the bus, which withdraws
queued automated messages). An unknown number has no contact, and we do not create CRM records
for strangers who text STOP: its opt-out is kept in its conversation row instead, and copied onto
the contact if that number is ever onboarded. Unknown numbers get no automated messages anyway.
"""

from __future__ import annotations

from datetime import datetime

from bot.dialogue.senders import conversation_for
from domain.bus import MessageBus
from domain.commands import OptIn, OptOut
from domain.parties import Channel, Contact
from domain.ports import AbstractUnitOfWork

OPTED_OUT_AT = "opted_out_at"


def opt_out(uow: AbstractUnitOfWork, bus: MessageBus, channel: Channel, address: str,
            now: datetime, message_id: str | None = None) -> None:
    contact = find_contact(uow, channel, address)
    if contact is not None and contact.id is not None:
        bus.handle_in(uow, OptOut(contact_id=contact.id, channel=channel))
        return
    conversation = conversation_for(uow, channel, address, now)
    conversation.reset(now=now)
    conversation.data = {OPTED_OUT_AT: now.isoformat()}


def opt_in(uow: AbstractUnitOfWork, bus: MessageBus, channel: Channel, address: str,
           now: datetime, message_id: str | None = None) -> None:
    contact = find_contact(uow, channel, address)
    if contact is not None and contact.id is not None:
        bus.handle_in(uow, OptIn(contact_id=contact.id, channel=channel))
        return
    conversation = conversation_for(uow, channel, address, now)
    conversation.data = {k: v for k, v in conversation.data.items() if k != OPTED_OUT_AT}


def is_opted_out(uow: AbstractUnitOfWork, channel: Channel, address: str) -> bool:
    contact = find_contact(uow, channel, address)
    if contact is not None:
        return not contact.may_message(channel)
    return any(OPTED_OUT_AT in c.data for c in uow.conversations.find(channel=channel,
                                                                      address=address))


def find_contact(uow: AbstractUnitOfWork, channel: Channel, address: str) -> Contact | None:
    customer = uow.senders.customer(channel, address)
    return customer.contact if customer else None


def carried_over(data: dict[str, object]) -> datetime | None:
    """When a not-yet-onboarded number opted out, from its conversation data."""
    raw = data.get(OPTED_OUT_AT)
    return datetime.fromisoformat(raw) if isinstance(raw, str) else None
