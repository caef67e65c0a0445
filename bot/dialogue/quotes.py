"""Approving or declining a quote: which one, its total restated, a Y/N, then the decision.

Only the sender's own account's quotes are ever looked at, so another customer's quote number
gets the same answer as a number that does not exist.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import handoff, quote_questions, replies, visits
from bot.dialogue.reply import Reply
from bot.nlu import intents
from bot.nlu.result import Parse
from domain.authz import may_act_on
from domain.commands import ApproveQuote, DeclineQuote
from domain.errors import DomainError
from domain.money import format_cents
from domain.quotes import Quote, QuoteState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "quote"
VERBS = {intents.APPROVE_QUOTE: "approve", intents.DECLINE_QUOTE: "decline"}
# Going ahead with work already priced: about an open quote, never a new visit.
GO_AHEAD = re.compile(
    r"\b(?:go ahead|let'?s do it|lets do it|let us do it|(?:we|i)(?:'ll| will)? (?:want|take) it|"
    r"do the work|(?:book|schedule) the work|proceed|go for it|make it happen|count (?:me|us) in)\b",
    re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|no|never|don'?t|do not|can'?t|cannot|won'?t|wait|hold)\b",
                      re.IGNORECASE)


def goes_ahead(text: str) -> bool:
    """ "go ahead", "we want it", "book the work": going ahead, unless negated or held."""
    return GO_AHEAD.search(text) is not None and _NEGATED.search(text) is None


# Passing on an open quote ("we'll pass", "too expensive") declines it, unlike a plain "no".
PASSED = re.compile(
    r"\b(?:pass|too (?:expensive|pricey|much|steep|high)|decline|decided (?:not|against)|"
    r"(?:go|going|gone|went|found|got|hired|chose|booked) (?:with |w/ ?|w )?(?:someone|somebody|another|"
    r"a different|a cheaper|other))\b",
    re.IGNORECASE)


def start(turn: Turn) -> None:
    """The customer approves or declines a quote, maybe naming its number."""
    if quote_questions.kind_of(turn) == "status" and quote_questions.answer(turn):
        # "i said yes to the plan quote, did that go through?": not yet, then the usual Y/N
        quote = next((q for q in _waiting(turn) if q.id == turn.data.get("quote_id")), None)
        if turn.step == quote_questions.ABOUT and quote is not None and \
                turn.parse.intent == intents.APPROVE_QUOTE:
            _fact_then_confirm(turn, "approve", quote)
        return
    begin(turn, VERBS[turn.parse.intent], turn.parse.slots.get("quote"))


def _fact_then_confirm(turn: Turn, verb: str, quote: Quote) -> None:
    """The fact just told about the quote, then its Y/N question in the same text."""
    told = turn.replies.pop()
    turn.ask(FLOW, "confirm", {"verb": verb, "quote_id": quote.id},
             replies.fact_then_question(told.text.removesuffix(replies.APPROVE_HINT),
                                        _question(verb, quote).text))


def begin(turn: Turn, verb: str, digits: object = None) -> None:
    """Restate the quote meant (named, under discussion, or the only open one) and ask Y/N."""
    if digits:
        mine = [q for q in _account_quotes(turn) if q.digits == str(digits)]
        if not mine:
            turn.finish(replies.quote_not_found(str(digits)))
        elif not mine[0].awaiting_decision:
            turn.finish(decided(turn, mine[0]))
        else:
            _confirm(turn, verb, mine[0])
        return
    waiting = _waiting(turn)
    discussed = [q for q in waiting if q.id == _discussed(turn)]
    named = named_waiting(turn)
    just = just_decided(turn, verb)
    if not named and not discussed and just is not None:
        turn.finish(decided(turn, just))  # "ok approve it" right after it was: never another one
    elif len(named) == 1:
        _confirm(turn, verb, named[0])  # "go ahead with the cheaper one"
    elif discussed:
        _confirm(turn, verb, discussed[0])
    elif not waiting:
        settled = [q for q in _account_quotes(turn) if q.decided_at is not None]
        # "approve it" right after one was approved and another declined: the approved one
        state = QuoteState.APPROVED if verb == "approve" else QuoteState.DECLINED
        last = max(settled, key=lambda q: (q.state is state, q.decided_at or turn.now)) \
            if settled else None
        # "I want to approve the quote" once it is: which one it was, and that it is decided
        turn.finish(decided(turn, last) if last is not None else replies.no_open_quotes())
    else:
        choose(turn, verb, waiting)  # the only one, both ("pass on both"), or which


# Asking for a lower price ("could you do it cheaper?"): a person decides, the office follows up.
HAGGLE = re.compile(
    r"\b(?:(?:do|make|get|have|be)\s+(?:(?:it|this|that|them|the (?:work|job|price|quote|total))\s+)?"
    r"(?:done\s+)?(?:any\s+|a (?:bit|little)\s+)?(?:cheaper|for less|lower)\b(?!\s+(?:one|option|quote))|"
    r"discount\w*|"
    r"better (?:price|deal|rate|offer)|lower (?:the |your |that |its |it'?s )?(?:price|cost|total|quote)|"
    r"come down|knock\b[^.?!]{0,15}\boff|negotia\w*|price ?match|match (?:\w+ )?(?:price|quote)|"
    r"any (?:wiggle|flexibility)|wiggle room|cheaper (?:option|way|version))\b", re.IGNORECASE)


def haggles(turn: Turn) -> bool:
    """A lower price asked for one of the sender's quotes: the office is asked to call back."""
    if HAGGLE.search(turn.text) is None:
        return False
    sent = quote_questions.shown(turn)
    if not sent:
        return False
    focus = next((q for q in sent if q.id == _discussed(turn)), None)
    decided = [q for q in sent if q.decided_at is not None]
    quote = focus or (sent[0] if len(sent) == 1 else
                      max(decided, key=lambda q: q.decided_at or turn.now) if decided else None)
    number = quote.number if quote is not None else ""
    handoff.hand_over(turn, reason=f"asks for a lower price on quote {number or '(not named)'}")
    turn.finish(replies.quote_haggle(number))
    return True


