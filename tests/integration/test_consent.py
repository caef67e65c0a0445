"""Consent is decided once per (channel, address), for everyone automated messages go to:
customers, staff and numbers never onboarded, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from bot.dialogue import consent
from bot.inbox import ChannelRules, Inbound, receive
from bot.outbox import OutboxSender
from bot.providers import LogProvider
from domain.business import BusinessSettings
from domain.demo import demo_business
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.staff import Role, StaffMember
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork
from tests.integration.dialogue_world import JOE, MARIA, World, build_world

DANA = "+13125550100"  # the world's dispatcher
LEE = "+13125550120"  # a second dispatcher, added here
TELEGRAM_STRANGER = "777000111"


@pytest.fixture
def world(uow_factory: Callable[[], SqlAlchemyUnitOfWork]) -> World:
    built = build_world(uow_factory)
    with uow_factory() as uow:
        built.ids["lee"] = uow.staff.add(StaffMember(name="Lee Park", role=Role.DISPATCHER,
                                                     phone=LEE)).id or 0
        uow.commit()
    return built


def sender_for(world: World, provider: LogProvider,
               business: BusinessSettings | None = None) -> OutboxSender:
    return OutboxSender(uow_factory=world.uow_factory, bus=world.engine.bus,
                        providers={Channel.SMS: provider, Channel.TELEGRAM: provider},
                        business=business or demo_business(), clock=world.clock)


def sent_to(provider: LogProvider, address: str) -> list[str]:
    return [body for _, to, body in provider.sent if to == address]


def test_a_dispatcher_who_texted_stop_gets_no_notices_while_the_other_dispatcher_does(
        world: World) -> None:
    provider = LogProvider()
    world.transcript(DANA, [("STOP", None)])
    world.transcript(MARIA, [("can I talk to a person?", "call you")])
    world.transcript(JOE, [("I approve quote 2001", "Approve quote Q-2001"),
                           ("Y", "Approved: quote Q-2001")])
    report = sender_for(world, provider).send_due()
    assert sent_to(provider, DANA) == []
    to_lee = sent_to(provider, LEE)
    assert len(to_lee) == 2
    assert any("Call-back request" in body for body in to_lee)
    assert any("Q-2001 was approved" in body for body in to_lee)
    assert report.withheld == 2
    with world.uow_factory() as uow:
        withheld = uow.messages.find(address=DANA, direction=Direction.OUT,
                                     kind=MessageKind.NOTICE)
        assert [m.status for m in withheld] == [MessageStatus.CANCELLED] * 2


def test_a_dispatcher_who_texts_start_gets_notices_again(world: World) -> None:
    provider = LogProvider()
    world.transcript(DANA, [("STOP", None), ("START", None)])
    world.transcript(MARIA, [("can I talk to a person?", "call you")])
    sender_for(world, provider).send_due()
    assert len(sent_to(provider, DANA)) == len(sent_to(provider, LEE)) == 1


def test_a_stop_cancels_notices_already_queued_for_that_staff_phone(world: World) -> None:
    world.transcript(MARIA, [("can I talk to a person?", "call you")])
    world.transcript(DANA, [("STOP", None)])
    with world.uow_factory() as uow:
        [to_dana] = uow.messages.find(address=DANA, kind=MessageKind.NOTICE)
        [to_lee] = uow.messages.find(address=LEE, kind=MessageKind.NOTICE)
        assert (to_dana.status, to_lee.status) == (MessageStatus.CANCELLED, MessageStatus.QUEUED)


def test_a_stranger_who_opted_out_stays_opted_out_once_onboarded(world: World) -> None:
    def text(body: str) -> list[str]:  # a Telegram chat: no carrier keywords, words only
        inbound = Inbound(channel=Channel.TELEGRAM, address=TELEGRAM_STRANGER, text=body,
                          provider_message_id=None, received_at=world.clock.now())
        rules = ChannelRules(render=lambda reply: reply.text, inline_replies=True,
                             answer_keywords=True, silent_to_opted_out=False)
        return receive(uow_factory=world.uow_factory, engine=world.engine, inbound=inbound,
                       rules=rules).replies

    assert "won't get more" in text("stop texting me")[0]
    assert "name and service address" in text("my sink is leaking, can someone come?")[0]
    assert "Thanks, Pat" in text("Pat Lee, 40 Oak Ave, Chicago 60625")[0]
    with world.uow_factory() as uow:
        contact = uow.contacts.first(telegram_chat_id=int(TELEGRAM_STRANGER))
        assert contact is not None
        assert consent.is_opted_out(uow, Channel.TELEGRAM, TELEGRAM_STRANGER)
        reminder = uow.messages.add(Message(
            channel=Channel.TELEGRAM, direction=Direction.OUT, address=TELEGRAM_STRANGER,
            body="Reminder: your visit is tomorrow.", created_at=world.clock.now(),
            status=MessageStatus.QUEUED, kind=MessageKind.NOTICE, contact_id=contact.id,
            due_at=world.clock.now()))
        uow.commit()
    provider = LogProvider()
    assert sender_for(world, provider).send_due().withheld == 1
    assert provider.sent == []
    with world.uow_factory() as uow:
        stored = uow.messages.get(reminder.id or 0)
        assert stored is not None and stored.status is MessageStatus.CANCELLED


def test_the_timeline_shows_a_customers_stop_and_start_with_the_texts_message_ids(
        world: World) -> None:
    world.text(MARIA, "STOP", message_id="SMstop0001")
    world.clock.advance(timedelta(minutes=5))
    world.text(MARIA, "START", message_id="SMstart0002")
    with world.uow_factory() as uow:
        entries = [a for a in uow.activities.find(account_id=world.ids["maria_account"])
                   if "automated SMS" in a.summary]
    assert [(a.summary, a.provider_message_id, a.channel, a.actor) for a in entries] == [
        ("Maria Rivera opted out of automated SMS messages", "SMstop0001", "sms",
         f"customer:{world.ids['maria_contact']}"),
        ("Maria Rivera opted back in to automated SMS messages", "SMstart0002", "sms",
         f"customer:{world.ids['maria_contact']}"),
    ]


def test_two_stops_racing_from_one_number_make_one_record_and_one_timeline_entry(
        database_url: str, world: World) -> None:
    """The second STOP's transaction waits on the first's new row, then finds it opted out."""
    engine = create_db_engine(database_url)
    sessions = make_session_factory(engine)
    bus = world.engine.bus
    errors: list[BaseException] = []

    def second_stop() -> None:
        try:
            with SqlAlchemyUnitOfWork(sessions) as uow:
                consent.opt_out(uow, bus, Channel.SMS, MARIA, world.clock.now(), "SMstop0002")
                uow.commit()
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    try:
        with SqlAlchemyUnitOfWork(sessions) as first:
            consent.opt_out(first, bus, Channel.SMS, MARIA, world.clock.now(), "SMstop0001")
            racer = threading.Thread(target=second_stop)
            racer.start()
            time.sleep(0.3)  # the racer's INSERT now waits on ours
            first.commit()
        racer.join(timeout=10)
        assert not errors
        with SqlAlchemyUnitOfWork(sessions) as uow:
            [record] = uow.consents.find(channel=Channel.SMS, address=MARIA)
            assert record.opted_out and record.message_id == "SMstop0001"
            entries = [a for a in uow.activities.find(account_id=world.ids["maria_account"])
                       if "opted out" in a.summary]
            assert [a.provider_message_id for a in entries] == ["SMstop0001"]
    finally:
        engine.dispose()
