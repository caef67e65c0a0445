"""Where every inbound message enters, whatever its channel: stored exactly once, then answered.

One transaction covers the inbound row (deduplicated on the provider's message id), whatever
the conversation changes, and the replies, stored as outbound messages that point at the text
they answer: a provider's retry of the same message changes nothing and gets the same answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from bot.dialogue.reply import Reply
from domain.clock import ensure_utc
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.phones import mask_phone
from domain.ports import AbstractUnitOfWork

if TYPE_CHECKING:
    from bot.dialogue.engine import DialogueEngine, ParsedAhead

logger = logging.getLogger(__name__)

# Longer texts are cut here before they are stored or parsed (ten SMS segments' worth).
MAX_INBOUND_CHARS = 1600


class Keyword(StrEnum):
    """A carrier keyword, as the channel adapter recognised it (SMS: a text that is just STOP)."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


@dataclass(frozen=True)
class Inbound:
    """One message as a channel adapter received it; `address` is E.164 for SMS."""

    channel: Channel
    address: str
    text: str
    provider_message_id: str | None
    received_at: datetime  # UTC
    attachments: tuple[str, ...] = ()  # media URLs the provider holds
    pressed: int | None = None  # the option of a button the person pressed (1-based)
    keyword: Keyword | None = None


@dataclass(frozen=True)
class ChannelRules:
    """What a channel adapter decides for its channel."""

    render: Callable[[Reply], str]  # a structured reply as this channel shows it
    inline_replies: bool  # replies go back in the webhook's own answer (e.g. TwiML)
    answer_keywords: bool  # answer STOP/START/HELP ourselves (False: the provider does)
    silent_to_opted_out: bool  # after an opt-out, answer nothing but START and HELP


@dataclass(frozen=True)
class InboundResult:
    """Replies to hand back inline; for a retried message, the replies stored the first time."""

    duplicate: bool
    replies: list[str]


def receive(*, uow_factory: Callable[[], AbstractUnitOfWork], engine: DialogueEngine,
            inbound: Inbound, rules: ChannelRules,
            ahead: ParsedAhead | None = None) -> InboundResult:
    """Store, deduplicate and answer one inbound message in one transaction."""
    inbound = cut(inbound)
    now = ensure_utc(inbound.received_at)
    with uow_factory() as uow:
        # The sender's conversation is held first, so one sender's texts (and a provider's
        # retry of one of them) queue on one lock instead of deadlocking on two.
        uow.conversations.for_sender(inbound.channel, inbound.address, now)
        sender = uow.senders.customer(inbound.channel, inbound.address)
        stored = Message(
            channel=inbound.channel, direction=Direction.IN, address=inbound.address,
            body=inbound.text, created_at=now, status=MessageStatus.RECEIVED,
            kind=MessageKind.INBOUND, account_id=sender.account_id if sender else None,
            contact_id=sender.contact.id if sender else None,
            provider_message_id=inbound.provider_message_id,
        )
        if inbound.provider_message_id is None:
            uow.messages.add(stored)
        elif not uow.messages.add_inbound_once(stored):
            answered = uow.messages.replies_to(inbound.channel, inbound.provider_message_id)
            logger.info("duplicate inbound %s from %s: %d stored replies again",
                        inbound.channel.value, masked(inbound), len(answered))
            return InboundResult(duplicate=True, replies=[
                m.body for m in answered if m.status is MessageStatus.REPLIED])
        answers = [rules.render(reply) for reply in engine.answer(uow, inbound, rules, ahead)]
        customer = sender or uow.senders.customer(inbound.channel, inbound.address)
        person = None if customer else uow.senders.staff_member(inbound.channel, inbound.address)
        uow.messages.add_written([Message(
            channel=inbound.channel, direction=Direction.OUT, address=inbound.address,
            body=answer, created_at=now,
            # Inline replies are handed to the provider in the webhook's answer; others queue.
            status=MessageStatus.REPLIED if rules.inline_replies else MessageStatus.QUEUED,
            due_at=None if rules.inline_replies else now, kind=MessageKind.REPLY,
            account_id=customer.account_id if customer else None,
            contact_id=customer.contact.id if customer else None,
            staff_id=person.id if person else None, reply_to_id=stored.id,
        ) for answer in answers])
        uow.commit()
    return InboundResult(duplicate=False, replies=answers if rules.inline_replies else [])


def cut(inbound: Inbound) -> Inbound:
    """The message with its text cut to MAX_INBOUND_CHARS and control characters dropped."""
    text = _printable(inbound.text[: MAX_INBOUND_CHARS * 2])[:MAX_INBOUND_CHARS]
    return inbound if text == inbound.text else replace(inbound, text=text)


def _printable(text: str) -> str:
    """Drop control characters (PostgreSQL refuses NUL in text); keep line breaks and tabs."""
    return "".join(ch for ch in text if ch >= " " or ch in "\n\t")


def masked(inbound: Inbound) -> str:
    """The sender's address as logs may show it: the end of a phone number, never a chat id."""
    return mask_phone(inbound.address) if inbound.channel is not Channel.TELEGRAM else "a chat"
