"""The sender's conversation, as each text finds it."""

from __future__ import annotations

from datetime import datetime

from bot.dialogue.turn import PERSISTENT_KEYS
from domain.conversations import Conversation
from domain.parties import Channel
from domain.ports import AbstractUnitOfWork

LAPSED_KEY = "lapsed_flow"


def conversation_for(uow: AbstractUnitOfWork, channel: Channel, address: str,
                     now: datetime) -> Conversation:
    """The sender's conversation (held until commit), created on first contact.

    A flow left unanswered past its expiry is forgotten, so an old "Y" cannot confirm anything;
    the engine is told, for this one text, which flow lapsed.
    """
    found = uow.conversations.for_sender(channel, address, now)
    if found.flow is not None and not found.is_active(now):
        keep = {k: v for k, v in found.data.items() if k in PERSISTENT_KEYS}
        keep[LAPSED_KEY] = found.flow  # read (and dropped) by the engine for this one text
        found.reset(now=now)
        found.data = keep
    return found
