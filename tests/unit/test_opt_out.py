"""Consent per (channel, address): after STOP nothing automated that is queued goes there, for
customers, staff and strangers alike, and a contact's change lands on their timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.commands import OptIn, OptOut
from domain.consent import Consent
from domain.events import OptedOut
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.timeline import ActivityKind
from tests.fakes import NOW

MARIA = "+13125550142"  # the demo world's contact
TOM = "+13125550111"  # a technician
ANA = "+13125550112"  # another technician


def queue(world, kind, channel=Channel.SMS, status=MessageStatus.QUEUED, address=MARIA,
          **who) -> Message:
    return world.uow.messages.add(Message(
        channel=channel, direction=Direction.OUT, address=address, body="...",
        created_at=NOW, status=status, kind=kind, **who))


def opted_out(world, address, channel=Channel.SMS) -> bool:
    return bool(world.uow.consents.opted_out(channel, [address]))


def test_opting_out_cancels_queued_reminders_and_follow_ups(bus, world):
    reminder = queue(world, MessageKind.REMINDER, contact_id=world.contact_id)
    follow_up = queue(world, MessageKind.FOLLOW_UP, contact_id=world.contact_id)
    bus.handle(OptOut(channel=Channel.SMS, address=MARIA))
    assert reminder.status is follow_up.status is MessageStatus.CANCELLED
    assert reminder.last_error == "recipient opted out"


def test_opting_out_leaves_the_answer_to_the_persons_own_text_and_other_channels(bus, world):
    reply = queue(world, MessageKind.REPLY)
    telegram = queue(world, MessageKind.REMINDER, channel=Channel.TELEGRAM)
    sent = queue(world, MessageKind.REMINDER, status=MessageStatus.SENT)
    bus.handle(OptOut(channel=Channel.SMS, address=MARIA))
    assert reply.status is MessageStatus.QUEUED
    assert telegram.status is MessageStatus.QUEUED
    assert sent.status is MessageStatus.SENT


def test_a_staff_phone_that_opts_out_loses_its_queued_notices_and_other_staff_keep_theirs(
        bus, world):
    to_tom = queue(world, MessageKind.NOTICE, address=TOM, staff_id=world.tom_id)
    to_ana = queue(world, MessageKind.NOTICE, address=ANA, staff_id=world.ana_id)
    bus.handle(OptOut(channel=Channel.SMS, address=TOM))
    assert to_tom.status is MessageStatus.CANCELLED
    assert to_ana.status is MessageStatus.QUEUED
    assert opted_out(world, TOM) and not opted_out(world, ANA)


def test_an_address_opted_out_may_not_be_messaged_until_it_opts_back_in(bus, world):
    assert not opted_out(world, MARIA)
    bus.handle(OptOut(channel=Channel.SMS, address=MARIA))
    assert opted_out(world, MARIA)
    assert not opted_out(world, MARIA, Channel.TELEGRAM)
    [consent] = world.uow.consents.items
    assert consent.opted_out_at == NOW
    bus.handle(OptIn(channel=Channel.SMS, address=MARIA))
    assert not opted_out(world, MARIA)
    assert len(world.uow.consents) == 1  # one record per address, whatever happens to it


def test_opting_out_twice_records_one_event_and_keeps_the_first_date():
    consent = Consent(channel=Channel.SMS, address=MARIA, changed_at=NOW)
    consent.opt_out(NOW, message_id="SM1")
    consent.opt_out(datetime(2026, 3, 3, tzinfo=UTC), message_id="SM2")
    assert consent.events == [OptedOut(channel="sms", address=MARIA, actor="recipient",
                                       message_id="SM1")]
    assert consent.opted_out_at == NOW and consent.message_id == "SM1"


def test_opting_in_an_address_that_never_opted_out_stores_nothing(bus, world):
    bus.handle(OptIn(channel=Channel.SMS, address=MARIA))
    assert len(world.uow.consents) == 0
    assert world.uow.activities.items == []


def test_a_contacts_opt_out_and_opt_in_go_on_their_timeline_with_the_text_that_caused_them(
        bus, world):
    bus.handle(OptOut(channel=Channel.SMS, address=MARIA, message_id="SMstop"))
    bus.handle(OptIn(channel=Channel.SMS, address=MARIA, message_id="SMstart"))
    entries = world.uow.activities.find(account_id=world.account_id)
    assert [(a.kind, a.summary, a.provider_message_id, a.actor, a.channel) for a in entries] == [
        (ActivityKind.STATUS_CHANGE, "Maria Rivera opted out of automated SMS messages", "SMstop",
         f"customer:{world.contact_id}", "sms"),
        (ActivityKind.STATUS_CHANGE, "Maria Rivera opted back in to automated SMS messages",
         "SMstart", f"customer:{world.contact_id}", "sms"),
    ]
    assert entries[0].subject_type == "contact" and entries[0].subject_id == world.contact_id


def test_a_carriers_unsubscribe_report_is_audited_as_the_carriers(bus, world):
    bus.handle(OptOut(channel=Channel.SMS, address=MARIA, actor="carrier", message_id="SMbounced"))
    [entry] = world.uow.activities.items
    assert (entry.actor, entry.provider_message_id) == ("carrier", "SMbounced")


def test_staff_and_strangers_opting_out_write_no_timeline(bus, world):
    bus.handle(OptOut(channel=Channel.SMS, address=TOM))
    bus.handle(OptOut(channel=Channel.SMS, address="+15550109999"))
    assert world.uow.activities.items == []
    assert len(world.uow.consents) == 2