def answer(turn: Turn) -> bool:
    """Answer the pending quote question; False when the text is about something else."""
    data = turn.data
    verb = str(data.get("verb", "approve"))
    if haggles(turn):
        return True
    if turn.step in ("which", quote_questions.ASK):
        return _which(turn, verb)
    if turn.step == quote_questions.ABOUT:
        return _after_answer(turn)
    if turn.step != "confirm":
        return False
    quote = next((q for q in _waiting(turn) if q.id == data.get("quote_id")), None)
    if quote is None:
        turn.finish(replies.no_open_quotes())
        return True
    other = [q for q in named_waiting(turn) if q.id != quote.id]
    if other:  # "go ahead with the boiler" while Q-3002 was asked: that one, asked about first
        choose(turn, "decline" if PASSED.search(turn.text) else "approve", other)
        return True
    from bot.dialogue import questions  # imports this module

    named = named_waiting(turn)
    if named in ([quote], []) and verb == "approve" and _APPROVES.search(turn.text) and \
            not _NOT_BEFORE.search(turn.text) and turn.parse.intent != intents.AFFIRM:
        _confirm(turn, verb, quote)  # "ok fine approve it" after a question between: the Y/N again
        return True
    if named == [quote] and (
            verb == "approve" and _APPROVES.search(turn.text) and not _NOT_BEFORE.search(turn.text)
            or verb == "approve" and any(goes_ahead(part) for part in _SENTENCES.split(turn.text))
            or bool(ruled_out(turn))  # "not the water heater. the FURNACE quote": this one
            or turn.parse.intent in (intents.BOOK, intents.UNKNOWN, intents.CHOOSE)
            and len(turn.text.split()) <= 5 and not questions.asks_about_quote(turn)):
        # "no I meant approve Q-1042", "the water heater": that quote, so its Y/N again; only a
        # Y approves
        _confirm(turn, verb, quote)
        return True
    if turn.parse.intent == intents.UNKNOWN and _NO.match(turn.text):
        turn.parse = Parse(intents.DENY, {}, 1.0)  # "actually no, not yet"
    elif verb == "decline" and turn.parse.intent in (intents.UNKNOWN, intents.DENY) and \
            _YES_FIRST.match(turn.text) and PASSED.search(turn.text):
        turn.parse = Parse(intents.AFFIRM, {}, 1.0)  # "yes decline", "yep, we'll pass"
    also = [(str(v), q) for v, i in data.get("also") or []
            for q in _waiting(turn) if q.id == i]
    if turn.parse.intent == intents.AFFIRM or (
            verb == "approve" and turn.parse.intent != intents.DENY and goes_ahead(turn.text)
            and not also):
        _decide(turn, verb, quote)  # "Y", or "we want it" / "book the work" to "Approve ...?"
        for then_verb, then_quote in also:  # "approve one and decline the other": each decided
            _decide(turn, then_verb, then_quote)
        return True
    held = GO_AHEAD.search(turn.text) is not None and not goes_ahead(turn.text)
    if turn.parse.intent == intents.DENY or held:  # "no", or "don't book the work yet"
        if verb == "approve" and PASSED.search(turn.text):
            _confirm(turn, "decline", quote)  # "we'll pass": declining, which is asked too
        else:
            turn.finish(replies.quotes_left_open([quote.number, *(q.number for _, q in also)]))
        return True
    if (turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE, intents.JOB_STATUS)
            or questions.asks_about_quote(turn)) and quote_questions.answer(turn):
        # "hold on, does that 3150 include digging up the yard?" read as a move: the quote's lines
        if turn.step == quote_questions.ABOUT and turn.data.get("quote_id") == quote.id:
            _fact_then_confirm(turn, verb, quote)  # "is it declined now?": not yet, and again
        return True
    if UNDECIDED.search(turn.text) and not _YES.search(UNDECIDED.sub(" ", turn.text)):
        # "maybe", "let me think", "need to ask my wife": no decision yet, nothing misread
        if also:
            turn.finish(replies.quotes_left_open([quote.number, *(q.number for _, q in also)]))
        else:
            _left_open(turn, quote)
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE):
        turn.misunderstood(replies.yes_or_no(_question(verb, quote)))
        return True
    return False


