"""How the outbox sender delivers: claims only what it sends, several at once, flags what may have
gone twice or not at all, and stops trying numbers the provider refused for good. Real SQLite and
PostgreSQL, the fake Twilio REST API on loopback."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest

from api.bootstrap import Container
from bot.outbox import OutboxSender, RetryPolicy
from bot.providers.twilio import TwilioProvider, record_delivery_status
from domain.clock import FixedClock
from domain.messages import DeferredReason, MessageKind, MessageStatus
from domain.parties import Channel
from domain.ports import AbstractUnitOfWork
from domain.staff import Role, StaffMember
from store.presence import presence_for
from tests.fake_twilio import FakeTwilio
from tests.integration.outbox_world import NOON_CHICAGO, GatedProvider, a_customer, queue, stored
from tests.waits import eventually

DISPATCHER = "+13125550188"


def twilio_for(fake: FakeTwilio, timeout: float = 5) -> TwilioProvider:
    return TwilioProvider(account_sid=fake.account_sid, auth_token=fake.auth_token,
                          from_number="+13125550100", api_base_url=fake.base_url, timeout=timeout)


def sender_on(container: Container, provider: object, *, concurrency: int = 1,
              name: str | None = None) -> OutboxSender:
    options = {"name": name} if name else {}
    sender = OutboxSender(uow_factory=container.uow_factory, bus=container.bus,
                          providers={Channel.SMS: provider},  # type: ignore[dict-item]
                          business=container.business, clock=container.clock,
                          policy=RetryPolicy(max_attempts=3), rng=random.Random(1),
                          concurrency=concurrency, **options)
    sender.presence = presence_for(container.engine, sender.name)
    return sender


def statuses(container: Container) -> dict[MessageStatus, int]:
    with container.uow_factory() as uow:
        counts: dict[MessageStatus, int] = {}
        for message in uow.messages.find():
            counts[message.status] = counts.get(message.status, 0) + 1
        return counts


def a_dispatcher(container: Container) -> None:
    with container.uow_factory() as uow:
        uow.staff.add(StaffMember(name="Dana Ortiz", role=Role.DISPATCHER, phone=DISPATCHER))
        uow.commit()


def test_a_sender_claims_only_what_it_is_sending_and_a_stop_strands_nothing(
        container: Container) -> None:
    provider = GatedProvider()
    sender = sender_on(container, provider, concurrency=2)
    contact_id = a_customer(container)
    ids = [queue(container, contact_id, body=f"text {n}") for n in range(6)]
    stop = threading.Event()
    loop = threading.Thread(target=sender.run_until, args=(stop,), kwargs={"interval": 0.05})
    loop.start()
    assert provider.entered.wait(10)
    assert eventually(lambda: statuses(container).get(MessageStatus.SENDING) == 2)
    assert statuses(container) == {MessageStatus.SENDING: 2, MessageStatus.QUEUED: 4}
    stop.set()  # shutdown while two are at the provider
    provider.go.set()
    loop.join(10)
    assert not loop.is_alive()
    assert len(provider.sent) == 2
    assert statuses(container) == {MessageStatus.SENT: 2, MessageStatus.QUEUED: 4}
    with container.uow_factory() as uow:
        waiting = [m for m in uow.messages.get_many(ids) if m.status is MessageStatus.QUEUED]
        assert [(m.attempts, m.claimed_by) for m in waiting] == [(0, None)] * 4


def test_a_sender_has_several_messages_at_the_provider_at_once(
        container: Container, fake_twilio: FakeTwilio) -> None:
    fake_twilio.delay = 0.2
    contact_id = a_customer(container)
    for n in range(12):
        queue(container, contact_id, body=f"text {n}")
    report = sender_on(container, twilio_for(fake_twilio), concurrency=6).send_due()
    assert report.sent == 12
    assert sorted(text.body for text in fake_twilio.sent) == sorted(f"text {n}" for n in range(12))
    assert 3 <= fake_twilio.most_in_flight <= 6


def test_a_timeout_is_retried_and_the_message_flagged_as_a_possible_duplicate(
        container: Container, fake_twilio: FakeTwilio) -> None:
    fake_twilio.delays.append(2.0)  # the first request takes the message, but answers too late
    message_id = queue(container, a_customer(container))
    sender = sender_on(container, twilio_for(fake_twilio, timeout=0.5))
    assert sender.send_due().retrying == 1
    waiting = stored(container, message_id)
    assert (waiting.status, waiting.deferred_reason) == (MessageStatus.QUEUED, DeferredReason.RETRY)
    assert waiting.possible_duplicate
    sender.clock = FixedClock(NOON_CHICAGO + timedelta(minutes=5))
    assert sender.send_due().sent == 1
    assert eventually(lambda: len(fake_twilio.sent) == 2)  # it did arrive twice
    message = stored(container, message_id)
    assert (message.status, message.possible_duplicate, message.attempts) == (
        MessageStatus.SENT, True, 2)


def test_an_answer_that_never_came_is_not_flagged_when_the_provider_was_never_reached(
        container: Container, fake_twilio: FakeTwilio) -> None:
    fake_twilio.fail_next(503)  # an answer: Twilio did not take it
    message_id = queue(container, a_customer(container))
    sender = sender_on(container, twilio_for(fake_twilio))
    assert sender.send_due().retrying == 1
    sender.clock = FixedClock(NOON_CHICAGO + timedelta(minutes=5))
    assert sender.send_due().sent == 1
    assert stored(container, message_id).possible_duplicate is False


@pytest.mark.parametrize("code", [21211, 21614])
def test_a_refused_number_is_flagged_on_the_contact_and_not_tried_again(
        container: Container, fake_twilio: FakeTwilio, code: int) -> None:
    contact_id = a_customer(container)
    first = queue(container, contact_id, body="first")
    sender = sender_on(container, twilio_for(fake_twilio))
    fake_twilio.fail_next(400, code)
    assert sender.send_due().failed == 1
    with container.uow_factory() as uow:
        contact = uow.contacts.get(contact_id)
        assert contact is not None
        assert str(code) in (contact.sms_undeliverable or "")
        assert contact.sms_undeliverable_at == NOON_CHICAGO
    later = queue(container, contact_id, body="second", kind=MessageKind.REMINDER)
    by_phone_only = queue(container, None, body="third")
    assert sender.send_due().failed == 2
    assert len(fake_twilio.refused) == 1 and fake_twilio.sent == []  # never asked again
    for message_id in (later, by_phone_only):
        message = stored(container, message_id)
        assert message.status is MessageStatus.FAILED
        assert "flagged undeliverable" in (message.last_error or "")
        assert str(code) in (message.last_error or "")
        assert message.attempts == 0
    assert stored(container, first).status is MessageStatus.FAILED


def test_a_delivery_report_of_an_unreachable_landline_flags_the_contact(
        container: Container, fake_twilio: FakeTwilio) -> None:
    contact_id = a_customer(container)
    queue(container, contact_id)
    sender = sender_on(container, twilio_for(fake_twilio))
    sender.send_due()
    [text] = fake_twilio.sent
    assert record_delivery_status(uow_factory=container.uow_factory, bus=container.bus,
                                  clock=container.clock, provider_message_id=text.sid,
                                  reported="undelivered", error_code=30006)
    next_one = queue(container, contact_id, body="next")
    assert sender.send_due().failed == 1
    assert len(fake_twilio.sent) == 1
    assert "30006" in (stored(container, next_one).last_error or "")


def test_a_dead_senders_claims_are_settled_at_once_and_a_live_senders_are_left_alone(
        container: Container, fake_twilio: FakeTwilio) -> None:
    a_dispatcher(container)
    contact_id = a_customer(container)
    lost, taken, alive = (queue(container, contact_id, body=body)
                          for body in ("lost", "taken", "alive"))
    live = presence_for(container.engine, "live-sender")
    live.announce()
    with container.uow_factory() as uow:  # two senders claimed, one of them has died since
        dead_claims = uow.messages.claim_due(NOON_CHICAGO, 2, "dead-sender")
        dead_claims[1].provider_message_id = "SM-recorded-before-it-died"
        uow.messages.claim_due(NOON_CHICAGO, 1, "live-sender")
        uow.commit()
    report = sender_on(container, twilio_for(fake_twilio)).send_due()
    assert (report.interrupted, report.recovered) == (1, 1)
    assert stored(container, lost).status is MessageStatus.POSSIBLY_SENT
    assert "may have been delivered" in (stored(container, lost).last_error or "")
    assert stored(container, taken).status is MessageStatus.SENT
    assert stored(container, alive).status is MessageStatus.SENDING  # its sender is at it
    # Nothing of the customer's went out again; the dispatcher was told about the lost one.
    assert [text.to for text in fake_twilio.sent] == [DISPATCHER]
    assert f"Check outbox message {lost}" in fake_twilio.sent[0].body
    live.withdraw()


def test_a_sender_that_starts_while_the_database_is_away_keeps_trying_and_then_sends(
        container: Container, fake_twilio: FakeTwilio) -> None:
    message_id = queue(container, a_customer(container))
    refusals = [1, 1, 1, 1]

    def refused_at_first() -> None:
        if refusals:
            refusals.pop()
            raise ConnectionRefusedError("the database is restarting")

    class AwayAtFirst:  # the sender's announcement, then its first transactions, are refused
        def announce(self) -> None:
            refused_at_first()

        def is_alive(self, sender: str) -> bool:
            return True

        def withdraw(self) -> None:
            pass

    def flaky_uow() -> AbstractUnitOfWork:
        refused_at_first()
        return container.uow_factory()

    sender = sender_on(container, twilio_for(fake_twilio))
    sender.uow_factory, sender.presence = flaky_uow, AwayAtFirst()
    stop = threading.Event()
    loop = threading.Thread(target=sender.run_until, args=(stop,), kwargs={"interval": 0.05})
    loop.start()
    try:
        assert eventually(lambda: stored(container, message_id).status is MessageStatus.SENT)
    finally:
        stop.set()
        loop.join(10)
    assert not loop.is_alive() and refusals == []


class SameIdProvider:
    """A provider that answers every message with the same id (the database refuses the second)."""

    def send(self, *, channel: Channel, to: str, body: str) -> str:
        return "SM-the-same-every-time"


def test_an_answer_the_database_refuses_does_not_hold_up_the_others(
        container: Container) -> None:
    contact_id = a_customer(container)
    first, second = queue(container, contact_id, body="one"), queue(container, contact_id, body="two")
    sender = sender_on(container, SameIdProvider(), concurrency=2)
    report = sender.send_due()
    assert report.sent == 1
    assert sorted(stored(container, m).status for m in (first, second)) == [
        MessageStatus.SENDING, MessageStatus.SENT]  # the refused one: settled once this sender is gone
