"""Texting the bot from a terminal, as a phone number would by SMS (`fieldbot chat`, api/chat.py).

Each line goes through bot.inbox.receive exactly like an SMS (carrier keywords included, with
their answers shown), against the configured database, with no provider or credentials needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.dialogue import DialogueEngine
    from domain.clock import Clock
    from domain.ports import AbstractUnitOfWork

QUIT = frozenset({"quit", "exit", "/quit"})


def converse(*, uow_factory: Callable[[], AbstractUnitOfWork], engine: DialogueEngine,
             clock: Clock, phone: str, lines: Iterable[str], write: Callable[[str], None]) -> None:
    """Send each line as an SMS from `phone` and write the bot's replies, until "quit" or EOF."""
    import uuid

    from bot.inbox import Inbound, receive
    from domain.parties import Channel

    for line in lines:
        text = line.strip()
        if text.lower() in QUIT:
            return
        if not text:
            continue
        inbound = Inbound(channel=Channel.SMS, address=phone, text=text,
                          provider_message_id=f"chat-{uuid.uuid4()}", received_at=clock.now())
        result = receive(uow_factory=uow_factory, engine=engine, inbound=inbound,
                         keyword_rules=True, reply_to_keywords=True)
        for reply in result.replies:
            write("bot> " + reply.replace("\n", "\n     "))
