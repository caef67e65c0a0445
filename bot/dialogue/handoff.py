"""Handing a customer to a person: a notice in every dispatcher's inbox and a timeline entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import replies
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.staff import Role
from domain.timeline import Activity, ActivityKind

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


def start(turn: Turn) -> None:
    """The customer asked for a person."""
    hand_over(turn, reason="asked for a person")
    turn.finish(replies.handoff(turn.business.name))


def hand_over(turn: Turn, *, reason: str) -> None:
    """Queue a call-back request to the dispatchers (through the outbox) and note it on the timeline."""
    who = turn.customer.contact.name if turn.customer else "A new number"
    reach = turn.address if turn.channel is not Channel.TELEGRAM else f"Telegram chat {turn.address}"
    body = f"Call-back request: {who} ({reach}) {reason} via {turn.channel.value}."
    key = f"handoff:{turn.channel.value}:{turn.message_id or turn.address + turn.now.isoformat()}"
    for person in turn.uow.staff.find(role=Role.DISPATCHER, active=True):
        if person.telegram_chat_id is not None:
            channel, address = Channel.TELEGRAM, str(person.telegram_chat_id)
        elif person.phone is not None:
            channel, address = Channel.SMS, person.phone
        else:
            continue
        turn.uow.messages.add(Message(
            channel=channel, direction=Direction.OUT, address=address, body=body,
            created_at=turn.now, status=MessageStatus.QUEUED, kind=MessageKind.NOTICE,
            staff_id=person.id, idempotency_key=f"{key}:staff:{person.id}", due_at=turn.now,
            timezone=person.timezone,
            account_id=turn.customer.account_id if turn.customer else None,
        ))
    if turn.customer is not None:
        turn.uow.activities.add(Activity(
            account_id=turn.customer.account_id, kind=ActivityKind.NOTE,
            summary=f"Customer {reason}; dispatchers asked to call back", at=turn.now,
            actor=turn.actor.label(), channel=turn.channel.value,
            provider_message_id=turn.message_id,
        ))


def answer_offer(turn: Turn) -> bool:
    """Answer to "Would you like someone to call you? Reply Y or N"."""
    from bot.nlu import intents

    if turn.parse.intent == intents.AFFIRM:
        start(turn)
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(replies.no_call())
        return True
    return False
