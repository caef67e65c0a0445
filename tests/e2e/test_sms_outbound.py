"""Outbound texts: the outbox sender after webhook conversations, and Twilio's delivery reports."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from api.bootstrap import Container
from bot.outbox import OutboxSender
from bot.providers.twilio import TwilioProvider
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from tests.e2e.conftest import ADMIN, SMS_NOW
from tests.e2e.sms import (
    PUBLIC_BASE_URL,
    SMS_PATH,
    STATUS_PATH,
    Phone,
    inbound_params,
    post_signed,
    replies_in,
)
from tests.fake_twilio import FakeTwilio

MARIA = "+15550100001"


@pytest.fixture
def sender(sms_container: Container, fake_twilio: FakeTwilio) -> OutboxSender:
    twilio = TwilioProvider(account_sid=fake_twilio.account_sid, auth_token=fake_twilio.auth_token,
                            from_number="+13125550100", api_base_url=fake_twilio.base_url,
                            status_callback=f"{PUBLIC_BASE_URL}{STATUS_PATH}", timeout=5)
    return OutboxSender(uow_factory=sms_container.uow_factory, bus=sms_container.bus,
                        providers={Channel.SMS: twilio, Channel.TELEGRAM: twilio},
                        business=sms_container.business, clock=sms_container.clock)


def queue_reminder(container: Container, phone: str) -> int:
    """What the reminder scheduler does: a reminder row in the outbox, due now."""
    with container.uow_factory() as uow:
        contact = uow.contacts.first(phone=phone)
        assert contact is not None
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address=phone,
            body="Reminder: your visit is tomorrow 8-10am.", created_at=SMS_NOW,
            status=MessageStatus.QUEUED, kind=MessageKind.REMINDER, contact_id=contact.id,
            account_id=contact.account_id, due_at=SMS_NOW - timedelta(minutes=1)))
        uow.commit()
        assert message.id is not None
        return message.id


def test_after_stop_a_reminder_attempt_sends_nothing(
        sms_client: TestClient, sms_container: Container, sender: OutboxSender,
        fake_twilio: FakeTwilio) -> None:
    assert Phone(sms_client, MARIA).text("STOP") == ""
    reminder = queue_reminder(sms_container, MARIA)
    sender.send_due()
    assert fake_twilio.texts_to(MARIA) == []
    with sms_container.uow_factory() as uow:
        message = uow.messages.get(reminder)
        assert message is not None and message.status is MessageStatus.CANCELLED


def test_a_reminder_goes_out_again_after_start(
        sms_client: TestClient, sms_container: Container, sender: OutboxSender,
        fake_twilio: FakeTwilio) -> None:
    phone = Phone(sms_client, MARIA)
    phone.text("STOP")
    phone.text("START")
    queue_reminder(sms_container, MARIA)
    sender.send_due()
    assert [text.body for text in fake_twilio.texts_to(MARIA)] == [
        "Reminder: your visit is tomorrow 8-10am."]


def test_a_handoff_notice_is_sent_and_its_delivery_report_recorded(
        sms_client: TestClient, sms_container: Container, sender: OutboxSender,
        fake_twilio: FakeTwilio) -> None:
    answer = Phone(sms_client, MARIA).text("can I talk to a person?")
    assert answer
    report = sender.send_due()
    assert report.sent >= 1 and fake_twilio.sent
    notice = fake_twilio.sent[0]
    assert notice.status_callback == f"{PUBLIC_BASE_URL}{STATUS_PATH}"
    callback = {"MessageSid": notice.sid, "MessageStatus": "delivered",
                "AccountSid": fake_twilio.account_sid, "To": notice.to, "From": notice.from_}
    assert post_signed(sms_client, STATUS_PATH, callback).status_code == 204
    thread = sms_client.get("/api/messages", params={"phone": notice.to}, headers=ADMIN).json()
    [sent] = [m for m in thread if m["provider_message_id"] == notice.sid]
    assert sent["status"] == "delivered"


@pytest.mark.postgres
def test_the_same_signed_text_twice_at_once_books_once_and_answers_alike(
        postgres_url: str) -> None:
    from api.app import create_app
    from api.bootstrap import bootstrap
    from domain.clock import FixedClock
    from store.seed import seed_demo
    from tests.e2e.conftest import sms_settings

    container = bootstrap(sms_settings(postgres_url), clock=FixedClock(SMS_NOW))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=SMS_NOW)
    with TestClient(create_app(container=container)) as client:
        phone = Phone(client, "+13125559876")
        phone.text("AC's out, can someone come tomorrow morning?")
        phone.text("Dana Whitfield, 4410 N Clark St, Chicago 60640")
        choice = inbound_params("+13125559876", "1", sid="SM" + "7" * 32)
        answers: list[list[str]] = []
        start = threading.Barrier(2)

        def post() -> None:
            start.wait()
            response = post_signed(client, SMS_PATH, choice)
            assert response.status_code == 200
            answers.append(replies_in(response.text))

        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(answers) == 2 and answers[0] == answers[1] and len(answers[0]) == 1
        booked = client.get("/api/appointments", params={"phone": "+13125559876"},
                            headers=ADMIN).json()
        assert len(booked) == 1
    container.engine.dispose()
