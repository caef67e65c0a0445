"""Which deal a rep's words name: the account and the title said together beat either alone."""

from __future__ import annotations

from bot.dialogue.sales_deals import match
from domain.deals import DealName

DEALS = [DealName(1, "Alvarez household", "Water heater replacement"),
         DealName(2, "Fischer household", "Water heater replacement"),
         DealName(3, "Fischer household", "Furnace replacement")]


def test_the_account_and_the_title_together_pick_one_deal() -> None:
    assert match(DEALS, "fischer water heater").chosen == DEALS[1]
    assert match(DEALS, "fischer furnace").chosen == DEALS[2]


def test_the_title_alone_is_still_a_tie_and_the_account_alone_too() -> None:
    assert match(DEALS, "water heater replacement").chosen is None
    assert set(match(DEALS, "water heater replacement").options) == {DEALS[0], DEALS[1]}
    assert match(DEALS, "fischer").chosen is None
    assert match(DEALS, "alvarez").chosen == DEALS[0]
