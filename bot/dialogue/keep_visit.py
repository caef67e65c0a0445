"""A visit the customer says to keep as it is ("keep thursday's furnace appt", "the drain thing
thursday, just leave it as is"): told it stays, nothing changed, any question pending kept open.

Only a visit still booked and named by its day or service is meant; a visit just cancelled or
moved ("keep the thursday one after all") is the corrections' to put back, and a text that also
moves or cancels something is left to those flows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies, small_talk, visits
from bot.nlu import intents
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_KEEP = re.compile(
    r"\b(?:keep|keeping)\b(?:\W+\w+){0,5}?\W+(?:appt|appointment|visit|one|booking|job)s?\b"
    r"|\b(?:leave|leaving) (?:it|that|this|them|that one|this one|the \w+(?: \w+)?)(?: \w+)? "
    r"(?:as is|as it is|alone|where it is|the same|be)\b"
    r"|\b(?:stays?|can stay|should stay|is fine) (?:as is|as it is|the same|where it is)\b")
# A change asked in the same text: the cancel, move or undo flows read it.
_CHANGE = re.compile(r"\b(?:cancel\w*|move|moving|moved|reschedul\w*|push\w*|instead|earlier|later|"
                     r"sooner|undo|back|after all|restore|re-?book)\b")
_ACTIONS = frozenset({intents.CANCEL, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE, intents.HUMAN})


def answer(turn: Turn) -> bool:
    """Say the visit named stays as booked; False for any other text."""
    if turn.customer is None or turn.parse.intent in _ACTIONS:
        return False
    text = normalize(turn.text)
    if not _KEEP.search(text) or _CHANGE.search(text):
        return False
    resolution = visits.resolve(turn, visits.upcoming(turn))
    if not resolution.named.narrows or resolution.one is None:
        return False
    small_talk.settle(turn, replies.kept(visits.label(turn, resolution.one)))
    return True
