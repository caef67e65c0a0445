"""The follow-up rules: each stage's limit, unanswered quotes, follow-ups due in the rep's own
today (also across a daylight-saving change), snoozed deals kept quiet, most valuable first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.deals import Deal, DealStage
from domain.follow_ups import FollowUpRules, follow_up
from domain.quotes import Quote, QuoteState
from tests.fakes import FakeUnitOfWork

CHICAGO = "America/Chicago"
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # Monday 9:30 in Chicago
RULES = FollowUpRules.at(NOW, CHICAGO)


def deal(stage: DealStage = DealStage.NEW, *, touched: timedelta | None = timedelta(hours=1),
         due: datetime | None = None, amount: int = 100_000, owner: int = 1) -> Deal:
    return Deal(account_id=1, site_id=1, title="Work", service_id="hvac_repair", owner_id=owner,
                amount_cents=amount, stage=stage, next_follow_up_at=due,
                last_touch_at=None if touched is None else NOW - touched, id=1)


@pytest.mark.parametrize(("stage", "days"), [(DealStage.NEW, 2), (DealStage.QUALIFIED, 5),
                                             (DealStage.QUOTED, 3)])
def test_a_deal_is_stale_only_past_its_stages_limit(stage: DealStage, days: int) -> None:
    assert not RULES.needs_follow_up(deal(stage, touched=timedelta(days=days)), [])
    late = deal(stage, touched=timedelta(days=days, minutes=1))
    assert RULES.needs_follow_up(late, [])
    assert follow_up(late, [], RULES, CHICAGO).reasons == (
        f"untouched {days} days ({stage.value} limit {days})",)


def test_a_deal_never_touched_is_stale_and_closed_deals_never_listed() -> None:
    assert follow_up(deal(touched=None), [], RULES, CHICAGO).reasons == (
        "never touched (new limit 2)",)
    for stage in (DealStage.WON, DealStage.LOST):
        assert not RULES.needs_follow_up(deal(stage, touched=None), [])


def test_a_quote_unanswered_for_two_days_lists_its_deal() -> None:
    fresh = Quote(number="Q-1", account_id=1, lines=(), deal_id=1, state=QuoteState.SENT,
                  sent_at=NOW - timedelta(days=1, hours=23))
    old = Quote(number="Q-2", account_id=1, lines=(), deal_id=1, state=QuoteState.SENT,
                sent_at=NOW - timedelta(days=4))
    decided = Quote(number="Q-3", account_id=1, lines=(), deal_id=1,
                    state=QuoteState.DECLINED, sent_at=NOW - timedelta(days=9))
    touched_since_sent = deal(DealStage.QUALIFIED, touched=timedelta(days=3))  # before Q-2 lapsed
    assert not RULES.needs_follow_up(touched_since_sent, [fresh, decided])
    assert follow_up(touched_since_sent, [fresh, old], RULES, CHICAGO).reasons == (
        "quote Q-2 unanswered 4 days",)


def test_an_unanswered_quote_lists_a_deal_snoozed_before_it_went_unanswered() -> None:
    old = Quote(number="Q-2", account_id=1, lines=(), deal_id=1, state=QuoteState.SENT,
                sent_at=NOW - timedelta(days=4))
    next_week = NOW + timedelta(days=7)
    # Snoozed five days ago, before the quote was sent: the rep has not seen it go unanswered.
    snoozed_earlier = deal(DealStage.QUOTED, touched=timedelta(days=5), due=next_week)
    assert RULES.needs_follow_up(snoozed_earlier, [old])
    assert follow_up(snoozed_earlier, [old], RULES, CHICAGO).reasons == (
        "quote Q-2 unanswered 4 days",)  # its silence is not told: the snooze still holds
    # Snoozed (or otherwise touched) once the quote had gone unanswered: quiet till its date.
    for touched in (timedelta(days=2), timedelta(hours=1)):
        assert not RULES.needs_follow_up(deal(DealStage.QUOTED, touched=touched, due=next_week),
                                         [old])
    assert not RULES.needs_follow_up(deal(DealStage.QUOTED, touched=timedelta(hours=1)), [old])


def test_due_today_means_the_reps_own_today_and_snoozed_past_it_stays_quiet() -> None:
    late_tonight = datetime(2026, 3, 3, 5, 59, tzinfo=UTC)  # 11:59pm Monday in Chicago
    assert follow_up(deal(due=late_tonight), [], RULES, CHICAGO).reasons == ("due today",)
    tomorrow = datetime(2026, 3, 3, 6, 0, tzinfo=UTC)  # midnight: Tuesday in Chicago
    assert not RULES.needs_follow_up(deal(due=tomorrow), [])
    assert not RULES.needs_follow_up(deal(touched=timedelta(days=30), due=tomorrow), [])
    overdue = deal(due=NOW - timedelta(days=3))
    assert follow_up(overdue, [], RULES, CHICAGO).reasons == ("overdue since Fri Feb 27",)


def test_today_ends_at_local_midnight_on_the_day_clocks_spring_forward() -> None:
    sunday = FollowUpRules.at(datetime(2026, 3, 8, 15, 0, tzinfo=UTC), CHICAGO)  # DST begins
    assert sunday.day_end == datetime(2026, 3, 9, 5, 0, tzinfo=UTC)  # midnight CDT, not CST


def test_the_list_is_the_most_valuable_first_and_at_most_five() -> None:
    uow = FakeUnitOfWork()
    for n in range(8):
        uow.deals.add(deal(touched=timedelta(days=10), amount=(n * 37) % 8 * 1000))
    uow.deals.add(deal(touched=timedelta(days=10), amount=99_000, owner=2))
    found = uow.deals.needing_follow_up(RULES, owner_id=1, limit=5)
    assert [d.amount_cents for d in found] == [7000, 6000, 5000, 4000, 3000]
    assert uow.deals.needing_follow_up(RULES, owner_id=None, limit=1)[0].amount_cents == 99_000
