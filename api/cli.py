"""The `fieldbot` command line; commands import what they need lazily, keeping start-up cheap."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldbot", description="fieldbot command line")
    commands = parser.add_subparsers(dest="command", required=True)

    # Each module adds its own subcommands; their top-level imports must stay cheap.
    from api import business_commands
    from api import chat_command as chat_cli
    from api import commands as server_commands
    from api import outbox as outbox_cli
    from api import scheduler as scheduler_cli
    from bot.nlu import cli as nlu_cli

    server_commands.register(commands)
    business_commands.register(commands)
    nlu_cli.register(commands)
    outbox_cli.register(commands)
    scheduler_cli.register(commands)
    chat_cli.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    result = args.func(args)
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
