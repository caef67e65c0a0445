"""A customer's answer to the visit reminder that asked "reply Y to confirm or R to reschedule".

Which reminder was last sent is read from the message log, not kept aside: the newest message
this customer was sent on this channel. A Y or an R answers it only while it is that newest
message and its visit has not started; otherwise the text means what it says on its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies, reschedule, visits
from bot.nlu import intents
from domain.commands import ConfirmAppointment
from domain.due import ReminderKey
from domain.jobs import Appointment
from domain.messages import Direction, Message, MessageKind, MessageStatus

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_CONFIRM = re.compile(r"^\W*(y|yes|yep|yeah|yup|confirm(ed)?|c)\W*$", re.IGNORECASE)
_RESCHEDULE = re.compile(r"^\W*(r|reschedule( (it|please))?)\W*$", re.IGNORECASE)
# A message the customer has seen, or that went out as the answer to their text.
_OUT = frozenset({MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.REPLIED})


def answer(turn: Turn) -> bool:
    """Confirm the reminded visit on a Y, start moving it on an R; False for anything else."""
    if turn.customer is None or turn.conversation.is_active(turn.now):
        return False
    confirms = _CONFIRM.match(turn.text) is not None
    if not confirms and _RESCHEDULE.match(turn.text) is None:
        return False
    reminded = last_reminder(turn)
    if reminded is None:
        return False
    key, appointment = reminded
    if appointment is None or not appointment.is_active:
        turn.finish(replies.reminded_visit_gone())
        return True
    service = visits.service_name(turn, appointment)
    if not confirms:
        reschedule.start_move(turn, appointment)
        return True
    if appointment.start != key.start:
        turn.finish(replies.reminded_visit_changed(service, visits.label(turn, appointment)))
        return True
    turn.run(ConfirmAppointment(appointment_id=appointment.id or 0, start=key.start,
                                actor=turn.actor))
    turn.finish(replies.visit_confirmed(service, visits.label(turn, appointment)),
                done="confirmed")
    return True


def last_reminder(turn: Turn) -> tuple[ReminderKey, Appointment | None] | None:
    """The Y/R reminder this customer was sent last, if it is the last thing they were sent and
    its visit has not started; with the visit as it stands now."""
    newest = turn.uow.messages.page(limit=5, newest_first=True, channel=turn.channel,
                                    address=turn.address, direction=Direction.OUT)
    last = next((message for message in newest if message.status in _OUT), None)
    if last is None or not _asks(turn, last):
        return None
    key = ReminderKey.parse(last.idempotency_key)
    if key is None or key.start <= turn.now:
        return None
    appointment = turn.uow.appointments.get(key.appointment_id)
    if appointment is not None and (turn.customer is None
                                    or appointment.account_id != turn.customer.account_id):
        return None  # a number that changed hands does not answer for the old customer
    return key, appointment


def _asks(turn: Turn, message: Message) -> bool:
    key = ReminderKey.parse(message.idempotency_key)
    return (message.kind is MessageKind.REMINDER and key is not None
            and key.asks_confirmation(turn.business)
            and turn.parse.intent not in (intents.CANCEL, intents.BOOK))
