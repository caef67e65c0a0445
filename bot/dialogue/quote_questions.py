"""Questions about quotes (price, what is included, the difference, still valid, did it go through).

Answered from the quote's lines and state, changing nothing. Only the sender's account's sent
quotes are looked at (a draft is not theirs to see yet). An answer asks nothing back: the quote
stays the one talked about, and only a clear "approve it" / "go ahead" (then a Y to the usual
confirmation naming quote and amount, quotes.py) approves it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies
from bot.dialogue.reply import Reply
from bot.dialogue.times import clock_label, day_label
from bot.nlu import intents
from domain.authz import may_act_on
from domain.money import format_cents
from domain.quotes import Quote, QuoteState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "quote"  # the quotes flow's name: a follow-up Y/N or numbered pick is answered there
ASK = "ask"  # the step waiting for which quote a question meant
ABOUT = "about"  # after an answer: the quote talked about, so "go ahead with it" means it
RECENT = timedelta(hours=1)  # "did it go through?" soon after a decision asks about that one

# "is it worth it": advice the quote's lines inform and the customer decides.
WORTH = re.compile(r"\bworth (?:it|the money|the price|getting|doing|buying|paying)\b")
# "what's this maintenance plan thing you sent", "is it worth it": what it is, asked only of a
# quote the text names (never "whats this thing on monday for").
EXPLAIN = re.compile(r"\bwhat(?:'s| is|s) (?:this|that) (?:\w+ ){1,3}(?:thing|stuff)\b|"
                     r"\bwhat(?:'s| is|s) (?:this|that|the) (?:\w+ ){1,3}(?:you|u) (?:sent|quoted)\b|"
                     + WORTH.pattern)
# What is asked, checked in this order: a comparison names two quotes and often a price too.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("compare", re.compile(r"\b(?:differen\w*|compare\w*|comparison|vs|versus|between|cheaper|"
                           r"cheapest|pricier|more expensive|less expensive|(?:more|less) than)\b")),
    ("status", re.compile(
        r"\b(?:(?:go|gone|went) (?:through|thru)|status|get my|got my|receive[ds]?|recorded|"
        r"did (?:it|that|you) (?:work|get)|what did (?:i|we) (?:approve|accept|decline|agree to)|"
        r"did (?:you|u|y'?all) (?:guys |all |folks )?(?:get|receive|see|record)|"
        r"(?:was|is|has|did) (?:it|that|this|(?:my|the|our|that) (?:\w+ ){0,3}?(?:quotes?|estimates?|"
        r"one|plan|\w+)) (?:been |get |got |gotten |already )?"
        r"(?:approved|accepted|declined|confirmed)|"
        r"(?:quotes?|estimates?|plan|one|it) (?:is|was|has been|got|been|is now) (?:now )?"
        r"(?:approved|accepted|declined))\b")),
    ("valid", re.compile(
        r"\b(?:valid|expire[sd]?|expiring|expiry|expiration|still good|still open|deadline|"
        # "can i still take you up on the estimate", "is it too late to accept the quote"
        r"(?:can|could) (?:i|we) still (?:take|get|accept|approve|go (?:with|ahead)|do|have|book)|"
        r"too late to|take (?:you|u) up on|"
        r"good (?:for|until|till|til|thru|through)|how long do (?:i|we) have|"
        # "good til when", "open till when": the last day it can be approved
        r"(?:good|open|valid|last|lasts?) (?:un)?til+ when)\b")),
    # "if i approve it when could you do the install", "do i need to approve it before you
    # schedule": the quoted work is scheduled once the quote is approved
    ("schedule", re.compile(
        r"\b(?:when|how soon|how quickly|how fast|how long (?:until|till|before))\b[^.?!]{0,40}?"
        r"\b(?:(?:you|u|they|someone|he|she) (?:\w+ )?(?:do|start|install\w*|schedul\w*|begin|"
        r"get to|put|replace|come)|(?:it|the work|the job|the install\w*) (?:be )?(?:done|"
        r"scheduled|start\w*|happen))\b|"
        r"\bbefore (?:you|u|they|we|someone) (?:can )?(?:schedule|book|start|install|do|order)\b|"
        r"\bwhat happens (?:after|once|when|if) (?:i|we) (?:approve|accept|say yes)\b")),
    # "can you resend the AC quote", "email me a copy": the office sends it again
    ("resend", re.compile(
        r"\b(?:resend|re-send|send (?:me |us )?(?:it|that|this|(?:the|that|my|a) (?:\w+ ){0,2}?"
        r"(?:quote|estimate|copy))(?: \w+)? (?:again|over again)|(?:send|e-?mail|text|forward) (?:me |us )?"
        r"(?:a |another )?copy|copy of (?:the|that|my) (?:\w+ ){0,2}?(?:quote|estimate)|"
        r"e-?mail (?:me |us )?(?:it|that|the (?:\w+ ){0,2}?(?:quote|estimate)))\b")),
    # "does thursday's tune up count as one of the 2 visits": what the quote's data cannot say
    ("counts", re.compile(
        r"\b(?:counts?|counted|count) (?:as|towards?|toward|for|against)\b|"
        r"\b(?:apply|applies|go|goes) (?:to|towards?|toward)(?: the| my| that)? (?:plan|quote|estimate|"
        r"package|visits?)\b|\b(?:be|use) one of (?:the|my|those|them)\b")),
    # "is that the total or is there tax on top", "per year or per visit": how it is billed
    ("terms", re.compile(
        r"\b(?:tax|taxes|taxed|on top|extra (?:fees?|charges?|costs?)|hidden (?:fees?|costs?)|"
        r"per (?:year|yr|month|mo|visit|time)|yearly|annual(?:ly)?|monthly|one[- ]time|recurring|"
        r"renew\w*|every year|each year|a year or|billed|billing|(?:a|per|each|every) (?:month|year|yr|mo)|"
        r"final|could (?:it |that |this )?change|go up|fixed price|locked in|guaranteed)\b")),
    ("lines", re.compile(
        r"\b(?:include[sd]?|including|what(?:'s| is|s) in|cover(?:s|ed)?|breakdown|break down|"
        r"itemi[sz]\w*|items|line items|parts|what do (?:i|we) get|details|explain\w*|"
        # "is the permit in it?", "are the fittings in there"
        r"(?:is|are) (?:the |a |an )?\w+(?: \w+)? in (?:it|there|that|the (?:\w+ )?(?:quote|estimate|"
        r"price))|"
        # "is that the full dig up or just the one joint?": what it covers
        r"(?:is|does) (?:that|it|this) (?:\w+ ){0,2}(?:full|whole|entire|just|only)|"
        r"(?:full|whole|entire) (?:\w+ ){0,2}or (?:just|only)|"
        # "and the permit is in there?"
        r"(?:the|a|an) (?:\w+ ){1,2}(?:is|are) (?:in (?:it|there|that)|included)|"
        # "is that with the permit or without", "with or without the haul away"
        r"with (?:\w+ ){1,3}or (?:without|not)|with or without)\b|"
        + EXPLAIN.pattern)),
    ("price", re.compile(r"\b(?:how much(?! longer| time| more time)|prices?|cost\w*|total|amount|"
                         r"(?:come|comes|coming|came) (?:out )?to|all in|with everything)\b")),
)
_KIND_PATTERNS = dict(KINDS)
_ACTS = frozenset({intents.APPROVE_QUOTE, intents.DECLINE_QUOTE, intents.CANCEL, intents.RESCHEDULE,
                   intents.HUMAN})
# asked of a quote that its data cannot settle, or that a person does (sending it again)
OFFICE_KINDS = frozenset({"counts", "terms", "resend"})
OVERVIEW = 300  # characters: a question about several quotes is answered for all when this short
# Words that make a text about a quote; "it"/"again" do too for price, lines and validity.
_QUOTE = re.compile(r"\b(?:quotes?|estimates?|proposals?|quotations?|bids?|approval|decision)\b|"
                    r"\bq-?\d{3,}\b|#\d{3,}|"
                    # "the two options you sent", "those prices u gave me": the quotes sent
                    r"\b(?:options?|prices?|numbers?|ones?|choices?)\s+(?:you|u|y'?all|you guys)\s+"
                    r"(?:sent|gave|quoted|emailed|texted|put together|wrote up)\b")
_VISIT = re.compile(r"\b(?:appointments?|appt|visits?|booking|tech|technician|plumber|electrician|"
                    r"guy|service call|call out|callout|come|coming|invoice|bill)\b")
# A title named as something already priced ("the AC one", "how much was the water heater").
_TOLD = re.compile(r"\b(?:one|was|were|again|you (?:quoted|sent|gave))\b")
_DECISION = re.compile(r"\b(?:approv\w*|accept\w*|declin\w*|decision)\b")
_PLURAL = re.compile(r"\b(?:quotes|estimates|both|all|each|two)\b")
# "the sewer job": a title named as a thing already priced, unless work on it is asked for.
_THE_TITLE = re.compile(r"\b(?:the|that|my|your|our) (?:\w+ )?(?:job|one|work|price|cost|thing|deal|"
                        r"option|package|plan|offer)\b")
_WORK = re.compile(r"\b(?:fix|repair|look at|come|install|replace|service|clean|check)\b")
_REFERS = re.compile(r"\b(?:it|that|this|again|the total)\b")
# A quote's number as customers write it: "quote 1043", "Q-1043", "#1043" (not a ZIP or a price).
_NUMBER = re.compile(r"(?:\b(?:quote|estimate|quotation|proposal|number|no)\.?\s*#?|\bq-?|#)(\d{3,})\b")
# Words of a quote's title too common to pick it out ("repair", "new").
_PLAIN = frozenset("the and for new repair replacement install installation service work job "
                   "quote estimate with".split())


# A text that only points at a quote ("my quote", "the AC one?", "what about Q-1046"): its summary.
_ONLY_QUOTE = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|um|hmm|well|what|how|about|with|re|regarding|i mean|i meant|meant|"
    r"asking about|talking about)\W+)*"
    r"(?:(?:my|the|that|this|our|your)\W+)?(?:\w+\W+)?(?:quotes?|estimates?|q-?\d{3,}|#\d{3,})\W*$")
# "what quotes do I have", "any open estimates?": every quote's summary.
_WHICH_QUOTES = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:what|which|any|list|show|see|send)\b[^.?!]{0,25}"
                           r"\b(?:quotes|estimates|open quotes?)\b")
# "did it go through": about the quote just decided, if one was.
_WENT_THROUGH = re.compile(r"\b(?:(?:go|gone|went) (?:through|thru)|did (?:it|that) work|"
                           r"is it (?:done|approved|declined))\b")


def kind_of(turn: Turn) -> str | None:
    """Which quote question the text asks, if it asks one of the customer's quotes."""
    # "the cheaper one" names a quote; it asks no comparison
    text = _PRICIER.sub("the quote", _CHEAPER.sub("the quote", turn.text.lower()))
    asked = [q for q in re.findall(r"[^.?!]*\?", text)]  # the question itself comes first
    kind = next((name for question in asked for name, pattern in KINDS if pattern.search(question)),
                None) or next((name for name, pattern in KINDS if pattern.search(text)), None)
    if kind is None and (again := _asked_again(turn, text)) is not None:
        return again  # "and the furnace one?" right after the water heater's lines: its lines
    if kind is None:
        # "no dont move anything! i mean the quote, Q-1043": a clause pointing only at a quote
        only = any(_ONLY_QUOTE.match(clause) for clause in re.split(r"[.!?;,]+", text))
        return "summary" if (only or _WHICH_QUOTES.search(text)) and shown(turn) else None
    if kind == "status" and _WENT_THROUGH.search(text) and _just_decided(turn):
        return kind
    if kind == "schedule" and any(q.state is QuoteState.APPROVED for q in _just_decided(turn)):
        return kind  # "when can you guys put it in" right after approving: that quote's work
    if _QUOTE.search(text) or titles_named(turn, text) or by_amount(turn, text) or \
            _in_quote_talk(turn):
        return kind
    if not shown(turn) or turn.parse.slots.get("service") or _VISIT.search(text):
        return None  # "how much is a drain cleaning", "is my visit still valid": not a quote
    if kind == "lines" and EXPLAIN.search(text) and not _lines_plainly(text):
        return None  # "whats this thing on monday for": a quote only when one is named
    if kind in ("lines", "valid") or kind in ("price", "terms") and _REFERS.search(text):
        return kind
    if kind == "status" and re.search(r"\b(?:approv|accept|declin)", text):
        return kind  # "what did I approve?"
    return None


