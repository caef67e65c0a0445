"""The outbox sender: claims due messages, respects consent and quiet hours, sends, retries.

Messages are claimed (QUEUED -> SENDING) and committed before any provider call, so no database
lock is held while the network is slow, and concurrent senders never claim the same row. Each
result is committed on its own: a crash loses at most the outcome of the message in flight.

It knows no provider: each maps its own errors onto a FailureKind (bot/providers), and the sender
decides from that alone whether to retry, record an opt-out or flag the address.
"""

from __future__ import annotations

import logging
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.providers import DeliveryReport, FailureKind, Provider, SendFailure
from domain.bus import MessageBus
from domain.business import BusinessSettings, next_allowed_moment
from domain.clock import Clock
from domain.commands import OptOut
from domain.consent import BY_CARRIER
from domain.messages import NON_URGENT_KINDS, Direction, Message, MessageStatus
from domain.parties import Channel, Contact
from domain.phones import mask_phone
from domain.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

# Worth another try: the provider was busy or down, or it may never have got the request.
RETRIED = frozenset({FailureKind.TRANSIENT, FailureKind.UNKNOWN_OUTCOME})


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with jitter: 30 s, 1 min, 2 min ... at most 1 h, 8 attempts."""

    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)
    max_attempts: int = 8
    stuck_after: timedelta = timedelta(minutes=10)  # longer than any provider call may take

    def delay(self, attempts: int, rng: random.Random) -> timedelta:
        """The wait after `attempts` failed attempts; half of it is random so senders spread out."""
        capped: timedelta = min(self.max_delay, self.first_delay * (2 ** max(0, attempts - 1)))
        return capped / 2 + capped / 2 * rng.random()


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    deferred: int = 0
    withheld: int = 0
    interrupted: int = 0
    released: int = 0  # claimed, then handed back unsent because the sender was stopping

    @property
    def claimed(self) -> int:
        return self.sent + self.retrying + self.failed + self.deferred + self.withheld + self.released


_Outgoing = tuple[int | None, Channel, str, str]  # message id, channel, address, body


@dataclass
class OutboxSender:
    """Sends what is due, one batch per call to `send_due`."""

    uow_factory: Callable[[], AbstractUnitOfWork]
    bus: MessageBus
    providers: Mapping[Channel, Provider]
    business: BusinessSettings
    clock: Clock
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    rng: random.Random = field(default_factory=random.Random)
    batch_size: int = 50

    def send_due(self, stop: threading.Event | None = None) -> SendReport:
        """Claim due messages, hold back what consent or quiet hours forbid, send the rest.

        Once `stop` is set, the message in flight finishes and the rest go back to the queue.
        """
        report = SendReport()
        now = self.clock.now()
        with self.uow_factory() as uow:
            report.interrupted = self._reconcile_interrupted(uow, now)
            claimed = uow.messages.claim_due(now, self.batch_size)
            opted_out = _opted_out(uow, [m for m in claimed if m.is_automated])
            to_send = [message for message in claimed
                       if self._may_go_now(uow, message, opted_out, now, report)]
            for message in to_send:
                message.due_at = now  # while SENDING, due_at says when the attempt started
            outgoing: list[_Outgoing] = [(m.id, m.channel, m.address, m.body) for m in to_send]
            uow.commit()
        for index, (message_id, channel, address, body) in enumerate(outgoing):
            if stop is not None and stop.is_set():
                report.released = self._release([item[0] for item in outgoing[index:]])
                break
            self._send_one(message_id, channel, address, body, report)
        return report

    def run_until(self, stop: threading.Event, *, interval: float = 2.0) -> None:
        """Send what is due every `interval` seconds until `stop` is set; survives DB outages."""
        failures = 0
        while not stop.is_set():
            try:
                report = self.send_due(stop)
                failures = 0
            except Exception as exc:  # a database restart must not kill the loop (no crash loop)
                failures += 1
                logger.error("outbox sender pass failed (%s); retrying", type(exc).__name__)
                stop.wait(min(60.0, interval * 2 ** min(failures, 5)))
                continue
            # A full batch means more may be due: go again at once.
            if report.claimed < self.batch_size:
                stop.wait(interval)

    def _reconcile_interrupted(self, uow: AbstractUnitOfWork, now: datetime) -> int:
        """Messages left SENDING by a sender that died mid-call: flagged, never blindly resent.

        The provider may or may not have taken them; a dispatcher decides (the failed list).
        """
        stale_before = now - self.policy.stuck_after
        interrupted = 0
        for message in uow.messages.find(status=MessageStatus.SENDING):
            if message.due_at is not None and message.due_at < stale_before:
                message.status = MessageStatus.FAILED
                message.last_error = ("interrupted while sending; it may have been delivered: "
                                      "check before sending it again")
                interrupted += 1
        if interrupted:
            logger.warning("outbox: %d message(s) interrupted mid-send flagged as failed",
                           interrupted)
        return interrupted

    def _may_go_now(self, uow: AbstractUnitOfWork, message: Message,
                    opted_out: set[tuple[Channel, str]], now: datetime,
                    report: SendReport) -> bool:
        if message.is_automated and (message.channel, message.address) in opted_out:
            message.status, message.last_error = MessageStatus.CANCELLED, "recipient opted out"
            report.withheld += 1
            return False
        if message.kind in NON_URGENT_KINDS:
            zone = _recipient_zone(uow, message, self.business)
            allowed_at = next_allowed_moment(now, zone, self.business)
            if allowed_at > now:
                # Deferred, never dropped; a deferral is not a failed attempt.
                message.status, message.due_at = MessageStatus.QUEUED, allowed_at
                message.attempts = max(0, message.attempts - 1)
                report.deferred += 1
                return False
        return True

    def _send_one(self, message_id: int | None, channel: Channel, address: str, body: str,
                  report: SendReport) -> None:
        provider = self.providers.get(channel)
        failure: SendFailure | None = None
        provider_id: str | None = None
        try:
            if provider is None:
                raise SendFailure(FailureKind.TRANSIENT, f"no provider for {channel.value} yet")
            provider_id = provider.send(channel=channel, to=address, body=body)
        except SendFailure as exc:
            failure = exc
        except Exception as exc:  # a provider's bug: whether it went out is unknown
            failure = SendFailure(FailureKind.UNKNOWN_OUTCOME,
                                  f"{channel.value} provider failed ({type(exc).__name__})")
        with self.uow_factory() as uow:
            message = uow.messages.get(message_id) if message_id is not None else None
            if message is None:
                return
            now = self.clock.now()
            if failure is None:
                message.status, message.provider_message_id = MessageStatus.SENT, provider_id
                message.sent_at, message.last_error = now, None
                report.sent += 1
            else:
                self._record_failure(uow, message, failure, now, report)
            uow.commit()

    def _record_failure(self, uow: AbstractUnitOfWork, message: Message, failure: SendFailure,
                        now: datetime, report: SendReport) -> None:
        shown = _shown(message)
        maybe_sent = ("; it may have been delivered"
                      if failure.kind is FailureKind.UNKNOWN_OUTCOME else "")
        if failure.kind in RETRIED and message.attempts < self.policy.max_attempts:
            message.status = MessageStatus.QUEUED
            message.due_at = now + self.policy.delay(message.attempts, self.rng)
            message.last_error = f"{failure} (attempt {message.attempts}, will retry{maybe_sent})"
            report.retrying += 1
            logger.warning("outbox: message %s to %s failed (%s, %s); retrying", message.id,
                           shown, failure.kind.value, failure)
            return
        message.status = MessageStatus.FAILED
        report.failed += 1
        message.last_error = _failed_for_good(failure, message.attempts) + maybe_sent
        if failure.kind is FailureKind.UNSUBSCRIBED:
            self.bus.handle_in(uow, OptOut(channel=message.channel, address=message.address,
                                           actor=BY_CARRIER, at=now))
        logger.warning("outbox: message %s to %s failed for good (%s, %s)", message.id, shown,
                       failure.kind.value, failure)

    def _release(self, message_ids: list[int | None]) -> int:
        """Hand claimed messages back to the queue unsent (stopping): due now, attempt not spent."""
        released = 0
        with self.uow_factory() as uow:
            now = self.clock.now()
            for message in uow.messages.get_many([i for i in message_ids if i is not None]):
                if message.status is MessageStatus.SENDING:
                    message.status, message.due_at = MessageStatus.QUEUED, now
                    message.attempts = max(0, message.attempts - 1)
                    released += 1
            uow.commit()
        return released


def _failed_for_good(failure: SendFailure, attempts: int) -> str:
    """What the failed list says about a message that will not be tried again."""
    if failure.kind is FailureKind.UNSUBSCRIBED:
        return f"{failure}: recipient unsubscribed; opted out"
    if failure.kind is FailureKind.BAD_ADDRESS:
        return f"{failure}: the address cannot receive messages; flagged"
    if failure.kind in RETRIED:
        return f"{failure}: gave up after {attempts} attempts"
    return f"{failure}: refused by the provider"


def _opted_out(uow: AbstractUnitOfWork, messages: Collection[Message]) -> set[tuple[Channel, str]]:
    """Which (channel, address) pairs among `messages` have opted out: one read per channel."""
    addresses: dict[Channel, set[str]] = defaultdict(set)
    for message in messages:
        addresses[message.channel].add(message.address)
    return {(channel, address) for channel, wanted in addresses.items()
            for address in uow.consents.opted_out(channel, wanted)}


def _shown(message: Message) -> str:
    return mask_phone(message.address) if message.address.startswith("+") else "chat"


def _recipient(uow: AbstractUnitOfWork, message: Message) -> Contact | None:
    """The customer contact a message goes to (staff notices have none)."""
    if message.contact_id is not None:
        return uow.contacts.get(message.contact_id)
    if message.staff_id is None and message.channel is Channel.SMS:
        return uow.contacts.first(phone=message.address)
    return None


def _recipient_zone(uow: AbstractUnitOfWork, message: Message,
                    business: BusinessSettings) -> ZoneInfo:
    """The recipient's zone: the message's own, else the contact's site's, else the business's."""
    if message.timezone:
        return ZoneInfo(message.timezone)
    contact = _recipient(uow, message)
    if contact is not None:
        site = uow.sites.first(account_id=contact.account_id)
        if site is not None:
            return ZoneInfo(site.timezone)
    return business.zone_info


