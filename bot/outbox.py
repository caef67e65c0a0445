"""The outbox sender: claims due messages, respects consent and quiet hours, sends, retries.

A sender claims only what it is about to send: up to `concurrency` messages at a time, marked
SENDING with its name and committed before any provider call (no database lock is held while the
network is slow; on PostgreSQL `FOR UPDATE SKIP LOCKED`, so any number of senders never claim the
same row). The calls run concurrently on an event loop (async HTTP to the provider); each answer
is recorded with the provider's message id as soon as it comes, answers that arrive together in
one commit. A crash therefore loses at most the outcome of the messages in flight, and those are
reconciled, never blindly resent: a SENDING row whose sender is dead (store/presence.py) becomes
SENT when its provider id was recorded, else POSSIBLY_SENT, shown to dispatchers.

It knows no provider: each maps its own errors onto a FailureKind (bot/providers), and the sender
decides from that alone whether to retry, record an opt-out or flag the address.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import random
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar, cast
from zoneinfo import ZoneInfo

from bot.dialogue.replies import possibly_sent_notice
from bot.providers import AnyProvider, DeliveryReport, FailureKind, Provider, SendFailure
from domain.bus import MessageBus
from domain.business import BusinessSettings, next_allowed_moment
from domain.clock import Clock
from domain.commands import OptOut
from domain.consent import BY_CARRIER
from domain.messages import (
    NON_URGENT_KINDS,
    DeferredReason,
    Direction,
    Message,
    MessageStatus,
)
from domain.notices import notify_staff
from domain.parties import Channel, Contact
from domain.phones import mask_phone
from domain.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Worth another try: the provider was busy or down, or it may never have got the request.
RETRIED = frozenset({FailureKind.TRANSIENT, FailureKind.UNKNOWN_OUTCOME})
INTERRUPTED = ("interrupted while sending; it may have been delivered: check before sending it "
               "again")


class Presence(Protocol):
    """One sender's announcement that it is alive, which dies with its process (store/presence.py),
    and the question about the others."""

    def announce(self) -> None:
        """Announce this sender (again, when the announcement was lost); idempotent."""
        ...

    def is_alive(self, sender: str) -> bool:
        """Whether the sender named `sender` is still running (this one always is)."""
        ...

    def withdraw(self) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with jitter: 30 s, 1 min, 2 min ... at most 1 h, 8 attempts."""

    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)
    max_attempts: int = 8
    # For claims whose sender cannot be asked whether it is alive: longer than any provider
    # call may take.
    stuck_after: timedelta = timedelta(minutes=10)

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
    interrupted: int = 0  # left SENDING by a dead sender, without a provider id: possibly sent
    recovered: int = 0  # left SENDING by a dead sender after the provider took it: sent
    released: int = 0  # claimed, then handed back unsent because the sender was stopping

    @property
    def claimed(self) -> int:
        return self.sent + self.retrying + self.failed + self.deferred + self.withheld + self.released


@dataclass(frozen=True)
class _Outgoing:
    message_id: int
    channel: Channel
    address: str
    body: str


@dataclass(frozen=True)
class _Outcome:
    message_id: int
    provider_id: str | None
    failure: SendFailure | None


