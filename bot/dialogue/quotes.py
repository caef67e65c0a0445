"""Approving or declining a quote: which one, its total restated, a Y/N, then the decision.

Only the sender's own account's quotes are ever looked at, so another customer's quote number
gets the same answer as a number that does not exist.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies
from bot.dialogue.reply import Reply
from bot.nlu import intents
from domain.authz import may_act_on
from domain.commands import ApproveQuote, DeclineQuote
from domain.errors import DomainError
from domain.money import format_cents
from domain.quotes import Quote

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "quote"
VERBS = {intents.APPROVE_QUOTE: "approve", intents.DECLINE_QUOTE: "decline"}


def start(turn: Turn) -> None:
    """The customer approves or declines a quote, maybe naming its number."""
    verb = VERBS[turn.parse.intent]
    digits = turn.parse.slots.get("quote")
    if digits:
        mine = [q for q in _account_quotes(turn) if q.digits == str(digits)]
        if not mine:
            turn.finish(replies.quote_not_found(str(digits)))
        elif not mine[0].awaiting_decision:
            turn.finish(replies.quote_decided(mine[0].number, mine[0].state.value))
        else:
            _confirm(turn, verb, mine[0])
        return
    waiting = _waiting(turn)
    if not waiting:
        turn.finish(replies.no_open_quotes())
    elif len(waiting) == 1:
        _confirm(turn, verb, waiting[0])
    else:
        turn.ask(FLOW, "which", {"verb": verb, "ids": [q.id for q in waiting]},
                 replies.which_quote([_choice(q) for q in waiting], verb))


def answer(turn: Turn) -> bool:
    """Answer the pending quote question; False when the text is about something else."""
    data = turn.data
    verb = str(data.get("verb", "approve"))
    if turn.step == "which":
        listed = [q for q in _waiting(turn) if q.id in set(data.get("ids", []))]
        picked = _picked(turn, listed)
        if picked is not None:
            _confirm(turn, verb, picked)
            return True
        if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE):
            turn.misunderstood(replies.which_quote([_choice(q) for q in listed], verb))
            return True
        return False
    if turn.step != "confirm":
        return False
    quote = next((q for q in _waiting(turn) if q.id == data.get("quote_id")), None)
    if quote is None:
        turn.finish(replies.no_open_quotes())
        return True
    if turn.parse.intent == intents.AFFIRM:
        _decide(turn, verb, quote)
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(replies.quote_left_open(quote.number))
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE):
        turn.misunderstood(replies.yes_or_no(_question(verb, quote)))
        return True
    return False


def _decide(turn: Turn, verb: str, quote: Quote) -> None:
    assert quote.id is not None
    command = (ApproveQuote if verb == "approve" else DeclineQuote)(quote_id=quote.id,
                                                                   actor=turn.actor)
    try:
        turn.run(command)
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    if verb == "approve":
        turn.finish(replies.quote_approved(quote.number, format_cents(quote.total_cents)),
                    done="approved")
    else:
        turn.finish(replies.quote_declined(quote.number))


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
    return None


def _account_quotes(turn: Turn) -> list[Quote]:
    assert turn.customer is not None
    return [q for q in turn.uow.quotes.find(account_id=turn.customer.account_id)
            if may_act_on(turn.actor, q)]


def _waiting(turn: Turn) -> list[Quote]:
    return [q for q in _account_quotes(turn) if q.awaiting_decision and
            (q.expires_at is None or q.expires_at > turn.now)]


def _choice(quote: Quote) -> str:
    title = f" {quote.title}" if quote.title else ""
    return f"{quote.number}{title}, {format_cents(quote.total_cents)}"