# Not deciding yet, in a word or a few: the quote stays open.
UNDECIDED = re.compile(
    r"^\W*(?:(?:ok|okay|hmm+|um+|well|actually|honestly)\W+)*(?:maybe|perhaps|not sure|unsure|idk|"
    r"i (?:don'?t|dont|do not) know(?: yet)?|dunno|later|not (?:yet|now|today|right now)|"
    r"(?:let me|lemme|i'?ll|we'?ll|i will|we will|i need to|we need to|need to|gotta|have to|"
    r"i have to|we have to|i want to|want to) (?:think|check|talk|ask|discuss|sleep on|get back|run it "
    r"(?:by|past)|look|see|decide|mull|wait|hold)|(?:still )?thinking(?: about it)?|still deciding|"
    r"undecided|on the fence|hold (?:on|off)(?! (?:what|does|is))|give me (?:a|some) (?:day|days|time|"
    r"week|bit))\b", re.IGNORECASE)


# Approving in so many words, and a negation before it ("don't approve", "not accepting").
# "no i dont want a visit, i mean the quote. we want it": each sentence says its own yes or no
_SENTENCES = re.compile(r"[.!?;]+\s*")
_APPROVES = re.compile(r"\b(?:approve|accept)\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:not|don'?t|do not|never|can'?t|won'?t|wouldn'?t|shouldn'?t)\s+"
                         r"(?:\w+\s+){0,2}?(?:approv|accept)", re.IGNORECASE)
# A "no" the parser did not place ("actually no, not yet", "nah not now").
_NO = re.compile(r"^\W*(?:(?:actually|um+|hmm+|well|oh|sorry|ok|wait)\W+)*(?:no|nope|nah|not yet|not now)\b",
                 re.IGNORECASE)
