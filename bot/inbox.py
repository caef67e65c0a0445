"""Where every inbound text enters: stored exactly once, carrier keywords honoured, then answered.

One transaction covers the inbound row (deduplicated on the provider's message id), whatever
the conversation changes, and the replies stored as outbound messages: a provider's retry of the
same message finds the row and changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from bot.dialogue import consent, replies
from bot.dialogue.senders import find_contact
from domain.clock import ensure_utc
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.phones import mask_phone
from domain.ports import AbstractUnitOfWork

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.dialogue import DialogueEngine
    from bot.dialogue.engine import ParsedAhead

logger = logging.getLogger(__name__)

# Longer texts are cut here before they are stored or parsed (ten SMS segments' worth).
MAX_INBOUND_CHARS = 1600

OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
                              "OPTOUT"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})


@dataclass(frozen=True)
class Inbound:
    """One text as the channel received it; `address` is E.164 for SMS."""

    channel: Channel
    address: str
    text: str
    provider_message_id: str | None
    received_at: datetime  # UTC


@dataclass(frozen=True)
class InboundResult:
    """Replies to send inline (e.g. as TwiML); empty for duplicates and keywords the provider answers."""

    duplicate: bool
    replies: list[str]


class _MessageLog(Protocol):
    def add_inbound_once(self, message: Message) -> bool: ...


def parse_ahead(engine: DialogueEngine, inbound: Inbound) -> ParsedAhead:
    """The text understood before its transaction, to hand to `receive` (see DialogueEngine)."""
    return engine.parse_ahead(_cut(inbound.text), inbound.received_at)


def receive(*, uow_factory: Callable[[], AbstractUnitOfWork], engine: DialogueEngine,
            inbound: Inbound, keyword_rules: bool, reply_to_keywords: bool,
            ahead: ParsedAhead | None = None) -> InboundResult:
    """Store, deduplicate and answer one inbound text in one transaction."""
    text = _cut(inbound.text)
    now = ensure_utc(inbound.received_at)
    with uow_factory() as uow:
        contact = find_contact(uow, inbound.channel, inbound.address)
        stored = Message(
            channel=inbound.channel, direction=Direction.IN, address=inbound.address, body=text,
            created_at=now, status=MessageStatus.RECEIVED, kind=MessageKind.INBOUND,
            account_id=contact.account_id if contact else None,
            contact_id=contact.id if contact else None,
            provider_message_id=inbound.provider_message_id,
        )
        if inbound.provider_message_id is None:
            uow.messages.add(stored)
        else:
            log: _MessageLog = uow.messages  # type: ignore[assignment]
            if not log.add_inbound_once(stored):
                logger.info("duplicate inbound %s from %s ignored", inbound.channel.value,
                            _masked(inbound))
                return InboundResult(duplicate=True, replies=[])
        keyword = text.strip().upper() if keyword_rules else ""
        if keyword in OPT_OUT_KEYWORDS | OPT_IN_KEYWORDS | HELP_KEYWORDS:
            answers = _keyword(uow, engine, inbound, keyword, now)
            answers = answers if reply_to_keywords else []
        elif keyword_rules and consent.is_opted_out(uow, inbound.channel, inbound.address):
            answers = []  # carriers allow nothing automated to an opted-out number but START/HELP
        else:
            answers = engine.handle(uow, channel=inbound.channel, address=inbound.address,
                                    text=text, now=now,
                                    message_id=inbound.provider_message_id, ahead=ahead)
        contact = contact or find_contact(uow, inbound.channel, inbound.address)
        written = [Message(
            channel=inbound.channel, direction=Direction.OUT, address=inbound.address,
            body=answer, created_at=now, status=MessageStatus.REPLIED, kind=MessageKind.REPLY,
            account_id=contact.account_id if contact else None,
            contact_id=contact.id if contact else None, sent_at=now,
        ) for answer in answers]
        add_written = getattr(uow.messages, "add_written", None)
        if add_written is not None:  # one plain INSERT: nobody needs their ids or changes them
            add_written(written)
        else:
            for reply in written:
                uow.messages.add(reply)
        uow.commit()
    return InboundResult(duplicate=False, replies=answers)


def _keyword(uow: AbstractUnitOfWork, engine: DialogueEngine, inbound: Inbound, keyword: str,
             now: datetime) -> list[str]:
    name = engine.business.name
    if keyword in OPT_OUT_KEYWORDS:
        consent.opt_out(uow, engine.bus, inbound.channel, inbound.address, now,
                        inbound.provider_message_id)
        logger.info("opt-out keyword from %s", _masked(inbound))
        return [replies.opted_out(name)]
    if keyword in OPT_IN_KEYWORDS:
        consent.opt_in(uow, engine.bus, inbound.channel, inbound.address, now,
                       inbound.provider_message_id)
        return [replies.opted_in(name)]
    return [replies.keyword_help(name, engine.business.phone)]


def _cut(text: str) -> str:
    return _printable(text[: MAX_INBOUND_CHARS * 2])[:MAX_INBOUND_CHARS]


def _printable(text: str) -> str:
    """Drop control characters (PostgreSQL refuses NUL in text); keep line breaks and tabs."""
    return "".join(ch for ch in text if ch >= " " or ch in "\n\t")


def _masked(inbound: Inbound) -> str:
    return mask_phone(inbound.address) if inbound.channel is not Channel.TELEGRAM else "a chat"
