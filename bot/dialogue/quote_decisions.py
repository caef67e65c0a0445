"""Deciding on a quote in loose words: "approve the water heater one", "ok sign me up", "lets do
that one", "tell them no on the sewer one", "so no on the panel", "ok well i approve it".

The quote is the one named by title or number, else the one just talked about, else the only
open one; the usual Y/N naming quote and amount always comes first, so nothing is decided here.
A question ("can i approve it by text?", "is it approved?") decides nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import quote_questions, quotes, reminder_answers
from bot.nlu import intents
from domain.messages import MessageKind
from domain.quotes import Quote, QuoteState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_APPROVES = re.compile(
    r"\b(?:approve|accept)\b|\b(?:(?:go ahead|go|going|going ahead) (?:with|w/?)|"
    r"sign (?:me|us) up for|say yes to|saying yes to|yes to|yes on)\s+(?:it|that|this|the|my|"
    r"our)\b|\bdo (?:that|this|the \w+) one\b|\bsign (?:me|us) up\b|"
    r"\blet'?s do (?:it|that|this|the \w+ one|that one|this one)\b|"
    r"\b(?:we'?ll|i'?ll|we will|i will) (?:go (?:with|w/?)|take) (?:it|that|this)\b")
_DECLINES = re.compile(
    r"\b(?:no on|say no to|saying no to|no to|tell (?:them|him|her|you|the office) no|decline|"
    r"reject|pass on|not going with|not doing)\b")
# A question or a doubt about deciding, not a decision.
_ASKS = re.compile(r"^\W*(?:\w+\W+)?(?:can|could|should|do|does|did|is|was|has|how|what|when|why|"
                   r"will|would)\b|\?\s*$")
_NOT = re.compile(r"\b(?:not|don'?t|do not|never|won'?t|can'?t|cannot|maybe|might|if|probably|prob|likely)\b")
# A quote named in words: "quote", "estimate", "plan", "the sewer one".
_QUOTE_WORD = re.compile(r"\b(?:quotes?|estimates?|plan|proposal|q-?\d{3,}|#\d{3,})\b")
_POINTS = re.compile(r"\b(?:it|that|this|that one|this one)\b")
_CLAUSES = re.compile(r"[.!?;]+\s*|,\s+(?:and|but|so)\s+|\s+(?:and|also)\s+(?=(?:is|are|can|could|"
                      r"what|whats|when|who|how|where|cancel|move|tell|remind)\b)")


def answer(turn: Turn) -> bool:
    """Ask the usual confirmation for a quote decided in loose words; False for any other text."""
    if turn.customer is None or turn.parse.intent in (intents.CANCEL, intents.RESCHEDULE):
        return False
    pending = turn.conversation.flow if turn.conversation.is_active(turn.now) else None
    if pending == quotes.FLOW and turn.step != quote_questions.ABOUT:
        return False  # a quote question is waiting: its own flow reads the answer
    deciding = [(clause, verb) for clause in _CLAUSES.split(turn.text.lower())
                if (verb := _verb(clause)) is not None]
    if not deciding:
        return False  # most texts decide nothing: no need to read the quotes
    if quote_questions.kind_of(turn) == "status":
        return False  # "i said yes to the plan quote, did it go through?": a question, answered
    waiting = quotes.open_quotes(turn)
    just = quotes.just_decided(turn, deciding[0][1])
    if just is not None and not quote_questions.talked_about(turn):
        turn.finish(quotes.decided(turn, just))  # "ok approve it" right after it was approved
        return True
    for clause, verb in deciding:
        meant = _meant(turn, clause, waiting) or _meant(turn, turn.text.lower(), waiting) \
            if waiting else []
        if meant:
            quotes.choose(turn, verb, meant)
            return True
        decided = _decided_named(turn, clause) or _decided_named(turn, turn.text.lower()) or \
            (_only_decided(turn, verb) if not waiting and _POINTS.search(clause) else None)
        if decided is not None:  # "approve the water heater one" once it is approved
            turn.finish(quotes.decided(turn, decided))
            return True
    return False


def _only_decided(turn: Turn, verb: str) -> Quote | None:
    """ "approve it anyway", "yes decline it" with no quote open: the quote just decided that
    way (the last change), else the one quote sent (decided or lapsed already)."""
    sent = quote_questions.shown(turn)
    state = QuoteState.APPROVED if verb == "approve" else QuoteState.DECLINED
    recent = [q for q in sent if q.state is state and q.decided_at is not None
              and turn.now - q.decided_at <= quote_questions.RECENT]
    last = turn.last_change().get("quote_id")
    return (max(recent, key=lambda q: (q.id == last, q.decided_at or turn.now)) if recent else
            next((q for q in sent if q.id == last), None) or (sent[0] if len(sent) == 1 else None))


# Where one decision ends and the next begins: "approve the water heater one and decline the
# furnace one", "yes to the panel, no to the generator", "lets do the AC. pass on the furnace".
_DECISIONS = re.compile(r"[.!?;,]+\s*|\s+(?:(?:and|but|then|also)\s+)?(?=(?:approve|accept|"
                        r"decline|reject|pass|say|tell|go ahead|go with|no (?:on|to)|yes (?:on|to)|"
                        r"let'?s|we'?ll|i'?ll)\b)")


def several(turn: Turn) -> bool:
    """Two or more quotes decided in one text, each by its own words and naming its own open
    quote: one Y/N names every decision and amount, and a Y makes them all; False otherwise."""
    clauses = [c for c in _DECISIONS.split(turn.text.lower()) if c.strip()]
    if turn.customer is None or len(clauses) < 2 or len(quotes.open_quotes(turn)) < 2:
        return False  # one clause decides one quote at most: the quotes are not read
    if quotes.ahead_and_held(turn):
        return True  # "go ahead with the panel upgrade. the ac one we're holding off on"
    waiting = quotes.open_quotes(turn)
    decided: dict[int | None, tuple[str, Quote]] = {}
    last: Quote | None = None  # "the furnace one is too much, pass on that": "that" is the furnace
    for clause in clauses:
        named = _named_in(turn, clause, waiting)
        if len(named) > 1:
            return False
        last = named[0] if named else last
        verb = _verb(clause) or _chosen(turn, clause)
        if verb is None:
            continue
        if last is None:
            return False  # a decision naming no open quote of its own: read the usual way
        if decided.get(last.id, (verb,))[0] != verb:
            return False  # the same quote approved and declined: asked the usual way
        decided[last.id] = (verb, last)
    if len(decided) < 2:
        return False
    quotes.confirm_several(turn, list(decided.values()))
    return True


def _named_in(turn: Turn, clause: str, waiting: list[Quote]) -> list[Quote]:
    """The open quotes a clause names by number or title (never one only talked about)."""
    ids = {q.id for q in waiting}
    digits = re.findall(r"\d{3,}", clause)
    return [q for q in waiting if q.digits and q.digits in digits] or [
        q for q in quote_questions.titles_named(turn, clause) if q.id in ids]


def _chosen(turn: Turn, clause: str) -> str | None:
    """ "ok lets do the water heater": an open quote chosen by its title; "the furnace one is
    too much": passed on."""
    from bot.dialogue import questions  # imports this module

    if "?" in clause or not quote_questions.titles_named(turn, clause):
        return None
    if quotes.PASSED.search(clause):
        return "decline"
    return "approve" if questions.chooses(clause) and not _NOT.search(clause) else None


