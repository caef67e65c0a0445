"""A booked visit said to be at another address: "the furnace tmrw is actually at my rental,
5120 N Kimball Ave", "the water heater visit is for my mom's condo, 1015 N Oak Park Ave". The
visit goes to that address (added to the account when new) at the same time; nothing is moved
in time and no slot is offered. A text asking for a visit there ("the tenant at 2231 W Roscoe needs
someone tomorrow", "a new appointment at the rental") is a new request, never a move."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import corrections, visits

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from domain.jobs import Appointment

# Words that put a visit somewhere else, beside the street given.
_ELSEWHERE = re.compile(
    r"\b(?:rental|condo|apartment|apt|unit|mom'?s|moms|dad'?s|dads|parents'?|tenant|other (?:place|"
    r"house|property|address)|not (?:my|the|our) (?:house|place|home|address)|address|go there|"
    r"there instead|is (?:actually )?(?:at|for)|it'?s (?:actually )?(?:at|for)|should be (?:at|for))\b")
# Words that put a booked visit at another place ("is actually at", "should be for", "go there
# instead", "not my house"): without them, a problem told at another address is a new request.
_RELOCATES = re.compile(
    r"\b(?:is|are|it'?s|its|should be|needs to be|has to be|supposed to be) (?:actually |really )?"
    r"(?:at|for|over at)\b|\bgo(?:es)? there\b|\binstead\b|\bnot (?:at )?(?:my|the|our) "
    r"(?:house|place|home|address)\b|\bwrong (?:address|place|house)\b|"
    r"\bmove (?:it|that|the \w+(?: \w+)?) to\b")
# Words asking for a visit of its own: a landlord's "can you send someone", "new booking please".
_ASKS_A_VISIT = re.compile(
    r"\b(?:send|book|schedule|get) (?:me |us |her |him |them )?(?:someone|somebody|a |an )|"
    r"\b(?:can|could|would) (?:you|u|someone|somebody|anyone|anybody) (?:guys )?(?:come|send|book)\b|"
    r"\bneeds? (?:someone|somebody|a (?:\w+ )?(?:visit|tech|technician|plumber|electrician|repair))\b|"
    r"\b(?:another|second|2nd|extra|additional|separate|new) (?:\w+ )?"
    r"(?:visit|appointment|appt|booking|job)\b")


def answer(turn: Turn) -> bool:
    """Move the one visit the text names (by day, work or technician) to the address it gives;
    False for any other text, or while a question is pending."""
    if turn.customer is None or not _ELSEWHERE.search(turn.text.lower()):
        return False  # the cheap test first: every customer text comes here
    if not (corrections.street_in(turn.text) or corrections.named_site(turn) is not None):
        return False  # "at my rental on 53rd": a street of the account's own names it too
    if turn.conversation.flow is not None and turn.conversation.is_active(turn.now):
        return False  # "its for my rental at ..." while booking: the new visit's address
    booked = visits.upcoming(turn)
    resolution = visits.resolve(turn, booked)
    if not resolution.named.narrows:
        return False  # no visit named: never guessed
    meant = resolution.one
    service = resolution.named.service_id
    if meant is None and service is not None:  # "the water heater visit next week": its work
        same = visits.same_service(turn, booked, service)
        meant = same[0] if len(same) == 1 else None
    if meant is None or _asks_a_visit_elsewhere(turn, meant, resolution.named):
        return False
    corrections.move_to_address(turn, meant)
    return True


def asks_a_visit(text: str) -> bool:
    """True when the text asks for a visit of its own ("send someone", "a separate visit")."""
    return _ASKS_A_VISIT.search(text.lower()) is not None


def _asks_a_visit_elsewhere(turn: Turn, meant: Appointment, named: visits.Named) -> bool:
    """True when the text asks for a visit at that address rather than naming one booked: words
    asking for someone, no word putting the visit there, or a day that is not the visit's ("her
    furnace, can you come tomorrow" beside a Monday furnace visit: the work matched, the visit
    did not)."""
    if asks_a_visit(turn.text) or not _RELOCATES.search(turn.text.lower()):
        return True  # "plumbing problem at my rental, 77 W Lake St, today if possible": new
    return bool(named.days or named.weeks) and not named.on_day(visits.local_day(turn, meant))
