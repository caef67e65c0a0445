"""Opting out and back in, as the conversation layer asks for it: by channel and address.

Consent is one record per (channel, address) (domain/consent.py), the same for customers, staff
and numbers never onboarded, so there is nothing to look up first and nothing to carry over
when a number is onboarded later. The commands go through the bus, whose reactions withdraw
queued automated messages and note the change on a contact's timeline.
"""

from __future__ import annotations

from datetime import datetime

from bot.dialogue.times import visit_label
from domain.bus import MessageBus
from domain.commands import OptIn, OptOut
from domain.parties import Channel, Customer
from domain.ports import AbstractUnitOfWork


def opt_out(uow: AbstractUnitOfWork, bus: MessageBus, channel: Channel, address: str,
            now: datetime, message_id: str | None = None) -> None:
    """`address` asked (at `now`, by the text `message_id`) for no more automated messages."""
    bus.handle_in(uow, OptOut(channel=channel, address=address, message_id=message_id, at=now))


def opt_in(uow: AbstractUnitOfWork, bus: MessageBus, channel: Channel, address: str,
           now: datetime, message_id: str | None = None) -> None:
    """`address` asked to get automated messages again."""
    bus.handle_in(uow, OptIn(channel=channel, address=address, message_id=message_id, at=now))


def is_opted_out(uow: AbstractUnitOfWork, channel: Channel, address: str) -> bool:
    """True while `address` has opted out of automated messages on `channel`."""
    return bool(uow.consents.opted_out(channel, [address]))


def next_visit(uow: AbstractUnitOfWork, customer: Customer | None, now: datetime,
               timezone: str) -> str | None:
    """ "Thu Mar 5, 8-10am": the customer's next booked visit, which opting out leaves booked;
    None when they have none."""
    if customer is None:
        return None
    ahead = sorted((a for a in uow.appointments.find(account_id=customer.account_id)
                    if a.is_active and a.end > now), key=lambda a: a.start)
    return visit_label(ahead[0].window_start, ahead[0].window_end, timezone) if ahead else None
