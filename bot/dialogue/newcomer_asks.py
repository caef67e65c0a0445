"""What an unknown number asks before it is set up, besides a visit: to book for someone else
("can I book for my daughter?"), about a visit booked under another number, what a call already
asked for is about ("it's about a bill", "my name is Greg Hall"), or something off topic
("who's winning the game?").

Booking for someone else is a yes: the sign-up goes on with their name and address. A visit
under another number is never looked up and shown to this one; the office checks and calls.
A call asked for needs no service address: what follows it is passed on to the person calling.
An off-topic question is politely declined with what the business does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies
from bot.dialogue.addresses import NewCustomerDetails, read_postal_code, read_signup
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


# A question's shape: "who's winning", "whats the weather", "is it going to snow?".
_QUESTION = re.compile(r"^(?:(?:lol|haha|hey|hi|so|ok|okay|btw|yo|also|random question|quick question)"
                       r"\W+)*(?:who|whos|what|whats|when|where|how|why|is|are|will|did|does|do|"
                       r"can|could|would|should)\b|\?\s*$")


def adds_to_call(turn: Turn, *, no_request: bool) -> bool:
    """Right after a newcomer asked for a person: what the call is about, or their name, is passed
    on to that person, and no service address is asked; False for an address or a new request."""
    if turn.last_done() != handoff.HANDED_OVER or not (no_request or handoff.explains(turn.text)):
        return False
    read = read_signup(turn.text)
    if read.address is not None or read_postal_code(turn.text) is not None:
        return False  # an address: the sign-up goes on
    if read.name is not None:
        handoff.hand_over(turn, reason=f"the caller's name: {read.name}")
        first = NewCustomerDetails(read.name, "", "", "").first_name
        turn.finish(replies.name_passed_on(first), done=handoff.HANDED_OVER)
        return True
    return handoff.add_detail(turn)


# Words of a question about the business, its work or a visit: never off topic, even unread.
_OUR_BUSINESS = re.compile(
    r"\b(?:pric\w*|cost\w*|charg\w*|fees?|rates?|pay\w*|paid|per hour|emergenc\w*|servic\w*|"
    r"repair\w*|fix\w*|install\w*|replac\w*|tech\w*|visit\w*|appointments?|quotes?|estimates?|"
    r"bills?|invoices?|furnace|heat\w*|boiler|ac|a ?c|hvac|plumb\w*|drain\w*|toilet|sink|faucet|"
    r"pipes?|leak\w*|electric\w*|outlets?|breakers?|panel|wir\w*|gas|vents?|thermostat|schedul\w*|"
    r"book\w*|cancel\w*|zip|warrant\w*|licens\w*|insur\w*|permits?|how much|how long|how soon|"
    r"when can|when will|anyone|someone|somebody)\b")


def off_topic(turn: Turn) -> bool:
    """A question the business cannot answer ("whats the weather tomorrow"): no name, address,
    service, request or word of the business's work in it."""
    if turn.parse.intent != intents.UNKNOWN or turn.parse.slots.get("service"):
        return False
    if _OUR_BUSINESS.search(normalize(turn.text)):
        return False
    read = read_signup(turn.text)
    return (read.name is None and read.address is None and read_postal_code(turn.text) is None
            and _QUESTION.search(normalize(turn.text)) is not None)