def new_sender_name() -> str:
    """A name no other sender has had: it marks this sender's claims."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


@dataclass
class OutboxSender:
    """Sends what is due, `concurrency` messages in flight at a time."""

    uow_factory: Callable[[], AbstractUnitOfWork]
    bus: MessageBus
    providers: Mapping[Channel, AnyProvider]
    business: BusinessSettings
    clock: Clock
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    rng: random.Random = field(default_factory=random.Random)
    concurrency: int = 1
    name: str = field(default_factory=new_sender_name)
    # Who else is alive; without it, only claims older than `policy.stuck_after` are reconciled.
    presence: Presence | None = None
    reconcile_every: float = 10.0  # seconds between looks for a dead sender's claims
    # Seconds an answer waits for others to share its commit: fewer, larger commits.
    gather_answers: float = 0.02

    def send_due(self, stop: threading.Event | None = None) -> SendReport:
        """Send everything due now, then return. Once `stop` is set, the messages in flight
        finish and nothing more is claimed."""
        return asyncio.run(self.deliver(stop, once=True))

    def run_until(self, stop: threading.Event, *, interval: float = 2.0) -> None:
        """Send what is due, looking again every `interval` seconds when nothing is, until `stop`
        is set; survives database outages (no crash loop)."""
        failures = 0
        while not stop.is_set():
            try:
                asyncio.run(self.deliver(stop, once=False, interval=interval))
            except Exception as exc:  # the database was away at the start: no crash loop
                failures += 1
                logger.error("outbox sender %s: could not start (%s); retrying", self.name,
                             type(exc).__name__)
                stop.wait(min(60.0, interval * 2 ** min(failures, 5)))

    async def deliver(self, stop: threading.Event | None, *, once: bool,
                      interval: float = 2.0) -> SendReport:
        """Claim, send and record, keeping up to `concurrency` messages in flight.

        Claims and answers go to the database on two threads of their own, so that storing
        the answers never holds up the next claim, nor a claim the recording."""
        report = SendReport()
        loop = asyncio.get_running_loop()
        claims = ThreadPoolExecutor(1, thread_name_prefix=f"outbox-claims-{self.name}")
        records = ThreadPoolExecutor(1, thread_name_prefix=f"outbox-records-{self.name}")

        def claiming(work: Callable[..., T], *args: Any) -> asyncio.Future[T]:
            return loop.run_in_executor(claims, work, *args)

        answered: asyncio.Queue[_Outcome | None] = asyncio.Queue()
        recorder = asyncio.create_task(self._recorder(answered, records, report))
        in_flight: set[asyncio.Task[None]] = set()

        async def send(item: _Outgoing) -> None:
            answered.put_nowait(await self._send(item))

        failures = 0
        next_look = 0.0
        try:
            await claiming(self._announce)  # before any claim: never taken for dead
            while not _set(stop):
                claimed_any = False
                free = self.concurrency - len(in_flight)
                try:
                    if time.monotonic() >= next_look:
                        # Announce again (a database restart drops the announcement), then look
                        # for claims left by senders that are gone.
                        await claiming(self._announce)
                        await claiming(self._reconcile, report)
                        next_look = time.monotonic() + self.reconcile_every
                    # Claim in handfuls, not one row per finished send (one commit per claim).
                    if free >= max(1, self.concurrency // 4) or not in_flight:
                        outgoing, claimed_any = await claiming(self._claim, free, report)
                        if _set(stop):
                            report.released += await claiming(
                                self._release, [item.message_id for item in outgoing])
                            break
                        in_flight.update(asyncio.create_task(send(item)) for item in outgoing)
                    failures = 0
                except Exception as exc:  # a database restart must not kill the loop
                    if once:
                        raise
                    failures += 1
                    logger.error("outbox sender %s: pass failed (%s); retrying", self.name,
                                 type(exc).__name__)
                    await _pause(stop, min(60.0, interval * 2 ** min(failures, 5)))
                    continue
                if in_flight and (not claimed_any or len(in_flight) > self.concurrency * 3 // 4):
                    _, in_flight = await asyncio.wait(in_flight,
                                                      return_when=asyncio.FIRST_COMPLETED)
                elif not in_flight and not claimed_any:
                    if once:
                        break
                    await _pause(stop, interval)
            if in_flight:  # stopping: what is at the provider finishes and is recorded
                await asyncio.wait(in_flight)
        finally:
            answered.put_nowait(None)
            await recorder
            for provider in {id(p): p for p in self.providers.values()}.values():
                closing = getattr(provider, "aclose", None)
                if closing is not None:
                    await closing()
            await claiming(self._withdraw)
            claims.shutdown(wait=True)
            records.shutdown(wait=True)
        return report

    async def _recorder(self, answered: asyncio.Queue[_Outcome | None],
                        records: ThreadPoolExecutor, report: SendReport) -> None:
        """Store the providers' answers as they come, those that came together in one commit,
        until told to end (None); through a database outage it keeps them and tries again."""
        loop = asyncio.get_running_loop()
        pending: list[_Outcome] = []
        ending = False
        failures = 0
        while True:
            if not pending:
                if ending:
                    return
                first = await answered.get()
                ending = first is None
                pending.extend([first] if first is not None else [])
                if not ending:  # let the answers arriving just after it share its commit
                    await asyncio.sleep(self.gather_answers)
            while not answered.empty():  # whatever else came meanwhile goes in the same commit
                item = answered.get_nowait()
                ending = ending or item is None
                pending.extend([item] if item is not None else [])
            if not pending:
                continue
            try:
                await loop.run_in_executor(records, self._record, pending, report)
                pending, failures = [], 0
            except Exception as exc:
                failures += 1
                logger.error("outbox sender %s: could not record %d answer(s) (%s)", self.name,
                             len(pending), type(exc).__name__)
                if len(pending) > 1:  # one answer the database refuses must not hold the rest
                    pending = await self._record_one_by_one(records, pending, report)
                if ending and failures >= 5:
                    # Left SENDING under this sender's name: settled as possibly sent once it
                    # is gone.
                    return
                await asyncio.sleep(min(2.0 if ending else 8.0, 0.5 * 2 ** failures))

    async def _record_one_by_one(self, records: ThreadPoolExecutor, answers: list[_Outcome],
                                 report: SendReport) -> list[_Outcome]:
        """Store each answer in a commit of its own; those still refused."""
        loop = asyncio.get_running_loop()
        refused = []
        for answer in answers:
            try:
                await loop.run_in_executor(records, self._record, [answer], report)
            except Exception:
                refused.append(answer)
        return refused

    def _announce(self) -> None:
        if self.presence is not None:
            self.presence.announce()

    def _withdraw(self) -> None:
        if self.presence is not None:
            self.presence.withdraw()

    # --- claiming -----------------------------------------------------------------------------

    def _claim(self, limit: int, report: SendReport) -> tuple[list[_Outgoing], bool]:
        """Claim up to `limit` due messages; those that may go now, to send at once."""
        with self.uow_factory() as uow:
            now = self.clock.now()
            claimed = uow.messages.claim_due(now, limit, self.name)
            if not claimed:
                return [], False
            opted_out = _opted_out(uow, [m for m in claimed if m.is_automated])
            undeliverable = _undeliverable(uow, claimed)
            outgoing = [_Outgoing(m.id, m.channel, m.address, m.body) for m in claimed
                        if m.id is not None
                        and self._may_go_now(uow, m, opted_out, undeliverable, now, report)]
            uow.commit()
        return outgoing, True

    def _may_go_now(self, uow: AbstractUnitOfWork, message: Message,
                    opted_out: set[tuple[Channel, str]], undeliverable: Mapping[str, Contact],
                    now: datetime, report: SendReport) -> bool:
        if message.is_automated and (message.channel, message.address) in opted_out:
            message.status, message.last_error = MessageStatus.CANCELLED, "recipient opted out"
            message.claimed_by = None
            report.withheld += 1
            return False
        flagged = undeliverable.get(message.address) if message.channel is Channel.SMS else None
        if flagged is not None:
            # Not tried: the provider already refused this number for good.
            since = flagged.sms_undeliverable_at.date().isoformat() if (
                flagged.sms_undeliverable_at) else "earlier"
            message.status, message.claimed_by = MessageStatus.FAILED, None
            message.attempts = max(0, message.attempts - 1)
            message.last_error = (f"not sent: the number was flagged undeliverable ({since}, "
                                  f"{flagged.sms_undeliverable})")
            report.failed += 1
            return False
        if message.kind in NON_URGENT_KINDS:
            zone = _recipient_zone(uow, message, self.business)
            allowed_at = next_allowed_moment(now, zone, self.business)
            if allowed_at > now:
                # Deferred, never dropped; a deferral is not a failed attempt.
                message.status, message.due_at = MessageStatus.QUEUED, allowed_at
                message.deferred_reason, message.claimed_by = DeferredReason.QUIET_HOURS, None
                message.attempts = max(0, message.attempts - 1)
                report.deferred += 1
                return False
        if message.deferred_reason is not None:  # left alone otherwise: nothing for the commit
            message.deferred_reason = None
        return True

    def _release(self, message_ids: Collection[int]) -> int:
        """Hand this sender's claims back to the queue unsent (stopping): the attempt not spent."""
        released = 0
        with self.uow_factory() as uow:
            for message in uow.messages.get_many(list(message_ids)):
                if message.status is MessageStatus.SENDING and message.claimed_by == self.name:
                    message.status, message.claimed_by = MessageStatus.QUEUED, None
                    message.attempts = max(0, message.attempts - 1)
                    released += 1
            uow.commit()
        return released

    # --- sending ------------------------------------------------------------------------------

    async def _send(self, item: _Outgoing) -> _Outcome:
        provider = self.providers.get(item.channel)
        try:
            if provider is None:
                raise SendFailure(FailureKind.TRANSIENT, f"no provider for {item.channel.value} yet")
            if inspect.iscoroutinefunction(provider.send):
                provider_id = await provider.send(channel=item.channel, to=item.address,
                                                  body=item.body)
            else:  # a blocking provider: in a thread, so the others go on
                send = cast(Provider, provider).send
                provider_id = await asyncio.to_thread(
                    lambda: send(channel=item.channel, to=item.address, body=item.body))
        except SendFailure as exc:
            return _Outcome(item.message_id, None, exc)
        except Exception as exc:  # a provider's bug: whether it went out is unknown
            return _Outcome(item.message_id, None, SendFailure(
                FailureKind.UNKNOWN_OUTCOME,
                f"{item.channel.value} provider failed ({type(exc).__name__})"))
        return _Outcome(item.message_id, str(provider_id), None)

    def _record(self, outcomes: list[_Outcome], report: SendReport) -> None:
        """Store the providers' answers (the message ids they gave) in one commit."""
        with self.uow_factory() as uow:
            now = self.clock.now()
            report.sent += uow.messages.record_sent(
                self.name, [(o.message_id, o.provider_id) for o in outcomes
                            if o.failure is None and o.provider_id is not None], now)
            failed = {o.message_id: o.failure for o in outcomes if o.failure is not None}
            for message in uow.messages.get_many(list(failed)) if failed else []:
                failure = failed[message.id] if message.id is not None else None
                # Still this sender's: also when it was taken for dead and marked possibly sent.
                if failure is not None and message.claimed_by == self.name and message.status in (
                        MessageStatus.SENDING, MessageStatus.POSSIBLY_SENT):
                    self._record_failure(uow, message, failure, now, report)
            uow.commit()

    def _record_failure(self, uow: AbstractUnitOfWork, message: Message, failure: SendFailure,
                        now: datetime, report: SendReport) -> None:
        shown = _shown(message)
        unknown = failure.kind is FailureKind.UNKNOWN_OUTCOME
        maybe_sent = "; it may have been delivered" if unknown else ""
        if unknown:
            message.possible_duplicate = True  # the next attempt may deliver it a second time
        if failure.kind in RETRIED and message.attempts < self.policy.max_attempts:
            message.status, message.claimed_by = MessageStatus.QUEUED, None
            message.due_at = now + self.policy.delay(message.attempts, self.rng)
            message.deferred_reason = DeferredReason.RETRY
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
        if failure.kind is FailureKind.BAD_ADDRESS:
            flag_undeliverable(uow, message, str(failure), now)
        logger.warning("outbox: message %s to %s failed for good (%s, %s)", message.id, shown,
                       failure.kind.value, failure)

    # --- reconciling a dead sender's claims ---------------------------------------------------

    def _reconcile(self, report: SendReport) -> None:
        """Messages left SENDING by a sender that died: sent if the provider's id was recorded,
        else possibly sent, and dispatchers are told. Never resent by themselves."""
        with self.uow_factory() as uow:
            now = self.clock.now()
            dead, unknown = [], []
            for claimer in uow.messages.claimers():
                if claimer == self.name:
                    continue
                if claimer is None or self.presence is None:
                    unknown.append(claimer)
                elif not self.presence.is_alive(claimer):
                    dead.append(claimer)
            if not dead and not unknown:
                return
            stale_before = now - self.policy.stuck_after
            for message in uow.messages.find(status=MessageStatus.SENDING):
                started = message.claimed_at or message.due_at
                if message.claimed_by in dead or (
                        message.claimed_by in unknown and started is not None
                        and started < stale_before):
                    self._settle_interrupted(uow, message, now, report)
            uow.commit()

    def _settle_interrupted(self, uow: AbstractUnitOfWork, message: Message, now: datetime,
                            report: SendReport) -> None:
        if message.provider_message_id is not None:  # the provider took it
            message.status, message.sent_at = MessageStatus.SENT, message.sent_at or now
            report.recovered += 1
            return
        message.status, message.last_error = MessageStatus.POSSIBLY_SENT, INTERRUPTED
        report.interrupted += 1
        logger.warning("outbox: message %s to %s interrupted mid-send; possibly sent",
                       message.id, _shown(message))
        if message.staff_id is None and message.id is not None:  # not a notice about a notice
            notify_staff(uow, now=now, key=f"possibly-sent:{message.id}",
                         account_id=message.account_id,
                         body=possibly_sent_notice(message.kind.value, _shown(message),
                                                   message.id).text)


