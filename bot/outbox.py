"""The outbox sender: claims due messages, respects consent and quiet hours, sends, retries.

Messages are claimed (QUEUED -> SENDING) and committed before any provider call, so no database
lock is held while the network is slow, and concurrent senders never claim the same row. Each
result is committed on its own: a crash loses at most the outcome of the message in flight.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.providers import Provider, ProviderError
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.clock import Clock
from domain.commands import OptOut
from domain.messages import NON_URGENT_KINDS, Direction, Message, MessageStatus
from domain.parties import Channel, Contact
from domain.phones import mask_phone
from domain.ports import AbstractUnitOfWork

if TYPE_CHECKING:
    from api.bootstrap import Container

logger = logging.getLogger(__name__)

UNSUBSCRIBED = 21610  # the recipient texted STOP to the sending number
PERMANENT_CODES = frozenset({21211, 21614, 30005, 30006})  # invalid, not mobile, unknown, landline
RETRY_CODES = frozenset({30003, 20429})  # unreachable handset, too many requests


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


def is_retryable(error: ProviderError) -> bool:
    """Timeouts, 5xx, 429 and 30003 are worth another try; other refusals are final."""
    if error.code in RETRY_CODES:
        return True
    if error.code in PERMANENT_CODES or error.code == UNSUBSCRIBED:
        return False
    return error.status is None or error.status >= 500 or error.status == 429


def next_allowed_moment(now: datetime, zone: ZoneInfo, business: BusinessSettings) -> datetime:
    """`now` if it is inside quiet hours' allowed span in `zone`, else when that span next opens."""
    local = now.astimezone(zone)
    window = business.quiet_hours
    if window.contains(local.time()):
        return now
    day = local.date() if local.time() < window.start else local.date() + timedelta(days=1)
    opens, _ = window.on(day, zone)
    return opens.astimezone(now.tzinfo)


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    deferred: int = 0
    withheld: int = 0
    interrupted: int = 0

    @property
    def claimed(self) -> int:
        return self.sent + self.retrying + self.failed + self.deferred + self.withheld


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

    def send_due(self) -> SendReport:
        """Claim due messages, hold back what consent or quiet hours forbid, send the rest."""
        report = SendReport()
        now = self.clock.now()
        with self.uow_factory() as uow:
            report.interrupted = self._reconcile_interrupted(uow, now)
            claimed = uow.messages.claim_due(now, self.batch_size)
            to_send = [message for message in claimed if self._may_go_now(uow, message, now, report)]
            for message in to_send:
                message.due_at = now  # while SENDING, due_at says when the attempt started
            outgoing = [(m.id, m.channel, m.address, m.body) for m in to_send]
            uow.commit()
        for message_id, channel, address, body in outgoing:
            self._send_one(message_id, channel, address, body, report)
        return report

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

    def _may_go_now(self, uow: AbstractUnitOfWork, message: Message, now: datetime,
                    report: SendReport) -> bool:
        contact = _recipient(uow, message)
        if (not contact.may_message(message.channel) if contact is not None
                else _stranger_opted_out(uow, message)):
            message.status, message.last_error = MessageStatus.CANCELLED, "recipient opted out"
            report.withheld += 1
            return False
        if message.kind in NON_URGENT_KINDS:
            allowed_at = next_allowed_moment(now, _recipient_zone(uow, message, contact,
                                                                  self.business), self.business)
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
        try:
            if provider is None:
                raise ProviderError(f"no provider for {channel.value}", status=503)
            provider_id: str | None = provider.send(channel=channel, to=address, body=body)
            error: ProviderError | None = None
        except ProviderError as exc:
            provider_id, error = None, exc
        with self.uow_factory() as uow:
            message = uow.messages.get(message_id) if message_id is not None else None
            if message is None:
                return
            now = self.clock.now()
            if error is None:
                message.status, message.provider_message_id = MessageStatus.SENT, provider_id
                message.sent_at, message.last_error = now, None
                report.sent += 1
            else:
                self._record_failure(uow, message, error, now, report)
            uow.commit()

    def _record_failure(self, uow: AbstractUnitOfWork, message: Message, error: ProviderError,
                        now: datetime, report: SendReport) -> None:
        shown = mask_phone(message.address) if message.address.startswith("+") else "chat"
        if is_retryable(error) and message.attempts < self.policy.max_attempts:
            message.status = MessageStatus.QUEUED
            message.due_at = now + self.policy.delay(message.attempts, self.rng)
            message.last_error = f"{error} (attempt {message.attempts}, will retry)"
            report.retrying += 1
            logger.warning("outbox: message %s to %s failed (%s); retrying", message.id, shown,
                           error)
            return
        message.status = MessageStatus.FAILED
        report.failed += 1
        if error.code == UNSUBSCRIBED:
            message.last_error = f"{error}: recipient unsubscribed; contact opted out"
            contact = _recipient(uow, message)
            if contact is not None and contact.id is not None:
                self.bus.handle_in(uow, OptOut(contact_id=contact.id, channel=message.channel))
        elif error.code in PERMANENT_CODES:
            message.last_error = f"{error}: number cannot receive texts; flagged"
        elif is_retryable(error):
            message.last_error = f"{error}: gave up after {message.attempts} attempts"
        else:
            message.last_error = f"{error}: refused by the provider"
        logger.warning("outbox: message %s to %s failed for good (%s)", message.id, shown, error)


