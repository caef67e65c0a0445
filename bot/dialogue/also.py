"""A second request in the same text as a cancel ("cancel thursday's drain cleaning and also can
someone look at my furnace"): said back with the Y/N, and taken up once the cancel is answered.

Only the clause after "and also"/"also"/"plus" is read, and only when it names work of its own;
it becomes the booking's problem, never the "Y" that answers the cancel.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.dialogue import quote_questions, replies
from bot.dialogue.reply import Reply
from bot.nlu import intents
from bot.nlu.result import Parse
from bot.nlu.services import ServiceMatcher
from domain.catalog import Catalog
from domain.errors import DomainError

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_ALSO = re.compile(r"\b(?:and also|also|and then|plus|as well as|and (?=can|could|will|would))\b",
                   re.IGNORECASE)
SCOPE_LIMIT = 200
# Requests that, after a leading "also", are the text's one request ("also cancel the 16th").
_ONE_REQUEST = frozenset({intents.CANCEL, intents.RESCHEDULE})


# "and also the electrical one": another visit of theirs named, not new work asked for.
_A_VISIT = re.compile(r"\b(?:one|ones|visit|visits|appointment|appt|booking)\b", re.IGNORECASE)


def request(turn: Turn) -> dict[str, Any]:
    """The work asked for after "also" in this text, as {"service", "scope"}; {} when none."""
    found = _ALSO.search(turn.text)
    if found is None:
        return {}
    if turn.parse.intent in _ONE_REQUEST and not any(c.isalnum() for c in turn.text[:found.start()]):
        return {}  # "also cancel the drain cleaning on the 16th": the one request, after another text
    # the other request ends with its sentence: "one more thing, and then I will leave you be. ..."
    tail = re.split(r"(?<=[.!?])\s", turn.text[found.end():].strip(" ,"), maxsplit=1)[0].strip(" ,.")
    if _A_VISIT.search(tail) or quote_questions.mentions_quote(tail):
        return {}  # another visit of theirs, or a quote asked about or for: not work to book
    service = _matcher(turn.catalog).match(tail.lower())
    return {"service": service, "scope": tail[:SCOPE_LIMIT]} if service else {}


def head(turn: Turn, text: str) -> str:
    """`text` without the other request after "also", which names no visit of theirs."""
    found = _ALSO.search(text)
    return text[:found.start()] if found is not None and request(turn) else text


def told(turn: Turn, question: Reply, then: dict[str, Any]) -> Reply:
    """The Y/N with the other request said back, so the customer knows it is not lost."""
    if not then:
        return question
    return replies.then_also(question, _name(turn, str(then["service"])))


def take_up(turn: Turn, then: dict[str, Any]) -> None:
    """After the cancel is answered, start booking the other work (its own words as the scope)."""
    if not then:
        return
    from bot.dialogue import booking  # the booking flow starts from this text's parse

    turn.say(replies.now_for(_name(turn, str(then["service"]))))
    turn.parse = Parse(intents.BOOK, {"service": then["service"]}, 1.0)
    turn.text = str(then.get("scope") or "")
    booking.start(turn)


@lru_cache(maxsize=4)
def _matcher(catalog: Catalog) -> ServiceMatcher:
    return ServiceMatcher(catalog)


def _name(turn: Turn, service_id: str) -> str:
    try:
        return turn.catalog.get(service_id).name.lower()
    except DomainError:
        return "other request"
