"""A pick sent again after the visit was booked or moved ("1", "the earliest one pls" twice), or
a visit's own window named again ("the 12-2 one - same as before", "yes the monday 12-2, book
it" right after booking it).

The list it picked from is gone: the answer is the visit as it is booked, and nothing changes.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import offers, replies, visits
from bot.nlu import intents
from bot.nlu.text import normalize
from bot.nlu.when import resolve_when
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_PICKED = ("booked", "rescheduled")
# What a text naming a time may be while it only says a visit's own time again: not a cancel,
# a move or a quote's answer.
_RESTATING = (intents.BOOK, intents.UNKNOWN, intents.AFFIRM, intents.CHOOSE)
# "same as before", "as it was": the time the visit has, said again.
_AS_BEFORE = re.compile(r"\b(?:same as (?:before|it was|last time|original)|as (?:it was|before))\b")


def answer(turn: Turn) -> bool:
    """Say the visit just booked or moved is set; False for anything but a pick after one or a
    visit's own window named again."""
    if turn.customer is None or turn.conversation.is_active(turn.now):
        return False
    appointment = _picked_again(turn) or _window_restated(turn)
    if appointment is None:
        return False
    technician = turn.uow.staff.get(appointment.technician_id)
    turn.finish(replies.already_booked(visits.service_name(turn, appointment),
                                       visits.label(turn, appointment),
                                       technician.name.split()[0] if technician else "our technician"),
                keep_done=True)
    return True


def _picked_again(turn: Turn) -> Appointment | None:
    """The visit just booked or moved, when the text picks from the list it came from again."""
    if turn.last_change_name() not in _PICKED:
        return None
    appointment = visits.own(turn, turn.last_change().get("appointment_id"))
    if appointment is None:
        return None
    if turn.option() is None and not (turn.parse.intent in (intents.BOOK, intents.UNKNOWN,
                                                            intents.AFFIRM)
                                      and offers.picks_in_words(turn.text)) \
            and not _names_its_time(turn, appointment):
        return None
    return appointment


def _window_restated(turn: Turn) -> Appointment | None:
    """The one upcoming visit whose own window (and day, when one is named) the text names, when
    it names no new work and it follows that visit's booking or move, or points at a visit
    ("the 12-2 one", "same as before")."""
    if turn.parse.intent not in _RESTATING or turn.parse.slots.get("service"):
        return None
    text = normalize(turn.text)
    when = resolve_when(text, offers.local_date(turn.now, turn.timezone)) or {}
    if not when.get("start") or not when.get("end"):
        return None  # "at 12" or "monday" alone: a wish, not a window said again
    day = date.fromisoformat(str(when["date"])) if when.get("date") else None
    hours = (time.fromisoformat(str(when["start"])), time.fromisoformat(str(when["end"])))
    named = [a for a in visits.upcoming(turn) if _has_window(turn, a, day, hours)]
    if len(named) != 1:
        return None
    just_changed = (turn.last_change_name() in _PICKED
                    and turn.last_change().get("appointment_id") == named[0].id)
    pointed = visits.points_at_a_visit(turn) or _AS_BEFORE.search(text) is not None
    return named[0] if just_changed or pointed else None


def _has_window(turn: Turn, appointment: Appointment, day: date | None,
                hours: tuple[time, time]) -> bool:
    zone = ZoneInfo(visits.timezone_of(turn, appointment))
    start = appointment.window_start.astimezone(zone)
    end = appointment.window_end.astimezone(zone)
    return (day is None or start.date() == day) and (start.time(), end.time()) == hours


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