# Words around a quote pointed at in a follow-up: "and the furnace one?", "what about the AC quote".
_POINTER_WORDS = frozenset("and what about how same for with the that this my our your one ones "
                           "quote estimate tho though then ok okay so re regarding too also as well "
                           "of it is was".split())


def _asked_again(turn: Turn, text: str) -> str | None:
    """The question just answered about one quote, asked of another by a text that only points
    at it ("and the furnace one?", "what about Q-1042"); None for any other text."""
    return str(turn.data["kind"]) if _pointed_again(turn, text) is not None else None


def _pointed_again(turn: Turn, text: str) -> Quote | None:
    """The quote a follow-up only points at, right after a question about another was answered."""
    if turn.step != ABOUT or not _in_quote_talk(turn) or "kind" not in turn.data:
        return None
    quotes = [q for q in shown(turn) if q.digits and q.digits in set(_NUMBER.findall(text))] or \
        titles_named(turn, text)
    if not quotes and re.search(r"\bother\b", text):  # "and the other one?": of two, the other
        others = [q for q in _candidates(turn, "summary") if q.id != turn.data.get("quote_id")]
        quotes = others if len(_candidates(turn, "summary")) == 2 else []
    if len(quotes) != 1:
        return None
    title = {w for w in re.findall(r"[a-z]+", quotes[0].title.lower())} | {"other"}
    rest = [w for w in re.findall(r"[a-z]+", text) if w not in title and w not in _POINTER_WORDS
            and not (quotes[0].digits and w == "q")]
    return quotes[0] if not rest and len(text.split()) <= 8 else None