# A yes with no question asked ("y", "ok yes"): maybe meant as approval, so that is asked; a bare
# "ok" or "got it" only acknowledges the answer.
_YES_FIRST = re.compile(r"^\W*(?:y|yes|yeah|yep|yup|ya|sure|ok|okay|correct)\b(?!\W*(?:but|not|no)\b)",
                        re.IGNORECASE)
_YES = re.compile(r"\b(?:y|yes|yeah|yep|yup|ya|sure)\b", re.IGNORECASE)


def _after_answer(turn: Turn) -> bool:
    """A text after a quote was talked about: "go ahead with it" or a bare "y" asks the usual
    confirmation about that quote, a pass asks to decline it, a question is answered."""
    quote = next((q for q in _waiting(turn) if q.id == turn.data.get("quote_id")), None)
    if quote is None:
        return _after_comparing(turn)
    intent = turn.parse.intent
    # "and the furnace one, we'll pass" after the water heater's facts: the quote named, not the
    # one talked about
    named = named_waiting(turn)
    meant = named if named and quote not in named else [quote]
    if ahead_and_held(turn):  # "go ahead w the water heater one. furnace im holding off on"
        return True
    if intent == intents.DECLINE_QUOTE or (intent in (intents.DENY, intents.UNKNOWN, intents.BOOK)
                                           and PASSED.search(turn.text)):
        choose(turn, "decline", meant)
        return True
    if intent == intents.APPROVE_QUOTE and not turn.parse.slots.get("quote") or \
            intent in (intents.AFFIRM, intents.BOOK, intents.UNKNOWN) and goes_ahead(turn.text) or \
            intent == intents.AFFIRM and _YES.search(turn.text):
        choose(turn, "approve", meant)  # never approved on this text: the Y/N names it first
        return True
    if GO_AHEAD.search(turn.text) is not None:  # "hold off, don't book the work"
        turn.finish(replies.quote_left_open(quote.number))
        return True
    if intent == intents.AFFIRM and not turn.parse.slots or _NOD.match(turn.text):
        _left_open(turn, quote)  # "ok", "cool", "got it" after the facts: a nod, no decision
        return True
    if intent in (intents.UNKNOWN, intents.CHOOSE, intents.JOB_STATUS, intents.BOOK) and \
            quote_questions.answer(turn):
        return True
    return False


# Every open quote meant at once: "we'll pass on both", "approve them all".
BOTH = re.compile(r"\b(?:both|all (?:of )?(?:them|those|these|the (?:quotes|estimates))|them all|"
                  r"the two of them|all (?:two|three|2|3)|each of them)\b", re.IGNORECASE)


_NOD = re.compile(r"^\W*(?:ok(?:ay)?|k+|cool|got it|gotcha|noted|alright|understood|good to know|"
                  r"makes sense|i see)\W*$", re.IGNORECASE)


def _left_open(turn: Turn, quote: Quote) -> None:
    """No decision yet: the quote stays open and stays the one talked about ("ok approve it")."""
    kind = turn.data.get("kind")
    turn.ask(FLOW, quote_questions.ABOUT, {"quote_id": quote.id, **({"kind": kind} if kind else {})},
             replies.quote_left_open(quote.number))


def _after_comparing(turn: Turn) -> bool:
    """A text after two quotes were compared: one of them named ("ok the cheaper one then", "the
    first one") asks the usual Y/N to approve it (to decline it, when passed on); a question is
    answered; False for any other text."""
    compared = [q for q in _waiting(turn) if q.id in set(turn.data.get("compared") or [])]
    if len(compared) < 2:
        return False
    if quote_questions.kind_of(turn) not in (None, "summary") and quote_questions.answer(turn):
        return True
    text = turn.text.lower()
    picked = [q for q in quote_questions.ranked(turn, text) or quote_questions.placed(text, compared)
              or quote_questions.titles_named(turn, text) if q in compared]
    if len(picked) != 1 or turn.parse.intent in (intents.CANCEL, intents.RESCHEDULE) or (
            GO_AHEAD.search(turn.text) is not None and not goes_ahead(turn.text)):
        return False
    choose(turn, "decline" if PASSED.search(turn.text) else "approve", picked)
    return True


