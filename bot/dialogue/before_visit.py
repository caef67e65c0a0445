"""Small practical questions before a visit, with no danger reported: "should i shut the washer
off til she gets here?", "do I need to be home?", "should I clear the area?", "what about the
dog?". A short, safe answer in general terms, the office named for anything more; never a booking
prompt. A danger (gas, smoke, sparks, water near power) is left to the safety answers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies, small_talk, visits
from bot.nlu import intents
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_ME = r"(?:i|we|u|you|someone|somebody|anyone|an adult)"
_SWITCH_OFF = re.compile(
    rf"\b(?:should|shall|do|can|must|need to|have to|ok to|okay to) {_ME}\b(?:\W+\w+){{0,4}}?\W+"
    r"(?:turn|shut|switch|unplug|stop using|stop running|not use|not run|avoid using)\b")
_BE_HOME = re.compile(
    rf"\b(?:do|does|should|must|have to|need to|has to|needs to) {_ME}(?: \w+){{0,2}}? "
    r"(?:be (?:home|there|here|around|present|in)|stay (?:home|in)|let (?:him|her|them) in)\b"
    r"|\b(?:have|need|has|needs) to be (?:home|there|here)\b|\bcan (?:he|she|they) (?:come|get in) "
    r"(?:if|while|when) (?:i'?m|im|i am|we'?re|were|we are|nobody'?s|no one'?s) (?:not|out|away|gone)\b")
_CLEAR = re.compile(
    rf"\b(?:should|shall|do|must|need to|have to) {_ME}\b(?:\W+\w+){{0,2}}?\W+(?:clear|move|empty|"
    r"clean (?:out|up)|tidy|make room|make space)\b|\banything (?:i|we) (?:should|need to) (?:do|"
    r"prepare|get ready)\b|\bhow (?:do|should) (?:i|we) (?:prepare|get ready)\b")
_PETS = re.compile(r"\b(?:dogs?|cats?|pets?|puppy|puppies)\b(?=[^.!]*(?:\?|\bok\b|\bfine\b|\bproblem\b))")
# A danger is the safety answers' to give: gas, fire, sparks, water near power.
_DANGER = re.compile(r"\b(?:gas|smoke|smoking|fire|flames?|sparks?|sparking|burning|carbon monoxide|"
                     r"co alarm|shock\w*|electrocut\w*)\b")
_THINGS = ("washer", "washing machine", "dishwasher", "dryer", "water heater", "furnace", "boiler",
           "ac", "air conditioner", "toilet", "sink", "faucet", "disposal", "sump pump", "water",
           "power", "breaker")


def answer(turn: Turn) -> bool:
    """Answer a practical question about getting ready for the visit booked; False for any
    other text, or when no visit is booked."""
    if turn.customer is None or turn.parse.intent not in (intents.UNKNOWN, intents.BOOK,
                                                          intents.HELP, intents.JOB_STATUS):
        return False
    text = normalize(turn.text)
    if _DANGER.search(text):
        return False
    asked = next((kind for kind, pattern in (("off", _SWITCH_OFF), ("home", _BE_HOME),
                                            ("clear", _CLEAR), ("pets", _PETS))
                  if pattern.search(text)), None)
    if asked is None:
        return False
    booked = visits.upcoming(turn)
    offered = _offered_technicians(turn)
    if not booked and offered is None:
        return False
    if offered is not None:  # times offered: the question is about the visit being chosen
        name = offered[0] if len(offered) == 1 else "the technician"
    else:
        person = turn.uow.staff.get(booked[0].technician_id) if len(booked) == 1 else None
        name = person.first_name if person else "the technician"  # several visits: none named
    thing = next((t for t in _THINGS if re.search(rf"\b{t}\b", text)), None)
    reply = {"off": lambda: replies.switch_off_until_visit(thing, name),
             "home": lambda: replies.be_home_for_visit(name),
             "clear": lambda: replies.clear_for_visit(thing),
             "pets": replies.pets_for_visit}[asked]()
    if offered is not None and _picks_too(turn):
        # "the earliest one. do i have to be home?": the answer, then the pick is read
        turn.say(reply)
        turn.goes_on = True
        return True
    small_talk.settle(turn, reply)
    return True


def _offered_technicians(turn: Turn) -> list[str] | None:
    """The first names the times offered are with, while a pick among them is awaited
    ("do i need to be home?" before picking); None when no times are offered."""
    from bot.dialogue import offers  # offers' neighbours import this module

    if not turn.conversation.is_active(turn.now) or turn.step != offers.PICK:
        return None
    found = [offers.load(raw) for raw in turn.data.get("offers") or []]
    return sorted({o.technician_name.split()[0] for o in found}) if found else None


_PICK_WORDS = re.compile(r"\b(?:earliest|first|second|third|last|latest|soonest|\d{1,2})\b|\bones?\b")


def _picks_too(turn: Turn) -> bool:
    """Whether a sentence of the text besides its question picks one of the times offered."""
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+", normalize(turn.text)) if s.strip()]
    return len(sentences) > 1 and any(
        _PICK_WORDS.search(s) and "?" not in s and not any(
            p.search(s) for p in (_SWITCH_OFF, _BE_HOME, _CLEAR, _PETS)) for s in sentences)