def _lines_plainly(text: str) -> bool:
    """The text asks what a quote includes in so many words, not only "what's this X thing"."""
    return _KIND_PATTERNS["lines"].search(EXPLAIN.sub(" ", text)) is not None


def mentions_quote(text: str) -> bool:
    """True when the text says "quote" or a quote's number ("re the sewer quote - is that ...")."""
    return _QUOTE.search(text.lower()) is not None


def says_quote(turn: Turn) -> bool:
    """The text asks a quote question and says "quote" or a quote's number."""
    return kind_of(turn) is not None and _QUOTE.search(turn.text.lower()) is not None


def names_a_quote(turn: Turn) -> bool:
    """The text asks about a quote it names ("the quote", "Q-1043", "the AC one"), whatever else."""
    text = turn.text.lower()
    if kind_of(turn) is None:
        return False
    if says_quote(turn):
        return True
    if by_amount(turn, text):
        return True  # "is the 258 per year": a quote's own total
    titled = titles_named(turn, text)
    return bool(titled and (_TOLD.search(text) or _THE_TITLE.search(text) and not _WORK.search(text)
                            or kind_of(turn) == "counts"))


def answer(turn: Turn) -> bool:
    """Answer a question about the customer's quotes; False when the text asks none."""
    kind = kind_of(turn)
    if kind is None:
        return False
    assert turn.customer is not None
    again = _pointed_again(turn, turn.text.lower())
    meant = [again] if again is not None else named(turn)
    if meant is not None and not meant:
        digits = _NUMBER.findall(turn.text)
        turn.finish(replies.quote_not_on_account(digits[0] if digits else ""))
        return True
    parts = _asked_per_part(turn)
    if parts is not None:  # "is that still good? also what's the water heater one come to"
        turn.finish(replies.quotes_overview([_fact(turn, asked, q) for asked, q in parts]))
        return True
    focus = None if _PLURAL.search(turn.text.lower()) else _focus(turn)
    about = (meant or _last_decided(turn, kind) or ([focus] if focus is not None else None)
             or (_just_decided(turn) if kind == "status" else []) or _candidates(turn, kind))
    if not about:
        turn.finish(replies.no_quotes())
        return True
    if kind in OFFICE_KINDS:  # the quote cannot answer it: a person checks and calls back
        numbers = ", ".join(q.number for q in about[:3])
        handoff.hand_over(turn, reason=f'asks about quote {numbers}: "{" ".join(turn.text.split())[:160]}"')
    if kind == "compare" and len(about) >= 2:
        # the two stay the quotes talked about: "ok the cheaper one then" picks one of them
        turn.ask(FLOW, ABOUT, {"compared": [about[0].id, about[1].id]},
                 _difference(about[0], about[1]))
        return True
    if len(about) == 1:
        tell(turn, kind, about[0])
        return True
    facts = [_fact(turn, kind, q) for q in about]
    if sum(len(fact) + 2 for fact in facts) <= OVERVIEW:
        turn.finish(replies.quotes_overview(facts))
    else:
        turn.ask(FLOW, ASK, {"kind": kind, "ids": [q.id for q in about]},
                 replies.which_quote_about([_choice(q) for q in about]))
    return True


