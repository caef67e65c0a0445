"""Times offered earlier in the same pick: "the thursday one at 12" after a later list without it.

Every list shown while one booking or move waits for a pick is kept beside the latest one, so a
time named exactly (its day and hour, or its day and window) that was offered before and is not
in the latest list still means that offer; the booking or move then checks it is still free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from domain.scheduling import Offer, Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

KEY = "earlier_offers"
KEPT = 9  # three lists of three


# What the times are for: a list for another visit, work or place is no earlier list of this pick.
_FOR = ("appointment_id", "service", "site_id")


def carried(turn: Turn, flow: str, step: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The offers shown before in this pick (the list now pending, then older ones), for the
    next list's `data`; [] when no pick of `flow` for the same visit or work is pending."""
    if turn.conversation.flow != flow or turn.step != step or any(
            turn.data.get(key) != data.get(key) for key in _FOR):
        return []
    shown: list[dict[str, Any]] = [*turn.data.get("offers", []), *turn.data.get(KEY, [])]
    unique = {(o.get("start"), o.get("technician_id")): o for o in reversed(shown)}
    return list(reversed(unique.values()))[:KEPT]


def named_before(turn: Turn, wish: Wish, timezone: str) -> Offer | None:
    """The one earlier offer a wish names exactly: its day, and its start hour or its window."""
    from bot.dialogue.offers import load  # offers imports this module

    if wish.date is None or wish.start is None or wish.through is not None:
        return None
    zone = ZoneInfo(timezone)
    named = []
    for offer in (load(raw) for raw in turn.data.get(KEY, [])):
        start, end = offer.window_start.astimezone(zone), offer.window_end.astimezone(zone)
        if start.date() != wish.date:
            continue
        # "at 7" of a 7am offer: the clock said, whichever half of the day it was read as
        exact = (start.time(), end.time()) == (wish.start, wish.end) if wish.end is not None \
            else (start.hour % 12, start.minute) == (wish.start.hour % 12, wish.start.minute)
        if exact:
            named.append(offer)
    return named[0] if len(named) == 1 else None
