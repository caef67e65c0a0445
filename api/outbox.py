"""The outbox sender wired from settings: its providers, and `fieldbot send-outbox`."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from domain.parties import Channel

if TYPE_CHECKING:
    from api.bootstrap import Container
    from api.settings import Settings
    from bot.outbox import OutboxSender
    from bot.providers import Provider

logger = logging.getLogger("fieldbot.outbox")


def providers_from(settings: Settings) -> dict[Channel, Provider]:
    """Twilio for SMS when credentials are set, else the log provider; the log provider elsewhere."""
    from bot.providers import LogProvider
    from bot.providers.twilio import TwilioProvider

    log = LogProvider()
    providers: dict[Channel, Provider] = {Channel.SMS: log, Channel.TELEGRAM: log,
                                          Channel.CONSOLE: log}
    if settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_from_number:
        callback = (f"{settings.public_base_url}/webhooks/twilio/status"
                    if settings.twilio_enabled else None)
        providers[Channel.SMS] = TwilioProvider(
            account_sid=settings.twilio_account_sid, auth_token=settings.twilio_auth_token,
            from_number=settings.twilio_from_number, api_base_url=settings.twilio_api_base_url,
            status_callback=callback)
    return providers


def sender_for(container: Container, providers: Mapping[Channel, Provider] | None = None
               ) -> OutboxSender:
    """An outbox sender wired from the container (providers from its settings unless given)."""
    from bot.outbox import OutboxSender

    # On a SQLite file the sender queues for the writer's lock like the webhook does.
    return OutboxSender(uow_factory=container.locked_uow_factory,
                        bus=container.bus,
                        providers=providers or providers_from(container.settings),
                        business=container.business, clock=container.clock)


def register(commands: Any) -> None:
    command = commands.add_parser("send-outbox", help="send due outbound messages")
    command.add_argument("--loop", action="store_true",
                         help="keep sending until interrupted (while no other process does)")
    command.add_argument("--interval", type=float, default=2.0, help="seconds between passes")
    command.add_argument("--database-url", help="overrides DATABASE_URL")
    command.set_defaults(func=run_send_outbox)


def run_send_outbox(args: argparse.Namespace) -> int:
    from api.background import outbox_sender_service
    from api.bootstrap import bootstrap
    from api.logs import configure_logging
    from api.settings import Settings

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
        # Like `serve`, it sends only while no other process does (store/singleton.py).
        service = outbox_sender_service(container, interval=args.interval)
        service.run(stop)
        return 0
    finally:
        container.engine.dispose()
