"""A rep's requests to reopen a deal marked won or lost by mistake: asked of the office, asked
about ("did the office reopen alvarez yet?") and withdrawn ("no dont reopen chen!!").

Nothing here changes a deal: the office reopens it. What the bot must never do is send the office
a request nobody made, so a question about a request is answered, never read as a new one, and
a request sent by mistake is withdrawn with a second word to the office.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.dialogue import handoff
from bot.dialogue import sales_texts as texts
from bot.dialogue.sales_deals import DealView, deals_named, named_deals, own_deal
from domain.deals import DealStage

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# The conversation key of the reopen requests sent today (Turn's PERSISTENT_KEYS).
ASKED_KEY = "reopen_asked"
# A request is remembered for the working day: "did they reopen it yet?" comes hours later.
ASKED_KEPT = timedelta(hours=12)
# A verdict this recent is still the rep's to take back ("undo" within half an hour).
UNDO_WINDOW = timedelta(minutes=30)
_REOPEN = (r"(?:re-?open(?:ed|ing)?|undo(?:ne)?|undid|put (?:it|that|them|\w+) back|"
           r"revers(?:e|ed)|back open|open again|bring (?:it|\w+) back)")
# "did the office reopen alvarez yet?", "has chen been reopened", "is alvarez back open?": a
# question about a request, answered from the deal; "can you reopen it?" is a request.
_ASKS_WHETHER = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|hey|hmm|btw|quick q)\W+)*"
    r"(?:did|has|have|is|was|were|are|when(?:'?s| is| will| does)?|any (?:word|news|update))\b"
    r".*\b" + _REOPEN + r"\b", re.IGNORECASE)
# "no no dont reopen chen!!", "never mind the reopen", "ignore that undo": a request taken back.
_WITHDRAWS = re.compile(
    r"\b(?:don'?t|dont|do not|no need to|not|never ?mind|cancel|forget|ignore|stop|scrap)\s+"
    r"(?:(?:the|that|my|this|about|on)\s+)*" + _REOPEN
    + r"(?:\s+(?:request|it|that))?(?P<rest>.*)$", re.IGNORECASE)
# Words of such texts that name no deal.
_NOT_NAMES: frozenset[str] = frozenset(
    "did does has have had is was were are the office you they reopen reopened reopening undo "
    "undone yet back open again dont don't not no need never mind cancel forget ignore stop "
    "request it that this lost won for real i was asking about just and but so ok okay please "
    "pls still him her them deal one".split())


def asks_whether_reopened(text: str) -> bool:
    return _ASKS_WHETHER.search(text.strip()) is not None


def withdraws(text: str) -> bool:
    return _WITHDRAWS.search(text) is not None


def note_request(turn: Turn, view: DealView) -> None:
    """Remember that the office was asked to reopen `view` now (for a later question or a
    withdrawal)."""
    kept = [r for r in requests(turn) if r.get("deal_id") != view.deal_id]
    turn.remember(ASKED_KEY, {"requests": [*kept, {"deal_id": view.deal_id,
                                                    "at": turn.now.isoformat()}]})


def requests(turn: Turn) -> list[dict[str, Any]]:
    """The reopen requests this rep sent within ASKED_KEPT, oldest first."""
    raw = turn.conversation.data.get(ASKED_KEY)
    listed = raw.get("requests") if isinstance(raw, dict) else None
    return [r for r in listed or [] if isinstance(r, dict) and _within(turn, r, ASKED_KEPT)]


def requested_deal_ids(turn: Turn) -> set[int]:
    return {int(r["deal_id"]) for r in requests(turn) if isinstance(r.get("deal_id"), int)}


def _within(turn: Turn, request: dict[str, Any], span: timedelta) -> bool:
    try:
        return turn.now - datetime.fromisoformat(str(request.get("at"))) <= span
    except ValueError:
        return False


def answer_whether_reopened(turn: Turn) -> None:
    """ "did the office reopen alvarez yet?": how each deal named (else the last one asked
    about) stands and when its request went; the office hears nothing. A pending question
    stays pending."""
    asked = _named(turn, turn.text) or _latest_requested(turn)
    if not asked:
        turn.say(texts.no_reopen_asked())
        return
    turn.say(texts.reopen_states([(view, asked_at(turn, view)) for view in asked],
                                 turn.timezone))


def withdraw(turn: Turn) -> None:
    """ "no no dont reopen chen!!": the office is told to ignore the request for the deal named
    after the "don't" (else the last one); other deals named are told how they stand."""
    found = _WITHDRAWS.search(turn.text)
    after = found.group("rest") if found is not None else ""
    meant = (_named(turn, after) or _named(turn, turn.text) or _latest_requested(turn))[:1]
    replies = []
    for view in meant:
        at = asked_at(turn, view)
        if at is None:
            replies.append(texts.nothing_to_withdraw(view))
            continue
        handoff.hand_over(turn, reason=f"sales rep withdraws the request to reopen deal "
                                       f"{view.account}, {view.title} (sent by mistake): leave "
                                       f"it {view.deal.stage.value}")
        turn.remember(ASKED_KEY, {"requests": [r for r in requests(turn)
                                               if r.get("deal_id") != view.deal_id]})
        replies.append(texts.reopen_withdrawn(view))
    meant_ids = {v.deal_id for v in meant}
    others = [v for v in _named(turn, turn.text)
              if v.deal_id not in meant_ids and asked_at(turn, v)]
    if others:
        replies.append(texts.reopen_states([(v, asked_at(turn, v)) for v in others],
                                           turn.timezone))
    if not meant:
        replies.append(texts.no_reopen_asked())
    for reply in replies:
        turn.say(reply)


def recently_closed(turn: Turn) -> DealView | None:
    """The rep's deal marked won or lost last, within UNDO_WINDOW, that the office was not asked
    to reopen yet: what an "undo" may mean when the conversation kept no last change."""
    asked = requested_deal_ids(turn)
    closed = [v for v in (own_deal(turn, d.deal_id) for d in named_deals(turn, is_open=False))
              if v is not None and v.deal_id not in asked and v.deal.last_touch_at is not None
              and turn.now - v.deal.last_touch_at <= UNDO_WINDOW
              and v.deal.stage in (DealStage.WON, DealStage.LOST)]
    return max(closed, key=lambda v: v.deal.last_touch_at or turn.now, default=None)


def named_closed(turn: Turn, text: str) -> DealView | None:
    """The one won or lost deal of the rep's that a word of `text` names clearly."""
    found = [v for v in _named(turn, text) if not v.deal.is_open]
    return found[0] if len(found) == 1 else None


def _named(turn: Turn, text: str) -> list[DealView]:
    return deals_named(turn, text, _NOT_NAMES)


def _latest_requested(turn: Turn) -> list[DealView]:
    latest = requests(turn)[-1:]
    return [v for v in (own_deal(turn, r.get("deal_id")) for r in latest) if v is not None]


def asked_at(turn: Turn, view: DealView) -> datetime | None:
    """When the office was asked today to reopen `view`; None if it was not."""
    for request in requests(turn):
        if request.get("deal_id") == view.deal_id:
            return datetime.fromisoformat(str(request["at"]))
    return None
