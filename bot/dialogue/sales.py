"""A sales rep works the pipeline by text: follow-ups, snoozes, deals won and lost.

"followups" lists up to five deals, numbered; "won 2", "snooze 3 till monday" or "lost 1" in a
later text mean those lines. A deal named instead ("Acme signed!") is matched among the rep's own
open deals (sales_deals); a weak or tied match is asked about, never acted on. Winning and losing
are confirmed with Y/N first; a won deal becomes exactly one job (domain/handlers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import rep_asides, sales_asks, sales_reopen, small_talk
from bot.dialogue import sales_texts as texts
from bot.dialogue.reply import Reply
from bot.dialogue.sales_corrections import meant, news_in
from bot.dialogue.sales_deals import (
    CONFIRM,
    FLOW,
    REOPEN,
    STRONG,
    TIE_MARGIN,
    WEAK,
    DealView,
    closed_today,
    deals_named,
    follow_ups,
    listed,
    listed_earlier,
    match,
    named_deals,
    names_account,
    names_anothers,
    open_deals,
    own_deal,
    remember_list,
    scored,
    won_job_number,
)
from bot.dialogue.sales_reasons import NO_REASON, kept_reason
from bot.dialogue.snooze_days import after_which, holiday_on, snooze_day, without_day, working_day_from
from bot.nlu import intents
from bot.nlu.deal_lines import LINE_VERDICTS, ListLine, line_place
from bot.nlu.deal_lines import read_list_line as read_line
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from bot.nlu.when import resolve_when
from domain.commands import MarkDealLost, MarkDealWon, RecordLossReason, SnoozeDeal
from domain.deals import DealName, DealStage
from domain.follow_ups import LIST_LIMIT

if TYPE_CHECKING:
    from bot.dialogue.roles import Starter
    from bot.dialogue.turn import Turn

PICK, WHEN, REASON = "pick", "when", "reason"
WON, LOST, SNOOZE = intents.DEAL_WON, intents.DEAL_LOST, intents.SNOOZE
ACTION_WORDS = {WON: "won", LOST: "lost", SNOOZE: "snooze"}
# What each verdict of a rep's line means: "won murphy", "lost alvarez - price".
VERBS = LINE_VERDICTS
# "won murphy", "lost alvarez - price": a verb and a name, whatever the parser made of it.
VERB_AND_NAME = re.compile(
    r"^\W*(?:mark\s+)?(?P<verb>won|closed|signed|lost|dead)\s+(?P<target>[a-z].*)$",
    re.IGNORECASE)
# "fischer water heater signed": a name and then the news.
NAME_AND_VERB = re.compile(r"^\W*(?P<target>[a-z].*?)\s+(?:(?:has|have|just|finally)\s+)*"
                           r"(?P<verb>signed|closed|won)\b(?:\W*$|\s*[,;.!-]+\s+\S.*$)",
                           re.IGNORECASE)
# "sunrise signed the sewer job": a name, the news, and the deal's own kind of paper (never "the
# nda": only a job, deal, contract, quote or proposal is the deal).
NAME_SIGNED_THE_DEAL = re.compile(
    r"^\W*(?P<target>[a-z][^,.;:!?]*?)\s+(?:(?:has|have|just|finally)\s+)*(?P<verb>signed|won)\s+"
    r"(?:the|their|our|for the|off on the)\s+(?:[\w'-]+\s+){0,3}(?:job|deal|work|contract|quote|"
    r"proposal)\W*$", re.IGNORECASE)
# "sunrise is WON", "the kowalskis are won": a name and then its win ("is closed" may be a shop's).
NAME_IS_WON = re.compile(r"^\W*(?P<target>[a-z][^,.;:!?]*?)\s+(?:is|are|s)\s+(?:(?:also|now|"
                         r"officially|just)\s+)*(?P<verb>won)\b(?:\W*$|\s*[,;.!-]+\s+\S.*$)",
                         re.IGNORECASE)
# "chen repipe is dead too, they're waiting till spring": a name and then its loss.
NAME_IS_LOST = re.compile(r"^\W*(?P<target>[a-z][^,.;:!?]*?)\s+(?:(?:is|was|are|s)\s+)?"
                          r"(?:(?:also|now|officially|just)\s+)*(?P<verb>dead|lost)\b"
                          r"(?:\s+(?:too|also|as well))?(?:\W*$|\s*[,;.!-]+\s+\S.*$)",
                          re.IGNORECASE)
# "kowalski and murphy both signed", "chen, patel & lopez are dead": several names, one verdict.
_NAMES = r"(?P<names>[a-z][\w'& ,+/-]*?(?:,|\band\b|&|\+|/)[\w'& ,+/-]*?)"
NAMES_THEN_VERB = re.compile(
    r"^\W*" + _NAMES + r"\s+(?:(?:both|all|each|have|has|just|finally|are|were|also|all)\s+)*"
    r"(?P<verb>signed|closed|won|lost|dead)\b(?P<rest>.*)$", re.IGNORECASE)
# "won kowalski and murphy", "lost chen & patel - price".
VERB_THEN_NAMES = re.compile(
    r"^\W*(?:mark\s+)?(?P<verb>won|signed|closed|lost)\s+" + _NAMES
    + r"(?:\s+(?:both|as well|too))?(?P<rest>\s*(?:[-:;(]|\b(?:to|because|bc|since)\b).*)?\W*$",
    re.IGNORECASE)
# Words after a win that add nothing to it: "kowalski and murphy signed this morning!".
NEWS_TAIL = frozenset({"this", "morning", "afternoon", "evening", "today", "yesterday", "last",
                       "night", "tonight", "finally", "both", "too", "also", "as", "well", "for",
                       "real", "just", "now", "officially", "yay", "woohoo", "at", "all"})
# Between the names of such a list.
NAME_LIST_BREAK = re.compile(r"\s*(?:,|\band\b|&|\+|/)\s*", re.IGNORECASE)
# Where one clause of a rep's text ends: "rebate came thru, fischer furnace signed".
CLAUSE_BREAK = re.compile(r"\s*(?:[,;:!?]+|\.(?=\s|$))\s*")
# Words after the news that add nothing to it: "signed for real this time", "is lost for good".
VERDICT_TAIL = re.compile(r"\b(?P<verb>signed|won|closed|lost|dead)\s+(?:for (?:real|good|sure)|"
                          r"finally|at last|after all|officially|today|this (?:time|morning|"
                          r"afternoon)|just now)(?:\s+this time)?\W*$", re.IGNORECASE)
# A customer going ahead, told as news: the win is asked about (Y/N), never taken for granted.
GOES_AHEAD = re.compile(r"\b(?:(?:is|are)\s+)?(?:going ahead|go(?:ing)? forward|moving forward|"
                        r"(?:is|are|s|re) a go|gave (?:us )?the go ahead)\b", re.IGNORECASE)
# Words of such a story that name no deal: "victor hughes just called, he's going ahead".
STORY_WORDS = frozenset({"called", "call", "texted", "emailed", "said", "says", "he", "she",
                         "he's", "she's", "they're", "hes", "shes", "theyre", "with", "on", "and",
                         "back", "today", "just", "so", "ok", "good", "news", "great", "this",
                         "morning", "afternoon", "evening", "yesterday", "earlier", "last",
                         "night", "finally", "he'll", "she'll", "they'll", "we're", "i"})
# Words of a rep's text that name no deal: what is left names it ("acme furnace").
NOT_NAMES = frozenset({
    "won", "win", "signed", "sign", "closed", "close", "lost", "lose", "dead", "mark", "as",
    "the", "deal", "job", "is", "has", "have", "just", "finally", "we", "they", "it", "a", "an",
    "for", "our", "my", "with", "yes", "yay", "officially", "one", "push", "snooze", "remind",
    "me", "about", "bump", "both", "all"})
# Words about the list itself: "the kowalski one from that list".
LIST_WORDS = frozenset({"list", "that", "this", "from", "on", "till", "til", "until", "next",
                        "week", "sometime", "after"})
# "won the kowalski one from that list": the list named beside the deal names no deal.
LIST_MENTION = re.compile(r"\b(?:from|on|in|off|of)\s+(?:that|the|this|my|your|ur)\s+"
                          r"(?:last\s+)?list\b", re.IGNORECASE)
# "lost 1 - price", "lost alvarez: went with a cheaper guy": the reason after a separator.
SEPARATED = re.compile(r"(?:\s+[-\u2013\u2014]|\s*[:;,(]).*$")
# What follows the deal in "lost maple grove to a cheaper bid": why it was lost.
REASON_WORDS = re.compile(
    r"\b(?:to|because|bc|cause|since|due to|over|went with|going with|chose|picked|they)\b.*$",
    re.IGNORECASE)
# Why a deal was lost, said in answer to "Mark ... as lost?" ("they went with a cheaper guy"):
# the loss confirmed, and its reason given.
LOSS_REASON = re.compile(
    r"\b(?:cheaper|cheapest|price|priced|pricing|cost|costs|budget|expensive|afford|competitor|"
    r"lowball|undercut|underbid|went (?:with|w/|w)|going (?:with|w/|w)|chose|picked|hired|signed with|"
    r"someone else|somebody else|elsewhere|another (?:company|contractor|guy|bid|quote|outfit)|"
    r"other (?:company|contractor|guy|bid|quote)|timing|too (?:high|much|late|slow)|diy|themselves)\b",
    re.IGNORECASE)
# A yes that opens a longer text ("yeah, price"): what follows may be the reason.
LEADING_YES = re.compile(r"^\W*(?:y|yes|yeah|yep|yup|ya|yea|correct|right|confirmed?)\b\W*",
                         re.IGNORECASE)
# Words that hold a yes back ("yes but wait"): the question is asked again instead.
HELD_BACK = re.compile(r"\b(?:but|wait|hold|hang on|not|no|don'?t|never)\b", re.IGNORECASE)
# Intents that start something new while a question is pending (never a reason or a time).
STARTS = frozenset({intents.FOLLOWUPS, intents.DEAL_WON, intents.DEAL_LOST, intents.SNOOZE,
                    intents.HELP})
# Words that open a rep's text and change nothing: "ok snooze 1 till thurs", "and won 2".
OPENING_FILLER = re.compile(r"^\W*(?:(?:ok(?:ay)?|k|kk|so|and|also|oh|oh and|alright|right|cool|great|"
                            r"pls|please|then)\b\W*)+", re.IGNORECASE)
# Where a sentence of a rep's text ends: small talk first, the command last.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# "3 is dead too", "won 2 as well": the line's news, said like the one before it.
TOO = re.compile(r"\s+(?:too|also|as well)\W*$", re.IGNORECASE)
# A no that closes a longer answer to a Y/N: "she still needs to talk to her partner. not yet".
CLOSING_NO = re.compile(r"(?:^|[.,;!]\s*|\s-\s)(?:not yet|no+|nope|nah|hold off|not so fast|"
                        r"don'?t|do not|not now)\W*$", re.IGNORECASE)
# Where one request of a rep's text ends and the next begins: "fischer signed! and snooze patel".
REQUEST_BREAK = re.compile(r"\s*(?:[!;]+|\.(?=\s)|,)?\s+(?:and(?: then)?|also|plus|&)\s+|"
                           r"\s*(?:[!;]+|\.(?=\s))\s*", re.IGNORECASE)
# "snooze 1 and 3 till monday", "won 2 & 4": one verb for several lines of the last list.
NUMBERS_TOGETHER = re.compile(
    r"^\W*(?P<verb>snooze|push|bump|park|won|lost|dead)\s+(?P<numbers>[1-9](?:\s*(?:,|and|&|\+)"
    r"\s*[1-9])+)\b(?P<rest>.*)$", re.IGNORECASE)
# "snooze patel till friday", "remind me about murphy next week": a snooze and the deal's name
# before the time.
SNOOZE_PART = re.compile(
    r"^\W*(?:snooze|push|bump|park|defer|remind me (?:about|of|on|re)|ping me (?:about|on|re))\s+"
    r"(?P<target>[a-z][\w'& -]*?)(?:\s+(?:till|til|until|to|on|for|in|next|after|tomorrow|tmrw|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b.*)?\W*$", re.IGNORECASE)
# "lopez back to friday": "back" says the deal returns to an earlier day; the day is what counts.
SNOOZE_BACK = re.compile(r"\s+back\b", re.IGNORECASE)
# Any day will do to learn whether a sentence names a day at all.
SOME_DAY = date(2026, 1, 5)
# What waits in a question's data: the requests of the same text after the one asked about.
THEN = "then"
# At most this many words make a text that only names a deal ("nguyen", "patel panel").
BARE_NAME_WORDS = 3
# A snooze to a day without a time brings the deal back at the start of the rep's day.
MORNING = time(9, 0)


def starters() -> dict[str, Starter]:
    """What a rep's text starts; a numbered line of the last list is read first."""
    return {
        intents.FOLLOWUPS: _unless_numbered(list_follow_ups),
        intents.SNOOZE: _unless_numbered(snooze),
        intents.DEAL_WON: _unless_numbered(_about_a_deal(WON)),
        intents.DEAL_LOST: _unless_numbered(_about_a_deal(LOST)),
        intents.HELP: help_menu,
        intents.HUMAN: sales_asks.ask_for_person,
        intents.GREET: help_menu,
        intents.THANKS: small_talk.thanks,
        intents.AFFIRM: acknowledge,
        intents.DENY: decline_nothing,
    }