def _set(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


async def _pause(stop: threading.Event | None, seconds: float) -> None:
    """Sleep `seconds`, waking early when `stop` is set."""
    if stop is None:
        await asyncio.sleep(seconds)
    else:
        await asyncio.to_thread(stop.wait, seconds)


def flag_undeliverable(uow: AbstractUnitOfWork, message: Message, reason: str,
                       now: datetime) -> None:
    """The provider refused this SMS number for good: flag it on the contact, so the next text to
    it is not tried."""
    if message.channel is not Channel.SMS:
        return
    contact = _recipient(uow, message)
    if contact is not None and contact.phone == message.address:
        contact.flag_sms_undeliverable(reason, now)


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


def _undeliverable(uow: AbstractUnitOfWork, messages: Collection[Message]) -> dict[str, Contact]:
    """The contacts, by phone, of those SMS numbers among `messages` flagged undeliverable."""
    phones = frozenset(m.address for m in messages if m.channel is Channel.SMS)
    if not phones:
        return {}
    # Phones are unique among contacts: at most one each.
    return {contact.phone: contact for contact in uow.contacts.page(limit=len(phones), phone=phones)
            if contact.phone is not None and contact.sms_undeliverable is not None}


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
                flag_undeliverable(uow, message, str(failure), clock.now())
            if failure.kind is FailureKind.UNSUBSCRIBED:
                message.last_error += ": recipient unsubscribed; opted out"
                bus.handle_in(uow, OptOut(channel=channel, address=message.address,
                                          actor=BY_CARRIER, message_id=provider_message_id,
                                          at=clock.now()))
        message.sent_at = message.sent_at or clock.now()
        uow.commit()
    return True
