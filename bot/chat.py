"""`fieldbot chat --phone +15550100001`: text the bot from a terminal, as that number would by SMS.

Each line goes through bot.inbox.receive exactly like an SMS (carrier keywords included, with
their answers shown), against the configured database, with no provider or credentials needed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.dialogue import DialogueEngine
    from domain.clock import Clock
    from domain.ports import AbstractUnitOfWork

QUIT = frozenset({"quit", "exit", "/quit"})


def register(subparsers: Any) -> None:
    """Add the `chat` subcommand to the fieldbot command line."""
    chat = subparsers.add_parser("chat", help="talk to the bot in the terminal as a phone number")
    chat.add_argument("--phone", required=True, help="the sender's number, e.g. +15550100001")
    chat.add_argument("--database-url", help="defaults to DATABASE_URL / the settings")
    chat.set_defaults(func=run_chat)


def run_chat(args: Any) -> int:
    from api.bootstrap import bootstrap
    from api.settings import Settings
    from domain.errors import InvalidPhoneNumber
    from domain.phones import normalize_phone
    from store.migrate import upgrade

    try:
        phone = normalize_phone(args.phone)
    except InvalidPhoneNumber as error:
        print(f"fieldbot chat: {error}", file=sys.stderr)
        return 2
    settings = Settings(database_url=args.database_url) if args.database_url else Settings()
    upgrade(settings.database_url)
    container = bootstrap(settings)
    interactive = sys.stdin.isatty()
    if interactive:
        print(f"Texting {container.business.name} as {phone}. Type 'quit' or Ctrl-D to leave.")
    try:
        converse(uow_factory=container.uow_factory, engine=container.dialogue,
                 clock=container.clock, phone=phone, lines=_typed(interactive), write=print)
    finally:
        container.engine.dispose()
    return 0


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


def _typed(interactive: bool) -> Iterator[str]:
    while True:
        try:
            yield input("you> " if interactive else "")
        except EOFError:
            return
