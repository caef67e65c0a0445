"""After STOP, nothing automated that is still queued goes to that contact."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.commands import OptIn, OptOut
from domain.events import ContactOptedOut
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from tests.fakes import NOW


def queue(world, kind, channel=Channel.SMS, status=MessageStatus.QUEUED) -> Message:
    return world.uow.messages.add(Message(
        channel=channel, direction=Direction.OUT, address="+13125550142", body="...",
        created_at=NOW, status=status, kind=kind, contact_id=world.contact_id))


def test_opting_out_cancels_queued_reminders_and_follow_ups(bus, world):
    reminder = queue(world, MessageKind.REMINDER)
    follow_up = queue(world, MessageKind.FOLLOW_UP)
    bus.handle(OptOut(contact_id=world.contact_id, channel=Channel.SMS))
    assert reminder.status is follow_up.status is MessageStatus.CANCELLED
    assert reminder.last_error == "recipient opted out"


def test_opting_out_leaves_the_answer_to_the_contacts_own_text_and_other_channels(bus, world):
    reply = queue(world, MessageKind.REPLY)
    telegram = queue(world, MessageKind.REMINDER, channel=Channel.TELEGRAM)
    sent = queue(world, MessageKind.REMINDER, status=MessageStatus.SENT)
    bus.handle(OptOut(contact_id=world.contact_id, channel=Channel.SMS))
    assert reply.status is MessageStatus.QUEUED
    assert telegram.status is MessageStatus.QUEUED
    assert sent.status is MessageStatus.SENT


def test_an_opted_out_contact_may_not_be_messaged_until_they_opt_back_in(bus, world):
    contact = world.uow.contacts.get(world.contact_id)
    assert contact.may_message(Channel.SMS)
    bus.handle(OptOut(contact_id=world.contact_id, channel=Channel.SMS))
    assert not contact.may_message(Channel.SMS)
    assert contact.sms_opted_out_at == NOW
    bus.handle(OptIn(contact_id=world.contact_id, channel=Channel.SMS))
    assert contact.may_message(Channel.SMS)


def test_opting_out_twice_records_one_event_and_keeps_the_first_date(world):
    contact = world.uow.contacts.get(world.contact_id)
    contact.opt_out(Channel.SMS, NOW)
    contact.opt_out(Channel.SMS, datetime(2026, 3, 3, tzinfo=UTC))
    assert contact.events == [ContactOptedOut(contact_id=world.contact_id, channel="sms")]
    assert contact.sms_opted_out_at == NOW


def test_a_contact_without_telegram_may_not_be_messaged_there(world):
    assert not world.uow.contacts.get(world.contact_id).may_message(Channel.TELEGRAM)