# Where one question of a text ends and another begins: "is that still good? also what's ...".
_PART = re.compile(r"(?<=[?!.])\s+|[,;]?\s+\b(?:also|and also|plus|and what about)\b\s+")


def _asked_per_part(turn: Turn) -> list[tuple[str, Quote]] | None:
    """Each question of a text asked of its own quote, when they are about two or more (a quote
    named in that question, or "that": the one talked about); None when the text asks of one."""
    text = turn.text.lower()
    parts = [part for part in _PART.split(text) if part.strip()]
    if len(parts) < 2:
        return None
    focus = _focus(turn)
    asked: list[tuple[str, Quote]] = []
    for part in parts:
        kind = next((name for name, pattern in KINDS if pattern.search(part)), None)
        if kind is None:
            continue
        if kind in OFFICE_KINDS or kind == "compare":
            return None  # a question the quote cannot answer, or one about both: answered whole
        numbers = set(_NUMBER.findall(part))
        quotes = ([q for q in shown(turn) if q.digits in numbers] if numbers
                  else titles_named(turn, part))
        if not quotes and focus is not None and _REFERS.search(part):
            quotes = [focus]
        if not quotes and kind == "status":
            quotes = _decided_as_said(turn, part)  # "did my approval go thru?": the one approved
        if len(quotes) != 1:
            return None
        asked.append((kind, quotes[0]))
    return asked if len({quote.id for _, quote in asked}) >= 2 else None