# A quote put off, not declined: "im gonna hold off on the furnace till spring".
_HOLDS = re.compile(r"\bhold(?:ing)? (?:off|on)\b|\bnot (?:yet|now|right now)\b|"
                    r"\bwait(?:ing)? (?:on|till|until|for)\b|\bthink(?:ing)? (?:about|it over|on)\b|"
                    r"\bput(?:ting)? (?:it |that )?off\b", re.IGNORECASE)


def ahead_and_held(turn: Turn) -> bool:
    """One open quote gone ahead with and others put off, each in a sentence of its own and named
    by its title ("lets go ahead w the water heater one. furnace im gonna hold off"): those put
    off are said to stay open and the one gone ahead with is asked Y/N; False for other texts."""
    split = _ahead_and_held(turn)
    if split is None:
        return False
    ahead, held = split
    for other in held:
        turn.say(replies.quote_left_open(other.number))
    _confirm(turn, "approve", ahead)
    return True


# Where one quote's say ends: a sentence, or a comma before the next quote's ("go ahead with that
# one, the water heater we'll hold off on").
_SAYS = re.compile(r"(?<=[.!?;,])\s+")
# "go ahead with that one": the quote named just before
_THAT_ONE = re.compile(r"\b(?:that|this) one\b|\bwith (?:it|that|this)\b", re.IGNORECASE)


def _goes_ahead_with(say: str) -> bool:
    """ "go ahead with that one", "lets go with the water heater", "do that one": approved."""
    from bot.dialogue import quote_decisions  # imports this module

    return goes_ahead(say) or quote_decisions.decision(say) == "approve"


def _ahead_and_held(turn: Turn) -> tuple[Quote, list[Quote]] | None:
    says = [s for s in _SAYS.split(turn.text) if s.strip()]
    if len(says) < 2:
        return None
    waiting = _waiting(turn)
    ahead: list[Quote] = []
    held: list[Quote] = []
    last: list[Quote] = []
    for say in says:
        named = [q for q in quote_questions.titles_named(turn, say.lower()) if q in waiting]
        if not named and _THAT_ONE.search(say):
            named = last  # "lets do the furnace. go ahead with that one": the furnace again
        last = named or last
        if _HOLDS.search(say) and named:
            held.extend(named)
        elif _goes_ahead_with(say) and len(named) == 1:
            ahead.extend(q for q in named if q not in ahead)
    if len(ahead) != 1 or not held or ahead[0] in held:
        return None
    return ahead[0], held


def choose(turn: Turn, verb: str, named: list[Quote]) -> None:
    """Confirm the one quote named, or ask which of the several named ("the furnace one"); "both"
    names them all, in one Y/N."""
    if len(named) == 1:
        _confirm(turn, verb, named[0])
    elif 2 <= len(named) <= 3 and BOTH.search(turn.text):
        confirm_several(turn, [(verb, q) for q in named])
    else:
        turn.ask(FLOW, "which", {"verb": verb, "ids": [q.id for q in named]},
                 replies.which_quote([_choice(q) for q in named], verb))


def named_waiting(turn: Turn) -> list[Quote]:
    """The open quotes the text names by number or title, less those it rules out ("not the
    water heater. the FURNACE quote")."""
    waiting = {q.id for q in _waiting(turn)}
    out = {q.id for q in ruled_out(turn)}
    return [q for q in quote_questions.named(turn) or [] if q.id in waiting and q.id not in out]


# "not the water heater", "no not that furnace one": the quote named right after a "not"
_NOT_THIS = re.compile(r"\bnot (?:the |that |this |my |our )?((?:[a-z]+ ){0,2}[a-z]+)", re.IGNORECASE)