# Answers to a quote nudge ("Reply YES to approve it, or ask us anything"): a plain yes, and a
# plain no ("no thanks", "we're good"), which after a nudge is about the quote.
_YES = re.compile(r"^\W*(?:y|yes+|yep|yeah|yup|yes please|sure|approve(?: it)?|ok(?:ay)? go ahead)"
                  r"\W*$", re.IGNORECASE)
_NO_THANKS = re.compile(
    r"^\W*(?:no+|nope|nah|no thanks?|no thank you|not interested|not at this time|"
    r"we'?re good|i'?m good|(?:we|i)(?:'?ll| will) pass|pass)\b", re.IGNORECASE)

# Not a decision yet: "nope not yet", "no, still thinking about it".
_UNDECIDED = re.compile(r"\b(?:yet|still|think\w*|decid\w*|later|maybe|soon)\b")


def after_nudge(turn: Turn) -> bool:
    """A yes or a no to the quote nudge sent since the customer last texted: the usual Y/N to
    approve or decline that quote (which one, when several were nudged); False for any other
    text. A reminder waiting for its Y or R takes the yes first (bot/dialogue/reminder_answers.py)."""
    if turn.customer is None or turn.conversation.is_active(turn.now) or "?" in turn.text:
        return False
    text = turn.text.lower()
    declines = (_NO_THANKS.match(text) is not None or quotes.PASSED.search(text) is not None
                or decision(text) == "decline") and _UNDECIDED.search(text) is None
    if not declines and _YES.match(text) is None:
        return False
    nudged = _nudged(turn)
    if not nudged:
        return False
    quotes.choose(turn, "decline" if declines else "approve", nudged)
    return True


