"""A customer asks to be told before the technician comes ("can the tech text me when they're
heading over"): a note for the office, never a new visit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies, visits
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_ASKED = re.compile(
    r"\b(?:text|call|ring|message|phone|ping|let) (?:me|us|him|her|them|my tenant|the tenant)"
    r"(?: (?:or|and) (?:me|us|him|her|them))?(?: know)? (?:when|before|once|as soon as|"
    r"if) (?:(?:he|she|they|the tech|the technician|the plumber|the electrician|your (?:guy|tech))"
    r"(?:'re|'s| is| are)? )?(?:is |are )?(?:heading|on (?:the|their|his|her) way|leaving|coming|"
    r"comes?|gets? (?:here|there|close)|leaves?|heads?|close|nearby|near|about to|headed|"
    r"setting off|en route|\d+ min)")


def answer(turn: Turn) -> bool:
    """Pass the wish on to the office for the visit meant; False for any other text."""
    if turn.customer is None or turn.parse.slots.get("service") or turn.parse.slots.get("when"):
        return False
    if turn.conversation.is_active(turn.now) or not _ASKED.search(normalize(turn.text)):
        return False
    booked = visits.upcoming(turn)
    changed = turn.last_change().get("appointment_id")
    meant = [a for a in booked if a.id == changed] or (booked if len(booked) == 1 else [])
    visit = visits.label(turn, meant[0]) if meant else None
    handoff.hand_over(turn, reason="asked to be texted when the technician heads over"
                      + (f" for the {visit} visit" if visit else ""))
    turn.finish(replies.heads_up_noted(visit), keep_done=True)
    return True