def office_question(turn: Turn) -> bool:
    """A question about a quote it names that its data cannot settle (tax, billing, whether a
    visit booked counts toward it), even beside a day: answered and passed to the office, before
    any visit flow reads it. Inside quote talk the quotes flow answers it and asks its Y/N again."""
    if turn.customer is None or turn.parse.intent in _ACTS or _in_quote_talk(turn):
        return False
    if kind_of(turn) not in OFFICE_KINDS or not names_a_quote(turn):
        return False
    return answer(turn)


def tell(turn: Turn, kind: str, quote: Quote) -> None:
    """Answer `kind` about one quote, asking nothing back (a later Y approves nothing); an open
    one stays the quote talked about, so "go ahead with it" names it."""
    asked_too = _asked_too(turn, kind)
    if kind == "status" and quote.state is QuoteState.APPROVED and dict(KINDS)["schedule"].search(
            turn.text.lower()):
        asked_too.append("schedule")  # "did it go through? when can you guys put it in"
    fact = "; ".join(_fact(turn, asked, quote) if n == 0 else
                     _work_next(turn, quote) if asked == "schedule" else
                     _fact(turn, asked, quote).removeprefix(
                         f"{_summary(quote)} for {format_cents(quote.total_cents)}").lstrip(": ")
                     for n, asked in enumerate([kind, *asked_too]))
    if quote.awaiting_decision and not _expired(turn, quote):
        hint = kind in ("status", "schedule")  # "did it go through?": not yet, and how to approve it
        turn.ask(FLOW, ABOUT, {"quote_id": quote.id, "kind": kind},
                 replies.quote_open_fact(fact, hint))
    else:
        # "when can you put it in" after approving: the day wished next still books that work
        scheduling = quote.state is QuoteState.APPROVED and "schedule" in (kind, *asked_too)
        turn.finish(replies.quote_fact(fact), keep_done=scheduling)


def _asked_too(turn: Turn, kind: str) -> list[str]:
    """The other things the text asks of the same quote ("did it go thru? whats included")."""
    text = turn.text.lower()
    return [name for name, pattern in KINDS if name != kind and name in ("status", "lines", "valid")
            and pattern.search(text)]


def _fact(turn: Turn, kind: str, quote: Quote) -> str:
    total = format_cents(quote.total_cents)
    name = _summary(quote)
    priced = f"{name} for {total}"
    if kind == "summary":
        return f"{priced}: {_standing(turn, quote)}"
    if kind == "lines":
        listed = replies.quote_lines(priced, [_line(d, n, c) for d, n, c in
                                            ((ln.description, ln.quantity, ln.unit_price_cents)
                                             for ln in quote.lines)]).text
        thing = _thing_asked(turn.text)
        if thing is None and WORTH.search(turn.text.lower()):
            return f"{listed}. Whether it's worth it is your call; text \"call me\" and someone " \
                "from the office will go over it with you"
        if thing is None:
            return listed
        found = [ln.description for ln in quote.lines if _names(ln.description, thing)]
        told = (f"Yes, it includes {', '.join(found)}" if found
                else f"It doesn't list {thing} as a line; ask us and the office will confirm")
        return f"{listed}. {told}"
    if kind == "valid":
        if quote.state is QuoteState.EXPIRED or _expired(turn, quote):
            return f"{name} has expired; ask us for a new one"
        if not quote.awaiting_decision:
            return _decided(turn, quote)
        if quote.expires_at is None:
            return f"{name} has no expiry date; it stays open until you decide"
        return f"{priced} is valid through {_last_day(turn, quote)}"
    if kind == "counts":
        return (f"{priced} doesn't say whether a visit already booked counts toward it, so I've "
                "asked the office to check and get back to you")
    if kind == "terms":
        text = turn.text.lower()
        unsaid = ("whether tax or fees are added" if _TAX.search(text) else
                  "whether the price is final" if _FINAL.search(text) else "how often it's billed")
        return (f"{priced} is the total on the quote ({_lines_said(quote)}). It doesn't say "
                f"{unsaid}, so I've asked the office to confirm")
    if kind == "resend":
        return f"I've asked the office to send you {name[:1].lower()}{name[1:]} again ({total})"
    if kind == "schedule":
        if quote.awaiting_decision and not _expired(turn, quote):
            return (f"{priced} is waiting for your decision; once it's approved, we'll set up "
                    "a day for the work with you")
        if quote.state is QuoteState.APPROVED:
            return f"{_decided(turn, quote)}; {_work_next(turn, quote)}"
        return _decided(turn, quote)
    if kind == "status":
        if quote.awaiting_decision and not _expired(turn, quote):
            sent = (f" (sent {day_label(quote.sent_at, turn.timezone)})" if quote.sent_at else "")
            return (f"{priced} is waiting for your decision{sent}; "
                    "nothing has been approved or declined yet")
        return _decided(turn, quote)
    return f"{name} is {total}"