def otherwise(turn: Turn) -> None:
    """A numbered line ("won 2"), a verb and a name the parser did not know ("won murphy": maybe
    another rep's deal, answered as "Murphy signed!" is), else an honest "didn't get that"."""
    if numbered(turn) or _moves_last_snooze(turn):
        return
    if sales_asks.asks_pipeline(turn.text):  # "whats my whole pipeline look like"
        list_pipeline(turn)
        return
    if sales_asks.takes_back(turn.text):  # "undo", "wrong one", "put it back"
        sales_asks.take_back(turn)
        return
    place = line_place(turn.text)
    if place is not None:  # "the 2nd one", "whats the 1st one at": how that line's deal stands
        _status_of_line(turn, place)
        return
    asked = sales_asks.status_target(turn.text)
    if asked is not None:  # "status on maple court", "the nguyen deal?"
        sales_asks.answer_status(turn, _named_in(asked) or asked)
        return
    if sales_asks.asks_follow_ups(turn.text):  # "anything urgent?", "who else do i call"
        list_follow_ups(turn)
        return
    later = sales_asks.snoozed_to_month(turn.text)
    if later is not None and _named_in(later):  # "remind me about kowalski in march"
        _about_a_deal(SNOOZE, _named_in(later))(turn)
        return
    dated = _snoozed_name(without_day(turn.text)) if without_day(turn.text) != turn.text else None
    if dated is not None:  # "remind me about lopez end of month": a wording the parser lacks
        _about_a_deal(SNOOZE, dated)(turn)
        return
    named = _names_a_deal(turn.text)
    if named is not None:
        intent, target = named
        _about_a_deal(intent, target)(turn)
        return
    going = _goes_ahead(turn.text)
    if going:  # "victor hughes just called, he's going ahead with the sewer line": asked Y/N
        _about_a_deal(WON, going)(turn)
        return
    bare = _bare_name(turn)
    if bare:  # "nguyen": how that deal stands
        sales_asks.answer_status(turn, bare)
        return
    aside = rep_asides.aside_in(turn.text)
    if aside is not None:  # "grabbing coffee, back in 10": a word back, nothing done
        turn.finish(rep_asides.reply_to(aside))
        return
    turn.finish(texts.not_understood())


