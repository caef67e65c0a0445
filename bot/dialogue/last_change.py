"""Questions about the change just made ("will dave know not to come?", "so the 9th one is gone?").

Answered from what the last step changed (kept for half an hour): the visit cancelled or moved,
and who was told. Only a question that names that visit's technician or one of its days (old or
new), and no other service, is taken; anything else is left to the other answers.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import replies, visits
from bot.dialogue.times import visit_label
from bot.nlu import intents
from bot.nlu.clock import find_clock_times
from bot.nlu.text import normalize
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_QUESTION = re.compile(r"\?|^(?:so |and |ok |okay )*(?:will|is|did|does|has|have|are|was|right)\b"
                       r"|\bright\W*$")
_WHAT_CHANGED = re.compile(r"\bwhat (?:exactly |just )?(?:changed|did (?:you|u) (?:change|do|move))\b")
# "so did friday get moved or not?": asks whether the change was made, asks for none
_ASKS_IF_DONE = re.compile(r"^\W*(?:(?:so|and|ok|okay|wait)\W+)*(?:did|was|were|has|have|is)\b"
                           r"[^.!]*\b(?:moved|cancell?ed|changed|rescheduled|switched)\b[^.!]*\?")
# "did it go through?", "is that done?": whether the last thing done took, naming nothing
_WENT_THROUGH = re.compile(r"\b(?:did|has|have) (?:it|that|this|the (?:cancel\w*|change|move))(?: all)? "
                           r"(?:go|gone|went|gotten|get|got) (?:through|thru|done)\b|"
                           r"\bdid (?:it|that|this) (?:work|take)\b|\b(?:is|was) (?:it|that) done\b")


def went_through(turn: Turn, text: str) -> bool:
    """True when `text` asks whether the last thing done went through, and that was a cancel or a
    move (a quote decided since is the quote's to say)."""
    kind = turn.last_change().get("kind")
    return kind in ("cancelled", "rescheduled") and turn.last_done() == kind and \
        _WENT_THROUGH.search(normalize(text)) is not None


_ACTIONS = (intents.CANCEL, intents.RESCHEDULE, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE,
            intents.HUMAN)


def answer(turn: Turn) -> bool:
    """Answer a question about the visit just cancelled or moved; False for anything else."""
    change = turn.last_change()
    kind = change.get("kind")
    text = normalize(turn.text)
    if (turn.customer is None or kind not in ("cancelled", "rescheduled")
            or turn.parse.intent in _ACTIONS and not _ASKS_IF_DONE.search(text)
            or turn.conversation.is_active(turn.now)):
        return False
    # "Thu Dec 10 12-2pm with Carla" right after that move: a restatement, confirmed
    restated = kind == "rescheduled" and len(text.split()) <= 8 and turn.parse.intent in (
        intents.UNKNOWN, intents.BOOK, intents.AFFIRM) and find_clock_times(text)
    if not (_QUESTION.search(text) or restated):
        return False
    appointment = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    if appointment is None or not visits.may_act(turn, appointment):
        return False
    zone = ZoneInfo(visits.timezone_of(turn, appointment))
    days = [visits.local_day(turn, appointment)]
    was = None
    hours = [appointment.window_start.astimezone(zone).time()]
    if kind == "rescheduled" and change.get("start"):
        start = datetime.fromisoformat(str(change["start"]))
        length = appointment.window_end - appointment.window_start
        was = visit_label(start, start + length, str(zone))
        days.append(start.astimezone(zone).date())
        hours.append(start.astimezone(zone).time())
    said = visits.named(turn)
    technician = turn.uow.staff.get(appointment.technician_id)
    first = technician.name.split()[0] if technician is not None else None
    names_tech = first is not None and re.search(rf"\b{re.escape(first.lower())}\b", text)
    names_day = bool(said.days) and any(said.on_day(day) for day in days) or bool(
        set(said.times) & set(hours))  # "so the 4 o'clock one is gone?": its old or new time
    other_service = said.service_id is not None and not visits.same_service(
        turn, [appointment], said.service_id)
    others = _others_named(turn, appointment, text)
    if (other_service and not (_WHAT_CHANGED.search(text) and others)) or not (
            names_tech or names_day or _WHAT_CHANGED.search(text) or went_through(turn, text)):
        return False
    visit = visits.label(turn, appointment)
    if kind == "cancelled":
        told = change.get("told")
        turn.say(replies.cancel_confirmed_told(visit, str(told)) if told
                 else replies.cancel_confirmed(visit))
    else:
        turn.say(replies.move_confirmed(visits.service_name(turn, appointment), was or "",
                                        visit, first or "your technician"))
    for other in others:  # "is the plumber still wed?": that visit did not change
        person = turn.uow.staff.get(other.technician_id)
        turn.say(replies.visit_unchanged(visits.service_name(turn, other), visits.label(turn, other),
                                         person.name.split()[0] if person else "your technician"))
    turn.finish(keep_done=True)
    if kind != "cancelled":
        visits.remember_shown(turn, [appointment, *others])  # "the afternoon one" means these
    return True


def _others_named(turn: Turn, changed: Appointment, text: str) -> list[Appointment]:
    """The customer's other visits the text names, by service, day or technician: each is said
    to be unchanged, so "is ben still coming thursday?" is never answered by the other visit."""
    said = visits.named(turn)
    found = []
    for other in visits.upcoming(turn):
        if other.id == changed.id:
            continue
        person = turn.uow.staff.get(other.technician_id)
        first = person.name.split()[0].lower() if person is not None else None
        if first is not None and re.search(rf"\b{re.escape(first)}\b", text):
            found.append(other)
        elif said.narrows and visits.resolve(turn, [other]).one is not None:
            found.append(other)
    return found
