"""A pick sent again after the visit was booked or moved ("1", "the earliest one pls" twice).

The list it picked from is gone: the answer is the visit just booked, and nothing more changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import offers, replies, visits
from bot.nlu import intents
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from domain.jobs import Appointment

_PICKED = ("booked", "rescheduled")


def answer(turn: Turn) -> bool:
    """Say the visit just booked or moved is set; False for anything but a pick after one."""
    if turn.customer is None or turn.conversation.is_active(turn.now):
        return False
    if turn.last_change_name() not in _PICKED:
        return False
    appointment = visits.own(turn, turn.last_change().get("appointment_id"))
    if appointment is None:
        return False
    if turn.option() is None and not (turn.parse.intent in (intents.BOOK, intents.UNKNOWN,
                                                            intents.AFFIRM)
                                      and offers.picks_in_words(turn.text)) \
            and not _names_its_time(turn, appointment):
        return False
    technician = turn.uow.staff.get(appointment.technician_id)
    turn.finish(replies.already_booked(visits.service_name(turn, appointment),
                                       visits.label(turn, appointment),
                                       technician.name.split()[0] if technician else "our technician"),
                keep_done=True)
    return True


def _names_its_time(turn: Turn, appointment: Appointment) -> bool:
    """True when the text names the visit just booked by its day and time, as picked from the
    list ("wednesday 8-10 with ben please"), asking no other work."""
    if turn.parse.intent not in (intents.BOOK, intents.UNKNOWN, intents.CHOOSE):
        return False
    said = visits.named(turn)
    service = said.service_id
    if service is not None and not visits.same_service(turn, [appointment], service):
        return False  # "wednesday 8-10 for the sink too": other work
    if not (said.days or said.weekdays) or visits.narrow(turn, [appointment], said) != [appointment]:
        return False
    starts = said.times or offers.window_starts(normalize(turn.text))  # "8-10": its start
    text = normalize(turn.text)  # "7-9": 7am, though 7 reads as 7pm at first
    return any(visits.at_time(turn, appointment, offers.clock_readings(start, text))
               for start in starts)