def record_delivery(*, uow_factory: Callable[[], AbstractUnitOfWork], bus: MessageBus,
                    clock: Clock, channel: Channel, provider_message_id: str,
                    report: DeliveryReport) -> bool:
    """Record what a provider reported about a message it took; False when it is not ours.

    Reports arrive out of order: "sent" never undoes "delivered" or "failed".
    """
    with uow_factory() as uow:
        message = uow.messages.first(channel=channel, provider_message_id=provider_message_id,
                                     direction=Direction.OUT)
        if message is None:
            return False
        stage = report.stage
        if stage is MessageStatus.SENT and message.status in (MessageStatus.DELIVERED,
                                                              MessageStatus.FAILED):
            return True
        if message.status is not MessageStatus.REPLIED or stage is not MessageStatus.SENT:
            message.status = stage
        if stage is MessageStatus.DELIVERED:
            message.last_error = None
        if stage is MessageStatus.FAILED:
            failure = report.failure or SendFailure(FailureKind.REJECTED, "failed")
            message.last_error = str(failure)
            if failure.kind is FailureKind.BAD_ADDRESS:
                message.last_error += ": the address cannot receive messages; flagged"
            if failure.kind is FailureKind.UNSUBSCRIBED:
                message.last_error += ": recipient unsubscribed; opted out"
                bus.handle_in(uow, OptOut(channel=channel, address=message.address,
                                          actor=BY_CARRIER, message_id=provider_message_id,
                                          at=clock.now()))
        message.sent_at = message.sent_at or clock.now()
        uow.commit()
    return True