def ruled_out(turn: Turn) -> list[Quote]:
    """The quotes the text names only to rule them out."""
    return [q for match in _NOT_THIS.finditer(turn.text)
            for q in quote_questions.titles_named(turn, match.group(1).lower())]


def _which(turn: Turn, verb: str) -> bool:
    """The answer to a numbered "which quote?": a pick, or the question asked again."""
    data = turn.data
    asking = turn.step == quote_questions.ASK
    listed = [q for q in (quote_questions.shown(turn) if asking else _waiting(turn))
              if q.id in set(data.get("ids", []))]
    again = (replies.which_quote_about([_choice(q) for q in listed]) if asking else
             replies.which_quote([_choice(q) for q in listed], verb))
    kind = quote_questions.kind_of(turn)
    if kind not in (None, "summary") and quote_questions.answer(turn):
        return True  # "what's the difference? the 2nd one is more": answered, nothing picked
    if not asking and 2 <= len(listed) <= 3 and BOTH.search(turn.text):
        choose(turn, verb, listed)  # "both of them": each named in one Y/N
        return True
    picked = _picked(turn, listed)
    if picked is not None:
        if asking:
            quote_questions.tell(turn, str(data.get("kind", "price")), picked)
        else:
            _confirm(turn, verb, picked)
        return True
    if turn.parse.intent == intents.AFFIRM:  # "yes" names no quote: the question stays
        turn.ask(FLOW, str(turn.step), data, again)
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE):
        turn.misunderstood(again)
        return True
    return False


_IT = re.compile(r"\b(?:it|that|this|that one|this one)\b", re.IGNORECASE)


def just_decided(turn: Turn, verb: str) -> Quote | None:
    """The quote "it" means right after quotes were decided by text (the last change, half an
    hour): the one decided as `verb` says ("approve it" once one was approved, another declined)."""
    quote_id = turn.last_change().get("quote_id")
    if quote_id is None or not _IT.search(turn.text) or quote_questions.named(turn):
        return None
    state = QuoteState.APPROVED if verb == "approve" else QuoteState.DECLINED
    decided = [q for q in _account_quotes(turn) if q.decided_at is not None and
               (q.id == quote_id or turn.now - q.decided_at <= quote_questions.RECENT)]
    return max(decided, key=lambda q: (q.state is state, q.id == quote_id, q.decided_at or turn.now),
               default=None)


def _discussed(turn: Turn) -> object:
    """The quote the pending quote question is about, if any."""
    if turn.conversation.flow != FLOW or not turn.conversation.is_active(turn.now):
        return None
    return turn.data.get("quote_id")


def _decide(turn: Turn, verb: str, quote: Quote) -> None:
    assert quote.id is not None
    command = (ApproveQuote if verb == "approve" else DeclineQuote)(quote_id=quote.id,
                                                                   actor=turn.actor)
    try:
        approved = turn.run(command)
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    if verb == "approve" and approved is False:
        turn.finish(replies.quote_referred(quote.number))
    elif verb == "approve":
        reply, done = _approved(turn, quote)
        turn.finish(reply, done=done)
    else:
        turn.finish(replies.quote_declined(quote.number))
    # a decision is a change, whatever a later "ok" nods to: "undo that approval" is then handed
    # to a person (a decided quote cannot be reopened), never "nothing to undo"
    turn.remember("last_change", {"what": f"{verb}d quote", "at": turn.now.isoformat(),
                                  "changed": {"quote_id": quote.id}})


def _approved(turn: Turn, quote: Quote) -> tuple[Reply, str]:
    """The approval told with what comes next for its job: a visit already booked, a day to
    pick for a job waiting for one, or (no job) the office's call; and what a later "ok" is a
    nod to ("approved": the office will be in touch; "answered": nothing more to arrange)."""
    total = format_cents(quote.total_cents)
    approved = turn.uow.quotes.get(quote.id) if quote.id is not None else None
    job = turn.uow.jobs.get(approved.job_id) if approved and approved.job_id is not None else None
    if job is None:
        return replies.quote_approved(quote.number, total), "approved"
    booked = sorted((a for a in turn.uow.appointments.find(job_id=job.id) if a.is_active),
                    key=lambda a: a.start)
    if booked:
        return replies.quote_approved_visit_booked(quote.number, total,
                                                   visits.label(turn, booked[0])), "answered"
    return replies.quote_approved_pick_a_time(quote.number, total, job.number,
                                              visits.work_name(turn, job)), "answered"


