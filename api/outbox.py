"""The outbox sender wired from settings: its providers, `fieldbot send-outbox` and
`fieldbot worker`."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from domain.parties import Channel

if TYPE_CHECKING:
    from api.bootstrap import Container
    from api.settings import Settings
    from bot.outbox import OutboxSender
    from bot.providers import AnyProvider

logger = logging.getLogger("fieldbot.outbox")


def providers_from(settings: Settings) -> dict[Channel, AnyProvider]:
    """Twilio for SMS when credentials are set, else the log provider; the log provider elsewhere."""
    from bot.providers import LogProvider
    from bot.providers.twilio import TwilioProvider

    log = LogProvider()
    providers: dict[Channel, AnyProvider] = {Channel.SMS: log, Channel.TELEGRAM: log,
                                          Channel.CONSOLE: log}
    if settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_from_number:
        callback = (f"{settings.public_base_url}/webhooks/twilio/status"
                    if settings.twilio_enabled else None)
        providers[Channel.SMS] = TwilioProvider(
            account_sid=settings.twilio_account_sid, auth_token=settings.twilio_auth_token,
            from_number=settings.twilio_from_number, api_base_url=settings.twilio_api_base_url,
            status_callback=callback)
    return providers


def sender_for(container: Container, providers: Mapping[Channel, AnyProvider] | None = None,
               *, concurrency: int | None = None) -> OutboxSender:
    """An outbox sender wired from the container (providers from its settings unless given),
    announcing itself on the container's database so its claims are never taken for a dead
    sender's."""
    from bot.outbox import OutboxSender, new_sender_name
    from store.presence import presence_for

    name = new_sender_name()
    # On a SQLite file the sender queues for the writer's lock like the webhook does.
    return OutboxSender(uow_factory=container.locked_uow_factory,
                        bus=container.bus,
                        providers=providers or providers_from(container.settings),
                        business=container.business, clock=container.clock,
                        concurrency=concurrency or container.settings.sender_concurrency,
                        name=name, presence=presence_for(container.engine, name))


def register(commands: Any) -> None:
    command = commands.add_parser("send-outbox", help="send due outbound messages")
    command.add_argument("--loop", action="store_true",
                         help="keep sending until interrupted (while no other process does)")
    command.add_argument("--interval", type=float, default=2.0, help="seconds between passes")
    command.add_argument("--database-url", help="overrides DATABASE_URL")
    command.set_defaults(func=run_send_outbox)

    worker = commands.add_parser(
        "worker", help="run the outbox sender as a process of its own, until SIGTERM")
    worker.add_argument("--concurrency", type=int, default=None,
                        help="messages at the provider at once (default SENDER_CONCURRENCY)")
    worker.add_argument("--interval", type=float, default=1.0,
                        help="seconds between looks when nothing is due")
    worker.add_argument("--database-url", help="overrides DATABASE_URL")
    worker.set_defaults(func=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    """Send until SIGTERM or SIGINT, then finish what is at the provider, hand back nothing
    unsent, and exit. On PostgreSQL any number of workers run side by side; on a SQLite file one
    sender runs at a time (the others wait for its lease)."""
    from api.background import SingletonWork, scheduler_service
    from api.bootstrap import bootstrap
    from api.logs import configure_logging
    from api.settings import Settings
    from store.singleton import lease_for

    if args.concurrency is not None and not 1 <= args.concurrency <= 256:
        print("fieldbot worker: --concurrency must be between 1 and 256", file=sys.stderr)
        return 2
    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = Settings(**overrides)
    configure_logging(settings.log_level)
    container = bootstrap(settings)
    stop = _stop_on_signals()
    # The scheduler's due pass runs in one worker at a time (its lease), beside the sending.
    scheduling = threading.Thread(
        target=scheduler_service(container, interval=settings.due_interval_seconds,
                                 retry=settings.singleton_retry_seconds).run,
        args=(stop,), name="scheduler", daemon=True) if settings.run_scheduler else None
    try:
        if scheduling is not None:
            scheduling.start()
        sender = sender_for(container, concurrency=args.concurrency)
        logger.info("outbox worker %s running, %d at a time", sender.name, sender.concurrency)
        if container.engine.dialect.name == "postgresql":
            sender.run_until(stop, interval=args.interval)
        else:
            SingletonWork(name="outbox-sender", lease=lease_for(container.engine, "outbox-sender"),
                          work=lambda done: sender.run_until(done, interval=args.interval),
                          retry=settings.singleton_retry_seconds).run(stop)
        logger.info("outbox worker %s stopped", sender.name)
        return 0
    finally:
        stop.set()
        if scheduling is not None:
            scheduling.join(timeout=30)
        container.engine.dispose()


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    return stop


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
                  f"deferred {report.deferred}, withheld {report.withheld}, "
                  f"possibly sent {report.interrupted}", flush=True)
            return 0
        stop = _stop_on_signals()
        logger.info("outbox sender running every %.1f s", args.interval)
        # Like `serve`, it sends only while no other process does (store/singleton.py).
        service = outbox_sender_service(container, interval=args.interval)
        service.run(stop)
        return 0
    finally:
        container.engine.dispose()