def _status_of_line(turn: Turn, number: int) -> None:
    """How the deal on line `number` of the last list (today's) stands; nothing changes."""
    shown = listed(turn)
    earlier = listed_earlier(turn) if shown is None else None
    ids = shown if shown is not None else earlier[0] if earlier is not None else None
    if ids is None:
        turn.finish(texts.no_list())
        return
    view = own_deal(turn, ids[number - 1]) if number <= len(ids) else None
    if view is None:
        turn.finish(texts.not_on_list(number, len(ids)))
        return
    sales_asks.tell_status(turn, [view])


def _bare_name(turn: Turn) -> str:
    """A text that is only a name of one of the rep's deals ("nguyen", "the fischer one?")."""
    said = _named_in(turn.text)
    if not said or len(said.split()) > BARE_NAME_WORDS:
        return ""
    deals = [*named_deals(turn), *named_deals(turn, is_open=False)]
    return said if match(deals, said).chosen is not None else ""


def _goes_ahead(text: str) -> str:
    """The name in news of a customer going ahead, told in a story ("hughes called, he's going
    ahead with the sewer line"): every name word of the text; "" for anything else or a question."""
    if text.strip().endswith("?") or GOES_AHEAD.search(text) is None:
        return ""
    words = re.findall(r"[\w&'-]+", GOES_AHEAD.sub(" ", text).lower())
    return " ".join(w for w in words if w not in NOT_NAMES and w not in STORY_WORDS)


def _names_a_deal(text: str) -> tuple[str, str] | None:
    """ "won murphy", "fischer furnace signed!!": the verb's intent and the name said with it;
    in a longer text, the clause that gives the news names the deal ("rebate came thru, fischer
    furnace signed for real this time": Fischer's, never "rebate")."""
    for said in (*_clauses(text), text):
        said = VERDICT_TAIL.sub(r"\g<verb>", said.strip())
        named = (VERB_AND_NAME.match(said) or NAME_AND_VERB.match(said)
                 or NAME_IS_LOST.match(said) or NAME_IS_WON.match(said)
                 or NAME_SIGNED_THE_DEAL.match(said))
        target = _named_in(named.group("target")) if named is not None else ""
        if named is not None and target:
            return VERBS[named.group("verb").lower()], target
    return None


def _clauses(text: str) -> list[str]:
    """The text's clauses, the last first: news usually closes a text ("no I said YES. nguyen
    is lost")."""
    parts = [p for p in CLAUSE_BREAK.split(text) if p and p.strip(" .,;:!?")]
    return parts[::-1] if len(parts) > 1 else []


def _named_in(text: str) -> str:
    """The words of `text` that may name a deal: no reason after it, no verbs or fillers."""
    text = REASON_WORDS.sub("", SEPARATED.sub("", LIST_MENTION.sub("", text)))
    return " ".join(w for w in re.findall(r"[\w&'-]+", text.lower()) if w not in NOT_NAMES)


def read_list_line(text: str) -> ListLine | None:
    """A numbered line of the last list ("won 2"), also after an opening "ok" or "and", or as
    the last sentence after small talk ("lol he finally answered. won 1")."""
    text = TOO.sub("", text)  # "3 is dead too"
    found = read_line(text) or read_line(OPENING_FILLER.sub("", text))
    if found is not None:
        return found
    sentences = SENTENCE_BREAK.split(text.strip())
    if len(sentences) < 2:
        return None
    last = sentences[-1]
    return read_line(last) or read_line(OPENING_FILLER.sub("", last))


def acknowledge(turn: Turn) -> None:
    """ "Y" or a thumbs-up that answers no question: said so, in a rep's words."""
    turn.finish(texts.nothing_waiting(), keep_done=True)


def decline_nothing(turn: Turn) -> None:
    """ "N" that answers no question: nothing changes, said in a rep's words; "wrong one" right
    after a verdict takes it back (the office is asked), as "undo" does."""
    if sales_asks.takes_back(turn.text) and sales_asks.last_verdict(turn) is not None:
        sales_asks.take_back(turn)
        return
    turn.finish(texts.nothing_to_decline())


def help_menu(turn: Turn) -> None:
    assert turn.staff is not None
    turn.finish(texts.help_menu(turn.staff.first_name))


def list_follow_ups(turn: Turn) -> None:
    """Who to call now, numbered; "all my deals" or "the rest of the week" lists every open deal
    instead, and an empty list says how many deals are still open."""
    if sales_asks.asks_pipeline(turn.text):
        list_pipeline(turn)
        return
    items = follow_ups(turn)
    *first, last = texts.follow_ups(items, others=any(
        turn.staff is not None and v.deal.owner_id != turn.staff.id for v, _ in items),
        still_open=len(named_deals(turn)) if not items else 0)
    for reply in first:
        turn.say(reply)
    turn.finish(last)
    remember_list(turn, [view for view, _ in items])


# --- A correction naming the deal meant ------------------------------------------------------