# "does it include the sump pump?", "is the permit in it", "does that cover patching the walls"
_INCLUDES = re.compile(
    r"\b(?:include[sd]?|including|cover(?:s|ed)?|come with)\s+(?:any |my |our )?"
    r"(?P<thing>(?:(?!\b(?:is|are)\b)[a-z' -]){2,40}?)\s*"
    r"(?:\?|$|[.,;!]| or | too\b| as well\b| and (?!the \w+ (?:is|are)))"
    r"|\b(?:is|are) (?P<in>(?:(?!\b(?:is|are|and)\b)[a-z' -]){2,30}?) (?:included|in (?:it|"
    r"there|that|the (?:\w+ )?(?:quote|estimate|price)))\b"
    r"|\b(?:the|a|an) (?P<subject>(?:(?!\b(?:is|are|and)\b)[a-z' -]){2,30}?) (?:is|are) "
    r"(?:included|in (?:it|there|that))\b"
    # "is that price with the permit or without"
    r"|\bwith (?P<with>(?:(?!\b(?:or|is|are)\b)[a-z' -]){2,30}?) or (?:without|not)\b", re.IGNORECASE)
# Words too common to match a quote's line by ("the labor" matches "Installation labor").
_FILLER = frozenset("the a an of for and to in on with it that this new old".split())


# "what's included in the water heater one": the quote pointed at, no thing asked about.
_POINTS_AT_QUOTE = re.compile(r"^in (?:the |that |this |my |your )?(?:[\w-]+ ){0,3}?(?:one|quotes?|"
                              r"estimates?|price|total|it|there|that)$")


# Words that end a question, not the thing asked about ("what does it include first").
_TRAILING = re.compile(r"(?:(?:^|\s+)(?:first|then|again|exactly|though|tho|now|please|pls|there|"
                       r"in it|in there))+\s*$")


def _thing_asked(text: str) -> str | None:
    """What a question asks whether the quote includes ("the sump pump"), None when none."""
    for found in _INCLUDES.finditer(text.lower()):
        thing = _TRAILING.sub("", found.group("thing") or found.group("in") or
                              found.group("subject") or found.group("with") or "").strip(" '-")
        if thing and _words(thing) and not _POINTS_AT_QUOTE.match(thing):
            return thing
    return None


# A customer's everyday word for work, and the trade's words a quote line uses for it.
_LINE_WORDS = {
    "digging": ("excavation", "excavating", "trench"), "dig": ("excavation", "excavating", "trench"),
    "hauling": ("haul", "disposal", "removal"), "haul": ("haul", "disposal", "removal"),
}


def _names(description: str, thing: str) -> bool:
    """True when a quote's line names the thing asked about: every word of it (or the trade's
    word for it: "the digging" in "Excavation labor") is in the line ("the thermostat" in "Smart
    thermostat"); one word shared ("hauling away the old tank" and "50-gallon gas water heater"
    share none, "water line" and "water heater" share one) is not."""
    line = _words(description)
    return all(any(said == had or len(min(said, had, key=len)) >= 5 and (
        said.startswith(had) or had.startswith(said))
        for had in line for said in (w, *_LINE_WORDS.get(w, ()))) for w in _words(thing))


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower())
            if w not in _FILLER and len(w) > 2}


def _lines_said(quote: Quote) -> str:
    """ "1x Spring AC check, 1x Fall furnace tune-up"."""
    return ", ".join(f"{ln.quantity}x {ln.description}" for ln in quote.lines) or "no lines"


def _standing(turn: Turn, quote: Quote) -> str:
    """Where a quote stands, in a few words: open until when, decided, or expired."""
    if quote.awaiting_decision and not _expired(turn, quote):
        until = f", valid through {_last_day(turn, quote)}" if quote.expires_at else ""
        return f"waiting for your decision{until}"
    return _decided(turn, quote).split(" was ", 1)[-1] if not _expired(turn, quote) else "expired"


def _last_day(turn: Turn, quote: Quote) -> str:
    """The last day a quote can be approved: expiring at midnight, the day before it."""
    assert quote.expires_at is not None
    return day_label(quote.expires_at - timedelta(microseconds=1), turn.timezone)


