"""Two requests in one text: "Y and cancel the repair on the 16th", "ok lets do that one. also is
dave still coming thursday", "how far out is dave? also whats in the panel quote".

Each part is read on its own and answered in turn: questions first (they leave a pending
question as it was), then what answers or changes something, in the order written. When a part
asks a Y/N and another part still needs one, that part waits in the conversation and is taken
up as soon as the first question is answered, so no half of the text is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import (
    also,
    last_change,
    quote_decisions,
    quote_questions,
    replies,
    small_talk,
    status,
    visit_questions,
    visits,
)
from bot.dialogue.reply import Reply
from bot.nlu import intents
from bot.nlu.customer_rules import asks_still_on
from bot.nlu.parser import Parser
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from domain.catalog import Catalog

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

THEN = "then"  # conversation data: the parts still to answer once the pending question is
_PART = "_one_part"  # set on a part's own turn: it is never split again
# Where one request ends and the next begins.
_SPLIT = re.compile(
    r"(?<=[?!.;])\s+|"
    r"[,;]?\s+\b(?:and also|and then|also|and|plus|but)\s+(?=(?:is|are|was|can|could|will|would|"
    r"what|whats|when|whens|who|whos|how|where|why|did|does|do|cancel|move|approve|decline|tell|"
    r"remind|put|pass on|go ahead|say (?:yes|no)|no on|yes on)\b)|"
    r",\s*(?=(?:[qQ]-?|#)\d{3,}\b)")  # "Q-1042 approve, Q-1041 decline"
# "panel quote - how long is it good for": a question after a dash or colon, too
_QUESTION = re.compile(r"\?|(?:^|\s[-\u2013\u2014]\s|:\s)\W*(?:(?:and|also|so|ok|okay|hi|hey|k)\W+)*"
                       r"(?:is|are|was|can|could|will|"
                       r"what|whats|when|who|whos|how|where|why|did|does|do|remind|which|tell)\b")
_NEGATED = re.compile(r"\b(?:don'?t|do not|dont|didn'?t|did not|never|not)\b")
# "don't cancel, is thursday still on?" is a no to an action before it is a question
_NEGATED_ASK = re.compile(r"\b(?:don'?t|do not|dont|never|not) (?:cancel|move|change|approve|decline|"
                          r"book|reschedule|send|want|need)\b")
_ACTIONS = frozenset({intents.CANCEL, intents.RESCHEDULE, intents.APPROVE_QUOTE,
                      intents.DECLINE_QUOTE})
_ANSWERS = frozenset({intents.AFFIRM, intents.DENY, intents.CHOOSE})


def answer(turn: Turn) -> bool:
    """Answer each part of a text that asks two things; False for a text of one request."""
    if turn.customer is None or getattr(turn, _PART, False):
        return False
    if _takes_up(turn):
        return True
    if quote_decisions.several(turn):
        return True  # "approve the water heater one and decline the furnace one": one Y/N for both
    if turn.parse.intent in _ACTIONS and quote_questions.kind_of(turn) == "status":
        return False  # "we said yes to the quote monday. did it go through?": one question
    raw = [p.strip() for p in _SPLIT.split(turn.text) if p and any(c.isalnum() for c in p)]
    parts = [_reasked(part) for part in raw]
    reasked = {part for part, said in zip(parts, raw, strict=True) if part != said}
    if len(parts) < 2 or len(parts) > 4:
        return False
    pending = small_talk.question_pending(turn)
    read = [(part, parse_part(turn, part)) for part in parts]
    if also.request(turn) and any(parse.intent == intents.CANCEL for _, parse in read):
        return False  # "cancel thursday's and also can someone look at my furnace": also.py's
    if any(parse.intent == intents.CANCEL for _, parse in read) and asks_still_on(
            normalize(turn.text)):
        return False  # "no need to send anyone. are we still good for monday": a question only
    kinds = [_kind(turn, part, parse, first=n == 0, pending=pending)
             for n, (part, parse) in enumerate(read)]
    parts, read, kinds = _quote_questions_joined(turn, parts, read, kinds)
    if kinds[0] == "answer" and any(_decides_pending_quote(turn, part) for part in parts[1:]):
        kinds[0] = "other"  # "NO. Q-1042 approve, Q-1041 decline": the decision written out wins
    kinds = _request_after_yes_no(turn, read, kinds)
    asks = [n for n, kind in enumerate(kinds) if kind == "ask"]
    acts = [n for n, kind in enumerate(kinds) if kind in ("act", "answer")]
    # a quote asked for asks nothing back: done before the rest, so a Y/N asked stays last
    acts.sort(key=lambda n: 0 if kinds[n] == "answer" else 1 if _asks_for_a_quote(
        turn, *read[n]) else 2)
    if _new_wish(turn, [read[n][1] for n, kind in enumerate(kinds) if kind == "answer"]):
        return False  # "none of those. what do you have on friday the 11th": times asked for
    hidden = (len(acts) == 1 and turn.parse.intent == intents.UNKNOWN
              and read[acts[0]][1].intent in _ACTIONS)  # "no?? i didnt ask that. just cancel x"
    # "Y. and send me a quote for ..." with the change asked about done already: said so first
    nod = (kinds[0] == "other" and read[0][1].intent == intents.AFFIRM and not pending
           and len(parts[0].split()) <= 3 and turn.last_done() is not None)
    if not (acts and (asks or len(acts) > 1 or hidden or nod)) and \
            not _asks_apart(turn, [read[n] for n in asks]):
        return False  # one request, however many sentences
    if acts and not asks and len({quote_decisions.decision(part) or (
            "quote request" if _asks_for_a_quote(turn, part, p) else p.intent)
            for part, p in read}) < 2:
        return False  # "cancel dec 12 and cancel dec 14": one request of its own
    answered = False
    if nod:
        turn.say(replies.acknowledged(turn.last_done()))  # "Y." to a cancel already done
        answered = True
    # a question asked again ("you didnt answer about ...") is about the visits as they end up
    again = [n for n in asks if parts[n] in reasked]
    for n in asks:
        if n not in again:
            answered = _ask(turn, *read[n]) or answered
    waiting: list[str] = []
    decided: set[str] = set()
    before = turn.recent("last_change")
    for n in acts:
        if n != acts[0] and turn.recent("last_change") != before and _cancels_moved(turn, *read[n]):
            continue  # "1, and cancel the 3pm then": the 3pm visit just moved; nothing is left there
        verb = quote_decisions.decision(read[n][0])
        if verb is not None and read[n][1].intent not in (intents.CANCEL, intents.RESCHEDULE):
            if verb in decided:
                continue  # "we'll go with it. approve that": one decision, said twice
            decided.add(verb)
        if turn.conversation.is_active(turn.now) and answered and n != acts[0] and \
                turn.replies and turn.replies[-1].expects.value != "text":
            waiting.append(read[n][0])  # a second Y/N waits for the first one's answer
            continue
        answered = _act(turn, *read[n]) or answered
    if waiting and turn.conversation.is_active(turn.now):
        turn.conversation.data = {**turn.conversation.data, THEN: waiting}
        turn.replies.insert(len(turn.replies) - 1, _then(turn, waiting[0]))  # the Y/N stays last
    for n in again:
        answered = _ask(turn, *read[n]) or answered
    return answered


# "you didnt answer about the 2 plumbers": the question asked before, asked again.
_NOT_ANSWERED = re.compile(r"\b(?:but )?(?:you )?(?:didn'?t|did not|never|havent|haven'?t|have not) "
                           r"(?:answer(?:ed)?|repl(?:y|ied)|respond(?:ed)?|say|said)(?: to)?"
                           r"(?: me| my question| that)?(?: (?:about|on|re|regarding|why))?\s+",
                           re.IGNORECASE)


def _reasked(part: str) -> str:
    """A part saying a question went unanswered, as that question ("tell me about the 2 plumbers
    on the 15th?"); any other part as it is."""
    found = _NOT_ANSWERED.search(part)
    if found is None or not part[found.end():].strip():
        return part
    return f"{part[:found.start()]}tell me about {part[found.end():].rstrip(' .!?')}?"


def _quote_questions_joined(turn: Turn, parts: list[str], read: list[tuple[str, Parse]],
                            kinds: list[str]) -> tuple[list[str], list[tuple[str, Parse]],
                                                       list[str]]:
    """Questions side by side about the same quote ("how much was the pex quote and does it
    include the walls") read as one, so the quote is told once."""
    joined: list[tuple[str, Parse, str]] = []
    for (part, parse), kind in zip(read, kinds, strict=True):
        if joined and kind == joined[-1][2] == "ask" and _about_a_quote(turn, joined[-1][0]) and \
                _about_a_quote(turn, part):
            text = f"{joined[-1][0]} and {part}"
            joined[-1] = (text, parse_part(turn, text), kind)
        else:
            joined.append((part, parse, kind))
    return ([part for part, _, _ in joined], [(part, parse) for part, parse, _ in joined],
            [kind for _, _, kind in joined])


def _about_a_quote(turn: Turn, part: str) -> bool:
    return quote_questions.kind_of(_own(turn, part, parse_part(turn, part))) is not None


def _cancels_moved(turn: Turn, part: str, parse: Parse) -> bool:
    """A cancel naming, by its old time, the visit the part before just moved."""
    change = turn.last_change()
    moved = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    if parse.intent != intents.CANCEL or change.get("kind") != "rescheduled" or moved is None \
            or not change.get("start"):
        return False
    was = datetime.fromisoformat(str(change["start"])).astimezone(
        ZoneInfo(visits.timezone_of(turn, moved)))
    said = visits.named(_own(turn, part, parse))
    return was.time() in said.times and all(d == was.date() for d in said.days)


def _new_wish(turn: Turn, answers: list[Parse]) -> bool:
    """A no to the times offered beside another day or time: one new wish for times, the offer's
    own to read."""
    from bot.dialogue import offers  # imports this module's callers

    return (turn.step == offers.PICK and turn.conversation.is_active(turn.now)
            and any(parse.intent == intents.DENY for parse in answers)
            and offers.wish_from(turn, turn.data.get("default_day")) is not None)


_PRICE = re.compile(r"\b(?:how much|price|cost|charge)\b")
_LEADING_ALSO = re.compile(r"^\W*(?:(?:and|oh|ok|so)\W+)?(?:also|plus|btw|and)\b\W*", re.IGNORECASE)
_SEVERAL = re.compile(r"\b(?:both|all|each|them|they|those|these)\b")


def _asks_apart(turn: Turn, asks: list[tuple[str, Parse]]) -> bool:
    """Two questions on different things: a visit, and a quote or a price ("how far out is dave?
    also whats in the panel quote"), or two different visits."""
    if len(asks) != 2:
        return False
    subjects = {"change" if last_change.went_through(turn, part) else
                "price" if _PRICE.search(part.lower()) or quote_questions.mentions_quote(part)
                or quote_questions.kind_of(_own(turn, part, parse)) is not None else "visit"
                for part, parse in asks}
    if len(subjects) == 2:
        return True
    # "is alicia still coming today? and how many visits do i have for the sink": other visits
    if any(_SEVERAL.search(part.lower()) for part, _ in asks):
        return False  # "so she's coming at 1:30 for both now? what's the water heater time": one
    upcoming = visits.upcoming(turn)
    found = []
    for part, parse in asks:
        part = _LEADING_ALSO.sub("", part)  # "also is the plumber still coming": a question
        resolution = visits.resolve(_own(turn, part, parse), upcoming)
        if resolution.named.narrows and resolution.matches:
            found.append({a.id for a in resolution.matches})
        elif (live := _live_visits(turn, part)):  # "where's the tech?": the work under way
            found.append(live)
        else:
            return False
    return not found[0] & found[1]


def _live_visits(turn: Turn, part: str) -> set[int | None]:
    """The visits of the work under way when `part` asks where the technician is ("where's the
    tech?", "is he close?"); empty otherwise."""
    from bot.dialogue import status  # imports this module's neighbours

    if not (status.PRESENCE.search(part) or status.LIVE_QUESTION.search(part)):
        return set()
    assert turn.customer is not None
    live = {j.id for j in turn.uow.jobs.find(account_id=turn.customer.account_id,
                                             state=status.LIVE)}
    return {a.id for a in visits.upcoming(turn) if a.job_id in live}


def _then(turn: Turn, part: str) -> Reply:
    """What waits, in the customer's own words, or as the visit it names ("Wed Dec 16, 3-5pm")."""
    parse = parse_part(turn, part)
    verb = {intents.CANCEL: "cancelling", intents.RESCHEDULE: "moving"}.get(parse.intent)
    if verb is not None:
        resolution = visits.resolve(_own(turn, part, parse), visits.upcoming(turn))
        if resolution.named.narrows and resolution.one is not None:
            return replies.then_visit(verb, visits.label(turn, resolution.one))
    return replies.then_next(part)


def first_part(turn: Turn) -> Turn:
    """The first part as a text of its own when later parts ask for something else ("put it
    back and cancel the thursday one instead"), else the text itself."""
    parts = [p.strip() for p in _SPLIT.split(turn.text) if p and any(c.isalnum() for c in p)]
    if len(parts) < 2:
        return turn
    from bot.dialogue import corrections  # a correction part is what the text corrects

    own = [_own(turn, part, parse_part(turn, part)) for part in parts]
    correcting = [n for n, part in enumerate(own) if corrections.worded_as_one(part)]
    first = correcting[0] if correcting else 0
    # "wrong address on my account. please change it to 2211 W Foster Ave": a street said after is
    # the correction's own, no other request
    later = [_kind(turn, part.text, part.parse, first=False, pending=False)
             for part in own[first + 1:] if not corrections.street_in(part.text)]
    return own[first] if "act" in later else turn


def questions_beside(turn: Turn, *, acts: bool = False, swap: bool = False,
                     answered: str | None = None) -> None:
    """Answer the question parts (and with `acts` the requests) of a text whose first request was
    just answered ("keep the 14th. and is the electrician still friday?"); a pending question
    stays as it is. With `swap` (a cancel just undone as the wrong one), "cancel the 11th instead"
    naming one visit is done, as the cancel it replaces was confirmed. `answered`: the part
    that was the correction (once done, it may no longer read as one)."""
    parts = [p.strip() for p in _SPLIT.split(turn.text) if p and any(c.isalnum() for c in p)]
    if len(parts) < 2:
        return
    from bot.dialogue import corrections  # the correction part was answered already

    corrected = False
    for part in parts:
        parse = parse_part(turn, part)
        if part == answered or corrections.worded_as_one(_own(turn, part, parse)):
            corrected = True
            continue
        if part == parts[0] and not acts:
            continue
        kind = _kind(turn, part, parse, first=False, pending=False)
        if kind == "ask":
            _ask(turn, part, parse)
        elif kind == "act" and acts and (corrected or parse.slots) and \
                not turn.conversation.is_active(turn.now):
            # a request naming nothing before the correction ("ugh cancel that. put it back") is
            # what it takes back
            if swap and _swapped(turn, part, parse):
                continue
            _act(turn, part, parse)  # "put monday back and cancel the wed one instead"


def questions_aside(turn: Turn, *, besides: Callable[[str], bool]) -> None:
    """Answer the question parts of a text whose other part was just answered (a complaint:
    "is the electrician still coming today? your guy left a mess last time"), leaving out the
    parts `besides` matches (what was answered already)."""
    parts = [p.strip() for p in _SPLIT.split(turn.text) if p and any(c.isalnum() for c in p)]
    if len(parts) < 2:
        return
    for part in parts:
        parse = parse_part(turn, part)
        if not besides(normalize(part)) and \
                _kind(turn, part, parse, first=False, pending=False) == "ask":
            _ask(turn, part, parse)


_INSTEAD = re.compile(r"\binstead\b")


def _swapped(turn: Turn, part: str, parse: Parse) -> bool:
    """ "cancel the 11th instead" right after the wrong visit's cancel was undone: that one visit
    is cancelled; False when the part names no single visit or is no such cancel."""
    if parse.intent != intents.CANCEL or not _INSTEAD.search(part.lower()):
        return False
    from bot.dialogue import cancel  # imports this module's neighbours

    own = _own(turn, part, parse)
    resolution = visits.resolve(own, visits.upcoming(turn))
    if not resolution.named.narrows or resolution.one is None:
        return False
    cancel.cancel_named(own, resolution.one)
    return True


def _takes_up(turn: Turn) -> bool:
    """The answer to a question asked before a part that waited: answered, then that part."""
    then = turn.conversation.data.get(THEN) if turn.conversation.is_active(turn.now) else None
    if not then or turn.parse.intent not in _ANSWERS:
        return False
    parts = [p.strip() for p in _SPLIT.split(turn.text) if p and any(c.isalnum() for c in p)]
    if any(_decides_pending_quote(turn, part) for part in parts[1:]):
        return False  # "NO. Q-1042 approve, Q-1041 decline": every part read anew
    from bot.dialogue.roles import CUSTOMER_FLOWS  # the table this answerer is part of

    flow = CUSTOMER_FLOWS.flows.get(turn.conversation.flow or "")
    if flow is None or not flow.answer(_own(turn, turn.text, turn.parse)):
        return False
    for part in then if isinstance(then, list) else []:
        if turn.conversation.is_active(turn.now):
            break
        _act(turn, str(part), parse_part(turn, str(part)))
    return True


def _request_after_yes_no(turn: Turn, read: list[tuple[str, Parse]], kinds: list[str]) -> list[str]:
    """ "yes. now can someone come tmrw for the water heater": the yes answers the Y/N pending
    (a cancel confirmed), and the visit asked for after it is booked next, never the yes lost."""
    from bot.dialogue import offers, visit_address  # import this module's neighbours

    if kinds[0] != "answer" or read[0][1].intent not in (intents.AFFIRM, intents.DENY):
        return kinds
    asked = ["act" if kind in ("other", "ask") and parse.intent == intents.BOOK
             and visit_address.asks_a_visit(part) else kind
             for kind, (part, parse) in zip(kinds[1:], read[1:], strict=True)]
    if turn.step == offers.PICK:
        # "ok thanks. so can u book a furnace repair tomorrow at the rental": no pick, the
        # request goes to the times offered as a text of its own would
        first = "other" if read[0][1].intent == intents.AFFIRM and "act" in asked else kinds[0]
        return [first, *asked] if first == "other" else kinds
    return [kinds[0], *asked]


def _kind(turn: Turn, part: str, parse: Parse, *, first: bool, pending: bool) -> str:
    intent = parse.intent
    if intent in _ANSWERS and first and pending and len(part.split()) <= 3:
        return "answer"  # "Y", "no", "2"
    if _NEGATED.search(part.lower()):
        # "i dont want a new time": no request; "what is the friday one for, i dont remember
        # booking it" still asks (a question changes nothing, so it is safe to answer)
        asks = _QUESTION.search(part.lower()) and intent not in _ACTIONS | _ANSWERS
        return "ask" if asks and not _NEGATED_ASK.search(part.lower()) else "other"
    if intent in _ACTIONS or quote_decisions.decides(part):
        return "act"
    if _asks_for_a_quote(turn, part, parse):
        return "act"  # "and send me a quote for a sump pump too"
    if _QUESTION.search(part.lower()) and intent not in _ANSWERS:
        return "ask"
    return "other"


def _ask(turn: Turn, part: str, parse: Parse) -> bool:
    """Answer a question part; a question pending before stays pending."""
    from bot.dialogue.roles import CUSTOMER_FLOWS  # the table this answerer is part of

    conversation = turn.conversation
    before = (conversation.flow, conversation.step, dict(conversation.data),
              conversation.expires_at, conversation.misunderstandings)
    said = len(turn.replies)
    own = _own(turn, part, parse)
    if not CUSTOMER_FLOWS.answered(own):  # a question never starts a booking
        if parse.intent == intents.JOB_STATUS:
            status.start(own)  # "how far out is dave?"
        elif not visit_questions.answer(own):  # "who's doing the electrical today": read as work
            quote_questions.answer(own)  # "whats the furnace quote come to"
    if own.confused:  # a part not understood says nothing, and counts for nothing
        del turn.replies[said:]
        conversation.misunderstandings = before[4]
    if before[0] is not None:
        kept = {k: v for k, v in conversation.data.items() if k in ("shown", "last_done")}
        conversation.flow, conversation.step, conversation.expires_at = before[0], before[1], \
            before[3]
        conversation.data = {**before[2], **kept}
    return len(turn.replies) > said


def _act(turn: Turn, part: str, parse: Parse) -> bool:
    from bot.dialogue.roles import CUSTOMER_FLOWS  # the table this answerer is part of

    said = len(turn.replies)
    own = _own(turn, part, parse)
    CUSTOMER_FLOWS.respond(own)
    turn.confused = turn.confused or own.confused
    return len(turn.replies) > said


def _decides_pending_quote(turn: Turn, part: str) -> bool:
    """True when the part decides the quote whose Y/N is pending, naming it by number or title."""
    from bot.dialogue import quotes  # imports this module

    quote_id = turn.data.get("quote_id") if turn.conversation.flow == quotes.FLOW else None
    if quote_id is None or quote_decisions.decision(part) is None:
        return False
    named = [q for q in quote_questions.shown(turn) if q.digits in re.findall(r"\d{3,}", part)
             or q in quote_questions.titles_named(turn, part.lower())]
    return any(q.id == quote_id for q in named)


def _asks_for_a_quote(turn: Turn, part: str, parse: Parse) -> bool:
    from bot.dialogue import questions  # imports this module

    return parse.intent not in _ACTIONS and questions.asks_for_quote(_own(turn, part, parse))


def as_own_text(turn: Turn, part: str) -> Turn:
    """`part` of the text read as a text of its own (its own parse), sharing the replies said."""
    return _own(turn, part, parse_part(turn, part))


def _own(turn: Turn, part: str, parse: Parse) -> Turn:
    """The part as a text of its own, sharing the conversation and the replies said."""
    own = replace(turn, text=part, parse=parse)
    setattr(own, _PART, True)
    return own


def parse_part(turn: Turn, part: str) -> Parse:
    """The part read on its own; a closing "instead" is about the other part ("put monday back
    and cancel the wed one instead": a cancel, not a move)."""
    local = turn.now.astimezone(ZoneInfo(turn.timezone))
    return _parser(turn.catalog).parse(_INSTEAD_AT_END.sub("", part), role=intents.CUSTOMER,
                                       now=local)


_INSTEAD_AT_END = re.compile(r"\s+instead\W*$", re.IGNORECASE)


@lru_cache(maxsize=2)
def _parser(catalog: Catalog) -> Parser:
    return Parser(catalog)
