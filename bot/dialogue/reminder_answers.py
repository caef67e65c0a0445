"""A customer's answer to the visit reminder that asked "reply Y to confirm or R to reschedule".

Which reminders are waiting is read from the message log, not kept aside: the automated texts
this customer was sent on this channel since they last texted. A yes in any words ("yep see you
then", "👍", "we'll be here") confirms the reminded visit, "yes confirming both" every visit
reminded; an R or a wish for another time ("can we make it later that day", "closer to 3?")
starts moving it, with that wish. A quote nudge sent in the same pass never takes the yes: a
reminder waiting comes first. Two visits reminded and a yes that does not say which: asked.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import replies, reschedule, visits
from bot.nlu import intents
from domain.commands import ConfirmAppointment
from domain.due import ReminderKey
from domain.jobs import Appointment
from domain.messages import Direction, Message, MessageKind, MessageStatus

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "reminder"
_CONFIRM = re.compile(r"^\W*(y|yes|yep|yeah|yup|confirm(ed)?|c)\W*$", re.IGNORECASE)
_RESCHEDULE = re.compile(r"^\W*(r|reschedule( (it|please))?)\W*$", re.IGNORECASE)
# A yes in plain words, at the start of the text: "yep see you then", "sounds good", "👍".
_NOD = re.compile(
    r"^\W*(?:y|yes+|yep|yeah|yup|ya|yah|sure|ok(?:ay)?|k|kk|perfect|great|cool|confirm\w*|"
    r"sounds good|all good|that works|works for (?:me|us)|see (?:you|ya) (?:then|there|tomorrow|tmrw)|"
    r"(?:we|i)(?:'?ll| will) be (?:here|home|there|around)|(?:we|i)(?:'re| are|'?m| am) "
    r"(?:confirmed|good|set|in|home)|👍|👌|✅)(?:\W|$)", re.IGNORECASE)
# What turns a nod into something else: a doubt, a change, a question.
_BUT = re.compile(r"\?|\b(?:but|not|no|can'?t|cannot|won'?t|wont|resched\w*|move|later|earlier|"
                  r"cancel\w*|instead|change|different|another|closer|push|delay|late)\b",
                  re.IGNORECASE)
_BOTH = re.compile(r"\b(?:both|all|them|each|\d+ (?:appts?|appointments?|visits?))\b",
                   re.IGNORECASE)
# A wish for another time of the reminded visit.
_LATER = re.compile(r"\blater\b", re.IGNORECASE)
_EARLIER = re.compile(r"\bearlier\b", re.IGNORECASE)
_AROUND = re.compile(r"\b(?:closer to|around|more like|like|about|near(?:er)? to|at)\s+"
                     r"(\d{1,2})(?::(\d\d))?\s*(am|pm|a|p)?\b", re.IGNORECASE)
_WISHES = re.compile(
    r"\b(?:(?:later|earlier) (?:that|in the|on|today|tomorrow|tmrw|time|slot|window|arrival|day)|"
    r"(?:a (?:bit|little)|any|little) (?:later|earlier)|(?:come|be|arrive|make it|push it|move it)"
    r"\b[^.?!]{0,20}\b(?:later|earlier)|(?:closer to|around|after|before) \d|make it|"
    r"push (?:it|back)|move it|resched\w*|another (?:day|time)|different (?:day|time))\b",
    re.IGNORECASE)
# A message the customer has seen, or that went out as the answer to their text.
_OUT = frozenset({MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.REPLIED})
_LOOKED_AT = 12  # newest messages read for what came since the customer's last text


def answer(turn: Turn) -> bool:
    """Confirm the reminded visit on a yes, start moving it on an R or a wish for another time;
    False for anything else."""
    if turn.customer is None:
        return False
    if turn.conversation.is_active(turn.now):
        return turn.conversation.flow == FLOW and _which(turn)
    reading = _reading(turn)
    if reading is None:
        return False
    waiting = open_reminders(turn)
    asking = sorted(((key, visit) for key, visit, asks in waiting if asks),
                    key=lambda reminded: reminded[0].start)
    if not asking:
        if reading == "confirm" and waiting and _NOD.match(turn.text):
            key, visit, _ = waiting[0]  # a nod to "See you then!": a short word back
            if visit is not None and visit.is_active:
                turn.finish(replies.see_you(visits.label(turn, visit)), keep_done=True)
                return True
        return False
    if reading == "move":
        _move(turn, asking)
        return True
    booked: list[tuple[ReminderKey, Appointment | None]] = [
        (key, visit) for key, visit in asking if visit is not None and visit.is_active]
    if len(booked) > 1 and not _BOTH.search(turn.text):
        among = [visit for _, visit in booked if visit is not None]
        meant = visits.resolve(turn, among)
        if meant.one is None or not meant.narrowed:
            visits.ask_which(turn, FLOW, "confirm", among,
                             {"starts": {str(visit.id): key.start.isoformat()
                                         for key, visit in booked if visit is not None}})
            return True
        asking = [(key, visit) for key, visit in booked if visit is meant.one]
    elif len(booked) == 1:
        asking = booked  # the other reminded visit was cancelled since: this one is meant
    _confirm(turn, asking if _BOTH.search(turn.text) else asking[:1])
    return True


def _reading(turn: Turn) -> str | None:
    """ "confirm", "move", or None when the text is neither an answer to a reminder."""
    text = turn.text
    if turn.parse.intent in (intents.CANCEL, intents.BOOK) and not _NOD.match(text):
        return None
    if _CONFIRM.match(text) or (_NOD.match(text) and not _BUT.search(text)):
        return "confirm"
    if turn.parse.intent == intents.AFFIRM and not _BUT.search(text):
        return "confirm"
    if _RESCHEDULE.match(text) or turn.parse.intent == intents.RESCHEDULE or (
            _WISHES.search(text) and turn.parse.intent in (intents.UNKNOWN, intents.AFFIRM)):
        return "move"
    return None


def _confirm(turn: Turn, reminded: list[tuple[ReminderKey, Appointment | None]]) -> None:
    """Confirm each reminded visit still at the time its reminder named."""
    said = []
    for key, appointment in reminded:
        if appointment is None or not appointment.is_active:
            said.append(replies.reminded_visit_gone())
            continue
        service = visits.service_name(turn, appointment)
        if appointment.start != key.start:
            said.append(replies.reminded_visit_changed(service, visits.label(turn, appointment)))
            continue
        turn.run(ConfirmAppointment(appointment_id=appointment.id or 0, start=key.start,
                                    actor=turn.actor))
        said.append(replies.visit_confirmed(service, visits.label(turn, appointment)))
    for reply in said[:-1]:
        turn.say(reply)
    turn.finish(said[-1], done="confirmed")


def _which(turn: Turn) -> bool:
    """The answer to "which visit do you want to confirm?": a number, a day, or "both"."""
    starts: dict[str, Any] = turn.data.get("starts") or {}
    listed = visits.offered(turn, turn.data.get("ids", []))
    keyed = [(ReminderKey(a.id or 0, datetime.fromisoformat(starts[str(a.id)]), timedelta(0)), a)
             for a in listed if str(a.id) in starts]
    if _BOTH.search(turn.text) and keyed:
        _confirm(turn, list(keyed))
        return True
    return visits.answer_choice(turn, FLOW, "confirm", lambda t, visit: _confirm(
        t, [(k, a) for k, a in keyed if a.id == visit.id] or [(ReminderKey(
            visit.id or 0, visit.start, timedelta(0)), visit)]), listed)


def _move(turn: Turn, asking: list[tuple[ReminderKey, Appointment | None]]) -> None:
    """Start moving the reminded visit, with the time the text wishes for."""
    reminded = [visit for _, visit in asking if visit is not None and visit.is_active]
    if not reminded:
        turn.finish(replies.reminded_visit_gone())
        return
    if len(reminded) > 1:
        reschedule.start_among(turn, reminded)
        return
    reschedule.move_to(turn, reminded[0], _wish(turn, reminded[0]))


def _wish(turn: Turn, visit: Appointment) -> dict[str, Any] | None:
    """The time wished for in the text, on the visit's day unless a day is named: "later that
    day" is after its window, "earlier" before it, "closer to 3" around 3."""
    parsed = turn.parse.slots.get("when")
    if parsed and (parsed.get("date") or parsed.get("start") or parsed.get("end")):
        return dict(parsed)
    zone = visits.timezone_of(turn, visit)
    start = visit.window_start.astimezone(ZoneInfo(zone))
    end = visit.window_end.astimezone(ZoneInfo(zone))
    day = start.date().isoformat()
    around = _AROUND.search(turn.text)
    if around is not None:
        hour, suffix = int(around.group(1)), (around.group(3) or "").lower()
        if suffix.startswith("p") and hour < 12 or not suffix and 1 <= hour <= 7:
            hour += 12
        if 0 <= hour <= 23:
            return {"date": day, "start": f"{max(hour - 1, 0):02d}:00",
                    "end": f"{min(hour + 1, 23):02d}:00"}
    if _LATER.search(turn.text):
        return {"date": day, "start": end.strftime("%H:%M"), "end": None}
    if _EARLIER.search(turn.text):
        return {"date": day, "start": None, "end": start.strftime("%H:%M")}
    return None


