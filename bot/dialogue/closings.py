"""Closing words ("see you wednesday", "ok bye", "wrong number, sorry"): a short kind answer.

Nothing is asked and nothing changes. "See you <day>" is checked against the sender's visits, so
a customer expecting someone on a day with no visit hears which day is booked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import onboarding, replies, topics, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import local
from bot.nlu import intents
from bot.nlu.small_talk import strip_greeting
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_NODS = r"(?:(?:ok|okay|k|kk|cool|great|thanks|thank you|thx|ty|alright|perfect|awesome|sounds good|" \
        r"all good|got it|no worries|sure|ah|oh|oops|whoops|sorry|my bad|nah|naw|no|nope|meh|eh|hm+|" \
        r"fine|ugh|nvm|never ?mind)\W+)*"
_CLOSING = re.compile(
    _NODS + r"(?:see (?:you|ya|u)\b(?P<when>[^?]*)|bye(?: bye| now)?|good ?bye|cya|ttyl|later|"
    r"talk (?:to (?:you|u|ya) )?(?:soon|later|then)"
    r"|have a (?:good|great|nice|wonderful) (?:one|day|night|evening|weekend)"
    r"|looking forward to (?:it|seeing you)|until then"
    r"|(?P<later>(?:i|we)(?:'?ll| will| can) (?:just )?(?:text|call|message|msg|get back to|reach out to|"
    r"contact|try|write)(?: (?:you|u|ya|you guys|y'?all|back|again|in))*(?: [^?]{0,40})?)"
    r"|(?P<think>let me (?:check|think|talk|ask|see|discuss|get back)\b[^?]{0,50}"
    r"|(?:i'?ll|i will|we'?ll|we will|i'?m gonna|i need to|we need to|gonna) (?:think|check|talk|ask|"
    r"discuss|sleep on)\b[^?]{0,50}|(?:maybe |ok )?(?:later|another time|some other time)"
    r"|maybe (?:later|another time|next week|tomorrow|next month)|not (?:right )?now|will do)"
    r"|(?P<drop>(?:never ?mind|nvm|forget it)(?: then| for now| lol| thanks| thank you)*)"
    r"|(?P<wrong>wrong (?:number|person)"
    r"(?:\W+(?:sorry|my bad|oops))?))\W*$")


def answer(turn: Turn) -> bool:
    """Answer a closing; False for anything else, or while a question other than the sign-up's
    waits (its own flow reads the text)."""
    if turn.parse.intent not in (intents.UNKNOWN, intents.THANKS, intents.GREET, intents.AFFIRM):
        return False
    found = _CLOSING.match(strip_greeting(normalize(turn.text)))
    if found is None:
        return False
    if turn.conversation.is_active(turn.now) and turn.conversation.flow != onboarding.FLOW:
        return False
    if found.group("think") and turn.conversation.is_active(turn.now):
        turn.say(replies.take_your_time())  # "let me check with my wife": the sign-up waits
    elif found.group("wrong"):
        turn.finish(replies.wrong_number())
    elif found.group("drop"):
        turn.finish(replies.no_call(), keep_done=True)
    elif turn.customer is not None and found.group("when"):
        turn.finish(_see_you(turn, found.group("when")), keep_done=True)
    else:
        turn.finish(replies.goodbye(), keep_done=True)
    return True


def _see_you(turn: Turn, when: str) -> Reply:
    """ "See you wednesday": that day's visit confirmed, or the visit actually booked."""
    today = local(turn.now, turn.timezone).date()
    asked = topics.asked_days(when, today)
    if not asked:
        return replies.goodbye()
    ahead = visits.upcoming(turn)
    label, day = asked[0]
    on_day = [a for a in ahead if visits.local_day(turn, a) == day]
    if on_day:
        return replies.see_you(visits.label(turn, on_day[0]))
    return replies.no_visit_that_day(label, visits.label(turn, ahead[0]) if ahead else None)
