"""Questions that follow a booking or a request: "will I get a reminder?", "how long until I
hear back?", "when will they call?". Answered from the business's own settings; nothing changes.
"and the sump pump quote?" after the office was asked to prepare one: still being prepared, and
the office is reminded.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies, small_talk, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import day_label
from bot.nlu import intents
from bot.nlu.text import normalize

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# "will I get a reminder?", "do you text me before he comes?"; a bare "remind me?" asks to be
# told again what was said, and "remind me when my visit is" asks about the visit.
_REMINDER = re.compile(r"\breminders?\b|\b(?:remind|text|message|call|ping|notify) (?:me|us) "
                       r"(?:before|ahead|beforehand|the day before|a day before|when (?:he|she|they|"
                       r"the tech) (?:is|are) on (?:the|his|her|their) way)\b"
                       r"|\b(?:get|send|receive) (?:me |us )?(?:a |an )?(?:text|message|heads ?up|"
                       r"notification) (?:before|ahead|beforehand|the day before)\b")
_ASKS = re.compile(r"\?|^\W*(?:(?:ok|okay|thanks|thank you|great|cool|and|so)\W+)*(?:will|do|does|"
                   r"would|can|could|is|are|should|how|when)\b")
_WHEN_HEAR = re.compile(
    r"\b(?:how long|how soon|when|what time|how quickly|by when)\b[^.!?]*\b(?:hear (?:back|from)|"
    r"get back to (?:me|us)|call(?:s|ing)?(?: me| us)?(?: back)?|be in touch|reach out|contact (?:me|us)|"
    r"respond|get (?:a|the|my|our) (?:price|quote|estimate|call|answer))\b")


def answer(turn: Turn) -> bool:
    """Answer a reminder question, or "when will I hear back" after a person was asked to call."""
    if turn.parse.intent in (intents.CANCEL, intents.RESCHEDULE, intents.HUMAN, intents.CHOOSE):
        return False
    text = normalize(turn.text)
    if _REMINDER.search(text) and _ASKS.search(text):
        small_talk.settle(turn, _reminders(turn), done="answered")
        return True
    if _WHEN_HEAR.search(text) and turn.last_done() in (handoff.HANDED_OVER, handoff.QUOTE_REQUESTED):
        turn.finish(handoff.when_called(turn), keep_done=True)
        return True
    return _quote_asked_for(turn, text)


# What the timeline notes when the office is asked to price work (handoff.hand_over's reason).
_REQUESTED = re.compile(r"\basked for a quote for (?P<what>.+?); dispatchers asked\b")
_QUOTE = re.compile(r"\b(?:quotes?|estimates?|price|pricing)\b")
_WAITS = re.compile(r"\?|\b(?:any (?:news|update|word)|status|ready|yet|still|what about|where is|"
                    r"wheres|did (?:you|they)|heard|hear)\b|^\W*(?:and|so|ok|okay)\b")
_PLAIN = frozenset("the and for new a an my our quote estimate replacing replace replacement "
                   "install installing installation repair fixing fix work job".split())


def _quote_asked_for(turn: Turn, text: str) -> bool:
    """ "and the sump pump quote?": a quote asked for earlier and not sent yet is still being
    prepared; the office is reminded. False when the text asks of no such quote (or a quote of
    that work has been sent: quote_questions answers about it)."""
    from bot.dialogue import questions, quote_questions  # they import this module's neighbours

    if turn.customer is None or not _QUOTE.search(text) or not _WAITS.search(text) or \
            questions.asks_for_quote(turn) or quote_questions.named(turn):
        return False
    words = set(re.findall(r"[a-z]+", text)) - _PLAIN
    notes = sorted(turn.uow.activities.find(account_id=turn.customer.account_id),
                   key=lambda note: note.at, reverse=True)
    for note in notes:
        found = _REQUESTED.search(note.summary)
        if found is None:
            continue
        what = found.group("what")
        if set(re.findall(r"[a-z]+", what.lower())) - _PLAIN & words:
            handoff.hand_over(turn, reason=f"asks again about the quote for {what[:60]}")
            asked = day_label(note.at, turn.timezone)
            turn.finish(replies.quote_still_coming(
                what, "today" if asked == day_label(turn.now, turn.timezone) else f"on {asked}"),
                keep_done=True)
            return True
    return False


def _reminders(turn: Turn) -> Reply:
    offsets = sorted(turn.business.reminder_offsets, reverse=True)
    ahead = visits.upcoming(turn) if turn.customer is not None else []
    visit = visits.label(turn, ahead[0]) if ahead else None
    return replies.reminders([before_visit(offset) for offset in offsets], visit)


def before_visit(offset: timedelta) -> str:
    """ "the day before", "2 hours before", "30 minutes before"."""
    hours = offset.total_seconds() / 3600
    if hours == 24:
        return "the day before"
    if hours >= 24 and hours % 24 == 0:
        return f"{int(hours // 24)} days before"
    if hours >= 1 and hours == int(hours):
        return "an hour before" if hours == 1 else f"{int(hours)} hours before"
    return f"{int(offset.total_seconds() // 60)} minutes before"


