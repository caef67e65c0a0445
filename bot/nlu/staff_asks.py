"""What technicians and reps ask that reads like a common intent: "anyone i owe a callback" is a rep's
follow-up list, not a call asked for; "i need to talk to my manager" is a person asked for."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.message import Message, Verdict

# "anyone i owe a callback", "any calls i owe", "who's waiting to hear from me", "who am i supposed to
# circle back with": the rep's own list of people owed an answer, not a call asked of the office.
OWED = re.compile(
    r"\b(?:who|anyone|anybody|any (?:one|body|people|clients|customers|accounts|leads)|which \w+)"
    r"(?: do| does| that| who)? (?:i|we) (?:still )?owe (?:a |an )?(?:call|callback|call back|ring|reply|"
    r"answer|email|update|quote|text)s?\b|"
    r"\bany (?:callbacks|call backs|calls|replies|emails|answers) (?:that )?(?:i|we) (?:still )?owe\b|"
    r"\bwho(?: is| s| are)? (?:waiting|wanting|expecting) to hear (?:back )?from (?:me|us)\b|"
    r"\bwho (?:am i|are we|was i) (?:supposed|meant|due|expected) to "
    r"(?:circle back|follow up|check in|get back|"
    r"call|ring|touch base|reach out|chase|ping|email)\b"
)
# Staff asking for their own boss or dispatcher: "i need to talk to my manager", "get my supervisor on".
# A customer saying the same means their own boss, whom they will ask first, so this is staff only.
_OWN_BOSS = re.compile(
    r"\b(?:talk|speak|chat|get in touch|touch base)(?: to| with) (?:my|our) "
    r"(?:manager|supervisor|boss|lead|foreman|dispatcher|service manager|sales manager|ops manager)\b"
    r"(?! (?:about (?:it|this) )?(?:first|before|later|tomorrow)\b)"
)


def detect_staff_ask(message: Message) -> Verdict | None:
    """A technician's or rep's ask that the common rules would misread, or None."""
    if message.role == intents.SALES and message.has(OWED):
        return Verdict(intents.FOLLOWUPS, 0.85)
    if message.role in (intents.SALES, intents.TECHNICIAN) and message.has(_OWN_BOSS):
        return Verdict(intents.HUMAN, 0.8)
    return None
