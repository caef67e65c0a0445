"""A terminal conversation: each typed line goes through the inbox as a text from one number.

Exactly the path an SMS takes (carrier keywords included, with their answers shown), against the
configured database, with no provider or credentials needed (`fieldbot chat --phone ...`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from bot.channels import sms
from bot.dialogue.engine import DialogueEngine
from bot.inbox import receive
from domain.clock import Clock
from domain.ports import AbstractUnitOfWork

QUIT = frozenset({"quit", "exit", "/quit"})


def converse(*, uow_factory: Callable[[], AbstractUnitOfWork], engine: DialogueEngine,
             clock: Clock, phone: str, lines: Iterable[str], write: Callable[[str], None]) -> None:
    """Send each line as an SMS from `phone` and write the bot's replies, until "quit" or EOF."""
    rules = sms.rules(answer_keywords=True)
    for line in lines:
        text = line.strip()
        if text.lower() in QUIT:
            return
        if not text:
            continue
        inbound = sms.inbound(phone=phone, body=text, message_id=f"chat-{uuid.uuid4()}",
                              received_at=clock.now())
        result = receive(uow_factory=uow_factory, engine=engine, inbound=inbound, rules=rules)
        for reply in result.replies:
            write("bot> " + reply.replace("\n", "\n     "))
