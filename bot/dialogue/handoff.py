"""Handing someone to a person: the dispatchers are asked to call back (RequestCallBack)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies
from bot.nlu import intents
from domain.commands import RequestCallBack

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# What a flow achieved when a person was asked to call (a request, a complaint): what the sender
# adds next is for that person.
HANDED_OVER = "complaint"
# What a request for a quote achieved: the office will call with a price (a "Y" approves nothing).
QUOTE_REQUESTED = "quote_requested"
# "It's about the last repair": what the call is about, even when it names a service.
_EXPLAINS = re.compile(r"^\W*(?:(?:ok|so|well|yes|yeah)\W+)*(?:it'?s |its |it is |this is |that'?s )?"
                       r"(?:about|regarding|concerning|re:|because|the reason)\b", re.IGNORECASE)


def start(turn: Turn) -> None:
    """The customer asked for a person."""
    hand_over(turn, reason="asked for a person")
    turn.finish(replies.handoff(turn.business.name), done=HANDED_OVER)


def explains(text: str) -> bool:
    """Whether a text says what an earlier request is about ("it's about the invoice")."""
    return _EXPLAINS.match(text) is not None


def add_detail(turn: Turn) -> bool:
    """What someone says right after a person was asked to call them, and the bot cannot place,
    is passed on to that person; False when no hand-over was the last thing done."""
    if turn.last_done() != HANDED_OVER:
        return False
    said = " ".join(turn.text.split())
    hand_over(turn, reason=f"added: \"{said[:160]}\"")
    turn.finish(replies.detail_passed_on(), done=HANDED_OVER)
    return True


def hand_over(turn: Turn, *, reason: str, urgent: bool = False) -> None:
    """Ask the dispatchers (through the outbox) to call the sender back, noting why."""
    customer = turn.customer
    who = (customer.contact.name if customer else turn.staff.name if turn.staff
           else "A new number")
    turn.run(RequestCallBack(
        reason=reason, channel=turn.channel, address=turn.address, who=who,
        account_id=customer.account_id if customer else None,
        actor=turn.actor if customer or turn.staff else None, message_id=turn.message_id,
        urgent=urgent,
    ))


def answer_offer(turn: Turn) -> bool:
    """Answer to "Would you like someone to call you? Reply Y or N"."""
    if turn.parse.intent == intents.AFFIRM:
        start(turn)
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(replies.no_call())
        return True
    return False
