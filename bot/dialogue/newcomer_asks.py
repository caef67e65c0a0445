"""What an unknown number asks before it is set up, besides a visit: to book for someone else
("can I book for my daughter?"), or about a visit booked under another number.

Booking for someone else is a yes: the sign-up goes on with their name and address. A visit
under another number is never looked up and shown to this one; the office checks and calls.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies
from bot.dialogue.addresses import read_signup
from bot.nlu import intents
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

LOOKUP = "lookup"  # the sign-up's data key: the newcomer asked about a visit of theirs
# Intents of a text about a visit already booked.
ABOUT_A_VISIT = frozenset({intents.JOB_STATUS, intents.RESCHEDULE, intents.CANCEL})
_SOMEONE = (r"(?:daughter|son|kids?|mom|mother|mum|dad|father|parents?|sister|brother|tenants?|"
            r"friend|neighbou?r|grand(?:ma|mother|pa|father|parents?)|aunt|uncle|in-?laws?|"
            r"family|rental|renter|landlord|elderly \w+)")
_FOR_SOMEONE = re.compile(
    rf"\b(?:book|schedule|sign (?:up|them up|her up|him up)|set (?:up|it up)|send someone|do it|"
    rf"use (?:it|this))\b[^.?!]*\bfor (?:her|him|them|my \w*\s?{_SOMEONE}|someone else|somebody else)\b"
    rf"|\bfor (?:my \w*\s?{_SOMEONE}|someone else|somebody else)\b[^.?!]*\?"
    rf"|\bmy {_SOMEONE} (?:lives|is|has|stays)\b[^.?!]*\b(?:can|could|may) (?:i|we|you)\b")


def for_someone_else(turn: Turn) -> bool:
    """ "My daughter lives in Hyde Park, can I book for her?" with no address yet."""
    return (_FOR_SOMEONE.search(normalize(turn.text)) is not None
            and read_signup(turn.text).address is None)


def look_up(turn: Turn, where: str) -> None:
    """The office is asked to find the visit booked under another number; nothing is shown here."""
    said = " ".join(turn.text.split())[:160]
    handoff.hand_over(turn, reason=f'asks about a visit booked under another number: {where} '
                                   f'("{said}")')
    turn.finish(replies.visit_lookup_passed_on(where), done=handoff.HANDED_OVER)
