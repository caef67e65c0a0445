"""A customer checking a change they believe was made: "so nobody comes on the 21st, correct?",
"and the tuesday one is cancelled?", "the furnace visit is moved to the 28th now, right?".

Answered from the visits as they are, whether or not the change was made: a visit still booked
on the day asked about is said to be (never "you're welcome" over it); a day left empty is
confirmed, with where that work's visit is now. Nothing changes, and a question pending (a
cancel's Y/N, times offered to move a visit) is asked again after the answer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import replies, small_talk, visits
from bot.nlu.days import find_days
from bot.nlu.text import normalize
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# A check asks: a question mark, or "..., correct" / "right" / "yes" at its end.
_ASKED = re.compile(r"\?|\b(?:correct|right|yes|yeah)\W*$")
# What the customer believes: the visit is gone from that day.
_GONE = re.compile(r"\b(?:cancell?ed|called off|dropped|removed|deleted|off the (?:schedule|books|"
                   r"calendar)|moved|rescheduled|switched|pushed)\b|"
                   r"\b(?:nobody|no one|noone|no body)(?: is| will| s)?(?: be)? (?:com\w*|show\w*|"
                   r"there|here|booked)\b")
# ... and where it went: "moved to the 28th": that day is the new one, not the one emptied.
_MOVED_TO = re.compile(r"\b(?:moved|rescheduled|switched|pushed|changed|now) (?:over )?(?:to|till|"
                       r"until|on|for) ")
# A request ("can you make sure nobody comes", "please cancel") is the flows', never a check.
_REQUEST = re.compile(r"\b(?:can|could|would|will) (?:you|u|someone|somebody)\b|\b(?:can|could|would)\b"
                      r"|\bplease\b|\bpls\b|"
                      r"\bmake sure\b|\bi want\b|\bi need\b|\bshould (?:i|we)\b")
# "please make sure no one comes on the 21st": a check when nothing is booked that day.
_MAKE_SURE = re.compile(r"\b(?:please |pls )?(?:make sure|ensure|double check|check) (?:that )?")
_POLITE = re.compile(r"\b(?:please|pls)\b")
# A yes or no first answers the question pending; the check after it is for the flow.
_ANSWER_FIRST = re.compile(r"^\W*(?:y|yes|yeah|yep|yup|sure|n|no|nope|nah)\b"
                           r"(?! (?:more|one|body|need|longer|problem|way)\b)")


def answer(turn: Turn) -> bool:
    """Answer a check of a change from the visits as they are; False for any other text."""
    if turn.customer is None:
        return False
    text = normalize(turn.text)
    sure = _MAKE_SURE.search(text) is not None  # "make sure no one comes on the 21st"
    if not ((_ASKED.search(text) or sure) and _GONE.search(text)) or _ANSWER_FIRST.match(text) \
            or _REQUEST.search(_POLITE.sub(" ", _MAKE_SURE.sub(" ", text)) if sure else text):
        return False
    emptied, new_day = _days_named(turn, text)
    if not emptied:
        return False
    service = visits.named(turn).service_id
    booked = visits.upcoming(turn)
    still = [a for a in booked if visits.local_day(turn, a) in emptied
             and (service is None or visits.same_service(turn, [a], service))]
    moving = turn.data.get("appointment_id") if turn.conversation.flow == "reschedule" else None
    if still and sure and all(a.id != moving for a in still):
        return False  # a visit still booked that day: a request to cancel or move it, not a check
    if still:
        there = [a for a in booked if new_day is not None
                 and visits.local_day(turn, a) == new_day and a not in still]
        reply = replies.still_booked([(visits.service_name(turn, a), _with(turn, a))
                                      for a in still],
                                     f"{new_day:%a %b} {new_day.day}" if new_day and not there
                                     else None)
    else:
        elsewhere = [a for a in booked if service is not None
                     and visits.same_service(turn, [a], service)]
        reply = replies.day_left_empty([f"{d:%a %b} {d.day}" for d in sorted(emptied)],
                                       [(visits.service_name(turn, a), _with(turn, a))
                                        for a in elsewhere[:2]])
    small_talk.settle(turn, reply)
    if still and not turn.conversation.is_active(turn.now):
        visits.remember_shown(turn, still)  # "cancel it then": the visit still booked
    return True


def _days_named(turn: Turn, text: str) -> tuple[set[date], date | None]:
    """The days the text believes left without that visit (every day named, but the one a visit
    was "moved to"), and that new day if named."""
    today = turn.now.astimezone(ZoneInfo(turn.timezone)).date()
    moved_to = _MOVED_TO.search(text)
    days: set[date] = set()
    new_day: date | None = None
    for mention in find_days(text, today):
        if moved_to is not None and new_day is None and mention.start >= moved_to.end():
            new_day = mention.day
            continue
        days.add(mention.day)
    if new_day is not None:
        days.discard(new_day)
    return days, new_day


def _with(turn: Turn, appointment: Appointment) -> str:
    technician = turn.uow.staff.get(appointment.technician_id)
    who = f" with {technician.name.split()[0]}" if technician is not None else ""
    return f"{visits.label(turn, appointment)}{who}"
