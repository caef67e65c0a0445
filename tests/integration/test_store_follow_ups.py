"""The store selects a rep's follow-ups by the very rule the domain states, on SQLite and
PostgreSQL: over deals at every stage, touched and due at every distance, with quotes in every
state, the query's answer equals FollowUpRules.needs_follow_up, ordered by amount."""

from __future__ import annotations

from datetime import timedelta

from domain.deals import Deal, DealStage
from domain.follow_ups import FollowUpRules
from domain.money import Line
from domain.quotes import Quote, QuoteState
from tests.integration.dialogue_world import MONDAY_MORNING, build_world

STAGES = list(DealStage)
STATES = list(QuoteState)


def test_the_query_selects_exactly_what_the_rule_says(uow_factory) -> None:  # type: ignore[no-untyped-def]
    world = build_world(uow_factory)
    ids, now = world.ids, MONDAY_MORNING
    with uow_factory() as uow:
        for n in range(150):
            deal = uow.deals.add(Deal(
                account_id=ids["maria_account"], site_id=ids["maria_site"], title=f"Work {n}",
                service_id="hvac_repair", owner_id=ids["rita"] if n % 4 else ids["dana"],
                amount_cents=(n * 7919) % 50_000, stage=STAGES[n % len(STAGES)],
                last_touch_at=None if n % 11 == 0 else now - timedelta(hours=(n * 13) % 200),
                next_follow_up_at=None if n % 3 == 0 else now + timedelta(hours=(n * 29) % 100 - 60)))
            for k in range(n % 3):
                uow.quotes.add(Quote(
                    number=f"Q-{n}-{k}", account_id=ids["maria_account"], deal_id=deal.id,
                    lines=(Line("Work", 1, 100),), state=STATES[(n + k) % len(STATES)],
                    sent_at=now - timedelta(hours=(n * 17 + k * 31) % 120)))
        uow.commit()
    rules = FollowUpRules.at(now, "America/Chicago")
    with uow_factory() as uow:
        selected = [d.id for d in uow.deals.needing_follow_up(rules, owner_id=ids["rita"],
                                                              limit=1000)]
        ruled = sorted((d for d in uow.deals.find(owner_id=ids["rita"])
                        if rules.needs_follow_up(d, uow.quotes.find(deal_id=d.id))),
                       key=lambda d: (-d.amount_cents, d.id))
        assert 10 < len(selected) < 100  # the data has deals on both sides of the rule
        assert selected == [d.id for d in ruled]
        assert [d.id for d in uow.deals.needing_follow_up(rules, owner_id=ids["rita"],
                                                          limit=5)] == selected[:5]


def test_a_snooze_before_a_quote_went_unanswered_does_not_hide_it(uow_factory) -> None:  # type: ignore[no-untyped-def]
    world = build_world(uow_factory)
    ids, now = world.ids, MONDAY_MORNING
    quote_sent = now - timedelta(days=4)
    touches = {"snoozed before": quote_sent - timedelta(hours=1),
               "snoozed after": quote_sent + timedelta(days=2, minutes=1),
               "snoozed just before": quote_sent + timedelta(days=2, seconds=-1)}
    made: dict[str, int] = {}
    with uow_factory() as uow:
        for title, touched in touches.items():
            deal = uow.deals.add(Deal(
                account_id=ids["maria_account"], site_id=ids["maria_site"], title=title,
                service_id="hvac_repair", owner_id=ids["rita"], stage=DealStage.QUOTED,
                last_touch_at=touched, next_follow_up_at=now + timedelta(days=7)))
            assert deal.id is not None
            made[title] = deal.id
            uow.quotes.add(Quote(number=f"Q-{title}", account_id=ids["maria_account"],
                                 deal_id=deal.id, lines=(Line("Work", 1, 100),),
                                 state=QuoteState.SENT, sent_at=quote_sent))
        uow.commit()
    rules = FollowUpRules.at(now, "America/Chicago")
    with uow_factory() as uow:
        selected = {d.id for d in uow.deals.needing_follow_up(rules, owner_id=ids["rita"],
                                                              limit=1000)}
    assert made["snoozed before"] in selected
    assert made["snoozed just before"] in selected
    assert made["snoozed after"] not in selected
