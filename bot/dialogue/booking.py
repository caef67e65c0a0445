"""Booking a visit: what's wrong, when would suit, three offers, a pick, a confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.dialogue import handoff, offers, replies
from bot.dialogue.times import visit_label
from bot.nlu import intents
from domain.commands import BookAppointment
from domain.errors import DomainError, SchedulingConflict
from domain.scheduling import Offer, Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "book"
SCOPE_LIMIT = 300


def start(turn: Turn) -> None:
    """A customer asked for a visit, maybe naming the problem and a time."""
    assert turn.customer is not None
    if turn.customer.site is None:
        turn.ask(FLOW, "offer_human", {}, replies.no_offers())
        return
    service_id = turn.parse.slots.get("service")
    data: dict[str, Any] = {"when": turn.parse.slots.get("when"),
                            "scope": turn.text[:SCOPE_LIMIT]}
    if not service_id:
        turn.ask(FLOW, "problem", data, replies.ask_problem())
        return
    _offer(turn, {**data, "service": service_id}, offers.wish_from(turn))


def answer(turn: Turn) -> bool:
    """Answer the pending booking question; False when the text is about something else."""
    if turn.step == "problem":
        return _answer_problem(turn)
    if turn.step == offers.PICK:
        return offers.answer_pick(turn, timezone=turn.timezone, chosen=_book, research=_research)
    if turn.step == "offer_human":
        return handoff.answer_offer(turn)
    return False


def _answer_problem(turn: Turn) -> bool:
    service_id = turn.parse.slots.get("service")
    if turn.parse.intent not in (intents.BOOK, intents.UNKNOWN):
        return False
    if not service_id:
        turn.misunderstood(replies.ask_problem())
        return True
    data = turn.data
    wish = offers.wish_from(turn) or Wish.from_when(data.get("when"))
    _offer(turn, {**data, "service": service_id, "scope": turn.text[:SCOPE_LIMIT]}, wish)
    return True


def _offer(turn: Turn, data: dict[str, Any], wish: Wish | None) -> None:
    assert turn.customer is not None and turn.customer.site is not None
    site = turn.customer.site
    found = offers.search(turn, service_id=data["service"], zone_id=site.zone_id,
                          timezone=site.timezone, wish=wish)
    offers.present(turn, FLOW, {**data, "site_id": site.id}, found, wish, site.timezone)


def _research(turn: Turn, wish: Wish) -> None:
    _offer(turn, turn.data, wish)


def _book(turn: Turn, offer: Offer) -> None:
    assert turn.customer is not None
    data = turn.data
    site = next((s for s in turn.customer.sites if s.id == data.get("site_id")),
                turn.customer.site)
    assert site is not None and site.id is not None
    service = turn.catalog.get(data["service"])
    try:
        turn.run(BookAppointment(
            account_id=turn.customer.account_id, site_id=site.id, service_id=service.id,
            technician_id=offer.technician_id, start=offer.start, actor=turn.actor,
            scope=data.get("scope", ""),
        ))
    except SchedulingConflict:
        turn.say(replies.slot_taken())
        _offer(turn, data, Wish.from_when(data.get("when")))
        return
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    visit = visit_label(offer.window_start, offer.window_end, site.timezone)
    turn.finish(replies.booked(service.name, visit, offer.technician_name.split()[0],
                               site.one_line()))