def _work_next(turn: Turn, quote: Quote) -> str:
    """When an approved quote's work gets done: its visit booked, a day to pick for its job, or
    (no job yet) the office's call."""
    from bot.dialogue import visits  # imports this module's neighbours

    job = turn.uow.jobs.get(quote.job_id) if quote.job_id is not None else None
    if job is None:
        return "our team will be in touch to schedule the work"
    booked = sorted((a for a in turn.uow.appointments.find(job_id=job.id) if a.is_active),
                    key=lambda a: a.start)
    if booked:
        return f"the work is booked for {visits.label(turn, booked[0])}"
    return (f"job {job.number} ({visits.work_name(turn, job)}) is ready to schedule: reply with a "
            "day that suits (e.g. 'tuesday morning') and we'll offer times")


def _decided(turn: Turn, quote: Quote) -> str:
    if quote.state is QuoteState.EXPIRED or _expired(turn, quote):
        return f"{_summary(quote)} has expired; ask us for a new one"
    when = (f" on {day_label(quote.decided_at, turn.timezone)} at "
            f"{clock_label(quote.decided_at, turn.timezone)}" if quote.decided_at else "")
    total = format_cents(quote.total_cents)
    return f"{_summary(quote)} for {total} was {quote.state.value}{when}"


def _line(description: str, quantity: int, unit_cents: int) -> str:
    amount = format_cents(quantity * unit_cents)
    return f"{quantity}x {description} {amount}"


def _summary(quote: Quote) -> str:
    title = f" ({quote.title})" if quote.title else ""
    return f"Quote {quote.number}{title}"


def _choice(quote: Quote) -> str:
    title = f" {quote.title}" if quote.title else ""
    return f"{quote.number}{title}, {format_cents(quote.total_cents)}"


def _difference(first: Quote, second: Quote) -> Reply:
    gap = second.total_cents - first.total_cents
    dearer = (f", {format_cents(abs(gap))} {'more' if gap > 0 else 'less'}" if gap else
              ", the same total")
    differences = [f"Only in {q.number}: {', '.join(only)}." for q, only in
                   ((first, _only_in(first, second)), (second, _only_in(second, first))) if only]
    differences += _changed_lines(first, second)
    return replies.quote_difference(f"{_summary(first)} is {format_cents(first.total_cents)}",
                                    f"{_summary(second)} is {format_cents(second.total_cents)}"
                                    f"{dearer}", differences)


def _changed_lines(first: Quote, second: Quote) -> list[str]:
    """Lines both quotes have with another quantity or price: "Labor: 3 for $375.00 vs 4 for
    $500.00." (a line's total, never read as that many times it)."""
    theirs = {ln.description.lower(): ln for ln in second.lines}
    changed = []
    for line in first.lines:
        other = theirs.get(line.description.lower())
        if other is not None and (other.quantity, other.total_cents) != (line.quantity,
                                                                         line.total_cents):
            changed.append(f"{line.description}: {_amount(line.quantity, line.total_cents)} vs "
                           f"{_amount(other.quantity, other.total_cents)}.")
    return changed


def _amount(quantity: int, cents: int) -> str:
    return f"{quantity} for {format_cents(cents)}"


def _only_in(one: Quote, other: Quote) -> list[str]:
    theirs = {ln.description.lower() for ln in other.lines}
    return [ln.description for ln in one.lines if ln.description.lower() not in theirs]


def shown(turn: Turn) -> list[Quote]:
    """The sender's quotes they have been sent (drafts are not theirs to see yet), oldest first."""
    assert turn.customer is not None
    found = [q for q in turn.uow.quotes.find(account_id=turn.customer.account_id)
             if q.state is not QuoteState.DRAFT and may_act_on(turn.actor, q)]
    return sorted(found, key=lambda q: q.id or 0)


def named(turn: Turn) -> list[Quote] | None:
    """The quotes the text names by number, title or rank ("the cheaper one"); None when it
    names none."""
    text = turn.text.lower()
    numbers = set(_NUMBER.findall(text))
    if numbers:
        return [q for q in shown(turn) if q.digits in numbers]
    titled = titles_named(turn, text) or by_amount(turn, text)
    return titled or ranked(turn, text) or None


# A quote named by its price or place among several: "the cheaper one", "the second quote".
_CHEAPER = re.compile(r"\bthe (?:cheaper|cheapest|less expensive|least expensive|lower|lowest|"
                      r"smaller|smallest)(?: priced)? (?:one|quote|option|estimate|job)\b")
_PRICIER = re.compile(r"\bthe (?:more expensive|most expensive|pricier|priciest|bigger|biggest|"
                      r"higher|highest|larger|largest)(?: priced)? (?:one|quote|option|estimate|job)\b")
_PLACE = re.compile(r"\bthe (first|1st|second|2nd|third|3rd|last) (?:quote|estimate|option)\b")
_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}