def first(turn: Turn) -> bool:
    """Read before any pending question: a question whether the office reopened a deal, or a
    reopen request withdrawn (never a new request: the office hears nothing it was not asked);
    then a correction naming the deal meant; then several requests in one text. A pending
    question stays pending."""
    if sales_reopen.withdraws(turn.text):
        sales_reopen.withdraw(turn)
        return True
    if sales_reopen.asks_whether_reopened(turn.text):
        sales_reopen.answer_whether_reopened(turn)
        return True
    return corrected(turn) or several(turn)


def corrected(turn: Turn) -> bool:
    """ "no not riverside, i meant kowalski. they signed this morning": the news (or the pending
    question's verdict) about the deal meant, asked as always; a question about another deal is
    dropped with nothing changed. False when the text names no deal meant or no verdict."""
    name = _named_in(meant(turn.text))
    deals = [*named_deals(turn), *named_deals(turn, is_open=False)] if name else []
    found = match(deals, name)
    if found.chosen is None and not found.options:  # "i meant next week": no deal named
        return False
    conversation = turn.conversation
    pending = (conversation.is_active(turn.now) and conversation.flow == FLOW
               and turn.step in (PICK, CONFIRM))
    asked_intent = turn.data.get("intent") if pending else None
    intent = news_in(turn.text) or (asked_intent if asked_intent in ACTIONS else None)
    if intent is None:
        return False
    if pending:
        asked = own_deal(turn, turn.data.get("deal_id"))
        turn.finish()
        if asked is not None:
            turn.say(texts.not_that_one(asked))
    elif (settled := sales_asks.last_verdict(turn)) is not None:  # marked just now: it stands
        turn.say(texts.still_settled(settled, won_job_number(turn, settled)))
    _about_a_deal(str(intent), name)(turn)
    return True


def list_pipeline(turn: Turn) -> None:
    """The rep's open deals, most valuable first (at most LIST_LIMIT), numbered like the
    follow-up list so "won 2" or "snooze 1 till monday" act on its lines."""
    shown = open_deals(turn)
    for reply in texts.pipeline(shown[:LIST_LIMIT], len(shown), turn.timezone, now=turn.now,
                                closed_today=closed_today(turn)):
        turn.say(reply)
    turn.finish()
    remember_list(turn, shown[:LIST_LIMIT])


# --- Two requests in one text ----------------------------------------------------------------


def several(turn: Turn) -> bool:
    """ "fischer signed! and snooze patel till friday", "snooze 1 and 3 till monday": each request
    in turn; one that asks a question (Y/N, which deal, when) keeps the rest until it is
    answered. False when the text holds fewer than two requests (read as usual)."""
    parts = requests_in(turn.text)
    if len(parts) < 2:
        parts = _deals_together(turn)
        if len(parts) < 2:
            return False
        turn.say(texts.each_in_turn(len(parts)))  # never one of them silently
    _one_after_another(turn, parts)
    return True


def _deals_together(turn: Turn) -> list[str]:
    """ "kowalski and murphy both signed", "lost chen & patel to abc": one verdict for each deal
    named, as its own request ("won kowalski", "won murphy"); [] unless every name is one of the
    rep's deals and the names together are not one deal's ("Smith and Sons")."""
    said = turn.text.strip()
    found = NAMES_THEN_VERB.match(said) or VERB_THEN_NAMES.match(said)
    if found is None:
        return []
    names = [n for n in NAME_LIST_BREAK.split(found.group("names")) if _named_in(n)]
    deals = [*named_deals(turn), *named_deals(turn, is_open=False)]
    together = " ".join(_named_in(n) for n in names)  # "smith sons": one account's name?
    if len(names) < 2 or match(deals, together).chosen is not None:
        return []
    if not all(match(deals, _named_in(n)).chosen or match(deals, _named_in(n)).options
               for n in names):
        return []
    verb = VERBS[found.group("verb").lower()]
    rest = (found.group("rest") or "").strip()
    if verb == WON and set(re.findall(r"[\w']+", rest.lower())) - NEWS_TAIL:
        return []  # "fischer and kowalski signed the nda": other paper, no deal
    why = rest if verb == LOST else ""  # a loss's shared reason: "lost chen & patel to abc"
    return [f"{ACTION_WORDS[verb]} {_named_in(n)}{' ' + why if why else ''}" for n in names]


def requests_in(text: str) -> list[str]:
    """The requests a text holds, in order: each a numbered line, a verdict and a name, or a
    snooze naming a deal; [] unless every part is one ("lost 1 - price, they went w home depot"
    is one request with its reason)."""
    lines = NUMBERS_TOGETHER.match(text.strip())
    if lines is not None:  # "snooze 1 and 3 till monday": the verb and what follows, each line
        numbers = re.findall(r"\d", lines.group("numbers"))
        return [f"{lines.group('verb')} {n}{lines.group('rest')}" for n in numbers]
    parts = [p.strip() for p in REQUEST_BREAK.split(text) if p and p.strip(" .,;:!?")]
    if any(_snoozed_name(p) for p in parts):
        parts = [_snooze_too(p) for p in parts]
    if len(parts) < 2 or not all(_is_request(p) for p in parts):
        return []
    return parts


def _snooze_too(part: str) -> str:
    """Beside a snooze, a sentence with a name and a day is a snooze of its own: "snooze
    kowalski till january. lopez back to friday" moves Lopez to Friday, never Kowalski."""
    if _is_request(part) or not _says_a_day(part):
        return part
    snoozed = f"snooze {SNOOZE_BACK.sub(' ', part).strip()}"
    name = _snoozed_name(snoozed)
    # "friday works too" names a day and no deal: left as said, never a snooze of "friday"
    return snoozed if name and not _says_a_day(name) else part


def _days_disagree(text: str) -> bool:
    """ "snooze kowalski till january. friday works too": sentences naming different days, so
    the snooze's day is asked, never one of them picked."""
    days = {_day_said(p) for p in REQUEST_BREAK.split(text) if p and p.strip(" .,;:!?")}
    return len(days - {None}) > 1


def _day_said(part: str) -> str | None:
    said = normalize(part)
    named = snooze_day(said, SOME_DAY) or sales_asks.month_start(part, SOME_DAY)
    return named.isoformat() if named is not None else (resolve_when(said, SOME_DAY) or {}).get(
        "date")


def _says_a_day(part: str) -> bool:
    """Whether `part` names a day, whichever day today is (only whether, never which)."""
    said, any_day = normalize(part), SOME_DAY
    return bool(resolve_when(said, any_day) or snooze_day(said, any_day)
                or sales_asks.month_start(part, any_day))


def _is_request(part: str) -> bool:
    return (read_list_line(part) is not None or _names_a_deal(part) is not None
            or _snoozed_name(part) is not None)


def _snoozed_name(part: str) -> str | None:
    """The deal named in "snooze patel till friday", "remind me about murphy next week"."""
    found = SNOOZE_PART.match(part)
    named = _named_in(found.group("target")) if found is not None else ""
    return named or None


