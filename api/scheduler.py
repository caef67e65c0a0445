"""The scheduler wired from settings: `fieldbot run-due`, and the periodic pass `serve` runs."""

from __future__ import annotations

import argparse
import logging
import threading
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from api.chat_command import clock_at, moment

if TYPE_CHECKING:
    from api.bootstrap import Container
    from bot.scheduler import DuePass
    from domain.clock import Clock

logger = logging.getLogger("fieldbot.scheduler")


def due_pass_for(container: Container, *, clock: Clock | None = None,
                 send: bool = True) -> DuePass:
    """A due pass over the container's database; its sender shares the pass's clock."""
    from api.outbox import sender_for
    from bot.scheduler import DuePass

    sender = sender_for(container) if send else None
    if sender is not None and clock is not None:
        sender.clock = clock
    return DuePass(uow_factory=container.locked_uow_factory, business=container.business,
                   catalog=container.catalog, clock=clock or container.clock, sender=sender)


def run_periodically(due: DuePass, stop: threading.Event, *, interval: float) -> None:
    """Run `due` every `interval` seconds on an APScheduler 3 BackgroundScheduler until `stop`."""
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone="UTC")
    # One pass at a time; a pass missed while the previous ran long is merged into the next.
    scheduler.add_job(lambda: _pass(due, stop), "interval", seconds=interval, max_instances=1,
                      coalesce=True, id="due-pass")
    scheduler.start()
    try:
        stop.wait()
    finally:
        scheduler.shutdown(wait=True)  # the pass in flight finishes first


def _pass(due: DuePass, stop: threading.Event) -> None:
    try:
        report = due.run(stop=stop)
    except Exception as exc:  # the database restarting must not end the schedule
        logger.error("scheduler pass failed (%s); next pass as planned", type(exc).__name__)
        return
    if report.queued or report.withdrawn:
        logger.info("scheduler: %s", report.summary())


def register(commands: Any) -> None:
    command = commands.add_parser(
        "run-due", help="one scheduler pass: derive what is due, queue it once, send what is ready")
    command.add_argument("--now", type=moment,
                         help="run as if it were this moment, e.g. 2026-03-07T08:00-06:00 (a time "
                              "without an offset is read in the business's zone)")
    command.add_argument("--dry-run", action="store_true",
                         help="show what would be queued; write and send nothing")
    command.add_argument("--database-url", help="overrides DATABASE_URL")
    command.set_defaults(func=run_due)


def run_due(args: argparse.Namespace) -> int:
    from api.bootstrap import bootstrap
    from api.logs import configure_logging
    from api.settings import Settings

    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = Settings(**overrides)
    clock: Clock | None = clock_at(args.now, settings) if args.now else None
    configure_logging(settings.log_level)
    container = bootstrap(settings)
    zone = ZoneInfo(container.business.timezone)
    try:
        report = due_pass_for(container, clock=clock, send=not args.dry_run).run(
            dry_run=args.dry_run)
    finally:
        container.engine.dispose()
    head = "would queue" if args.dry_run else "queued"
    for item in report.queued:
        print(f"{head} {item.line(zone)}")
    for message_id, reason in report.withdrawn:
        print(f"withdrew message {message_id}: {reason}")
    print(("dry run, nothing written: " if args.dry_run else "") + report.summary(), flush=True)
    return 0