def ranked(turn: Turn, text: str) -> list[Quote]:
    """The one quote the text names by price or place among the open ones (else all sent)."""
    cheaper, pricier, place = _CHEAPER.search(text), _PRICIER.search(text), _PLACE.search(text)
    if not (cheaper or pricier or place):
        return []
    sent = shown(turn)
    among = [q for q in sent if q.awaiting_decision] or sent
    if len(among) < 2:
        return []
    if place is not None:
        index = _PLACES[place.group(1)]
        return [among[index]] if index < len(among) else []
    totals = sorted({q.total_cents for q in among})
    wanted = totals[0] if cheaper else totals[-1]
    found = [q for q in among if q.total_cents == wanted]
    return found if len(found) == 1 and (cheaper is None or pricier is None) else []


# An amount as customers write it: "258", "$258", "$3,150.00", "258 dollars".
_MONEY = re.compile(r"(?<![\d:/-])\$?(\d{1,3}(?:,\d{3})+|\d{2,6})(?:\.(\d{2}))?"
                    r"(?![\d:/]|\s?(?:am|pm|st|nd|rd|th)\b)")
_FINAL = re.compile(r"\b(?:final|change|go up|fixed|locked|guaranteed)\b")
_TAX = re.compile(r"\b(?:tax|taxes|taxed|fees?|charges?|on top|extra)\b")


# "the first one", "the second option": a place in a list of quotes the customer was shown.
_PLACED = re.compile(r"\bthe (first|1st|second|2nd|third|3rd|last|top|bottom) (?:one|quote|"
                     r"estimate|option)\b")


def placed(text: str, quotes: list[Quote]) -> list[Quote]:
    """The quote at the place the text names among `quotes`, in the order they are listed (oldest
    first); [] when it names none."""
    found = _PLACED.search(text)
    if found is None or len(quotes) < 2:
        return []
    index = {"top": 0, "bottom": -1}.get(found.group(1), _PLACES.get(found.group(1), 0))
    ordered = sorted(quotes, key=lambda q: q.id or 0)
    return [ordered[index]] if index < len(ordered) else []


def by_amount(turn: Turn, text: str) -> list[Quote]:
    """The quotes whose total the text names ("is the 258 per year?")."""
    amounts = {int(whole.replace(",", "")) * 100 + int(cents or 0)
               for whole, cents in _MONEY.findall(text)}
    return [q for q in shown(turn) if q.total_cents in amounts] if amounts else []


def titles_named(turn: Turn, text: str) -> list[Quote]:
    words = set(re.findall(r"[a-z]+", text))
    return [q for q in shown(turn)
            if ({w for w in re.findall(r"[a-z]+", q.title.lower()) if len(w) > 1} - _PLAIN) & words]


def _in_quote_talk(turn: Turn) -> bool:
    """A question about quotes is pending (which one, approve it?): a question is about them."""
    return turn.conversation.flow == FLOW and turn.conversation.is_active(turn.now)


def talked_about(turn: Turn) -> Quote | None:
    """The quote just talked about or asked about, while that talk is open."""
    return _focus(turn)


def _focus(turn: Turn) -> Quote | None:
    """The quote the pending question is about, if one is."""
    if not _in_quote_talk(turn):
        return None
    quote_id = turn.data.get("quote_id")
    return next((q for q in shown(turn) if q.id == quote_id), None)


def _last_decided(turn: Turn, kind: str) -> list[Quote]:
    """ "did my approval go through": the quote the customer decided last, if they did."""
    if kind != "status" or not _DECISION.search(turn.text.lower()):
        return []
    return _decided_as_said(turn, turn.text.lower())


def _decided_as_said(turn: Turn, text: str) -> list[Quote]:
    """The quote last decided the way the text says ("my approval": the last one approved)."""
    said = [state for _, state in sorted(
        (text.find(word), state) for word, state in (("approv", QuoteState.APPROVED),
                                                     ("accept", QuoteState.APPROVED),
                                                     ("declin", QuoteState.DECLINED))
        if word in text)]  # the first said: "declined right, not approved by mistake?"
    decided = [q for q in shown(turn) if q.decided_at is not None and
               (not said or q.state is said[0])]
    return [max(decided, key=lambda q: q.decided_at or turn.now)] if decided else []


def _just_decided(turn: Turn) -> list[Quote]:
    """The quote decided in the last hour, if one was."""
    decided = [q for q in shown(turn) if q.decided_at is not None and
               turn.now - q.decided_at <= RECENT]
    return [max(decided, key=lambda q: q.decided_at or turn.now)] if decided else []


def _candidates(turn: Turn, kind: str) -> list[Quote]:
    """The quotes a question naming none is about: the open ones, else every one sent."""
    sent = shown(turn)
    waiting = [q for q in sent if q.awaiting_decision and not _expired(turn, q)]
    return waiting or sent


def _expired(turn: Turn, quote: Quote) -> bool:
    return quote.expires_at is not None and quote.expires_at <= turn.now
