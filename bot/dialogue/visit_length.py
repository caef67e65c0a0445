"""How long a visit takes: "how long will the electrical thing take", "how long is the visit".

Answered honestly from what we know: the visit's arrival window (the business's promise) and
how long its kind of work usually takes (the catalog's duration), and that the technician can
tell more once they have looked. A question about when someone comes ("how long until he's
here") is another question's; nothing is ever booked or changed here, and a question pending
stays open.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import booking, replies, small_talk, visits
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.errors import DomainError

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from domain.jobs import Appointment

_HOW_LONG = re.compile(
    r"\bhow long (?!(?:until|till|til|before|ago|have|has|had|since|for)\b)(?:\w+ ){0,8}?"
    r"(?:take|takes|taking|(?<!the )(?<!that )(?<!this )(?<!my )last|lasts|"
    r"be (?:here|there|over|done|finished|on site|at (?:my|the|our) \w+)|here|there|on site|"
    r"stay|run|going to be|gonna (?:take|be|last))\b"
    # "will it take all day?", "does the repair take long"
    r"|\b(?:will|does|would|is|should) (?:it |this |that |the (?:\w+ ){1,2}?)(?:usually |normally )?"
    r"(?:going to |gonna )?(?:take|last|be) (?:all day|the whole day|all morning|all afternoon|long|"
    r"a while|hours)\b"
    r"|\bhow long (?:is|are|will|would|does|do) (?:the|my|our|a|an|this|that|each|these|those|it)"
    r"(?: \w+){0,3}? (?:visits?|appointments?|appts?|jobs?|repairs?|services?|tune ?ups?|cleanings?|"
    r"work)\b(?! (?:for|until|till|before)\b)"
    r"|\bhow many hours\b|\bhow much time (?:will|does|do|would|should|is) (?:\w+ ){0,4}?"
    r"(?:take|need|be|last)\b")
# "how long will it take to get someone out": how soon, not how long the work lasts.
_HOW_SOON = re.compile(r"\btake (?:for |to )(?:(?:get|have|send|hear)\b|(?:\w+ )?(?:come|arrive|show|"
                       r"respond|reply|answer|get (?:here|there|back)))|\bwait\b|\bquotes?\b|"
                       r"\bestimates?\b|\brefund\b")
_ACTIONS = frozenset({intents.CANCEL, intents.RESCHEDULE, intents.APPROVE_QUOTE,
                      intents.DECLINE_QUOTE, intents.HUMAN, intents.OPT_OUT})


def asks(text: str) -> bool:
    """True when the text asks how long a visit or its work takes."""
    plain = normalize(text)
    return _HOW_LONG.search(plain) is not None and _HOW_SOON.search(plain) is None


def answer(turn: Turn) -> bool:
    """Answer how long a visit takes from its window and its work; False for any other text."""
    if turn.parse.intent in _ACTIONS or not asks(turn.text):
        return False
    window = turn.business.arrival_window
    if turn.customer is None:
        return _by_catalog(turn, window)
    booking_for = turn.data.get("service") if (
        turn.conversation.flow == booking.FLOW and turn.conversation.is_active(turn.now)) else None
    if booking_for and not visits.named(turn, text=_asking_sentence(turn.text)).narrows:
        return _by_catalog(turn, window, str(booking_for))  # "how long does that take" mid-booking
    upcoming = visits.upcoming(turn)
    said = visits.named(turn, text=_asking_sentence(turn.text))  # "... i have a meeting at 1": no visit
    if said.narrows:
        meant = visits.narrow(turn, upcoming, said)
    else:
        shown = visits.just_shown(turn, upcoming)
        meant = shown if len(shown) == 1 else upcoming
    if not meant:
        return _by_catalog(turn, window)
    if _WHO_ASKED.search(normalize(turn.text)):  # "who is coming thursday and how long ...": both
        _say_who_comes(turn, meant)
    if len(meant) > 1:
        kinds = {_service_of(turn, a) for a in meant}
        lengths = [_typical(turn, k) for k in sorted(k for k in kinds if k)]
        small_talk.settle(turn, replies.visits_length(_hours(window), [x for x in lengths if x][:3]))
        return True
    visit = meant[0]
    person = turn.uow.staff.get(visit.technician_id)
    service_id = _service_of(turn, visit)
    typical = _duration(turn, service_id)
    small_talk.settle(turn, replies.visit_length(
        visits.service_name(turn, visit).lower(), visits.label(turn, visit),
        person.first_name if person else None, _hours(window),
        _about(typical) if typical else None))
    visits.remember_shown(turn, [visit])
    return True


# Who comes, or when, asked beside how long: "who is coming thursday and how long will they be here".
_WHO_ASKED = re.compile(r"\bwho(?:s| is| will| are)?\b|\bwhat time\b")


def _say_who_comes(turn: Turn, meant: list[Appointment]) -> None:
    """The visits asked about, each with its window and technician, before how long they take."""
    from bot.dialogue import visit_questions  # imports this module's neighbours

    turn.say(replies.your_visits("", [visit_questions.described(turn, a, with_day=True)
                                      for a in meant]))


def _asking_sentence(text: str) -> str:
    """The sentence that asks how long (a time told in another one names no visit)."""
    plain = normalize(text)
    for sentence in re.split(r"(?<=[.?!;])\s+", plain):
        if _HOW_LONG.search(sentence):
            return sentence
    return plain


def _by_catalog(turn: Turn, window: timedelta, service_id: str | None = None) -> bool:
    """No visit of theirs meant: the catalog's usual length of the work named (or being booked);
    a booking asked for in the same text still goes on."""
    service_id = service_id or turn.parse.slots.get("service") or visits.named(turn).service_id
    typical = _typical(turn, str(service_id)) if service_id else None
    told = replies.work_length(typical, _hours(window))
    if turn.parse.intent == intents.BOOK and turn.parse.slots.get("when"):
        turn.say(told)
        return False  # "how long does a drain cleaning take? can you come friday": it books too
    small_talk.settle(turn, told)
    return True


def _service_of(turn: Turn, visit: object) -> str | None:
    job = turn.uow.jobs.get(getattr(visit, "job_id", 0))
    return job.service_id if job is not None else None


def _duration(turn: Turn, service_id: str | None) -> timedelta | None:
    try:
        return turn.catalog.get(service_id or "").duration
    except DomainError:
        return None


def typical(turn: Turn, service_id: str) -> str | None:
    """ "a drain cleaning takes about 1.5 hours", from the catalog; None when it has no length."""
    return _typical(turn, service_id)


def _typical(turn: Turn, service_id: str) -> str | None:
    """ "a drain cleaning usually takes about 1.5 hours"."""
    length = _duration(turn, service_id)
    if length is None:
        return None
    name = turn.catalog.get(service_id).name
    name = name[:1].lower() + name[1:]
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name} takes about {_about(length)}"


def _about(length: timedelta) -> str:
    """ "2 hours", "1.5 hours", "45 minutes", "1 hour 15 minutes"."""
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    if hours == 0:
        return f"{minutes} minutes"
    if minutes == 0:
        return f"{hours} hour{'s' if hours > 1 else ''}"
    if minutes == 30:
        return f"{hours}.5 hours"
    return f"{hours} hour{'s' if hours > 1 else ''} {minutes} minutes"


def _hours(window: timedelta) -> str:
    """The arrival window in words: "2-hour", "90-minute"."""
    minutes = int(window.total_seconds()) // 60
    return f"{minutes // 60}-hour" if minutes % 60 == 0 else f"{minutes}-minute"
