"""A Y or an R to the visit reminder that asked for one: the visit confirmed, or moved."""

from __future__ import annotations

from datetime import timedelta

from domain.commands import RescheduleAppointment
from domain.due import reminder_key
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from tests.unit.dialogue.chat_world import JOE, ChatWorld


def remind(chat: ChatWorld, visit: str = "joe_today", *, offset: timedelta = timedelta(hours=24),
           status: MessageStatus = MessageStatus.SENT) -> None:
    """The scheduler's reminder of `visit`, as sent to Joe an hour ago."""
    appointment = chat.visit(visit)
    assert appointment.id is not None
    chat.uow.messages.add(Message(
        channel=Channel.SMS, direction=Direction.OUT, address=JOE, body="reminder",
        created_at=chat.clock.now() - timedelta(hours=1), status=status,
        kind=MessageKind.REMINDER, idempotency_key=reminder_key(appointment.id,
                                                                appointment.start, offset),
        about_kind="appointment", about_id=appointment.id))


def test_y_to_the_reminder_confirms_the_visit_it_named(chat: ChatWorld) -> None:
    remind(chat)
    assert not chat.visit("joe_today").confirmed
    chat.transcript(JOE, [("Y", "you're confirmed: Plumbing repair Mon Mar 2, 1-3pm")])
    assert chat.visit("joe_today").confirmed
    assert chat.timeline(chat.visit("joe_today").account_id)[-1].summary.endswith(
        "confirmed by the customer")


def test_r_to_the_reminder_starts_moving_that_visit(chat: ChatWorld) -> None:
    remind(chat)
    chat.transcript(JOE, [
        ("R", "Your visit is Mon Mar 2, 1-3pm. When would suit you better?"),
        ("wednesday morning", "1) Wed Mar 4, 8-10am with Tom"),
        ("1", "to Wed Mar 4, 8-10am with Tom."),
    ])


def test_y_after_the_visit_moved_names_the_new_time_and_confirms_nothing(
        chat: ChatWorld) -> None:
    remind(chat)
    visit = chat.visit("joe_today")
    assert visit.id is not None
    chat.run(RescheduleAppointment(appointment_id=visit.id, technician_id=visit.technician_id,
                                   start=visit.start + timedelta(days=2),
                                   actor=chat.dispatcher()))
    chat.transcript(JOE, [("Y", "has moved since that reminder: it's now Wed Mar 4, 1-3pm")])
    assert not chat.visit("joe_today").confirmed


def test_a_y_with_no_reminder_last_sent_is_not_a_confirmation(chat: ChatWorld) -> None:
    remind(chat, offset=timedelta(hours=2))  # the later reminder asks nothing
    chat.text(JOE, "Y")
    remind(chat, status=MessageStatus.QUEUED)  # not sent yet: Joe has not seen it
    chat.text(JOE, "Y")
    assert not chat.visit("joe_today").confirmed