def _one_after_another(turn: Turn, parts: list[str]) -> None:
    """Handle `parts` in order until one asks a question; the rest wait in its data."""
    for at, part in enumerate(parts):
        turn.text, turn.parse = part, Parse(intents.UNKNOWN, {}, 0.2)
        snoozed = _snoozed_name(part) if read_list_line(part) is None else None
        if snoozed is not None:
            _about_a_deal(SNOOZE, snoozed)(turn)
        else:
            otherwise(turn)
        if turn.conversation.is_active(turn.now) and turn.conversation.flow == FLOW:
            rest = parts[at + 1:]
            if rest:
                turn.conversation.data = {**turn.conversation.data, THEN: rest}
            return


# --- Which deal -------------------------------------------------------------------------------


def _unless_numbered(starter: Starter) -> Starter:
    def start(turn: Turn) -> None:
        if not numbered(turn):
            starter(turn)
    return start


def numbered(turn: Turn) -> bool:
    """ "won 2": act on line 2 of the last follow-up list; False when the text is not that."""
    line = read_list_line(turn.text)
    if line is None:
        return False
    ids = listed(turn)
    number = line.number
    earlier = listed_earlier(turn) if ids is None else None
    if ids is None and earlier is None:
        turn.finish(texts.no_list())
        return True
    ids = ids if ids is not None else earlier[0] if earlier is not None else []
    view = own_deal(turn, ids[number - 1]) if number <= len(ids) else None
    if view is None:
        turn.finish(texts.not_on_list(number, len(ids)))
        return True
    if not view.deal.is_open:  # won or lost since the list was shown
        turn.finish(texts.already_closed(view, won_job_number(turn, view)))
        return True
    if _line_in_doubt(turn, line, view, earlier[1] if earlier is not None else None):
        return True
    _act_on_line(turn, line, view)
    return True


def _line_in_doubt(turn: Turn, line: ListLine, view: DealView, shown_at: datetime | None) -> bool:
    """A deal named with a line must be the line's ("talked to patel. won 1" when 1 is Nguyen:
    which?); and a snooze of a line of a list shown over half an hour ago (`shown_at`), not
    named, is asked Y/N first (a win or loss is asked Y/N anyway). False: act on the line."""
    named = [v for v in deals_named(turn, turn.text, NOT_NAMES | LIST_WORDS) if v.deal.is_open]
    if any(v.deal_id == view.deal_id for v in named):
        return False
    if named:
        options = [view, *named][:3]
        turn.ask(FLOW, PICK, {"intent": line.intent, "text": turn.text,
                              "options": [v.deal_id for v in options]},
                 Reply.choice(texts.which_deal(ACTION_WORDS[line.intent]),
                              tuple(texts.label(v) for v in options)))
        return True
    if line.intent != SNOOZE or shown_at is None:
        return False
    turn.ask(FLOW, CONFIRM, {"intent": SNOOZE, "deal_id": view.deal_id, "text": turn.text},
             texts.confirm_listed_snooze(view, line.number, shown_at, turn.timezone))
    return True


def _act_on_line(turn: Turn, line: ListLine, view: DealView) -> None:
    if line.intent == LOST:  # after the number, whatever is said is why: "lost 1 - price"
        _confirm_lost_because(turn, view, line.rest.strip(" -\u2013\u2014:;,.!()"))
    else:
        ACTIONS[line.intent](turn, view, line.rest)


def _about_a_deal(intent: str, named: str | None = None) -> Starter:
    """A starter that finds the deal a name (`named`, else the parser's target) means, asking
    when the match is weak or tied."""

    def start(turn: Turn) -> None:
        target = named if named is not None else turn.parse.slots.get("target")
        target = target if isinstance(target, str) else None
        candidates = named_deals(turn)
        news = _names_a_deal(turn.text) if named is None else None
        said = named if named is not None else news[1] if news is not None and (
            news[0] == intent) else _named_in(turn.text)
        settled = _settled(turn, candidates, said)
        if settled is not None:  # "fischer furnace signed!!" again: that deal, already won
            _about_closed(turn, intent, settled)
            return
        if names_anothers(turn, said, None if named is not None else target):
            turn.finish(texts.no_deal(said or target))  # never a weaker match of their own
            return
        # The whole text first: the account and the title said together ("acme furnace
        # signed") tell apart deals the parser's one known name ("furnace replacement") ties.
        found = match(candidates, said)
        if found.chosen is None and named is None:
            found = match(candidates, target)
        chosen = own_deal(turn, found.chosen.deal_id) if found.chosen is not None else None
        options = [v for v in (own_deal(turn, o.deal_id) for o in found.options) if v]
        closed_too = _closed_alike(turn, candidates, said) if chosen is not None else None
        if chosen is not None and closed_too is not None:
            # "patel signed" again: Patel's panel is won already, so the tune-up is only asked
            turn.say(texts.already_closed(closed_too, won_job_number(turn, closed_too)))
            options, chosen = [chosen], None
        settled_account = _closed_account(turn, said, [chosen] if chosen else options)
        if settled_account is not None:  # never another account's deal on a cross match
            if settled_account.deal.stage is DealStage.WON:
                turn.finish(texts.already_closed_which(settled_account,
                                                       won_job_number(turn, settled_account)))
            else:  # lost: how it stands, and whether to ask the office to reopen it
                _about_closed(turn, intent, settled_account)
            return
        if chosen is not None:
            ACTIONS[intent](turn, chosen, turn.text)
        elif options:
            turn.ask(FLOW, PICK, {"intent": intent, "text": turn.text,
                                  "options": [v.deal_id for v in options]},
                     Reply.choice(texts.which_deal(ACTION_WORDS[intent]),
                                  tuple(texts.label(v) for v in options)))
        else:
            _closed_named(turn, intent, target, said)

    return start


def _closed_named(turn: Turn, intent: str, *said: str | None) -> None:
    """News about a deal of the rep's that is already won or lost ("lopez signed then" after its
    loss): a won deal, or the same verdict again, is said to be so; other news of a lost deal
    needs it open, so how it stands and whether to ask the office to reopen it (Y/N; a request
    sent today is only reported).
    No deal of that name: said so."""
    closed = named_deals(turn, is_open=False)
    found = next((m.chosen for m in (match(closed, s) for s in said if s) if m.chosen), None)
    view = own_deal(turn, found.deal_id) if found is not None else None
    if view is None:
        # "fischer hw signed" with Fischer's heater won already: that account's, never no deal
        view = _closed_account(turn, said[-1] or "", [])
        job = won_job_number(turn, view) if intent == WON and view is not None else None
        if view is not None and job is not None:
            turn.finish(texts.already_closed_which(view, job))
        else:
            turn.finish(texts.no_deal(next((s for s in said if s), None)))
        return
    _about_closed(turn, intent, view)


