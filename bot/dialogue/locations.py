"""Another location added to a customer's account ("we're opening a third spot at 5210 N
Broadway 60640, can you add that one to the account too"): the address is kept for later
visits, the office hears of it, and nothing is booked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies, small_talk
from bot.dialogue.addresses import Address, addresses_in
from domain.commands import AddSite
from domain.errors import OutsideServiceArea

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_PLACE = (r"(?:location|locations|address|addresses|site|sites|spot|place|property|store|shop|"
          r"office|building|restaurant|bar|unit)")
# "add our new location ...", "can you add that one to the account", "put it on our account"
_ADDS = re.compile(
    rf"\b(?:add|put|include|set up|register)\b(?:\W+\w+){{0,5}}?\W+(?:{_PLACE}|one|it|that)\b"
    r"(?:\W+\w+){0,4}?\W*(?:to|on|under|in)? ?(?:the|our|my)? ?(?:account|file|list)\b"
    rf"|\b(?:add|include|register)\b(?:\W+\w+){{0,3}}?\W+(?:new|another|third|second|other|extra) "
    rf"{_PLACE}\b", re.IGNORECASE)


def answer(turn: Turn) -> bool:
    """Add the address a known customer asks to add to their account; False for other texts."""
    if turn.customer is None or not _ADDS.search(turn.text):
        return False
    given = addresses_in(turn.text)
    if not given:
        return False
    told = [_add(turn, address) for address in given]
    small_talk.settle(turn, replies.locations_added([t for t in told if t]))
    return True


def _add(turn: Turn, address: Address) -> str | None:
    """Add one address (unless on file already); the one-line address, or None when outside."""
    assert turn.customer is not None
    on_file = next((s for s in turn.customer.sites if s.address.casefold() ==
                    address.street.casefold()), None)
    if on_file is not None:
        return on_file.one_line()
    code = address.postal_code
    city = address.city or (turn.customer.sites[0].city if turn.customer.sites else "")
    try:
        site_id = turn.run(AddSite(account_id=turn.customer.account_id, street=address.street,
                                   city=city, postal_code=code, actor=turn.actor))
    except OutsideServiceArea:
        turn.say(replies.site_outside_area(code, None))
        return None
    site = turn.uow.sites.get(int(site_id))
    if site is None:
        return None
    turn.customer.sites.append(site)
    handoff.hand_over(turn, reason=f"new location added to the account: {site.one_line()}")
    return site.one_line()
