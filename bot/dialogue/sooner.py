"""Bringing a booked visit forward: "the Dec 14 drain visit, can that be today", "can Dave come
sooner", "the water heater guy isn't till tomorrow, can somebody come today instead".

The visit named is moved (times offered, nothing moves until one is picked), never booked a
second time beside it. While times are offered for some work, only a visit of that same work is
meant; a visit of other work ("today instead of waiting for the tune-up") stays as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import booking, offers, replies, reschedule, visits
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.jobs import Appointment
from domain.scheduling import Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_SOONER = re.compile(
    r"\b(?:sooner|earlier|instead|too late|too far (?:out|away|off)|too long to wait|"
    r"(?:move|bring|bump|push) (?:it|that|him|her|them|the \w+(?: \w+)?) (?:up|forward|in)|"
    r"(?:can|could) (?:that|it|this) (?:be|happen)(?: any)? (?:today|tonight|tomorrow|sooner|earlier)|"
    # "my furnace visit is thursday, can nobody come tonight??": that visit, sooner
    r"(?:can|could|will)(?: not)? (?:nobody|no one|noone|no body) (?:come|get (?:here|out)|make it))\b")
_EARLIER = re.compile(r"\b(?:sooner|earlier)\b")
# "is that instead of the 23rd one?": asks what a time picked means for a visit, asks no move
_ASKS_IF_INSTEAD = re.compile(r"\b(?:is|does|will|would|was) (?:that|this|it|the new one|today'?s?)\b"
                              r"[^.?!]*\b(?:instead|replace|replaces|sooner|earlier)\b")
# A request that names a day to move a visit to, handled by the reschedule flow as asked.
_HANDLED = (intents.RESCHEDULE, intents.CANCEL, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE,
            intents.HUMAN)


def answer(turn: Turn) -> bool:
    """Offer times to move the booked visit the text asks to bring forward; False otherwise."""
    if turn.customer is None:
        return False
    text = normalize(turn.text)
    if not _SOONER.search(text) or _ASKS_IF_INSTEAD.search(text):
        return False
    pending = turn.conversation.is_active(turn.now)
    if pending and not (turn.conversation.flow == booking.FLOW and turn.step == offers.PICK):
        return False  # another question waits: its own flow reads the text
    if not pending and turn.parse.intent in _HANDLED and not (
            turn.parse.intent == intents.RESCHEDULE and _EARLIER.search(text)):
        return False
    work = turn.data.get("service") if pending else None
    named = _named(turn, text, work)
    if named is None or (turn.parse.intent == intents.RESCHEDULE and not pending
                         and _names_a_new_day(turn, named)):
        return False  # "move it to friday": the reschedule flow offers that day
    turn.say(replies.move_sooner(visits.service_name(turn, named), visits.label(turn, named)))
    reschedule.offer_times(turn, named, _wish(turn, named), confirmed=False, sooner=True)
    return True


def _named(turn: Turn, text: str, work: object) -> Appointment | None:
    """The one upcoming visit the text names (by its day, technician or service), of `work` when
    times are being offered for that work."""
    ahead = [a for a in visits.upcoming(turn) if a.window_start > turn.now]
    if work is not None:
        ahead = [a for a in ahead if (job := turn.uow.jobs.get(a.job_id)) is not None
                 and job.service_id == work]
    said = visits.named(turn)
    service = turn.parse.slots.get("service")
    found = [a for a in ahead if said.on_day(visits.local_day(turn, a))
             or _technician_named(turn, a, text)
             or isinstance(service, str) and visits.same_service(turn, [a], service)]
    return found[0] if len(found) == 1 else None


def _technician_named(turn: Turn, appointment: Appointment, text: str) -> bool:
    technician = turn.uow.staff.get(appointment.technician_id)
    first = technician.name.split()[0].lower() if technician is not None else ""
    return bool(first) and re.search(rf"\b{re.escape(first)}\b", text) is not None


# "earlier that day", "earlier in the day", "same day but sooner": the visit's own day kept.
_SAME_DAY = re.compile(r"\b(?:that|the same|same|in the|on the same|that same) day\b")


def _wish(turn: Turn, appointment: Appointment) -> Wish | None:
    """The earlier time asked for; a day that is the visit's own only names it: the soonest.
    "earlier that day", "has to be done by 4": earlier on the visit's own day, over in time."""
    when = turn.parse.slots.get("when")
    wish = Wish.from_when(when) if when else None
    if _SAME_DAY.search(normalize(turn.text)) or (
            wish is not None and wish.finish_by is not None and wish.date is None):
        begins = appointment.window_start.astimezone(
            ZoneInfo(visits.timezone_of(turn, appointment))).time()
        base = wish or Wish()
        earlier = base.start if base.start is not None and base.start < begins else None
        return replace(base, date=visits.local_day(turn, appointment), start=earlier,
                       end=min(base.end or begins, begins))
    if wish is None:
        return None
    if wish.date is None:  # "eddie is coming at 4 anyway, could he come earlier": 4 names the visit
        start = appointment.window_start.astimezone(ZoneInfo(visits.timezone_of(turn, appointment)))
        return None if wish.start is not None and wish.start >= start.time() else wish
    if wish.date >= visits.local_day(turn, appointment) or wish.date < _today(turn, appointment):
        return None
    return wish


def _names_a_new_day(turn: Turn, appointment: Appointment) -> bool:
    when = turn.parse.slots.get("when") or {}
    day = when.get("date")
    return day is not None and day != visits.local_day(turn, appointment).isoformat()


def _today(turn: Turn, appointment: Appointment) -> date:
    return offers.local_date(turn.now, visits.timezone_of(turn, appointment))