def _about_closed(turn: Turn, intent: str, view: DealView) -> None:
    # "lost chen" again; a won deal became its job, so news of it is only told where it stands
    if ACTION_WORDS.get(intent) == view.deal.stage.value or view.deal.stage is DealStage.WON:
        turn.finish(texts.already_closed(view, won_job_number(turn, view)))
        return
    asked = sales_reopen.asked_at(turn, view)
    if asked is not None:  # "once it's back, remind me about fischer": still waiting on it
        turn.finish(texts.waiting_on_reopen(view, asked, turn.timezone))
        return
    sales_asks.ask_to_reopen(turn, view)


def _closed_alike(turn: Turn, candidates: list[DealName], said: str) -> DealView | None:
    """The rep's won or lost deal that `said` names as well as (within a tie) their best open
    one: the open one is then asked about, never taken for granted."""
    if not said:
        return None
    closed = scored(named_deals(turn, is_open=False), said)
    if not closed or closed[0][0] < STRONG or not candidates:
        return None
    if scored(candidates, said)[0][0] - closed[0][0] >= TIE_MARGIN:
        return None
    return own_deal(turn, closed[0][1].deal_id)


def _closed_account(turn: Turn, said: str, offered: list[DealView]) -> DealView | None:
    """The rep's won or lost deal whose account a word of `said` names, when no deal about to be
    offered is that account's: "fischers water heater is a go" with Fischer's heater won already
    is about Fischer, never Alvarez's heater that shares the title's words."""
    if not said:
        return None
    for word in said.split():
        if any(names_account(word, v.account) for v in offered):
            continue  # the offered account's own name
        closed = [c for c in named_deals(turn, is_open=False) if names_account(word, c.account)]
        if len({c.account for c in closed}) == 1:  # one account's ("household" names many)
            return own_deal(turn, closed[0].deal_id)
    return None


def _settled(turn: Turn, candidates: list[DealName], said: str) -> DealView | None:
    """The rep's won or lost deal that `said` names clearly, and better than any open one: a
    repeated "Acme signed!" means Acme's deal, never another account's open one like it."""
    if not said:
        return None
    closed = scored(named_deals(turn, is_open=False), said)
    if not closed or closed[0][0] < STRONG:
        return None
    best_open = scored(candidates, said)[0][0] if candidates else 0.0
    if closed[0][0] - best_open < TIE_MARGIN:
        return None
    return own_deal(turn, closed[0][1].deal_id)


def answer(turn: Turn) -> bool:
    """The answer to the pending question; then the requests of the same text that waited for
    it ("fischer signed! and snooze patel": the snooze, once the win's Y/N is answered)."""
    waiting = turn.data.get(THEN)
    request = _request_after_yes(turn)
    if request is not None:  # "yup. and sunrise is WON": the yes answers, the news waits its turn
        turn.text, turn.parse = turn.text.rstrip()[:-len(request)], Parse(intents.AFFIRM, {}, 0.9)
        waiting = [*(waiting if isinstance(waiting, list) else []), request]
    answered = _answer(turn)
    pending = turn.conversation.is_active(turn.now) and turn.conversation.flow == FLOW
    if answered and isinstance(waiting, list) and waiting:
        if pending:  # the question stands (asked again): the rest still waits
            turn.conversation.data = {**turn.conversation.data, THEN: waiting}
        else:
            _one_after_another(turn, [str(p) for p in waiting])
    return answered


def _request_after_yes(turn: Turn) -> str | None:
    """ "yup. and sunrise is WON" to a Y/N: the request after a plain yes, when it is one of its
    own about another deal; None for a plain yes, a held-back one or news of the deal asked about."""
    said = turn.text.strip()
    opened = LEADING_YES.match(said)
    if turn.step != CONFIRM or opened is None:
        return None
    rest = OPENING_FILLER.sub("", said[opened.end():]).strip()
    if not rest or HELD_BACK.search(rest) or not _is_request(rest):
        return None
    view = own_deal(turn, turn.data.get("deal_id"))
    named = _names_a_deal(rest)
    name = named[1] if named is not None else _snoozed_name(rest)
    chosen = match(named_deals(turn), name).chosen if name else None
    if view is None or chosen is not None and chosen.deal_id == view.deal_id:
        return None
    return rest if turn.text.rstrip().endswith(rest) else None


def _answer(turn: Turn) -> bool:
    """The answer to the pending question: which deal, Y/N, when, or why it was lost."""
    data = turn.data
    view = own_deal(turn, data.get("deal_id"))
    if turn.step == PICK:
        return _answer_pick(turn, data)
    if view is None:
        return False
    if turn.step == CONFIRM:
        return _answer_confirm(turn, view, data)
    if turn.step == WHEN:
        if turn.parse.intent in STARTS - {intents.SNOOZE} or read_list_line(turn.text):
            return False
        return _snooze_until(turn, view, turn.text, asked=True)
    if turn.step == REASON:
        if turn.parse.intent in STARTS or read_list_line(turn.text) or sales_asks.takes_back(
                turn.text):
            return False
        if turn.parse.intent == intents.AFFIRM:  # "ok" is no reason: the question stays
            turn.ask(FLOW, REASON, data, texts.ask_reason(view))
            return True
        if _names_another_verdict(turn, view):  # "chen is dead too": Chen's loss, read afresh
            return False
        reason = kept_reason(turn.text)  # "idk", "whatever": no reason, never echoed as one
        turn.run(RecordLossReason(deal_id=view.deal_id, reason=reason or NO_REASON,
                                  actor=turn.actor))
        turn.finish(texts.reason_noted(view, reason or NO_REASON), done="deal_lost",
                    changed={"deal_id": view.deal_id})
        return True
    return False


def _answer_pick(turn: Turn, data: dict[str, Any]) -> bool:
    options = [v for v in (own_deal(turn, i) for i in data.get("options", [])) if v is not None]
    option = turn.option()
    chosen = options[option - 1] if option is not None and 1 <= option <= len(options) else None
    if chosen is None and option is None and not _starts_anew(turn):
        chosen = match(options, _named_in(turn.text)).chosen  # "the bakery": one asked about
        if chosen is None:  # "nina's. kowalski": one word among others names one option
            picks = {found.deal_id for word in _named_in(turn.text).split() if len(word) >= 3
                     and (found := match(options, word).chosen) is not None}
            chosen = next((v for v in options if v.deal_id in picks), None) if len(
                picks) == 1 else None
    if chosen is None:
        line = read_list_line(turn.text)
        shown = listed(turn) or []
        if line is not None and options and line.number <= len(shown):
            # "lost 2" while "which deal?" waits: the follow-up list's line, and said so
            turn.say(texts.number_of_follow_ups(line.number))
        if _starts_anew(turn) or option is not None or not options:
            return False  # not an answer: read the text afresh
        intent = str(data.get("intent"))  # "Y", "won": the question again, its options shown
        turn.ask(FLOW, PICK, data, Reply.choice(texts.which_deal(ACTION_WORDS[intent]),
                                                tuple(texts.label(v) for v in options)))
        return True
    turn.finish()
    ACTIONS[data["intent"]](turn, chosen, str(data.get("text", "")))
    return True


