"""The due pass: derive what is due (domain/due.py), write it to the outbox once, deliver what is
ready. `fieldbot run-due` runs one pass; `serve` runs it every minute (api/background.py).

A pass first withdraws the queued reminders whose visit moved, was cancelled or has started, so
a reminder never names an old time, even one written by an earlier pass and still deferred.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from bot.outbox import OutboxSender, SendReport
from bot.scheduler_texts import render
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.clock import Clock
from domain.due import Due, QuoteStale, derive, stale_reminders
from domain.parties import Channel
from domain.phones import mask_phone
from domain.ports import AbstractUnitOfWork
from domain.timeline import Activity, ActivityKind

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Queued:
    """One message a pass wrote, as a report shows it: no body, the address masked."""

    purpose: str
    key: str
    channel: Channel
    shown: str
    due_at: datetime
    dropped: str | None

    def line(self, zone: tzinfo) -> str:
        """One line for an operator, the due time in `zone` (the business's)."""
        due = self.due_at.astimezone(zone).isoformat(timespec="minutes")
        state = f"dropped ({self.dropped})" if self.dropped else f"due {due}"
        return f"{self.purpose:<12} {self.key:<56} {self.channel.value}:{self.shown} {state}"


@dataclass
class DueReport:
    """What one pass did."""

    queued: list[Queued] = field(default_factory=list)
    withdrawn: list[tuple[int, str]] = field(default_factory=list)
    opted_out: int = 0  # due, but the recipient opted out on that channel: not written
    sent: SendReport = field(default_factory=SendReport)

    def counts(self) -> Counter[str]:
        return Counter(item.purpose for item in self.queued if item.dropped is None)

    def summary(self) -> str:
        by_purpose = ", ".join(f"{purpose} {count}" for purpose, count in
                               sorted(self.counts().items())) or "nothing"
        dropped = sum(1 for item in self.queued if item.dropped)
        return (f"queued: {by_purpose}; dropped {dropped}; withdrawn {len(self.withdrawn)}; "
                f"opted out {self.opted_out}; sent {self.sent.sent}, deferred "
                f"{self.sent.deferred}, withheld {self.sent.withheld}, retrying "
                f"{self.sent.retrying}, failed {self.sent.failed}")


@dataclass
class DuePass:
    """One pass of the scheduler over the database, then the sender over the outbox."""

    uow_factory: Callable[[], AbstractUnitOfWork]
    business: BusinessSettings
    catalog: Catalog
    clock: Clock
    sender: OutboxSender | None = None

    def run(self, *, dry_run: bool = False, stop: threading.Event | None = None) -> DueReport:
        """Derive, write and (unless `dry_run`) send; a dry run writes and sends nothing."""
        now = self.clock.now()
        report = DueReport()
        with self.uow_factory() as uow:
            report.withdrawn = stale_reminders(uow.due.queued_reminders(), now)
            uow.messages.withdraw(report.withdrawn)
            upkeep = {s.upkeep_months for s in self.catalog.services if s.upkeep_months}
            derived = derive(uow.due, self.business, upkeep, now).due
            # Most of it an earlier pass wrote: only the rest is checked, worded and written.
            known = uow.messages.known_keys([item.key for item in derived])
            found = [item for item in derived if item.key not in known]
            allowed = _not_opted_out(uow, found)
            report.opted_out = len(found) - len(allowed)
            written = set(uow.messages.add_due(
                [(item, render(item, self.business.name)) for item in allowed], now))
            report.queued = [_queued(item) for item in allowed if item.key in written]
            _flag_stale_quotes(uow, [item for item in allowed if item.key in written], now)
            if dry_run:
                return report  # the unit of work rolls back: what it would write, unwritten
            uow.commit()
        if report.withdrawn:
            logger.info("scheduler: withdrew %d reminder(s) of moved or cancelled visits",
                        len(report.withdrawn))
        if self.sender is not None:
            report.sent = self._deliver(stop)
        return report

    def run_until(self, stop: threading.Event, *, interval: float = 60.0) -> None:
        """A pass every `interval` seconds until `stop` is set; a failed pass is tried again."""
        while not stop.is_set():
            try:
                report = self.run(stop=stop)
                if report.queued or report.withdrawn:
                    logger.info("scheduler: %s", report.summary())
            except Exception as exc:  # the database restarting must not end the loop
                logger.error("scheduler pass failed (%s); trying again", type(exc).__name__)
            stop.wait(interval)

    def _deliver(self, stop: threading.Event | None) -> SendReport:
        """Send everything ready now (the sender claims and sends until nothing is due)."""
        assert self.sender is not None
        return self.sender.send_due(stop)


def _flag_stale_quotes(uow: AbstractUnitOfWork, written: list[Due], now: datetime) -> None:
    """A quote whose rep was just told it is stale says so on its account's timeline."""
    # One batched INSERT: a catch-up pass flags thousands.
    uow.activities.add_written([
        Activity(account_id=item.account_id, kind=ActivityKind.STATUS_CHANGE, at=now,
                 summary=f"Quote {item.facts.number} flagged stale: no answer in "
                         f"{item.facts.days} days; rep told",
                 subject_type="quote", subject_id=item.about_id)
        for item in written if isinstance(item.facts, QuoteStale) and item.account_id is not None])


def _not_opted_out(uow: AbstractUnitOfWork, found: list[Due]) -> list[Due]:
    """What may be written: nothing automated for an address that opted out on that channel."""
    by_channel: dict[Channel, set[str]] = {}
    for item in found:
        by_channel.setdefault(item.recipient.channel, set()).add(item.recipient.address)
    out = {(channel, address) for channel, addresses in by_channel.items()
           for address in uow.consents.opted_out(channel, addresses)}
    return [item for item in found
            if (item.recipient.channel, item.recipient.address) not in out]


def _queued(item: Due) -> Queued:
    address = item.recipient.address
    shown = mask_phone(address) if address.startswith("+") else "chat"
    return Queued(item.purpose, item.key, item.recipient.channel, shown, item.due_at, item.dropped)
