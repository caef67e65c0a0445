"""Texts with nothing pending that ask or decide about quotes though the parser saw no quote intent.

"how much was it again" (unknown), "go ahead" (a bare affirm), "we'll pass" (a bare deny),
"sounds good, book the work" or "can you send me a quote for a new AC" (book): each is answered
here as the quote question, approval, refusal or quote request it is, before the usual flow.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import (
    booking,
    cancel_many,
    handoff,
    held_offers,
    newcomer_asks,
    offers,
    quote_decisions,
    quote_questions,
    quotes,
    replies,
    small_talk,
    topics,
    visit_questions,
)
from bot.nlu import intents

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# A day or an hour named: a text about a visit, never off topic.
_NAMES_A_TIME = re.compile(r"\d|\b(?:today|tonight|tomorrow|tmrw|morning|afternoon|evening|"
                           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|sat|sun)\b", re.IGNORECASE)
# Asking for a price to be prepared ("send me a quote for ..."), not asking about one sent.
_QUOTE_REQUEST = re.compile(
    r"\b(?:a|an|some|new|another|me a|us a|get a|free)\s+(?:quote|estimate|quotation|bid|pricing|"
    r"price quote)\b", re.IGNORECASE)
_VISIT = re.compile(r"\b(?:come|coming|visit|appointment|send (?:someone|somebody|a tech)|"
                    r"look at|take a look|today|tomorrow|\w+day)\b", re.IGNORECASE)
# "a quote for replacing my furnace" is told back as "replacing your furnace".
_THEIRS = {"my": "your", "our": "your", "me": "you", "us": "you", "i": "you", "we": "you",
           "mine": "yours", "ours": "yours"}
_FOR = re.compile(r"\b(?:quote|estimate|quotation|bid|pricing)\s+(?:for|on|to)\s+([^.?!,;]+?)"
                  r"(?=\s+(?:too|as well|also|while|when|if|please|pls|asap|and)\b|[.?!,;]|$)",
                  re.IGNORECASE)


# Deciding on a quote in words the parser leaves as a booking ("i want to approve a quote").
_DECIDES = re.compile(r"\b(?:approv\w*|accept\w*|sign off)\b[^.?!]*\b(?:quotes?|estimates?)\b|"
                      r"\b(?:quotes?|estimates?)\b[^.?!]*\b(?:approv\w*|accept\w*)\b", re.IGNORECASE)
_NOT = re.compile(r"\b(?:not|no|never|don'?t|do not|can'?t|cannot|won'?t|didn'?t|did|was|is|has|"
                  r"how|when|where|why|whether|if)\b", re.IGNORECASE)
# Choosing a priced piece of work by its title: "we want the new furnace", "we'll take the AC one".
_CHOOSES = re.compile(r"\b(?:want|take|go for|(?:go|going|go ahead|going ahead) (?:with|w/?)|"
                      r"proceed with|move forward with|choose|chose|pick|picked|decided on|settled on|"
                      r"ready for|do)\s+(?:the|that|this|your|our|my)\b|"
                      r"\b(?:want|go for|take|accept|approve) it\b(?! (?:fixed|done|looked|checked))",
                      re.IGNORECASE)

# Work asked on the thing ("we want the AC looked at"): a visit, not the quote.
_SERVICED = re.compile(r"\b(?:look(?:ed)? at|fix(?:ed)?|repair(?:ed)?|check(?:ed)?|servic\w*|"
                       r"clean(?:ed)?|tune\w*|maint\w*|inspect\w*|come|out|asap|soon)\b",
                       re.IGNORECASE)


# A question, not a request: "what did he do?", "did they fix it".
_ASKED = re.compile(r"\?|^\W*(?:(?:hi|hey|hello|so|and|ok|okay|but|well|um|also|then|just|like)\W+)*"
                    r"(?:what|did|has|have|was)\b"
                    # a letter's question has no "?": "I was wondering if you could tell me ..."
                    r"|\b(?:i was wondering|i am wondering|could you (?:please |kindly )?tell me|"
                    r"would you (?:please |kindly )?tell me|please tell me)\b", re.IGNORECASE)


# Said beside a quote question: no visit is wanted, so times offered for one are dropped.
_NOTHING_BOOKED = re.compile(
    r"\b(?:(?:don'?t|dont|do not|not)\s+(?:need|want)\s+(?:\w+\s+){0,2}?(?:booked|scheduled|moved|"
    r"rescheduled|visits?|appointments?|times?|slots?)|(?:don'?t|dont|do not|not)\s+(?:move|book|"
    r"reschedule|schedule|change)\b|(?:i'?m|im|i am|we'?re|we are) not (?:moving|booking|"
    r"rescheduling|changing)|nothing (?:to (?:book|move)|booked|moved))", re.IGNORECASE)
# A question asked, not a request: "does that 3150 include ...?", "how much is the plan quote".
_ASKS = re.compile(r"\?|(?:^|[.!,;]\s*)(?:(?:and|also|so|ok|okay|hold on|wait|thanks|but)\W+)*"
                   r"(?:what|whats|how|does|do|is|are|which|why)\b", re.IGNORECASE)


# What the parser makes of a quote question: a visit asked for, or a text it could not place.
_VISIT_ASKS = frozenset({intents.CANCEL, intents.RESCHEDULE, intents.BOOK, intents.UNKNOWN,
                         intents.DENY})


def quote_aside(turn: Turn) -> bool:
    """ "I don't need a visit, I'm asking about quote 1047's status", "does that 3150 include
    digging up the yard?", "whats this maintenance plan thing you sent" read as a cancel, a move
    or a booking: a question about a quote the text names is answered from the quote before any
    visit is touched. Times offered before stay offered, unless the text says nothing is to be
    booked or moved; inside quote talk the quotes flow answers it and asks its Y/N again."""
    intent = turn.parse.intent
    if turn.customer is None or intent not in _VISIT_ASKS:
        return False
    if intent in (intents.CANCEL, intents.RESCHEDULE) and _decides(turn):
        return True
    in_talk = turn.conversation.is_active(turn.now) and turn.conversation.flow == quotes.FLOW
    if in_talk and turn.step != quote_questions.ABOUT or not (
            intent in (intents.CANCEL, intents.RESCHEDULE) and quote_questions.says_quote(turn)
            or asks_about_quote(turn)):
        return False
    if turn.conversation.is_active(turn.now) and not in_talk and \
            _NOTHING_BOOKED.search(turn.text) is not None:
        # "i dont need anything booked": the times offered are dropped
        turn.finish(replies.offer_dropped(), keep_done=True)
    if in_talk:
        return quote_questions.answer(turn)
    return held_offers.aside(turn, quote_questions.answer)


def asks_about_quote(turn: Turn) -> bool:
    """True when the text asks about a quote it names (by number, total or title told), and asks
    for no day: a question, never a visit wanted."""
    text = turn.text
    if (_day_asked(turn) and not _time_aside(turn)
            and quote_questions.kind_of(turn) != "schedule") or asks_for_quote(turn) \
            or not quote_questions.shown(turn) or not quote_questions.names_a_quote(turn):
        return False
    hedged = _HEDGED.search(text) is not None and quote_questions.kind_of(turn) == "schedule"
    if not hedged and (quote_decisions.decides(text) or quotes.goes_ahead(text) or
                       quotes.HAGGLE.search(text) or _CHOOSES.search(text) or
                       quotes.PASSED.search(text)):
        return False  # "the furnace quote. we want it": a decision, confirmed by the quotes flow
    return quote_questions.says_quote(turn) or _ASKS.search(text) is not None


def _time_aside(turn: Turn) -> bool:
    """A time said beside a question that says "quote" ("we open at 7 so quick q - how much was
    that sewer quote"), with no visit asked for: the question is about the quote, not a day."""
    text = _COMES_TO.sub(" ", turn.text)  # "what did the quote come out to": a price, no visit
    return quote_questions.says_quote(turn) and _BOOKING.search(text) is None


_COMES_TO = re.compile(r"\b(?:come|comes|coming|came) (?:out )?to\b", re.IGNORECASE)
# Asking for a visit in so many words: a time said beside it is the visit's ("open till 6 today"
# or "we close at 9" only says when they can be reached).
_BOOKING = re.compile(r"\b(?:book|schedule|reschedul\w*|move|install|available|availability|"
                      r"free|openings?|send|come|coming|visit|appointment|appt|look at|take a look|"
                      r"stop by|swing by|out here|over here)\b", re.IGNORECASE)


# "if i approve it, when could you do the install": a question about deciding, not a decision.
_HEDGED = re.compile(r"\b(?:if|before|once|do (?:i|we) (?:need|have) to|should (?:i|we))\b",
                     re.IGNORECASE)

def _day_asked(turn: Turn) -> bool:
    """True when the text asks for a day, unless it is a pick among the times offered said in a
    sentence of its own ("monday the 28th 8-10 is perfect. how much was the quote?")."""
    if not turn.parse.slots.get("when"):
        return False
    if turn.step != offers.PICK or not turn.conversation.is_active(turn.now):
        return True
    picked = offers.pick_sentence(turn)
    return picked is None or picked == turn.text


def unclear(turn: Turn) -> None:
    """A text the parser did not place: a quote question or go-ahead, else not understood."""
    if turn.customer is not None and quotes.haggles(turn):
        return
    if turn.customer is not None and _passes(turn):
        quotes.begin(turn, "decline")  # "we went with another company": asked to decline first
        return
    if turn.customer is not None and asks_for_quote(turn):
        _request_quote(turn)
        return
    if turn.customer is not None and (quote_questions.answer(turn) or _went_ahead(turn)
                                      or _decides(turn)):
        return  # _decides: "I want to approve the quote. not book anything"
    if handoff.add_detail(turn):
        return
    if newcomer_asks.off_topic(turn) and not _NAMES_A_TIME.search(turn.text):
        # "you catch the bears game?": no misunderstanding; "can i get saturday like 9ish" is ours
        small_talk.settle(turn, replies.off_topic(topics.offered_services(turn.catalog)))
        return
    small_talk.not_understood(turn)


def book(turn: Turn) -> None:
    """A booking request, unless it asks for a quote or goes ahead with one."""
    if handoff.explains(turn.text) and handoff.add_detail(turn):
        return  # "it's about the last repair", right after asking for a person
    if offers.refuses_booking(turn.text) and not turn.parse.slots.get("when"):
        small_talk.settle(turn, replies.left_as_is())  # "ask my husband first, dont book anything"
        return
    if turn.customer is not None and quote_questions.kind_of(turn) == "status" and \
            quote_questions.titles_named(turn, turn.text.lower()) and quote_questions.answer(turn):
        return  # "did my yes on the maintenance plan go through? i replied last week"
    if turn.customer is not None and cancel_many.start(turn):
        return  # "why the 15th and the 18th? cancel those two": a cancel, never a booking
    if booking.schedules_waiting_job(turn):
        return  # "tuesday morning" for the job the office opened: times for that job
    if turn.customer is not None and not turn.parse.slots.get("when"):
        if quotes.haggles(turn) or _decides(turn) or _chooses_titled(turn):
            return
        if asks_for_quote(turn):
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


def work_done(turn: Turn) -> bool:
    """ "what exactly did ben do yesterday?", "what did he even do" right after a complaint: the
    finished work told from the job's summary, a question pending kept; False for other texts."""
    return (turn.customer is not None and visit_questions.asks_work_done(turn)
            and _ASKED.search(turn.text) is not None and visit_questions.answer(turn))


def affirm(turn: Turn) -> None:
    """ "go ahead" with an open quote asks to approve it; a "yes" with a job waiting for a visit
    offers times for it; any other nod is acknowledged."""
    if turn.customer is not None and _went_ahead(turn):
        return
    if booking.schedules_waiting_job(turn):
        return
    small_talk.acknowledge(turn)


def deny(turn: Turn) -> None:
    """ "we'll pass" with an open quote asks to decline it; any other "no" changes nothing."""
    if turn.customer is not None and quotes.PASSED.search(turn.text) and quotes.open_quotes(turn):
        quotes.begin(turn, "decline")
        return
    small_talk.nothing_to_do(turn)


# "pass it on to the tech", "pass along a message": passing a message, not on a quote.
_PASS_A_MESSAGE = re.compile(r"\bpass(?:ed|ing)? (?:\w+ ){0,3}(?:on|along|over|back)\b(?! (?:it|this|that|"
                             r"the \w+)\W*$| (?:the|that|this) (?:\w+ ){0,2}(?:one|quote|estimate|"
                             r"option)\b)|\bpass(?:ed|ing)? (?:it |this |that )?(?:on |along )?to\b",
                             re.IGNORECASE)


def _passes(turn: Turn) -> bool:
    """Passing on an open quote in words the parser did not place."""
    return (quotes.PASSED.search(turn.text) is not None and _PASS_A_MESSAGE.search(turn.text) is None
            and bool(quotes.open_quotes(turn)))


def _decides(turn: Turn) -> bool:
    """ "i want to approve a quote": which one (if several) and the usual confirmation."""
    found = _DECIDES.search(turn.text)
    if found is None:
        return False
    start = max(turn.text.rfind(mark, 0, found.start()) for mark in ",.;!?")  # its own clause
    if _NOT.search(turn.text[start + 1:found.end()]) is not None:
        return False
    verb = "decline" if quotes.PASSED.search(turn.text) else "approve"
    named = quotes.named_waiting(turn)
    decided = [q for q in quote_questions.named(turn) or [] if not q.awaiting_decision]
    if named:
        quotes.choose(turn, verb, named)  # "accept the quote for the AC"
    elif decided:  # "i want to accept the water heater quote" once it is approved: say so
        turn.finish(quotes.decided(turn, decided[0]))
    else:
        quotes.begin(turn, verb, turn.parse.slots.get("quote"))
    return True


def chooses(text: str) -> bool:
    """ "we want the", "lets do the", "we'll take the": worded as choosing something priced."""
    return _CHOOSES.search(text) is not None


# Where one choice ends and the next begins: "lets do the surge protector. still thinking about
# the panel", "we want the AC one, but not the furnace yet".
_CHOICES = re.compile(r"[.!?;]+\s*|,\s*(?:but|and|though)?\s*|\s+but\s+")


def _chooses_titled(turn: Turn) -> bool:
    """ "we want the new furnace" with one open furnace quote: confirm approving that quote; each
    sentence says its own choice ("lets do the surge protector. still thinking about the panel")."""
    if _CHOOSES.search(turn.text) is None:
        return False
    waiting = quotes.open_quotes(turn)
    titles = {w for q in waiting for w in re.findall(r"[a-z]+", q.title.lower())}
    # each clause alone, then the whole text ("the furnace quote. we want it")
    for text in [*_CHOICES.split(turn.text.lower()), turn.text.lower()]:
        rest = " ".join(w for w in re.findall(r"[a-z']+", text) if w not in titles)  # "tune-up"
        if _CHOOSES.search(text) is None or _NOT.search(text) or \
                _VISIT.search(rest) or _SERVICED.search(rest):
            continue
        titled = [q for q in quote_questions.titles_named(turn, text) if q in waiting]
        if titled:
            quotes.choose(turn, "approve", titled)  # several of that title: which one
            return True
    return False


def _went_ahead(turn: Turn) -> bool:
    if not quotes.goes_ahead(turn.text) or not quotes.open_quotes(turn):
        return False
    quotes.begin(turn, "approve")
    return True


def asks_for_quote(turn: Turn) -> bool:
    """ "send me a quote for ..." with no visit or day asked for."""
    return (_QUOTE_REQUEST.search(turn.text) is not None and _VISIT.search(turn.text) is None
            and _DECIDES.search(turn.text) is None and not turn.parse.slots.get("when"))


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
    turn.finish(replies.quote_requested(what), done=handoff.QUOTE_REQUESTED)