def _recipient(uow: AbstractUnitOfWork, message: Message) -> Contact | None:
    """The customer contact a message goes to (staff notices have none)."""
    if message.contact_id is not None:
        return uow.contacts.get(message.contact_id)
    if message.staff_id is None and message.channel is Channel.SMS:
        return uow.contacts.first(phone=message.address)
    return None


def _stranger_opted_out(uow: AbstractUnitOfWork, message: Message) -> bool:
    """A number we never onboarded keeps its opt-out on its conversation (see bot.dialogue.consent)."""
    from bot.dialogue.consent import OPTED_OUT_AT

    conversations = getattr(uow, "conversations", None)
    if message.staff_id is not None or conversations is None:
        return False
    conversation = conversations.first(channel=message.channel, address=message.address)
    return conversation is not None and OPTED_OUT_AT in (conversation.data or {})


def _recipient_zone(uow: AbstractUnitOfWork, message: Message, contact: Contact | None,
                    business: BusinessSettings) -> ZoneInfo:
    """The recipient's zone: the message's own, else the contact's site's, else the business's."""
    if message.timezone:
        return ZoneInfo(message.timezone)
    if contact is not None:
        site = uow.sites.first(account_id=contact.account_id)
        if site is not None:
            return ZoneInfo(site.timezone)
    return business.zone_info


# Twilio's MessageStatus values, as fieldbot records them; "sent" and earlier never undo a later one.
_REPORTED = {
    "accepted": MessageStatus.SENT, "queued": MessageStatus.SENT, "sending": MessageStatus.SENT,
    "sent": MessageStatus.SENT, "delivered": MessageStatus.DELIVERED,
    "read": MessageStatus.DELIVERED, "undelivered": MessageStatus.FAILED,
    "failed": MessageStatus.FAILED,
}


def record_delivery_status(*, uow_factory: Callable[[], AbstractUnitOfWork], bus: MessageBus,
                           clock: Clock, provider_message_id: str, reported: str,
                           error_code: int | None) -> bool:
    """Record a provider's delivery report on the outbound message; False when it is not ours."""
    recorded = _REPORTED.get(reported.strip().lower())
    with uow_factory() as uow:
        message = uow.messages.first(channel=Channel.SMS, provider_message_id=provider_message_id,
                                     direction=Direction.OUT)
        if message is None or recorded is None:
            return False
        if recorded is MessageStatus.SENT and message.status in (MessageStatus.DELIVERED,
                                                                 MessageStatus.FAILED):
            return True  # callbacks arrive out of order; an earlier stage never undoes a later one
        if message.status is not MessageStatus.REPLIED or recorded is not MessageStatus.SENT:
            message.status = recorded
        if recorded is MessageStatus.DELIVERED:
            message.last_error = None
        if recorded is MessageStatus.FAILED:
            message.last_error = f"twilio {reported.lower()} {error_code or ''}".strip()
            if error_code == UNSUBSCRIBED:
                contact = _recipient(uow, message)
                if contact is not None and contact.id is not None:
                    bus.handle_in(uow, OptOut(contact_id=contact.id, channel=Channel.SMS))
        message.sent_at = message.sent_at or clock.now()
        uow.commit()
    return True


def sender_for(container: Container, providers: Mapping[Channel, Provider] | None = None
               ) -> OutboxSender:
    """An outbox sender wired from the container (providers from its settings unless given)."""
    from bot.providers import providers_from

    # On a SQLite file the sender queues for the writer's lock like the webhook does.
    return OutboxSender(uow_factory=container.locked_uow_factory,
                        bus=container.bus,
                        providers=providers or providers_from(container.settings),
                        business=container.business, clock=container.clock)


def run_sender_forever(container: Container, stop_event: threading.Event, *,
                       interval: float = 2.0, providers: Mapping[Channel, Provider] | None = None
                       ) -> None:
    """Send what is due every `interval` seconds until `stop_event` is set; survives DB outages."""
    sender = sender_for(container, providers)
    failures = 0
    while not stop_event.is_set():
        try:
            report = sender.send_due()
            failures = 0
        except Exception as exc:  # a database restart must not kill the loop (no crash loop)
            failures += 1
            logger.error("outbox sender pass failed (%s); retrying", type(exc).__name__)
            stop_event.wait(min(60.0, interval * 2 ** min(failures, 5)))
            continue
        # A full batch means more may be due: go again at once.
        if report.claimed < sender.batch_size:
            stop_event.wait(interval)


def start_sender_thread(container: Container, **options: Any) -> tuple[threading.Thread,
                                                                       threading.Event]:
    """Run the sender loop in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=run_sender_forever, args=(container, stop), kwargs=options,
                              name="outbox-sender", daemon=True)
    thread.start()
    return thread, stop
