"""A technician asking about one of their own visits: "whats the address for patel", "gate code
for the chen job?", "whats the phone # for my 11am". Answered from the technician's own schedule
(today first, then the next two weeks), never from another technician's visit: a name that fits
only someone else's is refused as if unknown."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import technician_texts as texts
from bot.dialogue.technician_asks import at_hour_said
from bot.dialogue.technician_jobs import (
    Visit,
    in_progress,
    named,
    named_own,
    names_a_place,
    names_only_anothers,
    next_up,
    other_day_visits,
    todays_visits,
)
from bot.dialogue.technician_undo import refuse

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# Each fact a technician asks for, by the words they use for it.
FACTS = (
    ("access", re.compile(r"\b(?:gate|door|lockbox|lock box|garage|building|entry|access|alarm)"
                          r" ?(?:code|combo|combination|#|number|notes?|info)\b|\baccess\b|"
                          r"\bhow (?:do i|to) get in\b", re.IGNORECASE)),
    ("phone", re.compile(r"\b(?:phone|cell|mobile|contact|customers?|their|his|her) ?"
                         r"(?:#|number|no\.?|num)|\bphone\b|\bnumber for\b", re.IGNORECASE)),
    ("address", re.compile(r"\baddress\b|\baddy\b|\baddr\b|\bwhere is (?:the )?\w+(?:'?s)? "
                           r"(?:job|place|house)\b", re.IGNORECASE)),
)
# A question, not a note giving the fact ("gate code 4412"): a question word first, or a "?".
_ASKED = re.compile(r"^\W*(?:(?:hey|yo|ok|quick q)\W+)?(?:what'?s|whats|wats|what is|where'?s|wheres|"
                    r"where is|got|need|send|give|do (?:we|you|u|i) have|any|can i get|can u send|"
                    r"remind me)\b|\?\s*$", re.IGNORECASE)
# The fact given with the text ("gate code 4412", "phone # 555-0101"): a note, never a question.
_GIVEN = re.compile(r"\b(?:code|combo|#|number|address)\s*(?:is\s*)?[:\-]?\s*\d{3,}", re.IGNORECASE)
# Words that make a phone number asked with no name the customer's ("whats the customer's #").
_CUSTOMER = re.compile(r"\b(?:customers?|homeowners?|clients?|tenants?|owners?|their|them|his|her|"
                       r"this (?:job|one)|the job|next (?:job|one|stop)|current (?:job|one))\b",
                       re.IGNORECASE)
AHEAD = timedelta(days=14)  # how far ahead a visit asked about by name is looked for
SHOWN = 3


def asked(text: str) -> list[str]:
    """The facts about a visit the text asks for, in the order of FACTS; [] for none."""
    if not _ASKED.search(text) or _GIVEN.search(text):
        return []
    return [kind for kind, pattern in FACTS if pattern.search(text)]


def answer(turn: Turn) -> bool:
    """Answer a question about one of the technician's visits; False when the text asks none."""
    kinds = asked(turn.text)
    if not kinds:
        return False
    today = todays_visits(turn)
    found = named_own(turn, today, turn.text)
    if found is None:  # another technician's visit fits the name better: nothing of theirs said
        refuse(turn, texts.no_visit(named=True))
        return True
    visits = found or at_hour_said(today, turn)
    if not visits:
        # their own visits on the days ahead: only their own are searched, nothing else said
        visits = named(other_day_visits(turn, before=timedelta(0), after=AHEAD), turn.text)
    if not visits and (names_a_place(turn.text) or names_only_anothers(turn, turn.text)):
        refuse(turn, texts.not_on_your_schedule(today, turn.timezone))
        return True
    if not visits and kinds == ["phone"] and not _CUSTOMER.search(turn.text):
        return False  # "need the phone # for the supply house": no visit's, nothing answered
    if not visits:  # "whats the gate code?": the visit in hand, else the next one
        current = in_progress(today) or [v for v in [next_up(today)] if v is not None]
        visits = current[:1]
    if not visits:
        turn.finish(texts.no_visit(named=False))
        return True
    turn.finish(texts.visit_facts([(v, _phone(turn, v)) for v in visits[:SHOWN]], kinds,
                                  turn.timezone))
    return True


def _phone(turn: Turn, visit: Visit) -> str:
    """The phone of the visit's customer: the account's first contact with one."""
    contacts = turn.uow.contacts.find(account_id=frozenset({visit.job.account_id}))
    return next((c.phone for c in contacts if c.phone), "")
