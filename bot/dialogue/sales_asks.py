"""What a rep asks beside the pipeline's verbs: how one deal stands ("status on maple court",
"the nguyen deal?"), who is pressing ("anything urgent?"), a person ("can i talk to someone"), a
verdict taken back ("undo", "wrong one", "put it back"), and a month to be reminded in ("remind me
about kowalski in march").

Each reader returns None (or False) when the text is not its kind; sales.py decides the order.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.dialogue import handoff, sales_reopen
from bot.dialogue import sales_texts as texts
from bot.dialogue.sales_deals import (
    CONFIRM,
    FLOW,
    QUOTES_READ,
    REOPEN,
    DealView,
    match,
    named_deals,
    names_anothers,
    own_deal,
)
from domain.deals import DealStage
from domain.quotes import Quote

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# "status on maple court", "where are we with the murphy furnace", "whats going on with the nguyen
# deal", "any news on fischer", "how's the patel panel looking": the name after the lead.
_STATUS_LEAD = re.compile(
    r"^\W*(?:(?:hey|hi|so|ok|okay|and|also|quick q|question)\W+)*"
    r"(?:(?:what(?:'?s| is)|whats|any|got an?|give me an?|need an?)\s+(?:the\s+)?)?"
    r"(?:status|update|news|latest|word|scoop)\s+(?:on|of|with|for|about|re)\s+(?P<a>.+)$|"
    r"^\W*where\s+(?:are|r|do|did)\s+(?:we|things)\s+(?:stand\s+|land\s+|at\s+)?"
    r"(?:with|on)\s+(?P<b>.+)$|"
    r"^\W*what(?:'?s| is|s)\s+(?:going on|happening|up|new|the deal)\s+(?:with|on)\s+(?P<c>.+)$|"
    r"^\W*how(?:'?s| is|s)\s+(?P<d>.+?)\s+(?:going|looking|doing|coming along)\b.*$|"
    r"^\W*(?P<e>(?:the\s+)?[a-z][\w'&-]*(?:\s+[\w'&-]+){0,3})\s+(?:deal|quote|one)\s*\?+\s*$|"
    # "whats the kowalski deal at", "what's my fischer deal at rn?"
    r"^\W*what(?:'?s| is|s)\s+(?:the\s+|my\s+)?(?P<f>[a-z].*?)\s+at\b.*$|"
    # "how much is the patel one", "how much was the patel repipe quote again"
    r"^\W*how much\s+(?:is|was|s|for|did)\s+(?P<g>[a-z][^?]*)|"
    # "what stage is chen", "what stage is kowalski at", "what stage are we at with murphy"
    r"^\W*what stage\s+(?:is|s|are|was)\s+(?:we\s+(?:at\s+)?(?:with|on)\s+)?(?P<h>[a-z][^?]*)|"
    # "how's alvarez", "hows the alvarez deal": a name alone after "how's", never small talk
    # ("how's it going", "hows your day", "how is everyone")
    r"^\W*how(?:'?s| is|s)\s+(?!(?:it|that|this|things?|everything|everyone|everybody|you|your|ur|"
    r"life|work|business|today|the (?:day|week|weather|family|kids)|my (?:day|week))\b)"
    r"(?P<i>(?:the\s+|my\s+)?[a-z][\w'&-]*(?:\s+[\w'&-]+){0,2}?)"
    r"(?:\s+(?:deal|quote|one|account|job))?\s*\?*\s*$",
    re.IGNORECASE)
_STATUS_FILLER = re.compile(r"\b(?:the|my|deal|deals|quote|job|one|account|again|now|today|at|"
                            r"please|pls|thing|rn|right now|in|stage|its|it)\b|[?!.,]",
                            re.IGNORECASE)
# Where a sentence ends: small talk first, the question last.
_SENTENCE_BREAK = re.compile(r"(?<=[.!])\s+")
# Where the name asked about ends: "where are we on nguyen? what stage and how much was it".
_ASK_ENDS = re.compile(r"[?!.,;]")
# "anything urgent?", "urgent stuff today?", "who else do i need to call today", "what's hot":
# the follow-up list asked for in other words.
_FOLLOW_UP_ASK = re.compile(
    r"\b(?:urgent|pressing|priorit(?:y|ies)|on fire|fires? to put out|hot (?:ones|leads|deals|list))\b|"
    r"\bwho(?: else)? (?:do|should|must|shall|can) i (?:\w+ ){0,3}(?:call|ring|phone|chase|ping|"
    r"contact|reach|follow up|hit up)(?:ing)?\b|"
    r"\bwho else\b.*\b(?:call|chase|ping|contact|today)\b|\bwho(?:'?s| is) next\b|"
    r"\bwhat(?:'?s| is) (?:hot|next)\b", re.IGNORECASE)
# "show me all my open deals", "whats my whole pipeline look like", "what about the rest of the
# week": every open deal, not only those due now.
_PIPELINE_ASK = re.compile(
    r"\b(?:all (?:of )?my (?:open |active )?deals|(?:all|every) (?:the )?open deals|"
    r"my (?:open|active) deals|my deals|my (?:whole |entire |full )?pipeline|"
    r"(?:whole|entire|full) pipeline|rest of (?:the|this) week|"
    r"(?:coming up|due|on) (?:for )?this week|what(?:'?s| is) (?:on|coming up) (?:for )?(?:the )?week|"
    r"everything (?:i have |i've got |ive got )?open)\b", re.IGNORECASE)
# A verdict the rep takes back: "undo", "wrong one", "put it back", "reopen it", "that was a
# mistake", "i marked the wrong deal".
_TAKE_BACK = re.compile(
    r"\b(?:undo|undid|un-?do (?:that|it)|revert|reverse (?:that|it)|put (?:it|that|them|\w+) back|"
    r"re-?open|wrong (?:one|deal|account|customer)|marked (?:the )?wrong|by mistake|"
    r"(?:was|is) a mistake|my mistake|my bad|didn'?t mean (?:that|to)|shouldn'?t have|"
    r"(?:isn'?t|is not|wasn'?t|was not) (?:actually )?(?:lost|won|dead|signed)|take (?:it|that) back|"
    r"scratch that)\b", re.IGNORECASE)
# What a rep's confirmed verdict is remembered as (Turn.finish's `done`), for "undo".
VERDICTS = frozenset({"deal_won", "deal_lost"})
# "remind me about kowalski in march", "push murphy to april", "snooze fischer till feb".
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(
    r"\b(?:in|till|til|until|to|for|by|around|after|(?:early|beginning of|start of|first of)|"
    r"(?:first|1st|second|2nd|third|3rd|last)\s+week\s+(?:of|in))\s+"
    r"(?:early\s+|the\s+(?:start|beginning|first)\s+of\s+)?"
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!\s*\d)", re.IGNORECASE)
# "first week of jan", "the 2nd week of february", "last week in march".
_WEEK_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": 3}
_WEEK_OF_MONTH = re.compile(
    r"\b(?P<place>first|1st|second|2nd|third|3rd|last)\s+week\s+(?:of|in)\s+"
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)
_SNOOZE_TO_MONTH = re.compile(
    # "remind me" anywhere ("ok and once its back remind me about fischer in jan"); other verbs
    # open the text
    r"(?:\b(?:remind me (?:about|of|on|re)|ping me (?:about|on|re))|"
    r"^\W*(?:(?:ok|and|also|pls|please)\W+)*(?:remind me (?:about|of|on|re)|ping me (?:about|on|re)|"
    r"snooze|push|bump|park|defer|follow up (?:on|with)|circle back (?:on|with)))\s+"
    r"(?P<target>.+?)\s+" + _MONTH.pattern[2:], re.IGNORECASE)


def month_start(text: str, today: date) -> date | None:
    """The first working day (Mon-Fri) of the month `text` names ("in march"): this year's if it
    is still ahead, else next year's; None when no month alone is named."""
    found = _MONTH.search(text)
    if found is None:
        return None
    month = _MONTHS.index(found.group("m").lower()[:3]) + 1
    year = today.year if month > today.month else today.year + 1
    day = date(year, month, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def week_start(text: str, today: date) -> date | None:
    """The Monday of the week of a month `text` names ("first week of jan": the first week that
    starts in January; "last week of march"), this year's if still ahead, else next year's; None
    when no such week is named."""
    found = _WEEK_OF_MONTH.search(text)
    if found is None:
        return None
    month = _MONTHS.index(found.group("m").lower()[:3]) + 1
    year = today.year if month > today.month else today.year + 1
    first_monday = date(year, month, 1) + timedelta(days=(7 - date(year, month, 1).weekday()) % 7)
    place = found.group("place").lower()
    if place == "last":
        monday = first_monday + timedelta(weeks=3)
        return monday + timedelta(weeks=1) if (monday + timedelta(weeks=1)).month == month else monday
    return first_monday + timedelta(weeks=_WEEK_PLACES[place])


def snoozed_to_month(text: str) -> str | None:
    """The deal named in "remind me about kowalski in march"; None for any other text."""
    found = _SNOOZE_TO_MONTH.search(text.strip())
    return found.group("target") if found is not None else None


def asks_follow_ups(text: str) -> bool:
    return _FOLLOW_UP_ASK.search(text) is not None


def asks_pipeline(text: str) -> bool:
    return _PIPELINE_ASK.search(text) is not None


def takes_back(text: str) -> bool:
    """ "undo", "reopen greer": never a question whether the office did ("did the office reopen
    alvarez yet?") nor a request withdrawn ("dont reopen chen")."""
    return (_TAKE_BACK.search(text) is not None and not sales_reopen.asks_whether_reopened(text)
            and not sales_reopen.withdraws(text))


def status_target(text: str) -> str | None:
    """The name a status question asks about ("maple court"), or None if it is no such ask."""
    said = text.strip()
    # "oh right thats lenas. whats my fischer deal at rn?": the question after small talk
    found = _STATUS_LEAD.match(said) or _STATUS_LEAD.match(_SENTENCE_BREAK.split(said)[-1])
    if found is None:
        return None
    raw = _ASK_ENDS.split(next(g for g in found.groups() if g is not None), maxsplit=1)[0]
    name = " ".join(_STATUS_FILLER.sub(" ", raw).split())
    return name or None


def answer_status(turn: Turn, target: str) -> None:
    """The deal's stage, amount, last touch and next follow-up; several alike are each told, and
    a name that is no deal of the rep's (or is another rep's) is said to be none."""
    open_deals, closed = named_deals(turn), named_deals(turn, is_open=False)
    found = match(open_deals, target)
    if found.chosen is None:  # "chen": the lost Chen deal, before the kitchen repipe it sounds like
        settled = match(closed, target)
        found = settled if settled.chosen is not None or not found.options else found
    picked = [found.chosen] if found.chosen is not None else list(found.options[:3])
    shown = [v for v in (own_deal(turn, p.deal_id) for p in picked) if v is not None]
    if not shown or (found.chosen is None and names_anothers(turn, target)):
        turn.finish(texts.no_deal_named(target))
        return
    tell_status(turn, shown)


def tell_status(turn: Turn, shown: list[DealView]) -> None:
    """Each deal's stage, amount, last touch, latest quote and next follow-up."""
    quotes = {v.deal_id: _latest_quote(turn, v) for v in shown}
    turn.finish(texts.deal_status([(v, _job_number(turn, v)) for v in shown], turn.timezone,
                                  quotes=quotes))


def _latest_quote(turn: Turn, view: DealView) -> Quote | None:
    """The deal's quote sent (or drafted) last: what a rep asking "how much" means."""
    quotes = turn.uow.quotes.page(limit=QUOTES_READ, deal_id=frozenset({view.deal_id}))
    return max(quotes, key=lambda q: (q.sent_at is not None, q.sent_at or turn.now, q.id or 0),
               default=None)


def _job_number(turn: Turn, view: DealView) -> str | None:
    if view.deal.job_id is None:
        return None
    job = turn.uow.jobs.get(view.deal.job_id)
    return job.number if job is not None else None


def ask_for_person(turn: Turn) -> None:
    """A rep asks for a person: a dispatcher item, naming the deal closed last if any."""
    closed = last_verdict(turn)
    about = f" (after {closed.account}, {closed.title}, was marked {closed.deal.stage.value})" \
        if closed is not None else ""
    handoff.hand_over(turn, reason=f"sales rep asked for a person{about}")
    turn.finish(texts.person_asked())


def take_back(turn: Turn) -> None:
    """ "undo", "wrong one": the deal marked won or lost last (within half an hour) goes to the
    office to reverse, with its job and whether the customer was texted; nothing is changed here.
    Another closed deal named ("reopen lopez"), or a verdict the conversation no longer holds,
    is asked about (Y/N) before anything is sent."""
    view = last_verdict(turn)
    named = sales_reopen.named_closed(turn, turn.text)
    if named is not None and (view is None or named.deal_id != view.deal_id):
        ask_to_reopen(turn, named)
        return
    if view is None:
        recent = sales_reopen.recently_closed(turn)
        if recent is not None:
            ask_to_reopen(turn, recent)
        else:
            turn.finish(texts.nothing_to_take_back())
        return
    turn.forget_change()
    ask_office_to_reopen(turn, view)


def ask_to_reopen(turn: Turn, view: DealView) -> None:
    """Y/N: whether to ask the office to reopen `view` (nothing is sent before a yes)."""
    turn.ask(FLOW, CONFIRM, {"intent": REOPEN, "deal_id": view.deal_id},
             texts.confirm_reopen(view, view.deal.last_touch_at, turn.timezone))


def ask_office_to_reopen(turn: Turn, view: DealView) -> None:
    """The office is asked to reopen `view` (and to cancel its job, if won); remembered for a
    later "did they reopen it yet?" or a withdrawal."""
    job = _job_number(turn, view)
    won = view.deal.stage is DealStage.WON
    what = (f"reopen deal {view.account}, {view.title} (marked won by mistake); cancel job {job} "
            f"unless it is booked, and text the customer a short correction"
            if won else f"reopen deal {view.account}, {view.title} (marked lost by mistake)")
    handoff.hand_over(turn, reason=f"sales rep asks to {what}")
    turn.finish(texts.taken_back(view, job if won else None))
    sales_reopen.note_request(turn, view)


def last_verdict(turn: Turn) -> DealView | None:
    """The deal this rep marked won or lost within half an hour, if it still is."""
    if turn.last_change_name() not in VERDICTS:
        return None
    view = own_deal(turn, turn.last_change().get("deal_id"))
    if view is None or view.deal.stage not in (DealStage.WON, DealStage.LOST):
        return None
    return view
