"""`fieldbot send-outbox`: deliver due outbound messages once, or keep doing it (--loop)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from typing import Any

logger = logging.getLogger("fieldbot.outbox")


def register(commands: Any) -> None:
    command = commands.add_parser("send-outbox", help="send due outbound messages")
    command.add_argument("--loop", action="store_true", help="keep sending until interrupted")
    command.add_argument("--interval", type=float, default=2.0, help="seconds between passes")
    command.add_argument("--database-url", help="overrides DATABASE_URL")
    command.set_defaults(func=run_send_outbox)


def run_send_outbox(args: argparse.Namespace) -> int:
    from api.bootstrap import bootstrap
    from api.logs import configure_logging
    from api.settings import Settings
    from bot.outbox import run_sender_forever, sender_for

    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = Settings(**overrides)
    configure_logging(settings.log_level)
    container = bootstrap(settings)
    try:
        if not args.loop:
            report = sender_for(container).send_due()
            print(f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}, "
                  f"deferred {report.deferred}, withheld {report.withheld}", flush=True)
            return 0
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        logger.info("outbox sender running every %.1f s", args.interval)
        run_sender_forever(container, stop, interval=args.interval)
        return 0
    finally:
        container.engine.dispose()