def _nudged(turn: Turn) -> list[Quote]:
    """The open quotes nudged since the customer's last text, newest nudge first."""
    ids = [message.about_id for message in reminder_answers.since_last_text(turn)
           if message.kind is MessageKind.FOLLOW_UP and message.about_kind == "quote"]
    if not ids:
        return []
    waiting = {q.id: q for q in quotes.open_quotes(turn)}
    return [waiting[i] for i in dict.fromkeys(ids) if i in waiting]


def _decided_named(turn: Turn, clause: str) -> Quote | None:
    """The one quote already decided that the clause names by title or number."""
    digits = re.findall(r"\d{3,}", clause)
    named = [q for q in quote_questions.shown(turn) if not q.awaiting_decision and (
        q.digits in digits or q in quote_questions.titles_named(turn, clause))]
    return named[0] if len(named) == 1 else None


def decides(text: str) -> bool:
    """True when the text approves or declines something in so many words ("lets do that one")."""
    return decision(text) is not None


def decision(text: str) -> str | None:
    """ "approve" or "decline": what the text decides first, if it decides."""
    return next((verb for clause in _CLAUSES.split(text.lower())
                 if (verb := _verb(clause)) is not None), None)


def _verb(clause: str) -> str | None:
    """ "approve" or "decline" when the clause decides, not asks or doubts."""
    if _ASKS.search(clause):
        return None
    if _DECLINES.search(clause):
        return "decline"
    if _APPROVES.search(clause) and not _NOT.search(clause):
        return "approve"
    return None


def _meant(turn: Turn, clause: str, waiting: list[Quote]) -> list[Quote]:
    """The open quotes the clause means: named by title or number, else just talked about (or
    the only open one) when it says "quote", "plan" or "it"."""
    ids = {q.id for q in waiting}
    named = [q for q in quote_questions.titles_named(turn, clause) if q.id in ids]
    digits = re.findall(r"\d{3,}", clause)
    numbered = [q for q in waiting if q.digits and q.digits in digits]
    if numbered or named:
        return numbered or named
    if digits or quote_questions.titles_named(turn, clause):
        return []  # a quote named that is not open: never another one instead
    ranked = [q for q in quote_questions.ranked(turn, clause) or quote_questions.placed(clause, waiting)
              if q.id in ids]
    if ranked:
        return ranked  # "we'll go with the cheaper one", "approve the first one"
    if quotes.BOTH.search(clause):
        return waiting  # "pass on both of them": each, in one Y/N
    if not (_QUOTE_WORD.search(clause) or _POINTS.search(clause) or "sign" in clause):
        return []
    talked = quote_questions.talked_about(turn)
    if talked is not None and talked.id in ids:
        return [talked]
    return waiting if len(waiting) == 1 else []
