"""Handing someone to a person: the dispatchers are asked to call back (RequestCallBack)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import replies
from bot.dialogue.reply import Reply
from bot.dialogue.times import clock_label, day_label
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


_LOOK_AHEAD = 8  # days searched for the office's next opening


# "i asked if youre open now. can a person call me": whether the office is open, asked with it.
_ASKS_OPEN = re.compile(r"\b(?:are|r|if|whether)\b[^.?!]{0,20}\bopen\b|\bopen (?:now|right now|still)\b",
                        re.IGNORECASE)


def start(turn: Turn) -> None:
    """The customer asked for a person: called shortly while the office is open, else told when;
    asked whether the office is open, the call is said with the hour it closes."""
    hand_over(turn, reason="asked for a person")
    if _ASKS_OPEN.search(turn.text) and is_open(turn):
        turn.finish(when_called(turn), done=HANDED_OVER)
        return
    turn.finish(replies.handoff(turn.business.name, opens=None if is_open(turn) else
                                next_opening(turn)), done=HANDED_OVER)


def is_open(turn: Turn) -> bool:
    """Whether the office is open at this text's moment."""
    zone = ZoneInfo(turn.business.timezone)
    now = turn.now.astimezone(zone)
    span = turn.business.business_hours.for_day(now.date())
    return span is not None and span.contains(now.time())


def when_called(turn: Turn) -> Reply:
    """Open now: a call today within business hours; closed: when the office next opens."""
    business = turn.business
    zone = ZoneInfo(business.timezone)
    now = turn.now.astimezone(zone)
    span = business.business_hours.for_day(now.date())
    if span is not None and span.contains(now.time()):
        return replies.call_today(clock_label(span.on(now.date(), zone)[1], business.timezone))
    return replies.call_when_open(next_opening(turn))


def next_opening(turn: Turn) -> str | None:
    """When the office next opens ("tomorrow at 8am", "Mon Dec 7 at 8am"), None within a week."""
    zone = ZoneInfo(turn.business.timezone)
    now = turn.now.astimezone(zone)
    for ahead in range(_LOOK_AHEAD):
        day = now.date() + timedelta(days=ahead)
        span = turn.business.business_hours.for_day(day)
        if span is None:
            continue
        start = span.on(day, zone)[0]
        if start <= now:
            continue
        name = ("tomorrow" if ahead == 1 else "today" if ahead == 0
                else day_label(start, turn.business.timezone))
        return f"{name} at {clock_label(start, turn.business.timezone)}"
    return None


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
    turn.finish(replies.detail_passed_on(None if is_open(turn) else next_opening(turn)),
                done=HANDED_OVER)
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
