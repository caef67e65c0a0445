"""The outbox sender against a real database and the fake Twilio REST API on loopback."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

import pytest

from api.bootstrap import Container
from bot.outbox import OutboxSender, RetryPolicy
from bot.providers.twilio import TwilioProvider, record_delivery_status
from domain.clock import FixedClock
from domain.commands import OptOut
from domain.messages import MessageKind, MessageStatus
from domain.parties import Account, Channel
from tests.fake_twilio import FakeTwilio
from tests.integration.outbox_world import (
    CUSTOMER,
    NOON_CHICAGO,
    GatedProvider,
    a_customer,
    opted_out,
    queue,
    stored,
)


@pytest.fixture
def sender(container: Container, fake_twilio: FakeTwilio) -> OutboxSender:
    twilio = TwilioProvider(account_sid=fake_twilio.account_sid, auth_token=fake_twilio.auth_token,
                            from_number="+13125550100", api_base_url=fake_twilio.base_url,
                            timeout=2)
    return OutboxSender(uow_factory=container.uow_factory, bus=container.bus,
                        providers={Channel.SMS: twilio}, business=container.business,
                        clock=container.clock, policy=RetryPolicy(max_attempts=3),
                        rng=random.Random(1))


def test_a_due_notice_goes_out_through_twilio_and_is_marked_sent(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    message_id = queue(container, a_customer(container))
    report = sender.send_due()
    assert report.sent == 1
    [text] = fake_twilio.sent
    assert (text.to, text.from_, text.body) == (CUSTOMER, "+13125550100",
                                                "Your technician is on the way.")
    message = stored(container, message_id)
    assert message.status is MessageStatus.SENT
    assert message.provider_message_id == text.sid
    assert message.sent_at == NOON_CHICAGO
    assert sender.send_due().claimed == 0  # sent once, never again


def test_nothing_goes_to_a_contact_who_opted_out(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    contact_id = a_customer(container)
    container.bus.handle(OptOut(channel=Channel.SMS, address=CUSTOMER))
    message_id = queue(container, contact_id, kind=MessageKind.REMINDER)
    notice_id = queue(container, None, kind=MessageKind.NOTICE)  # addressed by phone only
    sender.send_due()
    assert fake_twilio.sent == []
    assert stored(container, message_id).status is MessageStatus.CANCELLED
    assert stored(container, notice_id).status is MessageStatus.CANCELLED


def test_a_reminder_due_at_night_waits_for_8am_in_the_recipients_zone(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    # 2026-03-08 is the spring-forward day; 06:30 UTC is 23:30 the night before in Los Angeles.
    night = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    container.clock = FixedClock(night)
    sender.clock = container.clock
    contact_id = a_customer(container, timezone="America/Los_Angeles")
    message_id = queue(container, contact_id, kind=MessageKind.REMINDER, due_at=night)
    report = sender.send_due()
    assert (report.deferred, fake_twilio.sent) == (1, [])
    message = stored(container, message_id)
    assert message.status is MessageStatus.QUEUED
    assert message.attempts == 0
    assert message.due_at == datetime(2026, 3, 8, 15, 0, tzinfo=UTC)  # 08:00 PDT, after the jump


def test_a_notice_is_not_held_by_quiet_hours(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    night = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)  # 02:00 in Chicago
    container.clock = sender.clock = FixedClock(night)
    queue(container, a_customer(container), kind=MessageKind.NOTICE, due_at=night)
    assert sender.send_due().sent == 1


def test_an_unsubscribed_recipient_error_opts_the_contact_out(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    contact_id = a_customer(container)
    message_id = queue(container, contact_id)
    later_id = queue(container, contact_id, kind=MessageKind.FOLLOW_UP,
                     due_at=NOON_CHICAGO + timedelta(days=1))
    fake_twilio.fail_next(400, 21610)
    assert sender.send_due().failed == 1
    message = stored(container, message_id)
    assert message.status is MessageStatus.FAILED
    assert "21610" in (message.last_error or "")
    assert opted_out(container, CUSTOMER)
    assert stored(container, later_id).status is MessageStatus.CANCELLED


@pytest.mark.parametrize("code", [21211, 21614, 30005, 30006])
def test_a_permanent_error_fails_at_once_and_flags_the_number(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio, code: int) -> None:
    message_id = queue(container, a_customer(container))
    fake_twilio.fail_next(400, code)
    assert sender.send_due().failed == 1
    message = stored(container, message_id)
    assert message.status is MessageStatus.FAILED
    assert message.attempts == 1
    assert "flagged" in (message.last_error or "")


@pytest.mark.parametrize(("status", "code"), [(500, None), (503, None), (429, 20429), (400, 30003)])
def test_a_transient_error_is_retried_later_with_backoff(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio, status: int,
        code: int | None) -> None:
    message_id = queue(container, a_customer(container))
    fake_twilio.fail_next(status, code)
    assert sender.send_due().retrying == 1
    message = stored(container, message_id)
    assert message.status is MessageStatus.QUEUED
    assert message.due_at is not None
    assert NOON_CHICAGO + timedelta(seconds=15) <= message.due_at <= NOON_CHICAGO + timedelta(
        seconds=30)
    assert sender.send_due().claimed == 0  # not due yet
    sender.clock = FixedClock(NOON_CHICAGO + timedelta(minutes=1))
    assert sender.send_due().sent == 1
    assert len(fake_twilio.sent) == 1
    assert stored(container, message_id).attempts == 2


def test_a_message_that_keeps_failing_gives_up_and_shows_in_the_failed_list(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    message_id = queue(container, a_customer(container))
    fake_twilio.fail_next(503, times=10)
    moment = NOON_CHICAGO
    for _ in range(3):
        sender.clock = FixedClock(moment)
        sender.send_due()
        moment += timedelta(hours=2)
    message = stored(container, message_id)
    assert message.status is MessageStatus.FAILED
    assert "gave up after 3 attempts" in (message.last_error or "")
    with container.uow_factory() as uow:
        assert [m.id for m in uow.messages.find(status=MessageStatus.FAILED)] == [message_id]


def test_a_provider_that_does_not_answer_in_time_is_retried(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    fake_twilio.delay = 3.0  # the provider's timeout is 2 s
    message_id = queue(container, a_customer(container))
    assert sender.send_due().retrying == 1
    last_error = stored(container, message_id).last_error or ""
    assert "unreachable" in last_error and "may have been delivered" in last_error


def test_a_delivery_report_is_recorded_and_21610_opts_the_contact_out(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    contact_id = a_customer(container)
    first, second = queue(container, contact_id), queue(container, contact_id)
    sender.send_due()
    sids = {text.body: text.sid for text in fake_twilio.sent}
    assert len(sids) == 1 and len(fake_twilio.sent) == 2
    sid_one, sid_two = (stored(container, m).provider_message_id for m in (first, second))
    assert sid_one and sid_two

    def report(sid: str, status: str, code: int | None = None) -> bool:
        return record_delivery_status(uow_factory=container.uow_factory, bus=container.bus,
                                      clock=container.clock, provider_message_id=sid,
                                      reported=status, error_code=code)

    assert report(sid_one, "delivered")
    assert report(sid_one, "sent")  # late and out of order: changes nothing
    assert stored(container, first).status is MessageStatus.DELIVERED
    assert report(sid_two, "undelivered", 21610)
    assert stored(container, second).status is MessageStatus.FAILED
    assert opted_out(container, CUSTOMER)
    assert not report("SM-not-ours", "delivered")


def test_a_message_left_sending_by_a_crashed_sender_is_flagged_not_resent(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    message_id = queue(container, a_customer(container))
    with container.uow_factory() as uow:  # an older sender claims it, then dies mid-call
        [claimed] = uow.messages.claim_due(NOON_CHICAGO, 10)
        uow.commit()
    assert sender.send_due().interrupted == 0  # still within the time a send may take
    sender.clock = FixedClock(NOON_CHICAGO + timedelta(minutes=11))
    assert sender.send_due().interrupted == 1
    message = stored(container, message_id)
    assert message.status is MessageStatus.POSSIBLY_SENT
    assert "may have been delivered" in (message.last_error or "")
    assert fake_twilio.sent == []


def test_a_slow_provider_does_not_hold_the_database(
        container: Container, sender: OutboxSender, fake_twilio: FakeTwilio) -> None:
    import time

    fake_twilio.delay = 1.5
    queue(container, a_customer(container))
    worker = threading.Thread(target=sender.send_due)
    worker.start()
    time.sleep(0.5)  # the provider call is in flight now
    started = time.perf_counter()
    # A write meanwhile, queued for the writer's lock as the webhook's is on a SQLite file.
    with container.locked_uow_factory() as uow:
        uow.accounts.add(Account(name="Walk-in"))
        uow.commit()
    assert time.perf_counter() - started < 0.5
    worker.join()
    assert len(fake_twilio.sent) == 1


def test_a_stopped_sender_finishes_the_message_in_flight_and_hands_back_the_rest(
        container: Container) -> None:
    provider = GatedProvider()
    sender = OutboxSender(uow_factory=container.uow_factory, bus=container.bus,
                          providers={Channel.SMS: provider}, business=container.business,
                          clock=container.clock)
    contact_id = a_customer(container)
    in_flight = queue(container, contact_id, body="first")
    waiting = queue(container, contact_id, body="second")
    stop = threading.Event()
    loop = threading.Thread(target=sender.run_until, args=(stop,))
    loop.start()
    assert provider.entered.wait(10)
    stop.set()  # shutdown begins while "first" is at the provider
    provider.go.set()
    loop.join(10)
    assert not loop.is_alive()
    assert provider.sent == ["first"]
    assert stored(container, in_flight).status is MessageStatus.SENT
    handed_back = stored(container, waiting)
    assert (handed_back.status, handed_back.attempts) == (MessageStatus.QUEUED, 0)
    assert sender.send_due().sent == 1  # the next sender takes it at once


def test_a_provider_that_cannot_be_reached_at_all_is_retried_without_doubt(
        container: Container, fake_twilio: FakeTwilio) -> None:
    import socket

    with socket.socket() as unused:  # a port nobody listens on: the connection is refused
        unused.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{unused.getsockname()[1]}"
    twilio = TwilioProvider(account_sid=fake_twilio.account_sid, auth_token=fake_twilio.auth_token,
                            from_number="+13125550100", api_base_url=closed, timeout=2)
    sender = OutboxSender(uow_factory=container.uow_factory, bus=container.bus,
                          providers={Channel.SMS: twilio}, business=container.business,
                          clock=container.clock)
    message_id = queue(container, a_customer(container))
    assert sender.send_due().retrying == 1
    last_error = stored(container, message_id).last_error or ""
    assert "unreachable" in last_error and "may have been delivered" not in last_error
