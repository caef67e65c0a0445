"""A won deal becomes exactly one job; a customer's quote decision reaches the staff."""

from __future__ import annotations

import pytest

from domain.commands import ApproveQuote, DeclineQuote, MarkDealLost, MarkDealWon
from domain.deals import Deal, DealStage
from domain.errors import InvalidTransition
from domain.jobs import Job, JobState
from domain.messages import MessageKind, MessageStatus
from domain.money import Line
from domain.parties import Channel
from domain.quotes import Quote, QuoteState
from tests.fakes import NOW

LINES = (Line("Furnace, 80k BTU", 1, 350_000), Line("Installation", 6, 12_500))


def a_deal(world, stage=DealStage.QUOTED, scope="Replace the furnace") -> Deal:
    return world.uow.deals.add(Deal(account_id=world.account_id, site_id=world.west_site_id,
                                    title="New furnace", service_id="hvac_repair",
                                    owner_id=world.sam_id, scope=scope, stage=stage))


def a_sent_quote(world, *, deal_id=None, job_id=None) -> Quote:
    return world.uow.quotes.add(Quote(number="Q-1042", account_id=world.account_id,
                                      lines=LINES, deal_id=deal_id, job_id=job_id,
                                      state=QuoteState.SENT, sent_at=NOW))


def notices(world):
    return [m for m in world.uow.messages.items if m.kind is MessageKind.NOTICE]


def test_a_won_deal_creates_one_job_with_its_site_service_and_scope(bus, world):
    deal = a_deal(world)
    job_id = bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales()))
    job = world.uow.jobs.get(job_id)
    assert (job.account_id, job.site_id, job.service_id, job.scope, job.deal_id) == (
        world.account_id, world.west_site_id, "hvac_repair", "Replace the furnace", deal.id)
    assert job.state is JobState.REQUESTED
    assert deal.stage is DealStage.WON and deal.job_id == job_id


def test_marking_a_deal_won_twice_still_makes_exactly_one_job(bus, world):
    deal = a_deal(world)
    first = bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales()))
    second = bus.handle(MarkDealWon(deal_id=deal.id, actor=world.dispatcher()))
    assert first == second
    assert len(world.uow.jobs) == 1


def test_a_deal_without_scope_hands_its_title_to_the_job(bus, world):
    deal = a_deal(world, scope="")
    job = world.uow.jobs.get(bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales())))
    assert job.scope == "New furnace"


def test_a_lost_deal_cannot_be_won_and_makes_no_job(bus, world):
    deal = a_deal(world)
    bus.handle(MarkDealLost(deal_id=deal.id, actor=world.sales()))
    with pytest.raises(InvalidTransition, match="is lost"):
        bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales()))
    assert len(world.uow.jobs) == 0


def test_an_approved_quote_wins_its_deal_creates_the_job_and_tells_the_owner(bus, world):
    deal = a_deal(world)
    quote = a_sent_quote(world, deal_id=deal.id)
    bus.handle(ApproveQuote(quote_id=quote.id, actor=world.customer()))
    assert quote.state is QuoteState.APPROVED
    assert deal.stage is DealStage.WON
    [job] = world.uow.jobs.items
    assert (quote.job_id, deal.job_id, job.lines) == (job.id, job.id, LINES)
    [notice] = [m for m in notices(world) if m.staff_id == world.sam_id]
    assert (notice.channel, notice.address) == (Channel.TELEGRAM, "4242")
    assert notice.status is MessageStatus.QUEUED
    assert "Q-1042 was approved" in notice.body and "$4,250.00" in notice.body
    assert f"Its job is {job.number}." in notice.body


def test_an_approved_quote_hands_its_deal_over_as_the_reps_won_does(bus, world):
    deal = a_deal(world)
    quote = a_sent_quote(world, deal_id=deal.id)
    bus.handle(ApproveQuote(quote_id=quote.id, actor=world.customer()))
    [job] = world.uow.jobs.items
    [dispatch] = [m for m in notices(world) if m.staff_id == world.dispatcher_id]
    assert dispatch.body.startswith("Deal won by the customer's approval of its quote")
    assert job.number in dispatch.body and "ready to schedule" in dispatch.body
    # The customer is in the conversation: the reply invites them, no second text does.
    assert not [m for m in notices(world) if m.staff_id is None]
    assert any(job.number in a.summary and "dispatch told" in a.summary
               for a in world.uow.activities.items)


def test_a_quote_of_a_lost_deal_is_referred_to_the_office_not_approved(bus, world):
    deal = a_deal(world)
    bus.handle(MarkDealLost(deal_id=deal.id, reason="price", actor=world.sales()))
    quote = a_sent_quote(world, deal_id=deal.id)
    assert bus.handle(ApproveQuote(quote_id=quote.id, actor=world.customer())) is False
    assert quote.state is QuoteState.SENT and deal.stage is DealStage.LOST
    assert len(world.uow.jobs) == 0
    told = {m.staff_id: m.body for m in notices(world)}
    assert set(told) == {world.dispatcher_id, world.sam_id}
    assert "Call " in told[world.dispatcher_id] and "Q-1042" in told[world.dispatcher_id]
    assert "marked lost (price)" in told[world.dispatcher_id]


def test_an_approved_quote_for_an_already_won_deal_reuses_its_job(bus, world):
    deal = a_deal(world)
    job_id = bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales()))
    quote = a_sent_quote(world, deal_id=deal.id)
    bus.handle(ApproveQuote(quote_id=quote.id, actor=world.customer()))
    assert len(world.uow.jobs) == 1
    assert quote.job_id == job_id


def test_an_approved_quote_prices_its_job_and_tells_the_dispatchers(bus, world):
    job = world.uow.jobs.add(Job(account_id=world.account_id, site_id=world.site_id,
                                 service_id="hvac_repair", state=JobState.SCHEDULED))
    quote = a_sent_quote(world, job_id=job.id)
    bus.handle(ApproveQuote(quote_id=quote.id, actor=world.customer()))
    assert job.lines == LINES
    [notice] = notices(world)
    assert (notice.staff_id, notice.address) == (world.dispatcher_id, "+13125550100")
    assert notice.idempotency_key == f"quote-approved:{quote.id}:staff:{world.dispatcher_id}"


def test_a_declined_quote_notifies_the_deal_owner_and_leaves_the_deal_open(bus, world):
    deal = a_deal(world)
    quote = a_sent_quote(world, deal_id=deal.id)
    bus.handle(DeclineQuote(quote_id=quote.id, actor=world.customer()))
    assert quote.state is QuoteState.DECLINED
    assert deal.stage is DealStage.QUOTED
    assert len(world.uow.jobs) == 0
    [notice] = notices(world)
    assert notice.staff_id == world.sam_id and "Q-1042 was declined" in notice.body


def test_a_quote_decision_is_written_to_the_account_timeline(bus, world):
    quote = a_sent_quote(world)
    bus.handle(DeclineQuote(quote_id=quote.id, actor=world.customer()))
    [activity] = world.uow.activities.find(subject_type="quote")
    assert (activity.account_id, activity.summary, activity.channel) == (
        world.account_id, "Quote Q-1042 declined", "sms")