def decided(turn: Turn, quote: Quote) -> Reply:
    """A quote already decided: said so, and for an approved one with its job (the rep's "won"
    approves it too) what comes next, so nobody is asked to approve it again."""
    job = turn.uow.jobs.get(quote.job_id) if quote.job_id is not None else None
    if quote.state is not QuoteState.APPROVED or job is None:
        lapsed = quote.awaiting_decision and quote.expires_at is not None and \
            quote.expires_at <= turn.now  # past its last day, though no pass has marked it yet
        return replies.quote_decided(quote.number, "expired" if lapsed else quote.state.value)
    booked = sorted((a for a in turn.uow.appointments.find(job_id=job.id) if a.is_active),
                    key=lambda a: a.start)
    return replies.quote_already_approved(
        quote.number, visits.label(turn, booked[0]) if booked else None, job.number,
        visits.work_name(turn, job))


def confirm_several(turn: Turn, decided: list[tuple[str, Quote]]) -> None:
    """One Y/N naming each decision with its quote and total ("Approve quote Q-1042 (...) for
    $2,100.00 and decline quote Q-1041 (...) for $4,450.00?"); a Y makes each in turn."""
    (verb, quote), rest = decided[0], decided[1:]
    asked = [_question(v, q).text.rstrip("?") for v, q in decided]
    turn.ask(FLOW, "confirm", {"verb": verb, "quote_id": quote.id,
                               "also": [[v, q.id] for v, q in rest]},
             replies.confirm_quotes([asked[0], *(a[0].lower() + a[1:] for a in asked[1:])]))


def confirm(turn: Turn, verb: str, quote: Quote) -> None:
    """Ask the usual Y/N naming the quote and its total before approving or declining it."""
    _confirm(turn, verb, quote)


def _confirm(turn: Turn, verb: str, quote: Quote) -> None:
    turn.ask(FLOW, "confirm", {"verb": verb, "quote_id": quote.id}, _question(verb, quote))


def _question(verb: str, quote: Quote) -> Reply:
    return replies.confirm_quote(verb, quote.number, quote.title, format_cents(quote.total_cents))


def _picked(turn: Turn, listed: list[Quote]) -> Quote | None:
    digits = str(turn.parse.slots.get("quote") or "")
    numbers = [n for n in re.findall(r"\d+", turn.text) if len(n) >= 3]  # not an option number
    for quote in listed:
        if quote.digits and (quote.digits == digits or quote.digits in numbers):
            return quote
    option = turn.option()
    if option is not None and 1 <= option <= len(listed):
        return listed[option - 1]
    titled = [q for q in quote_questions.titles_named(turn, turn.text.lower()) if q in listed]
    if len(titled) == 1:
        return titled[0]  # "the AC one"; a shared title picks none
    ranked = [q for q in quote_questions.ranked(turn, turn.text.lower()) if q in listed]
    return ranked[0] if len(ranked) == 1 else None  # "the cheaper one"


def _account_quotes(turn: Turn) -> list[Quote]:
    assert turn.customer is not None
    return [q for q in turn.uow.quotes.find(account_id=turn.customer.account_id)
            if may_act_on(turn.actor, q)]


def open_quotes(turn: Turn) -> list[Quote]:
    """The sender's quotes waiting for a decision and not expired."""
    return _waiting(turn)


def _waiting(turn: Turn) -> list[Quote]:
    return [q for q in _account_quotes(turn) if q.awaiting_decision and
            (q.expires_at is None or q.expires_at > turn.now)]


def _choice(quote: Quote) -> str:
    title = f" {quote.title}" if quote.title else ""
    return f"{quote.number}{title}, {format_cents(quote.total_cents)}"


