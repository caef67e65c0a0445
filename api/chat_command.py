"""`fieldbot chat --phone +15550100001 [--now ISO]`: text the bot from a terminal as that number."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from domain.clock import Clock


def register(subparsers: Any) -> None:
    """Add the `chat` subcommand to the fieldbot command line."""
    chat = subparsers.add_parser("chat", help="talk to the bot in the terminal as a phone number")
    chat.add_argument("--phone", required=True, help="the sender's number, e.g. +15550100001")
    chat.add_argument("--database-url", help="defaults to DATABASE_URL / the settings")
    chat.add_argument("--now", type=moment,
                      help="the whole chat acts at this moment, e.g. 2026-03-02T09:00-06:00 "
                           "(a time without an offset is read in the business's zone)")
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
    container = bootstrap(settings, clock=clock_at(args.now, settings) if args.now else None)
    interactive = sys.stdin.isatty()
    if interactive:
        print(f"Texting {container.business.name} as {phone}. Type 'quit' or Ctrl-D to leave.")
    try:
        converse(uow_factory=container.locked_uow_factory, engine=container.dialogue,
                 clock=container.clock, phone=phone, lines=_typed(interactive), write=print)
    finally:
        container.engine.dispose()
    return 0


def moment(text: str) -> datetime:
    """An ISO date-time for --now; it may lack an offset (read in the business's zone later)."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {text!r}") from error
    if not _YEARS[0] <= found.year <= _YEARS[1]:  # reminders and offers reach days around it
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range: give a moment in the years {_YEARS[0]} to {_YEARS[1]}")
    return found


_YEARS = (1970, 9000)


def clock_at(now: datetime, settings: Any) -> Clock:
    """A clock standing at `now`; a wall time without an offset is the business's local time."""
    from api.bootstrap import bootstrap
    from domain.clock import FixedClock

    if now.tzinfo is None:
        probe = bootstrap(settings)  # only to read the business's zone
        try:
            now = now.replace(tzinfo=ZoneInfo(probe.business.timezone))
        finally:
            probe.engine.dispose()
    return FixedClock(now)


def _typed(interactive: bool) -> Iterator[str]:
    while True:
        try:
            yield input("you> " if interactive else "")
        except EOFError:
            return
