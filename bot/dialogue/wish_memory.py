"""What the customer wished holds while times are chosen: days turned down stay turned down,
and a whole week asked for stays the week asked for.

"any morning next week, not monday or friday" then "what else do you have": the offers that
follow never fall on Monday or Friday, and a Christmas Day refused ("xmas?? no") is not offered
again. The days live in the flow's data under `KEY` for as long as a time is being chosen; a day
asked for by name later ("ok monday then") is no longer turned down.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.scheduling import Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

KEY = "not_days"
# The steps of a flow that is choosing a time: what was turned down in it still holds.
_CHOOSING = ("pick", "when", "offer_human")


def remembered(turn: Turn) -> frozenset[date]:
    """The days turned down earlier while choosing this time; none outside such a step."""
    if turn.step not in _CHOOSING:
        return frozenset()
    return frozenset(date.fromisoformat(str(day)) for day in turn.data.get(KEY) or [])


def _named(wish: Wish | None) -> set[date]:
    """The one day a wish names ("monday then"): asked for again, so no longer turned down."""
    return {wish.date} if wish is not None and wish.date is not None and wish.through is None \
        else set()


def applied(turn: Turn, wish: Wish | None) -> Wish | None:
    """`wish` with the days turned down earlier left out of what may be offered."""
    days = remembered(turn) - _named(wish)
    if not days:
        return wish
    base = wish or Wish()
    return replace(base, not_days=base.not_days | days)


def kept(turn: Turn, data: dict[str, Any], wish: Wish | None) -> dict[str, Any]:
    """`data` to store with the offers, holding every day turned down so far."""
    days = (remembered(turn) | (wish.not_days if wish is not None else frozenset())) - _named(wish)
    if not days:
        return {key: value for key, value in data.items() if key != KEY}
    return {**data, KEY: sorted(day.isoformat() for day in days)}


_THROUGH = "through"


def stored(wish: Wish | None) -> dict[str, Any]:
    """What a wish holds beyond the `when` slot (a week's last day, the days turned down), to
    keep in a flow's data until times are offered."""
    if wish is None:
        return {}
    held: dict[str, Any] = {}
    if wish.through is not None:
        held[_THROUGH] = wish.through.isoformat()
    if wish.not_days:
        held[KEY] = sorted(day.isoformat() for day in wish.not_days)
    return held


def restored(data: dict[str, Any]) -> Wish:
    """The wish kept in a flow's data: its `when`, and the week and days `stored` beside it."""
    wish = Wish.from_when(data.get("when"))
    through = data.get(_THROUGH)
    if through and wish.date is not None:
        wish = replace(wish, through=date.fromisoformat(str(through)))
    days = frozenset(date.fromisoformat(str(day)) for day in data.get(KEY) or [])
    return replace(wish, not_days=wish.not_days | (days - _named(wish))) if days else wish
