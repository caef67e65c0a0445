"""Who may act on a deal, as a matrix: its owner, another rep, a sales manager, a dispatcher,
a technician and a customer, for every command that changes a deal. What one may not touch is
not found, the same answer as for a deal that does not exist."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.authz import may_act_on
from domain.commands import MarkDealLost, MarkDealWon, SnoozeDeal
from domain.deals import Deal, DealStage
from domain.errors import NotFound
from tests.fakes import NOW


def a_deal(world) -> Deal:  # type: ignore[no-untyped-def]
    return world.uow.deals.add(Deal(account_id=world.account_id, site_id=world.site_id,
                                    title="Panel upgrade", service_id="electrical",
                                    owner_id=world.sam_id, amount_cents=300_000,
                                    stage=DealStage.QUALIFIED))


ACTORS = {
    "owner": lambda w: w.sales(),
    "another rep": lambda w: w.sales(w.other_rep_id),
    "another rep who manages all deals": lambda w: replace(w.sales(w.other_rep_id),
                                                           all_deals=True),
    "dispatcher": lambda w: w.dispatcher(),
    "technician": lambda w: w.technician(w.tom_id),
    "the deal's customer": lambda w: w.customer(),
}
ALLOWED = {"owner", "another rep who manages all deals", "dispatcher"}
COMMANDS = {
    "won": lambda deal_id, actor: MarkDealWon(deal_id=deal_id, actor=actor),
    "lost": lambda deal_id, actor: MarkDealLost(deal_id=deal_id, actor=actor, reason="price"),
    "snooze": lambda deal_id, actor: SnoozeDeal(deal_id=deal_id, actor=actor,
                                                until=NOW + timedelta(days=3)),
}


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_only_the_owner_a_manager_or_dispatch_may_change_a_deal(bus, world, who: str,
                                                                 command: str) -> None:
    deal = a_deal(world)
    actor = ACTORS[who](world)
    assert may_act_on(actor, deal) is (who in ALLOWED)
    order = COMMANDS[command](deal.id, actor)
    if who in ALLOWED:
        bus.handle(order)
        assert deal.stage is not DealStage.QUALIFIED or deal.next_follow_up_at is not None
    else:
        with pytest.raises(NotFound) as refused:
            bus.handle(order)
        with pytest.raises(NotFound) as missing:
            bus.handle(COMMANDS[command](deal.id + 1000, actor))
        assert str(refused.value) == str(missing.value) == "No deal of yours matches that"
        assert deal.stage is DealStage.QUALIFIED and deal.next_follow_up_at is None
        assert len(world.uow.jobs) == 0