def _starts_anew(turn: Turn) -> bool:
    """A text that starts something of its own ("followups", "won 2", "Acme signed!")."""
    return (turn.parse.intent in STARTS and _names_any(turn, turn.parse.slots.get("target"))
            or turn.parse.intent in (intents.FOLLOWUPS, intents.HELP)
            or read_list_line(turn.text) is not None
            or turn.parse.intent == intents.UNKNOWN and _names_a_deal(turn.text) is not None)


def _answer_confirm(turn: Turn, view: DealView, data: dict[str, Any]) -> bool:
    if data.get("intent") == REOPEN:
        return _answer_reopen(turn, view)
    if data.get("intent") == SNOOZE:
        return _answer_listed_snooze(turn, view, data)
    if turn.parse.intent == intents.DENY and _yes_and_more(turn.text):
        turn.parse = Parse(intents.AFFIRM, {}, turn.parse.confidence)  # "yes unfortunately"
    if turn.parse.intent == intents.DENY:
        turn.finish(texts.left_open(view))
        return True
    if _names_anothers_deal(turn):  # refused as no deal of theirs; the question still stands
        turn.say(texts.no_deal(_named_in(turn.text) or _target(turn)))
        turn.ask(FLOW, CONFIRM, data, texts.still_asking(_question(view, data)))
        return True
    if _snoozes_instead(turn):  # "no wait, not yet. snooze it till jan 5": this deal, later
        if not _snooze_until(turn, view, turn.text, asked=False, kept_open=True):
            turn.ask(FLOW, WHEN, {"deal_id": view.deal_id}, texts.ask_when(view, kept_open=True))
        return True
    if turn.parse.intent != intents.AFFIRM and data.get("intent") == LOST and not _starts_anew(
            turn):
        reason = _loss_reason(turn.text)
        if reason:  # "they went with a cheaper guy": the loss confirmed, and why
            # a reason said with the loss stays: "yeah kill it" confirms, it is no new reason
            data = {**data, "reason": data.get("reason") or reason}
            turn.parse = Parse(intents.AFFIRM, {}, turn.parse.confidence)
    if turn.parse.intent != intents.AFFIRM and _yes_and_more(turn.text) and not _starts_anew(
            turn):  # "yes. sending the deposit monday": a yes with news after it
        turn.parse = Parse(intents.AFFIRM, {}, turn.parse.confidence)
    if turn.parse.intent != intents.AFFIRM:
        if _starts_anew(turn):
            return False  # a new request replaces the question
        if CLOSING_NO.search(turn.text.strip()):  # "she still needs to talk to her partner. not yet"
            turn.finish(texts.left_open(view))
            return True
        # An aside ("hang on what amount was that"): the question again, naming deal and amount.
        turn.ask(FLOW, CONFIRM, data, texts.still_asking(_question(view, data)))
        return True
    if data.get("intent") == WON:
        job_id = turn.run(MarkDealWon(deal_id=view.deal_id, actor=turn.actor))
        job = turn.uow.jobs.get(job_id)
        turn.finish(texts.won(view, job.number if job is not None else f"J-{job_id}"),
                    done="deal_won", changed={"deal_id": view.deal_id})
        return True
    reason = str(data.get("reason") or "")
    turn.run(MarkDealLost(deal_id=view.deal_id, reason=reason, actor=turn.actor))
    if reason:
        turn.finish(texts.lost(view, reason), done="deal_lost",
                    changed={"deal_id": view.deal_id})
    else:
        turn.remember("last_change", {"what": "deal_lost", "at": turn.now.isoformat(),
                                      "changed": {"deal_id": view.deal_id}})  # for an "undo"
        turn.ask(FLOW, REASON, {"deal_id": view.deal_id}, texts.ask_reason(view))
    return True


def _answer_reopen(turn: Turn, view: DealView) -> bool:
    """ "Ask the office to reopen it?": Y sends the request, N leaves the deal as it is."""
    if turn.parse.intent == intents.AFFIRM:
        sales_asks.ask_office_to_reopen(turn, view)
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(texts.stays_closed(view))
        return True
    return False


def _answer_listed_snooze(turn: Turn, view: DealView, data: dict[str, Any]) -> bool:
    """ "Snooze that one?" about a line of an older list: Y snoozes it to the time first said."""
    if turn.parse.intent == intents.AFFIRM:
        turn.finish()
        snooze_deal(turn, view, str(data.get("text", "")))
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(texts.left_open(view))
        return True
    return False


def _names_another_verdict(turn: Turn, view: DealView) -> bool:
    """ "chen repipe is dead too", "won murphy": news about a deal other than `view` (the rep's
    or another rep's), never the answer to a question about `view`."""
    named = _names_a_deal(turn.text)
    if named is None:
        return False
    chosen = match([*named_deals(turn), *named_deals(turn, is_open=False)], named[1]).chosen
    if chosen is not None:
        return chosen.deal_id != view.deal_id
    return names_anothers(turn, named[1])


def _question(view: DealView, data: dict[str, Any]) -> Reply:
    """The pending Y/N, as first asked."""
    return (texts.confirm_won(view) if data.get("intent") == WON
            else texts.confirm_lost(view, str(data.get("reason") or "")))


def _target(turn: Turn) -> str | None:
    target = turn.parse.slots.get("target")
    return target if isinstance(target, str) else None


def _names_anothers_deal(turn: Turn) -> bool:
    """A request ("push sunrise bakery to next week") naming another rep's deal, not the rep's."""
    if turn.parse.intent not in STARTS - {intents.FOLLOWUPS, intents.HELP} and (
            _names_a_deal(turn.text) is None):
        return False
    if read_list_line(turn.text) is not None:
        return False
    return names_anothers(turn, _named_in(turn.text), _target(turn))


def _snoozes_instead(turn: Turn) -> bool:
    """A snooze that names no other deal ("not yet, push it to friday"): the deal asked about
    is put off, and the question dropped."""
    return (turn.parse.intent == intents.SNOOZE and read_list_line(turn.text) is None
            and not _names_any(turn, turn.parse.slots.get("target")))


def _names_any(turn: Turn, target: Any) -> bool:
    """The parser's target names one of the rep's deals, open or not ("not yet" names none), or
    another rep's open deal (a request of its own, refused as no deal of theirs)."""
    said = _named_in(target) if isinstance(target, str) else ""
    if not said:
        return False
    return any(score >= WEAK for is_open in (True, False)
               for score, _ in scored(named_deals(turn, is_open=is_open), said)[:1]) or (
        names_anothers(turn, said))


def _yes_and_more(text: str) -> bool:
    """A plain yes opening a longer statement, nothing holding it back and no question."""
    said = text.strip()
    opened = LEADING_YES.match(said)
    return (opened is not None and not said.endswith("?")
            and HELD_BACK.search(said[opened.end():]) is None)