def open_reminders(turn: Turn) -> list[tuple[ReminderKey, Appointment | None, bool]]:
    """The visit reminders this customer was sent since they last texted, newest first, each
    with its visit as it stands now and whether it asked for a Y or an R; visits started left
    out."""
    found: list[tuple[ReminderKey, Appointment | None, bool]] = []
    for message in since_last_text(turn):
        key = ReminderKey.parse(message.idempotency_key)
        if message.kind is not MessageKind.REMINDER or key is None or key.start <= turn.now:
            continue
        appointment = turn.uow.appointments.get(key.appointment_id)
        if appointment is not None and (
                turn.customer is None or appointment.account_id != turn.customer.account_id):
            continue  # a number that changed hands does not answer for the old customer
        found.append((key, appointment, key.asks_confirmation(turn.business)))
    return found


def since_last_text(turn: Turn) -> list[Message]:
    """The messages this customer was sent (and saw) since their text before this one, newest
    first."""
    newest = turn.uow.messages.page(limit=_LOOKED_AT, newest_first=True, channel=turn.channel,
                                    address=turn.address)
    sent: list[Message] = []
    for index, message in enumerate(newest):
        if message.direction is Direction.IN:
            if index == 0:
                continue  # this text itself
            break
        if message.status in _OUT:
            sent.append(message)
    return sent
