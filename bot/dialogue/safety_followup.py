"""A danger reported earlier stays known for the conversation: a question about staying safe
("should i turn it off?", "do i need to leave??") gets its safety step again, and the question
pending before (the soonest times, the sign-up) stays open; a hurry gets the reminder too.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.dialogue import booking, offers, onboarding, safety_replies
from bot.dialogue.addresses import read_signup
from bot.dialogue.times import visit_label
from bot.nlu import intents
from bot.nlu.quantities import option_in
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from bot.nlu.urgency import URGENT, Danger

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

KEY = "danger"
# A danger is not over in half an hour: it stays known while the customer waits for the visit.
REMEMBERED = timedelta(hours=12)

_ACT = (r"(?:leave|go|get out|evacuate|turn|shut|switch|stop|unplug|open|close|stay|touch|use|"
        r"move|do|worry|wait|sleep)")
_SAFETY_QUESTION = re.compile(
    rf"\b(?:should|shall|must|can|could) (?:i|we)\b(?:\W+\w+){{0,2}}\W+{_ACT}\b"
    r"|\bshould (?:i|we) call\b|\bneed to (?:call 911|call the gas)\b"
    rf"|\b(?:need|have) to {_ACT}\b"
    r"|\bwhat (?:should|do|can|must) (?:i|we) do\b|\bwhat (?:now|do i do|to do)\b"
    r"|\bhow (?:do|can|should) (?:i|we) (?:stop|turn|shut|switch|keep|make|get)\b"
    r"|\bis (?:it|this|that) (?:safe|dangerous|going to|gonna)\b|\b(?:safe|ok|okay) to (?:stay|use|"
    r"go|sleep|be (?:in|inside|home))\b"
    r"|\b(?:catch|start) (?:on )?(?:a )?fire\b|\bexplode\b|\bblow up\b"
    r"|\banything (?:i|we) (?:should|can|need|could)\b"
    r"|\b(?:till|until|til) (?:then|they|he|she|someone)\b|\bin the meantime\b|\bmeanwhile\b")
_SENTENCES = re.compile(r"[.!?,;\n]+")


def remember(turn: Turn, danger: Danger) -> None:
    """Keep the danger reported for the rest of the conversation."""
    turn.remember(KEY, {"what": danger.value, "at": turn.now.isoformat()})


def known(turn: Turn) -> Danger | None:
    """The danger reported earlier in the conversation, if it is recent."""
    raw = turn.conversation.data.get(KEY)
    if not isinstance(raw, dict):
        return None
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
        danger = Danger(str(raw.get("what")))
    except ValueError:
        return None
    return danger if turn.now - at <= REMEMBERED else None


def answer(turn: Turn) -> bool:
    """Remind a safety question or a hurry of the known danger's step; True when that is all the
    text asks (the pending question is asked again), False when its flow answers the rest."""
    danger = known(turn)
    if danger is None:
        return False
    asks = _SAFETY_QUESTION.search(normalize(turn.text)) is not None
    if not asks and turn.parse.slots.get("urgency") != URGENT:
        return False
    turn.say(safety_replies.reminder(danger))
    if not asks:
        return False  # a hurry: its flow answers with the soonest times
    pending = turn.conversation
    if not pending.is_active(turn.now):
        turn.finish()
        return True
    if pending.flow == booking.FLOW and pending.step == offers.PICK:
        return _pick_stays_open(turn)
    if pending.flow == onboarding.FLOW and pending.step == "details":
        read = read_signup(turn.text)
        if read.address is not None:
            return False  # the sign-up in the same text goes on
        turn.ask(onboarding.FLOW, "details", turn.data,
                 safety_replies.details_to_send_someone())
        return True
    return False


def _pick_stays_open(turn: Turn) -> bool:
    """A pick told with the question ("first one pls. anything i should do?") is booked by the
    flow; otherwise the offered times are shown again."""
    option = _option_before_question(turn.text)
    if option is not None:
        turn.parse = Parse(intents.CHOOSE, {"option": option}, 1.0)
        return False
    if turn.parse.intent == intents.CHOOSE or offers.wish_from(turn) is not None:
        return False
    data = turn.data
    site = next((s for s in (turn.customer.sites if turn.customer else [])
                 if s.id == data.get("site_id")), None)
    timezone = site.timezone if site else turn.timezone
    found = [offers.load(raw) for raw in data.get("offers", [])]
    choices = [f"{visit_label(o.window_start, o.window_end, timezone)} with "
               f"{o.technician_name.split()[0]}" for o in found]
    if not choices:
        return False
    turn.ask(booking.FLOW, offers.PICK, data, safety_replies.still_open(choices))
    return True


def _option_before_question(text: str) -> int | None:
    """The option a sentence of the text picks, when one sentence is only a pick."""
    for sentence in _SENTENCES.split(normalize(text)):
        option = option_in(re.findall(r"[#\w']+", sentence))
        if option is not None:
            return option
    return None