def _loss_reason(text: str) -> str:
    """Why the deal was lost, when a text answering "as lost?" gives it ("yeah, price", "they
    went with a cheaper guy"); "" for a question, a held-back yes or anything else."""
    said = text.strip()
    if said.endswith("?"):
        return ""
    opened = LEADING_YES.match(said)
    rest = said[opened.end():] if opened is not None else said
    if HELD_BACK.search(rest) or not (LOSS_REASON.search(rest) or opened and rest.strip()):
        return ""
    return kept_reason(rest)  # "yeah idk": the loss confirmed, with no reason given


# --- The actions ------------------------------------------------------------------------------


def confirm_won(turn: Turn, view: DealView, text: str) -> None:
    turn.ask(FLOW, CONFIRM, {"intent": WON, "deal_id": view.deal_id}, texts.confirm_won(view))


def confirm_lost(turn: Turn, view: DealView, text: str) -> None:
    after = _after_name(text, view)
    # the earlier of a reason word and a separator: "nguyen - price, they went w home depot"
    found = min((m for m in (REASON_WORDS.search(after), SEPARATED.search(after)) if m),
                key=lambda m: m.start(), default=None)
    reason = found.group().strip(" .!-\u2013\u2014:;,()") if found else ""
    _confirm_lost_because(turn, view, reason)


def _confirm_lost_because(turn: Turn, view: DealView, said: str) -> None:
    reason = kept_reason(said)  # "lost 1 - idk": no reason given, never "(idk)"
    turn.ask(FLOW, CONFIRM, {"intent": LOST, "deal_id": view.deal_id, "reason": reason[:300]},
             texts.confirm_lost(view, reason))


def snooze(turn: Turn) -> None:
    """ "remind me about Acme next week": which deal, then when (asked if not said)."""
    _about_a_deal(SNOOZE)(turn)


def snooze_deal(turn: Turn, view: DealView, text: str) -> None:
    if not _snooze_until(turn, view, text, asked=False):
        turn.ask(FLOW, WHEN, {"deal_id": view.deal_id}, texts.ask_when(view))


def _snooze_until(turn: Turn, view: DealView, text: str, *, asked: bool,
                  kept_open: bool = False) -> bool:
    """Snooze to the time `text` names; False (nothing done) when it names none, or two."""
    if not asked and _days_disagree(text):
        return False
    until = _when(turn, text)
    if until is None:
        if asked:
            turn.say(texts.ask_when(view))
            return True
        return False
    if until <= turn.now:
        turn.ask(FLOW, WHEN, {"deal_id": view.deal_id}, texts.past_when())
        return True
    until, day_told = _off_holiday(until, turn.timezone)
    day_told = day_told or after_which(text)  # "after xmas": the day told as what it is
    turn.run(SnoozeDeal(deal_id=view.deal_id, until=until, actor=turn.actor))
    turn.finish(texts.snoozed(view, until, turn.timezone, kept_open=kept_open,
                              day_told=day_told), done="snoozed",
                changed={"deal_id": view.deal_id, "until": until.isoformat()})
    return True


# "the monday after", "actually make it the tuesday after": a day counted from the snooze just
# made, never from today.
_DAY_AFTER = re.compile(
    r"^\W*(?:(?:actually|no|nah|wait|hmm|ok|okay|or|make (?:it|that)|how about|maybe|better)\W+)*"
    r"(?:the )?(?P<day>mon|tue|wed|thu|fri)[a-z]*(?: after(?: that)?| following)\W*$",
    re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _moves_last_snooze(turn: Turn) -> bool:
    """ "the monday after" right after a snooze: that deal moved to the weekday after the day it
    was snoozed to, at the same hour; False for any other text."""
    found = _DAY_AFTER.match(turn.text)
    change = turn.last_change()
    if found is None or turn.last_change_name() != "snoozed" or not isinstance(
            change.get("until"), str):
        return False
    view = own_deal(turn, change.get("deal_id"))
    if view is None:
        return False
    was = datetime.fromisoformat(change["until"]).astimezone(ZoneInfo(turn.timezone))
    ahead = (_WEEKDAYS.index(found.group("day").lower()) - was.weekday()) % 7 or 7
    until = datetime.combine(was.date() + timedelta(days=ahead), was.time(), ZoneInfo(turn.timezone))
    until, day_told = _off_holiday(until, turn.timezone)
    turn.run(SnoozeDeal(deal_id=view.deal_id, until=until, actor=turn.actor))
    turn.finish(texts.snoozed(view, until, turn.timezone, day_told=day_told), done="snoozed",
                changed={"deal_id": view.deal_id, "until": until.isoformat()})
    return True


def _off_holiday(until: datetime, timezone: str) -> tuple[datetime, str]:
    """A snooze to a holiday ("till xmas") moved to the next working day, at the same hour, with
    why to say so; any other time as it is."""
    local = until.astimezone(ZoneInfo(timezone))
    name = holiday_on(local.date())
    if name is None:
        return until, ""
    moved = datetime.combine(working_day_from(local.date()), local.time(), ZoneInfo(timezone))
    return moved, f"{local:%a %b} {local.day} is {name}, so the next working day"


def _when(turn: Turn, text: str) -> datetime | None:
    """The moment a snooze names, in the rep's zone: a day alone means 9am that day."""
    zone = ZoneInfo(turn.timezone)
    local = turn.now.astimezone(zone)
    when = turn.parse.slots.get("when")
    week = sales_asks.week_start(text, local.date())  # "first week of jan": its Monday
    if week is not None:
        when = {"date": week.isoformat()}
    if not isinstance(when, dict) or not when:
        when = resolve_when(normalize(text), local.date()) or {}
    named_day = snooze_day(normalize(text), local.date())
    if named_day is not None:  # "after xmas": the day after it, never the holiday the reader saw
        when = {"date": named_day.isoformat(), "start": when.get("start")}
    day, start = when.get("date"), when.get("start")
    if day is None and start is None:
        month = sales_asks.month_start(text, local.date())  # "in march": its first working day
        if month is None:
            return None
        day = month.isoformat()
    at = time.fromisoformat(start) if isinstance(start, str) else MORNING
    on = datetime.fromisoformat(day).date() if isinstance(day, str) else local.date()
    moment = datetime.combine(on, at, zone)
    if day is None and moment <= turn.now:
        moment += timedelta(days=1)  # "at 3pm" once 3pm has passed: tomorrow
    return moment


def _after_name(text: str, view: DealView) -> str:
    """The text after the deal's name, where a reason would be ("... to a cheaper bid")."""
    lowered = text.lower()
    for name in (view.account, view.deal.title, *view.account.split()[:1]):
        at = lowered.find(name.lower())
        if at >= 0:
            return text[at + len(name):]
    return text


ACTIONS: dict[str, Callable[[Turn, DealView, str], None]] = {
    WON: confirm_won,
    LOST: confirm_lost,
    SNOOZE: snooze_deal,
}
