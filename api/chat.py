"""`fieldbot chat --phone +15550100001`: text the bot from a terminal, as that number would by SMS."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `chat` subcommand to the fieldbot command line."""
    chat = subparsers.add_parser("chat", help="talk to the bot in the terminal as a phone number")
    chat.add_argument("--phone", required=True, help="the sender's number, e.g. +15550100001")
    chat.add_argument("--database-url", help="defaults to DATABASE_URL / the settings")
    chat.set_defaults(func=run_chat)


def run_chat(args: Any) -> int:
    from api.bootstrap import bootstrap
    from api.settings import Settings
    from bot.chat import converse
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


def _typed(interactive: bool) -> Iterator[str]:
    while True:
        try:
            yield input("you> " if interactive else "")
        except EOFError:
            return
