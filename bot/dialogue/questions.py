"""Texts with nothing pending that ask or decide about quotes though the parser saw no quote intent.

"how much was it again" (unknown), "go ahead" (a bare affirm), "we'll pass" (a bare deny),
"sounds good, book the work" or "can you send me a quote for a new AC" (book): each is answered
here as the quote question, approval, refusal or quote request it is, before the usual flow.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import booking, handoff, quote_questions, quotes, replies, small_talk

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# Asking for a price to be prepared ("send me a quote for ..."), not asking about one sent.
_QUOTE_REQUEST = re.compile(
    r"\b(?:a|an|some|new|another|me a|us a|get a|free)\s+(?:quote|estimate|quotation|bid|pricing|"
    r"price quote)\b", re.IGNORECASE)
_VISIT = re.compile(r"\b(?:come|coming|visit|appointment|send (?:someone|somebody|a tech)|"
                    r"look at|take a look|today|tomorrow|\w+day)\b", re.IGNORECASE)
# "a quote for replacing my furnace" is told back as "replacing your furnace".
_THEIRS = {"my": "your", "our": "your", "me": "you", "us": "you", "i": "you", "we": "you",
           "mine": "yours", "ours": "yours"}
_FOR = re.compile(r"\b(?:quote|estimate|quotation|bid|pricing)\s+(?:for|on|to)\s+([^.?!,;]+)",
                  re.IGNORECASE)


def unclear(turn: Turn) -> None:
    """A text the parser did not place: a quote question or go-ahead, else not understood."""
    if turn.customer is not None and _asks_for_quote(turn):
        _request_quote(turn)
        return
    if turn.customer is not None and (quote_questions.answer(turn) or _went_ahead(turn)):
        return
    if handoff.add_detail(turn):
        return
    small_talk.not_understood(turn)


def book(turn: Turn) -> None:
    """A booking request, unless it asks for a quote or goes ahead with one."""
    if handoff.explains(turn.text) and handoff.add_detail(turn):
        return  # "it's about the last repair", right after asking for a person
    if turn.customer is not None and not turn.parse.slots.get("when"):
        if _asks_for_quote(turn):
            _request_quote(turn)
            return
        if quote_questions.names_a_quote(turn) and quote_questions.answer(turn):
            return
        if (not turn.parse.slots.get("service") and quotes.PASSED.search(turn.text)
                and quotes.open_quotes(turn)):
            quotes.begin(turn, "decline")  # "we've decided to go with someone else"
            return
        if not turn.parse.slots.get("service") and (_went_ahead(turn) or
                                                     quote_questions.answer(turn)):
            return
    booking.start(turn)


def affirm(turn: Turn) -> None:
    """ "go ahead" with an open quote asks to approve it; any other nod is acknowledged."""
    if turn.customer is not None and _went_ahead(turn):
        return
    small_talk.acknowledge(turn)


def deny(turn: Turn) -> None:
    """ "we'll pass" with an open quote asks to decline it; any other "no" changes nothing."""
    if turn.customer is not None and quotes.PASSED.search(turn.text) and quotes.open_quotes(turn):
        quotes.begin(turn, "decline")
        return
    small_talk.nothing_to_do(turn)


def _went_ahead(turn: Turn) -> bool:
    if not quotes.goes_ahead(turn.text) or not quotes.open_quotes(turn):
        return False
    quotes.begin(turn, "approve")
    return True


def _asks_for_quote(turn: Turn) -> bool:
    """ "send me a quote for ..." with no visit or day asked for."""
    return (_QUOTE_REQUEST.search(turn.text) is not None and _VISIT.search(turn.text) is None
            and not turn.parse.slots.get("when"))


def _request_quote(turn: Turn) -> None:
    """The office is asked to price the work; nothing is booked."""
    found = _FOR.search(turn.text)
    service = turn.parse.slots.get("service")
    if found:
        what = " ".join(_THEIRS.get(word.lower(), word) for word in found.group(1).split())
    elif isinstance(service, str):
        what = turn.catalog.get(service).name.lower()
    else:
        what = ""
    handoff.hand_over(turn, reason=f"asked for a quote for {what[:60] or 'work not yet named'}")
    turn.finish(replies.quote_requested(what))
