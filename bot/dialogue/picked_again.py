"""A pick sent again after the visit was booked or moved ("1", "the earliest one pls" twice).

The list it picked from is gone: the answer is the visit just booked, and nothing more changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import offers, replies, visits
from bot.nlu import intents

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_PICKED = ("booked", "rescheduled")


def answer(turn: Turn) -> bool:
    """Say the visit just booked or moved is set; False for anything but a pick after one."""
    if turn.customer is None or turn.conversation.is_active(turn.now):
        return False
    if turn.last_change_name() not in _PICKED:
        return False
    if turn.option() is None and not (turn.parse.intent in (intents.BOOK, intents.UNKNOWN,
                                                            intents.AFFIRM)
                                      and offers.picks_in_words(turn.text)):
        return False
    appointment = visits.own(turn, turn.last_change().get("appointment_id"))
    if appointment is None:
        return False
    technician = turn.uow.staff.get(appointment.technician_id)
    turn.finish(replies.already_booked(visits.service_name(turn, appointment),
                                       visits.label(turn, appointment),
                                       technician.name.split()[0] if technician else "our technician"),
                keep_done=True)
    return True
